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

import duckdb

from eventwire.read.filters import EventFilter, actor_predicate
from eventwire.store.rollups import PAIR_SUMS, QUAD_NAMES, TABLES, select

__all__ = ["rows", "pair_sums", "month_pieces", "dates_only", "actors_sql", "dyads_sql", "edges_sql", "names_sql",
           "series_sql", "side_values", "among"]

# the rollups over all months (the default views without a date range)
_TOTALS = {"month_pairs": "total_pairs", "month_places": "total_places"}


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
    if flt.date_from is None and flt.date_to is None:  # all months: the all-time sums where kept
        return f"SELECT * FROM {_TOTALS.get(table, table)}", []
    first, end = _whole_months(flt)
    if first is not None and end is not None and first >= end:  # no whole month: all from the events
        where, where_params = flt.where()
        return select(table, where.removeprefix(" WHERE ")), where_params
    bounds = [("month >= ?", first), ("month < ?", end)]
    whole = " AND ".join(sql for sql, value in bounds if value is not None)
    parts = [f"SELECT {_columns(table)} FROM {table} WHERE {whole}"]
    params: list[Any] = [value for _, value in bounds if value is not None]
    # the partial months at either end, each a plain date range: DuckDB skips every row group outside
    # it by its min/max dates (one condition "not inside the whole months" skipped none: a scan of
    # every event of the range to find the few of its partial months)
    for low, high in _partial(flt, first, end):
        parts.append(f"SELECT {_columns(table)} FROM ({select(table, 'event_date >= ? AND event_date < ?')})")
        params += [low, high]
    return " UNION ALL ".join(parts), params


def _partial(flt: EventFilter, first: date | None, end: date | None) -> list[tuple[date, date]]:
    """The date ranges [low, high) of the filter outside its whole months [first, end)."""
    ranges = []
    if flt.date_from is not None and first is not None and flt.date_from < first:
        ranges.append((flt.date_from, first))
    if flt.date_to is not None and end is not None and flt.date_to >= end:
        ranges.append((end, flt.date_to + timedelta(days=1)))
    return ranges


def _add_months(day: date, months: int) -> date:
    return date(day.year + (day.month - 1 + months) // 12, (day.month - 1 + months) % 12 + 1, 1)


def month_pieces(first: date | None, end: date | None) -> list[tuple[str, date | None, date | None]]:
    """The whole months [first, end) (month first days; None: unbounded) as ``(table, low, high)``: rows of
    ``table`` with ``low <= month < high`` (None: no bound), whole years from ``year_pairs``, whole quarters
    from ``quarter_pairs`` and the months left from ``month_pairs``, neighbours of one table merged. 24 months
    from April are 3 quarters, a year and a quarter; from February, 2 months, 3 quarters, a year and a month."""
    pieces: list[tuple[str, date | None, date | None]] = []

    def add(table: str, low: date | None, high: date | None) -> None:
        if pieces and pieces[-1][0] == table and pieces[-1][2] == low:
            pieces[-1] = (table, pieces[-1][1], high)
        else:
            pieces.append((table, low, high))

    cursor = first
    if cursor is None:  # every year before the one ``end`` falls in (there is an end: else no date filter)
        assert end is not None
        cursor = date(end.year, 1, 1)
        add("year_pairs", None, cursor)
    while end is None or cursor < end:
        if cursor.month == 1 and end is None:  # every year from here on
            add("year_pairs", cursor, None)
            break
        for table, months in (("year_pairs", 12), ("quarter_pairs", 3), ("month_pairs", 1)):
            step = _add_months(cursor, months)
            if (cursor.month - 1) % months == 0 and (end is None or step <= end):
                add(table, cursor, step)
                cursor = step
                break
    return pieces


def pair_sums(flt: EventFilter) -> tuple[str, list[Any]] | None:
    """SQL (and parameters) for rows ``s, t`` and the sums of ``month_pairs`` (:data:`PAIR_SUMS`), without
    the names, over the events passing ``flt``, or None when ``flt`` filters on something other than
    dates. Summed per pair they are the sums of :func:`rows` over ``month_pairs``, read from a few
    hundred thousand rows instead of a million or more: whole years and quarters from their rollups,
    whole months left from ``month_pairs``, partial months from the events."""
    if not dates_only(flt):
        return None
    columns = ", ".join(("s", "t", *PAIR_SUMS))
    if flt.date_from is None and flt.date_to is None:
        return f"SELECT {columns} FROM total_pairs", []
    first, end = _whole_months(flt)
    parts: list[str] = []
    params: list[Any] = []
    if first is None or end is None or first < end:
        for table, low, high in month_pieces(first, end):
            bounds = [("month >= ?", low), ("month < ?", high)]
            parts.append(f"SELECT {columns} FROM {table} WHERE " + " AND ".join(
                sql for sql, value in bounds if value is not None))
            params += [value for _, value in bounds if value is not None]
    else:  # no whole month: all from the events
        where, where_params = flt.where()
        return f"SELECT {columns} FROM ({select('month_pairs', where.removeprefix(' WHERE '))})", where_params
    for low, high in _partial(flt, first, end):
        parts.append(f"SELECT {columns} FROM ({select('month_pairs', 'event_date >= ? AND event_date < ?')})")
        params += [low, high]
    return " UNION ALL ".join(parts), params


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
    found, sums = rows("month_pairs", flt), pair_sums(flt)
    if found is None or sums is None:
        return None
    # Each side summed on its own (a group per actor, a few hundred: a pass over the pair sums each)
    # and only then added up; an event with the same state on both sides counts once (as_source and
    # as_target both, events once). Names are read for the top actors only, from the named rows.
    names = _NAMES.format(key="code", rows="""SELECT s AS code, CASE WHEN s = t THEN coalesce(s_name, t_name)
        ELSE s_name END AS name, events AS n FROM p WHERE s IN (SELECT code FROM top)
        UNION ALL SELECT t, t_name, events FROM p WHERE t IS DISTINCT FROM s AND t IN (SELECT code FROM top)""",
                          only="")
    return f"""
        WITH p AS NOT MATERIALIZED ({found[0]}), q AS NOT MATERIALIZED ({sums[0]}),
        x AS (SELECT s AS code, sum(events) AS n, sum(mentions) AS m, sum(events) AS n_src,
                     coalesce(sum(events) FILTER (WHERE s = t), 0) AS n_tgt FROM q WHERE s IS NOT NULL GROUP BY s
              UNION ALL
              SELECT t, sum(events), sum(mentions), 0, sum(events) FROM q
               WHERE t IS NOT NULL AND t IS DISTINCT FROM s GROUP BY t),
        top AS (SELECT code, CAST(sum(n_src) AS INTEGER) AS as_source, CAST(sum(n_tgt) AS INTEGER) AS as_target,
                       CAST(sum(n) AS INTEGER) AS events, CAST(sum(m) AS INTEGER) AS mentions
                  FROM x GROUP BY code ORDER BY events DESC, code LIMIT ?),
        named AS ({names})
        SELECT code, named.name, as_source, as_target, events, mentions FROM top LEFT JOIN named USING (code)
         ORDER BY events DESC, code""", [*found[1], *sums[1], limit]


def dyads_sql(flt: EventFilter, limit: int) -> tuple[str, list[Any]] | None:
    """``a, a_name, b, b_name, events, mentions, goldstein_mean, conflict_share`` (see ``dyad_table``)."""
    found, sums = rows("month_pairs", flt), pair_sums(flt)
    if found is None or sums is None:
        return None
    # Summed per directed pair first (from the pair sums without names: a window's rows are hundreds of
    # thousands, its pairs tens of thousands), then per unordered pair; names from the named rows of
    # the top pairs only (``p``, read once: a scan of the rollup costs less than storing its rows).
    return f"""
        WITH p AS NOT MATERIALIZED ({found[0]}), q AS NOT MATERIALIZED ({sums[0]}),
        st AS (SELECT s, t, sum(events) AS events, sum(mentions) AS mentions, sum(goldstein_sum) AS goldstein_sum,
                      sum(goldstein_n) AS goldstein_n, sum(conflict) AS conflict
                 FROM q WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t GROUP BY s, t),
        top AS (SELECT least(s, t) AS a, greatest(s, t) AS b, CAST(sum(events) AS INTEGER) AS events,
                       CAST(sum(mentions) AS INTEGER) AS mentions, {_GOLDSTEIN}, sum(conflict) / sum(events) AS conflict_share
                  FROM st GROUP BY a, b ORDER BY events DESC, a, b LIMIT ?),
        mine AS (SELECT least(s, t) AS a, greatest(s, t) AS b, CASE WHEN s <= t THEN s_name ELSE t_name END AS a_nm,
                        CASE WHEN s <= t THEN t_name ELSE s_name END AS b_nm, events
                   FROM p SEMI JOIN (SELECT a AS s, b AS t FROM top UNION ALL SELECT b, a FROM top) USING (s, t)),
        a_named AS ({_NAMES.format(key="a, b", rows="SELECT a, b, a_nm AS name, events AS n FROM mine", only="")}),
        b_named AS ({_NAMES.format(key="a, b", rows="SELECT a, b, b_nm AS name, events AS n FROM mine", only="")})
        SELECT a, a_named.name AS a_name, b, b_named.name AS b_name, top.events, top.mentions, goldstein_mean,
               conflict_share
          FROM top LEFT JOIN a_named USING (a, b) LEFT JOIN b_named USING (a, b)
         ORDER BY top.events DESC, a, b""", [*found[1], *sums[1], limit]


def edges_sql(flt: EventFilter, min_events: int, limit: int) -> tuple[str, list[Any]] | None:
    """``source, target, events, mentions, goldstein_mean`` of the heaviest directed edges (see ``network``)."""
    found = pair_sums(flt)
    if found is None:
        return None
    return f"""
        SELECT s AS source, t AS target, CAST(sum(events) AS INTEGER) AS events,
               CAST(sum(mentions) AS INTEGER) AS mentions, {_GOLDSTEIN}
          FROM ({found[0]}) WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t
         GROUP BY s, t HAVING sum(events) >= ? ORDER BY 3 DESC, source, target LIMIT ?""", \
        [*found[1], min_events, limit]


def names_sql(flt: EventFilter, codes: list[str]) -> tuple[str, list[Any]] | None:
    """``code, name`` for these actor codes (the network's nodes)."""
    found = rows("month_pairs", flt)
    if found is None:
        return None
    # the nodes' codes are tested before the names are grouped: a few hundred of the window's pair rows
    both = ("SELECT s AS code, s_name AS name, events AS n FROM p WHERE list_contains(?, s) "
            "UNION ALL SELECT t, t_name, events FROM p WHERE list_contains(?, t)")
    return (f"WITH p AS NOT MATERIALIZED ({found[0]}) " + _NAMES.format(key="code", rows=both, only=""),
            [*found[1], codes, codes])


# -- a dyad's series from day_pairs. An actor filter tests an event's code and country (a code prefix, or
# the country); day_pairs keeps one value per side, s = coalesce(country, code). The filter is answered
# from day_pairs only when it selects whole values of s: when every code and country found together on
# that side (source_forms, target_forms: a few thousand rows) that shares an s value with a match matches
# too. Then the events of the rows whose s is one of those values are exactly the events the filter
# selects (RUS, USA, "Russia": yes; RUSMIL, whose rows share s = RUS with RUSGOV's: no, the events say).

def side_values(con: duckdb.DuckDBPyConnection, side: str, value: str) -> list[str] | None:
    """The values of ``s`` (``t``) whose events are exactly those ``value`` matches on ``side``, or None."""
    # lazy (start-up) as in filters.actor_predicate: the actor dictionaries only when a dyad is asked
    from eventwire.read.names import resolve

    if resolve(value).code is None:  # a name matched by its words: the rollup keeps no names
        return None
    found = actor_predicate(side, value)
    rows = con.execute(f"""SELECT coalesce({side}_country, {side}_code) AS v, bool_and(coalesce({found.sql}, false))
        FROM {side}_forms GROUP BY 1 HAVING bool_or(coalesce({found.sql}, false))""",
                       [*found.params, *found.params]).fetchall()
    if not all(every for _, every in rows):
        return None
    return sorted(v for v, _ in rows)


def among(column: str, values: list[str]) -> tuple[str, list[str]]:
    # one parameter per value, so DuckDB tests the column in the scan (a list parameter is not pushed down)
    return (f"{column} IN ({', '.join('?' * len(values))})", values) if values else ("false", [])


def series_sql(con: duckdb.DuckDBPyConnection, a: str, b: str, by: str,
               flt: EventFilter) -> tuple[str, list[Any]] | None:
    """``period, direction, events, mentions, <QuadClass counts>, goldstein_mean`` of the dyad ``a``-``b``
    from ``day_pairs`` (see ``questions.dyad_series``), or None when it cannot answer exactly (a filter
    other than dates, an actor matched by name words or by part of a state's codes)."""
    if not dates_only(flt):
        return None
    sides = {(name, side): side_values(con, side, name) for name in (a, b) for side in ("source", "target")}
    if any(values is None for values in sides.values()):
        return None
    conditions, params = [], []
    for first, second in ((a, b), (b, a)):
        s_sql, s_params = among("s", sides[first, "source"] or [])
        t_sql, t_params = among("t", sides[second, "target"] or [])
        conditions.append(f"({s_sql} AND {t_sql})")
        params.append([*s_params, *t_params])
    dates = [("event_date >= ?", flt.date_from), ("event_date <= ?", flt.date_to)]
    where = " AND ".join(["event_date IS NOT NULL", f"({conditions[0]} OR {conditions[1]})",
                          *(sql for sql, day in dates if day is not None)])
    quads = ", ".join(f"CAST(sum({name}) AS INTEGER) AS {name}" for name in QUAD_NAMES)
    return f"""
        SELECT CAST(date_trunc('{by}', event_date) AS DATE) AS period, CASE WHEN {conditions[0]} THEN ? ELSE ? END
               AS direction, CAST(sum(events) AS INTEGER) AS events, CAST(sum(mentions) AS INTEGER) AS mentions,
               {quads}, sum(goldstein_sum) / nullif(sum(goldstein_n), 0) AS goldstein_mean
          FROM day_pairs WHERE {where}
         GROUP BY ALL ORDER BY period, direction""", \
        [*params[0], f"{a}->{b}", f"{b}->{a}", *params[0], *params[1], *(day for _, day in dates if day is not None)]
