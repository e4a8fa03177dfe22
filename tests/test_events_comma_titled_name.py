"""A person's name the parser joins as a conjunct to a bare title set off before it by a comma alone
("talks between former Indian Prime Minister, Dr. Manmohan Singh and Pakistani President Pervez
Musharraf") is
the title's holder, one party with the title, not a second party (issue 13). Sentences written for
the eventwire project; the shipped lexicon, dictionaries, parser and models."""

from __future__ import annotations

from events_support import shipped_events


def test_a_title_and_the_name_after_its_comma_are_one_party() -> None:
    events = shipped_events("Security was discussed at talks between former Indian Prime Minister, Dr. Manmohan Singh "
                            "and Pakistani President Pervez Musharraf.")
    consults = [(s, t) for kind, s, t in events if kind == "CONSULT"]
    assert len(consults) == 1, events
    source, target = consults[0]
    assert "Manmohan Singh" in source and "Prime Minister" in source, events
    assert target == "Pakistani President Pervez Musharraf", events


def test_a_determined_noun_before_a_comma_and_a_name_is_a_party_of_its_own() -> None:
    # "between the government, X and the unions": a second party takes its article; X is a party too
    events = shipped_events("The issue was discussed at talks between the government, Tony Blair and the unions.")
    assert any(kind == "CONSULT" and s == "government" and t == "Tony Blair" for kind, s, t in events), events
