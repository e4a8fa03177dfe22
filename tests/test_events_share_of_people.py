"""A share of people ("40 percent of the teachers", "23% of the dock workers", "two thirds of the miners")
is read through its "of" phrase like any other partitive (partitive_heads of data/events/syntax.yaml).

Written for the eventwire project (issue 13): the sentences are invented."""

from __future__ import annotations

from events_support import shipped_events


def test_a_percentage_of_people_is_read_through_its_of_phrase() -> None:
    events = shipped_events("About 40 percent of the Kenyan teachers went on strike.")
    assert ("PROTEST", "Kenyan teachers", None) in events


def test_a_percent_sign_of_people_is_read_through_its_of_phrase() -> None:
    events = shipped_events("The union says that 23% of the dock workers remain on strike.")
    assert "PROTEST" in [kind for kind, _, _ in events]


def test_a_fraction_of_people_is_read_through_its_of_phrase() -> None:
    events = shipped_events("Two thirds of the miners walked out on Monday.")
    assert ("PROTEST", "miners", None) in events
