"""Word families the lexicon lacked, taken from the CAMEO codebook's verb lists and general English:
letting someone do what they sought (080), honours conferred (051), prosecutions given up (081),
independence granted (0833) and clamouring for someone to act (020).
Sentences written for the eventwire project; the shipped lexicon, actor dictionaries and parser, as a
run codes them."""

from __future__ import annotations

import pytest
from events_support import shipped_events as _events

from eventwire.events.lexicon import get_lexicon

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _types(text: str) -> set[str]:
    return {kind for kind, _, _ in _events(text)}


def _rules(text: str, word: str) -> list[str]:
    from eventwire import nlp

    doc = nlp.parse(text)
    return [m.rule_id for t in doc if t.lower_ == word for m in get_lexicon().match(t)]


def test_letting_someone_act_is_a_concession() -> None:
    assert "080.allow_to" in _rules("The riot police permitted the students to hold their rally in the square.", "permitted")
    assert ("CONCEDE", "riot police", "students") in _events("The riot police permitted the students to hold their rally in the square.")


def test_allowing_a_thing_concedes_nothing() -> None:
    # no to-infinitive: a law or a ruling that allows a penalty lets nobody do anything
    assert "080.allow_to" not in _rules("The bill allows the death penalty for drug dealers.", "allows")


@pytest.mark.parametrize(("text", "event"), [
    ("Obama presented Senator Kennedy with the Medal of Freedom.", ("SUPPORT", "Obama", "Senator Kennedy")),
    ("The French president awarded the medal of honour to Sergeant Smith.", ("SUPPORT", "French president", "Sergeant Smith")),
])
def test_an_honour_conferred_is_praise(text: str, event: tuple[str, str, str]) -> None:
    assert event in _events(text)


def test_dropping_charges_is_a_concession() -> None:
    assert ("CONCEDE", "Prosecutors in Kenya", "opposition leader") in _events(
        "Prosecutors in Kenya dropped the charges against the opposition leader on Monday.")


def test_granting_independence_concedes_it() -> None:
    assert ("CONCEDE", "Britain", "India") in _events("Britain granted independence to India in 1947.")


@pytest.mark.parametrize(("text", "event"), [
    ("Residents lobbied for the council to drop the plan.", ("REQUEST", "Residents", "council")),
    ("Opposition lawmakers shouted for the Speaker to resign.", ("REQUEST", "Opposition lawmakers", "Speaker")),
])
def test_clamouring_for_someone_to_act_asks_it_of_them(text: str, event: tuple[str, str, str]) -> None:
    assert event in _events(text)
