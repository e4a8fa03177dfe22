"""Publication dates: header lines, metadata strings and relative phrases -> ISO 8601."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from eventwire.extract.dateline import parse_dateline
from eventwire.extract.dates import normalize_date, parse_header_date, relative_date
from eventwire.extract.news import dateline_date

CAPTURED = datetime(2019, 6, 27, 12, 0)

HEADERS = [
    ("June 27, 2009 / 10:12 AM / 10 years ago", "2009-06-27T10:12"),
    ("Published: 3:45 PM EST, Mon March 2, 2015", "2015-03-02T15:45-05:00"),
    ("Updated 12:02 GMT (20:02 HKT) March 3, 2016", "2016-03-03T12:02+00:00"),
    ("Saturday, 27 June 2009", "2009-06-27"),
    ("Sat Jun 27, 2009 6:12am EDT", "2009-06-27T06:12-04:00"),
    ("Last Updated: June 27, 2009 10:12 a.m. ET", "2009-06-27T10:12"),
    ("27/06/2009", "2009-06-27"),
    ("2009-06-27T10:12:00Z", "2009-06-27T10:12+00:00"),
    ("Posted on Sept. 4, 2018 at 9:05 pm", "2018-09-04T21:05"),
    ("March 3, 2016 12:00 AM JST", "2016-03-03T00:00+09:00"),
    ("2 hours ago", "2019-06-27T10:00"),
    ("yesterday", "2019-06-26"),
    ("Updated 3 days ago", "2019-06-24"),
]


@pytest.mark.parametrize(("line", "iso"), HEADERS)
def test_header_dates(line: str, iso: str) -> None:
    assert parse_header_date(line, captured=CAPTURED) == iso


@pytest.mark.parametrize("line", [
    "On June 3, 2009 troops entered the town and seized the airport.",
    "The treaty signed on March 2, 2015 expires next year, officials said.",
    "Russia routed Georgian troops in August 2008.",
    "10:12",
    "February 30, 2009",
    "",
])
def test_sentences_and_impossible_dates_are_not_headers(line: str) -> None:
    assert parse_header_date(line, captured=CAPTURED) is None


def test_relative_phrases_need_a_capture_time() -> None:
    assert parse_header_date("2 hours ago") is None
    assert relative_date("5 minutes ago", None) is None


def test_relative_phrases_keep_the_capture_zone() -> None:
    captured = datetime(2020, 1, 1, 0, 30, tzinfo=UTC)
    assert relative_date("an hour ago", captured) == "2019-12-31T23:30+00:00"


@pytest.mark.parametrize(("value", "iso"), [
    ("2009-06-27", "2009-06-27"),
    ("2009-06-27T10:12:00", "2009-06-27T10:12"),
    ("2009-06-27T10:12:00+0200", "2009-06-27T10:12+02:00"),
    ("2009-06-27 10:12:00Z", "2009-06-27T10:12+00:00"),
    ("Sat, 27 Jun 2009 10:12:00 GMT", "2009-06-27T10:12+00:00"),
    ("Sat, 27 Jun 2009 10:12:00 -0400", "2009-06-27T10:12-04:00"),
    ("June 27, 2009", "2009-06-27"),
    ("", None),
    ("not a date", None),
    ("2009-13-45", None),
])
def test_metadata_dates_are_normalised(value: str, iso: str | None) -> None:
    assert normalize_date(value) == iso


def test_dateline_day_takes_the_capture_year() -> None:
    found = parse_dateline("MOSCOW, June 3 (Xinhua) -- Russia said.")
    assert dateline_date(found, datetime(2022, 6, 4)) == "2022-06-03"
    # a late-December dateline captured in early January belongs to the year before
    late = parse_dateline("MOSCOW, Dec. 30 (Xinhua) -- Russia said.")
    assert dateline_date(late, datetime(2023, 1, 2)) == "2022-12-30"
    assert dateline_date(found, None) is None
