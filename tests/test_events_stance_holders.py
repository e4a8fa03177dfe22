"""The holder of a stance noun named by its "of" phrase, and a passive's agent behind an -ing
adjective (session 24). Sentences written for the project; the shipped lexicon and actors."""

from __future__ import annotations

from eventwire import code_text, nlp
from eventwire.events.phrases import passive_agents


def _pairs(text: str) -> set[tuple[str, str | None]]:
    return {(e.source.text, e.target.text if e.target else None) for e in code_text(text, "2007-01-05")}


def test_the_of_actor_of_a_stance_noun_gives_it_to_the_subject_of_have() -> None:
    assert ("Russia", "Iran") in _pairs("Iran does not have the support of Russia in the dispute.")


def test_a_with_phrase_gives_the_stance_to_the_clause_subject() -> None:
    assert ("France", "Chad") in _pairs("Chad sent troops to the border with the backing of France.")


def test_a_possessor_keeps_the_of_phrase_for_the_one_supported() -> None:
    assert ("Iran", "Russia") not in _pairs("Russia repeated its support of Iran on Monday.")


def test_a_poll_share_is_no_stance_given() -> None:
    assert ("Russia", "Iran") not in _pairs("Iran had 40 percent support of Russia in the poll.")


def test_a_passive_agent_behind_an_ing_adjective_is_the_agent() -> None:
    doc = nlp.parse("The village was burned by rampaging soldiers.")
    verb = next(t for t in doc if t.text == "burned")
    assert [t.text for t, _ in passive_agents(verb)] == ["soldiers"]
