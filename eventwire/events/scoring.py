"""Which event candidates the PLOVER classifier reads, and how: cropped inputs, a budget, batches, a cache.

The classifier costs more per token than the whole spaCy pipeline (a MiniLM forward pass per
candidate), so coding with it cannot read every candidate of every sentence and stay within a quarter
of the parse time (``bench/coding_speed.py``). Three things keep it affordable:

* **crop**: a long sentence is cut to the words around the source, the target and the trigger (plus a
  margin), so the model reads ~20 tokens instead of ~40; short sentences go whole, as in training;
* **budget**: a document may spend model tokens in proportion to its length (a text of a
  sentence or two is read in full); candidates are asked in priority order (the weakest rules first: that is where the model changes the type most
  often; then model-only proposals between dictionary actors; then the rest) until the budget is
  spent. Candidates not asked are decided by the lexicon alone, exactly as without a model;
* **one call and a cache**: every asked input of a batch of documents goes to the classifier in one
  call, and answers are kept by (text, source span, target span) for repeats across documents.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cachetools import LRUCache

__all__ = ["Query", "cached_answers", "crop", "estimated_tokens", "score_queries", "MODEL_TOKENS_PER_DOC_TOKEN",
           "STATEMENT_TOKENS_PER_DOC_TOKEN"]

Span = tuple[int, int]
Triple = tuple[str, Span | None, Span | None]

#: sentences up to this many words are read whole
CROP_FROM_WORDS = 24
#: words kept either side of the source/target/trigger when a sentence is cropped
MARGIN_WORDS = 5
#: model tokens a document may spend per spaCy token of its own (the model reads ~1.4x slower per
#: token than spaCy parses: 0.08 keeps the model near 12% of the parse time)
MODEL_TOKENS_PER_DOC_TOKEN = 0.08
#: model tokens a document may spend on statement candidates on top of that budget: a statement about
#: someone ("He said the government had failed") has no trigger word, so a statement the model does not
#: read is lost, while a weak rule not read still stands on its own; on the real-news tune split the
#: shared budget read only about 20 of 56 statement candidates.
#: Neither budget is raised for the candidates they leave unread (real-news train split, 540
#: articles, each kind read in full with its floor unchanged): statements would add 11 right and 27 wrong
#: events, proposed targets 36 and 139, verb-linked model-only events 54 and 199 -- at any floor,
#: about a third right at best, against the coder's one half
STATEMENT_TOKENS_PER_DOC_TOKEN = 0.06
#: texts of at most this many spaCy tokens (a sentence or two: ``eventwire code`` on a sentence, a
#: gold sentence) are coded with the model in full, whatever the ratio
SHORT_TEXT_TOKENS = 100
#: a longer document may always spend this many tokens (one cropped candidate)
MIN_BUDGET_TOKENS = 30
CACHE_SIZE = 8192
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Query:
    """One candidate for the model: char spans into ``text`` (the sentence); ``trigger`` only guides
    cropping (the model marks the source and the target). Lower ``priority`` is asked first."""

    text: str
    source: Span | None
    target: Span | None
    trigger: Span
    priority: float
    statement: bool = False  # spends the statement budget first (STATEMENT_TOKENS_PER_DOC_TOKEN)


def crop(query: Query) -> Triple:
    """The (text, source, target) the model reads: the sentence, or for a long one the words around
    the marked spans and the trigger, with the spans moved to the cut text."""
    words = [(m.start(), m.end()) for m in _WORD.finditer(query.text)]
    if len(words) <= CROP_FROM_WORDS:
        return query.text, query.source, query.target
    spans = [s for s in (query.source, query.target, query.trigger) if s is not None]
    lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
    first = next((i for i, (_, end) in enumerate(words) if end > lo), 0)
    last = max((i for i, (start, _) in enumerate(words) if start < hi), default=len(words) - 1)
    first, last = max(0, first - MARGIN_WORDS), min(len(words) - 1, last + MARGIN_WORDS)
    begin, end = words[first][0], words[last][1]

    def moved(span: Span | None) -> Span | None:
        return None if span is None else (span[0] - begin, span[1] - begin)

    return query.text[begin:end], moved(query.source), moved(query.target)


def estimated_tokens(triple: Triple) -> int:
    """Word pieces the model will read: ~1.3 per word, plus [CLS]/[SEP] and the four marks."""
    return int(len(_WORD.findall(triple[0])) * 1.3) + 6


class _Cache:
    """A bounded, thread-safe map from a model input to its probabilities (least recently used out):
    cachetools' LRU map behind a lock (cachetools' caches are not thread-safe by themselves)."""

    def __init__(self, size: int) -> None:
        self._data: LRUCache[Triple, dict[str, float]] = LRUCache(maxsize=size)
        self._lock = threading.Lock()

    def get(self, key: Triple) -> dict[str, float] | None:
        with self._lock:
            found: dict[str, float] | None = self._data.get(key)  # a hit counts as a use
            return found

    def put(self, key: Triple, value: dict[str, float]) -> None:
        with self._lock:
            self._data[key] = value


# one cache per classifier object (a retrained or stand-in model must not see another's answers)
_caches: weakref.WeakKeyDictionary[Any, _Cache] = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()


def _cache_for(classifier: Any) -> _Cache:
    try:
        with _caches_lock:
            cache = _caches.get(classifier)
            if cache is None:
                cache = _caches[classifier] = _Cache(CACHE_SIZE)
            return cache
    except TypeError:  # not weak-referenceable: no cache across calls
        return _Cache(CACHE_SIZE)


def _chosen(queries: Sequence[Query | None], budget: int, statement_budget: int = 0) -> dict[int, Triple]:
    """Indexes of the queries asked (by priority), with their model input: statement queries first
    within ``statement_budget`` tokens, then all the others left within ``budget``. The same input
    asked twice costs once."""
    chosen: dict[int, Triple] = {}
    spent_on: set[Triple] = set()
    statements = [q if q is not None and q.statement else None for q in queries]
    _spend(statements, statement_budget, chosen, spent_on)
    _spend([None if i in chosen else q for i, q in enumerate(queries)], budget, chosen, spent_on)
    return chosen


def _spend(queries: Sequence[Query | None], budget: int, chosen: dict[int, Triple], spent_on: set[Triple]) -> None:
    """Add to ``chosen`` the queries that fit in ``budget`` tokens, by priority."""
    order = sorted((q.priority, i) for i, q in enumerate(queries) if q is not None)
    spent = 0
    for _, i in order:
        query = queries[i]
        assert query is not None
        triple = crop(query)
        cost = 0 if triple in spent_on else estimated_tokens(triple)
        if spent + cost > budget:
            continue  # a cheaper query further down may still fit
        spent += cost
        spent_on.add(triple)
        chosen[i] = triple


def score_queries(
    classifier: Any, documents: Sequence[tuple[int, Sequence[Query | None]]], *,
    budget_ratio: float = MODEL_TOKENS_PER_DOC_TOKEN, statement_ratio: float = STATEMENT_TOKENS_PER_DOC_TOKEN,
) -> list[list[dict[str, float] | None]]:
    """Model probabilities for the queries of several documents, each given as (its spaCy token
    count, its queries; None for a candidate that needs no model). Each document has its own budget,
    ``budget_ratio`` times its tokens (at least MIN_BUDGET_TOKENS; no limit for a short text or a
    ratio of 0), spent on its
    queries by priority; a query left out gets None. All model inputs not in the cache go to the
    classifier in one call.

    What a document gets does not depend on the other documents of the call: the budget is its own,
    and each input is run alone (``predict_each``) because the int8 model quantizes activations over
    the whole batch, so neighbours would shift the probabilities in the third decimal. That is what
    makes a run with workers or on Dask store exactly what one process stores.
    """
    chosen: dict[int, Triple] = {}
    position = 0
    for tokens, queries in documents:
        unlimited = budget_ratio <= 0 or tokens <= SHORT_TEXT_TOKENS
        budget = 1 << 62 if unlimited else max(MIN_BUDGET_TOKENS, int(tokens * budget_ratio))
        statement_budget = 0 if unlimited else int(tokens * statement_ratio)
        for offset, triple in _chosen(queries, budget, statement_budget).items():
            chosen[position + offset] = triple
        position += len(queries)
    asked = list(dict.fromkeys(chosen.values()))
    answers = dict(zip(asked, cached_answers(classifier, asked), strict=True))
    out: list[list[dict[str, float] | None]] = []
    position = 0
    for _, queries in documents:
        row: list[dict[str, float] | None] = []
        for offset in range(len(queries)):
            picked = chosen.get(position + offset)
            row.append(None if picked is None else answers[picked])
        out.append(row)
        position += len(queries)
    return out


def cached_answers(classifier: Any, triples: Sequence[Triple]) -> list[dict[str, float]]:
    """The classifier's probabilities for each (text, source, target), in order: those it gave before
    from its cache, the others from one call running each input alone (``predict_each``: an answer
    then depends on its input only, so a kept one is the one it would give again)."""
    cache = _cache_for(classifier)
    unique = list(dict.fromkeys(triples))
    answers = {t: found for t in unique if (found := cache.get(t)) is not None}
    missing = [t for t in unique if t not in answers]
    if missing:
        predict = getattr(classifier, "predict_each", None) or classifier.predict_many
        for triple, probs in zip(missing, predict(missing), strict=True):
            cache.put(triple, probs)
            answers[triple] = probs
    return [answers[t] for t in triples]
