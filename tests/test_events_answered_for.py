"""Doers named by answering for an act or by a support verb ("commenced air strikes"), backers named
by the noun of support, and a passive's agent the parser hung one phrase too low (issue 13,
real-news recall; eventwire/events/phrases.py answered_for and passive_agents, support_verbs of
data/events/syntax.yaml, the 051.support_noun lexicon rule). Sentences written for the eventwire
project; the stand-in lexicon and actors of events_support with the real parser, or the shipped
components where the stand-ins lack a word."""

from __future__ import annotations

import pytest
from events_support import code, dyads, stand_in_lexicon

from eventwire.stages import code_text


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lex")))


@pytest.mark.parametrize("text", [
    "Russia claimed responsibility for the crackdown on Georgia.",
    "Russia took responsibility for the crackdown on Georgia.",
    "Russia was responsible for the crackdown on Georgia.",
    "Officials believe Russia was behind the crackdown on Georgia.",
])
def test_who_answers_for_an_event_noun_is_its_doer(lexicon: object, text: str) -> None:
    assert ("RUS", "GEO", "ASSAULT") in dyads(code(text, lexicon))


@pytest.mark.parametrize("text", [
    "Russia denied responsibility for the crackdown on Georgia.",  # a denial names no doer
    "Russia discussed responsibility for the crackdown on Georgia.",  # not a verb of answering for it
])
def test_denying_or_discussing_responsibility_names_no_doer(lexicon: object, text: str) -> None:
    assert ("RUS", "GEO", "ASSAULT") not in dyads(code(text, lexicon))


def test_no_one_claiming_responsibility_gives_no_event(lexicon: object) -> None:
    events = code("No group has claimed responsibility for the crackdown on Georgia.", lexicon)
    assert not [e for e in events if e.target is not None and e.target.code == "GEO"]


def test_a_participle_claiming_responsibility_does_not_make_its_governor_the_doer(lexicon: object) -> None:
    # the calls claimed it, not France, who only received them
    events = code("France received calls claiming responsibility for the crackdown on Georgia.", lexicon)
    assert ("FRA", "GEO", "ASSAULT") not in dyads(events)


@pytest.mark.parametrize("text", [
    "Iran was condemned in a statement by France.",  # "by France" hangs on "statement"
    "Iran was condemned at a summit by France.",
])
def test_a_passive_agent_hung_on_the_noun_of_the_verbs_phrase_is_still_its_agent(lexicon: object, text: str) -> None:
    assert ("FRA", "IRN", "ACCUSE") in dyads(code(text, lexicon))


def test_a_passive_with_its_own_agent_keeps_it(lexicon: object) -> None:
    found = dyads(code("Iran was condemned by France at a summit hosted by Russia.", lexicon))
    assert ("FRA", "IRN", "ACCUSE") in found and ("RUS", "IRN", "ACCUSE") not in found


def test_the_noun_of_support_names_its_backer_and_the_one_backed() -> None:
    events = code_text("Former Vice-President Al Gore today announced his support for Barack Obama.")
    assert any(e.plover.type == "SUPPORT" and e.target is not None and "Obama" in e.target.text for e in events)


def test_support_for_a_thing_is_no_event() -> None:
    events = code_text("Polls show public support for the reform at 40 percent.")
    assert not [e for e in events if e.plover.type == "SUPPORT"]


@pytest.mark.parametrize(("text", "target"), [
    ("On July 15 Israel commenced air strikes on Hezbollah targets in Beirut.", "Hezbollah"),
    ("The Labor leader reiterated his support for Kevin Rudd.", "Kevin Rudd"),
])
def test_a_support_verb_lends_its_subject_to_the_event_noun(text: str, target: str) -> None:
    events = code_text(text)
    assert any(e.target is not None and e.target.text == target for e in events)


def test_a_phrase_of_time_is_not_what_the_verb_carries_out() -> None:
    # written for the project: "struck" carries out strikes, not the bombings it came after
    from eventwire import nlp
    from eventwire.events.mentions import syntax_words
    from eventwire.events.phrases import support_verb

    after = nlp.parse("Two bombers struck a base just days after the bombings in the resort town.")
    assert support_verb(next(t for t in after if t.lower_ == "bombings"), syntax_words()) is None
    launched = nlp.parse("Two bombers launched the bombings in the resort town.")
    verb = support_verb(next(t for t in launched if t.lower_ == "bombings"), syntax_words())
    assert verb is not None and verb.lower_ == "launched"
