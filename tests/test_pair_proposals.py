"""Pair proposals: the pair model adds the pair it is surest of in a sentence with a trigger and no event.

Sentences here are written for the eventwire project.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from events_support import stand_in_actors, stand_in_lexicon

from eventwire import nlp
from eventwire.eval.pair_data import EVENT, NONE
from eventwire.events import pair_proposals
from eventwire.events.classifier import mark_sentence
from eventwire.events.coder import code_doc
from eventwire.events.ontology import PLOVER_TYPES
from eventwire.events.pair_proposals import PROPOSAL_RULE, proposal_model, sentence_pairs
from eventwire.records import Article

# "attack" is a stand-in trigger; its parse gives no actor argument (its doer is a pronoun with nothing to
# stand for, the actors sit in a place phrase and a speaker's), so the rules alone code nothing in it
NO_ARGUMENTS = "It attacked near the border of Georgia, a spokesman in Russia said."
CODED = "France attacked Syria."


class PairStandIn:
    """P(EVENT) by the marked (source, target) texts; remembers what it read."""

    name = "pair-standin"
    version = "1"

    def __init__(self, p_event: dict[tuple[str, str], float]) -> None:
        self.p_event = p_event
        self.read: list[str] = []

    def predict_each(self, triples: list[tuple[str, Any, Any]]) -> list[dict[str, float]]:
        out = []
        for sentence, source, target in triples:
            self.read.append(mark_sentence(sentence, source, target))
            p = self.p_event.get((sentence[source[0]:source[1]], sentence[target[0]:target[1]]), 0.0)
            out.append({NONE: 1 - p, EVENT: p})
        return out


class TypeStandIn:
    """A type classifier that says ASSAULT for every pair."""

    name = "type-standin"
    version = "1"

    def predict_many(self, triples: list[tuple[str, Any, Any]]) -> list[dict[str, float]]:
        return [{t: (0.97 if t == "ASSAULT" else 0.002) for t in PLOVER_TYPES} for _ in triples]


def coded(tmp_path: Path, text: str, proposer: Any) -> list[tuple[str, str | None, str | None, str | None]]:
    doc, article = nlp.parse(text), Article(id="a1", uri="a1", text=text, published="2009-06-27")
    events = code_doc(doc, article, stand_in_actors(text), lexicon=stand_in_lexicon(str(tmp_path)),
                      classifier=TypeStandIn(), pair_model=None, proposer=proposer)
    return [(e.source.text, e.target.text if e.target else None, e.rule, e.model) for e in events]


def test_a_sentence_with_a_trigger_and_no_event_gets_the_surest_pair(tmp_path: Path) -> None:
    text = f"{NO_ARGUMENTS} {CODED}"
    assert [(s, t) for s, t, _, _ in coded(tmp_path, text, None)] == [("France", "Syria")]
    stand_in = PairStandIn({("Russia", "Georgia"): 0.95, ("Georgia", "Russia"): 0.4, ("France", "Syria"): 0.99})
    events = coded(tmp_path, text, stand_in)
    assert [(s, t) for s, t, _, _ in events] == [("Russia", "Georgia"), ("France", "Syria")]
    rule, model = events[0][2], events[0][3]
    assert rule == PROPOSAL_RULE
    assert model == "type-standin@1 pair-standin@1:PROPOSED=0.95"
    # only the sentence without an event was read, both orders of its pair
    assert len(stand_in.read) == 2 and all("Russia" in r and "France" not in r for r in stand_in.read)


def test_no_pair_is_added_below_the_threshold(tmp_path: Path) -> None:
    stand_in = PairStandIn({("Russia", "Georgia"): pair_proposals.PROPOSE_AT - 0.05})
    assert coded(tmp_path, NO_ARGUMENTS, stand_in) == []
    assert len(stand_in.read) == 2


def test_a_type_no_trigger_of_the_sentence_gives_is_not_added(tmp_path: Path) -> None:
    # "criticized" gives ACCUSE; the stand-in classifier reads the pair as ASSAULT
    stand_in = PairStandIn({("Russia", "Georgia"): 0.99})
    assert coded(tmp_path, NO_ARGUMENTS.replace("attacked", "criticized"), stand_in) == []
    assert len(stand_in.read) == 2


def test_a_sentence_without_a_trigger_is_not_read(tmp_path: Path) -> None:
    stand_in = PairStandIn({("Russia", "Georgia"): 0.99})
    assert coded(tmp_path, "Russia and Georgia share a long mountain border.", stand_in) == []
    assert stand_in.read == []


def test_pairs_are_capped_and_nearest_the_trigger_first() -> None:
    text = "China, Japan, Iran, France and Syria watched as Russia attacked Georgia."
    doc = nlp.parse(text)
    sent = next(iter(doc.sents))
    trigger = next(t for t in doc if t.lemma_ == "attack")
    pairs = sentence_pairs(doc, sent, stand_in_actors(text), [trigger], limit=4)
    assert len(pairs) == 4
    assert {(s.actor.text, t.actor.text) for s, t in pairs[:2]} == {("Russia", "Georgia"), ("Georgia", "Russia")}
    assert sentence_pairs(doc, sent, stand_in_actors(text), []) == []


def test_the_switch_loads_the_pair_model_whatever_the_verdict_says(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_PAIR_VERDICT", "off")
    monkeypatch.delenv("EVENTWIRE_PAIR_PROPOSALS", raising=False)
    assert proposal_model() is None  # off by default (docs/classifier.md: the figures)
    monkeypatch.setenv("EVENTWIRE_PAIR_PROPOSALS", "on")
    loaded = proposal_model()
    assert loaded is not None and loaded.name == "pair-minilm"


def test_switched_on_the_shipped_models_add_a_pair_the_rules_left(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.stages import code_text

    text = "Japanese troops were sent to help Indonesia after the earthquake."

    def coded() -> list[tuple[str, str | None, str, str | None]]:
        return [(e.source.text, e.target.text if e.target else None, e.plover.type, e.rule) for e in code_text(text)]

    monkeypatch.setenv("EVENTWIRE_PAIR_PROPOSALS", "off")
    assert coded() == []  # "sent to help": the rules read no pair
    monkeypatch.setenv("EVENTWIRE_PAIR_PROPOSALS", "on")
    assert coded() == [("Japanese troops", "Indonesia", "AID", PROPOSAL_RULE)]
