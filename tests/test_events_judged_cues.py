"""Cues of judging statements added in session 24 (eventwire/events/judgement_cues.py,
data/events/evaluations.yaml): blame nouns named as a predicate, a prefix of betrayal, praise only as
a predicate, the quoted "we say", and the cue that judges someone. Sentences written for the
eventwire project; stand-in lexicon and actors of events_support, the real parser, no classifier."""

from __future__ import annotations

import pytest
from events_support import code, coded_triples, stand_in_actors, stand_in_lexicon

from eventwire import nlp
from eventwire.events.evaluations import judged_statements
from eventwire.events.mentions import ActorIndex
from eventwire.records import Actor


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lex")))


def _triples(text: str, lexicon: object) -> list[tuple[str | None, str | None, str, str]]:
    return coded_triples(text, lexicon)


def test_a_blame_noun_said_of_someone_judges_it_though_it_names_a_kind_elsewhere(lexicon: object) -> None:
    assert _triples("France described Iran and Syria as terrorists.", lexicon) == [
        ("FRA", "IRN", "ACCUSE", "112"), ("FRA", "SYR", "ACCUSE", "112")]
    assert _triples("France said that Iran and Syria were criminals.", lexicon) == [
        ("FRA", "IRN", "ACCUSE", "112"), ("FRA", "SYR", "ACCUSE", "112")]


def test_general_words_of_blame_and_praise(lexicon: object) -> None:
    assert _triples("France said the talks with Iran were a sham.", lexicon) == [("FRA", "IRN", "ACCUSE", "111")]
    assert _triples("France said Syria had been complicit in the abuses.", lexicon) == [("FRA", "SYR", "ACCUSE", "112")]
    assert _triples("France said Iran was sincere about peace.", lexicon) == [("FRA", "IRN", "SUPPORT", "051")]


def test_a_prefix_of_betrayal_on_a_capitalised_word_is_blame(lexicon: object) -> None:
    assert _triples("France said Iran's conduct was un-Islamic.", lexicon) == [("FRA", "IRN", "ACCUSE", "111")]


def test_praise_of_worth_only_as_a_predicate(lexicon: object) -> None:
    assert _triples("France called Iran credible.", lexicon) == [("FRA", "IRN", "SUPPORT", "051")]
    assert _triples("France said Iran had given credible assurances.", lexicon) == []
    assert _triples("France said Iran was taking appropriate measures.", lexicon) == []


def test_a_quoted_we_say_is_the_outer_speakers_statement() -> None:
    text = '"We must say that Iran is wrong," France said.'
    doc = nlp.parse(text)
    we = Actor(text="We", start=1, end=3, code="FRA", country="FRA", sector=None, name="France", kind="state",
               role_source="pronoun")
    index = ActorIndex(doc, sorted([*stand_in_actors(text), we], key=lambda a: a.start))
    found = [(j.verb.text, doc[j.source.token].text, doc[j.target.token].text)
             for sent in doc.sents for j in judged_statements(sent, index)]
    assert found == [("said", "France", "Iran")]


def test_the_first_cue_that_judges_someone_is_read(lexicon: object) -> None:
    # "unfair" is said of the weather, no one; "rigged" judges Iran
    assert _triples("France said the weather was unfair and that Iran had rigged the count.", lexicon) == [
        ("FRA", "IRN", "ACCUSE", "112")]


def test_a_judged_act_but_not_the_phrase_holding_the_cue(lexicon: object) -> None:
    # an act judged, no doer named: the act stands for its maker (an uncoded or guessed target)
    assert [(e.source.code, e.target.text if e.target else None, e.plover.type)
            for e in code("France said the act was a cowardly murder.", lexicon)] == [("FRA", "the act", "ACCUSE")]
    # the cue inside the act's own phrase, or naming its doers, judges no act
    assert _triples("France said the Iranian acts of sabotage included a fire.", lexicon) == []
    assert _triples("France said the Iranian acts were committed by cowards.", lexicon) == []


def test_a_product_doing_the_wrong_stands_for_its_maker(lexicon: object) -> None:
    # no actor is named as the doer: the law that violates stands for whoever made it
    assert [(e.source.code, e.target.text if e.target else None, e.plover.type)
            for e in code("France said the new law violated the constitution.", lexicon)] == [
        ("FRA", "the new law", "ACCUSE")]


def test_the_one_a_relative_clause_says_was_wronged_is_not_blamed(lexicon: object) -> None:
    assert _triples("France said the talks would help Hamas, which was persecuted for years.", lexicon) == []


def test_an_adjective_conjoined_to_an_attribute_is_an_attribute_too(lexicon: object) -> None:
    # "cruel" describes the act, and so does "irresponsible": neither is said of Iran
    assert _triples("France said this cruel and irresponsible act by Iran must end.", lexicon) == []
    assert _triples("France said Iran was cruel and irresponsible.", lexicon) == [("FRA", "IRN", "ACCUSE", "111")]


def test_conjoined_adjectives_after_as_stay_predicates(lexicon: object) -> None:
    # the parser hangs "malicious" on "as" as an attribute; it is what the law is described as
    assert _triples("France described the law of Iran as malicious and crude.", lexicon) == [
        ("FRA", "IRN", "ACCUSE", "111")]
