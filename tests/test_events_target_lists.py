"""Targets named as a list (eventwire.events.target_lists): each coordinated party of the target slot a rule
reads is a target of its own, and people of several states named as one phrase are one target per state
(docs/annotation.md: "officials of the UK and Nigeria" is two actors). Every sentence here was written for
the eventwire project; the real lexicon, actor resolver and parser are used (no classifier)."""

from __future__ import annotations

from eventwire import nlp
from eventwire.events.coder import code_doc, resolve_actors
from eventwire.records import Article, Event

PUBLISHED = "2024-03-05"


def code(text: str) -> list[Event]:
    doc = nlp.parse(text)
    article = Article(id="l", uri="l", text=text, published=PUBLISHED)
    return code_doc(doc, article, resolve_actors(doc, PUBLISHED), classifier=None)


def targets(events: list[Event], trigger: str) -> set[str | None]:
    return {e.target.code if e.target else None for e in events if e.trigger.text.startswith(trigger)}


def test_each_conjunct_of_an_object_the_rule_names_is_a_target() -> None:
    # the rule names its object ("accept" a state): its conjuncts were dropped with the rest of the list
    events = code("The European Commission accepted Estonia and Latvia as candidate members on Monday.")
    assert {"EST", "LVA"} <= targets(events, "accepted")


def test_each_party_of_a_preposition_inside_the_named_object_is_a_target() -> None:
    # "requested assistance from X and Y": the object noun is the rule's, the parties are in its "from"
    events = code("Lithuania requested military assistance from Poland and Sweden on Friday.")
    assert targets(events, "requested") >= {"POL", "SWE"}


def test_people_of_several_states_are_one_target_per_state() -> None:
    events = code("The Chilean president met the leaders of Peru, Bolivia and Ecuador in Santiago on Tuesday.")
    found = targets(events, "met")
    assert {"BOL", "ECU"} <= found
    assert any(code and code.startswith("PER") for code in found)


def test_a_phrase_of_one_state_stays_one_target() -> None:
    events = code("The Chilean president met the leaders of Peru in Santiago on Tuesday.")
    assert len([e for e in events if e.trigger.text == "met"]) == 1
