"""A hyphenated object word of the lexicon is matched whole: "sit-in" is no "sit" (events.lexicon).
Sentences written for the eventwire project; the shipped lexicon, actor dictionaries and parser."""

from __future__ import annotations

import pytest
from events_support import shipped_events as _events

from eventwire.events.lexicon import _Specs

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_a_hyphenated_spec_keeps_its_small_words() -> None:
    specs = _Specs.compile(["sit-in", "end to the fighting"])
    assert "sit" not in specs.words
    assert ("sit", "in") in specs.phrases["in"]
    assert ("end", "fighting") in specs.phrases["end"]  # a spaced phrase still drops "to the"


@pytest.mark.parametrize("text", [
    "The state parliament resumed sitting on Tuesday after the winter recess.",
    "The regional assembly began sitting again on Monday, with the opposition questioning the budget.",
])
def test_a_body_sitting_stages_no_protest(text: str) -> None:
    assert not any(kind == "PROTEST" for kind, _, _ in _events(text))


def test_a_sit_in_is_still_a_protest() -> None:
    assert any(kind == "PROTEST" for kind, _, _ in _events(
        "Hundreds of students began a sit-in outside the education ministry on Monday."))
