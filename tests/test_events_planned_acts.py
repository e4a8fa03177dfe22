"""An act only planned or pushed for is no event of the plan's owner (events.planned_acts); a plan to
withdraw is the concession announced. Sentences written for the eventwire project; the shipped
lexicon, actor dictionaries and parser."""

from __future__ import annotations

import pytest
from events_support import shipped_events as _events

from eventwire.events.mentions import syntax_words

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_the_data_lists_are_there() -> None:
    words = syntax_words()
    assert {"plan", "push"} <= words["planned_act_nouns"]
    assert "decision" not in words["planned_act_nouns"]
    assert "retreat" in words["announced_concession_types"]
    assert "plan" in words["planning_verbs"]


@pytest.mark.parametrize(("text", "kind"), [
    ("A plan by the United States to invade Iraq was criticised by France.", "ASSAULT"),
    ("The Turkish government confirmed its intention to send troops to Lebanon.", "MOBILIZE"),
])
def test_a_planned_act_is_no_event(text: str, kind: str) -> None:
    assert not any(k == kind for k, _, _ in _events(text))


@pytest.mark.parametrize(("text", "kind"), [
    ("Israel's plan to withdraw its troops from Gaza was approved on Monday.", "RETREAT"),
    ("Iran announced its decision to withdraw its ambassador from Britain.", "SANCTION"),
])
def test_a_concession_planned_or_an_act_decided_stays(text: str, kind: str) -> None:
    assert any(k == kind for k, _, _ in _events(text))


@pytest.mark.parametrize("text", [
    "Intelligence reports say the Taliban are planning a bomb attack on Kabul.",
    "A website has claimed that the rebels are planning a suicide attack on the army.",
])
def test_an_act_noun_being_planned_is_no_event(text: str) -> None:
    assert _events(text) == []


def test_a_planned_infinitive_is_the_subjects_act_to_come() -> None:
    assert ("CONSULT", "Merkel", "the other members") in _events(
        "In June, Merkel plans to discuss the measures with the other members at the summit.")
