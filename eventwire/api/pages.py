"""Pages of ``/api/events`` on millions of events: the library's page, found with less reading.

:func:`eventwire.read.questions.events_page` counts every matching event and sorts them all for one
page of 50. On 10 million events both cost a scan of every row, so the API does two things differently,
each tested to give the library's answer (tests/test_api_source.py):

- **the count stops at** :data:`COUNT_CAP`: counting the first 10,001 matches is enough to page through
  200 pages of 50, and a broad filter (an actor in a third of the events) finds them after a small
  part of the table. Beyond the cap the answer says ``"total_exact": false`` and ``total`` is the cap;
  the dashboard then says "More than 10,000 events match". Below it the count is exact and the key is
  absent, so the answer is the library's, byte for byte.
- **a filter with few matches** (at most the cap) is read once: the count reads the id and sort key
  of every match, which are sorted here like ``ORDER BY key, id`` and the page's rows fetched by id
  (the primary key), instead of a second scan to sort.
- **a page by date** (the default order) is looked for in the newest month first (the oldest when
  ascending), then in a range four times longer, and so on: the events of ``[start, newest]`` sorted
  by date come before every event outside it, so when the range holds the whole page it *is* the
  page. DuckDB skips the row groups outside the range by their min/max dates; a feed stores events
  roughly in publication order, so a page reads about a month of events, not the table. When the
  range would cover everything (or the page reaches the undated events, which sort last), the
  library's query answers.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import duckdb

from eventwire.read import questions as ask
from eventwire.read.filters import EventFilter

__all__ = ["events_page", "COUNT_CAP", "FIRST_RANGE_DAYS"]

COUNT_CAP = 10_000
FIRST_RANGE_DAYS = 31
WIDER = 4  # each next range is this many times longer: at most 5 tries over 5 years of news


def _matches(con: duckdb.DuckDBPyConnection, flt: EventFilter, sort: str) -> list[tuple[Any, Any]]:
    """(id, sort key) of the matching events, at most ``COUNT_CAP + 1`` of them (more: the count is capped)."""
    where, params = flt.where()
    sql = f"SELECT id, {ask.SORTS[sort]} FROM events{where} LIMIT ?"
    return con.execute(sql, [*params, COUNT_CAP + 1]).fetchall()


def _sorted_ids(matches: list[tuple[Any, Any]], descending: bool) -> list[str]:
    """The ids in the order of ``ORDER BY key [DESC] NULLS LAST, id`` (DuckDB compares VARCHAR bytewise,
    as Python compares str)."""
    dated = sorted((m for m in matches if m[1] is not None), key=lambda m: m[0])
    dated.sort(key=lambda m: m[1], reverse=descending)  # stable: ties stay in id order
    undated = sorted(m[0] for m in matches if m[1] is None)
    return [m[0] for m in dated] + undated


def _rows_by_id(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    sql = f"SELECT {', '.join(ask.EVENT_COLUMNS)} FROM events WHERE id = ANY(?)"
    found = {row["id"]: row for row in ask.arrow(con, sql, [ids]).to_pylist()}
    return [found[i] for i in ids]


def _date_span(con: duckdb.DuckDBPyConnection) -> tuple[date | None, date | None]:
    """The first and last event date, from the monthly rollup (a few hundred rows)."""
    rows = con.execute("SELECT min(first_date), max(last_date) FROM month_counts").fetchall()
    return (rows[0][0], rows[0][1]) if rows else (None, None)


def _page_in(con: duckdb.DuckDBPyConnection, flt: EventFilter, bound: str, descending: bool, offset: int,
             size: int) -> list[dict[str, Any]]:
    where, params = flt.where(bound)
    order = f"event_date {'DESC' if descending else 'ASC'} NULLS LAST, id"
    sql = f"SELECT {', '.join(ask.EVENT_COLUMNS)} FROM events{where} ORDER BY {order} LIMIT ? OFFSET ?"
    items: list[dict[str, Any]] = ask.arrow(con, sql, [*params, size, offset]).to_pylist()
    return items


def _by_date(con: duckdb.DuckDBPyConnection, flt: EventFilter, offset: int, size: int,
             descending: bool) -> list[dict[str, Any]] | None:
    """The page by date from the newest (or oldest) range that holds it, or None: ask the library."""
    first, last = _date_span(con)
    if first is None or last is None:
        return None
    days = FIRST_RANGE_DAYS
    while True:
        edge = last - timedelta(days=days) if descending else first + timedelta(days=days)
        if (edge <= first) if descending else (edge >= last):
            return None  # the range would be everything: the plain query reads no more
        # a date we computed, not user input
        bound = f"event_date >= DATE '{edge.isoformat()}'" if descending else f"event_date <= DATE '{edge.isoformat()}'"
        items = _page_in(con, flt, bound, descending, offset, size)
        if len(items) == size:
            return items
        days *= WIDER


def events_page(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, page: int = 1, page_size: int = 50,
                sort: str = "date", descending: bool = True) -> dict[str, Any]:
    """``{total, page, page_size, items}`` like :func:`eventwire.read.questions.events_page`, with
    ``total_exact: false`` when the count stopped at :data:`COUNT_CAP`."""
    offset = (page - 1) * page_size
    matches = _matches(con, flt, sort)
    exact = len(matches) <= COUNT_CAP
    total = len(matches) if exact else COUNT_CAP
    if exact:  # every match is known: sort them here, fetch the page's rows by id
        items = _rows_by_id(con, _sorted_ids(matches, descending)[offset: offset + page_size])
    else:
        found = _by_date(con, flt, offset, page_size, descending) if sort == "date" else None
        items = found if found is not None else ask.event_table(
            con, flt, sort=sort, descending=descending, limit=page_size, offset=offset).to_pylist()
    answer: dict[str, Any] = {"total": total, "page": page, "page_size": page_size, "items": items}
    if not exact:
        answer["total_exact"] = False
    return answer
