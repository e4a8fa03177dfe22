"""The live source of the API: one process owns the database, a watcher appends, the API reads.

``eventwire watch --serve`` used to copy the whole database into a new snapshot after every cycle
that stored something (a cost that grew with the history). Here the server reads the very database
the watcher writes: DuckDB allows one writing process, but inside that process any number of
connections to one database instance, and each read sees a consistent snapshot while the writer
commits (MVCC). So there is nothing to copy: new events are visible to the next request after the
watcher's cycle commits them.

:class:`LiveSource` keeps the contract of :class:`eventwire.api.source.DatabaseSource`:

- ``version()`` is a counter, read without a query, that the watcher raises (``changed()``) after each
  cycle that stored something; answer caches are keyed by it, so an answer is never served stale
  beyond it (and is kept across it only when ``untouched``, below, says it cannot have changed);
- ``cursor()`` yields a cursor of the owning instance inside one read transaction (one consistent
  state for the whole answer), taken after ``version()`` was read, so never older than it;
- ``close()`` closes the owning connection, once the cursors still open are done: each is interrupted
  first (a query under way ends with DuckDB's interrupt error, which its request reports), and a cursor is
  refused after it (a :class:`~eventwire.errors.DatabaseError` that says the process is stopping).
  Closing under a busy cursor would raise DuckDB's "connection is busy", and a reader left running
  while the interpreter finalizes can crash the process on its way out.

It also says which answers a new version cannot have changed (``untouched(flt, since)``): the writer
tells it the rows of the events each batch rewrote (:mod:`eventwire.store.changes`), and an answer
about a filter none of them matches is kept across versions (:mod:`eventwire.api.deltas`); and which
events were rewritten (``changed_ids(since, now)``), so the page rows of the others are kept.

The cursors belong to a read-write instance (DuckDB refuses a read-only connection to a file this
process opened for writing); the API only reads through them, with parameters bound, never SQL text
from a request.

``create_app(source=LiveSource(db))`` serves it (``eventwire watch --serve``).
"""

from __future__ import annotations

import threading
from collections.abc import Hashable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import duckdb

from eventwire.api.deltas import VersionChanges
from eventwire.api.source import THREADS, limit_memory
from eventwire.errors import DatabaseError
from eventwire.read.filters import EventFilter
from eventwire.store import changes
from eventwire.store.db import connect

__all__ = ["LiveSource", "LIVE_MEMORY_LIMIT"]

# One DuckDB instance serves the writer and every reader (rule 4 of the source contract): twice the
# read-only sources' limit, since the writer's batches and index lookups share it.
LIVE_MEMORY_LIMIT = "1GB"

# How long close() waits for interrupted cursors to be given back: an interrupted DuckDB query ends
# within milliseconds; a reader stuck in Python code after it must not hold up the stop for long.
CLOSE_WAIT_SECONDS = 10.0


class LiveSource:
    """A read source over the database this process writes (see the module docstring)."""

    def __init__(self, db: str | Path, *, memory_limit: str = LIVE_MEMORY_LIMIT) -> None:
        self.db = Path(db)
        # opened for writing (created or migrated if need be): every later ``connect(db)`` of this
        # process, the watcher's and the pipeline's included, joins this same instance
        self.con = connect(self.db)
        limit_memory(self.con, memory_limit, THREADS)  # one instance: the writer's memory is counted too
        self._version = 0
        self._lock = threading.Lock()
        self._changes = VersionChanges()
        self._stop_listening = changes.listen(self._changes.heard)
        self._open: set[duckdb.DuckDBPyConnection] = set()  # the cursors handed out and not yet given back
        self._given_back = threading.Condition()
        self._closing = False

    def version(self) -> int:
        return self._version

    def changed(self) -> None:
        """Called by the writer after it committed data the API shows (a new version for the caches)."""
        with self._lock:
            self._changes.seal(self._version + 1)  # filed before it is published: never asked too early
            self._version += 1

    def untouched(self, flt: EventFilter, since: Hashable) -> bool:
        """Whether the events matching ``flt`` are the same, with the same values, now as at version
        ``since`` (no event rewritten since matches it); False when that cannot be told."""
        return isinstance(since, int) and self._changes.untouched(flt, since, self._version)

    def changed_ids(self, since: Hashable, now: Hashable) -> frozenset[str] | None:
        """The ids of the events rewritten after version ``since`` up to ``now``, or None when that cannot be
        told (:mod:`eventwire.api.rows` keeps the others' rows)."""
        if not isinstance(since, int) or not isinstance(now, int):
            return None
        return self._changes.changed_ids(since, now)

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._given_back:
            if self._closing:
                raise DatabaseError(f"{self.db} is being closed: this process is stopping; ask the next one")
            cursor = self.con.cursor()
            self._open.add(cursor)
        try:
            cursor.execute("BEGIN TRANSACTION")  # one snapshot for every query of the answer
            yield cursor
        finally:
            with suppress(duckdb.Error):  # an error (or the close's interrupt) may have ended it already
                cursor.execute("ROLLBACK")  # nothing was written: this ends the read transaction
            cursor.close()
            with self._given_back:
                self._open.discard(cursor)
                self._given_back.notify_all()

    def close(self, wait: float = CLOSE_WAIT_SECONDS) -> None:
        """Interrupt the cursors still open, wait up to ``wait`` seconds for them, then close (see the
        module docstring)."""
        with self._given_back:
            self._closing = True
            for cursor in self._open:
                with suppress(duckdb.Error):
                    cursor.interrupt()
            self._given_back.wait_for(lambda: not self._open, timeout=wait)
        self._stop_listening()
        self._changes.close()
        self.con.close()
