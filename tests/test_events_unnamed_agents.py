"""Arguments a fired trigger finds outside its own phrase (bench/realnews_misses.py "trigger, no arguments"
and "no target"): the police as the doer of an agentless arrest they report ("were arrested, according
to police"; eventwire.events.unnamed_agents), the court a verdict or penalty is passed in ("was sentenced
in a Kenyan court"; unnamed_agents.court_doer), and the mark a participle of aiming names for an act of
force ("planted bombs, aiming at government soldiers"; eventwire.events.aimed_targets), the people a
vehicle carries ("a convoy carrying the minister was attacked"; eventwire.events.phrase_heads), and the
subject of a relative clause that carries out an event noun ("the attack that Hamas launched";
eventwire.events.nominal_args.relative_doers). Sentences written for the eventwire project; the shipped
parser, dictionaries and lexicon (events_support.rule_pairs)."""

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


@pytest.mark.parametrize(("text", "rule", "pair"), [
    ("The Kenyan journalist was sentenced in a Kenyan court on Monday to five years in prison.", "173.",
     ("Kenyan court", "Kenyan journalist")),
    ("The two Ugandan activists were found guilty of sedition at the High Court in Kampala.", "116.",
     ("Court", "Ugandan activists")),
    ("The Nigerian officer was convicted before a military tribunal.", "116.", ("military tribunal", "Nigerian officer")),
])
def test_a_court_passes_the_verdict_given_in_it(text: str, rule: str, pair: tuple[str, str]) -> None:
    found = rule_pairs(text, rule)
    assert any(pair[0] in (s or "") and pair[1] in (t or "") for s, t in found), found


def test_a_court_does_not_make_the_arrests_made_in_it() -> None:
    found = rule_pairs("The Kenyan opposition leader was arrested in court on Monday.", "173.")
    assert not any("court" in (s or "").lower() for s, _ in found), found


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


@pytest.mark.parametrize(("text", "rule", "pair"), [
    ("A convoy carrying the Kenyan defence minister was attacked by gunmen near Mombasa.", "190.",
     ("gunmen", "Kenyan defence minister")),
    ("Gunmen attacked a bus transporting Ugandan soldiers near the border.", "190.", ("Gunmen", "Ugandan soldiers")),
])
def test_a_vehicle_is_acted_upon_through_the_people_it_carries(text: str, rule: str, pair: tuple[str, str]) -> None:
    found = rule_pairs(text, rule)
    assert pair in found, found


def test_a_vehicle_carrying_things_is_no_party() -> None:
    found = rule_pairs("Gunmen attacked a truck carrying food aid near the border of Kenya.", "190.")
    assert all(t != "food aid" for _, t in found), found


@pytest.mark.parametrize(("text", "rule", "pair"), [
    # the subject of a relative clause whose support verb has the event noun as its object does it
    ("The attack that Hamas launched on Monday killed five Israeli soldiers.", "190.", ("Hamas", "Israeli soldiers")),
    ("The Kenyan opposition rejected the offer that the government made on Monday.", "030.",
     ("government", "Kenyan opposition")),
    # and of a mutual event is a party to it
    ("The Kenyan president will hold a meeting which the Ugandan ministers will attend.", "040.talks",
     ("Kenyan president", "Ugandan ministers")),
])
def test_a_relative_clause_names_who_carries_out_its_event_noun(text: str, rule: str, pair: tuple[str, str]) -> None:
    found = rule_pairs(text, rule)
    assert pair in found, found


@pytest.mark.parametrize("text", [
    # the relative pronoun is the clause's subject: the clause says what the attack did
    "The attack that killed five Israeli soldiers was condemned by Hamas.",
    # the event noun is where the clause happened, not what its verb carried out
    "The envoys met after a day of talks in which Egypt and Jordan warned of a civil war.",
])
def test_a_relative_clause_that_does_not_carry_out_the_noun_names_no_doer(text: str) -> None:
    found = rule_pairs(text, "040.talks") | rule_pairs(text, "190.attack_noun")
    assert not found, found


def test_the_state_one_is_expelled_from_expelled_them() -> None:
    # written for the eventwire project: unnamed_agents.expelling_state
    assert ("Britain", "Russian spy") in rule_pairs("The Russian spy was deported from Britain on Monday.", "174.")


def test_a_body_one_is_expelled_from_is_no_expelling_state() -> None:
    assert not any(s == "party" for s, _ in rule_pairs("The Russian spy was expelled from the party.", "174."))
