"""The encoded rows of events, kept by id for the pages of ``/api/events`` (issue 17: the computed page's CPU).

A page's rows cost most of a computed page's CPU: DuckDB fetches each row by its id or row id and
decodes a block of each of its 31 columns to do so (4.2 of 10.7 ms of CPU per computed page of
bench/load.py's mix at 100,000 events, bench/api_cpu.py). Yet pages share their rows: the newest
events of one actor are also the newest of its dyads, of its PLOVER types, of its month. Over the
first 2,700 computed pages of that mix, 71% of the rows asked had been asked before.

So :class:`EventRows` keeps each row as its JSON (what ``orjson`` writes for the row's dict, so
a page made of kept rows is byte for byte the page made of fetched ones), by event id, bounded in bytes,
and a page asks DuckDB only for the rows it does not have (the same query, on fewer rows:
:func:`eventwire.read.paging.rows_as_dicts`). The page's order and count are found as before: only
the values of rows already read are reused.

A kept row stays right for as long as the event is not rewritten. It is tagged with the version it was
read at; asked under another version (a newer one, or the one before a snapshot still being rewarmed), it
is used when the source can say which events were rewritten between the two
(``source.changed_ids(since, now)``: the journal of ``watch``'s snapshots, or the live
writer's batches, :mod:`eventwire.api.deltas`) and this event is not among them; otherwise it is read
again. A source that cannot say (a plain file replaced by another way) keeps rows within one version
only.

How many are kept: :data:`MAX_BYTES` by default, which at 100,000 events is about a third of them (a
computed page of bench/load.py's mix still fetched some of its rows: ~4.7 ms of CPU, most of the page).
When the source holds an in-memory index of the file (:mod:`eventwire.read.memory_index`, a database
within ``EVENTWIRE_API_INDEX_MB``), the bound grows to hold every event's row (:func:`bound_for`:
``events`` x :data:`ROW_BYTES`), within what the budget leaves beside the index: the index and the kept
rows together stay within ``EVENTWIRE_API_INDEX_MB``. A database over the budget (10 million events:
no index) keeps :data:`MAX_BYTES`. The bound never shrinks (the budget still holds: an index refused later
is not held).
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable

import duckdb
import orjson

from eventwire.api.answers import encode_json
from eventwire.read import paging
from eventwire.read import questions as ask
from eventwire.read.id_order import Found

__all__ = ["MISSES", "EventRows", "MAX_BYTES", "ENTRY_OVERHEAD", "ROW_BYTES", "bound_for"]

# A kept row costs ~0.9 KB (its JSON ~0.6 KB, and ENTRY_OVERHEAD): 32 MB keeps ~35,000, the rows of
# thousands of pages, a small part of the API's memory bound (issue 16: RSS < 1.5 GB at 10 million events)
MAX_BYTES = 32 * 1024 * 1024
# bytes a kept row costs besides its JSON's and its id's characters: the cache's entry and tuple (171, measured
# with tracemalloc) and the headers of the bytes and str objects (33 + 49)
ENTRY_OVERHEAD = 256
# what a kept row is reckoned to cost when the bound is sized for every event: a news event's JSON is
# 0.6-1.2 KB, and ENTRY_OVERHEAD (an over-estimate only lets the LRU keep all of them)
ROW_BYTES = 1280
_KEPT_SPANS = 256  # (since, now) -> changed ids remembered: a few versions are answered at once

# why a row asked was read again (bench/load_probe.py prints them): not kept, its version's changes unknown, rewritten
MISSES: Counter[str] = Counter()
ChangedIds = Callable[[Hashable, Hashable], frozenset[str] | None]


Entry = tuple[Hashable, str, bytes]  # (the version it was read at or last known unchanged at, the id, its JSON)


def _size(entry: Entry) -> int:
    return len(entry[2]) + len(entry[1]) + ENTRY_OVERHEAD


class _Kept:
    """Entries by id, least recently used first, the oldest dropped beyond ``max_bytes`` (their :func:`_size`).

    Not cachetools' ``LRUCache``: its bound is fixed, so growing it (:meth:`EventRows.grow`, after every snapshot
    that added events: the bound is ``events`` x :data:`ROW_BYTES`) copied every kept row into a new cache, 0.14 s
    of CPU at 100,000 rows holding the lock every page's rows wait on (py-spy during bench/load.py). Here the
    bound is a number, raised in place. Not thread-safe: :class:`EventRows` holds its lock around every call."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[str, Entry] = OrderedDict()

    def get(self, event_id: str) -> Entry | None:
        entry = self._entries.get(event_id)
        if entry is not None:
            self._entries.move_to_end(event_id)
        return entry

    def put(self, event_id: str, entry: Entry) -> None:
        """Keep ``entry`` as the most recently used, dropping the least recently used ones beyond the bound (an
        entry larger than the whole bound is not kept)."""
        size = _size(entry)
        if size > self.max_bytes:
            return
        previous = self._entries.pop(event_id, None)
        if previous is not None:
            self.bytes -= _size(previous)
        self._entries[event_id] = entry
        self.bytes += size
        while self.bytes > self.max_bytes:
            self.bytes -= _size(self._entries.popitem(last=False)[1])

    def __len__(self) -> int:
        return len(self._entries)


def bound_for(events: int, budget_bytes: int, index_bytes: int) -> int:
    """The kept rows' bound beside an in-memory index of ``index_bytes`` over ``events`` events, within
    ``budget_bytes`` for both: room for every event's row, never less than :data:`MAX_BYTES`."""
    return max(MAX_BYTES, min(events * ROW_BYTES, budget_bytes - index_bytes))


class EventRows:
    """Encoded event rows by id over one source (thread-safe); see the module docstring."""

    def __init__(self, changed_ids: ChangedIds | None = None, max_bytes: int = MAX_BYTES) -> None:
        self._changed_ids = changed_ids
        self._rows = _Kept(max_bytes)  # id -> Entry
        self._spans: dict[tuple[Hashable, Hashable], frozenset[str] | None] = {}
        self._lock = threading.Lock()

    @property
    def max_bytes(self) -> int:
        return self._rows.max_bytes

    def grow(self, max_bytes: int) -> None:
        """Let the kept rows take up to ``max_bytes`` (a smaller bound than the present one is ignored): in place,
        the rows kept stay as they are."""
        if max_bytes > self._rows.max_bytes:
            with self._lock:
                self._rows.max_bytes = max(self._rows.max_bytes, max_bytes)

    def items(self, con: duckdb.DuckDBPyConnection, found: Found, version: Hashable) -> list[orjson.Fragment]:
        """The rows of ``found`` (in that order) as they are at ``version``, the version of the data ``con``
        reads (read before the cursor, as the answer caches do): kept ones, and the others fetched and kept."""
        return self.items_from(lambda: con, found, version)

    def items_from(self, cursor: Callable[[], duckdb.DuckDBPyConnection], found: Found,
                   version: Hashable) -> list[orjson.Fragment]:
        """:meth:`items`, with ``cursor()`` called only when a row is not kept (a page whose rows are all kept
        opens no cursor: :func:`eventwire.api.source.on_demand`)."""
        encoded: dict[str, bytes] = {}
        missing: Found = []
        for rowid, event_id in found:
            kept = self._kept(event_id, version)
            if kept is None:
                missing.append((rowid, event_id))
            else:
                encoded[event_id] = kept
        if missing:
            # encoded as the answer that embeds them is: the same bytes as the row's dict inside it
            fetched = {row["id"]: encode_json(row) for row in paging.rows_as_dicts(cursor(), ask.EVENT_COLUMNS, missing)}
            with self._lock:
                for event_id, body in fetched.items():
                    self._rows.put(event_id, (version, event_id, body))
            encoded.update(fetched)
        # a row not found (deleted, or renumbered and gone) is left out, as rows_as_dicts leaves it out
        return [orjson.Fragment(encoded[i]) for _, i in found if i in encoded]

    def _kept(self, event_id: str, version: Hashable) -> bytes | None:
        """The kept JSON of ``event_id`` if it is right at ``version``, else None."""
        with self._lock:
            entry = self._rows.get(event_id)
        if entry is None:
            MISSES["not kept"] += 1
            return None
        if entry[0] == version:
            return entry[2]
        changed = self._changed_between(entry[0], version)
        if changed is None:
            # kept at a NEWER version than asked: while a new snapshot is rewarmed (read before it is
            # published) requests still read the one before it. The ids that differ between two versions are
            # the same set whichever is asked first, so an event not among them has the same row at both; it
            # keeps its newer tag (re-tagged older, every row would be read again once the new one is out)
            newer = self._changed_between(version, entry[0])
            if newer is not None and event_id not in newer:
                return entry[2]
        if changed is None or event_id in changed:
            MISSES["changes unknown" if changed is None else "rewritten"] += 1
            return None
        with self._lock:  # unchanged up to ``version`` (a newer one): tag it so, and the next look is direct
            if self._rows.get(event_id) is entry:
                self._rows.put(event_id, (version, event_id, entry[2]))
        return entry[2]

    def _changed_between(self, since: Hashable, now: Hashable) -> frozenset[str] | None:
        """The ids rewritten after ``since`` up to ``now`` (None: unknown, or ``since`` is not older)."""
        if self._changed_ids is None:
            return None
        span = (since, now)
        with self._lock:
            if span in self._spans:
                return self._spans[span]
        found = self._changed_ids(since, now)
        with self._lock:
            if len(self._spans) >= _KEPT_SPANS:
                self._spans.clear()
            self._spans[span] = found
        return found

    def __len__(self) -> int:
        return len(self._rows)
