"""What the classifier is asked: cropped inputs, the token budget by priority, one batched call, the cache."""

from __future__ import annotations

from typing import Any

import pytest
from events_support import stand_in_actors, stand_in_lexicon
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire import nlp
from eventwire.events import scoring
from eventwire.events.coder import code_doc, code_docs
from eventwire.events.ontology import PLOVER_TYPES
from eventwire.events.scoring import Query, crop, estimated_tokens, score_queries
from eventwire.records import Article


class CountingClassifier:
    """A stand-in model: one fixed distribution; remembers every call and its inputs."""

    name = "counting"
    version = "1"

    def __init__(self, top: str = "ASSAULT", p: float = 0.9) -> None:
        rest = (1.0 - p) / (len(PLOVER_TYPES) - 1)
        self.probs = {t: (p if t == top else rest) for t in PLOVER_TYPES}
        self.calls: list[list[tuple[str, Any, Any]]] = []

    def predict_many(self, triples: list[tuple[str, Any, Any]]) -> list[dict[str, float]]:
        self.calls.append(list(triples))
        return [dict(self.probs) for _ in triples]


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lex")))


LONG = ("In a statement released late on Friday after hours of talks in the capital, officials said that "
        "Russia attacked Georgia near the border, while observers from several countries watched the "
        "region closely and aid groups prepared for a long winter.")


def test_short_sentences_go_whole_and_long_ones_are_cut_around_the_spans() -> None:
    short = "Russia attacked Georgia."
    assert crop(Query(short, (0, 6), (16, 23), (7, 15), 0.5)) == (short, (0, 6), (16, 23))
    src, tgt = LONG.index("Russia"), LONG.index("Georgia")
    trig = LONG.index("attacked")
    text, source, target = crop(Query(LONG, (src, src + 6), (tgt, tgt + 7), (trig, trig + 8), 0.5))
    assert len(text) < len(LONG) and text in LONG
    assert source is not None and target is not None
    assert text[source[0]:source[1]] == "Russia" and text[target[0]:target[1]] == "Georgia"
    assert "attacked" in text and "winter" not in text and "statement" not in text


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 30), st.integers(0, 30))
def test_cropping_keeps_every_marked_span_intact(a: int, b: int) -> None:
    words = [f"w{i}" for i in range(40)]
    text = " ".join(words)
    starts = [text.index(f"w{i} ") if i < 39 else text.index("w39") for i in range(40)]
    source = (starts[a], starts[a] + len(words[a]))
    target = (starts[b + 9], starts[b + 9] + len(words[b + 9]))
    cut, s, t = crop(Query(text, source, target, source, 0.1))
    assert s is not None and t is not None
    assert cut[s[0]:s[1]] == words[a] and cut[t[0]:t[1]] == words[b + 9]


def test_the_budget_asks_by_priority_and_counts_a_repeated_input_once(monkeypatch: pytest.MonkeyPatch) -> None:
    model = CountingClassifier()
    cheap = Query("Russia attacked Georgia.", (0, 6), (16, 23), (7, 15), 0.3)
    other = Query("France attacked Spain today.", (0, 6), (16, 21), (7, 15), 0.9)
    cost = estimated_tokens(crop(cheap))
    # a budget for one input only: the higher-priority query (lower number) is asked, with its repeat
    monkeypatch.setattr(scoring, "MIN_BUDGET_TOKENS", cost)
    tokens = 1000  # a long document: its ratio budget, not the short-text exemption, applies
    [row] = score_queries(model, [(tokens, [other, cheap, None, cheap])], budget_ratio=cost / tokens)
    assert row[0] is None and row[2] is None
    assert row[1] is not None and row[3] == row[1]
    assert [t[0] for t in model.calls[0]] == ["Russia attacked Georgia."]


def test_statements_have_a_budget_of_their_own_on_top_of_the_shared_one(monkeypatch: pytest.MonkeyPatch) -> None:
    # written for the project: a weak rule takes the whole shared budget; the statement (no trigger
    # word, lost when not read) is still read from its own budget, and the shared one is not touched
    weak = Query("Russia attacked Georgia.", (0, 6), (16, 23), (7, 15), 0.1)
    said = Query("France said Spain had failed.", (0, 6), (12, 17), (7, 11), 0.3, statement=True)
    cost = estimated_tokens(crop(weak))
    monkeypatch.setattr(scoring, "MIN_BUDGET_TOKENS", cost)
    tokens = 1000
    [both] = score_queries(CountingClassifier(), [(tokens, [weak, said])], budget_ratio=cost / tokens,
                           statement_ratio=estimated_tokens(crop(said)) / tokens)
    assert both[0] is not None and both[1] is not None
    [shared_only] = score_queries(CountingClassifier(), [(tokens, [weak, said])], budget_ratio=cost / tokens,
                                  statement_ratio=0.0)
    assert shared_only[0] is not None and shared_only[1] is None


def test_a_short_text_is_read_in_full_and_a_long_one_within_its_budget() -> None:
    queries = [Query(f"Russia attacked Georgia {i}.", (0, 6), (16, 23), (7, 15), 0.5) for i in range(8)]
    [short] = score_queries(CountingClassifier(), [(scoring.SHORT_TEXT_TOKENS, queries)])
    assert all(row is not None for row in short)
    [long] = score_queries(CountingClassifier(), [(scoring.SHORT_TEXT_TOKENS + 1, queries)], budget_ratio=0.01)
    asked = sum(row is not None for row in long)
    assert 1 <= asked < len(queries)
    assert asked * estimated_tokens(crop(queries[0])) <= scoring.MIN_BUDGET_TOKENS


def test_what_a_document_gets_does_not_depend_on_the_others_in_the_call() -> None:
    # workers and Dask partitions group documents differently from one process: each must be coded alike
    docs = [(400, [Query(f"Russia attacked Georgia {d}-{i}.", (0, 6), (16, 23), (7, 15), 0.1 * i)
                   for i in range(6)]) for d in range(5)]
    together = score_queries(CountingClassifier(), docs)
    alone = [score_queries(CountingClassifier(), [doc])[0] for doc in docs]
    assert [[row is not None for row in rows] for rows in together] == \
           [[row is not None for row in rows] for rows in alone]
    assert any(row is None for rows in together for row in rows)  # the budget did bind


class EachClassifier(CountingClassifier):
    def predict_each(self, triples: list[tuple[str, Any, Any]]) -> list[dict[str, float]]:
        self.calls.append([("each", None, None)])
        return [dict(self.probs) for _ in triples]


def test_inputs_are_run_alone_when_the_classifier_can() -> None:
    model = EachClassifier()
    score_queries(model, [(5, [Query("Russia attacked Georgia.", (0, 6), (16, 23), (7, 15), 0.3)])])
    assert model.calls == [[("each", None, None)]]


def test_answers_are_cached_per_classifier() -> None:
    query = Query("Russia attacked Georgia.", (0, 6), (16, 23), (7, 15), 0.3)
    first, second = CountingClassifier("ASSAULT"), CountingClassifier("COERCE")
    assert score_queries(first, [(5, [query])])[0][0] == first.probs
    assert score_queries(first, [(5, [query])])[0][0] == first.probs
    assert len(first.calls) == 1  # the second time came from the cache
    assert score_queries(second, [(5, [query])])[0][0] == second.probs  # not the other model's answer


def test_code_docs_makes_one_model_call_and_matches_code_doc(lexicon: object) -> None:
    texts = ["Russia blocked Georgia.", "France blocked Israel on Monday.", "Iran blocked Syria."]
    items = []
    for i, text in enumerate(texts):
        items.append((nlp.parse(text), Article(id=f"a{i}", uri=f"a{i}", text=text), stand_in_actors(text)))
    batched_model = CountingClassifier("COERCE", 0.9)
    batched = code_docs(items, lexicon=lexicon, classifier=batched_model)  # type: ignore[arg-type]
    assert len(batched_model.calls) == 1 and len(batched_model.calls[0]) >= 3
    single_model = CountingClassifier("COERCE", 0.9)
    single = [code_doc(d, a, m, lexicon=lexicon, classifier=single_model) for d, a, m in items]  # type: ignore[arg-type]
    assert [[e.to_dict() for e in events] for events in batched] == [[e.to_dict() for e in events] for events in single]
    assert all(events and events[0].plover.type == "COERCE" for events in batched)


def test_answer_cache_drops_the_least_recently_used() -> None:
    from eventwire.events.scoring import _Cache

    cache = _Cache(2)
    a, b, c = (("a", None, None), ("b", None, None), ("c", None, None))
    cache.put(a, {"X": 1.0})
    cache.put(b, {"X": 2.0})
    assert cache.get(a) == {"X": 1.0}  # a is now the most recently used
    cache.put(c, {"X": 3.0})
    assert cache.get(b) is None and cache.get(a) == {"X": 1.0} and cache.get(c) == {"X": 3.0}
