"""Judged things, opinions held "as", new words of disapproval and voiced concern (session 17,
accuse-recall). Sentences written for the eventwire project; stand-in lexicon and actors of
events_support for the statement path, the shipped lexicon and actors for the concern rules."""

from __future__ import annotations

import pytest
from events_support import code, stand_in_lexicon

from eventwire.stages import code_text


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lex")))


def _accusations(text: str, lexicon: object) -> list[tuple[str | None, str | None]]:
    return [(e.source.code, e.target.text if e.target else None) for e in code(text, lexicon)
            if e.plover.type == "ACCUSE"]


@pytest.mark.parametrize(("text", "judged"), [
    ("France called the blockade unacceptable.", "the blockade"),
    ("France described the blockade as a disgraceful breach of trust.", "the blockade"),
])
def test_the_thing_a_describing_verb_judges_stands_for_its_maker(lexicon: object, text: str, judged: str) -> None:
    assert _accusations(text, lexicon) == [("FRA", judged)]


def test_a_judged_thing_is_not_read_without_a_cue_nor_from_a_pronoun(lexicon: object) -> None:
    assert _accusations("France called the blockade a temporary measure.", lexicon) == []
    assert _accusations("France called it unacceptable.", lexicon) == []


def test_an_opinion_held_as_a_judgement_judges_its_object(lexicon: object) -> None:
    assert _accusations("France sees the blockade as a provocation.", lexicon) == [("FRA", "the blockade")]
    assert _accusations("France views Iran as a threat to the region.", lexicon) == [("FRA", "Iran")]
    # only through "as": what an opinion verb sees is no statement ("saw that ..." is left alone)
    assert _accusations("France saw that the blockade was a provocation.", lexicon) == []
    assert _accusations("France sees the blockade as a step forward.", lexicon) == []


@pytest.mark.parametrize("text", [
    "France said the claims of Iran were baseless propaganda.",
    "France said that Iran was deliberately misleading its neighbours.",
    "France said Iran's offer was a cynical ploy.",
])
def test_general_words_of_disapproval_are_judgement_cues(lexicon: object, text: str) -> None:
    assert _accusations(text, lexicon) == [("FRA", "Iran")]


def test_concern_voiced_about_a_named_actor_is_criticism() -> None:
    events = [(e.source.text, e.target.text if e.target else None, e.plover.type, e.cameo)
              for e in code_text("Japan expressed concern about North Korea on Tuesday.")]
    assert events == [("Japan", "North Korea", "ACCUSE", "111")]
    events = [(e.source.text, e.target.text if e.target else None, e.plover.type)
              for e in code_text("Germany is concerned about Russia.")]
    assert events == [("Germany", "Russia", "ACCUSE")]


def test_concern_about_a_situation_names_no_one() -> None:
    assert code_text("Japan expressed concern about the weather on Tuesday.") == []


def test_denying_a_named_accusation_disputes_its_maker() -> None:
    events = [(e.source.text, e.target.text if e.target else None, e.plover.type, e.cameo)
              for e in code_text("Syria dismissed the allegations by Israel.")]
    assert events == [("Syria", "Israel", "ACCUSE", "111")]
    # a denial of something that is no accusation is not one
    assert not [e for e in code_text("Syria dismissed the minister by decree.") if e.plover.type == "ACCUSE"]


@pytest.mark.parametrize("judging", ["France called the plan unacceptable.", "France said the plan was a disgrace."])
def test_a_judged_product_is_coded_as_its_maker_named_before(lexicon: object, judging: str) -> None:
    # the article is mostly about France, but the plan is Iran's: its maker, not the article's
    # government (which would make France judge its own plan)
    text = ("France held talks in Paris. France hosted a summit in Paris on Monday. "
            f"Iran announced a new plan on Tuesday. {judging}")
    events = [(e.source.code, e.target.text, e.target.code) for e in code(text, lexicon)
              if e.plover.type == "ACCUSE" and e.target is not None]
    assert events == [("FRA", "the plan", "IRN")]
