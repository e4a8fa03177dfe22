"""One slice of the sorted events (a page), found by reading few columns: the read layer's page query.

``SELECT <31 columns> FROM events WHERE ... ORDER BY key, id LIMIT 50`` makes DuckDB carry every
column of every matching row through the sort: 20-50 ms of CPU at 100,000 events, seconds at 10
million (the sentence, names and lists are decoded for rows that are then thrown away). Here a page
takes two steps, each tested to give the plain query's rows (tests/test_api_source.py):

1. **the page's row ids** from the filter's columns and the sort key alone (``SELECT rowid ... ORDER
   BY key, id_key LIMIT n OFFSET o``, ties on that pair then sorted by id: :mod:`eventwire.read.id_order`):
   a narrow top-N over numbers;
2. **its rows** by those row ids, which DuckDB fetches from the row groups holding them.

A page by date (the default order) is first looked for among the newest events (the oldest when
ascending): those of ``[start, newest]`` sorted by date come before every event outside it, so when
the range holds the whole page it *is* the page. DuckDB skips the row groups outside the range by
their min/max dates, and a feed stores events roughly in publication order, so a page reads about
a month of events, not the table. The range starts at :data:`FIRST_RANGE_DAYS`. When that does not hold the page
and the rollups count the filter's events per day (:mod:`eventwire.read.counts`: actors, QuadClasses
and dates), the range is the one the counts say holds it (a rare dyad's page 3 is one scan of its
dates, not four failed ranges and the table); otherwise it grows :data:`WIDER` times until it holds
the page or would cover everything (then the whole table).
"""

from __future__ import annotations

import warnings
from datetime import date, timedelta
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from eventwire.errors import ConfigError
from eventwire.read import counts, head_pages, id_order, narrow
from eventwire.read.filters import EventFilter
from eventwire.read.id_order import Found

__all__ = ["SORTS", "FIRST_RANGE_DAYS", "WIDER", "RUNS_BY_RANGE", "INDEX_FETCH_MAX_ROWS", "NEAR_PAGE",
           "IDS_IN_SCAN_MAX_EVENTS", "order_by",
           "counted_page", "page_rowids", "rows_by_rowid", "rows_as_dicts", "page_table"]

SORTS = {"date": "event_date", "goldstein": "goldstein", "mentions": "num_mentions", "sources": "num_sources",
         "confidence": "confidence"}
FIRST_RANGE_DAYS = 31
WIDER = 4  # each next range is this many times longer: at most 5 tries over 5 years of news
VECTOR = 2048  # DuckDB's vector: the unit a fetch by row id decodes
RUNS_BY_RANGE = 8  # rows in more runs of neighbours than this, in a small table, are fetched by id (rows_by_rowid)
INDEX_FETCH_MAX_ROWS = 2_000_000  # spread rows with row ids below this are fetched through the primary key
# Up to this many events the one-scan page reads the ids of the matches (the whole id column of 100,000
# events is 49 vectors); in a larger table a sparse filter's matches sit in thousands of vectors, each
# decoded for its ids, and the page's ids are asked afterwards instead (id_order.ordered)
IDS_IN_SCAN_MAX_EVENTS = 250_000
NEAR_PAGE = 64  # counted_page: matches on each side of the page turned into Python, for ties (id_order.ordered)
# DuckDB warns that Arrow from ``execute`` copies the rows once more: measured cheaper here (see _arrow)
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)


def order_by(sort: str, descending: bool) -> str:
    """``key [DESC] NULLS LAST, id``: the one order of every events listing."""
    if sort not in SORTS:
        raise ConfigError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    return f"{SORTS[sort]} {'DESC' if descending else 'ASC'} NULLS LAST, id"


def _rowids(con: duckdb.DuckDBPyConnection, flt: EventFilter, sort: str, descending: bool, limit: int, offset: int,
            *extra: str, extra_params: tuple[Any, ...] = ()) -> Found:
    """The page's row ids over the events passing ``flt`` and ``extra``: by ``key, id_key`` (one top-N over
    numbers), or when ties on that pair reach past the rows read, by the plain ``ORDER BY key, id``."""
    found = id_order.top(con, flt, SORTS[sort], descending, limit, offset, *extra, extra_params=extra_params)
    return found if found is not None else _plain_rowids(con, flt, sort, descending, limit, offset, *extra,
                                                         extra_params=extra_params)


def _plain_rowids(con: duckdb.DuckDBPyConnection, flt: EventFilter, sort: str, descending: bool, limit: int,
                  offset: int, *extra: str, extra_params: tuple[Any, ...] = ()) -> Found:
    where, params = narrow.where(con, flt, *extra)  # the extra conditions come last: their parameters after the filter's
    sql = f"SELECT rowid, id FROM events{where} ORDER BY {order_by(sort, descending)} LIMIT ? OFFSET ?"
    return [(row[0], row[1]) for row in con.execute(sql, [*params, *extra_params, limit, offset]).fetchall()]


def counted_page(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, sort: str, descending: bool, limit: int,
                 offset: int, cap: int, total: int | None = None, events: int | None = None) -> tuple[Found | None, int]:
    """``(the page's row ids, how many events match)`` when at most ``cap`` match; else ``(None, cap + 1)``
    (the scan stopped there; :func:`page_rowids` then finds the page).

    One scan reads the row id, sort key and ``id_key`` of the matches, at most ``cap + 1`` of them, as
    Arrow columns (numbers and dates: the ids, unique strings, are not decoded but in a small table), and
    the page is sorted here like ``ORDER BY key, id_key``, the ties on that pair then by id
    (:func:`id_order.ordered`, which reads the ids of the page's rows when the scan did not). Before ``id_key`` this took two scans on a large table, the second
    decoding ids (a dyad's 5,000 matches sorted by mentions at 10 million events: 0.6-0.9 s of CPU).
    Arrow sorts NULLs last, as the plain query does; float keys holding a NaN (which DuckDB sorts above
    every number, Arrow after them either way) are sorted by the plain query.

    Sorted by another column than the date, the page and the count come from one top-N instead
    (:func:`_counted_by_key`). ``total``: how many events match, when the rollups counted them (the
    count is not asked again); ``events``: how many events the table holds, when the caller knows (up to
    :data:`IDS_IN_SCAN_MAX_EVENTS`, the scan reads the ids too and none is asked afterwards)."""
    if sort != "date":
        return _counted_by_key(con, flt, sort, descending, limit, offset, cap, total)
    where, params = narrow.where(con, flt)
    # in a small table, the ids too: decoding them (every vector holding a match) costs less than asking
    # them of the page's rows afterwards (100,000 events: 1.3 ms of CPU more for the scan, 3 ms for the query)
    with_ids = events is not None and events <= IDS_IN_SCAN_MAX_EVENTS
    matches = _arrow(con, f"SELECT rowid AS _ew_rowid, {SORTS[sort]} AS _ew_key, id_key AS _ew_id_key"
                          f"{', id AS _ew_id' if with_ids else ''} FROM events{where} LIMIT ?", [*params, cap + 1])
    counted = matches.num_rows
    if counted > cap:
        return None, counted
    if offset >= counted or limit <= 0:
        return [], counted
    key = matches.column("_ew_key")
    if pa.types.is_floating(key.type) and pc.any(pc.is_nan(key)).as_py():
        return _plain_rowids(con, flt, sort, descending, limit, offset), counted
    order = pc.sort_indices(matches, sort_keys=[("_ew_key", "descending" if descending else "ascending"),
                                                ("_ew_id_key", "ascending")])  # NULLs at the end either way
    first = max(0, offset - NEAR_PAGE)
    near = matches.take(order[first:offset + limit + NEAR_PAGE])
    rowids = near.column("_ew_rowid").to_pylist()
    rows = list(zip(rowids, near.column("_ew_key").to_pylist(), near.column("_ew_id_key").to_pylist(), strict=True))
    found = id_order.ordered(con, rows, offset - first, limit, whole_head=first == 0,
                             whole_tail=first + len(rows) == counted,
                             ids=dict(zip(rowids, near.column("_ew_id").to_pylist(), strict=True)) if with_ids else None)
    return (found if found is not None else _plain_rowids(con, flt, sort, descending, limit, offset)), counted


def _counted_by_key(con: duckdb.DuckDBPyConnection, flt: EventFilter, sort: str, descending: bool, limit: int,
                    offset: int, cap: int, total: int | None) -> tuple[Found | None, int]:
    """:func:`counted_page` sorted by another column than the date: a scan that stops after ``cap + 1``
    matches saves nothing here, as the page needs a top-N over every match anyway (pages of a broad filter
    come from the heads, :mod:`eventwire.read.head_pages`), so the count comes with the top-N
    (:func:`id_order.top_counted`); only a page past the last match asks for the count alone."""
    if limit <= 0:
        return [], total if total is not None else _count_to_cap(con, flt, cap)
    if total is not None:
        found, counted = id_order.top(con, flt, SORTS[sort], descending, limit, offset), total
    else:
        found, seen = id_order.top_counted(con, flt, SORTS[sort], descending, limit, offset)
        counted = seen if seen is not None else _count_to_cap(con, flt, cap)
    if found is None:
        found = _plain_rowids(con, flt, sort, descending, limit, offset)
    return found, min(counted, cap + 1)


def _count_to_cap(con: duckdb.DuckDBPyConnection, flt: EventFilter, cap: int) -> int:
    """How many events pass ``flt``, counting no further than ``cap + 1``."""
    where, params = narrow.where(con, flt)
    return int(con.execute(f"SELECT count(*) FROM (SELECT 1 FROM events{where} LIMIT ?)", [*params, cap + 1]).fetchall()[0][0])


def _date_span(con: duckdb.DuckDBPyConnection) -> tuple[date | None, date | None]:
    """The first and last event date, from the monthly rollup (a few hundred rows)."""
    rows = con.execute("SELECT min(first_date), max(last_date) FROM month_counts").fetchall()
    return (rows[0][0], rows[0][1]) if rows else (None, None)


def _first_days(first: date, last: date, limit: int, offset: int, total: int | None) -> int:
    """How many days the first range spans: :data:`FIRST_RANGE_DAYS`, or when the rollups counted the
    matches (``total``), twice the days that would hold the page if they were spread evenly over the
    dates. A rare dyad's page 3 is then one scan of a few months of events, not a month that fails
    and then the per-day counts (66 ms of CPU for them at 10 million events). Only a first guess: a
    range is used when it holds the page, whatever its length."""
    if not total:
        return FIRST_RANGE_DAYS
    span = (last - first).days + 1
    return max(FIRST_RANGE_DAYS, -(-2 * (offset + limit) * span // total))


def _by_date(con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int, offset: int, descending: bool,
             total: int | None = None) -> Found | None:
    """The page's row ids from the newest (or oldest) range of dates that holds it, or None. ``total``:
    how many events match, when the rollups said (see :func:`_first_days`)."""
    first, last = _date_span(con)
    if first is None or last is None:
        return None
    # the ranges start at the filter's own dates when it has them (a range before them holds no match)
    first, last = max(first, flt.date_from or first), min(last, flt.date_to or last)
    if first > last:
        return None
    days, counted = _first_days(first, last, limit, offset, total), False
    while True:
        edge = last - timedelta(days=days) if descending else first + timedelta(days=days)
        if (edge <= first) if descending else (edge >= last):
            # the range would be everything: over a long span, the days that hold the page; else the plain query
            if counted or total is None or (last - first).days <= FIRST_RANGE_DAYS:
                return None
            return _by_counts(con, flt, limit, offset, descending)
        # a date computed here, not user input
        bound = f"event_date >= DATE '{edge.isoformat()}'" if descending else f"event_date <= DATE '{edge.isoformat()}'"
        found = _rowids(con, flt, "date", descending, limit, offset, bound)
        if len(found) == limit:
            return found
        if not counted:
            counted = True
            by_counts = _by_counts(con, flt, limit, offset, descending)
            if by_counts is not None:
                return by_counts
        days *= WIDER


def _by_counts(con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int, offset: int,
               descending: bool) -> Found | None:
    """The page's row ids from the days that the rollups say hold it, or None (the rollups cannot count
    this filter, or the page reaches the undated events).

    A day's matches are neighbours in the order (by date, then id), so the matches from the day of the
    page's first row to the day of its last are a slice of the order that starts after the matches of
    the days before: the page is that slice sorted, from ``offset`` minus those."""
    days = counts.day_counts(con, flt)
    if days is None:
        return None
    if sum(n for _, n in days) <= offset:
        return []  # the page is past the last match
    dated = [(day, n) for day, n in days if day is not None]
    seen, first, before = 0, None, 0
    for day, n in reversed(dated) if descending else dated:
        if first is None and seen + n > offset:
            first, before = day, seen
        seen += n
        if first is not None and seen >= offset + limit:  # dates read from the database, not user input
            low, high = (day, first) if descending else (first, day)
            return _rowids(con, flt, "date", descending, limit, offset - before,
                           f"event_date BETWEEN DATE '{low.isoformat()}' AND DATE '{high.isoformat()}'")
    return None


def page_rowids(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, sort: str, descending: bool, limit: int,
                offset: int, total: int | None = None) -> Found:
    """The row ids of ``ORDER BY key, id LIMIT limit OFFSET offset`` over the events passing ``flt``.
    ``total``: how many events pass ``flt``, when the rollups counted them exactly (a guide, see
    :func:`_first_days`; the page is the same without it)."""
    order_by(sort, descending)  # refuses an unknown sort
    if limit <= 0:
        return []
    found = _by_date(con, flt, limit, offset, descending, total) if sort == "date" else None
    return found if found is not None else _rowids(con, flt, sort, descending, limit, offset)


def _arrow(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> pa.Table:
    """The result as Arrow through ``execute``: for the page's rows (50 rows of 33 columns) 1 ms of CPU
    less than ``con.sql(sql, params=...)``, which DuckDB advises (its extra copy of the rows costs less
    than that here); the same for 10,000 rows of 3 columns (bench/api_cpu.py)."""
    result = con.execute(sql, params)
    name = "to_arrow_table" if hasattr(result, "to_arrow_table") else "fetch_arrow_table"  # DuckDB < 1.4
    table: pa.Table = getattr(result, name)()
    return table


def rows_by_rowid(con: duckdb.DuckDBPyConnection, columns: tuple[str, ...], found: Found) -> pa.Table:
    """The rows of ``found``, in this order. Each row's id is checked against ``found``: if the rows
    were renumbered since their row ids were read (a checkpoint between two autocommit queries of a
    database this process writes; the API's cursors hold one read transaction or a read-only file),
    they are fetched by id instead.

    DuckDB decodes a vector (2,048 rows) of every column to fetch one row by row id: about 3 ms a
    row spread over 10 million events, 0.4 ms at 100,000 (``rowid IN (...)`` alone decodes the whole
    table). So rows are read by a semi join with the list of row ids, which DuckDB answers by skipping
    to the vectors holding them (50 rows spread over 10 million events: 105 ms of CPU, 159 ms by ranges
    of row ids; bench/page_queries.py); rows spread over a small table by their ids through the primary key's
    index (0.15 ms a row). Rows beyond the first :data:`INDEX_FETCH_MAX_ROWS` are not read through the
    index: loading its nodes for a large table took the 512 MB the API's DuckDB may use (an
    out-of-memory error at 10 million events). The row ids tell without a query (a table's size
    costs 1 ms to ask)."""
    if not found:
        return _arrow(con, f"SELECT {', '.join(columns)} FROM events LIMIT 0", [])
    rowids = [r for r, _ in found]
    table = _arrow(con, *_rows_query(columns, found))
    position = {r: i for i, r in enumerate(table.column("_ew_rowid").to_pylist())}
    ids = table.column("_ew_id").to_pylist()
    if any(r not in position or ids[position[r]] != i for r, i in found):
        # the rows were renumbered between the two queries (a writer's checkpoint in this process,
        # between two autocommit reads): the ids still name them
        table = _arrow(con, *_rows_query(columns, found, by_id=True))
        position = {i: n for n, i in enumerate(table.column("_ew_id").to_pylist())}
        return table.take([position[i] for _, i in found if i in position]).drop_columns(["_ew_rowid", "_ew_id"])
    return table.take([position[r] for r in rowids]).drop_columns(["_ew_rowid", "_ew_id"])


def rows_as_dicts(con: duckdb.DuckDBPyConnection, columns: tuple[str, ...], found: Found) -> list[dict[str, Any]]:
    """``rows_by_rowid(...).to_pylist()`` (the same rows, found the same way, the same values), fetched as
    Python rows: what a JSON answer needs. DuckDB reads an Arrow result of ``execute`` back once more,
    which costs about 1 ms for 31 columns: a computed request of bench/load.py's mix costs 1.2 ms of CPU
    less this way (bench/api_cpu.py, ``computed``: 16.1 ms against 17.3 ms on a loaded machine)."""
    if not found:
        return []
    result = con.execute(*_rows_query(columns, found))
    names = [d[0] for d in result.description][2:]
    by_rowid = {row[0]: row for row in result.fetchall()}
    if any(r not in by_rowid or by_rowid[r][1] != i for r, i in found):  # renumbered: see rows_by_rowid
        by_id = {row[1]: row for row in con.execute(*_rows_query(columns, found, by_id=True)).fetchall()}
        return [dict(zip(names, by_id[i][2:], strict=True)) for _, i in found if i in by_id]
    return [dict(zip(names, by_rowid[r][2:], strict=True)) for r, _ in found]


def _rows_query(columns: tuple[str, ...], found: Found, *, by_id: bool = False) -> tuple[str, list[Any]]:
    """The query of :func:`rows_by_rowid`: row id, id and ``columns`` of the rows of ``found`` (by a list of
    row ids or through the primary key, see there; ``by_id``: by their ids whatever the row ids say)."""
    rowids = [r for r, _ in found]
    params: list[Any]
    if by_id or (len(_runs(sorted(rowids))) > RUNS_BY_RANGE and max(rowids) < INDEX_FETCH_MAX_ROWS):
        where, params = f"id IN ({', '.join('?' * len(found))})", [i for _, i in found]
    else:
        where, params = id_order.rowid_list(), [rowids]
    return f"SELECT rowid AS _ew_rowid, id AS _ew_id, {', '.join(columns)} FROM events WHERE {where}", params


def _runs(rowids: list[int]) -> list[tuple[int, int]]:
    """Sorted row ids as ranges [low, high] of neighbours (gaps of less than a vector merged)."""
    runs: list[tuple[int, int]] = []
    for r in rowids:
        if runs and r - runs[-1][1] < VECTOR:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs


def page_table(con: duckdb.DuckDBPyConnection, flt: EventFilter, columns: tuple[str, ...], *, sort: str,
               descending: bool, limit: int, offset: int) -> pa.Table:
    """``SELECT columns FROM events WHERE flt ORDER BY key, id LIMIT limit OFFSET offset``: from the head of
    that order when it holds the page (sorted by another column than the date), else by row ids."""
    table = head_pages.page(con, flt, columns, sort=sort, descending=descending, limit=limit, offset=offset)
    if table is not None:
        return table
    return rows_by_rowid(con, columns, page_rowids(con, flt, sort=sort, descending=descending, limit=limit,
                                                   offset=offset))
