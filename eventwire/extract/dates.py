"""Publication dates: from metadata strings, date header lines and relative phrases, as ISO 8601.

Output forms: ``2009-06-27T10:12`` (time known, zone unknown), ``2015-03-02T15:45-05:00`` (zone
known), ``2009-06-27`` (no time). Every pattern is linear (no nested quantifiers), so hostile input
cannot make it backtrack for long.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

from eventwire.dates import MONTHS
from eventwire.extract.tables import zone_offsets

__all__ = ["normalize_date", "parse_header_date", "relative_date", "month_number", "iso_from_parts"]

_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?,?"
# "June 27, 2009" / "27 June 2009" / "2009-06-27" / "06/27/2009"
_DATE_PATTERNS = (
    re.compile(_MONTH + r"\s{1,3}(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s{1,3}(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s{1,3}" + _MONTH + r",?\s{1,3}(?P<year>(?:19|20)\d\d)\b", re.I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)(?!\d)"),
    re.compile(r"\b(?P<mnum>\d{1,2})/(?P<day>\d{1,2})/(?P<year>(?:19|20)\d\d)\b"),
)
_TIME = re.compile(
    r"(?<![\d:])(?P<hour>[012]?\d)[:.](?P<minute>[0-5]\d)(?::[0-5]\d)?\s?(?P<ampm>[AaPp]\.?[Mm]\.?)?"
    r"(?:\s{0,2}(?P<zone>[A-Z]{1,5}\b))?"
)
_ISO_FULL = re.compile(r"^\s*(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d)(?::\d\d(?:\.\d+)?)?\s*(Z|[+-]\d\d:?\d\d)?)?\s*$")
_RELATIVE = re.compile(
    r"\b(?:(?P<n>\d{1,4}|an?|one)\s(?P<unit>second|sec|minute|min|hour|hr|day|week|month|year)s?\sago"
    r"|(?P<word>just now|yesterday|today))\b",
    re.I,
)
# What a date header line may contain besides the date itself ("Published:", "Updated", "/", "ago").
_HEADER_FILLER = re.compile(
    r"\b(?:published|updated|posted|last|modified|on|at|first|ago|am|pm|a\.m\.|p\.m\.|and|by|"
    r"years?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|an?|one|just|now|yesterday|today|"
    r"read|min|time|date|gmt|utc|et|pt|ct)\b",
    re.I,
)


def month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def iso_from_parts(day: date, hour: int | None = None, minute: int | None = None, offset: str | None = None) -> str:
    if hour is None or minute is None:
        return day.isoformat()
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}{offset or ''}"


def _find_date(text: str) -> tuple[date, int, int] | None:
    """The first calendar date in ``text`` and its span."""
    best: tuple[date, int, int] | None = None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groupdict()
        month = month_number(groups["month"]) if groups.get("month") else int(groups["mnum"])
        day_number = int(groups["day"])
        if month and month > 12 and day_number <= 12:  # 27/06/2009: day first
            month, day_number = day_number, month
        try:
            found = date(int(groups["year"]), month or 0, day_number)
        except ValueError:
            continue
        if best is None or match.start() < best[1]:
            best = (found, match.start(), match.end())
    return best


def _find_time(text: str) -> tuple[int, int, str | None, int, int] | None:
    """The first clock time in ``text``: (hour 0-23, minute, UTC offset or None, start, end)."""
    for match in _TIME.finditer(text):
        hour, minute = int(match["hour"]), int(match["minute"])
        ampm = (match["ampm"] or "").lower().replace(".", "")
        if ampm:
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if ampm == "pm" else 0)
        if hour > 23:
            continue
        offset = zone_offsets().get(match["zone"]) if match["zone"] else None
        return hour, minute, offset, match.start(), match.end()
    return None


def normalize_date(value: str | None) -> str | None:
    """A date string from metadata (ISO 8601, RFC 2822, or a written date) -> eventwire's ISO form."""
    if not value or not value.strip():
        return None
    value = value.strip()[:200]
    iso = _ISO_FULL.match(value)
    if iso:
        day_s, time_s, zone = iso.groups()
        try:
            day = date.fromisoformat(day_s)
        except ValueError:
            return None
        if not time_s:
            return day.isoformat()
        offset = None
        if zone:
            offset = "+00:00" if zone == "Z" else f"{zone[:3]}:{zone[-2:]}"
        return f"{day.isoformat()}T{time_s}{offset or ''}"
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        offset = parsed.strftime("%z") if parsed.tzinfo else ""
        offset = f"{offset[:3]}:{offset[3:]}" if offset else ""
        return f"{parsed.date().isoformat()}T{parsed.hour:02d}:{parsed.minute:02d}{offset}"
    return parse_header_date(value, strict=False)


def relative_date(text: str, captured: datetime | None) -> str | None:
    """Resolve "2 hours ago", "yesterday", "3 days ago" against the capture time."""
    if captured is None:
        return None
    match = _RELATIVE.search(text)
    if not match:
        return None
    if match["word"]:
        word = match["word"].lower()
        when = captured - timedelta(days=1) if word == "yesterday" else captured
        return when.date().isoformat() if word != "just now" else _iso_datetime(when)
    amount = 1 if match["n"].lower() in ("a", "an", "one") else int(match["n"])
    unit = match["unit"].lower()
    seconds = {"sec": 1, "second": 1, "min": 60, "minute": 60, "hour": 3600, "hr": 3600, "day": 86400,
               "week": 7 * 86400, "month": 30 * 86400, "year": 365 * 86400}[unit]
    try:
        when = captured - timedelta(seconds=amount * seconds)
    except OverflowError:
        return None
    return _iso_datetime(when) if seconds < 86400 else when.date().isoformat()


def _iso_datetime(when: datetime) -> str:
    return when.isoformat(timespec="minutes")


def parse_header_date(line: str, *, captured: datetime | None = None, strict: bool = True) -> str | None:
    """The publication date in a date header line, or None when ``line`` is not one.

    ``strict`` (for lines of an article) demands that the line hold little besides the date, so a
    sentence like "On June 3, 2009 troops entered the town" is not taken for a header.
    """
    if len(line) > 200:
        return None
    found = _find_date(line)
    clock = _find_time(line)
    if strict and not _is_header_shaped(line, found, clock):
        return None
    if found is None:
        if clock is None or captured is None:
            return relative_date(line, captured) if _RELATIVE.search(line) else None
        return None
    day, _, _ = found
    if clock is None:
        return day.isoformat()
    hour, minute, offset, _, _ = clock
    return iso_from_parts(day, hour, minute, offset)


def _is_header_shaped(line: str, found: tuple[date, int, int] | None, clock: tuple | None) -> bool:
    if found is None and not _RELATIVE.search(line):
        return False
    rest = line
    for span in sorted((s for s in (found and found[1:], clock and clock[3:]) if s), reverse=True):
        rest = rest[: span[0]] + " " + rest[span[1]:]
    rest = _RELATIVE.sub(" ", rest)
    rest = re.sub(_WEEKDAY, " ", rest, flags=re.I)
    rest = _HEADER_FILLER.sub(" ", rest)
    rest = re.sub(r"\(\s*\d{1,2}[:.]\d\d\s*[A-Z]{0,5}\s*\)", " ", rest)  # "(20:02 HKT)"
    words = re.findall(r"[^\W\d_]{2,}", rest)
    return len(words) <= 1 and len(re.findall(r"[^\W_]+", rest)) <= 3
