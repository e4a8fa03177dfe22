"""A symmetric event read against the order written, by a passive's agent ("He arrived for a visit and
was met by the King"), is the act a directed event of its type already codes the other way (He ->
the King): it is kept once, as the directed event (issue 13). Sentences written for the eventwire
project; the shipped lexicon, dictionaries, parser and models."""

from __future__ import annotations

from events_support import shipped_events


def test_a_passive_meeting_after_a_visit_is_the_visit_once() -> None:
    events = shipped_events("The Pope arrived for a two-day visit and was met at the airport by King Juan Carlos "
                            "and Prime Minister Zapatero.")
    consults = {(s, t) for kind, s, t in events if kind == "CONSULT"}
    assert ("Pope", "King Juan Carlos") in consults, events
    assert not any(s == "King Juan Carlos" for s, _ in consults), events


def test_a_symmetric_event_written_in_order_stays() -> None:
    # "Japan and Korea met": written in order, the symmetric reading stands beside any other
    events = shipped_events("Japan and South Korea held talks in Seoul on Monday.")
    assert any(kind == "CONSULT" and s == "Japan" for kind, s, _ in events), events
