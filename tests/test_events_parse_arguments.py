"""Arguments the parse gives when the trigger fires (issue 13): who owns a plan carried on with
("pressed on with plans to withdraw"), a recipient the parser hangs inside a long object ("returned a
painting taken by soldiers to Egypt"), the recipient of a complement that sends something, the agent of
an object noun or of an act of violence, the one accused of an act a rule names in a preposition, a
main verb misread as a participle, forces a state moves, and the addressee of a document. Sentences
written for the eventwire project; the shipped lexicon, dictionaries and the real parser."""

from __future__ import annotations

import pytest
from events_support import rule_pairs


@pytest.mark.parametrize(("text", "rule", "source"), [
    ("Canada will press on with plans to withdraw its soldiers from Afghanistan next spring.", "0874.", "Canada"),
    ("The government pressed ahead with a plan to deport Afghan refugees.", "201.", "government"),
])
def test_a_plan_carried_on_with_is_the_subjects_own(text: str, rule: str, source: str) -> None:
    assert source in {s for s, _ in rule_pairs(text, rule)}


def test_a_plan_disagreed_with_is_not_the_subjects() -> None:
    assert not any(s == "Britain" for s, _ in rule_pairs("Britain disagreed with plans to send troops to Iraq.", ""))


@pytest.mark.parametrize(("text", "rule", "pair"), [
    ("Italy returned a painting taken by French soldiers to the Egyptian government.", "084",
     ("Italy", "Egyptian government")),
    ("Customs officers returned a vase decorated with the portrait of Catherine the Great to Russian authorities.",
     "084", ("officers", "Russian authorities")),
])
def test_a_recipient_hung_inside_a_long_object_is_the_verbs(text: str, rule: str, pair: tuple[str, str]) -> None:
    found = rule_pairs(text, rule)
    assert pair in found, found
    assert not any(t == "French soldiers" for _, t in found)


def test_a_recipient_of_a_verb_inside_the_object_stays_that_verbs() -> None:
    # "sent" has its own object: its "to" is its own, and the money went to the rebels
    assert ("The EU", "rebels") in rule_pairs("The EU gave money to rebels who sent weapons to Syria.", "071.")


@pytest.mark.parametrize(("text", "rule"), [
    ("Japan agreed to send troops to Iraq.", "030."),
    ("Iran threatened to send its fighters to Syria.", "13"),
])
def test_a_complement_that_sends_something_is_done_to_the_recipient(text: str, rule: str) -> None:
    # the troops or fighters sent are the source's own: the event is done to the state they go to
    targets = {t for _, t in rule_pairs(text, rule)}
    assert targets & {"Iraq", "Syria"}, targets
    assert not targets & {"troops", "fighters"}, targets


def test_the_agent_of_an_object_noun_hung_on_the_verb_is_the_objects() -> None:
    # the parser hangs "by Britain" on "rejected": an active verb has no agent, the accusations do
    # (a denial that names the accuser is ACCUSE 111 by docs/annotation.md: 111.deny_accusation reads it now,
    # where 016.reject_accusation did; either way the accusations' agent is the target)
    text = "The Kremlin rejected the accusations by Britain."
    assert ("The Kremlin", "Britain") in rule_pairs(text, "016.") | rule_pairs(text, "111.")



@pytest.mark.parametrize(("text", "pair"), [
    ("A suicide attack by Islamic State militants killed eight police officers.",
     ("Islamic State militants", "police officers")),
    ("An ambush carried out by the rebels killed twelve soldiers.", ("rebels", "soldiers")),
])
def test_an_act_of_violence_as_subject_is_done_by_its_agent(text: str, pair: tuple[str, str]) -> None:
    assert pair in rule_pairs(text, "1")


def test_the_victim_of_an_act_of_violence_as_subject_is_not_its_doer() -> None:
    # "of" names whom the bombing was done to, not who did it: only NATO is its doer
    found = rule_pairs("The bombing of the Serbian embassy by NATO killed three Chinese journalists.", "18")
    assert {s for s, _ in found} <= {"NATO"}, found


@pytest.mark.parametrize(("text", "rule", "pair"), [
    ("Sergei Volkov, a former Russian gas executive, called for sanctions against Belarus, its state oil company "
     "and its potash producer.", "100.", ("Sergei Volkov", "Belarus")),
    ("A delegation of the opposition party on Monday called on President Hussain to discuss the crisis.", "100.",
     ("delegation", "President Hussain")),
    ("A senior Kurdish cleric, Ali Hassan, called on the European Union to act.", "100.",
     ("cleric, Ali Hassan", "the European Union")),
])
def test_a_main_verb_the_parser_hung_on_the_subject_has_it_as_subject(text: str, rule: str,
                                                                         pair: tuple[str, str]) -> None:
    assert pair in rule_pairs(text, rule)


def test_a_headline_participle_stays_passive() -> None:
    # "Three soldiers killed in attack": the soldiers were killed, they killed no one
    assert not any(s == "soldiers" for s, _ in rule_pairs("Three soldiers killed in attack on base.", ""))


@pytest.mark.parametrize(("text", "pair"), [
    ("Pakistan accused China of interference.", ("Pakistan", "China")),
    ("Pakistan refused to meet India and instead accused China of interference.", ("Pakistan", "China")),
])
def test_the_one_accused_of_an_act_the_rule_names_is_the_object(text: str, pair: tuple[str, str]) -> None:
    # the rule matched "interference" in the "of" phrase: the object, China, is the one accused
    assert pair in rule_pairs(text, "1123.")


def test_a_passive_agent_that_is_an_act_is_done_by_that_acts_agent() -> None:
    found = rule_pairs("Three policemen were wounded by an attack by Maoist rebels.", "190.kill")
    assert ("Maoist rebels", "policemen") in found, found


def test_a_rule_whose_subject_undergoes_keeps_its_doer_in_the_object_phrase() -> None:
    # the votes are the rule's matched object; the party whose leadership was won gave the support
    found = rule_pairs("Jean Tremblay has won the leadership of the Liberal Party of Canada with 1,900 votes.", "051.")
    assert any(t == "Jean Tremblay" for _, t in found), found


@pytest.mark.parametrize(("text", "pair"), [
    ("Canada will pull its soldiers out of Afghanistan.", ("Canada", "Afghanistan")),
    ("Trump announced plans to pull US troops out of Syria.", ("Trump", "Syria")),
])
def test_forces_a_state_moves_are_its_own_and_the_act_is_done_to_the_place(text: str, pair: tuple[str, str]) -> None:
    found = rule_pairs(text, "0874.")
    assert pair in found, found


def test_own_forces_without_a_place_stay_the_object() -> None:
    # no place they leave or enter: the object is kept (the candidate filters judge it)
    assert ("president", "army chief") in rule_pairs("The president dismissed his army chief.", "172.")


def test_an_order_to_ones_own_forces_is_not_moved_onto_the_place() -> None:
    # a command down the state's own chain, not an act toward the country at the border
    found = rule_pairs("Venezuela ordered its troops to the border with Colombia.", "10")
    assert ("Venezuela", "Colombia") not in found, found


@pytest.mark.parametrize(("text", "rule", "pair"), [
    ("The White House sent a letter to Congress demanding funding for the wall.", "103.",
     ("The White House", "Congress")),
    ("The mayor sent a letter to the European Union threatening to cut funding.", "131",
     ("mayor", "the European Union")),
])
def test_the_act_a_document_states_is_addressed_to_its_recipient(text: str, rule: str, pair: tuple[str, str]) -> None:
    assert pair in rule_pairs(text, rule)


def test_a_party_the_documents_participle_names_as_its_object_is_its_target() -> None:
    found = rule_pairs("Democrats sent a letter to Hillary Clinton asking Congress to release funds.", "105")
    assert not any(t == "Hillary Clinton" for _, t in found), found


@pytest.mark.parametrize(("text", "rule", "pair"), [
    # "behind" and "by" are adjuncts of place or agency elsewhere; in the lemma they name the party
    ("Party leaders stood behind the senator during the inquiry.", "051.", ("Party leaders", "senator")),
    ("The farmers' union rallied behind the governor last week.", "053.", ("union", "governor")),
])
def test_a_preposition_of_the_triggers_own_lemma_names_its_target(text: str, rule: str, pair: tuple[str, str]) -> None:
    assert pair in rule_pairs(text, rule)


def test_an_adjunct_preposition_outside_the_lemma_names_no_target() -> None:
    # "behind the courthouse" is where they stood, not a party: "stand" alone is no trigger of support
    found = rule_pairs("Party leaders supported the senator while they stood behind the courthouse.", "051.")
    assert not any(t is not None and "courthouse" in t for _, t in found), found


@pytest.mark.parametrize(("text", "rule", "pair"), [
    ("The mayor's arrest by federal agents shocked the city.", "173.", ("federal agents", "mayor")),
    ("Iran's condemnation by the United Nations was expected.", "111.", ("the United Nations", "Iran")),
])
def test_a_nominal_with_a_named_by_agent_has_its_possessor_undergo_it(text: str, rule: str, pair: tuple[str, str]) -> None:
    found = rule_pairs(text, rule)
    assert pair in found and (pair[1], pair[0]) not in found, found


def test_a_by_phrase_beside_another_target_leaves_the_possessor_the_doer() -> None:
    # "by helicopter" is the means (the dictionary reads it as Canadian forces): Canada still visits Haiti
    assert any(s == "Canada" for s, _ in rule_pairs("Canada's visit by helicopter to Haiti was brief.", "042")), \
        rule_pairs("Canada's visit by helicopter to Haiti was brief.", "042")


@pytest.mark.parametrize("text", [
    "The Syrian foreign minister arrived in Medina , Saudi Arabia on Tuesday.",  # the state: an apposition
    "Palestinian President Mahmoud Abbas arrived in Mecca, Saudi Arabia for negotiations.",  # hung on the verb
])
def test_a_visit_to_a_town_no_one_codes_is_to_the_state_of_its_address(text: str) -> None:
    assert {t for _, t in rule_pairs(text, "042.")} == {"Saudi Arabia"}
