"""Asking that someone else act ("X called for Y to V", "X suggested that Y V"): a request of Y, whose
asked-for act is not coded (docs/annotation.md: a requested act is not an event). Every sentence here
was written for the eventwire project.

The real lexicon, actor resolver and parser are used, without a classifier.
"""

from __future__ import annotations

import pytest

from eventwire import nlp
from eventwire.events.coder import code_doc, resolve_actors
from eventwire.records import Article, Event

PUBLISHED = "2024-01-10"


def code(text: str) -> list[Event]:
    doc = nlp.parse(text)
    article = Article(id="asked", uri="asked", text=text, published=PUBLISHED)
    return code_doc(doc, article, resolve_actors(doc, PUBLISHED), classifier=None)


def triples(events: list[Event]) -> set[tuple[str, str | None, str]]:
    return {(e.source.text, e.target.text if e.target else None, e.plover.type) for e in events}


def test_a_mandative_that_clause_is_a_request_of_its_subject() -> None:
    events = code("The Education Union suggested that the government invest in rural schools.")
    assert ("Union", "government", "REQUEST") in triples(events)
    assert [e.rule for e in events if e.plover.type == "REQUEST"] == ["020.suggested_that"]


def test_the_asked_for_act_of_a_mandative_clause_is_not_coded() -> None:
    events = code("The Education Union suggested that the government invest in rural schools.")
    assert not [e for e in events if e.source.text == "government"]


def test_a_for_to_infinitive_below_a_verb_of_asking_is_a_request_of_its_subject() -> None:
    events = code("Brazil proposed for Argentina to withdraw from the disputed border area.")
    assert ("Brazil", "Argentina", "REQUEST") in triples(events)


def test_asking_for_someone_to_act_is_a_request_of_them() -> None:
    # the parser hangs the one asked on "for" and the infinitive on the verb of asking
    events = code("Zimbabwe's ruling party continued by asking for the Movement for Democratic Change to "
                  "co-operate with it.")
    assert [e.rule for e in events if e.plover.type == "REQUEST"] == ["020.asked_for_act"]


def test_the_asked_for_act_of_a_for_to_infinitive_is_not_coded() -> None:
    events = code("Amnesty International called for Iran to release the jailed journalists.")
    assert not [e for e in events if e.source.text == "Iran"]


@pytest.mark.parametrize("text", [
    # an indicative clause is a claim, and its act stays an event
    "Human rights groups suggested that Israeli soldiers shot two unarmed Palestinians.",
    # a passive clause names no one asked
    "The opposition insisted that the minister be questioned by the commission.",
])
def test_no_request_from_a_claim_or_a_passive_clause(text: str) -> None:
    assert not [e for e in code(text) if e.plover.type == "REQUEST"]


def test_a_claimed_act_below_suggest_stays_an_event() -> None:
    events = code("Human rights groups suggested that Israeli soldiers shot two unarmed Palestinians.")
    assert ("Israeli soldiers", "Palestinians", "ASSAULT") in triples(events)
