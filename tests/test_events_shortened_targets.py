"""One event when a sentence names its target twice, the second time shortened ("a United States
patrol ... their patrol"): eventwire.events.shortened_targets. Sentences written for the eventwire
project; events of the shipped coder, their targets rewritten as the actor layer may code them."""

from __future__ import annotations

from dataclasses import replace

from eventwire import code_text
from eventwire.events.shortened_targets import without_shortened_targets
from eventwire.records import Event


def _assault() -> Event:
    events = [e for e in code_text("Insurgents attacked a United States patrol near Baghdad on Monday.")
              if e.plover.type == "ASSAULT" and e.target is not None]
    assert events
    return events[0]


def test_a_shortened_mention_of_the_target_is_the_same_event() -> None:
    full = _assault()
    short = replace(full, target=replace(full.target, text="patrol", code="IRQMIL"))
    assert without_shortened_targets([short, full]) == [full]


def test_another_source_or_type_or_target_keeps_its_event() -> None:
    full = _assault()
    short = replace(full, target=replace(full.target, text="patrol", code="IRQMIL"))
    other_source = replace(short, source=replace(full.source, text="the army", code="IRQMIL"))
    assert without_shortened_targets([full, other_source]) == [full, other_source]
    other_type = replace(short, plover=replace(full.plover, type="COERCE"))
    assert without_shortened_targets([full, other_type]) == [full, other_type]
    # a word inside another word is no shortened mention ("rol" of "patrol")
    part = replace(full, target=replace(full.target, text="rol", code="IRQMIL"))
    assert without_shortened_targets([full, part]) == [full, part]
