"""The founding example: the seed's required events come out and the forbidden ones do not.

Real components end to end (parser, actor resolver, shipped lexicon, the classifier when installed);
the article body is cut from the capture with the gold's own body markers so that this test is about
event coding, not extraction (the extraction layer has its own seed test).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire import nlp
from eventwire.eval.coder import check_seed, event_matches_spec, seed_text
from eventwire.events.coder import code_doc, resolve_actors
from eventwire.records import Article, Event


@pytest.fixture(scope="module")
def seed(shared: Path) -> tuple[list[Event], dict[str, Any]]:
    gold = json.loads((shared / "seed" / "seed_gold.json").read_text(encoding="utf-8"))
    capture = (shared / "seed" / "000_59cc4f673b5911df.txt").read_text(encoding="utf-8")
    text = seed_text(capture, gold)
    article = Article(id="seed", uri="seed", text=text, published=gold["article"]["published"])
    doc = nlp.parse(text)
    return code_doc(doc, article, resolve_actors(doc, article.published)), gold


def _describe(events: list[Event], prefix: str) -> str:
    return "\n".join(
        f"  {e.trigger.text!r}: {e.source.text}[{e.source.code}] -> "
        f"{(e.target.text + '[' + str(e.target.code) + ']') if e.target else None} {e.cameo} {e.plover.type} "
        f"{e.plover.mode} {e.date}"
        for e in events if e.sentence.startswith(prefix)
    )


def test_required_events_are_produced(seed: tuple[list[Event], dict[str, Any]]) -> None:
    events, gold = seed
    missing, _ = check_seed(events, gold)
    details = "\n".join(
        f"{spec['id']} ({spec['sentence_starts_with']}):\n{_describe(events, spec['sentence_starts_with'])}"
        for spec in gold["required_events"] if spec["id"] in missing
    )
    assert not missing, f"missing required events {missing}; coded in those sentences:\n{details}"


def test_forbidden_events_are_not_produced(seed: tuple[list[Event], dict[str, Any]]) -> None:
    events, gold = seed
    _, produced = check_seed(events, gold)
    assert not produced, f"forbidden events produced: {produced}"


def test_seed_events_have_evidence_and_sane_counts(seed: tuple[list[Event], dict[str, Any]]) -> None:
    events, gold = seed
    sentences = {e.sentence_index for e in events}
    assert len(events) <= 3 * len(sentences)
    for event in events:
        assert event.sentence[event.trigger.start:event.trigger.end] == event.trigger.text
        assert event.source.text and (event.rule or event.model)
    # the Georgia war event carries its own date, not the publication date
    routed = [e for e in events if any(event_matches_spec(e, s) for s in gold["required_events"] if s["id"] == "R2")]
    assert routed and all(e.date_source == "sentence" and "historical" in e.plover.mode for e in routed)


def test_seed_matching_rules_can_fail(seed: tuple[list[Event], dict[str, Any]]) -> None:
    """The checker itself: swapping a non-symmetric event's roles or its type breaks the match."""
    events, gold = seed
    spec = next(s for s in gold["required_events"] if s["id"] == "R2")
    event = next(e for e in events if event_matches_spec(e, spec))
    assert event.target is not None
    swapped = Event.from_dict({**event.to_dict(), "source": event.target.to_dict(), "target": event.source.to_dict()})
    assert not event_matches_spec(swapped, spec)
    retyped = Event.from_dict({**event.to_dict(), "plover": {"type": "AID", "mode": [], "context": []}})
    assert not event_matches_spec(retyped, spec)
    assert check_seed([], gold)[0] == [s["id"] for s in gold["required_events"]]
