"""A possessive "his"/"her" as an actor mention (eventwire/actors/references.py, events/mentions.py,
events/building.py): resolved to its person as "he"/"she" are, no mention when the subject of its
own clause is that person, never a party to what is done at a place it owns, never a doer.
Sentences written for the eventwire project (the people are in the shipped dictionary, the events
invented).
"""

from __future__ import annotations

from events_support import shipped_events

from eventwire.actors import get_resolver
from eventwire.events.mentions import ActorIndex
from eventwire.nlp import parse


def _mentions(text: str, word: str, published: str = "2009-06-27") -> tuple[list, object, object]:
    doc = parse(text)
    actors = get_resolver().resolve(doc, published)
    token = next(t for t in doc if t.lower_ == word)
    return [a for a in actors if a.start == token.idx], doc, actors


def test_his_is_the_person_named_before() -> None:
    found, _, _ = _mentions("Vladimir Putin arrived in Berlin on Monday. German opposition leaders called "
                            "for his resignation.", "his")
    assert [(a.text, a.code, a.code_source) for a in found] == [("his", "RUSGOV", "coref")]


def test_her_of_a_clause_about_her_is_no_second_mention() -> None:
    # the subject is the person: her own act, coded (or not) through the name
    assert _mentions("Angela Merkel announced her resignation on Monday.", "her")[0] == []
    # a pronoun subject after it binds it too
    assert _mentions("Angela Merkel flew to Asia. On her trip to Bali, she met Indonesian leaders.", "her")[0] == []


def test_his_named_as_another_clause_s_object_is_a_mention() -> None:
    found, _, _ = _mentions("Voters wanted Vladimir Putin to resign and opposition leaders called for his "
                            "resignation.", "his")
    assert [a.code for a in found] == ["RUSGOV"]


def test_his_of_a_place_is_no_party_to_what_is_done_there() -> None:
    _, doc, actors = _mentions("Vladimir Putin spoke on Monday. Police later arrested a man at his home.", "his")
    token = next(t for t in doc if t.lower_ == "his")
    assert ActorIndex(doc, actors).covering(token) is None


def test_a_named_possessive_pronoun_is_the_target_of_a_demand() -> None:
    events = shipped_events("Vladimir Putin arrived in Berlin on Monday. German opposition leaders called for "
                            "his resignation.")
    assert any(target == "his" for _, _, target in events)


def test_his_is_never_the_doer() -> None:
    events = shipped_events("Vladimir Putin arrived in Berlin on Monday. Germany welcomed his visit to Moscow.")
    assert not any(source.lower() == "his" for _, source, _ in events)
