"""Answers of the read endpoints, encoded once and remembered per database version (bounded).

The dashboard repeats the same questions (the overview on every visit, a page of events while the
user reads it), so the encoded JSON of an answer is kept in a ``cachetools.LRUCache`` keyed by the
source's ``version()`` and the question: a new version simply stops matching the old keys, which age
out. The cache is bounded twice: ``EVENTWIRE_API_CACHE`` answers at most, and ``MAX_BYTES`` of JSON
in all (an answer larger than ``MAX_ANSWER_BYTES`` is not kept), so it cannot grow with the data.

Concurrent requests for the same missing answer compute it once: the first computes, the others wait
for its result (a failure is passed to the waiters and not remembered).

With ``slots`` (``EVENTWIRE_API_SLOTS``), at most that many answers are computed at once and the other
requests wait their turn, in about the order they came (``threading.Semaphore`` wakes its waiters in
order); by default every missing answer is computed at once, on the request's own thread. On cores
kept busy by the requests (bench/load.py's 16 closed-loop clients), computing all at once adds no
throughput: each answer's ~15 ms of CPU is spread over the time all the others take, so the costlier
ones (a text search: twice the CPU) take twice as long: the tail. A few at a time, an answer waits for
the ones ahead of it only: bench/load_queue.py models both with the measured CPU per answer (p99 of
all requests 299 ms all at once, 191 ms three at a time, at 1.7 cores; 277 ms measured all at once). Not the default because it
was not shown on a machine: on the shared development machine (load average 9-14) the two ways
came out each ahead once in two A/B runs of bench/load.py, where the server's share of the cores
also depends on how many threads it has runnable against the other processes'. What was seen there
both times: with 3 slots, the routing before a computed answer and the sending after it waited for
the GIL 5-10 times less (p50 8-15 ms against 50-96 ms), 16 threads contending for it no more.

An answer about a filter (``scope``) survives a new version when the source can tell that no event
the new version rewrote matches the filter (``source.untouched(flt, since)``, a live source's:
:mod:`eventwire.api.deltas`): the answer kept under the newest older version is then kept under the
new one too, instead of being computed again. The latest version of each question is remembered for
that (:meth:`Answers.carried`); the replayed responses of :mod:`eventwire.api.replay` use it as well.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from contextlib import AbstractContextManager, nullcontext
from contextvars import ContextVar
from typing import Any

import duckdb
import orjson
from cachetools import LRUCache

from eventwire.api.source import DatabaseSource, on_demand
from eventwire.errors import ConfigError
from eventwire.read.filters import EventFilter

__all__ = ["Answers", "ComputeOnDemand", "encode_json", "MAX_BYTES", "MAX_ANSWER_BYTES", "ANSWERED_SCOPES"]

MAX_BYTES = 128 * 1024 * 1024  # all remembered answers together, as counted (see Answers.keep)
MAX_ANSWER_BYTES = 2 * 1024 * 1024  # a 1000-event page is ~0.6 MB; the 5000 places of the map ~1 MB

Compute = Callable[[duckdb.DuckDBPyConnection], Any]
# an answer given a function that opens its cursor when called (api/source.py on_demand): none when not needed
ComputeOnDemand = Callable[[Callable[[], duckdb.DuckDBPyConnection]], Any]
# Set by the replay middleware around one request: the scopes of the answers that request used, so the
# replayed response can be kept across versions as its answer is (a list: the route runs in a thread
# with a copy of the context, which shares the list)
ANSWERED_SCOPES: ContextVar[list[EventFilter | None] | None] = ContextVar("eventwire_answered_scopes", default=None)


def encode_json(payload: Any) -> bytes:
    """Compact UTF-8 JSON; dates and other non-JSON values as their ``str``. orjson, a dependency (several
    times faster on wide rows), also writes the kept rows of :mod:`eventwire.api.rows` as they are."""
    return orjson.dumps(payload, default=str)


def _size(value: Any) -> int:
    """Bytes of a kept value: an encoded answer, or a replayed response's (headers, body, scope)."""
    if isinstance(value, bytes):
        return len(value)
    headers, body = value[0], value[1]
    return len(body) + sum(len(k) + len(v) for k, v in headers)


class _Sized(LRUCache[Hashable, Any]):
    """An LRU cache bounded in bytes and in number of answers."""

    def __init__(self, max_answers: int, max_bytes: int) -> None:
        super().__init__(maxsize=max_bytes, getsizeof=_size)
        self.max_answers = max_answers

    def __setitem__(self, key: Hashable, value: Any) -> None:
        while len(self) >= self.max_answers:
            self.popitem()
        super().__setitem__(key, value)


class Answers:
    """Encoded answers over a :class:`~eventwire.api.source.DatabaseSource` (thread-safe)."""

    def __init__(self, source: DatabaseSource, max_answers: int = 512, max_bytes: int = MAX_BYTES,
                 slots: int | None = None) -> None:
        self.source = source
        if slots is not None and slots < 0:
            raise ConfigError(f"EVENTWIRE_API_SLOTS is {slots}: give 0 (no bound) or how many answers to compute at once")
        # at most ``slots`` answers computed at once (the others wait); None or 0: no bound
        self._slots: AbstractContextManager[Any] = threading.Semaphore(slots) if slots else nullcontext()
        self.enabled = max_answers > 0
        self._cache = _Sized(max(1, max_answers), max_bytes)
        self._latest: LRUCache[Hashable, Hashable] = LRUCache(maxsize=2 * max(1, max_answers))  # question -> version
        self._pending: dict[Hashable, Future[bytes]] = {}
        self._lock = threading.Lock()
        self._untouched: Callable[[EventFilter, Hashable], bool] | None = getattr(source, "untouched", None)

    def json(self, question: tuple[Any, ...], compute: Compute, scope: EventFilter | None = None) -> bytes:
        """``compute(cursor)`` encoded as JSON, remembered under (version, ``question``). ``scope``: the
        filter the answer depends on alone (it is made of the matching events), so that it can be kept
        across versions that did not touch them; None for an answer that depends on anything else."""
        return self.json_on_demand(question, lambda cursor: compute(cursor()), scope)

    def json_on_demand(self, question: tuple[Any, ...], compute: ComputeOnDemand,
                       scope: EventFilter | None = None) -> bytes:
        """:meth:`json`, ``compute`` given a function that opens the cursor when called (an answer made from
        memory alone opens none: a page of the in-memory index whose rows are all kept)."""
        scopes = ANSWERED_SCOPES.get()
        if scopes is not None:
            scopes.append(scope)
        if not self.enabled:
            return self._compute(compute)
        version = self.source.version()  # the version first: see the contract in api/source.py
        key = (version, *question)
        with self._lock:
            found: bytes | None = self._cache.get(key)
            if found is not None:
                return found
            waiting = self._pending.get(key)
            if waiting is None:
                mine: Future[bytes] = Future()
                self._pending[key] = mine
        if waiting is not None:
            return waiting.result()  # being computed by another request: its answer, or its error
        try:
            carried: bytes | None = self.carried(question, version, lambda kept: scope)
            body = carried if carried is not None else self._compute(compute)
        except BaseException as exc:
            with self._lock:
                del self._pending[key]  # failures are not remembered
            mine.set_exception(exc)
            raise
        with self._lock:
            if len(body) <= MAX_ANSWER_BYTES:
                self._remember(key, body)
            del self._pending[key]
        mine.set_result(body)
        return body

    def carried(self, question: tuple[Any, ...], version: Hashable,
                scope_of: Callable[[Any], EventFilter | None]) -> Any:
        """What was kept for ``question`` under its newest older version, when the source says that no
        event the versions since rewrote matches its scope (``scope_of(value)``); then it is kept under
        ``version`` too. None otherwise."""
        if self._untouched is None:
            return None
        with self._lock:
            since = self._latest.get(question)
            found = self._cache.get((since, *question)) if since is not None and since != version else None
        scope = scope_of(found) if found is not None else None
        if scope is None or not self._untouched(scope, since):
            return None
        with self._lock:
            self._remember((version, *question), found)
        return found

    def kept(self, key: tuple[Any, ...]) -> Any:
        """What :meth:`keep` kept under ``key`` ((version, *question), see :mod:`eventwire.api.replay`),
        or None."""
        with self._lock:
            return self._cache.get(key)

    def keep(self, key: tuple[Any, ...], value: Any) -> None:
        """Remember ``value`` under ``key`` in the same bounded cache as the answers. A replayed response's
        body is usually the very bytes object of the answer it was made from: counted twice, held once."""
        if self.enabled and _size(value) <= min(MAX_ANSWER_BYTES, self._cache.maxsize):
            with self._lock:
                self._remember(key, value)

    def _remember(self, key: tuple[Any, ...], value: Any) -> None:
        """Keep ``value`` under ``key`` = (version, *question) (the caller holds the lock)."""
        self._cache[key] = value
        self._latest[key[1:]] = key[0]

    def _compute(self, compute: ComputeOnDemand) -> bytes:
        # the slot first, then the cursor: a waiting request holds no snapshot of the database
        with self._slots, on_demand(self.source) as cursor:
            return encode_json(compute(cursor))

    def value(self, compute: Callable[[duckdb.DuckDBPyConnection], Any]) -> Any:
        """``compute(cursor)`` not remembered (downloads, answers that are not JSON)."""
        with self.source.cursor() as con:
            return compute(con)

    def __len__(self) -> int:
        return len(self._cache)
