"""Arguments a fired trigger lost to the shape of its clause ("trigger, no arguments" and "no target" in
bench/realnews_misses.py): the doer of an event noun a copula sets its subject in ("the dockers are in
protest against the plan"), an event noun an existential "there" reports ("there has been fighting
between X and Y"), a request handed on ("forwarded a request to X"), and whom an offer or a demand was
addressed to, named as the one answering it ("Iran responded to the package, which was offered by
France"). Sentences written for the eventwire project; the shipped lexicon, dictionaries and parser
(events_support.rule_pairs), or the stand-in lexicon and actors where they suffice."""

from __future__ import annotations

import pytest
from events_support import code, dyads, rule_pairs, stand_in_lexicon


@pytest.mark.parametrize(("text", "rule", "pair"), [
    ("The Chilean dockers are in protest against the Argentine government's plan to sell the port.", "141.",
     ("Chilean dockers", "Argentine government")),
    ("The Chilean dockers remain on strike over pay.", "143.", ("Chilean dockers", None)),
])
def test_a_copula_sets_its_subject_in_the_act_of_its_event_noun(text: str, rule: str, pair: tuple[str, str | None]) -> None:
    found = rule_pairs(text, rule)
    assert pair in found, found


def test_one_held_in_custody_is_not_the_one_holding() -> None:
    # a state of coercion is undergone by whoever is in it
    found = rule_pairs("Officials said the Kenyan journalist remains in detention.", "173.")
    assert not any(s == "Kenyan journalist" for s, _ in found), found


def test_a_state_of_affairs_a_copula_names_stays_background(tmp_path) -> None:  # type: ignore[no-untyped-def]
    lexicon = stand_in_lexicon(str(tmp_path))
    assert not code("Russia is at war with Georgia.", lexicon)


def test_an_existential_there_reports_the_event_noun(tmp_path) -> None:  # type: ignore[no-untyped-def]
    lexicon = stand_in_lexicon(str(tmp_path))
    events = code("Officials said there has been heavy fighting between Russia and Georgia.", lexicon)
    assert ("RUS", "GEO", "ASSAULT") in dyads(events)
    # and the continuing state still is background
    assert not code("As the fighting between Russia and Georgia continues, officials wait.", lexicon)


def test_a_request_handed_on_is_its_senders() -> None:
    found = rule_pairs("Iranian diplomats forwarded a request to the European Union on Monday.", "100.")
    assert ("Iranian diplomats", "the European Union") in found, found


@pytest.mark.parametrize(("text", "rule", "pair"), [
    ("Iran responded to the package, which was offered by France.", "030.", ("France", "Iran")),
    ("Israel refused to accept Hamas's demands.", "100.", ("Hamas", "Israel")),
    ("Hamas's demands were rejected by Israel.", "100.", ("Hamas", "Israel")),
])
def test_an_offer_or_demand_is_addressed_to_whoever_answers_it(text: str, rule: str, pair: tuple[str, str]) -> None:
    found = rule_pairs(text, rule)
    assert pair in found, found


def test_an_offer_discussed_is_not_addressed_to_the_discussant() -> None:
    # talking about an offer is no answer to it
    found = rule_pairs("Iran discussed the package, which was offered by France.", "030.")
    assert ("France", "Iran") not in found, found
