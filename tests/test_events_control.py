"""Who does an act the parse leaves without a subject (issue 13, real-news recall): the "by" agent of
an intention noun controls its infinitive ("an attempt by X to storm"), a passive clause's subject
does the gerund of its adjunct ("X was punished for attacking Y"), and a verb of owning up to a
mutual event carries it ("X confirmed talks with Y"); eventwire/events/clauses.py,
phrases.support_verb and data/events/syntax.yaml (mutual_support_verbs). Sentences written for the
eventwire project, coded with the stand-in lexicon and actors of events_support and the real parser,
without the classifier."""

from __future__ import annotations

import pytest
from events_support import code, dyads, stand_in_lexicon


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lex")))


def test_the_by_agent_of_an_intention_noun_does_its_infinitive(lexicon: object) -> None:
    assert ("RUS", "GEO", "ASSAULT") in dyads(code("There was an attempt by Russia to attack Georgia.", lexicon))
    assert ("HMS", "ISR", "ASSAULT") in {(s and s[-3:], t, k) for s, t, k in dyads(
        code("A bid by Hamas to attack Israel ended in failure on Sunday.", lexicon))}


def test_a_by_phrase_of_a_noun_that_intends_nothing_lends_no_subject(lexicon: object) -> None:
    # "a photograph by Russia" does not attack anyone: only intention nouns are controlled
    assert not dyads(code("There was a photograph by Russia to attack Georgia.", lexicon))


def test_a_passive_subject_does_the_gerund_of_its_adjunct(lexicon: object) -> None:
    assert ("IRN", "ISR", "ASSAULT") in dyads(code("Iran was punished for attacking Israel.", lexicon))
    assert ("RUS", "GEO", "ASSAULT") in dyads(code("Russia was condemned after attacking Georgia.", lexicon))


def test_a_passive_subject_accused_or_kept_from_an_act_does_not_do_it(lexicon: object) -> None:
    assert ("IRN", "ISR", "ASSAULT") not in dyads(code("Iran was accused of attacking Israel.", lexicon))
    assert ("RUS", "GEO", "ASSAULT") not in dyads(code("Russia was barred from attacking Georgia.", lexicon))


def test_one_who_confirms_talks_with_someone_holds_them(lexicon: object) -> None:
    assert ("IRN", "USA", "CONSULT") in dyads(code("Iran confirmed talks with the United States.", lexicon))


def test_one_who_confirms_a_one_sided_act_has_not_done_it(lexicon: object) -> None:
    # "confirmed the crackdown on Hamas": a report of it, perhaps of someone else's act
    assert not any(s == "IRN" for s, _, _ in dyads(code("Iran confirmed the crackdown on Hamas.", lexicon)))

