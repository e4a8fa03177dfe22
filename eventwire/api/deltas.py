"""What changed between two versions of a live source, so answers the change cannot touch are kept.

A :class:`~eventwire.api.live_source.LiveSource` makes a new version after every watch cycle that
stored something, and the answer caches are keyed by the version. Dropping every answer then makes
each request after a cycle a computed one (15-17 ms of CPU at 100,000 events, bench/api_cpu.py), a
burst that queues the requests behind it. Yet an answer about a filter (a page of events, the top
actors, ...) is made of the events that match the filter only: when none of the events a cycle
rewrote matches it, as they were before the cycle or as they are after it, the set of matching events
and every value of theirs are the same, and so is the answer, its counts included.

:class:`VersionChanges` hears from the writer (:mod:`eventwire.store.changes`) the rows of the events
each committed batch rewrote, before and after; :meth:`VersionChanges.seal` files what was heard since
the last version under the new one, and :meth:`VersionChanges.untouched` says whether a filter matches
none of the rows filed for the versions after a given one (:meth:`VersionChanges.changed_ids`: the
ids of those rows, for the kept page rows of :mod:`eventwire.api.rows`). It runs the filter's own SQL
over those few rows in an in-memory DuckDB, so a "no" means exactly what a query over ``events``
would find: each predicate of the filter (:meth:`~eventwire.read.filters.EventFilter.terms`) once per
version, as the list of the rows it holds for, and the filter is then an AND of ORs of ANDs of those
lists. Random dashboard filters share their predicates (an actor, a PLOVER type, a month), so after a
cycle a few dozen small queries answer for hundreds of filters, where one query per filter cost ~3 ms
of CPU each (bench/live_carry.py). A predicate that is NULL on a row counts as false there, as in WHERE:
the filter has no NOT outside its predicates, so a row passes the one exactly when it passes the other.

When a version's changes are not known (too old: :data:`KEPT_VERSIONS`), or nothing was heard for it
(no batch of the writer: a change made by another way), the answer is "touched", and the caller
computes afresh; a version whose batches rewrote no event touched nothing. So every write of ``events`` the live source serves must go through
:class:`~eventwire.store.writer.Writer`, as the watcher's do.
"""

from __future__ import annotations

import threading
from collections.abc import Hashable

import duckdb
import pyarrow as pa

from eventwire.read.filters import EventFilter, Predicate

__all__ = ["VersionChanges", "KEPT_VERSIONS"]

KEPT_VERSIONS = 32  # a minute of 2-second cycles: an answer not asked for longer is computed again
_VERDICTS = 4096  # (filter, since, now) verdicts remembered: many questions share one filter
_PREDICATES = 16_384  # (version, predicate) -> rows it holds for, remembered


class VersionChanges:
    """The events rewritten since each of the last :data:`KEPT_VERSIONS` versions (thread-safe)."""

    def __init__(self) -> None:
        self._pending: list[pa.Table] = []
        # version -> whether it rewrote events (filed as a table of self._db); absent: unknown
        self._by_version: dict[int, bool | None] = {}
        self._verdicts: dict[tuple[Hashable, ...], bool] = {}
        self._rows: dict[tuple[int, Predicate], int] = {}  # bit r set: the predicate holds for row r
        self._lock = threading.Lock()
        self._db = duckdb.connect()  # in memory: filters run over the changed rows only (one table a version)
        self._db_lock = threading.Lock()

    def heard(self, before: pa.Table, after: pa.Table) -> None:
        """A batch committed (:func:`eventwire.store.changes.listen`): its rows belong to the next version."""
        with self._lock:
            self._pending += [before, after]

    def seal(self, version: int) -> None:
        """``version`` is about to be published: what was heard since the previous one is its change, filed
        as a table of the in-memory database (by the writer's thread: a request only queries it)."""
        with self._lock:
            pending, self._pending = self._pending, []
            dropped = [v for v in self._by_version if v <= version - KEPT_VERSIONS]
            for old in dropped:
                del self._by_version[old]
        rows = _concat(pending)
        with self._db_lock:
            for old in dropped:
                self._db.execute(f"DROP TABLE IF EXISTS {_table(old)}")
            if rows is not None:
                self._db.register("_ew_heard", rows)
                self._db.execute(f"CREATE OR REPLACE TABLE {_table(version)} AS "
                                 "SELECT *, CAST(row_number() OVER () - 1 AS INTEGER) AS _ew_row FROM _ew_heard")
                self._db.unregister("_ew_heard")
        with self._lock:
            # heard nothing: the change went by another way than the writer (or stored no event): unknown
            self._by_version[version] = (rows is not None) if pending else None
            self._rows = {key: bits for key, bits in self._rows.items() if key[0] not in dropped}

    def untouched(self, flt: EventFilter, since: int, now: int) -> bool:
        """Whether no event rewritten by versions ``since + 1 .. now`` matches ``flt`` before or after."""
        if since == now:
            return True
        key = (flt, since, now)
        with self._lock:
            verdict = self._verdicts.get(key)
        if verdict is not None:
            return verdict
        versions = self._rewriting_versions(since, now)
        if versions is None:
            return False
        verdict = not versions or not self._matches(flt, versions)
        with self._lock:
            if len(self._verdicts) >= _VERDICTS:
                self._verdicts.clear()
            self._verdicts[key] = verdict
        return verdict

    def changed_ids(self, since: int, now: int) -> frozenset[str] | None:
        """The ids of the events rewritten by versions ``since + 1 .. now`` (before or after), or None when
        that cannot be told (as :meth:`untouched`: a version not filed, or one heard nothing for)."""
        if since == now:
            return frozenset()
        versions = self._rewriting_versions(since, now)
        if versions is None:
            return None
        ids: set[str] = set()
        with self._db_lock:
            for version in versions:
                try:
                    ids.update(row[0] for row in self._db.execute(f"SELECT id FROM {_table(version)}").fetchall())
                except duckdb.CatalogException:  # dropped meanwhile (older than KEPT_VERSIONS): unknown now
                    return None
        return frozenset(ids)

    def _rewriting_versions(self, since: int, now: int) -> list[int] | None:
        """The versions ``since + 1 .. now`` that rewrote events (their rows filed), or None when that
        cannot be told: ``since`` is not older, or a version is older than we remember, never filed, or
        one heard nothing for."""
        span = range(since + 1, now + 1)
        with self._lock:
            filed = [self._by_version.get(v) for v in span]
        if since > now or any(rows is None for rows in filed):
            return None
        return [v for v, rows in zip(span, filed, strict=True) if rows]

    def _matches(self, flt: EventFilter, versions: list[int]) -> bool:
        """Whether a row filed for one of ``versions`` passes ``flt``."""
        terms = flt.terms()
        predicates = list(dict.fromkeys(p for term in terms for conjunction in term for p in conjunction))
        for version in versions:
            bits = self._bits(version, predicates)
            passing = -1  # every row, until a term says otherwise (no term: the filter takes every row)
            for term in terms:
                either = 0
                for conjunction in term:
                    both = -1
                    for predicate in conjunction:
                        both &= bits[predicate]
                    either |= both
                passing &= either
            if passing:
                return True
        return False

    def _bits(self, version: int, predicates: list[Predicate]) -> dict[Predicate, int]:
        """For each predicate, the rows of ``version`` it holds for (as bits); those not known yet are
        asked in one query, each as ``list(_ew_row) FILTER (WHERE its SQL)``."""
        with self._lock:
            known = {p: self._rows.get((version, p)) for p in predicates}
        missing = [p for p, bits in known.items() if bits is None]
        if missing:
            lists = ", ".join(f"list(_ew_row) FILTER (WHERE {p.sql})" for p in missing)
            params = [value for p in missing for value in p.params]
            with self._db_lock:
                found = self._db.execute(f"SELECT {lists} FROM {_table(version)}", params).fetchall()[0]
            with self._lock:
                if len(self._rows) >= _PREDICATES:
                    self._rows.clear()
                for predicate, rows in zip(missing, found, strict=True):
                    bits = sum(1 << r for r in rows or ())
                    known[predicate] = self._rows[(version, predicate)] = bits
        return {p: bits or 0 for p, bits in known.items()}

    def close(self) -> None:
        with self._db_lock:
            self._db.close()


def _table(version: int) -> str:
    return f"changed_{int(version)}"


def _concat(tables: list[pa.Table]) -> pa.Table | None:
    """The rows of ``tables`` as one table (None for none); a column the schemas type differently
    (a NULL-only column of an empty result) is unified by ``promote_options``."""
    tables = [t for t in tables if t.num_rows]
    if not tables:
        return None
    return pa.concat_tables(tables, promote_options="permissive")
