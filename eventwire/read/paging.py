"""One slice of the sorted events (a page), found by reading few columns: the read layer's page query.

``SELECT <31 columns> FROM events WHERE ... ORDER BY key, id LIMIT 50`` makes DuckDB carry every
column of every matching row through the sort: 20-50 ms of CPU at 100,000 events, seconds at 10
million (the sentence, names and lists are decoded for rows that are then thrown away). Here a page
takes two steps, each tested to give the plain query's rows (tests/test_api_source.py):

1. **the page's row ids** from the filter's columns and the sort key alone (``SELECT rowid ... ORDER
   BY key, id LIMIT n OFFSET o``): a narrow top-N;
2. **its rows** by those row ids, which DuckDB fetches from the row groups holding them.

A page by date (the default order) is first looked for among the newest events (the oldest when
ascending): those of ``[start, newest]`` sorted by date come before every event outside it, so when
the range holds the whole page it *is* the page. DuckDB skips the row groups outside the range by
their min/max dates, and a feed stores events roughly in publication order, so a page reads about
a month of events, not the table. The range starts at :data:`FIRST_RANGE_DAYS` and grows
:data:`WIDER` times until it holds the page or would cover everything (then the whole table).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any
import duckdb
import pyarrow as pa

from eventwire.errors import ConfigError
from eventwire.read.filters import EventFilter

__all__ = ["SORTS", "FIRST_RANGE_DAYS", "WIDER", "FEW", "NEAR_ROWS", "order_by", "page_rowids", "rows_by_rowid", "page_table"]

SORTS = {"date": "event_date", "goldstein": "goldstein", "mentions": "num_mentions", "sources": "num_sources",
         "confidence": "confidence"}
FIRST_RANGE_DAYS = 31
WIDER = 4  # each next range is this many times longer: at most 5 tries over 5 years of news
# below this many matching events (when the caller counted them), the date ranges are not tried: a
# rare filter's page is rarely in the newest month, and each failed try is one more (partial) scan
FEW = 2_000
NEAR_ROWS = 16 * 2048  # rows within 16 vectors are fetched by a range of row ids (rows_by_rowid)


def order_by(sort: str, descending: bool) -> str:
    """``key [DESC] NULLS LAST, id``: the one order of every events listing."""
    if sort not in SORTS:
        raise ConfigError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    return f"{SORTS[sort]} {'DESC' if descending else 'ASC'} NULLS LAST, id"


Found = list[tuple[int, str]]  # (rowid, id) of the page's rows, in order


def _rowids(con: duckdb.DuckDBPyConnection, flt: EventFilter, order: str, limit: int, offset: int,
            *extra: str) -> Found:
    where, params = flt.where(*extra)
    sql = f"SELECT rowid, id FROM events{where} ORDER BY {order} LIMIT ? OFFSET ?"
    return [(row[0], row[1]) for row in con.execute(sql, [*params, limit, offset]).fetchall()]


def _date_span(con: duckdb.DuckDBPyConnection) -> tuple[date | None, date | None]:
    """The first and last event date, from the monthly rollup (a few hundred rows)."""
    rows = con.execute("SELECT min(first_date), max(last_date) FROM month_counts").fetchall()
    return (rows[0][0], rows[0][1]) if rows else (None, None)


def _by_date(con: duckdb.DuckDBPyConnection, flt: EventFilter, order: str, limit: int, offset: int,
             descending: bool) -> Found | None:
    """The page's row ids from the newest (or oldest) range of dates that holds it, or None."""
    first, last = _date_span(con)
    if first is None or last is None:
        return None
    days = FIRST_RANGE_DAYS
    while True:
        edge = last - timedelta(days=days) if descending else first + timedelta(days=days)
        if (edge <= first) if descending else (edge >= last):
            return None  # the range would be everything: the plain query reads no more
        # a date computed here, not user input
        bound = f"event_date >= DATE '{edge.isoformat()}'" if descending else f"event_date <= DATE '{edge.isoformat()}'"
        found = _rowids(con, flt, order, limit, offset, bound)
        if len(found) == limit:
            return found
        days *= WIDER


def page_rowids(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, sort: str, descending: bool, limit: int,
                offset: int, few: bool = False) -> Found:
    """The row ids of ``ORDER BY key, id LIMIT limit OFFSET offset`` over the events passing ``flt``.
    ``few``: the caller knows few events match, so the date ranges would not hold a page (skip them)."""
    order = order_by(sort, descending)
    if limit <= 0:
        return []
    found = None if few or sort != "date" else _by_date(con, flt, order, limit, offset, descending)
    return found if found is not None else _rowids(con, flt, order, limit, offset)


def _arrow(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> pa.Table:
    relation = con.sql(sql, params=params or None)
    method = getattr(relation, "to_arrow_table", None) or relation.arrow  # DuckDB < 1.4 spells it arrow()
    table: pa.Table = method()
    return table


def rows_by_rowid(con: duckdb.DuckDBPyConnection, columns: tuple[str, ...], found: Found) -> pa.Table:
    """The rows of ``found`` (row ids and ids of the same snapshot), in this order.

    Rows close together (a page by date: the newest rows) are read by a range of row ids, which DuckDB
    turns into a scan of the few vectors holding them (3 ms for 50 rows; ``rowid IN (...)`` alone
    decodes every column of the table: 20 ms at 100,000 events); rows spread over the table (a page
    by Goldstein) by their ids, through the primary key's index (about 0.1 ms a row at any size)."""
    if not found:
        return _arrow(con, f"SELECT {', '.join(columns)} FROM events LIMIT 0", [])
    rowids = [r for r, _ in found]
    low, high = min(rowids), max(rowids)
    if high - low < NEAR_ROWS:  # integers read from the database, not user input
        listed = ", ".join(str(int(r)) for r in rowids)
        where, params = f"rowid BETWEEN {int(low)} AND {int(high)} AND rowid IN ({listed})", []
    else:
        where, params = f"id IN ({', '.join('?' * len(found))})", [i for _, i in found]
    table = _arrow(con, f"SELECT rowid AS _ew_rowid, {', '.join(columns)} FROM events WHERE {where}", params)
    position = {r: i for i, r in enumerate(table.column("_ew_rowid").to_pylist())}
    return table.take([position[r] for r in rowids]).drop_columns(["_ew_rowid"])


def page_table(con: duckdb.DuckDBPyConnection, flt: EventFilter, columns: tuple[str, ...], *, sort: str,
               descending: bool, limit: int, offset: int, few: bool = False) -> pa.Table:
    """``SELECT columns FROM events WHERE flt ORDER BY key, id LIMIT limit OFFSET offset``, by row ids.

    Both steps run in one transaction (the caller's, or one opened here): row ids name rows of one
    snapshot, and a checkpoint of another connection may renumber them between two transactions."""
    with _one_snapshot(con):
        return rows_by_rowid(con, columns, page_rowids(con, flt, sort=sort, descending=descending, limit=limit,
                                                       offset=offset, few=few))


@contextmanager
def _one_snapshot(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    try:
        con.execute("BEGIN TRANSACTION")
    except duckdb.TransactionException:  # already in one (the API's live cursors): that snapshot holds
        yield
        return
    try:
        yield
    finally:
        con.execute("ROLLBACK")  # read only: nothing to keep
