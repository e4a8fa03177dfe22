"""The speaker's own attitude with its object: adjectives of displeasure ("appalled by", "offended
by"), the nouns of displeasure ("anger at", "resentment of"), declared opposition and the
praise side ("pleased with"). Only a named actor as the object of the attitude's own preposition is a
target: anger over a thing codes nothing. Sentences written for the eventwire project; the shipped
lexicon, actor dictionaries and parser, as a run codes them."""

from __future__ import annotations

import pytest
from events_support import shipped_events as _events

from eventwire.events.lexicon import get_lexicon

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.mark.parametrize(("text", "event"), [
    ("The Polish government declared its opposition to Germany's plan.",
     ("ACCUSE", "Polish government", "Germany")),
    ("The Senate leader expressed disgust at the Iraqi government.",
     ("ACCUSE", "Senate leader", "Iraqi government")),
    ("Voters' resentment of the ruling party has grown.", ("ACCUSE", "Voters", "ruling party")),
    ("The Mexican president was pleased with Guatemala's response.",
     ("SUPPORT", "Mexican president", "Guatemala")),
])
def test_an_attitude_towards_a_named_actor_is_an_event(text: str, event: tuple[str, str, str]) -> None:
    assert event in _events(text)


@pytest.mark.parametrize("text", [
    "Farmers voiced anger over rising fuel costs.",
    "Residents said they were appalled by the flooding.",
    "There was public anger over rising fuel prices.",
    "He was satisfied with the result.",
])
def test_an_attitude_towards_a_thing_codes_nothing(text: str) -> None:
    assert _events(text) == []


def test_the_attitude_words_share_their_rules() -> None:
    rules = get_lexicon().entries
    assert {"appalled by", "offended by", "outraged by"} <= set(rules["110.displeased"].lemmas)
    assert "declare" in rules["110.express_disapproval"].lemmas
    # "of" names the holder of anger but the object of resentment
    assert "of" not in rules["110.anger"].target_preps and "of" in rules["110.resentment"].target_preps
    assert "happy with" not in rules["051.pleased"].lemmas  # "not all are happy with": negation escapes
