"""Pages of ``/api/events`` on millions of events: the library's page, with a count that stops.

:func:`eventwire.read.questions.events_page` counts every matching event; on 10 million events that
is a scan of every row for a number the dashboard shows as "more than ...". The API's count stops at
:data:`COUNT_CAP`: counting the first 10,001 matches is enough to page through 200 pages of 50, and a
broad filter (an actor in a third of the events) finds them after a small part of the table. Beyond
the cap the answer says ``"total_exact": false`` and ``total`` is the cap; the dashboard then says
"More than 10,000 events match". Below it the count is exact and the key is absent, so the answer is
the library's, byte for byte (tests/test_api_source.py).

The page itself is the library's (:func:`eventwire.read.paging.page_table`: row ids from a narrow
top-N, the newest dates first, then the rows by row id). When the count is exact and small, the
date ranges are skipped: they would not hold a page of a rare filter.
"""

from __future__ import annotations

from typing import Any

import duckdb

from eventwire.read import paging
from eventwire.read import questions as ask
from eventwire.read.filters import EventFilter

__all__ = ["events_page", "COUNT_CAP", "capped_count"]

COUNT_CAP = 10_000


def capped_count(con: duckdb.DuckDBPyConnection, flt: EventFilter, cap: int) -> int:
    """How many events pass ``flt``, counting no further than ``cap + 1``."""
    where, params = flt.where()
    row = con.execute(f"SELECT count(*) FROM (SELECT 1 FROM events{where} LIMIT ?)", [*params, cap + 1]).fetchall()
    return int(row[0][0]) if row else 0


def events_page(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, page: int = 1, page_size: int = 50,
                sort: str = "date", descending: bool = True) -> dict[str, Any]:
    """``{total, page, page_size, items}`` like :func:`eventwire.read.questions.events_page`, with
    ``total_exact: false`` when the count stopped at :data:`COUNT_CAP`."""
    offset = (page - 1) * page_size
    counted = capped_count(con, flt, COUNT_CAP)
    exact = counted <= COUNT_CAP
    few = exact and counted < paging.FEW
    items = [] if exact and offset >= counted else paging.page_table(
        con, flt, ask.EVENT_COLUMNS, sort=sort, descending=descending, limit=page_size, offset=offset,
        few=few).to_pylist()
    answer: dict[str, Any] = {"total": counted if exact else COUNT_CAP, "page": page, "page_size": page_size,
                              "items": items}
    if not exact:
        answer["total_exact"] = False
    return answer
