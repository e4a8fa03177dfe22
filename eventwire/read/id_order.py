"""A page of ``ORDER BY key, id`` found by ``ORDER BY key, id_key``: numbers instead of strings (issue 16).

Every events listing breaks ties on its sort key by the event's id, a unique string. A top-N over
millions of matches decodes the id of every row the filter reads (DuckDB applies a filter that ORs
two columns after the scan): a source + PLOVER type's top-N on 10 million events cost 198 ms of CPU
broken by id, 131 ms by ``id_key`` (bench/page_queries.py, load average 13). ``events.id_key`` (:mod:`eventwire.store.id_keys`)
is a BIGINT that never sorts two ids the other way round, so the order by ``key, id_key`` is the
order by ``key, id`` except inside a *group*: rows sharing both key and ``id_key``, which come
together in either order. The page's rows are read by ``key, id_key`` with one row more on each
side (:func:`top`); then the ids of the page's rows alone are read, and each group is sorted by id
(:func:`ordered`). A group that reaches past the rows read (it could hold rows not read) gives
None, and the caller asks the plain query: rare, as ``id_key`` keeps 9 of an id's 20 hex digits.

Also how a few rows spread over the table are fetched by row id (:func:`rowid_list`), shared with
:func:`eventwire.read.paging.rows_by_rowid`.
"""

from __future__ import annotations

import math
from typing import Any

import duckdb

from eventwire.read import narrow
from eventwire.read.filters import EventFilter

__all__ = ["Found", "rowid_list", "top", "top_counted", "ordered"]

Found = list[tuple[int, str]]  # (rowid, id) of the page's rows, in order
Row = tuple[int, Any, int]  # (rowid, sort key, id_key)


def rowid_list() -> str:
    """A condition true for the row ids of one list parameter: a semi join that DuckDB answers by skipping
    to the vectors holding them (``rowid IN (...)`` with the values written out decodes the whole table;
    the ids of 50 rows spread over 10 million events: 11 ms of CPU, 34 ms by ranges of row ids;
    bench/page_queries.py)."""
    return "rowid IN (SELECT unnest(?::BIGINT[]))"


def top(con: duckdb.DuckDBPyConnection, flt: EventFilter, key: str, descending: bool, limit: int, offset: int,
        *extra: str, extra_params: tuple[Any, ...] = (), table: str = "events") -> Found | None:
    """The row ids and ids of ``ORDER BY key [DESC] NULLS LAST, id LIMIT limit OFFSET offset`` over the events
    passing ``flt`` and ``extra`` (conditions whose parameters are ``extra_params``), or None when a group
    of ties on ``key, id_key`` reaches past the rows read. ``key`` and ``table`` (``events`` or a table of
    its columns) are names from the code."""
    return _top(con, flt, key, descending, limit, offset, extra, extra_params, counted=False, table=table)[0]


def top_counted(con: duckdb.DuckDBPyConnection, flt: EventFilter, key: str, descending: bool, limit: int,
                offset: int) -> tuple[Found | None, int | None]:
    """:func:`top` and how many events pass ``flt`` (None when the page is past the last of them), from the
    same scan: ``count(*) OVER ()`` over the matches costs little when they are a few thousand (source +
    PLOVER type, 24,259 of 10 million events: 54 ms of CPU with the count, 63 without, and counting them
    to 10,001 first 15 ms more; bench/page_queries.py). It keeps every match until the end, so a broad
    filter pays more: its pages mostly come from the heads (:mod:`eventwire.read.head_pages`)."""
    return _top(con, flt, key, descending, limit, offset, (), (), counted=True)


def _top(con: duckdb.DuckDBPyConnection, flt: EventFilter, key: str, descending: bool, limit: int, offset: int,
         extra: tuple[str, ...], extra_params: tuple[Any, ...], *, counted: bool,
         table: str = "events") -> tuple[Found | None, int | None]:
    before = min(offset, 1)  # the row before the page: is the page's first group whole?
    asked = before + limit + 1  # and the row after it
    where, params = narrow.where(con, flt, *extra)
    rows = con.execute(f"SELECT rowid, {key}, id_key{', count(*) OVER ()' if counted else ''} FROM {table}{where} "
                       f"ORDER BY {key} {'DESC' if descending else 'ASC'} NULLS LAST, id_key LIMIT ? OFFSET ?",
                       [*params, *extra_params, asked, offset - before]).fetchall()
    total = int(rows[0][3]) if counted and rows else None
    found = ordered(con, [(row[0], row[1], row[2]) for row in rows], before, limit, whole_head=offset == 0,
                    whole_tail=len(rows) < asked, table=table)
    return found, total


def _group(row: Row) -> tuple[Any, int]:
    """What rows of one group share: the key (every NaN alike, as DuckDB sorts them together) and id_key."""
    key = row[1]
    return ("NaN" if isinstance(key, float) and math.isnan(key) else key), row[2]


def ordered(con: duckdb.DuckDBPyConnection, rows: list[Row], start: int, limit: int, *, whole_head: bool,
            whole_tail: bool, table: str = "events", ids: dict[int, str] | None = None) -> Found | None:
    """``rows[start:start + limit]`` with each group sorted by id, or None when that cannot be told.

    ``rows`` are consecutive matches in the order by key and id_key; ``whole_head``: the first of them is
    the first match, ``whole_tail``: the last is the last match (else a group touching that end may go on).
    ``ids``: the id of each row id, when the query that read ``rows`` read them too (then none is asked)."""
    low, high = start, min(start + limit, len(rows))
    if low >= high:
        return []
    while low > 0 and _group(rows[low - 1]) == _group(rows[low]):
        low -= 1
    while high < len(rows) and _group(rows[high]) == _group(rows[high - 1]):
        high += 1
    if (low == 0 and not whole_head) or (high == len(rows) and not whole_tail):
        return None
    window = rows[low:high]
    if ids is not None:  # read with the rows, in the same statement: nothing can have renumbered them
        stored = {row[0]: (ids[row[0]], row[2]) for row in window}
    else:
        stored = {r: (i, k) for r, i, k in con.execute(
            f"SELECT rowid, id, id_key FROM {table} WHERE {rowid_list()}", [[row[0] for row in window]]).fetchall()}
    if any(stored.get(row[0], ("", None))[1] != row[2] for row in window):
        return None  # renumbered since (a checkpoint between two autocommit reads): the caller asks again
    first_of_group: list[int] = []
    for n, row in enumerate(window):
        first_of_group.append(first_of_group[-1] if n and _group(window[n - 1]) == _group(row) else n)
    order = sorted(range(len(window)), key=lambda n: (first_of_group[n], stored[window[n][0]][0]))
    return [(window[n][0], stored[window[n][0]][0]) for n in order[start - low:start - low + limit]]
