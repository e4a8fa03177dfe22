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


def _candidates(text: str) -> list:
    """The rule candidates of ``text`` before any is admitted (shipped parser, dictionaries, lexicon)."""
    from dataclasses import replace

    from eventwire.events import coder
    from eventwire.events.lexicon import get_lexicon
    from eventwire.stages import _article_for_text, coding_stages

    stages = coding_stages()
    article = replace(_article_for_text(text, "2007-01-05"), id="t")
    for doc, _ in stages.parse([(article.text, None)]):
        return coder._gather(doc, article, stages.actors(doc, article), get_lexicon(), False)
    return []


def test_an_act_warned_of_is_no_event_of_who_warns() -> None:
    from eventwire.events.planned_acts import is_planned_act

    found = [c for c in _candidates("The government of Kenya has repeatedly warned of unrest before the election.")
             if c.nominal and c.rule and c.rule.startswith("140")]
    assert found and all(is_planned_act(c, "PROTEST") for c in found)
    staged = [c for c in _candidates("Students staged mass protests in the capital on Monday.") if c.rule]
    assert staged and not any(is_planned_act(c, "PROTEST") for c in staged)
