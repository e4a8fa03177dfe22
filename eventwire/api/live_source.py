"""The live source of the API: one process owns the database, a watcher appends, the API reads.

``eventwire watch --serve`` used to copy the whole database into a new snapshot after every cycle
that stored something (a cost that grew with the history). Here the server reads the very database
the watcher writes: DuckDB allows one writing process, but inside that process any number of
connections to one database instance, and each read sees a consistent snapshot while the writer
commits (MVCC). So there is nothing to copy: new events are visible to the next request after the
watcher's cycle commits them.

:class:`LiveSource` keeps the contract of ``eventwire.api.source.DatabaseSource`` (branch ``apisql``):

- ``version()`` is a counter, read without a query, that the watcher raises (``changed()``) after each
  cycle that stored something; answer caches are keyed by it, so they are dropped once per such cycle
  (and never served stale beyond it);
- ``cursor()`` yields a cursor of the owning instance inside one read transaction (one consistent
  state for the whole answer), taken after ``version()`` was read, so never older than it;
- ``close()`` closes the owning connection.

The cursors belong to a read-write instance (DuckDB refuses a read-only connection to a file this
process opened for writing); the API only reads through them, with parameters bound, never SQL text
from a request.

:class:`LiveDatabase` adapts a source to the answer cache of :mod:`eventwire.api.app` as it is on
``main`` (per-version ``_Version`` objects and an in-memory event index). The index is rebuilt from
the whole table for each version, which would make every cycle cost the history again, so the live
versions answer ``/api/events`` pages with the library's SQL (``questions.events_page``) instead.
It is a bridge until the SQL-only API of branch ``apisql`` (``create_app(source=...)``) is merged,
which takes :class:`LiveSource` as it is.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import duckdb

from eventwire.api.index import encode_json
from eventwire.read import questions as ask
from eventwire.read.filters import EventFilter
from eventwire.store.db import connect

__all__ = ["LiveSource", "LiveDatabase", "LIVE_MEMORY_LIMIT"]

# One DuckDB instance serves the writer and every reader; DuckDB's default (80% of the machine's
# memory) would let its block cache fill a small server; 1 GB holds the hot columns of 10M events
# and the writer's batches.
LIVE_MEMORY_LIMIT = "1GB"


class LiveSource:
    """A read source over the database this process writes (see the module docstring)."""

    def __init__(self, db: str | Path, *, memory_limit: str = LIVE_MEMORY_LIMIT) -> None:
        self.db = Path(db)
        # opened for writing (created or migrated if need be): every later ``connect(db)`` of this
        # process, the watcher's and the pipeline's included, joins this same instance
        self.con = connect(self.db)
        self.con.execute(f"SET memory_limit = '{memory_limit}'")  # our constant or the caller's
        self._version = 0
        self._lock = threading.Lock()

    def version(self) -> int:
        return self._version

    def changed(self) -> None:
        """Called by the writer after it committed data the API shows (a new version for the caches)."""
        with self._lock:
            self._version += 1

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cursor = self.con.cursor()
        try:
            cursor.execute("BEGIN TRANSACTION")  # one snapshot for every query of the answer
            yield cursor
        finally:
            with suppress(duckdb.Error):  # an error may have ended the transaction already
                cursor.execute("ROLLBACK")  # nothing was written: this ends the read transaction
            cursor.close()

    def close(self) -> None:
        self.con.close()


class _SqlPages:
    """What ``main``'s routes ask of an event index, answered by the library's SQL (no copy of the table)."""

    def __init__(self, source: LiveSource) -> None:
        self.source = source

    def page_json(self, chosen: EventFilter, *, page: int = 1, page_size: int = 50, sort: str = "date",
                  descending: bool = True) -> bytes:
        with self.source.cursor() as cursor:  # the count and the rows from one state
            return encode_json(ask.events_page(cursor, chosen, page=page, page_size=page_size, sort=sort,
                                               descending=descending))

    def warm(self, *args: Any) -> bool:
        return False


class _LiveVersion:
    """One version of a live source for ``main``'s routes: the answers computed since it began."""

    def __init__(self, source: LiveSource, stamp: int, cache_size: int) -> None:
        self.con = source.con
        self.stamp = stamp
        self.cache_size = cache_size
        self._lock = threading.Lock()
        self._answers: OrderedDict[tuple[Any, ...], Future[Any]] = OrderedDict()
        self._pages = _SqlPages(source)

    def index(self) -> _SqlPages:
        return self._pages

    def built_index(self) -> None:
        return None  # never "warm": pages go to a worker thread, as SQL must

    def cached(self, key: tuple[Any, ...]) -> Any | None:
        with self._lock:
            found = self._answers.get(key)
        if found is None or not found.done() or found.exception() is not None:
            return None
        return found.result()

    def remember(self, key: tuple[Any, ...], value: Any) -> Any:
        return self.answer(key, lambda: value)

    def answer(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        if self.cache_size <= 0:
            return compute()
        with self._lock:
            found = self._answers.get(key)
            if found is None:
                pending: Future[Any] = Future()
                self._answers[key] = pending
                while len(self._answers) > self.cache_size:
                    self._answers.popitem(last=False)
        if found is not None:
            return found.result()
        try:
            value = compute()
        except BaseException as exc:
            with self._lock:
                if self._answers.get(key) is pending:
                    del self._answers[key]  # failures are not remembered
            pending.set_exception(exc)
            raise
        pending.set_result(value)
        return value


class LiveDatabase:
    """:class:`LiveSource` behind ``main``'s routes (the ``Database`` interface of :mod:`eventwire.api.app`)."""

    def __init__(self, source: LiveSource, cache_size: int) -> None:
        self.source = source
        self.cache_size = cache_size
        self._version: _LiveVersion | None = None
        self._lock = threading.Lock()

    def current(self) -> _LiveVersion:
        return self.version()

    def version(self) -> _LiveVersion:
        stamp = self.source.version()  # read first: the answers of this version are at least this new
        latest = self._version
        if latest is not None and latest.stamp == stamp:
            return latest
        with self._lock:
            if self._version is None or self._version.stamp != stamp:
                self._version = _LiveVersion(self.source, stamp, self.cache_size)
            return self._version

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.source.con.cursor()

    def answer(self, key: tuple[Any, ...], compute: Callable[[duckdb.DuckDBPyConnection], Any]) -> Any:
        version = self.version()

        def run() -> Any:
            with self.source.cursor() as cursor:
                return compute(cursor)

        return version.answer(key, run)
