"""Web furniture in a capture: share counters, layout class names, cookie banners, image credits.

Rules look at one line at a time and at its *shape* (a run of hyphenated lowercase tokens is a list of
CSS breakpoint names, whatever the names are); the phrase lists live in ``data/junk_lines.tsv``. The
``edge`` zone (before the first and after the last paragraph of prose) is treated more harshly than
the ``body``: a real sentence that mentions a newsletter or a photo must survive.
"""

from __future__ import annotations

import functools
import re

from eventwire.extract.tables import read_rows

__all__ = ["junk_reason", "is_prose", "word_count"]

_BULLETS = re.compile(r"^[\s•·*▪►▶›»>|\-–—]+")
_EDGE_PUNCT = re.compile(r"[\s.:|•·»›>\-–—]+$")
_COUNTER = re.compile(r"^[\d\s:|/.,+()•·\-–]{1,30}$")
_LAYOUT_TOKEN = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)+")
_RELATIVE_ONLY = re.compile(
    r"^(?:(?:updated|posted|published)\s)?(?:\d{1,4}|an?|one)\s(?:second|sec|minute|min|hour|hr|day|week|month|year)s?\sago\.?$",
    re.I,
)
_PHOTO_LEAD = re.compile(
    r"^\(?(?:file\s)?(?:photo|photograph|picture|image|illustration|video|graphic)s?(?:\scredit)?\s?(?:by\b|:|/|\|)", re.I
)
_CREDIT_LEAD = re.compile(r"^\(?(?:photo\s|image\s)?credit\s?:", re.I)
# "... June 27, 2009. REUTERS/John Kolesidis" and "(AP Photo/Jane Doe)" close photo captions.
_AGENCY_PHOTO_TAIL = re.compile(
    r"(?:\b(?:REUTERS|AFP|AP|EPA|EPA-EFE|XINHUA|ANADOLU|SPUTNIK|TASS|POOL|KCNA|YONHAP|[A-Z]{2,}\sPHOTO)\s?/\s?[A-Z][\w.'’\-]*(?:\s[A-Z][\w.'’\-]*){0,3}(?:\s?/\s?(?:File|Pool)(?:\sPhoto)?)?"
    r"|\((?:AP|AFP|Reuters|EPA)\s(?:Photo|Images?)/[^()]{1,80}\)|Getty Images\)?|/\s?Getty|Shutterstock)\.?$"
)
_READING_TIME = re.compile(r"^\d{1,3}\s?(?:min|mins|minutes?)\s(?:read|listen)$", re.I)
_SENTENCE_END = re.compile(r"[.!?…。！？][\"”’')\]」』]*$")
_PHRASE_SEPARATORS = ":|»›>-–—/(."


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def word_count(line: str) -> int:
    """Words in ``line``; Chinese, Japanese and Korean script counts a word per two characters."""
    return len(line.split()) + len(_CJK.findall(line)) // 2


def is_prose(line: str) -> bool:
    """A paragraph of running text: a sentence of six words or more, or any long line."""
    words = word_count(line)
    return words >= 20 or (words >= 6 and bool(_SENTENCE_END.search(line.strip())))


_FIRST_WORD = re.compile(r"[^\W_]+")


@functools.cache
def _phrases() -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(scope, first word) -> [(phrase, reason)], longest first so the most specific reason wins.

    Indexing by the first word keeps the check to a dictionary lookup for ordinary body lines.
    """
    table: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for reason, scope, phrase in read_rows("junk_lines.tsv"):
        phrase = phrase.strip().lower()
        first = _FIRST_WORD.match(phrase)
        table.setdefault((scope, first.group(0) if first else phrase), []).append((phrase, reason))
    for rows in table.values():
        rows.sort(key=lambda row: -len(row[0]))
    return table


def _normalise(line: str) -> str:
    return _EDGE_PUNCT.sub("", _BULLETS.sub("", line)).strip().lower()


def _phrase_reason(line: str, zone: str) -> str | None:
    raw = _BULLETS.sub("", line).strip().lower()
    first = _FIRST_WORD.match(raw)
    if first is None:
        return None
    table = _phrases()
    if not any((scope, first.group(0)) in table for scope in ("any", "short", "edge")):
        return None
    norm = _normalise(line)
    for scope in ("any", "short", "edge"):
        if scope != "any" and word_count(norm) > 12 or scope == "edge" and zone != "edge":
            continue
        for phrase, reason in table.get((scope, first.group(0)), ()):
            if not raw.startswith(phrase):
                continue
            if norm == phrase.rstrip(":") or norm == phrase:
                return reason
            after = raw[len(phrase):len(phrase) + 2]
            if phrase.endswith(":") or after[:1] in _PHRASE_SEPARATORS or after.strip()[:1] in _PHRASE_SEPARATORS:
                return reason
            # Multi-word phrases ("we use cookies", "follow us on") may run on into the rest of a line;
            # one-word ones ("share", "print") may not: "Share prices fell" is news.
            if " " in phrase and after[:1] == " " and (
                    scope != "short" or zone == "edge" or not _SENTENCE_END.search(line.strip())):
                return reason
    return None


def junk_reason(line: str, zone: str = "body") -> str | None:
    """Why ``line`` is web furniture, or None when it may be article text. ``zone``: edge|body."""
    text = line.strip()
    if not text:
        return None
    if len(text) > 600:  # furniture is short; long lines are never removed by these rules
        return None
    if _COUNTER.match(text) and any(ch.isdigit() for ch in text):
        return "share counter"
    bare = _BULLETS.sub("", text).strip()
    tokens = bare.split()
    if tokens and len(tokens) <= 4 and all(_LAYOUT_TOKEN.fullmatch(t) for t in tokens):
        return "layout class names"
    if _RELATIVE_ONLY.match(bare):
        return "relative time"
    if _READING_TIME.match(bare):
        return "reading time"
    words = len(tokens)
    if words <= 25 and (_PHOTO_LEAD.match(bare) or _CREDIT_LEAD.match(bare)):
        return "image credit"
    if words <= 80 and ("/" in bare or "Getty" in bare or "Shutterstock" in bare) and _AGENCY_PHOTO_TAIL.search(bare):
        return "image credit"
    return _phrase_reason(text, zone)
