"""Partial ISO dates (``2009-06-27``, ``2009-06``, ``2009``) and month names: the one place they are read.

Event dates are as precise as the text gave them, so every stage that stores, filters, partitions or
compares by date meets all three forms (and publication timestamps, ``2009-06-27T10:12``, whose first
ten characters are their day). They are parsed here, once, so that they are read alike everywhere:

- :func:`parse_day`: strict, for what people write (dictionary role dates, query filters): the first
  day of the month or year, or its last with ``end``; ``ValueError`` for anything else;
- :func:`publication_day`: lenient, for stored timestamps: the day, or None;
- :func:`first_day` and :func:`date_precision`: what the database stores for a coded date (its first
  day, and ``day``/``month``/``year``);
- :func:`day_range`: the first and last day a date covers (modes: historical, future);
- :func:`year_month`: the Hive partition of a date (0 for unknown parts).
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["MONTHS", "parse_day", "publication_day", "first_day", "date_precision", "day_range", "year_month"]

#: month names and their abbreviations (lower case) -> month number
MONTHS = {
    name: index
    for index, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}


def _month_end(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def parse_day(value: object, *, end: bool = False) -> date | None:
    """An ISO date, ``YYYY-MM`` or ``YYYY`` as its first day (its last when ``end``); None and "" give None.

    Longer ISO timestamps (``2009-06-27T10:12``) keep their date; a compact ``20090627`` is read too.
    Raises ValueError naming the accepted forms when the value is no date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    text = str(value).strip()
    parts = text[:10].split("-")
    try:
        if not parts[0].isdigit() or len(parts[0]) != 4:
            return date.fromisoformat(text[:10])  # the compact form; anything else raises
        year = int(parts[0])
        if len(parts) == 1:
            return date(year, 12, 31) if end else date(year, 1, 1)
        month = int(parts[1])
        if len(parts) == 2:
            return _month_end(year, month) if end else date(year, month, 1)
        return date(year, month, int(parts[2]))
    except ValueError:
        raise ValueError(f"{value!r} is not a date (write YYYY-MM-DD, YYYY-MM or YYYY)") from None


def publication_day(published: str | None) -> date | None:
    """The day of an ISO timestamp (its first ten characters), or None when there is none."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def first_day(value: str | None) -> date | None:
    """The calendar date of an ISO value as stored; a month or year alone maps to its first day."""
    if not value:
        return None
    head = value[:10]
    for candidate in (head, head[:7] + "-01", head[:4] + "-01-01"):
        try:
            return date.fromisoformat(candidate)
        except ValueError:
            continue
    return None


def date_precision(value: str | None) -> str | None:
    """How precise an ISO date is: ``day`` (2008-08-07), ``month`` (2008-08) or ``year`` (2008)."""
    if not value:
        return None
    head = value[:10]
    return {10: "day", 7: "month", 4: "year"}.get(len(head)) if first_day(head) else None


def day_range(value: str | None) -> tuple[date, date] | None:
    """The first and last day covered by an ISO date or partial date ("2008-08", "2008"), or None."""
    if not value:
        return None
    text = value[:10]
    try:
        if len(text) >= 10:
            day = date.fromisoformat(text)
            return day, day
        if len(text) == 7:
            first = date.fromisoformat(text + "-01")
            return first, _month_end(first.year, first.month)
        if len(text) == 4:
            year = int(text)
            return date(year, 1, 1), date(year, 12, 31)
    except (ValueError, OverflowError):  # "9999-12" has no next month
        return None
    return None


def year_month(value: str | None) -> tuple[int, int]:
    """(2009, 6) from '2009-06-27...'; (0, 0) when the date is unknown (a Hive partition needs a value)."""
    if value and len(value) >= 7 and value[:4].isdigit() and value[5:7].isdigit():
        return int(value[:4]), int(value[5:7])
    if value and value[:4].isdigit():
        return int(value[:4]), 0
    return 0, 0
