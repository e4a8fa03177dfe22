"""Candidates past the model budget: read anyway (at most a few per article, by priority) and kept only
on a sure pair verdict, marked in the event's ``model`` field (eventwire.events.beyond_budget).

The article here is written for the eventwire project.
"""

from __future__ import annotations

from typing import Any

import pytest
from events_support import stand_in_actors, stand_in_lexicon

from eventwire import nlp
from eventwire.events import beyond_budget, scoring
from eventwire.events.coder import code_doc
from eventwire.events.ontology import PLOVER_TYPES
from eventwire.records import Article

# long enough (over scoring.SHORT_TEXT_TOKENS) that the budget applies; "praised" and "welcomed" are
# no trigger of the stand-in lexicon, so those two pairs are candidates only for the model
ARTICLE = ("Russia attacked Georgia early on Tuesday. "
           "The weather in the hills was cold and wet for most of the week, and the roads were slow. "
           "France praised Syria in a long speech before the assembly. "
           "Farmers in the valley said the harvest had been poor this year and that prices would rise soon. "
           "Israel welcomed Japan at the end of the meeting. "
           "Schools in the region stayed open, and the markets were busy on the day after the storm had passed. "
           "Trains ran late across the north, but most of the passengers reached their homes before dark.")


class TypeStandIn:
    """A type classifier that says CONSULT for every pair; counts what it reads."""

    name = "type-standin"
    version = "1"

    def __init__(self) -> None:
        self.read = 0

    def predict_many(self, triples: list[tuple[str, Any, Any]]) -> list[dict[str, float]]:
        self.read += len(triples)
        return [{t: (0.97 if t == "CONSULT" else 0.002) for t in PLOVER_TYPES} for _ in triples]


class PairStandIn:
    """A pair model: P(EVENT) by the marked source's text (0.5 for any other)."""

    name = "pair-standin"
    version = "1"

    def __init__(self, p_event: dict[str, float]) -> None:
        self.p_event = p_event

    def predict_each(self, triples: list[tuple[str, Any, Any]]) -> list[dict[str, float]]:
        out = []
        for sentence, source, _ in triples:
            p = self.p_event.get(sentence[source[0]:source[1]], 0.5)
            out.append({"NONE": 1 - p, "EVENT": p})
        return out


@pytest.fixture(scope="module")
def parsed() -> tuple[Any, Article]:
    return nlp.parse(ARTICLE), Article(id="a1", uri="a1", text=ARTICLE, published="2009-06-27")


def coded(parsed: tuple[Any, Article], tmp_path: Any, monkeypatch: pytest.MonkeyPatch, limit: int,
          pair: dict[str, float], classifier: TypeStandIn | None = None) -> list[tuple[str, str | None, str | None]]:
    monkeypatch.setenv("EVENTWIRE_BUDGET_VERDICT", str(limit))
    monkeypatch.setattr(scoring, "MIN_BUDGET_TOKENS", 0)  # with a tiny ratio: the model reads nothing in budget
    doc, article = parsed
    events = code_doc(doc, article, stand_in_actors(article.text), lexicon=stand_in_lexicon(str(tmp_path)),
                      classifier=classifier or TypeStandIn(), model_budget=1e-9, pair_model=PairStandIn(pair))
    return [(e.source.text, e.target.text if e.target else None, e.model) for e in events]


def test_off_the_candidates_past_the_budget_give_no_event(parsed: Any, tmp_path: Any,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    pairs = [(s, t) for s, t, _ in coded(parsed, tmp_path, monkeypatch, 0, {"Russia": 0.99})]
    assert pairs == [("Russia", "Georgia")]  # the rule stands unread; the two model-only pairs are dropped


def test_read_past_the_budget_an_event_is_kept_on_a_sure_verdict_and_marked(parsed: Any, tmp_path: Any,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    events = coded(parsed, tmp_path, monkeypatch, 5, {"Russia": 0.99, "France": 0.95, "Israel": 0.6})
    assert [(s, t) for s, t, _ in events] == [("Russia", "Georgia"), ("France", "Syria")]  # Israel: 0.6 < KEEP_FROM
    france = events[1][2]
    assert france is not None and france.endswith(f"pair-standin@1:EVENT=0.95 {beyond_budget.MARK}")
    assert events[0][2] is None or beyond_budget.MARK not in events[0][2]  # the rule's event is no extra one


def test_at_most_the_limit_is_read_by_priority(parsed: Any, tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    sure = {"Russia": 0.99, "France": 0.95, "Israel": 0.95}
    both, one = TypeStandIn(), TypeStandIn()
    assert [s for s, _, _ in coded(parsed, tmp_path, monkeypatch, 5, sure, both)] == ["Russia", "France", "Israel"]
    assert len([s for s, _, _ in coded(parsed, tmp_path, monkeypatch, 1, sure, one)]) == 2
    assert one.read == 1 and both.read == 2  # the classifier read no more than the limit


def test_a_sentence_with_an_event_gets_no_extra_one(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # the same article, but France's praise of Syria shares the sentence of the rule's attack
    text = ARTICLE.replace("Russia attacked Georgia early on Tuesday. ", "").replace(
        "France praised Syria in a long speech", "Russia attacked Georgia early on Tuesday, and France praised Syria")
    parsed = nlp.parse(text), Article(id="a2", uri="a2", text=text, published="2009-06-27")
    events = coded(parsed, tmp_path, monkeypatch, 5, {"Russia": 0.99, "France": 0.95, "Israel": 0.95})
    assert [(s, t) for s, t, _ in events] == [("Russia", "Georgia"), ("Israel", "Japan")]


def test_the_verdict_threshold_is_a_high_one() -> None:
    assert 0.7 <= beyond_budget.KEEP_FROM < 1.0  # at least the pair verdict's own DROP_BELOW
