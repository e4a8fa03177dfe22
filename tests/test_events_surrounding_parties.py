"""Arguments a fired trigger found no slot for ("trigger, no arguments" and "no target" in
bench/realnews_misses.py), named by a word around it: the doer of a clause a judged summary sums up
("a move that was condemned by France"), the possessor of an event noun a gerund follows ("X's
resignation after being criticised by Y"), the "from" of a verb of coming ("the invitation came from
Norway"), whom an offer of a mutual act is made to ("an invitation for talks with the rebels"), and the
actor equated with a noun of one's role in an act ("X is a negotiator in talks with Syria"), and the one
charged with an act noun ("the rebels were accused of the kidnap of 200 children").
Sentences written for the eventwire project; the shipped lexicon, dictionaries and parser."""

from __future__ import annotations

import pytest
from events_support import rule_pairs


@pytest.mark.parametrize("text", [
    "Syria closed its border with Lebanon, a move that was condemned by France.",
    "Syria closed its border with Lebanon, a move condemned by France.",
    "Syria made a move that was condemned by France.",
])
def test_a_judged_summary_is_aimed_at_the_doer_of_the_clause_it_sums_up(text: str) -> None:
    found = rule_pairs(text, "111.")
    assert ("France", "Syria") in found, found


def test_a_non_restrictive_which_sums_up_its_clause() -> None:
    found = rule_pairs("The Chilean government said it would nationalise the copper mines, which was criticised by Peru.", "111.")
    assert ("Peru", "Chilean government") in found, found


def test_a_summary_the_trigger_itself_judges_is_no_clause() -> None:
    # the trigger's own object is judged as a thing: never its own subject as target
    found = rule_pairs("France condemned the move.", "111.")
    assert not any(t == "France" for _, t in found), found


def test_a_gerund_after_an_event_noun_is_about_its_possessor() -> None:
    found = rule_pairs("Musharraf's resignation after being criticised by the Supreme Court was a surprise.", "111.")
    assert ("Supreme Court", "Musharraf") in found, found
    found = rule_pairs("Iraq's withdrawal after attacking Kuwait surprised analysts.", "190.")
    assert ("Iraq", "Kuwait") in found, found


def test_a_gerund_of_a_goal_is_no_act_of_its_owner() -> None:
    assert not rule_pairs("We will meet our goal of protecting America.", "07")


def test_an_invitation_comes_from_its_maker_and_goes_to_the_other_side_of_its_talks() -> None:
    found = rule_pairs("An invitation for talks with the Taliban came from Norway.", "036.")
    assert ("Norway", "the Taliban") in found, found


@pytest.mark.parametrize("text", [
    "Nabil Haddad is a senior negotiator in talks with Syria.",
    "One of the Lebanese negotiators in talks with Syria is Nabil Haddad.",
])
def test_a_role_noun_equated_with_an_actor_names_the_doer(text: str) -> None:
    found = rule_pairs(text, "040.")
    assert ("Nabil Haddad", "Syria") in found, found


def test_a_bare_role_noun_names_no_doer() -> None:
    # "the leaders of the overthrow" alone may be any side's: no source is guessed from it
    found = rule_pairs("The leaders of last year's overthrow of President Mendoza were arrested.", "172.")
    assert not any(s == "leaders" for s, _ in found), found


def test_the_rules_own_act_noun_is_no_summary() -> None:
    # "claims made by X": the claims are the act the rule reads ("made claims"), not a summary of a clause
    found = rule_pairs("The Kenyan rebels denied claims made by the Ugandan army that they planted the mines.", "112.")
    assert not any(t and "rebels" in t for _, t in found), found


def test_a_bare_event_noun_after_a_possessed_one_shares_the_possessor() -> None:
    found = rule_pairs("Russia's invasion and occupation of Georgia were condemned.", "")
    assert any(s == "Russia" and t == "Georgia" for s, t in found), found


def test_an_event_noun_with_its_own_determiner_keeps_no_shared_possessor() -> None:
    # "Iran's programme and the sanctions against it": the sanctions are not Iran's
    found = rule_pairs("Iran's programme and the sanctions against it were discussed.", "")
    assert not any(s == "Iran" for s, _ in found), found


@pytest.mark.parametrize(("text", "rule", "pair"), [
    ("The Ugandan rebels were accused of the kidnap of 200 Ugandan children.", "181.", ("Ugandan rebels", "Ugandan children")),
    ("The Ugandan rebels have been accused of atrocities, including the deaths of many people and the kidnap of "
     "200 Ugandan children.", "181.", ("Ugandan rebels", "Ugandan children")),
    ("The Ugandan rebels were accused of the killing of three Ugandan soldiers.", "180.", ("Ugandan rebels", "Ugandan soldiers")),
])
def test_an_act_noun_charged_is_done_by_the_one_charged(text: str, rule: str, pair: tuple[str, str]) -> None:
    found = rule_pairs(text, rule)
    assert pair in found, found


def test_an_act_noun_below_another_verb_is_not_the_charged_ones() -> None:
    found = rule_pairs("Uganda accused the Kenyan rebels of supporting the kidnap of 200 Ugandan children.", "181.")
    assert not any(s == "Kenyan rebels" for s, _ in found), found
