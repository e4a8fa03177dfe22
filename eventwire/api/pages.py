"""Pages of ``/api/events`` on millions of events: the library's page, with a count that stops.

:func:`eventwire.read.questions.events_page` counts every matching event; on 10 million events that
is a scan of every row for a number the dashboard shows as "more than ...". The API's count stops at
:data:`COUNT_CAP`: counting the first 10,001 matches is enough to page through 200 pages of 50, and a
broad filter (an actor in a third of the events) finds them after a small part of the table. Beyond
the cap the answer says ``"total_exact": false`` and ``total`` is the cap; the dashboard then says
"More than 10,000 events match". Below it the count is exact and the key is absent, so the answer is
the library's, byte for byte (tests/test_api_source.py).

The page is found as the library finds it (:mod:`eventwire.read.paging`: row ids first, then the
rows by row id; sorted by another column than the date, from the head of that order when it holds
the page, :mod:`eventwire.read.head_pages`, and then only the count is left). When the rollups count
the filter exactly (:func:`eventwire.read.counts.total`: actors, QuadClasses, dates), that is the
count, and the page is found without a scan of the matches.
Otherwise, up to the cap, one scan both counts the matches and sorts them
(:func:`~eventwire.read.paging.counted_page`); beyond it, the newest dates are tried first.

When the source holds an in-memory index of the file the cursor reads (:mod:`eventwire.read.memory_index`,
a database within ``EVENTWIRE_API_INDEX_MB``), the count and the page's (row id, id) pairs come from it
instead (about 1 ms of CPU at 100,000 events), and only the rows are read as above.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

import duckdb

from eventwire.read import counts, head_pages, narrow, paging
from eventwire.read import questions as ask
from eventwire.read.filters import EventFilter
from eventwire.read.id_order import Found
from eventwire.read.memory_index import SERVED, MemoryIndex

__all__ = ["events_page", "indexed_page", "COUNT_CAP", "EventCounts"]

COUNT_CAP = 10_000
Rows = Callable[[duckdb.DuckDBPyConnection, Found], list[Any]]  # a page's items from its (row id, id) pairs
KEPT_VERSIONS = 8  # a source moves on; a few versions answered at once (a switch under way) are plenty


class EventCounts:
    """How many events each version of a source holds, asked once per version (thread-safe enough: two
    requests may both ask; either answer is right).

    A page chooses its way by the table's size (the rollups from :data:`eventwire.read.counts.MIN_EVENTS`
    on, the heads from :data:`eventwire.read.head_pages.MIN_EVENTS`); asked per request, the size cost
    1-2 ms of CPU of the ~18 ms of a computed page at 100,000 events (bench/api_cpu.py). Within a version
    the data does not change (api/source.py), and the size only chooses between ways that give the same
    page, so a count read from a cursor newer than the version is harmless."""

    def __init__(self) -> None:
        self._by_version: dict[Hashable, int] = {}

    def of(self, con: duckdb.DuckDBPyConnection, version: Hashable) -> int:
        found = self._by_version.get(version)
        if found is None:
            found = int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])
            if len(self._by_version) >= KEPT_VERSIONS:
                self._by_version.clear()
            self._by_version[version] = found
        return found


def events_page(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, page: int = 1, page_size: int = 50,
                sort: str = "date", descending: bool = True, events: int | None = None,
                rows: Rows | None = None, index: MemoryIndex | None = None) -> dict[str, Any]:
    """``{total, page, page_size, items}`` like :func:`eventwire.read.questions.events_page`, with
    ``total_exact: false`` when the count stopped at :data:`COUNT_CAP`. ``events``: how many events
    the table holds, when the caller knows (:class:`EventCounts`), else asked. ``rows``: gives the items
    of the rows found by row id (the API's kept rows, :mod:`eventwire.api.rows`: the same JSON), else
    they are fetched as dicts. ``index``: the in-memory index of the data ``con`` reads, if any (used when
    it holds every facet of ``flt``)."""
    if index is not None and index.covers(flt):
        return indexed_page(index, flt, page=page, page_size=page_size, sort=sort, descending=descending,
                            items=lambda found: _items(con, found, rows))
    offset = (page - 1) * page_size
    SERVED["sql"] += 1
    if events is None:  # asked once here: the rollups, the heads and the one-scan page each choose by it
        events = int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])
    known = counts.total(con, flt, events)
    table = head_pages.page(con, flt, ask.EVENT_COLUMNS, sort=sort, descending=descending, limit=page_size,
                            offset=offset, events=events)
    if table is not None:  # sorted by another column, from the head of that order: only the count is left
        return _answer(known if known is not None else _count_to_cap(con, flt), page, page_size, table.to_pylist())
    if known is not None and (known > COUNT_CAP or sort == "date"):  # the page without counting the matches
        found, counted = None, known
    else:
        found, counted = paging.counted_page(con, flt, sort=sort, descending=descending, limit=page_size,
                                             offset=offset, cap=COUNT_CAP, total=known, events=events)
    if found is None:  # more than the cap, or counted by the rollups: the page by date ranges or a narrow top-N
        found = paging.page_rowids(con, flt, sort=sort, descending=descending, limit=page_size, offset=offset,
                                   total=known)
    return _answer(counted, page, page_size, _items(con, found, rows))


def indexed_page(index: MemoryIndex, flt: EventFilter, *, page: int, page_size: int, sort: str, descending: bool,
                 items: Callable[[Found], list[Any]]) -> dict[str, Any]:
    """:func:`events_page`'s answer from ``index``, which holds every facet of ``flt`` (``index.covers(flt)``):
    the count and the page's (row id, id) pairs from it, the page's items from ``items`` (the API's kept rows:
    no query at all when it holds them all)."""
    SERVED["index"] += 1
    matches, chosen = index.page(flt, sort=sort, descending=descending, limit=page_size, offset=(page - 1) * page_size)
    return _answer(matches, page, page_size, items(chosen))


def _items(con: duckdb.DuckDBPyConnection, found: Found, rows: Rows | None) -> list[Any]:
    """The page's items of the rows ``found``: from ``rows`` (the API's kept rows), else fetched as dicts."""
    return rows(con, found) if rows is not None else paging.rows_as_dicts(con, ask.EVENT_COLUMNS, found)


def _count_to_cap(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> int:
    """How many events match, counting no further than COUNT_CAP + 1 (each actor condition on one column
    where the stored forms allow it, :mod:`eventwire.read.narrow`: tested in DuckDB's scan)."""
    where, params = narrow.where(con, flt)
    row = con.execute(f"SELECT count(*) FROM (SELECT 1 FROM events{where} LIMIT ?)", [*params, COUNT_CAP + 1]).fetchall()
    return int(row[0][0])


def _answer(counted: int, page: int, page_size: int, items: list[Any]) -> dict[str, Any]:
    exact = counted <= COUNT_CAP
    answer: dict[str, Any] = {"total": counted if exact else COUNT_CAP, "page": page, "page_size": page_size,
                              "items": items}
    if not exact:
        answer["total_exact"] = False
    return answer
