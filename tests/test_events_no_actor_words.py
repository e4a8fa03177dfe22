"""Words that name no actor where an argument was read (events.arg_senses): an anticipatory "it", the
party an "anti-" modifier names, an actor's name inside the name of a law, and a name that only
modifies a plain thing asked for. Sentences written for the eventwire project; the real parser, and
the shipped lexicon, actor dictionaries and models for the coded cases."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from events_support import shipped_events

from eventwire import nlp
from eventwire.events.arg_senses import (
    is_anticipatory_it,
    is_in_a_thing_name,
    is_modifier_of_domain,
    is_modifier_of_thing,
    is_opposed_party,
)

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _word(doc: object, word: str) -> object:
    return next(t for t in doc if t.text == word)  # type: ignore[attr-defined]


def _arg(doc: object, actor: str, read: str, code: str | None = "FRA", kind: str = "state") -> SimpleNamespace:
    """An argument whose actor spans the first ``actor`` of the text, read off the word ``read``."""
    start = doc.text.index(actor)  # type: ignore[attr-defined]
    return SimpleNamespace(actor=SimpleNamespace(start=start, end=start + len(actor), code=code, country=code,
                                                 kind=kind),
                           token=_word(doc, read).i, via="object")


def test_an_it_that_stands_for_a_clause_put_off_is_no_one() -> None:
    assert is_anticipatory_it(_word(nlp.parse("It is pointless to ask the rebels to disarm."), "It"))
    assert is_anticipatory_it(_word(nlp.parse("He said it was wrong that the army shelled the town."), "it"))
    # "it" that refers to something keeps its reading: no clause is put off after the predicate
    assert not is_anticipatory_it(_word(nlp.parse("Russia rejected the plan. It is a sponsor of terror."), "It"))
    assert not is_anticipatory_it(_word(nlp.parse("It attacked the convoy to stop the rebels."), "It"))


def test_the_party_after_anti_is_what_the_act_is_against() -> None:
    doc = nlp.parse("Students joined anti-Israel demonstrations in Cairo.")
    assert is_opposed_party(doc, _arg(doc, "Israel", "Israel"))
    doc = nlp.parse("Anti Israel marches spread. Israel protested.")
    assert is_opposed_party(doc, _arg(doc, "Israel", "Israel"))
    doc = nlp.parse("Pro-Israel groups and Israel protested.")
    assert not is_opposed_party(doc, _arg(doc, "Israel", "Israel"))
    # "anti" inside another word is no prefix
    doc = nlp.parse("The Santi Israel fund closed.")
    assert not is_opposed_party(doc, _arg(doc, "Israel", "Israel"))


def test_a_name_inside_the_name_of_a_law_is_the_laws() -> None:
    doc = nlp.parse("President Chirac signed into law the Iraq Withdrawal Act on Monday.")
    assert is_in_a_thing_name(doc, _arg(doc, "Iraq", "Act"))
    # the word read is the actor's own: never read as a title's word, whatever the tagger says
    assert not is_in_a_thing_name(doc, _arg(doc, "Chirac", "Chirac"))


@pytest.mark.parametrize(("text", "actor", "read", "plover", "expected"), [
    ("Merkel called for a French general election.", "French", "election", "REQUEST", True),
    ("Merkel called for an overhaul of the French social model.", "French", "model", "REQUEST", True),
    ("Merkel called for French withdrawal from the island.", "French", "withdrawal", "REQUEST", False),
    ("Merkel welcomed the French position.", "French", "position", "SUPPORT", False),
    ("Merkel met the French side in Paris.", "French", "side", "CONSULT", False),
    ("The army shelled French positions.", "French", "positions", "ASSAULT", False),
    ("Russia agreed to lift a ban on imports of French cheese.", "French", "cheese", "AGREE", False),
])
def test_a_name_modifying_a_plain_thing_asked_for_is_no_party(
        text: str, actor: str, read: str, plover: str, expected: bool) -> None:
    doc = nlp.parse(text)
    assert is_modifier_of_thing(doc, _arg(doc, actor, read), plover) is expected


def test_a_word_of_the_agent_dictionary_names_people_with_its_noun() -> None:
    doc = nlp.parse("Merkel called on local village guards to be vigilant.")
    assert not is_modifier_of_thing(doc, _arg(doc, "village", "guards", code="FRACVL", kind="agent"), "REQUEST")


@pytest.mark.parametrize(("text", "absent"), [
    ("Chancellor Merkel called for a French general election on Tuesday.", "French"),
    ("President Chirac signed into law the Iraq Withdrawal Act on Monday.", "Iraq"),
])
def test_no_event_with_a_name_that_only_names_a_thing(text: str, absent: str) -> None:
    assert not any(target == absent for _, _, target in shipped_events(text))


def test_no_protest_by_the_party_it_is_against() -> None:
    events = shipped_events("Thousands of students joined anti-Israel demonstrations in Cairo on Friday.")
    assert ("PROTEST", "students", None) in events
    assert not any(source == "Israel" for _, source, _ in events)


@pytest.mark.parametrize(("text", "actor", "read", "expected"), [
    ("The president vowed to drive corruption out of Polish politics.", "Polish", "politics", True),
    ("The strike hurt the Russian economy badly.", "Russian", "economy", True),
    ("Chinese law requires citizens to apply before protesting.", "Chinese", "law", True),
    # with a determiner a law is a statute, its maker's; a policy stands for its makers
    ("The minister criticised the Chinese law on protests.", "Chinese", "law", False),
    ("The minister criticised Chinese policy on Tibet.", "Chinese", "policy", False),
])
def test_a_name_modifying_a_field_of_public_life_is_no_party(text: str, actor: str, read: str, expected: bool) -> None:
    doc = nlp.parse(text)
    assert is_modifier_of_domain(doc, _arg(doc, actor, read)) is expected
