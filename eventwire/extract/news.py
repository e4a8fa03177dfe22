"""The news layer: from a capture's main text to headline, body, dateline, credits and header date.

It runs on what the HTML engine returns and on plain-text captures alike. The text is cut into
paragraphs (one per line, after undoing hard wrapping); then three passes remove what is not
article text: the *head* (date headers, bylines, the headline, furniture before the story), the
*tail* (credits, copyright, share counters, tag clouds after the story) and, inside the body, only
lines whose shape is unmistakable furniture. Every removal is recorded with its reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from eventwire.extract.credits import CreditLine, is_copyright_line, parse_credit_line, split_trailing_credit
from eventwire.extract.dateline import DatelineMatch, parse_dateline
from eventwire.extract.dates import parse_header_date
from eventwire.extract.junk import is_prose, junk_reason, word_count

__all__ = ["NewsText", "clean_news_text", "split_paragraphs", "dateline_date"]

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_SENTENCE_END = re.compile(r"[.!?…:;。！？][\"”’')\]」』]*$")
_TAG_LIKE = re.compile(r"[^\W\d_][^\d.:;!?,()\[\]/@=]{0,40}")  # "NATO", "Foreign Policy": no digits or punctuation
_HEAD_LIMIT = 15
_LINK_BLOCK_MAX = 12
_LINK_HEADINGS = {"related", "read more", "navigation", "tags", "share", "follow us", "sign up"}


def _is_link_line(line: str) -> bool:
    """A headline-like link under a "Related" heading: short and not a sentence."""
    return word_count(line) <= 16 and not _SENTENCE_END.search(line)  # the head is short: past this many lines the story has started


@dataclass
class NewsText:
    body: str
    title: str | None = None
    published: str | None = None  # from a date header line, ISO 8601
    dateline: DatelineMatch | None = None
    credits: CreditLine = field(default_factory=CreditLine)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (reason, removed text)


def _looks_hard_wrapped(lines: list[str]) -> bool:
    """Plain-text dumps often wrap paragraphs at a fixed width (~70-80 columns)."""
    long_lines = [len(line) for line in lines if len(line) >= 40]
    if len(long_lines) < 5 or max(len(line) for line in lines) > 100:
        return False
    in_band = sum(1 for n in long_lines if 55 <= n <= 80)
    return in_band >= 0.7 * len(long_lines)


def split_paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs of ``text``, whitespace tidied, hard-wrapped lines joined back."""
    text = _ZERO_WIDTH.sub("", _LINE_BREAKS.sub("\n", text))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    if not _looks_hard_wrapped([line for line in lines if line]):
        return [line for line in lines if line]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        current.append(line)
        if len(line) < 45:  # a short line ends its paragraph (the wrap width was not reached)
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _same_text(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()

    return key(a) == key(b) and bool(key(a))


def _title_like(line: str) -> bool:
    words = word_count(line)
    stripped = line.rstrip("\"”’' ")
    return 2 <= words <= 30 and len(line) <= 250 and not (stripped.endswith(".") and not stripped.endswith(".."))


def _section_label(line: str, following: list[str]) -> bool:
    """"World News" above "NATO and Russia resume security ties": a section name, not the headline.
    Date headers and furniture between the two are skipped."""
    if word_count(line) > 3:
        return False
    for unit in following:
        if parse_header_date(unit) or junk_reason(unit, "edge"):
            continue
        return _title_like(unit) and not is_prose(unit) and word_count(unit) > word_count(line)
    return False


def _better_date(old: str | None, new: str | None) -> str | None:
    """Keep the first header date, unless a later one adds a time to the same day."""
    if new is None:
        return old
    if old is None or (len(old) == 10 and new.startswith(old) and len(new) > 10):
        return new
    return old


class _Cleaner:
    def __init__(self, paragraphs: list[str], title: str | None, captured: datetime | None, want_title: bool):
        self.units = paragraphs
        self.given_title = title
        self.captured = captured
        self.want_title = want_title and title is None
        self.result = NewsText(body="")
        self._first_prose: int | None = None

    def first_prose(self, start: int) -> int:
        """Index of the first paragraph of prose at or after ``start`` (len(units) when none); computed
        once, so the tail pass stays linear however long the furniture below the story is."""
        if self._first_prose is None:
            self._first_prose = next((i for i in range(start, len(self.units)) if is_prose(self.units[i])),
                                     len(self.units))
        return self._first_prose

    def remove(self, reason: str, text: str) -> None:
        self.result.removed.append((reason, text))

    def common(self, unit: str, zone: str) -> bool:
        """Removal rules shared by the head and the tail; True when ``unit`` was removed."""
        reason = junk_reason(unit, zone)
        if reason:
            self.remove(reason, unit)
            return True
        credit = parse_credit_line(unit)
        if credit is not None:
            self.result.credits.add(credit)
            self.remove("credits", unit)
            return True
        if is_copyright_line(unit):
            self.remove("copyright", unit)
            return True
        return False

    def head(self) -> int:
        """Remove the head; return the index of the first body paragraph."""
        units, i = self.units, 0
        while i < len(units) and i < _HEAD_LIMIT:
            unit = units[i]
            header_date = parse_header_date(unit, captured=self.captured)
            if header_date:
                self.result.published = _better_date(self.result.published, header_date)
                self.remove("date header", unit)
            elif self.common(unit, "edge"):
                pass
            elif _same_text(unit, self.given_title or self.result.title or ""):
                self.remove("title", unit)  # the headline again (HTML engines and dumps often repeat it)
            elif self.want_title and self.result.title is None and _title_like(unit) and \
                    not _section_label(unit, units[i + 1 : i + 4]) and \
                    any(is_prose(u) for u in units[i + 1 : i + 6]):
                self.result.title = unit
                self.remove("title", unit)
            elif self.want_title and self.result.title is None and not is_prose(unit) and \
                    word_count(unit) <= 3 and not _SENTENCE_END.search(unit) and \
                    any(is_prose(u) for u in units[i + 1 : i + 6]):
                self.remove("header furniture", unit)  # section labels above a text capture's headline
            else:
                found = parse_dateline(unit)
                if found is None or found.text.strip() != unit:
                    break
                self.result.dateline = found
                self.remove("dateline", unit)
            i += 1
        return i

    def dateline(self, start: int) -> None:
        if self.result.dateline is not None or start >= len(self.units):
            return
        found = parse_dateline(self.units[start])
        if found is None:
            return
        self.result.dateline = found
        self.units[start] = self.units[start][len(found.text):].strip()
        self.remove("dateline", found.text)

    def tail(self, start: int) -> int:
        """Remove the tail; return the index after the last body paragraph."""
        end = len(self.units)
        first_removed = len(self.result.removed)
        try:
            return self._tail(start, end)
        finally:  # removals were found bottom-up; record them in reading order
            self.result.removed[first_removed:] = self.result.removed[first_removed:][::-1]

    def _tail(self, start: int, end: int) -> int:
        while end > start:
            unit = self.units[end - 1]
            if self.common(unit, "edge"):
                end -= 1
                continue
            block = self._link_block(start, end)
            if block is not None:
                for label in reversed(self.units[block:end]):
                    self.remove("related links", label)
                end = block
                continue
            run = end
            while run > start and _TAG_LIKE.fullmatch(self.units[run - 1]):
                run -= 1
            # A tag cloud: three or more bare short labels after the last paragraph of prose.
            if end - run >= 3 and self.first_prose(start) < run:
                for label in reversed(self.units[run:end]):
                    self.remove("tag cloud", label)
                end = run
                continue
            split = split_trailing_credit(unit)
            if split is not None:
                body, credit, removed = split
                self.result.credits.add(credit)
                self.remove("credits", removed)
                self.units[end - 1] = body
            break
        return end

    def _link_block(self, start: int, end: int) -> int | None:
        """Where a "Related" / "Read more" heading starts a block of short link lines that ends the
        text, or None. The heading must be furniture on its own; the lines below it short non-sentences."""
        top = end
        while top > start and end - top < _LINK_BLOCK_MAX and _is_link_line(self.units[top - 1]) and \
                junk_reason(self.units[top - 1], "edge") not in _LINK_HEADINGS:
            top -= 1
        if top == end or top <= start:
            return None
        heading = junk_reason(self.units[top - 1], "edge")
        if heading in _LINK_HEADINGS and self.first_prose(start) < top - 1:
            return top - 1
        return None

    def run(self) -> NewsText:
        start = self.head()
        self.dateline(start)
        end = self.tail(start)
        kept: list[str] = []
        for unit in self.units[start:end]:
            if not unit:
                continue
            if not self.common(unit, "body"):
                kept.append(unit)
        self.result.body = "\n\n".join(kept)
        return self.result


def clean_news_text(
    text: str, *, title: str | None = None, captured: datetime | None = None, want_title: bool = True
) -> NewsText:
    """Split a capture's main text into headline, body and the parts around them.

    ``title`` is the headline when it is already known (HTML metadata): a copy of it at the top is
    removed. Otherwise, with ``want_title``, the first short line above the story becomes the title.
    """
    return _Cleaner(split_paragraphs(text), title, captured, want_title).run()


def dateline_date(found: DatelineMatch | None, captured: datetime | None) -> str | None:
    """The day a dateline names ("MOSCOW, June 3"), with the year of the capture (the year before
    when that day would fall well after the capture)."""
    if found is None or found.month is None or found.day is None or captured is None:
        return None
    year = captured.year
    try:
        day = date(year, found.month, found.day)
        if (day - captured.date()).days > 31:
            day = date(year - 1, found.month, found.day)
    except ValueError:
        return None
    return day.isoformat()
