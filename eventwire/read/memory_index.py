"""A compact in-memory filter and sort index of one state of ``events``, for the API's pages (issue 17).

A computed page of ``/api/events`` costs DuckDB 5-20 ms of CPU at 100,000 events (a scan of the filter's
columns, a top-N, the rows); on two busy cores the closed-loop p99 is those pages queueing. A file
snapshot never changes once published, so the API can prepare it once: here every filter facet
(:data:`eventwire.read.filters.FACETS`: the source actor's code/country/name/text, the PLOVER type, the
sentence, ...) is dictionary-encoded, a row holding only the number of its distinct value (1-4 bytes),
and each sort key is a numpy array. A filter's condition is the very SQL of
:class:`~eventwire.read.filters.EventFilter`, run by a private in-memory DuckDB over the facet's few
distinct values (the same case rules, whole words, LIKE escapes and NULLs as over the table, by
construction), then mapped to rows with one array lookup. The page is the matches taken in
``ORDER BY key [DESC] NULLS LAST, id`` (:func:`eventwire.read.paging.order_by`), sliced; the rows
themselves are not held: the page's (row id, id) pairs are fetched as the SQL path's are.

Compact on purpose: the index the API held before issue 15 kept every column (65 MB per 100,000 events,
6.5 GB at 10 million). This one keeps the codes, the sort keys, row ids and ids, and the distinct
values (the sentences are most of it); its size is estimated before it is built, and a database over
the budget (``EVENTWIRE_API_INDEX_MB``) is not indexed: SQL answers it (:func:`estimate_bytes`).
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
from cachetools import LRUCache

from eventwire.read.filters import FACETS, EventFilter, Predicate
from eventwire.read.id_order import Found
from eventwire.read.paging import SORTS
from eventwire.store.interrupts import interrupt_until

__all__ = ["MemoryIndex", "IndexSlot", "BuildPace", "BUILD_CPU_SHARE", "build", "estimate_bytes", "BYTES_PER_EVENT", "SAMPLE_ROWS", "SERVED",
           "EXIT_WAIT_SECONDS",
           "BUILDS"]

LOG = logging.getLogger("eventwire.api")
# which path answered the API's pages ("index" or "sql"), and what each build did: bench/load_probe.py prints them
SERVED: Counter[str] = Counter()
BUILDS: list[dict[str, Any]] = []

Codes = npt.NDArray[np.unsignedinteger[Any]]
Mask = npt.NDArray[np.bool_]
Positions = npt.NDArray[np.int32]

KEY = "_ew_key"  # the distinct-value number in a facet table; no events column has this name
MODE_TEXT = "_ew_mode_text"  # plover_mode as text: Arrow cannot dictionary-encode a list column
# Bytes an event costs besides its sentence's and story id's characters: 12 facet codes (1-4 bytes), its
# row id (8) and id (20 characters + 4, and a Python string's header), its id's rank (4), 5 sort keys (8 + 1), the orders asked (4 each,
# up to 10), a share of the actors' and places' distinct values; measured 100,000 events: see docs/api.md
BYTES_PER_EVENT = 280  # 220 before the ids were held as Python strings, + _STR_OVERHEAD
_STR_OVERHEAD = 49 + 8  # a compact ASCII str's header and the list's pointer to it
SAMPLE_ROWS = 2048  # rows whose sentences give the estimate its mean length (one vector: no scan)
# distinct-value hits kept per index, in bytes (a sentence condition's is a byte per distinct sentence)
HITS_CACHE_BYTES = 8 * 1024 * 1024
# row masks kept per index, in bytes (a byte per event each: 160 conditions at 100,000 events). Mapping the hits
# to the rows (one gather over every row) was the largest part of a page's CPU, and dashboards ask the same few
# conditions (an actor, a type, a month) in many combinations, sorts and pages
MASKS_CACHE_BYTES = 16 * 1024 * 1024
# a page is looked for in a prefix of the order this many times longer than an even spread of the matches needs
# (then in the whole order if the prefix holds too few): a broad filter's page is near the top of any order
PREFIX_SLACK = 2
PREFIX_MIN = 1024  # a prefix shorter than a vector or so saves nothing
# the share of a core the index builds of a source may take over time (BuildPace)
BUILD_CPU_SHARE = 0.25
# at exit, how long the builds and switches are waited for at most; their queries are interrupted meanwhile
EXIT_WAIT_SECONDS = 10.0


def estimate_bytes(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """(events, the bytes their index would take), asked without a scan of the table: the count from
    DuckDB's metadata and the text lengths of its first rows."""
    events = int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])
    if not events:
        return 0, 0
    text = con.execute("SELECT avg(strlen(sentence)) + avg(strlen(coalesce(story_id, ''))) FROM "
                       "(SELECT sentence, story_id FROM events LIMIT ?)", [SAMPLE_ROWS]).fetchall()[0][0]
    return events, int(events * (BYTES_PER_EVENT + float(text or 0)))


def _narrow(values: npt.NDArray[np.int64], distinct: int) -> Codes:
    """The codes in the smallest unsigned type that holds ``distinct`` values."""
    kind = np.uint8 if distinct <= 1 << 8 else np.uint16 if distinct <= 1 << 16 else np.uint32
    return values.astype(kind)


def _encode(column: pa.ChunkedArray) -> tuple[npt.NDArray[np.int64], pa.Array]:
    """Each row's distinct-value number and the distinct values; NULL is the last value."""
    if len(column) == 0:  # no events: Arrow cannot combine zero dictionary chunks
        return np.zeros(0, dtype=np.int64), pa.nulls(1, column.type)
    encoded = pc.dictionary_encode(column).combine_chunks()
    values = pa.concat_arrays([encoded.dictionary, pa.nulls(1, encoded.dictionary.type)])
    numbers = encoded.indices.fill_null(len(encoded.dictionary)).to_numpy(zero_copy_only=False).astype(np.int64)
    return numbers, values


def _factorize(table: pa.Table, columns: tuple[str, ...]) -> tuple[Codes, pa.Table]:
    """Number the distinct combinations of ``columns``: per-row codes and the table of distinct rows."""
    keys = tuple(MODE_TEXT if c == "plover_mode" else c for c in columns)
    number, values = _encode(table[keys[0]])
    if keys == columns and len(columns) == 1:  # one hashed column: its dictionary is the distinct table
        return _narrow(number, len(values)), pa.table({columns[0]: values, KEY: pa.array(np.arange(len(values)))})
    for name in keys[1:]:
        more, values = _encode(table[name])
        # mixed radix, renumbered densely so that the next column cannot overflow int64
        number = np.unique(number * len(values) + more, return_inverse=True)[1].astype(np.int64).ravel()
    _, first, number = np.unique(number, return_index=True, return_inverse=True)
    distinct = table.select(list(columns)).take(pa.array(first)).append_column(KEY, pa.array(np.arange(len(first))))
    return _narrow(number.astype(np.int64).ravel(), len(first)), distinct


class MemoryIndex:
    """The events of one database state, encoded for filters and sorts (thread-safe once built)."""

    def __init__(self, table: pa.Table) -> None:
        self.size = table.num_rows
        self.rowids = table["_ew_rowid"].to_numpy().astype(np.int64)
        ids = table["id"].combine_chunks()
        # ORDER BY ..., id: the rank of each id in DuckDB's (byte-wise) VARCHAR order breaks the ties
        self._id_rank = np.empty(self.size, dtype=np.int32)
        self._id_rank[pc.sort_indices(ids).to_numpy()] = np.arange(self.size, dtype=np.int32)
        # as Python strings: a page takes 1-100 of them, and Arrow's take costs more per call than that
        # (py-spy: 8% of the server's samples); the strings cost ~50 bytes an event more than Arrow's
        self.ids: list[str] = ids.to_pylist()
        self._ids_bytes = int(ids.nbytes) + len(self.ids) * _STR_OVERHEAD
        self._keys = {sort: self._sort_key(table[column]) for sort, column in SORTS.items()}
        self._facets = duckdb.connect()  # private, in memory: holds only the distinct-value tables
        self._facets.execute("SET threads = 1")
        self._codes: dict[str, Codes] = {}
        self._distinct: dict[str, int] = {}
        distinct_bytes = 0
        for facet, columns in FACETS.items():
            self._codes[facet], distinct = _factorize(table, columns)
            self._distinct[facet] = distinct.num_rows
            distinct_bytes += distinct.nbytes
            # a table, not a registered view: views are private to one connection, cursors need the table
            self._facets.from_arrow(distinct).create(f"facet_{facet}")
        self.nbytes = self._bytes() + distinct_bytes  # the distinct tables as Arrow holds them (DuckDB: about so)
        self._orders: dict[tuple[str, bool], Positions] = {}
        self._hits: LRUCache[Predicate, Mask] = LRUCache(maxsize=HITS_CACHE_BYTES, getsizeof=lambda m: m.nbytes)
        self._masks: LRUCache[Predicate, Mask] = LRUCache(maxsize=MASKS_CACHE_BYTES, getsizeof=lambda m: m.nbytes)
        self._lock = threading.Lock()
        self.build_cpu = 0.0  # seconds of CPU the build took (set by build())

    def _bytes(self) -> int:
        arrays = [self.rowids, self._id_rank, *self._codes.values(), *(a for k in self._keys.values() for a in k)]
        return int(sum(a.nbytes for a in arrays)) + self._ids_bytes

    @staticmethod
    def _sort_key(values: pa.ChunkedArray) -> tuple[npt.NDArray[np.float64], Mask, Mask]:
        """(the numbers, NaN or not, NULL or not): DuckDB sorts NaN above every number, NULLs last."""
        if pa.types.is_date(values.type):
            values = pc.cast(values, pa.int32())
        nulls = np.asarray(values.is_null().to_numpy(zero_copy_only=False), dtype=np.bool_)
        numbers = np.array(pc.fill_null(pc.cast(values, pa.float64()), 0.0).to_numpy(zero_copy_only=False),
                             dtype=np.float64)
        nans = np.isnan(numbers)
        numbers[nans] = 0.0
        numbers[numbers == 0.0] = 0.0  # -0.0 sorts with 0.0 in DuckDB; numpy agrees, this keeps it plain
        return numbers, nans, nulls

    def covers(self, flt: EventFilter) -> bool:
        """Whether every condition of ``flt`` is on a facet held here (all are, today)."""
        return all(p.facet in self._codes for term in flt.terms() for conjunction in term for p in conjunction)

    def order(self, sort: str, descending: bool) -> Positions:
        """Row positions in ``ORDER BY key [DESC] NULLS LAST, id`` (computed once per index and order)."""
        found = self._orders.get((sort, descending))
        if found is None:
            numbers, nans, nulls = self._keys[sort]
            if descending:  # NaN first (the largest), then the numbers from the top
                keys = (self._id_rank, -numbers, ~nans, nulls)
            else:
                keys = (self._id_rank, numbers, nans, nulls)
            found = np.lexsort(keys).astype(np.int32)  # lexsort: the last key is the primary one
            with self._lock:
                self._orders[(sort, descending)] = found
        return found

    def prepare_as(self, previous: MemoryIndex) -> None:
        """Compute the orders and the conditions' hits that ``previous`` (the index of the file before) had
        computed: the pages asked of it then need no sort of every row and no DuckDB query here either, from
        the first request on the new file, instead of each computing its part again after every snapshot (in
        the build's thread, counted in its CPU and so in :class:`BuildPace`)."""
        for sort, descending in list(previous._orders):
            self.order(sort, descending)
        with previous._lock:
            asked = list(previous._hits.keys())
        for predicate in asked:
            if predicate.facet in self._codes:
                self._hits_of(predicate)

    def _condition(self, predicate: Predicate) -> Mask:
        """The rows where ``predicate`` holds: its SQL run over the facet's distinct values (read-only: it is
        kept, within MASKS_CACHE_BYTES, and shared by the requests; ``&`` and ``|`` make new arrays)."""
        with self._lock:
            mask = self._masks.get(predicate)
        if mask is None:
            mask = self._hits_of(predicate)[self._codes[predicate.facet]]
            mask.flags.writeable = False
            with self._lock:
                self._masks[predicate] = mask
        return mask

    def _hits_of(self, predicate: Predicate) -> Mask:
        """For each distinct value of ``predicate``'s facet, whether it holds (kept, within HITS_CACHE_BYTES)."""
        with self._lock:
            hits = self._hits.get(predicate)
        if hits is None:
            cursor = self._facets.cursor()  # a cursor per call: DuckDB connections are not shared by threads
            try:
                sql = f"SELECT {KEY} FROM facet_{predicate.facet} WHERE {predicate.sql}"
                matching = cursor.execute(sql, list(predicate.params)).fetchnumpy()[KEY]
            finally:
                cursor.close()
            hits = np.zeros(self._distinct[predicate.facet], dtype=np.bool_)
            hits[np.asarray(matching, dtype=np.int64)] = True
            with self._lock:
                if hits.nbytes <= HITS_CACHE_BYTES:
                    self._hits[predicate] = hits
        return hits

    def matching(self, flt: EventFilter) -> Mask | None:
        """The rows passing every condition of ``flt`` (an AND of ORs of ANDs); None when it has none."""
        result: Mask | None = None
        for term in flt.terms():
            either: Mask | None = None
            for conjunction in term:
                both = self._condition(conjunction[0])
                for predicate in conjunction[1:]:
                    both = both & self._condition(predicate)
                either = both if either is None else either | both
            if either is not None:
                result = either if result is None else result & either
        return result

    def page(self, flt: EventFilter, *, sort: str, descending: bool, limit: int, offset: int) -> tuple[int, Found]:
        """(how many events pass ``flt``, the (row id, id) pairs of the page ``offset``, ``limit``)."""
        ordered = self.order(sort, descending)
        mask = self.matching(flt)
        if mask is None:
            total, chosen = self.size, ordered[offset:offset + max(limit, 0)]
        else:
            total = int(np.count_nonzero(mask))
            chosen = self._slice(ordered, mask, total, offset, limit) if limit > 0 and offset < total else ordered[:0]
        ids = [self.ids[position] for position in chosen.tolist()]
        return total, list(zip(self.rowids[chosen].tolist(), ids, strict=True))

    def _slice(self, ordered: Positions, mask: Mask, total: int, offset: int, limit: int) -> Positions:
        """The matches ``offset`` .. ``offset + limit`` in ``ordered``: from a prefix of the order when the
        matches are common enough for it to hold them (PREFIX_SLACK), else from the whole order."""
        need = offset + limit
        prefix = min(self.size, PREFIX_SLACK * need * self.size // total + PREFIX_MIN)
        if prefix < self.size:
            head = ordered[:prefix]
            found = head[mask[head]]
            if len(found) >= need:
                return found[offset:need]
        return ordered[mask[ordered]][offset:need]

    def close(self) -> None:
        self._facets.close()


def _columns() -> list[str]:
    """The columns an index reads: row id, id, the sort keys and every facet's columns."""
    wanted = ["rowid AS _ew_rowid", "id"]
    for column in [*SORTS.values(), *(c for columns in FACETS.values() for c in columns)]:
        if column not in wanted:
            wanted.append(column)
    return [*wanted, f"CAST(plover_mode AS VARCHAR) AS {MODE_TEXT}"]


def build(con: duckdb.DuckDBPyConnection) -> MemoryIndex:
    """The index of the events ``con`` sees (one read of their filter and sort columns)."""
    started = time.thread_time()
    result = con.execute(f"SELECT {', '.join(_columns())} FROM events")
    name = "to_arrow_table" if hasattr(result, "to_arrow_table") else "fetch_arrow_table"  # DuckDB < 1.4
    index = MemoryIndex(getattr(result, name)())
    # the columns read (~30 MB at 100,000 events) go back to the system: Arrow's pool (mimalloc) kept them,
    # 50 MB of the server's RSS for every build otherwise
    pa.default_memory_pool().release_unused()
    index.build_cpu = time.thread_time() - started
    return index


class BuildPace:
    """How soon the next index may be built: builds take at most :data:`BUILD_CPU_SHARE` of a core over
    time. ``watch`` publishes a snapshot every 2 s or more; at 100,000 events a build is ~0.25 s of CPU,
    so every snapshot is indexed; at a million (~2.5 s), one in a few is, and SQL answers the others."""

    def __init__(self, share: float | None = None) -> None:
        self.share = BUILD_CPU_SHARE if share is None else share
        self._next = 0.0  # time.monotonic() from which a build may start
        self._lock = threading.Lock()

    def delay(self) -> float:
        """Seconds until a build may start (0: now)."""
        with self._lock:
            return max(0.0, self._next - time.monotonic())

    def built(self, started: float, cpu: float) -> None:
        """A build that began at ``started`` (monotonic) took ``cpu`` seconds of CPU."""
        with self._lock:
            self._next = max(self._next, started + cpu / self.share)


class IndexSlot:
    """The index of one database state as the API waits for it: None until it is built, and for good when
    the state is over the budget (``budget_bytes``; 0: no index), the build failed, or the state was
    retired before its turn came (:class:`BuildPace`): SQL answers then."""

    def __init__(self, budget_bytes: int, report: Callable[[str], object] | None = None,
                 pace: BuildPace | None = None, like: MemoryIndex | None = None) -> None:
        self.budget_bytes = budget_bytes
        # the previous state's index: what was asked of it is prepared in this one's build (MemoryIndex.prepare_as)
        self._like = like
        self.report = report  # told the state once the build ended (``serve`` prints it)
        self.pace = pace
        self.index: MemoryIndex | None = None
        self.state = "off" if budget_bytes <= 0 else "waiting"
        self._done = threading.Event()
        self._retired = threading.Event()
        if budget_bytes <= 0:
            self._done.set()

    def build(self, reading: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]],
              delay: float = 0.0) -> None:
        """After ``delay`` seconds (unless retired meanwhile), estimate, then build from a cursor of
        ``reading()`` unless over the budget; in the caller's thread."""
        if self._done.is_set():
            return
        with _ACTIVE_LOCK:
            _ACTIVE.add(self)
        record: dict[str, Any] = {}
        try:
            if self._retired.wait(delay) if delay > 0 else self._retired.is_set():
                self.state = "skipped: a newer state came before its turn (BuildPace): SQL answers"
            else:
                self.state = self._build(reading, record)  # its DuckDB objects are gone when it returns
        except Exception as exc:  # noqa: BLE001 - an index is an optimisation: SQL answers without it
            self.state = f"failed: {type(exc).__name__}: {exc}: SQL answers"
        finally:
            record["state"] = self.state
            BUILDS.append(record)
            del BUILDS[:-64]  # the last builds are enough for a report
            LOG.info("eventwire: events index: %s", self.state)
            with _ACTIVE_LOCK:
                _ACTIVE.discard(self)
            self._done.set()
            if self.report is not None:
                self.report(self.state)

    def _build(self, reading: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]],
               record: dict[str, Any]) -> str:
        """The state after estimating and (within the budget) building; ``record`` gets the figures."""
        started = time.monotonic()
        with reading() as con:
            events, estimate = estimate_bytes(con)
            record.update(events=events, estimate_bytes=estimate)
            if estimate > self.budget_bytes:
                return f"refused: {events:,} events, estimated {estimate / 2**20:.0f} MB over the " \
                       f"budget of {self.budget_bytes / 2**20:.0f} MB (EVENTWIRE_API_INDEX_MB): SQL answers"
            index = build(con)
        like, self._like = self._like, None  # not held once used: the previous index goes with its file
        if like is not None:
            started_cpu = time.thread_time()
            index.prepare_as(like)
            index.build_cpu += time.thread_time() - started_cpu
        record.update(bytes=index.nbytes, build_cpu=index.build_cpu)
        self.index = None if self._retired.is_set() else index
        if self.pace is not None:
            self.pace.built(started, index.build_cpu)
        return f"ready: {events:,} events, {index.nbytes / 2**20:.1f} MB, built in {index.build_cpu:.2f} s of CPU"

    def start(self, reading: Callable[[], AbstractContextManager[duckdb.DuckDBPyConnection]]) -> None:
        """:meth:`build` on a thread of its own, when the pace allows (requests answer by SQL meanwhile)."""
        if not self._done.is_set():
            delay = self.pace.delay() if self.pace is not None else 0.0
            threading.Thread(target=self.build, args=(reading, delay), name="eventwire-index", daemon=True).start()

    def ready_now(self) -> bool:
        """Whether a build may start now (the pace allows it): the switching thread builds in line then."""
        return self.pace is None or self.pace.delay() == 0.0

    def wait(self, timeout: float | None = None) -> MemoryIndex | None:
        """The index once the build ended (tests, the rewarming), or None (refused, failed, timed out)."""
        self._done.wait(timeout)
        return self.index

    def close(self) -> None:
        """Retire the state: its index dropped (not closed: a request still paging from it keeps it until it
        is done), a build not begun never begins."""
        self._retired.set()
        self.index = None
        self._like = None


_ACTIVE: set[IndexSlot] = set()  # the builds under way or waiting for their turn
_ACTIVE_LOCK = threading.Lock()


@atexit.register
def _finish_builds() -> None:
    """Let the builds under way end before the interpreter does: a daemon thread inside DuckDB when Python
    finalizes is ended by unwinding through DuckDB's C++ frames, which aborts the process ("terminate
    called after throwing an instance of ''"). The waiting ones are retired, so they end at once; the queries
    of those under way are interrupted (the sources build through interruptible cursors:
    eventwire/store/interrupts.py), so that a build of a big file is not waited for."""
    with _ACTIVE_LOCK:
        slots = list(_ACTIVE)
    for slot in slots:
        slot.close()
    interrupt_until(lambda: all(slot._done.is_set() for slot in slots), EXIT_WAIT_SECONDS)
