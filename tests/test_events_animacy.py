"""Positions only a doer fills (eventwire.events.animacy): the object an object-control verb asks to
act and the subject of a verb of speech name people, whatever their noun; a thing there stays a thing.
Sentences written for the eventwire project; the shipped lexicon, dictionaries and the real parser."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eventwire import nlp
from eventwire.events import coder
from eventwire.events.animacy import animate_by_position, asked_through_preposition
from eventwire.events.lexicon import get_lexicon
from eventwire.stages import _article_for_text, code_text, coding_stages


def _pairs(text: str) -> set[tuple[str, str | None, str]]:
    return {(e.source.text, e.target.text if e.target else None, e.plover.type) for e in code_text(text, "2007-01-05")}


def _word(text: str, word: str) -> object:
    return next(t for t in nlp.parse(text) if t.text == word)


@pytest.mark.parametrize(("text", "word"), [
    ("The minister urged the loggers to leave the forest.", "loggers"),
    ("Greenpeace called upon the whalers to stop killing whales.", "whalers"),
    ("The archbishop appealed to the truckers to end their blockade.", "truckers"),
    ("In Spain, a caller claiming to be with ETA warned the newspaper.", "caller"),
    ("The hopefuls accused the government of lying.", "hopefuls"),
])
def test_a_noun_no_list_knows_is_a_doer_in_a_doers_position(text: str, word: str) -> None:
    assert animate_by_position(_word(text, word))  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "word"), [
    ("The minister urged the loggers on Monday.", "loggers"),  # no act asked for: no control
    ("The union called for talks to begin at once.", "talks"),  # what is asked for, not who
    ("The report claimed that the ministry had ignored the law.", "report"),  # a document speaks for its issuer
    ("The loggers left the forest.", "loggers"),  # a plain subject proves nothing
    ("The premier urged the passage of bills to rejuvenate the economy.", "passage"),  # an act asked for
    ("The junta would allow the return of observers to monitor the vote.", "return"),  # an act allowed
    ("The book criticises the minister.", "book"),  # a verb a text also does: no speech verb
    ("Today short infobox The Presidency denied the claims.", "infobox"),  # a bare singular: no count noun of people
    ("The minister defended the radar technology saying that it is aimed at keeping the peace.", "technology"),  # the doer's participle
])
def test_a_thing_or_a_neutral_position_makes_no_doer(text: str, word: str) -> None:
    assert not animate_by_position(_word(text, word))  # type: ignore[arg-type]


def test_a_direct_object_is_the_one_asked_not_the_place_after_to() -> None:
    doc = nlp.parse("The minister urged the envoys to the summit to stay calm.")
    urged = next(t for t in doc if t.text == "urged")
    assert asked_through_preposition(urged) == []


def test_the_object_of_for_is_not_asked_to_act() -> None:
    doc = nlp.parse("The union called for talks to begin at once.")
    called = next(t for t in doc if t.text == "called")
    assert asked_through_preposition(called) == []


@pytest.mark.parametrize(("text", "source", "target"), [
    # "loggers" is an actor noun of its own (WordNet class LAB): its mention spans the noun, as "government" below
    ("The minister urged the loggers to leave the forest.", "minister", "loggers"),
    ("Greenpeace called upon the whalers to stop killing whales.", "Greenpeace", "the whalers"),
    ("The archbishop appealed to the truckers to end their blockade of the capital.", "archbishop", "the truckers"),
])
def test_the_one_asked_to_act_is_the_target_of_the_request(text: str, source: str, target: str) -> None:
    assert (source, target, "REQUEST") in _pairs(text)


def test_the_speaker_of_a_speech_act_is_its_source() -> None:
    text = "In Canada, the hopefuls accused the Conservative government of lying."
    assert ("the hopefuls", "government", "ACCUSE") in _pairs(text)


def test_an_agent_noun_is_a_target_where_no_country_codes_it() -> None:
    # "fishermen" is an agent word (AGR) with no country here: still people, not an unnamed thing
    text = "Greenpeace said it had asked the fishermen to stop whaling."
    assert any(target == "fishermen" for _, target, _ in _pairs(text))


@pytest.mark.parametrize("text", [
    "Hamas called on its members to keep calm and stay off the streets.",
    "NATO called on its members to keep calm and stay united.",
])
def test_the_one_asked_is_the_noun_not_its_owner(text: str) -> None:
    # "its members" are asked, not the body that owns them (which would be a request to itself)
    stages = coding_stages()
    article = replace(_article_for_text(text, "2007-01-05"), id="t")
    doc, _ = next(iter(stages.parse([(article.text, None)])))
    cands = coder._gather(doc, article, stages.actors(doc, article), get_lexicon(), False)
    assert "its members" in {c.target.actor.text for c in cands if c.target is not None}


@pytest.mark.parametrize(("text", "word"), [
    ("In Norway, several commentators criticised the prize committee for its choice.", "commentators"),
    ("Some deputies condemned the minister over the affair.", "deputies"),
])
def test_a_plural_subject_of_a_verb_of_judging_aloud_is_a_doer(text: str, word: str) -> None:
    assert animate_by_position(_word(text, word))  # type: ignore[arg-type]


def test_a_singular_subject_of_a_verb_of_judging_is_no_doer_by_position() -> None:
    # a text judges too, and is named in the singular
    assert not animate_by_position(_word("The editorial praised the minister.", "editorial"))  # type: ignore[arg-type]


def test_people_who_judge_aloud_are_the_source_of_the_judgement() -> None:
    text = "In Norway, several commentators criticised the Nobel committee for its choice."
    assert any(s == "several commentators" and t is not None and "committee" in t and kind == "ACCUSE"
               for s, t, kind in _pairs(text))
