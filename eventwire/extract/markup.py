"""Markup left in text captures: HTML entities and wiki markup.

Text dumps of web pages (a JSONL record's ``text`` field, a plain-text file, a feed's summary) often
keep what the HTML parser would have decoded: ``&quot;One`` is then read as a name and ``&amp;`` splits
a sentence. Wiki text dumps also keep headings (``== Reactions ==``), bullets of links
(``*[http://... SPEAK]``), bold/italic quotes (``''Xinhua''``) and external links
(``[http://url label]``). None of it is article prose: entities are decoded, headings and bullet
items are cut out (with their text, a heading is not a sentence that reports an event), quotes
markup is dropped and a link keeps its label.
"""

from __future__ import annotations

import html
import re

__all__ = ["decode_entities", "strip_wiki_markup"]

# an entity with its terminating semicolon: "&quot;", "&#8217;", "&#x2019;". Without the semicolon
# ("AT&T", "R&D", "&copy 2009") it is left alone: html.unescape would read some of those too.
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# decoding twice covers double-escaped dumps ("&amp;quot;"), never more
_MAX_PASSES = 2
# "== Heading ==" up to "====== Heading ======", inline or on its own line
_HEADING = re.compile(r"(?<!=)(={2,6})[ \t]*([^=\n]{1,120}?)[ \t]*\1(?!=)")
# a bullet item of a wiki list: "*" or "#" at the start of a line or after a paragraph gap (two spaces
# in a flattened dump), running to the next bullet, line break or paragraph gap
_BULLET = re.compile(r"(?:(?<=\n)|(?<=^)|(?<=  ))[ \t]*[*#]+[ \t]*(?=\S)[^\n]*?(?=  |\n|$)")
# a lone "=" (the tail of a heading cut by the dump) or bold/italic quote markup
_STRAY = re.compile(r"(?:(?<=\s)|^)=+(?=\s|$)|'{2,5}")
# "[http://example.org label]" -> "label"; "[http://example.org]" -> ""
_EXTERNAL_LINK = re.compile(r"\[(?:https?|ftp)://[^\s\]]+(?:[ \t]+([^\]\n]*))?\]")
_WIKI_SIGNS = re.compile(r"={2,}|''|\[(?:https?|ftp)://|(?:^|\n|  )[ \t]*\*+[ \t]*\[")


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

    def cut(reason: str) -> object:
        def replace(match: re.Match[str]) -> str:
            removed.append((reason, match.group(0).strip()))
            return "\n\n"
        return replace

    text = _HEADING.sub(cut("wiki heading"), text)
    text = _BULLET.sub(cut("wiki bullet"), text)
    text = _EXTERNAL_LINK.sub(lambda m: m.group(1) or "", text)
    text = _STRAY.sub("", text)
    return text, removed
