"""Markup left in text captures: HTML entities and wiki markup.

Text dumps of web pages (a JSONL record's ``text`` field, a plain-text file, a feed's summary) often
keep what the HTML parser would have decoded: ``&quot;One`` is then read as a name and ``&amp;`` splits
a sentence. Wiki text dumps also keep headings (``== Reactions ==``), bullets of links
(``*[http://... SPEAK]``), bold/italic quotes (``''Xinhua''``) and external links
(``[http://url label]``). None of it is article prose: entities are decoded, headings and bullet
items are cut out (with their text, a heading is not a sentence that reports an event), quotes
markup is dropped and a link keeps its label.

Template residue is cut as well (see :mod:`eventwire.extract.templates`): a dump flattens a template
call to its name ("Middle East infobox  One of the leaders ..."), which glued to the first sentence
became its actor.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from eventwire.extract.templates import TEMPLATE_SIGNS, strip_template_residue

__all__ = ["decode_entities", "strip_wiki_markup"]

# an entity with its terminating semicolon: "&quot;", "&#8217;", "&#x2019;". Without the semicolon
# ("AT&T", "R&D", "&copy 2009") it is left alone: html.unescape would read some of those too.
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# decoding twice covers double-escaped dumps ("&amp;quot;"), never more
_MAX_PASSES = 2
# "== Heading ==" up to "====== Heading ======", inline or on its own line
_HEADING = re.compile(r"(?<!=)(={2,6})[ \t]*([^=\n]{1,120}?)[ \t]*\1(?!=)")
# a bullet item of a wiki list: "*" or "#" at the start of a line or after a paragraph gap (two spaces
# in a flattened dump), running to the next bullet, line break or paragraph gap. Two spaces before a
# word in lower case are no paragraph gap but a removed link's trace ("the University of Tehran
# peacefully protested"): the item goes on.
_BULLET = re.compile(r"(?:(?<=\n)|(?<=^)|(?<=  ))[ \t]*[*#]+[ \t]*(?=\S)[^\n]*?"
                     r"(?=  (?![a-z])|[ \t][*#]+[ \t]*\S|\n|$)")
# a bullet item that is a sentence of the story (kept, without its marker): it begins with a capital,
# a digit or a quote, ends with a sentence end, has at least five words, and holds no link, table or
# tag; a list of links, names or headlines ("Army attacks rebels, February 1, 2005.") is cut
_PROSE_ITEM = re.compile(r"[A-Z0-9\"\u201c][^\[\]|<>{}]*(?<![0-9]{4})[.!?][\"'\u201d\u2019)]*")
_MIN_PROSE_WORDS = 5
# a lone "=" (the tail of a heading cut by the dump) or bold/italic quote markup
_STRAY = re.compile(r"(?:(?<=\s)|^)=+(?=\s|$)|'{2,5}")
# "[http://example.org label]" -> "label"; "[http://example.org]" -> ""
_EXTERNAL_LINK = re.compile(r"\[(?:https?|ftp)://[^\s\]]+(?:[ \t]+([^\]\n]*))?\]")
# an image with its caption: "[[Image:x.jpg|thumb|U.S. Senate ...]]" (the dump often loses the closing
# brackets: the caption then runs to its full stop or the next paragraph gap)
_IMAGE = re.compile(r"\[\[(?:Image|File):[^\]\n]*?(?:\]\]|(?<=[.!?])(?=\s)|(?=  )|(?=\n)|$)", re.IGNORECASE)
# headings of the trailing sections of a wiki article: everything under them is links and sources
TRAILER_HEADINGS = frozenset({"related news", "external links", "sources", "source", "see also", "references",
                              "related articles", "notes", "further reading", "links"})
_WIKI_SIGNS = re.compile(r"={2,}|''|\[\[|\[(?:https?|ftp)://|(?:^|\n|  )[ \t]*\*+[ \t]*\[|" + TEMPLATE_SIGNS)


def decode_entities(text: str) -> str:
    """Decode HTML character entities that end in a semicolon ("&quot;" -> '"'), at most twice."""
    for _ in range(_MAX_PASSES):
        if "&" not in text or not _ENTITY.search(text):
            break
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    return text


def strip_wiki_markup(text: str) -> tuple[str, list[tuple[str, str]]]:
    """``text`` without wiki headings, bullet items, quote markup and link brackets, and the pieces
    cut out as (reason, text). Text without any wiki sign is returned unchanged."""
    if not _WIKI_SIGNS.search(text):
        return text, []
    removed: list[tuple[str, str]] = []

    def cut(reason: str) -> Callable[[re.Match[str]], str]:
        def replace(match: re.Match[str]) -> str:
            removed.append((reason, match.group(0).strip()))
            return "\n\n"
        return replace

    text = strip_template_residue(text, removed)
    text = _cut_trailer(text, removed)
    text = _IMAGE.sub(cut("wiki image caption"), text)
    text = _HEADING.sub(cut("wiki heading"), text)
    text = _BULLET.sub(_bullet_cutter(removed), text)
    text = _EXTERNAL_LINK.sub(lambda m: m.group(1) or "", text)
    text = _STRAY.sub("", text)
    return text, removed


def _bullet_cutter(removed: list[tuple[str, str]]) -> Callable[[re.Match[str]], str]:
    """A bullet item that is a sentence of the story stays, as a paragraph of its own ("*On the night
    of June 3, students ... protested ... ."); any other item is cut (a link, a name, a headline)."""
    def replace(match: re.Match[str]) -> str:
        item = match.group(0).strip().lstrip("*#").strip()
        if len(item.split()) >= _MIN_PROSE_WORDS and _PROSE_ITEM.fullmatch(item) and "://" not in item:
            return "\n\n" + item + "\n\n"
        removed.append(("wiki bullet", match.group(0).strip()))
        return "\n\n"
    return replace


def _cut_trailer(text: str, removed: list[tuple[str, str]]) -> str:
    """Cut a trailing section ("== Related news ==", "== Sources ==") and all that follows it, up to a
    heading of another kind (a story section after the links, rare): its bullets are headlines of
    other stories ("Chavez and Uribe scheduled to meet"), not sentences of this one."""
    for match in _HEADING.finditer(text):
        if match.group(2).strip().lower() not in TRAILER_HEADINGS:
            continue
        end = len(text)
        for later in _HEADING.finditer(text, match.end()):
            if later.group(2).strip().lower() not in TRAILER_HEADINGS:
                end = later.start()
                break
        removed.append(("wiki trailer section", text[match.start():end].strip()))
        return text[:match.start()] + "\n\n" + _cut_trailer(text[end:], removed) if end < len(text) else text[:match.start()]
    return text
