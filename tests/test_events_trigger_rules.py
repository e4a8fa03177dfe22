"""Trigger rules added for real news (issue 13): orders and advice given with a to-infinitive, the
removal of a ruler, light verbs that do not turn an attack into an investigation, verbs of taking
part that carry a nominal event, aid received from someone, and a government or nominee accepted. Sentences written for the eventwire project; the shipped lexicon and
the real parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire import nlp
from eventwire.errors import ConfigError
from eventwire.events.lexicon import Lexicon, get_lexicon
from eventwire.stages import code_text


def _rules(text: str, word: str) -> list[str]:
    doc = nlp.parse(text)
    token = next(t for t in doc if t.lower_ == word)
    return [m.rule_id for m in get_lexicon().match(token)]


@pytest.mark.parametrize(("text", "word", "expected"), [
    ("The president told the rebels to lay down their arms.", "told", "100.tell_to"),
    ("The embassy advised its citizens to leave the country.", "advised", "020.advise_to"),
    ("He returned home two years after being deposed.", "deposed", "172.depose"),
    ("Rebels overthrew the regime last year.", "overthrew", "172.depose"),
    ("Police investigated the attack on the embassy.", "investigated", "093.investigate_military"),
    ("He encouraged the strikers to return to work.", "encouraged", "020.advise_to"),
    ("Police prevented the demonstration staged by students.", "prevented", "172.prevent_gathering"),
    ("The party received 5 million dollars from the rebels.", "received", "071.receive_money"),
    ("The Senate confirmed the nominee on Friday.", "confirmed", "051.accept_government"),
    ("The conversation between the two leaders lasted an hour.", "conversation", "040.talks"),
])
def test_rules_fire(text: str, word: str, expected: str) -> None:
    found = _rules(text, word)
    assert found and found[0] == expected, found


@pytest.mark.parametrize(("text", "word", "not_expected"), [
    ("The minister told reporters that the talks had failed.", "told", "100.tell_to"),  # speech, no order
    ("The doctor advised the minister.", "advised", "020.advise_to"),  # no act to do
    ("Protesters toppled the statue of the dictator.", "toppled", "172.depose"),
    ("Militants carried out an attack on the base.", "carried", "093.investigate_military"),
    ("The general ordered the killing of the prisoners.", "ordered", "091.investigate_crime"),
    ("A middleman purchased arms from the army's surplus auction.", "purchased", "072.receive_weapons"),  # trade
])
def test_rules_do_not_fire(text: str, word: str, not_expected: str) -> None:
    assert not_expected not in _rules(text, word)


def test_an_order_with_a_to_infinitive_is_a_request_to_the_object() -> None:
    events = [e for e in code_text("The king told the Venezuelan president to shut up.") if e.plover.type == "REQUEST"]
    assert events and "king" in events[0].source.text and "president" in (events[0].target.text if events[0].target else "")


def test_the_giver_named_with_from_is_the_source_of_aid_received() -> None:
    events = [e for e in code_text("Hezbollah received weapons from Iran.") if e.plover.type == "AID"]
    assert events and events[0].source.text == "Iran" and events[0].target and events[0].target.text == "Hezbollah"
    assert not [e for e in code_text("The town received $5 million in 2001.") if e.plover.type == "AID"]


def test_taking_part_carries_the_nominal_event_of_the_subject() -> None:
    events = [e for e in code_text("Syria participated in the attack on Israel.") if e.plover.type == "ASSAULT"]
    assert events and events[0].source.text == "Syria" and events[0].target and events[0].target.text == "Israel"


def test_a_dependency_spec_must_name_a_label(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text('version: 1\nentries:\n  - {id: "x.1", cameo: "100", pos: VERB, lemmas: [tell], objects: ["dep:"]}\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError, match="dependency label"):
        Lexicon.load([path], builtin=False)
