"""To rally against something is to demonstrate against it (CAMEO 141 "Demonstrate or rally"), not to
rally opposition (113): the lexicon's 113.campaign_against no longer lists "rally against".

Written for the eventwire project (issue 13): the sentences are invented."""

from __future__ import annotations

from events_support import shipped_events


def test_rallying_against_a_matter_is_a_protest_without_a_target() -> None:
    events = shipped_events("Settlers rallied against the dismantling of the settlements.")
    assert events == [("PROTEST", "Settlers", None)]


def test_rallying_against_a_party_is_a_protest_against_it() -> None:
    events = shipped_events("Protesters rallied against the government.")
    assert [kind for kind, _, _ in events] == ["PROTEST"]
