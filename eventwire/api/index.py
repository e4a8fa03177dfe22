"""An in-memory index of the ``events`` table, built once per database snapshot, for ``/api/events``.

Why: on 100k events a filtered, sorted, counted page costs DuckDB 15-25 ms (two scans of wide rows,
plus per-query overhead), which caps one server at a few dozen requests per second. A snapshot never
changes once published, so the API can afford to prepare it: every filter facet (the source actor's
code/country/name/text, the target's, the PLOVER type, ...) is dictionary-encoded, so a condition
is evaluated on the few distinct values of its facet and mapped to rows with one array lookup; sort
orders are computed once; the page's rows are taken from a columnar copy.

Correctness: the conditions are the SQL of :class:`eventwire.query.EventFilter`, run by DuckDB on the
facet's distinct values; the same filter as SQL over the table (``questions.events_page``, the
library's answer) gives the same page, which the tests check on random filters.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from typing import Any

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from eventwire.read.filters import FACETS, EventFilter, Predicate
from eventwire.read.questions import EVENT_COLUMNS, SORTS

try:
    import orjson
except ImportError:  # optional: the standard library encodes the same JSON, slower
    orjson = None  # type: ignore[assignment]

__all__ = ["EventIndex", "encode_json", "INDEXED"]

Mask = npt.NDArray[np.bool_]
Positions = npt.NDArray[np.int64]

KEY = "_key"  # the distinct-value number in a facet table; no events column has this name
CONDITION_CACHE = 1024  # conditions remembered per snapshot: a few KB each, one row mask for sentence facets
# facets held in memory; a filter on another one (PLOVER modes: a list column, which Arrow cannot
# dictionary-encode) is answered by the library's SQL instead (``supports``)
INDEXED = tuple(facet for facet in FACETS if facet != "mode")
ENCODED_ROWS = 50_000  # rows kept as encoded JSON per snapshot (~0.5 KB each); dropped all at once beyond


def encode_json(payload: Any) -> bytes:
    """Compact UTF-8 JSON; dates and other non-JSON values as their ``str``."""
    if orjson is not None:  # several times faster on wide rows; same JSON
        return orjson.dumps(payload, default=str)
    return json.dumps(payload, default=str, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _codes(column: pa.ChunkedArray) -> tuple[npt.NDArray[np.int64], pa.Array]:
    """Each row's distinct-value number in ``column`` and the distinct values; NULL is the last value."""
    if len(column) == 0:  # no events yet: Arrow cannot combine zero dictionary chunks (was a 500)
        return np.zeros(0, dtype=np.int64), pa.nulls(1, column.type)
    encoded = pc.dictionary_encode(column).combine_chunks()
    values = pa.concat_arrays([encoded.dictionary, pa.nulls(1, encoded.dictionary.type)])
    indices = encoded.indices.fill_null(len(encoded.dictionary)).to_numpy(zero_copy_only=False).astype(np.int64)
    return indices, values


def _factorize(table: pa.Table, columns: tuple[str, ...]) -> tuple[npt.NDArray[np.int64], pa.Table]:
    """Number the distinct combinations of ``columns``: per-row numbers and the table of distinct rows."""
    key, values = _codes(table[columns[0]])
    if len(columns) == 1:  # hash-encoded already: no sort (this is the sentence column's case)
        return key, pa.table({columns[0]: values, KEY: pa.array(np.arange(len(values)))})
    for name in columns[1:]:
        codes, values = _codes(table[name])
        # mixed radix, then renumbered densely so the next column cannot overflow int64
        key = np.unique(key * len(values) + codes, return_inverse=True)[1].astype(np.int64)
    _, first, codes_out = np.unique(key, return_index=True, return_inverse=True)
    distinct = table.select(list(columns)).take(pa.array(first)).append_column(KEY, pa.array(np.arange(len(first))))
    return codes_out.astype(np.int64), distinct


class EventIndex:
    """Filters, counts, sorts and pages the events of one snapshot in memory (thread-safe)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        # the rows as the API shows them, plus the filter columns it does not show, in one scan
        select = ", ".join(EVENT_COLUMNS)
        shown = con.sql(f"SELECT {select} FROM events LIMIT 0").columns
        extra = sorted({c for facet in INDEXED for c in FACETS[facet] if c not in shown})
        table = con.sql(f"SELECT {select}, {', '.join(extra)} FROM events").to_arrow_table()
        self.size = table.num_rows
        # one chunk: ``take`` on a many-chunk table copies whole chunks and costs 100x more
        self.rows = table.select(shown).combine_chunks()
        facet_table = table
        self._facets = duckdb.connect()  # private, in memory: holds only the distinct-value tables
        self._codes: dict[str, npt.NDArray[np.int64]] = {}
        self._distinct: dict[str, int] = {}
        for facet in INDEXED:
            self._codes[facet], distinct = _factorize(facet_table, FACETS[facet])
            self._distinct[facet] = distinct.num_rows
            # a table, not a registered view: views are private to one connection, cursors need the table
            self._facets.from_arrow(distinct).create(f"facet_{facet}")
        ids = self.rows["id"]
        self._id_rank = np.empty(self.size, dtype=np.int64)
        self._id_rank[pc.sort_indices(ids).to_numpy()] = np.arange(self.size)
        self._sort_keys = {name: self._sort_key(facet_table[column] if column in facet_table.column_names
                                                else self.rows[column]) for name, column in SORTS.items()}
        self._orders: dict[tuple[str, bool], Positions] = {}
        self._conditions: OrderedDict[Predicate, Mask] = OrderedDict()
        self._encoded: dict[int, bytes] = {}  # row position -> the row as JSON: popular rows recur on many pages
        self._lock = threading.Lock()

    @staticmethod
    def _sort_key(values: pa.ChunkedArray | pa.Array) -> tuple[npt.NDArray[np.float64], Mask]:
        if pa.types.is_date(values.type):
            values = pc.cast(values, pa.int32())
        nulls = np.asarray(values.is_null().to_numpy(zero_copy_only=False), dtype=np.bool_)
        numbers = pc.fill_null(pc.cast(values, pa.float64()), 0.0).to_numpy(zero_copy_only=False)
        return np.asarray(numbers, dtype=np.float64), nulls

    def order(self, sort: str, descending: bool) -> Positions:
        """Row positions sorted like ``ORDER BY <sort> [DESC] NULLS LAST, id`` (computed once per snapshot)."""
        found = self._orders.get((sort, descending))
        if found is None:
            numbers, nulls = self._sort_keys[sort]
            # lexsort: the last key is the primary one
            found = np.lexsort((self._id_rank, -numbers if descending else numbers, nulls)).astype(np.int64)
            self._orders[(sort, descending)] = found
        return found

    def _condition(self, predicate: Predicate) -> Mask:
        with self._lock:
            mask = self._conditions.get(predicate)
            if mask is not None:
                self._conditions.move_to_end(predicate)
                return mask
        cursor = self._facets.cursor()  # DuckDB cursors are per thread
        sql = f"SELECT {KEY} FROM facet_{predicate.facet} WHERE {predicate.sql}"
        matching = cursor.execute(sql, list(predicate.params)).fetchnumpy()[KEY]
        hits = np.zeros(self._distinct[predicate.facet], dtype=np.bool_)
        hits[np.asarray(matching, dtype=np.int64)] = True
        mask = hits[self._codes[predicate.facet]]
        with self._lock:
            self._conditions[predicate] = mask
            while len(self._conditions) > CONDITION_CACHE:
                self._conditions.popitem(last=False)
        return mask

    def warm_like(self, other: EventIndex, limit: int = 256) -> None:
        """Evaluate the conditions and sort orders ``other`` (the previous snapshot's index) was last asked for."""
        for predicate in list(other._conditions)[-limit:]:
            self._condition(predicate)
        for sort, descending in list(other._orders):
            self.order(sort, descending)

    @staticmethod
    def supports(chosen: EventFilter) -> bool:
        """Whether every condition of ``chosen`` is on a facet held in memory."""
        return all(p.facet in INDEXED for term in chosen.terms() for conjunction in term for p in conjunction)

    def warm(self, chosen: EventFilter, sort: str, descending: bool) -> bool:
        """True when every condition of ``chosen`` and the sort order are ready (a page is then pure array work)."""
        return (sort, descending) in self._orders and all(
            predicate in self._conditions for term in chosen.terms() for conjunction in term for predicate in conjunction)

    def matching(self, chosen: EventFilter) -> Mask | None:
        """Rows that pass every condition of ``chosen``; None when it has none."""
        result: Mask | None = None
        for term in chosen.terms():
            either: Mask | None = None
            for conjunction in term:
                both = self._condition(conjunction[0])
                for predicate in conjunction[1:]:
                    both = both & self._condition(predicate)
                either = both if either is None else either | both
            if either is not None:
                result = either if result is None else result & either
        return result

    def _select(self, chosen: EventFilter, page: int, page_size: int, sort: str,
                descending: bool) -> tuple[int, Positions]:
        ordered = self.order(sort, descending)
        mask = self.matching(chosen)
        selected = ordered if mask is None else ordered[mask[ordered]]
        start = (page - 1) * page_size
        return int(len(selected)), selected[start: start + page_size]

    def page(self, chosen: EventFilter, *, page: int = 1, page_size: int = 50, sort: str = "date",
             descending: bool = True) -> dict[str, Any]:
        """The same answer as ``questions.events_page`` for this snapshot."""
        total, positions = self._select(chosen, page, page_size, sort, descending)
        items = self.rows.take(pa.array(positions)).to_pylist() if len(positions) else []
        return {"total": total, "page": page, "page_size": page_size, "items": items}

    def page_json(self, chosen: EventFilter, *, page: int = 1, page_size: int = 50, sort: str = "date",
                  descending: bool = True) -> bytes:
        """:meth:`page` encoded as JSON (the same bytes as ``encode_json(page(...))``), from encoded rows."""
        total, positions = self._select(chosen, page, page_size, sort, descending)
        wanted = positions.tolist()
        encoded = self._encoded
        missing = [p for p in wanted if p not in encoded]
        if missing:
            # copied: orjson returns each result in a 4 KB block, 7x the size of a row, and these are kept
            fresh = [bytes(memoryview(encode_json(row))) for row in self.rows.take(pa.array(missing)).to_pylist()]
            if len(encoded) + len(missing) > ENCODED_ROWS:  # bounded memory: start again with this page's rows
                encoded = self._encoded = {p: encoded[p] for p in wanted if p in encoded}
            encoded.update(zip(missing, fresh, strict=True))
        items = b",".join(encoded[p] for p in wanted)
        return b'{"total":%d,"page":%d,"page_size":%d,"items":[%s]}' % (total, page, page_size, items)
