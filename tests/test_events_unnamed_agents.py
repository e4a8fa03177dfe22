"""Arguments a fired trigger finds outside its own phrase (bench/realnews_misses.py "trigger, no arguments"
and "no target"): the police as the doer of an agentless arrest they report ("were arrested, according
to police"; eventwire.events.unnamed_agents), and the mark a participle of aiming names for an act of
force ("planted bombs, aiming at government soldiers"; eventwire.events.aimed_targets). Sentences
written for the eventwire project; the shipped parser, dictionaries and lexicon (events_support.rule_pairs)."""

from __future__ import annotations

import pytest
from events_support import rule_pairs


@pytest.mark.parametrize(("text", "source"), [
    ("Five Kenyan students were detained on Friday, according to police.", "police"),
    ("The two smugglers were arrested, according to a spokesman of the Nigerian police.", "police"),
    ("Police said two Kenyan journalists were arrested in Nairobi.", "Police"),
])
def test_the_police_made_the_arrest_they_report(text: str, source: str) -> None:
    found = rule_pairs(text, "173.")
    assert any(s == source for s, _ in found), found


@pytest.mark.parametrize(("text", "rule"), [
    # a reporter that is no police body names no arrester
    ("Five Kenyan students were detained on Friday, according to the ministry.", "173."),
    # nor does a police report of an act other than an arrest
    ("Five Kenyan students were killed on Friday, according to police.", "18"),
])
def test_no_arrester_without_a_police_report_of_an_arrest(text: str, rule: str) -> None:
    found = rule_pairs(text, rule)
    assert not any((s or "").lower() == "police" or s == "ministry" for s, _ in found), found


def test_a_police_report_yields_to_a_named_agent() -> None:
    found = rule_pairs("Five Kenyan students were detained by soldiers on Friday, according to police.", "173.")
    assert found and all(s != "police" for s, _ in found), found


@pytest.mark.parametrize(("text", "rule", "pair"), [
    ("Rebels planted bombs near the road, aiming at Nigerian soldiers.", "183.", ("Rebels", "Nigerian soldiers")),
    ("The rebels opened fire on Tuesday, targeting a Kenyan police convoy.", "193.", ("rebels", "Kenyan police")),
])
def test_a_participle_of_aiming_names_the_target_of_an_act_of_force(text: str, rule: str, pair: tuple[str, str]) -> None:
    found = rule_pairs(text, rule)
    assert pair in found, found


def test_aiming_names_no_target_of_an_act_that_is_not_force() -> None:
    found = rule_pairs("The Kenyan party held rallies across the country, aiming at the government.", "14")
    assert not any(t == "government" for _, t in found), found
