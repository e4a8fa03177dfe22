"""bench/realnews_misses.py: a miss counts a rule only when the rule can make an event of the gold type,
so that a rule firing elsewhere in the sentence does not label it "trigger, no arguments".

Written for the eventwire project (issue 13); the actors and codes are the project's own.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from script_support import load_script

from eventwire.eval.gold import GoldActor, GoldEvent


@pytest.fixture(scope="module")
def misses() -> Any:
    return load_script("bench/realnews_misses.py")


def _meeting() -> GoldEvent:
    return GoldEvent(sentence="The envoy met the rebels after the raid.", source=GoldActor("The envoy", None),
                     target=GoldActor("the rebels", None), plover="CONSULT", cameo="040")


MENTIONS = ["The envoy", "the rebels"]


def test_a_rule_of_another_type_is_no_trigger_of_the_gold_event(misses: Any) -> None:
    # only "raid" (ASSAULT 190) fired: the lexicon had nothing for the meeting
    assert misses._cause(_meeting(), MENTIONS, ["190"], []) == "no rule of the gold type"
    assert misses._cause(_meeting(), MENTIONS, ["190"], [("no target", False)]) == "no rule of the gold type"


def test_a_rule_of_the_gold_type_keeps_the_argument_causes(misses: Any) -> None:
    assert misses._cause(_meeting(), MENTIONS, ["190", "040"], []) == "trigger, no arguments"
    assert misses._cause(_meeting(), MENTIONS, ["040"], [("no target", True)]) == "trigger with source, no target"


def test_a_model_only_candidate_or_an_alternative_type_can_take_the_gold_type(misses: Any) -> None:
    assert misses._of_type(None, "CONSULT")
    assert misses._of_type("190", "CONSULT", ["CONSULT"])
    assert not misses._of_type("190", "CONSULT")
    assert misses._cause(_meeting(), MENTIONS, ["190"], [("model", True)]) == "left to the model"


def test_nothing_firing_and_missing_actors_keep_their_causes(misses: Any) -> None:
    assert misses._cause(_meeting(), MENTIONS, [], []) == "no trigger or statement"
    assert misses._cause(_meeting(), ["The envoy"], ["040"], []) == "actor not a mention: target"


def _candidate(source: str, target: str | None) -> Any:
    """The parts of an event candidate _has_pair reads: its actors' texts."""
    def argument(text: str) -> SimpleNamespace:
        return SimpleNamespace(actor=SimpleNamespace(text=text))
    return SimpleNamespace(source=argument(source), target=argument(target) if target else None)


def test_a_model_candidate_of_other_actors_is_not_left_to_the_model(misses: Any) -> None:
    # the model read "The envoy said the rebels ..." as a statement about the raid's victims, not the meeting
    assert misses._has_pair(_meeting(), _candidate("envoy", "rebels"))
    assert not misses._has_pair(_meeting(), _candidate("The envoy", "the villagers"))
    assert not misses._has_pair(_meeting(), _candidate("The envoy", None))
    lost = [(misses.ANOTHER_PAIR, True)]
    assert misses._cause(_meeting(), MENTIONS, ["190"], lost) == "model candidates, none of the gold pair"
    assert misses._cause(_meeting(), MENTIONS, ["190"], [*lost, ("model", True)]) == "left to the model"
