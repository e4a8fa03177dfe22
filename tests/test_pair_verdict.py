"""The pair verdict: its training data, the shipped pair model, its use in the coder and its switch.

Sentences and articles here are written for the eventwire project.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from events_support import stand_in_actors, stand_in_lexicon

from eventwire import nlp
from eventwire.eval.gold import GoldActor, GoldArticle, GoldEvent
from eventwire.eval.pair_data import EVENT, NONE, PAIR_LABELS, article_examples, sentence_examples
from eventwire.eval.training_data import Example
from eventwire.events import pair_verdict
from eventwire.events.classifier import mark_sentence
from eventwire.events.coder import code_doc
from eventwire.events.ontology import PLOVER_TYPES
from eventwire.events.pair_verdict import get_pair_model, judge_events
from eventwire.records import Actor, Article, Event, Plover, Span

ACCUSE = "The opposition party accused the interior ministry of rigging the vote."
MEETING = "The president met the visiting Kenyan delegation on Monday."


def span(sentence: str, text: str) -> tuple[int, int]:
    start = sentence.index(text)
    return (start, start + len(text))


def actor(sentence: str, text: str, offset: int = 0) -> Actor:
    start, end = span(sentence, text)
    return Actor(text=text, start=start + offset, end=end + offset)


def event(sentence: str, source: str, target: str | None, model: str | None = None) -> Event:
    return Event(id="e", article_id="a", sentence_index=0, sentence=sentence, trigger=Span("x", 0, 1),
                 source=actor(sentence, source), target=actor(sentence, target) if target else None,
                 cameo="112", cameo_root="11", plover=Plover(type="ACCUSE"), goldstein=-2.0, quad_class=3,
                 model=model)


# ---------------------------------------------------------------- training data (no model)


def row(sentence: str, source: str, target: str, label: str) -> Example:
    src, tgt = span(sentence, source), span(sentence, target)
    return Example(text=mark_sentence(sentence, src, tgt), labels=(label,), group=sentence, gold=label,
                   sentence=sentence, source=src, target=tgt)


def test_single_sentence_rows_give_the_pair_and_its_swap_unless_symmetric() -> None:
    rows = [row(ACCUSE, "The opposition party", "the interior ministry", "ACCUSE"),
            row(MEETING, "The president", "the visiting Kenyan delegation", "CONSULT")]
    examples = sentence_examples(rows, "plv")
    assert [(e.origin, e.label) for e in examples] == [("plv", EVENT), ("plv", EVENT), ("swapped", NONE)]
    swapped = examples[-1]
    assert swapped.source == span(ACCUSE, "the interior ministry")
    assert "{ The opposition party }" in swapped.text and "[ the interior ministry ]" in swapped.text


def test_article_examples_label_mention_pairs_and_produced_events_by_the_gold() -> None:
    first = "Rebels attacked an army convoy near the border."
    second = "Separately, the mayor thanked local volunteers."
    offset = len(first) + 1
    gold = GoldArticle(id="t1", split="tune", title=None, published=None, events=[
        GoldEvent(sentence=first, source=GoldActor("Rebels", "REB"), target=GoldActor("an army convoy", "MIL"),
                  plover="ASSAULT", cameo="190")])
    actors = [actor(first, "Rebels"), actor(first, "an army convoy"), actor(second, "the mayor", offset),
              actor(second, "local volunteers", offset)]
    produced = [event(first, "Rebels", "an army convoy"), event(second, "the mayor", "local volunteers")]
    examples = article_examples(gold, [(first, 0), (second, offset)], actors, produced)
    by_text = {e.text: e for e in examples}
    right = mark_sentence(first, span(first, "Rebels"), span(first, "an army convoy"))
    backwards = mark_sentence(first, span(first, "an army convoy"), span(first, "Rebels"))
    unwanted = mark_sentence(second, span(second, "the mayor"), span(second, "local volunteers"))
    assert by_text[right].label == EVENT
    assert by_text[backwards].label == NONE
    assert by_text[unwanted].label == NONE  # produced, but no gold event in the sentence
    assert {e.group for e in examples} == {"tune:t1"}
    assert len(by_text) == len(examples)  # one example per marked text


# ---------------------------------------------------------------- the verdict (stand-in model)


class StandIn:
    """Says EVENT with probability p_of(source text) and remembers what it read."""

    name = "pair-standin"
    version = "1"

    def __init__(self, p_event: dict[str, float]) -> None:
        self.p_event = p_event
        self.read: list[str] = []

    def predict_each(self, triples: list[tuple[str, Any, Any]]) -> list[dict[str, float]]:
        out = []
        for sentence, source, target in triples:
            self.read.append(mark_sentence(sentence, source, target))
            p = self.p_event[sentence[source[0]:source[1]]]
            out.append({NONE: 1 - p, EVENT: p})
        return out


def test_judge_events_drops_a_pair_below_the_threshold_and_notes_the_verdict() -> None:
    events = [event(ACCUSE, "The opposition party", "the interior ministry", model="plover-minilm@1.0.0"),
              event(ACCUSE, "the interior ministry", "The opposition party")]
    stand_in = StandIn({"The opposition party": 0.9, "the interior ministry": 0.1})
    kept = judge_events(events, stand_in, drop_below=0.3)
    assert [e.source.text for e in kept] == ["The opposition party"]
    assert kept[0].model == "plover-minilm@1.0.0 pair-standin@1:EVENT=0.90"
    assert len(stand_in.read) == 2
    assert judge_events(events, None, drop_below=0.3) == events


def test_a_pair_judged_before_is_not_read_again() -> None:
    # a repeated marked pair (an outlet's boilerplate, a republished story) costs one pass: each input is
    # run alone, so the kept answer is the one the model would give again
    events = [event(ACCUSE, "The opposition party", "the interior ministry"),
              event(ACCUSE, "the interior ministry", "The opposition party")]
    stand_in = StandIn({"The opposition party": 0.9, "the interior ministry": 0.1})
    first = judge_events(events, stand_in, drop_below=0.3)
    assert len(stand_in.read) == 2
    assert judge_events([*events, events[0]], stand_in, drop_below=0.3) == [*first, first[0]]
    assert len(stand_in.read) == 2


class TypeStandIn:
    """A type classifier that says ASSAULT for every pair."""

    name = "type-standin"
    version = "1"

    def predict_many(self, triples: list[tuple[str, Any, Any]]) -> list[dict[str, float]]:
        return [{t: (0.97 if t == "ASSAULT" else 0.002) for t in PLOVER_TYPES} for _ in triples]


def test_the_coder_drops_the_event_whose_pair_the_pair_model_rejects(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pair_verdict, "DROP_BELOW", 0.5)
    text = "Russia attacked Georgia. France attacked Syria."
    lexicon = stand_in_lexicon(str(tmp_path))
    doc, article = nlp.parse(text), Article(id="a1", uri="a1", text=text, published="2009-06-27")
    pairs = {"Russia": 0.95, "France": 0.05}  # P(EVENT) by source: the second pair is said to be no event

    def coded(pair_model: Any) -> list[tuple[str, str | None]]:
        events = code_doc(doc, article, stand_in_actors(text), lexicon=lexicon, classifier=TypeStandIn(),
                          pair_model=pair_model)
        return [(e.source.text, e.target.text if e.target else None) for e in events]

    assert coded(None) == [("Russia", "Georgia"), ("France", "Syria")]
    assert coded(StandIn(pairs)) == [("Russia", "Georgia")]


# ---------------------------------------------------------------- the shipped model


@pytest.fixture(scope="module")
def pair_model() -> Any:
    loaded = get_pair_model(pair_verdict.PAIR_MODELS_DIR / pair_verdict.PAIR_MODEL_NAME)  # whatever the switch says
    assert loaded is not None, "the committed model eventwire/models/pair-minilm is missing"
    return loaded


def test_the_shipped_pair_model_loads_offline_with_two_labels(pair_model: Any) -> None:
    assert pair_model.labels == PAIR_LABELS
    assert pair_model.name == "pair-minilm"
    assert "heldout" in pair_model.meta


def test_the_pair_model_prefers_the_right_pair_to_the_swapped_one(pair_model: Any) -> None:
    right = pair_model.predict(ACCUSE, span(ACCUSE, "The opposition party"), span(ACCUSE, "the interior ministry"))
    swapped = pair_model.predict(ACCUSE, span(ACCUSE, "the interior ministry"), span(ACCUSE, "The opposition party"))
    assert right[EVENT] > 0.5 > swapped[EVENT]


def test_the_verdict_drops_a_clear_wrong_pair_and_keeps_the_right_one(pair_model: Any) -> None:
    events = [event(ACCUSE, "The opposition party", "the interior ministry"),
              event(ACCUSE, "the interior ministry", "The opposition party")]
    kept = judge_events(events, pair_model, drop_below=0.5)
    assert [e.source.text for e in kept] == ["The opposition party"]
    assert kept[0].model is not None and kept[0].model.startswith("pair-minilm@")


def test_the_switch_turns_the_verdict_on_and_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTWIRE_PAIR_VERDICT", raising=False)
    assert get_pair_model() is not None  # on by default (docs/classifier.md: the held-out figures)
    monkeypatch.setenv("EVENTWIRE_PAIR_VERDICT", "on")
    assert get_pair_model() is not None
    monkeypatch.setenv("EVENTWIRE_PAIR_VERDICT", "off")
    assert get_pair_model() is None
    assert 0.0 < pair_verdict.DROP_BELOW < 1.0


def test_the_one_input_models_run_one_thread_unless_the_setting_names_a_number(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.events.classifier import single_input_threads

    monkeypatch.delenv("EVENTWIRE_ONNX_THREADS", raising=False)
    assert single_input_threads() == 1
    monkeypatch.setenv("EVENTWIRE_ONNX_THREADS", "3")
    assert single_input_threads() == 3


def test_switched_on_the_verdict_drops_a_wrong_pair_from_the_coded_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.stages import code_text

    text = ("The minister spent the week in Lisbon and travelling to Porto, the prime minister's home town. "
            "Rebels attacked an army convoy near the northern border on Tuesday, killing four soldiers.")

    def coded() -> set[tuple[str, str | None]]:
        return {(e.source.text, e.target.text if e.target else None) for e in code_text(text)}

    monkeypatch.setenv("EVENTWIRE_PAIR_VERDICT", "off")
    off = coded()
    monkeypatch.setenv("EVENTWIRE_PAIR_VERDICT", "on")
    on = coded()
    # a trip to a town read as a visit to it: since events.target_roles a bare settlement is no target, so
    # the coder drops the pair before the verdict is asked; switched on, the verdict adds nothing
    assert ("minister", "town") not in off
    assert on <= off
    assert ("Rebels", "soldiers") in on  # a right pair stays


def test_the_verdict_drops_below_the_threshold_the_switch_names(monkeypatch: pytest.MonkeyPatch) -> None:
    events = [event(ACCUSE, "The opposition party", "the interior ministry"),
              event(ACCUSE, "the interior ministry", "The opposition party")]
    stand_in = StandIn({"The opposition party": 0.9, "the interior ministry": 0.02})
    monkeypatch.setenv("EVENTWIRE_PAIR_VERDICT", "on")  # DROP_BELOW (0.05): the second goes
    assert [e.source.text for e in judge_events(events, stand_in)] == ["The opposition party"]
    monkeypatch.setenv("EVENTWIRE_PAIR_VERDICT", "0.01")  # only surer "none" than 0.99: both stay
    assert len(judge_events(events, stand_in)) == 2
    monkeypatch.setenv("EVENTWIRE_PAIR_VERDICT", "0.95")  # the first is not sure enough either
    assert judge_events(events, stand_in) == []
