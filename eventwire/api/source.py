"""Where the API reads from: one small provider object, so that the storage behind ``serve`` can change.

Every read of the HTTP API goes through a :class:`DatabaseSource`::

    version = source.version()          # cheap: called on every request, keys the answer caches
    with source.cursor() as con:        # a DuckDB cursor for one answer
        rows = questions.stats(con, flt)

The contract a source keeps (the answer caches of :mod:`eventwire.api.answers` rely on it):

1. ``version()`` is cheap (no query; a ``stat`` or an integer read) and safe to call from any thread.
   It returns a hashable value that changes whenever the data a new cursor would see may have changed,
   and never returns a value it returned before a change (no A, B, A): an answer cached under a
   version is only ever served for that version.
2. ``cursor()`` is a context manager giving a DuckDB cursor (a connection of its own, usable by one
   thread) that sees one consistent state of the database for as long as it is open, and that state
   is at least as new as any ``version()`` returned before ``cursor()`` was called. The API calls
   ``version()`` first, then ``cursor()``, so an answer is never cached under a newer version than
   the data it was computed from (a newer answer under an older key is harmless: that key is about to
   be replaced).
3. The cursor is read-only for the API's purposes: the API never writes through it. A source for a
   database file opens it ``read_only``; a live source may hand out cursors of the writer's own
   database instance, since DuckDB gives each cursor's transaction a snapshot while a writer commits.
4. The memory a source's DuckDB may use is bounded (``SET memory_limit``): the server's RSS must not
   grow with the size of the database (issue 16: 10 million events in < 1.5 GB).
5. ``close()`` releases the database; cursors already handed out may finish their answer.

Two more optional methods spare a request the work it does not need:

- ``reading()``: like ``cursor()``, but yields a function that opens the cursor at its first call (an
  answer that needs no query opens none: :func:`on_demand`); what the source answers from within the
  block (:meth:`~eventwire.api.snapshots.SnapshotSource.memory_index`) is what that cursor would read;
- ``pinned()``: a context manager yielding ``version()``, within which (in that context) ``version()``
  and the cursors read that version's data without asking again (:func:`pinned`: a request).

A source may also say what changed between two of its versions; the API asks when the method is there
(``getattr``) and otherwise keeps nothing across versions:

- ``untouched(flt, since)``: True only when no event rewritten since version ``since`` matches the
  filter, so the answers about it are kept (:mod:`eventwire.api.answers`);
- ``changed_ids(since, now)``: the ids of the events rewritten between the two versions, or None when
  that cannot be told, so the other events' page rows are kept (:mod:`eventwire.api.rows`).

Two sources exist:

- :class:`eventwire.api.snapshots.SnapshotSource`: a database file, or a symlink that
  ``eventwire watch`` re-points at fresh copies; the version is the file's identity and mtime.
- :class:`eventwire.api.live_source.LiveSource`: one process owns the database and appends;
  ``version()`` is the number of committed write batches and ``cursor()`` a cursor of the owning
  instance.

``create_app(source=...)`` takes any object with the three methods of the contract.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import Protocol, runtime_checkable

import duckdb

__all__ = ["DatabaseSource", "MEMORY_LIMIT", "THREADS", "limit_memory", "on_demand", "opened_at_first_call", "pinned"]

# DuckDB's default is 80% of the machine's memory, which a busy server would slowly fill with cached
# blocks; 512 MB keeps a 10M-event database's hot columns (about 200 MB) and the joins of one answer.
MEMORY_LIMIT = "512MB"
# Requests are answered on several threads at once: one DuckDB thread per answer keeps them from
# fighting over the cores (a p95 that depends on the others' queries), and small answers gain
# nothing from more.
THREADS = 2


@runtime_checkable
class DatabaseSource(Protocol):
    """The database behind the API (see the module docstring for the contract)."""

    def version(self) -> Hashable:
        """A cheap, hashable name of the data a new cursor sees now (the answer caches' key)."""
        ...

    def cursor(self) -> AbstractContextManager[duckdb.DuckDBPyConnection]:
        """A read cursor over one consistent state at least as new as the last ``version()``."""
        ...

    def close(self) -> None:
        """Release the database (cursors in use may finish)."""
        ...


def limit_memory(con: duckdb.DuckDBPyConnection, memory_limit: str = MEMORY_LIMIT, threads: int = THREADS) -> None:
    """Bound what DuckDB may hold for the API (rule 4 of the contract); every source calls it on open."""
    con.execute(f"SET memory_limit = '{memory_limit}'")  # our constant or the caller's, not user input
    con.execute(f"SET threads = {int(threads)}")


@contextmanager
def on_demand(source: DatabaseSource) -> Iterator[Callable[[], duckdb.DuckDBPyConnection]]:
    """A function giving a cursor of ``source``, opened at its first call (the same one after), closed at the
    end of the block; none is opened if it is not called. The source's own ``reading()`` when it has one."""
    reading: Callable[[], AbstractContextManager[Callable[[], duckdb.DuckDBPyConnection]]] | None = getattr(
        source, "reading", None)
    if reading is not None:
        with reading() as cursor:
            yield cursor
        return
    with opened_at_first_call(source.cursor) as cursor:
        yield cursor


@contextmanager
def opened_at_first_call(open_cursor: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]],
                         ) -> Iterator[Callable[[], duckdb.DuckDBPyConnection]]:
    """A function giving the cursor ``open_cursor()`` opens, at its first call (the same one after), closed at
    the end of the block; none is opened if it is not called (:func:`on_demand`, and the sources' ``reading()``)."""
    with ExitStack() as stack:
        opened: list[duckdb.DuckDBPyConnection] = []

        def cursor() -> duckdb.DuckDBPyConnection:
            if not opened:
                opened.append(stack.enter_context(open_cursor()))
            return opened[0]

        yield cursor


@contextmanager
def pinned(source: DatabaseSource) -> Iterator[Hashable]:
    """``source.version()``, and within the block the source reads that version (its ``pinned()``, when it
    has one: asked once for the whole request, not at each ``version()`` and cursor)."""
    pin: Callable[[], AbstractContextManager[Hashable]] | None = getattr(source, "pinned", None)
    if pin is None:
        yield source.version()
        return
    with pin() as version:
        yield version
