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
    if flt.date_from is None and flt.date_to is None:  # all months: the pairs' all-time sums
        return f"SELECT * FROM {'total_pairs' if table == 'month_pairs' else table}", []
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


# -- the questions of eventwire.read.questions over month_pairs: the sums first, names for the top rows only
# (an ordered aggregate over every pair cost more than the sums). An actor's name is the one its events
# give most often (an IGO's rows may carry the names of its officials), the same every time.
_NAMES = """SELECT {key}, first(name ORDER BY k DESC, name) AS name
    FROM (SELECT {key}, name, sum(n) AS k FROM ({rows}) WHERE name IS NOT NULL {only} GROUP BY ALL) GROUP BY {key}"""
_GOLDSTEIN = "sum(goldstein_sum) / nullif(sum(goldstein_n), 0) AS goldstein_mean"


def actors_sql(flt: EventFilter, limit: int) -> tuple[str, list[Any]] | None:
    """``code, name, as_source, as_target, events, mentions`` of the top actors (see ``actor_table``)."""
    found = rows("month_pairs", flt)
    if found is None:
        return None
    # an event with the same state on both sides counts once (src and tgt on one row)
    names = _NAMES.format(key="code", rows="SELECT code, name, n FROM x", only="AND code IN (SELECT code FROM top)")
    return f"""
        WITH p AS ({found[0]}),
        x AS (SELECT s AS code, CASE WHEN s = t THEN coalesce(s_name, t_name) ELSE s_name END AS name,
                     events AS n, mentions AS m, true AS src, s IS NOT DISTINCT FROM t AS tgt FROM p WHERE s IS NOT NULL
              UNION ALL SELECT t, t_name, events, mentions, false, true FROM p WHERE t IS NOT NULL AND t IS DISTINCT FROM s),
        top AS (SELECT code, CAST(coalesce(sum(n) FILTER (WHERE src), 0) AS INTEGER) AS as_source,
                       CAST(coalesce(sum(n) FILTER (WHERE tgt), 0) AS INTEGER) AS as_target,
                       CAST(sum(n) AS INTEGER) AS events, CAST(sum(m) AS INTEGER) AS mentions
                  FROM x GROUP BY code ORDER BY events DESC, code LIMIT ?),
        named AS ({names})
        SELECT code, named.name, as_source, as_target, events, mentions FROM top LEFT JOIN named USING (code)
         ORDER BY events DESC, code""", [*found[1], limit]


def dyads_sql(flt: EventFilter, limit: int) -> tuple[str, list[Any]] | None:
    """``a, a_name, b, b_name, events, mentions, goldstein_mean, conflict_share`` (see ``dyad_table``)."""
    found = rows("month_pairs", flt)
    if found is None:
        return None
    return f"""
        WITH d AS (SELECT least(s, t) AS a, greatest(s, t) AS b, CASE WHEN s <= t THEN s_name ELSE t_name END AS a_nm,
                          CASE WHEN s <= t THEN t_name ELSE s_name END AS b_nm, events, mentions, goldstein_sum,
                          goldstein_n, conflict
                     FROM ({found[0]}) WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t),
        top AS (SELECT a, b, CAST(sum(events) AS INTEGER) AS events, CAST(sum(mentions) AS INTEGER) AS mentions,
                       {_GOLDSTEIN}, sum(conflict) / sum(events) AS conflict_share
                  FROM d GROUP BY a, b ORDER BY events DESC, a, b LIMIT ?),
        mine AS (SELECT d.* FROM d SEMI JOIN top USING (a, b)),
        a_named AS ({_NAMES.format(key="a, b", rows="SELECT a, b, a_nm AS name, events AS n FROM mine", only="")}),
        b_named AS ({_NAMES.format(key="a, b", rows="SELECT a, b, b_nm AS name, events AS n FROM mine", only="")})
        SELECT a, a_named.name AS a_name, b, b_named.name AS b_name, top.events, top.mentions, goldstein_mean,
               conflict_share
          FROM top LEFT JOIN a_named USING (a, b) LEFT JOIN b_named USING (a, b)
         ORDER BY top.events DESC, a, b""", [*found[1], limit]


def edges_sql(flt: EventFilter, min_events: int, limit: int) -> tuple[str, list[Any]] | None:
    """``source, target, events, mentions, goldstein_mean`` of the heaviest directed edges (see ``network``)."""
    found = rows("month_pairs", flt)
    if found is None:
        return None
    return f"""
        SELECT s AS source, t AS target, CAST(sum(events) AS INTEGER) AS events,
               CAST(sum(mentions) AS INTEGER) AS mentions, {_GOLDSTEIN}
          FROM ({found[0]}) WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t
         GROUP BY 1, 2 HAVING sum(events) >= ? ORDER BY 3 DESC, source, target LIMIT ?""", \
        [*found[1], min_events, limit]


def names_sql(flt: EventFilter, codes: list[str]) -> tuple[str, list[Any]] | None:
    """``code, name`` for these actor codes (the network's nodes)."""
    found = rows("month_pairs", flt)
    if found is None:
        return None
    both = "SELECT s AS code, s_name AS name, events AS n FROM p UNION ALL SELECT t, t_name, events FROM p"
    return (f"WITH p AS ({found[0]}) " + _NAMES.format(key="code", rows=both, only="AND list_contains(?, code)"),
            [*found[1], codes])
