"""How many events a filter selects, and on which days, from the rollups instead of the events.

A page of events needs the number of matches (the API stops counting at 10,000) and, sorted by date,
the range of dates that holds the page. Counted over the events, a filter that matches a few thousand
of 10 million events is a scan of every row (0.2-0.6 s of CPU). ``day_pairs`` keeps the events per
day, state-level source and target (``s``, ``t``) and QuadClass; when a filter names only actors
(source, target, actor, actor2), QuadClasses and dates, and each actor selects whole values of
``s``/``t`` (:func:`eventwire.read.rollups.side_values`: codes and countries, never name words), the
same filter over ``day_pairs`` selects groups of exactly the matching events, so its sums are the exact
counts. A filter that also names PLOVER modes (``mode=negation``, not ``none``) is counted the same way
over ``day_mode_pairs``, the same sums of the events with a mode, per mode list: an event with any of
the modes is in exactly the groups whose list has one of them. Any other filter gets None and is
counted over the events as before.

Below :data:`MIN_EVENTS` events the rollups are not asked: there a scan of the matches is cheaper
than the rollups' extra queries (the actor's forms, then the sums).
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from eventwire.read.filters import QUADS, EventFilter
from eventwire.read.rollups import among, side_values

__all__ = ["COUNTABLE", "MIN_EVENTS", "pair_condition", "total", "day_counts"]

# the filters day_pairs can answer (dates are days there: exact at any bound)
COUNTABLE = frozenset({"source", "target", "actor", "actor2", "quad", "date_from", "date_to", "mode"})
# Below this many events, counting the matches over the events costs less than asking the rollups:
# at 100,000 events the rollup path cost 26.7 ms of server CPU per request of bench/load.py's mix
# against 21.5 ms without it (bench/api_cpu.py); at 10 million a scan of the matches costs 0.2-0.6 s.
# Counting the table's rows is metadata for DuckDB (about 1 ms at 10 million).
MIN_EVENTS = 1_000_000


def pair_condition(con: duckdb.DuckDBPyConnection, flt: EventFilter,
                   events: int | None = None) -> tuple[str, list[Any]] | None:
    """SQL over ``s``/``t`` (and its parameters) true for the pair rows of exactly the events whose
    actors pass ``flt`` (the same terms as :meth:`EventFilter.terms`), or None when it cannot be said.
    ``events``: how many events the table holds, when the caller knows (else asked: 1 ms of CPU)."""
    if not set(flt.given()) <= COUNTABLE or "none" in flt.mode:  # events without a mode: not in day_mode_pairs
        return None
    if events is None:
        events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    if events < MIN_EVENTS:
        return None
    clauses: list[str] = []
    params: list[Any] = []

    def side(column: str, name: str) -> tuple[str, list[str]] | None:
        values = side_values(con, "source" if column == "s" else "target", name)
        return None if values is None else among(column, values)

    first, second = flt.actor or flt.actor2, flt.actor2 if flt.actor else None
    wanted = [[("s", flt.source)]] if flt.source else []
    wanted += [[("t", flt.target)]] if flt.target else []
    if first and second:
        wanted.append([("s", first), ("t", second), ("s", second), ("t", first)])
    elif first:
        wanted.append([("s", first), ("t", first)])
    for term in wanted:
        parts = [side(column, name) for column, name in term]
        if any(part is None for part in parts):
            return None
        sqls = [part[0] for part in parts if part is not None]
        for part in parts:
            params.extend(part[1] if part is not None else [])
        if len(term) == 4:  # the dyad: A -> B or B -> A
            clauses.append(f"(({sqls[0]} AND {sqls[1]}) OR ({sqls[2]} AND {sqls[3]}))")
        else:  # one side, or either side
            clauses.append("(" + " OR ".join(sqls) + ")")
    return " AND ".join(clauses) or "true", params


def _measure(flt: EventFilter) -> str:
    """The day_pairs sum that counts the events of ``flt``'s QuadClasses (all events without one)."""
    return " + ".join(QUADS[q] for q in flt.quad) if flt.quad else "events"


def _dates(flt: EventFilter) -> tuple[list[str], list[Any]]:
    """The conditions (and parameters) on a day rollup's rows besides the actors': dates, and modes over
    ``day_mode_pairs`` (the same test as :meth:`EventFilter.terms`, on the stored list)."""
    bounds = [("event_date >= ?", flt.date_from), ("event_date <= ?", flt.date_to)]
    sqls = [sql for sql, day in bounds if day is not None]
    params: list[Any] = [day for _, day in bounds if day is not None]
    if flt.mode:  # list_contains per mode: a quarter of the CPU of list_has_any here (14 ms against 53)
        sqls.append("(" + " OR ".join("list_contains(plover_mode, ?)" for _ in flt.mode) + ")")
        params.extend(flt.mode)
    return sqls, params


def _table(flt: EventFilter) -> str:
    """The day rollup that holds the events of ``flt``: all of them, or those with a mode."""
    return "day_mode_pairs" if flt.mode else "day_pairs"


def total(con: duckdb.DuckDBPyConnection, flt: EventFilter, events: int | None = None) -> int | None:
    """How many events pass ``flt``, or None when the rollups cannot tell exactly (``events``: see
    :func:`pair_condition`)."""
    found = pair_condition(con, flt, events)
    if found is None:
        return None
    if not flt.quad and not flt.mode and flt.date_from is None and flt.date_to is None:  # the all-time sums
        row = con.execute(f"SELECT coalesce(sum(events), 0) FROM total_pairs WHERE {found[0]}", found[1]).fetchall()
        return int(row[0][0])
    return sum(n for _, n in _days(con, flt, found))


def day_counts(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> list[tuple[date | None, int]] | None:
    """``(day, events)`` for the days with events passing ``flt`` (None: undated events), in date order,
    or None when the rollups cannot tell exactly."""
    found = pair_condition(con, flt)
    return None if found is None else _days(con, flt, found)


def _days(con: duckdb.DuckDBPyConnection, flt: EventFilter, found: tuple[str, list[Any]]) -> list[tuple[date | None, int]]:
    dates, days = _dates(flt)
    where = " AND ".join([found[0], *dates])
    rows = con.execute(f"SELECT event_date, sum({_measure(flt)}) AS n FROM {_table(flt)} WHERE {where} "
                       "GROUP BY 1 HAVING n > 0 ORDER BY 1 NULLS LAST", [*found[1], *days]).fetchall()
    return [(day, int(n)) for day, n in rows]
