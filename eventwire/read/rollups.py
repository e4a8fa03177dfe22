"""Answering from the per-month rollups (:mod:`eventwire.store.rollups`) when a filter allows it.

A filter on dates only (or no filter) selects whole months plus, at each end of the range, part of a
month. :func:`rows` gives the rollup table's rows for exactly the events passing the filter: the whole
months from the rollup table, the partial months computed from their events by the same query that
filled the rollup. Summed up they are the same numbers as a query over all the events, at the cost of
reading a few thousand rollup rows and at most two months of events. Any other filter (actors, types,
text...) is answered from the events themselves (``rows`` returns None).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from eventwire.read.filters import EventFilter
from eventwire.store.rollups import TABLES, select

__all__ = ["rows", "dates_only"]


def dates_only(flt: EventFilter) -> bool:
    """True when the filter sets nothing but ``date_from`` / ``date_to``."""
    return set(flt.given()) <= {"date_from", "date_to"}


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def _whole_months(flt: EventFilter) -> tuple[date | None, date | None]:
    """The months wholly inside the filter's range: [first, end) as month first days (None: unbounded)."""
    first = None if flt.date_from is None else (
        flt.date_from if flt.date_from.day == 1 else _next_month(flt.date_from))
    end = None
    if flt.date_to is not None:
        after = flt.date_to + timedelta(days=1)
        end = after if after.day == 1 else flt.date_to.replace(day=1)
    return first, end


def rows(table: str, flt: EventFilter) -> tuple[str, list[Any]] | None:
    """SQL (and parameters) for the rows of rollup ``table`` over the events passing ``flt``, or None
    when ``flt`` filters on something other than dates."""
    if not dates_only(flt):
        return None
    if flt.date_from is None and flt.date_to is None:
        return f"SELECT * FROM {table}", []
    first, end = _whole_months(flt)
    if first is not None and end is not None and first >= end:  # no whole month: all from the events
        where, params = flt.where()
        return select(table, where.removeprefix(" WHERE ")), params
    bounds = [("month >= ?", first), ("month < ?", end)]
    whole = " AND ".join(sql for sql, value in bounds if value is not None)
    whole_params = [value for _, value in bounds if value is not None]
    inside = " AND ".join(sql.replace("month", "event_date") for sql, value in bounds if value is not None)
    where, params = flt.where(f"NOT ({inside})")
    columns = _columns(table)
    return (f"SELECT {columns} FROM {table} WHERE {whole} UNION ALL SELECT {columns} FROM "
            f"({select(table, where.removeprefix(' WHERE '))})", [*whole_params, *params, *whole_params])


def _columns(table: str) -> str:
    # the same column order on both sides of the UNION ALL (the DDL's order)
    body = TABLES[table].split("(", 1)[1].rsplit(")", 1)[0]
    return ", ".join(part.split()[0] for part in body.replace("\n", " ").split(","))
