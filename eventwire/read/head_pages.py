"""A page of events sorted by another column than the date, read from the head of that order
(:mod:`eventwire.store.heads`) when the head holds it.

The matches inside a head are the first matches of the whole order ``key [DESC] NULLS LAST, id``: every
event outside the head comes after every event in it. So when the head holds ``offset + limit`` matches,
``ORDER BY key, id LIMIT limit OFFSET offset`` over the head's matches is the page of the whole table,
row for row. One query over a few hundred thousand rows stored in that order (10-20 ms of CPU at 10
million events, against 0.3-0.6 s for the top-N over every match and the rows fetched from all over the
table); when the head holds fewer matches (a rare filter, a page far down) the answer is None and the
page is found over the events (:mod:`eventwire.read.paging`).

Sorted by Goldstein (:data:`eventwire.store.heads.QUAD_KEYS`), a filter on one PLOVER type reads the head of
that type first, and a filter whose matches all have one QuadClass the head of that QuadClass: its own
``quad`` says so, or its PLOVER types when ``month_counts`` (kept exact by the writer) holds events of
those types in one QuadClass only. Such matches are in the middle of the whole order, never in its head:
at 10 million events the last row of ``target=IRN&quad=2&sort=goldstein&order=asc&page=4`` is the 4.9
millionth of the order, that of ``source=IRN&plover=THREATEN&sort=goldstein&order=desc`` the 5.6 millionth.

Below :data:`MIN_EVENTS` events the heads are not asked: there the events are few enough to sort.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from eventwire.read import id_order
from eventwire.read.filters import EventFilter
from eventwire.store.db import arrow
from eventwire.store.heads import KEYS, QUAD_KEYS, QUADS, order_name

__all__ = ["MIN_EVENTS", "page", "one_quad"]

MIN_EVENTS = 1_000_000  # as read.counts: below it a sort of the matches costs less than a second query


def page(con: duckdb.DuckDBPyConnection, flt: EventFilter, columns: tuple[str, ...], *, sort: str, descending: bool,
         limit: int, offset: int, events: int | None = None) -> pa.Table | None:
    """``SELECT columns FROM events WHERE flt ORDER BY key, id LIMIT limit OFFSET offset`` when the head of
    that order holds it, else None. ``events``: how many events the table holds, when the caller knows
    (else asked: 1 ms of CPU)."""
    if sort not in KEYS or limit <= 0:
        return None
    if events is None:
        events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    if events < MIN_EVENTS:
        return None
    for head in _heads(con, flt, sort, descending):
        table = _from_head(con, flt, columns, head, sort=sort, descending=descending, limit=limit, offset=offset)
        if table is not None:
            return table
    return None


def _heads(con: duckdb.DuckDBPyConnection, flt: EventFilter, sort: str, descending: bool) -> list[str]:
    """The heads that hold the first matches of ``flt`` in this order, the smallest set of events first."""
    names = [order_name(sort, descending)]
    if sort in QUAD_KEYS:
        quad = one_quad(con, flt)
        names[:0] = [order_name(sort, descending, quad)] if quad is not None else []
        names[:0] = [order_name(sort, descending, plover=flt.plover[0])] if len(flt.plover) == 1 else []
    return names


def one_quad(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> int | None:
    """The QuadClass every event passing ``flt`` has, when its ``quad`` and ``plover`` say there is one."""
    quads = set(flt.quad) if flt.quad else set(QUADS)
    if flt.plover:  # the QuadClasses (NULL too) that the events of these PLOVER types have now
        rows = con.execute(f"SELECT DISTINCT quad_class FROM month_counts WHERE plover_type IN "
                           f"({', '.join('?' * len(flt.plover))})", list(flt.plover)).fetchall()
        quads &= {row[0] for row in rows} if all(row[0] is not None for row in rows) else set()
    return next(iter(quads)) if len(quads) == 1 else None


def _from_head(con: duckdb.DuckDBPyConnection, flt: EventFilter, columns: tuple[str, ...], head: str, *, sort: str,
               descending: bool, limit: int, offset: int) -> pa.Table | None:
    """The page from ``head`` (a name from heads.ORDERS, not user input), or None when it does not hold it."""
    found = id_order.top(con, flt, KEYS[sort], descending, limit, offset, f"head = '{head}'", table="event_heads")
    if found is None or len(found) < limit:  # fewer matches in the head than the page needs (or rare ties)
        return None
    # the page's rows by row id: the narrow top-N above reads the filter's columns, the key and id_key of the
    # head's matches (one query carrying every column through the sort decoded them for every match, even
    # when the head then did not hold the page)
    rows = arrow(con, f"SELECT rowid AS _ew_rowid, {', '.join(columns)} FROM event_heads WHERE {id_order.rowid_list()}",
                 [[r for r, _ in found]])
    position = {r: n for n, r in enumerate(rows.column("_ew_rowid").to_pylist())}
    if any(r not in position for r, _ in found):
        return None
    return rows.take([position[r] for r, _ in found]).drop_columns(["_ew_rowid"])
