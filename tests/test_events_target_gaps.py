"""Targets the rule's slots left empty (session 24): people named without a noun of people, a pronoun
made particular by its modifier or a person named by age alone (events/people_phrases.py); the one held
in a state of coercion ("has been in U.S. custody", events/nominal_args.held_subjects); doers who exchange
an act, each the other's target (mutual_act_verbs). Sentences written for the eventwire project; the
shipped lexicon, dictionaries and the real parser."""

from __future__ import annotations

import pytest
from events_support import rule_pairs

from eventwire.events.people_phrases import people_phrase


def _parse(text: str):  # type: ignore[no-untyped-def]
    from eventwire.stages import coding_stages

    for doc, _ in coding_stages().parse([(text, None)]):
        return doc
    raise AssertionError("no parse")


@pytest.mark.parametrize(("text", "rule", "pair"), [
    ("Greek police arrested a 19-year-old in Athens on Sunday.", "173.", ("Greek police", "a 19-year-old")),
    ("The Syrian army cracked down on those who marched in Homs.", "170.",
     ("Syrian army", "those who marched in Homs")),
])
def test_people_no_mention_covers_are_the_target(text: str, rule: str, pair: tuple[str, str]) -> None:
    assert pair in rule_pairs(text, rule)


def test_an_age_before_its_noun_is_no_person_of_its_own() -> None:
    # "a 21-year-old woman": the noun is the person, the age only describes her
    doc = _parse("Police questioned a 21-year-old woman.")
    assert people_phrase(next(t for t in doc if t.lower_ == "old")) is None


@pytest.mark.parametrize(("text", "word"), [
    ("The governor rejected those.", "those"),  # bare: things as often as people
    ("The minister praised all those who believed in the plan.", "those"),  # whoever did
    ("The minister said those who are guilty will be punished.", "those"),  # a kind, in the simple present
])
def test_a_bare_universal_or_generic_pronoun_is_no_particular_people(text: str, word: str) -> None:
    doc = _parse(text)
    assert people_phrase(next(t for t in doc if t.lower_ == word)) is None


def test_a_pronoun_coordinated_with_another_is_its_own_phrase() -> None:
    doc = _parse("The mayor thanked those who stayed and those who left.")
    actor = people_phrase(doc[3])
    assert actor is not None and actor.text == "those who stayed"


def test_the_subject_a_copula_sets_in_custody_is_the_one_held() -> None:
    # events/nominal_args.held_subjects: a state of coercion is undergone by the subject of "be in"
    assert ("Israeli", "Iranian diplomats") in rule_pairs("Two Iranian diplomats have been in Israeli custody since March.", "173.")


@pytest.mark.parametrize(("text", "rule", "pair"), [
    ("Israel and Hezbollah exchanged fire across the border.", "193.", ("Israel", "Hezbollah")),
    ("Indian and Pakistani soldiers exchanged fire on Sunday.", "193.", ("Indian", "Pakistani soldiers")),
    # written for the eventwire project: doers who fight or battle with no one else named fight each other
    ("Hezbollah and Israeli troops fought near the border.", "190.", ("Hezbollah", "Israeli troops")),
    ("This is the valley where Austrian and Prussian troops battled in 1866.", "190.", ("Austrian", "Prussian troops")),
])
def test_doers_who_exchange_an_act_do_it_to_each_other(text: str, rule: str, pair: tuple[str, str]) -> None:
    # mutual_act_verbs: one mutual event between the coordinated doers (the modifiers, not their head)
    assert rule_pairs(text, rule) == {pair}


@pytest.mark.parametrize("text", [
    "The French writer received a series of death threats from Hamas militants.",
    "The French writer is in hiding after receiving death threats from Hamas militants.",
])
def test_an_act_received_from_someone_is_done_to_the_receiver(text: str) -> None:
    # written for the eventwire project: events/nominal_args.recipients, through a carrier noun ("a series of")
    assert ("Hamas militants", "French") in rule_pairs(text, "130.threat")


def test_an_act_received_with_no_giver_after_from_has_no_receiver_target() -> None:
    assert not any(t == "Syrian" for _, t in rule_pairs("The Syrian districts received army assistance.", "070."))


@pytest.mark.parametrize(("text", "rule", "pair"), [
    # written for the eventwire project: coordination.member_sides
    ("Officials from Israel and Syria met in Ankara on Monday.", "040.meet", ("Israel", "Syria")),
    ("Representatives from both the Tamil Tigers and the Sri Lankan government are in talks.", "040.talks",
     ("Tamil Tigers", "Sri Lankan government")),
])
def test_the_parties_a_mutual_acts_doers_come_from_are_its_sides(text: str, rule: str, pair: tuple[str, str]) -> None:
    assert rule_pairs(text, rule) == {pair}


def test_doers_from_one_party_keep_the_noun_as_the_side() -> None:
    assert rule_pairs("Officials from Israel met in Ankara on Monday.", "040.meet") == {("Officials", None)}


def test_restoring_an_event_carries_it_out() -> None:
    # written for the eventwire project: "restore" is a support verb ("restored dialogue with X")
    assert ("Prime Minister Erdogan", "Assad") in rule_pairs(
        "Turkey acted quickly, with Prime Minister Erdogan restoring dialogue with Assad.", "040.talks")
