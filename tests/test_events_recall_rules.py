"""General rules that code sentences the coder left empty on real news (issue 13): the acts of a
demonstration, crowd dispersal, contact, support verbs of overseeing, objects not read from adjunct
phrases, and two office holders sharing a code. Sentences written for the eventwire project; the
shipped lexicon and the real parser."""

from __future__ import annotations

import pytest

from eventwire import nlp
from eventwire.events.identity import same_actor
from eventwire.events.lexicon import get_lexicon
from eventwire.records import Actor
from eventwire.stages import code_text


def _rules(text: str, word: str) -> list[str]:
    doc = nlp.parse(text)
    token = next(t for t in doc if t.lower_ == word)
    return [m.rule_id for m in get_lexicon().match(token)]


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("Protesters chanted slogans outside the embassy.", "chanted", "141.chant_slogans"),
    ("The students shouted anti-government slogans.", "shouted", "141.chant_slogans"),
    ("Activists handed out leaflets in the square.", "handed", "141.chant_slogans"),
    ("Police dispersed the students with batons.", "dispersed", "175.disperse_people"),
    ("The minister had no contact with the rebels.", "had", "040.have_contact"),
    ("The judge denied the motion despite the prosecutor's claim.", "denied", "120.decline"),
])
def test_rules_for_sentences_once_left_empty(text: str, word: str, expected: str) -> None:
    found = _rules(text, word)
    assert found and found[0] == expected, found


@pytest.mark.parametrize(("text", "word"), [
    ("The fans shouted insults at the referee.", "shouted"),  # no slogans, banners or leaflets
    ("The crowd dispersed after the speech.", "dispersed"),  # no one dispersed by anyone
    ("The company had contact details on its website.", "had"),
])
def test_everyday_uses_are_no_events(text: str, word: str) -> None:
    assert not {"141.chant_slogans", "175.disperse_people", "040.have_contact"} & set(_rules(text, word))


def test_a_claim_in_an_adjunct_phrase_is_not_what_is_denied() -> None:
    found = _rules("The judge denied the motion despite the prosecutor's claim.", "denied")
    assert "016.reject_accusation" not in found, found


def _agent(text: str, start: int, code: str = "USAJUD", kind: str = "agent") -> Actor:
    return Actor(text=text, start=start, end=start + len(text), code=code, kind=kind, code_source="context")


def test_office_holders_of_different_offices_are_two_actors() -> None:
    assert not same_actor(_agent("defense attorneys", 0), _agent("a juror", 30))
    assert not same_actor(_agent("judge", 0, kind="person"), _agent("prosecutors", 40))
    assert not same_actor(_agent("Environment Minister", 0, "CANGOV"), _agent("government officials", 30, "CANGOV"))


def test_one_office_or_a_body_stays_one_actor() -> None:
    assert same_actor(_agent("the judge", 0), _agent("judge", 50))
    assert same_actor(_agent("the government", 0, "CANGOV"), _agent("government officials", 30, "CANGOV"))


def test_oversee_carries_the_nominal_event_of_its_subject() -> None:
    events = code_text("Nigerian President Umaru Yar'Adua has overseen the arrest of five former governors.")
    arrests = [e for e in events if e.plover.type == "COERCE"]
    assert arrests and "Yar'Adua" in arrests[0].source.text and "governors" in (arrests[0].target.text if arrests[0].target else "")


@pytest.mark.parametrize(("text", "negated"), [
    ("Iran had no contact with US officials in March.", True),
    ("Iran held no talks with Iraq on Monday.", True),
    ("Iran had contact with US officials in March.", False),
    ("Iran held talks with Iraq on Monday.", False),
])
def test_a_negated_object_negates_the_rule_s_event(text: str, negated: bool) -> None:
    events = [e for e in code_text(text) if e.plover.type == "CONSULT"]
    assert events, text
    assert ("negation" in events[0].plover.mode) is negated
