"""Crowds counted without a noun as protest sources, and the stance phrase naming whom a protest is
against, and the targetless reading kept beside a matter (eventwire.events.pronouns.elliptical_group,
eventwire.events.stance_phrases, eventwire.events.matter_targets).

Written for the eventwire project (issue 13): the sentences are invented."""

from __future__ import annotations

from events_support import shipped_events


def test_a_count_of_people_with_no_noun_is_the_protest_source() -> None:
    events = shipped_events("Thousands protested outside the parliament in Ankara on Sunday.")
    assert ("PROTEST", "Thousands") in [(kind, source) for kind, source, _ in events]


def test_a_count_of_a_count_spans_both_counts() -> None:
    events = shipped_events("Hundreds of thousands rallied in Kiev in opposition to the president.")
    assert "Hundreds of thousands" in [source for kind, source, _ in events if kind == "PROTEST"]


def test_a_count_that_is_done_to_is_no_source() -> None:
    assert shipped_events("Thousands were evacuated from the coastal towns.") == []


def test_a_stance_phrase_names_whom_the_protest_is_against() -> None:
    events = shipped_events("Protesters marched in Lagos in opposition to the military government.")
    assert [(kind, target) for kind, _, target in events] == [("PROTEST", "military government")]


def test_tens_of_thousands_parsed_as_modifiers_is_a_count_with_no_noun() -> None:
    events = shipped_events("Tens of thousands marched through Nairobi on Saturday.")
    assert ("PROTEST", "Tens of thousands") in [(kind, source) for kind, source, _ in events]


def test_a_protest_against_a_matter_keeps_its_reading_without_a_target() -> None:
    # "rallied" has no target; "to protest the fuel price increase" names a matter, no party: both stay
    events = shipped_events("The dozens who marched to protest the fuel price increase went home at dusk.")
    assert ("PROTEST", "The dozens", None) in events
