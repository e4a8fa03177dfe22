"""The one a passive clause modifies undergoes the act and is never its doer (docs/annotation.md rule 4).
Sentences written for the eventwire project; the real parser, lexicon and actors."""

from __future__ import annotations

from eventwire.stages import code_text


def _coded(text: str) -> list[tuple[str, str | None, str]]:
    return [(e.source.text, e.target.text if e.target else None, e.plover.type) for e in code_text(text, "2008-03-01")]


def test_the_noun_a_passive_relative_clause_modifies_is_not_the_doer() -> None:
    assert _coded("She was the first Dutch journalist to be killed in Afghanistan.") == []
    assert _coded("She was the first Dutch journalist to be killed by Taliban gunmen in Afghanistan.") == []


def test_the_doer_of_a_passive_participle_is_its_by_phrase() -> None:
    found = _coded("The journalist, killed by Taliban gunmen in Afghanistan, was buried on Monday.")
    assert ("Taliban gunmen", "journalist", "ASSAULT") in found


def test_an_active_relative_clause_is_done_by_its_noun() -> None:
    found = _coded("The rebels who attacked the convoy were arrested by police.")
    assert any(source == "rebels" and kind == "ASSAULT" for source, _, kind in found)


def test_a_by_phrase_hung_on_the_infinitive_of_a_passive_is_its_agent() -> None:
    # "to leave" is active: its doer is its (controlled) subject, so the by-phrase is the passive's agent
    found = _coded("The ambassador was asked to leave the country by the Bolivian government.")
    assert any(source == "Bolivian government" and target == "ambassador" and kind == "REQUEST"
               for source, target, kind in found)


def test_a_deadline_after_the_infinitive_of_a_passive_is_no_agent() -> None:
    assert _coded("The ambassador was asked to leave the country by Friday.") == []
