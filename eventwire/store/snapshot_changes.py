"""What changed between two published snapshots, written next to the newer one for the server to read.

``eventwire watch --snapshot LINK`` publishes a copy of its database after every cycle that stored
something, and ``eventwire serve`` reopens the copy (:class:`eventwire.api.snapshots.SnapshotSource`).
A new copy is a new data version, so every cached answer used to be computed again after each cycle:
hundreds of distinct pages at ~15 ms of CPU each, a backlog that made the p99 of the whole load test
(bench/load.py). Yet most answers cannot have changed: an answer about a filter is made of the events
that match it, and a cycle rewrites a dozen events (:mod:`eventwire.api.deltas` keeps such answers for
``watch --serve``, where the writer is in the serving process).

Across processes the writer's rows travel in a file. :class:`SnapshotJournal` listens to the writer
(:mod:`eventwire.store.changes`: the ``events`` rows each committed batch rewrote, before and after)
and, when a copy is published, writes those rows next to it (:func:`changes_path`, Arrow IPC)
with the name of the copy published before it (``since``). The server then knows which events differ
between the copy it has open and the new one, exactly when the new copy's ``since`` is its open copy.

Why a file never claims less than what changed: something may write the database without this
process hearing of it (``eventwire run --db`` on the same file between two cycles), and listeners are
process-wide (a batch written to another database of the process is heard too). So each published copy gets a fingerprint of its ``events`` table (the XOR of
every row's hash: :func:`fingerprint`), and the rows heard are checked against it: XOR-ing the hashes
of the rows heard before and after into the previous copy's fingerprint must give the new one's (a
row rewritten twice cancels its middle state; a new row is only in "after", a removed one only in
"before"; no two rows of ``events`` are equal, its primary key is ``id``, so no unheard pair of
rows can cancel out). When it does not, or no copy was published by this journal before, no file is
written and the server computes every answer again, as before. The fingerprint reads the whole table (~35 ms of CPU
at 100,000 events), a small part of the copy that publishing makes anyway.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.ipc as ipc

from eventwire.store import changes

__all__ = ["SnapshotJournal", "fingerprint", "read_changes", "changes_path", "CHANGES_SUFFIX"]

CHANGES_SUFFIX = ".changes.arrow"
_SINCE = b"eventwire_since"  # schema metadata: the file name of the copy these rows lead from


def changes_path(copy: str | Path) -> Path:
    """Where the changes of ``copy`` are written: beside it, hidden (a listing of the copies, ``LINK.[0-9]*``,
    shows copies only)."""
    copy = Path(copy)
    return copy.with_name(f".{copy.name}{CHANGES_SUFFIX}")


def fingerprint(con: duckdb.DuckDBPyConnection, table: str = "events") -> int:
    """The XOR of the hash of every row of ``table`` (a constant name, not input): equal row multisets
    give equal fingerprints, and XOR-ing a row's hash in or out adds or removes it."""
    rows = con.execute(f"SELECT bit_xor(hash(t)) FROM {table} t").fetchall()  # all: the result is finished
    return int(rows[0][0]) if rows and rows[0][0] is not None else 0


def _rows_fingerprint(tables: list[pa.Table]) -> int:
    """:func:`fingerprint` of Arrow tables of ``events`` rows (each hashed as DuckDB hashes the stored
    row: the writer read them from ``events``, so their types round-trip)."""
    found = 0
    with duckdb.connect() as con:
        for table in tables:
            if table.num_rows:
                con.register("_ew_rows", table)
                found ^= fingerprint(con, "_ew_rows")
                con.unregister("_ew_rows")
    return found


class SnapshotJournal:
    """Hears the writer's batches and writes, beside each published copy, what changed since the previous
    one (see the module docstring). Thread-safe; :meth:`close` stops listening."""

    def __init__(self) -> None:
        self._before: list[pa.Table] = []
        self._after: list[pa.Table] = []
        self._lock = threading.Lock()
        self._published: tuple[str, int] | None = None  # (file name, fingerprint) of the last copy
        self._stop = changes.listen(self._heard)

    def _heard(self, before: pa.Table, after: pa.Table) -> None:
        with self._lock:
            self._before.append(before)
            self._after.append(after)

    def write(self, copy: Path) -> Path | None:
        """Called with a complete copy about to be published: writes :func:`changes_path` when the rows
        heard since the previous copy are exactly what differs from it; returns that file or None."""
        with self._lock:
            before, self._before = self._before, []
            after, self._after = self._after, []
        try:
            with duckdb.connect(str(copy), read_only=True) as con:
                now = fingerprint(con)
        except duckdb.Error:  # not readable as a database: nothing can be said about it (nor after it)
            self._published = None
            return None
        previous, self._published = self._published, (copy.name, now)
        if previous is None or previous[1] ^ _rows_fingerprint(before + after) != now:
            return None  # an unheard change, or the first copy: the server computes answers again
        rows = _concat(before + after)
        rows = rows.replace_schema_metadata({_SINCE: previous[0].encode("utf-8")})
        target = changes_path(copy)
        tmp = target.with_name(f"{target.name}.tmp")
        with ipc.new_file(str(tmp), rows.schema) as out:
            out.write_table(rows)
        os.replace(tmp, target)  # a reader never finds half a file
        return target

    def close(self) -> None:
        self._stop()


def read_changes(copy: str | Path) -> tuple[str, pa.Table] | None:
    """(the name of the copy they lead from, the rows changed) written beside ``copy``, or None when
    there is no such file or it cannot be read (then what changed is unknown)."""
    try:
        with ipc.open_file(str(changes_path(copy))) as found:
            rows = found.read_all()
    except (OSError, pa.ArrowInvalid):
        return None
    since = (rows.schema.metadata or {}).get(_SINCE)
    return (since.decode("utf-8"), rows) if since else None


def _concat(tables: list[pa.Table]) -> pa.Table:
    """The rows of ``tables`` as one table (a table without columns when none has rows)."""
    tables = [t for t in tables if t.num_rows]
    return pa.concat_tables(tables, promote_options="permissive") if tables else pa.table({})
