"""eventwire.dates: the one reader of partial ISO dates and month names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.dates import (
    MONTHS,
    date_precision,
    day_range,
    first_day,
    parse_day,
    publication_day,
    year_month,
)


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [("2009-06-27T10:12", False, date(2009, 6, 27)), ("2012-02", False, date(2012, 2, 1)),
     ("2012-02", True, date(2012, 2, 29)), ("2008", True, date(2008, 12, 31)), ("20090627", False, date(2009, 6, 27)),
     (date(2001, 1, 2), True, date(2001, 1, 2)), ("", False, None)],
)
def test_parse_day(value: object, end: bool, expected: date | None) -> None:
    assert parse_day(value, end=end) == expected


@pytest.mark.parametrize("value", ["June 2009", "2009-13", "2009-02-30", "09-06-27"])
def test_parse_day_names_the_forms_it_reads(value: str) -> None:
    with pytest.raises(ValueError, match="write YYYY-MM-DD, YYYY-MM or YYYY"):
        parse_day(value)


def test_lenient_readers_of_stored_dates() -> None:
    assert publication_day("2015-03-02T15:45-05:00") == date(2015, 3, 2) and publication_day("soon") is None
    assert first_day("2008-08") == date(2008, 8, 1) and first_day("2008") == date(2008, 1, 1)
    assert [date_precision(v) for v in ("2008-08-07", "2008-08", "2008", "x", None)] == ["day", "month", "year", None, None]
    assert day_range("2008-02") == (date(2008, 2, 1), date(2008, 2, 29))
    assert day_range("9999-12") is None and day_range("2008-8") is None
    assert year_month("2009-06-27") == (2009, 6) and year_month("2009") == (2009, 0) and year_month(None) == (0, 0)


def test_month_names_have_one_table() -> None:
    assert MONTHS["sept"] == 9 and MONTHS["may"] == 5 and len(set(MONTHS.values())) == 12
    package = Path(__file__).resolve().parent.parent / "eventwire"
    tables = [str(p.relative_to(package)) for p in package.rglob("*.py") if '"september"' in p.read_text(encoding="utf-8")]
    assert tables == ["dates.py"], f"month tables outside eventwire/dates.py: {tables}; import dates.MONTHS"
