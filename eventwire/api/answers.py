"""Answers of the read endpoints, encoded once and remembered per database version (bounded).

The dashboard repeats the same questions (the overview on every visit, a page of events while the
user reads it), so the encoded JSON of an answer is kept in a ``cachetools.LRUCache`` keyed by the
source's ``version()`` and the question: a new version simply stops matching the old keys, which age
out. The cache is bounded twice: ``EVENTWIRE_API_CACHE`` answers at most, and ``MAX_BYTES`` of JSON
in all (an answer larger than ``MAX_ANSWER_BYTES`` is not kept), so it cannot grow with the data.

Concurrent requests for the same missing answer compute it once: the first computes, the others wait
for its result (a failure is passed to the waiters and not remembered).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from typing import Any

import duckdb
from cachetools import LRUCache

from eventwire.api.source import DatabaseSource

try:
    import orjson
except ImportError:  # optional: the standard library encodes the same JSON, slower
    orjson = None  # type: ignore[assignment]

__all__ = ["Answers", "encode_json", "MAX_BYTES", "MAX_ANSWER_BYTES"]

MAX_BYTES = 128 * 1024 * 1024  # all remembered answers together, as counted (see Answers.keep)
MAX_ANSWER_BYTES = 2 * 1024 * 1024  # a 1000-event page is ~0.6 MB; the 5000 places of the map ~1 MB

Compute = Callable[[duckdb.DuckDBPyConnection], Any]


def encode_json(payload: Any) -> bytes:
    """Compact UTF-8 JSON; dates and other non-JSON values as their ``str``."""
    if orjson is not None:  # several times faster on wide rows; same JSON
        return orjson.dumps(payload, default=str)
    return json.dumps(payload, default=str, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _size(value: Any) -> int:
    """Bytes of a kept value: an encoded answer, or a replayed response's (headers, body)."""
    if isinstance(value, bytes):
        return len(value)
    headers, body = value
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

    def __init__(self, source: DatabaseSource, max_answers: int = 512, max_bytes: int = MAX_BYTES) -> None:
        self.source = source
        self.enabled = max_answers > 0
        self._cache = _Sized(max(1, max_answers), max_bytes)
        self._pending: dict[Hashable, Future[bytes]] = {}
        self._lock = threading.Lock()

    def json(self, question: tuple[Any, ...], compute: Compute) -> bytes:
        """``compute(cursor)`` encoded as JSON, remembered under (version, ``question``)."""
        if not self.enabled:
            return self._compute(compute)
        key = (self.source.version(), *question)  # the version first: see the contract in api/source.py
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
            body = self._compute(compute)
        except BaseException as exc:
            with self._lock:
                del self._pending[key]  # failures are not remembered
            mine.set_exception(exc)
            raise
        with self._lock:
            if len(body) <= MAX_ANSWER_BYTES:
                self._cache[key] = body
            del self._pending[key]
        mine.set_result(body)
        return body

    def kept(self, key: Hashable) -> Any:
        """What :meth:`keep` kept under ``key`` (a key naming the version, see :mod:`eventwire.api.replay`),
        or None."""
        with self._lock:
            return self._cache.get(key)

    def keep(self, key: Hashable, value: Any) -> None:
        """Remember ``value`` under ``key`` in the same bounded cache as the answers. A replayed response's
        body is usually the very bytes object of the answer it was made from: counted twice, held once."""
        if self.enabled and _size(value) <= min(MAX_ANSWER_BYTES, self._cache.maxsize):
            with self._lock:
                self._cache[key] = value

    def _compute(self, compute: Compute) -> bytes:
        with self.source.cursor() as con:
            return encode_json(compute(con))

    def value(self, compute: Callable[[duckdb.DuckDBPyConnection], Any]) -> Any:
        """``compute(cursor)`` not remembered (downloads, answers that are not JSON)."""
        with self.source.cursor() as con:
            return compute(con)

    def __len__(self) -> int:
        return len(self._cache)
