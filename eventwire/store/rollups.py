"""Rollups of the ``events`` table, kept at ingest: what the overview, the network, the map and a dyad's
series count, without scanning every event (issue 16: 10 million events served in < 150 ms).

The tables (schema version 6; ``day_pairs`` and the forms version 8, ``day_mode_pairs`` version 10,
the quarters, years and ``total_places`` version 13), mostly one row per month (the first day of the
month; NULL for undated events) and key, holding sums that add up across months:

- ``month_counts``: per QuadClass and PLOVER type: events, mentions, first and last date (the
  overview's totals, mixes and events per month);
- ``month_pairs``: per pair of state-level actors as :mod:`eventwire.read.questions` counts them
  (``s``/``t`` = the actor's country, else its code; the state-level name when the row is the state),
  with each side's name: events, mentions, the sum and number of Goldstein scores, conflict events
  (QuadClass 3-4) (top dyads, top actors, the network);
- ``total_pairs``: ``month_pairs`` summed over all months (the default views: top dyads, top
  actors and the network without a date range read a row per pair, not a row per pair and month);
- ``quarter_pairs`` / ``year_pairs`` (v13): ``month_pairs`` summed per quarter / year (``month`` is the
  period's first day) and per pair, without the names: the sums of a date range come from whole years,
  whole quarters and the months left (:func:`eventwire.read.rollups.pair_sums`). The names multiply
  the rows (about 64,000 a month at 10 million synthetic events, 36,000 pairs): 24 months were 1.5
  million rows to add up for the top dyads, the network or the top actors, now about 250,000-400,000;
- ``month_places``: per location (name, country, GeoNames id, precision) of located events: events,
  mentions, sums of latitude and longitude, conflict events (the map);
- ``total_places`` (v13): ``month_places`` summed over all months (the map without a date range reads
  a row per place, not a row per place and month: 169,000 rows at 10 million events);
- ``day_pairs`` (v8): per day and pair of state-level actors (``s``/``t`` as in ``month_pairs``, no
  names): events, mentions, events per QuadClass, the sum and number of Goldstein scores (a dyad's
  series by day, week, month or year: a few million narrow rows tested on two columns, not ten
  million events tested on four; stored in date order, as ingest appends them);
- ``day_mode_pairs`` (v10): ``day_pairs`` of the events with a PLOVER mode, per mode list as stored
  (``plover_mode``): events and events per QuadClass. A filter by actors and modes (``mode=negation``)
  is counted and paged by date from here (:mod:`eventwire.read.counts`): 5% of the events have a mode,
  and without it such a filter read every event to count its matches (0.2 s of CPU at 10 million);
- ``source_forms`` / ``target_forms`` (v8): each code and country found together on that side (a few
  thousand rows; they tell whether an actor filter selects whole ``s``/``t`` values, so that
  ``day_pairs`` answers it exactly, :func:`eventwire.read.rollups.series_sql`). Only added to, never
  taken from (a batch costs one insert, not a merge): a form whose events are gone may stay, which
  can only make that test stricter (see ``SEEN``).

They are exact, never sampled, and kept by difference, so a batch costs its own rows, not its
months' (a month of a busy feed is millions of events). ``Writer._refresh_events`` rewrites the rows
of the events a batch touched (delete, then insert from their mentions); around it, :func:`capture`
reads those rows as they were and :func:`apply` those rows as they are, in the batch's transaction,
and adds their signed sums (old rows -1, new rows +1), grouped by each rollup's keys (``KEYS``), to
the rollup rows: updated where the key exists, inserted where it does not, deleted when no event is
left (``events`` = 0). The keys hold everything a rollup groups by, the names included (the readers
choose an actor's most frequent name at read time from per-name rows), so every column is a sum
except ``first_date`` / ``last_date`` of ``month_counts``: additions take the least / greatest date;
when a batch takes away the last event of a group on its first or last date, that group's bounds
are read again from its month's events (rare: a rewritten event mostly keeps its date and type).
Sums of doubles (Goldstein, latitude, longitude) may differ from a recompute in the last bits.
:func:`rebuild` is the reference, a recompute from every event (migration, bulk-built databases;
tests/test_rollups_delta.py checks that random batches keep the tables equal to it). Readers
combine whole months from here with the events of partial months (:mod:`eventwire.read.rollups`).
"""

from __future__ import annotations

from collections.abc import Iterable

import duckdb

from eventwire.store import heads

__all__ = ["TABLES", "FROM_EVENTS", "MONTH", "KEYS", "SUMS", "SEEN", "QUAD_NAMES", "PERIODS", "PAIR_SUMS", "ADDED_IN_V8",
           "ADDED_IN_V10", "ADDED_IN_V13", "capture", "apply", "rebuild", "select"]

MONTH = "CAST(date_trunc('month', event_date) AS DATE)"

TABLES: dict[str, str] = {
    "month_counts": """CREATE TABLE IF NOT EXISTS month_counts (
    month DATE, quad_class INTEGER, plover_type VARCHAR, events BIGINT, mentions BIGINT,
    first_date DATE, last_date DATE
)""",
    "month_pairs": """CREATE TABLE IF NOT EXISTS month_pairs (
    month DATE, s VARCHAR, t VARCHAR, s_name VARCHAR, t_name VARCHAR, events BIGINT, mentions BIGINT,
    goldstein_sum DOUBLE, goldstein_n BIGINT, conflict BIGINT
)""",
    "total_pairs": """CREATE TABLE IF NOT EXISTS total_pairs (
    s VARCHAR, t VARCHAR, s_name VARCHAR, t_name VARCHAR, events BIGINT, mentions BIGINT,
    goldstein_sum DOUBLE, goldstein_n BIGINT, conflict BIGINT
)""",
    "quarter_pairs": """CREATE TABLE IF NOT EXISTS quarter_pairs (
    month DATE, s VARCHAR, t VARCHAR, events BIGINT, mentions BIGINT, goldstein_sum DOUBLE, goldstein_n BIGINT,
    conflict BIGINT
)""",
    "year_pairs": """CREATE TABLE IF NOT EXISTS year_pairs (
    month DATE, s VARCHAR, t VARCHAR, events BIGINT, mentions BIGINT, goldstein_sum DOUBLE, goldstein_n BIGINT,
    conflict BIGINT
)""",
    "month_places": """CREATE TABLE IF NOT EXISTS month_places (
    month DATE, location_name VARCHAR, location_country VARCHAR, geonameid BIGINT, location_precision VARCHAR,
    events BIGINT, mentions BIGINT, lat_sum DOUBLE, lon_sum DOUBLE, conflict BIGINT
)""",
    "total_places": """CREATE TABLE IF NOT EXISTS total_places (
    location_name VARCHAR, location_country VARCHAR, geonameid BIGINT, location_precision VARCHAR,
    events BIGINT, mentions BIGINT, lat_sum DOUBLE, lon_sum DOUBLE, conflict BIGINT
)""",
    "day_pairs": """CREATE TABLE IF NOT EXISTS day_pairs (
    event_date DATE, s VARCHAR, t VARCHAR, events BIGINT, mentions BIGINT, verbal_cooperation BIGINT,
    material_cooperation BIGINT, verbal_conflict BIGINT, material_conflict BIGINT, goldstein_sum DOUBLE,
    goldstein_n BIGINT
)""",
    "day_mode_pairs": """CREATE TABLE IF NOT EXISTS day_mode_pairs (
    event_date DATE, s VARCHAR, t VARCHAR, plover_mode VARCHAR[], events BIGINT, verbal_cooperation BIGINT,
    material_cooperation BIGINT, verbal_conflict BIGINT, material_conflict BIGINT
)""",
    "source_forms": """CREATE TABLE IF NOT EXISTS source_forms (
    source_code VARCHAR, source_country VARCHAR
)""",
    "target_forms": """CREATE TABLE IF NOT EXISTS target_forms (
    target_code VARCHAR, target_country VARCHAR
)""",
}
ADDED_IN_V8 = ("day_pairs", "source_forms", "target_forms")
ADDED_IN_V10 = ("day_mode_pairs",)
ADDED_IN_V13 = ("quarter_pairs", "year_pairs", "total_places")
# the coarser pair rollups: table -> the period its ``month`` is the first day of
PERIODS = {"quarter_pairs": "quarter", "year_pairs": "year"}
# the sums of a pair rollup's row, in the DDL's order (what the coarser tables keep of month_pairs)
PAIR_SUMS = ("events", "mentions", "goldstein_sum", "goldstein_n", "conflict")
QUAD_NAMES = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")  # QuadClass 1-4

# Each rollup as a query over events (``{where}`` restricts the events, ``{month}`` names the month):
# the same text computes a month at ingest and a partial month at read time (read/rollups.py).
SIDES = """coalesce(source_country, source_code) AS s, coalesce(target_country, target_code) AS t,
    CASE WHEN source_code = source_country OR source_country IS NULL THEN source_name END AS s_name,
    CASE WHEN target_code = target_country OR target_country IS NULL THEN target_name END AS t_name"""
_CONFLICT = "count(*) FILTER (WHERE quad_class >= 3)"
_QUADS = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS {name}" for q, name in enumerate(QUAD_NAMES, 1))
_PAIR = "coalesce(source_country, source_code) AS s, coalesce(target_country, target_code) AS t"
SELECTS: dict[str, str] = {
    "month_counts": """SELECT {month} AS month, quad_class, plover_type, count(*) AS events,
        sum(num_mentions) AS mentions, min(event_date) AS first_date, max(event_date) AS last_date
        FROM events{where} GROUP BY ALL""",
    "month_pairs": f"""SELECT month, s, t, s_name, t_name, count(*) AS events, sum(num_mentions) AS mentions,
        sum(goldstein) AS goldstein_sum, count(goldstein) AS goldstein_n, {_CONFLICT} AS conflict
        FROM (SELECT {{month}} AS month, {SIDES}, num_mentions, goldstein, quad_class FROM events{{where}})
        GROUP BY ALL""",
    "month_places": f"""SELECT {{month}} AS month, location_name, location_country, geonameid, location_precision,
        count(*) AS events, sum(num_mentions) AS mentions, sum(lat) AS lat_sum, sum(lon) AS lon_sum,
        {_CONFLICT} AS conflict FROM events{{where}} GROUP BY ALL""",
    "day_pairs": f"""SELECT event_date, s, t, count(*) AS events, sum(num_mentions) AS mentions, {_QUADS},
        sum(goldstein) AS goldstein_sum, count(goldstein) AS goldstein_n
        FROM (SELECT event_date, {_PAIR}, num_mentions, goldstein, quad_class FROM events{{where}}) GROUP BY ALL""",
    "day_mode_pairs": f"""SELECT event_date, s, t, plover_mode, count(*) AS events, {_QUADS}
        FROM (SELECT event_date, {_PAIR}, plover_mode, quad_class FROM events{{where}}) GROUP BY ALL""",
    "source_forms": "SELECT DISTINCT source_code, source_country FROM events{where}",
    "target_forms": "SELECT DISTINCT target_code, target_country FROM events{where}",
}
FROM_EVENTS = ("month_counts", "month_pairs", "month_places", "day_pairs", "day_mode_pairs", "source_forms",
               "target_forms")
# the order rebuild() stores a table's rows in: day_pairs by date, as ingest appends them, so that the
# batch's merge (a join on its few recent days) skips the other row groups by their min/max dates
STORED_ORDER = {"day_pairs": "event_date, s, t", "day_mode_pairs": "event_date, s, t"}
TOTAL_PAIRS = """SELECT s, t, s_name, t_name, sum(events) AS events, sum(mentions) AS mentions,
    sum(goldstein_sum) AS goldstein_sum, sum(goldstein_n) AS goldstein_n, sum(conflict) AS conflict
    FROM month_pairs m"""
# the rollups summed from another rollup (rebuild): table -> its SELECT (without GROUP BY)
_PERIOD_MONTH = "CAST(date_trunc('{unit}', month) AS DATE) AS month"
FROM_ROLLUPS: dict[str, str] = {
    "total_pairs": TOTAL_PAIRS,
    **{table: f"SELECT {_PERIOD_MONTH.format(unit=unit)}, s, t, {', '.join(f'sum({c}) AS {c}' for c in PAIR_SUMS)} "
              "FROM month_pairs" for table, unit in PERIODS.items()},
    "total_places": """SELECT location_name, location_country, geonameid, location_precision, sum(events) AS events,
    sum(mentions) AS mentions, sum(lat_sum) AS lat_sum, sum(lon_sum) AS lon_sum, sum(conflict) AS conflict
    FROM month_places""",
}
_PLACE_KEYS = ("location_name", "location_country", "geonameid", "location_precision")
_PLACE_SUMS = ("events", "mentions", "lat_sum", "lon_sum", "conflict")
_LOCATED = "lat IS NOT NULL AND lon IS NOT NULL"  # the map shows located events only
WHERES = {"month_places": _LOCATED, "total_places": _LOCATED,
          "day_mode_pairs": "len(plover_mode) > 0"}  # the events with a mode (NULL or [] have none)


def select(table: str, where: str = "", month: str = MONTH) -> str:
    """The rollup ``table`` computed over the events passing ``where`` (SQL after ``WHERE``, may be empty)."""
    conditions = [c for c in (where, WHERES.get(table, "")) if c]
    clause = " WHERE " + " AND ".join(f"({c})" for c in conditions) if conditions else ""
    return SELECTS[table].format(month=month, where=clause)


# -- by difference: the rows a batch rewrites, as they were (sign -1) and as they are (sign +1), summed up
# grouped as each rollup groups them and added to its rows; only the batch's rows are read.
_ROW = f"""{MONTH} AS month, event_date, quad_class, plover_type, num_mentions, goldstein, lat, lon, location_name,
    location_country, geonameid, location_precision, {SIDES}, source_code, source_country, target_code, target_country,
    plover_mode"""
_PAIR_KEYS = ("s", "t", "s_name", "t_name")
KEYS: dict[str, tuple[str, ...]] = {
    "month_counts": ("month", "quad_class", "plover_type"),
    "month_pairs": ("month", *_PAIR_KEYS),
    "total_pairs": _PAIR_KEYS,
    **{table: ("month", "s", "t") for table in PERIODS},
    "month_places": ("month", *_PLACE_KEYS),
    "total_places": _PLACE_KEYS,
    "day_pairs": ("event_date", "s", "t"),
    "day_mode_pairs": ("event_date", "s", "t", "plover_mode"),
}
# tables of values seen, only added to: a batch inserts the values of its new rows not yet there. A value
# left without events stays: read/rollups.side_values then still finds every form of the events that
# remain, and a stale form can only refuse the rollup (the events answer), never add a wrong event.
SEEN: dict[str, tuple[str, ...]] = {
    "source_forms": ("source_code", "source_country"),
    "target_forms": ("target_code", "target_country"),
}
# each sum of the rollups as a signed sum over the delta rows
_SIGNED = {
    "events": "sum(sign)", "mentions": "sum(sign * num_mentions)", "goldstein_sum": "sum(sign * goldstein)",
    "goldstein_n": "coalesce(sum(sign) FILTER (WHERE goldstein IS NOT NULL), 0)",
    "conflict": "coalesce(sum(sign) FILTER (WHERE quad_class >= 3), 0)",
    "lat_sum": "sum(sign * lat)", "lon_sum": "sum(sign * lon)",
    # the bounds of the added rows; removed rows are handled by _fix_bounds
    "first_date": "min(event_date) FILTER (WHERE sign > 0)", "last_date": "max(event_date) FILTER (WHERE sign > 0)",
    **{name: f"coalesce(sum(sign) FILTER (WHERE quad_class = {q}), 0)" for q, name in enumerate(QUAD_NAMES, 1)},
}
SUMS: dict[str, tuple[str, ...]] = {
    "month_counts": ("events", "mentions", "first_date", "last_date"),
    **{table: PAIR_SUMS for table in ("month_pairs", "total_pairs", *PERIODS)},
    **{table: _PLACE_SUMS for table in ("month_places", "total_places")},
    "day_pairs": ("events", "mentions", *QUAD_NAMES, "goldstein_sum", "goldstein_n"),
    "day_mode_pairs": ("events", *QUAD_NAMES),
}
# how a stored value t and a delta d combine (default t + d): sum() of no values is NULL, as rebuild() leaves it
_COMBINE = {
    "goldstein_sum": "CASE WHEN t.goldstein_n + d.goldstein_n <> 0 THEN coalesce(t.goldstein_sum, 0) + "
                     "coalesce(d.goldstein_sum, 0) END",
    "first_date": "least(t.first_date, d.first_date)", "last_date": "greatest(t.last_date, d.last_date)",
}
_DELTA = "_ew_delta"


def _same(keys: Iterable[str], left: str, right: str) -> str:
    return " AND ".join(f"{left}.{k} IS NOT DISTINCT FROM {right}.{k}" for k in keys)


def _marks(event_ids: list[str]) -> str:
    # one parameter per id: DuckDB then looks each up in the primary key's index instead of scanning
    # every id (a list parameter is scanned: 30 ms a batch at 1M events)
    return ", ".join("?" * len(event_ids))


def capture(con: duckdb.DuckDBPyConnection, event_ids: list[str]) -> None:
    """Before a batch rewrites these events: their rows as stored, to be subtracted by :func:`apply`."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {_DELTA} AS SELECT -1 AS sign, {_ROW} FROM events "
                f"WHERE id IN ({_marks(event_ids)})", event_ids)


def apply(con: duckdb.DuckDBPyConnection, event_ids: list[str]) -> None:
    """After the batch rewrote these events (inside its transaction): add the difference to every rollup."""
    con.execute(f"INSERT INTO {_DELTA} SELECT 1 AS sign, {_ROW} FROM events WHERE id IN ({_marks(event_ids)})",
                event_ids)
    for table in KEYS:
        _merge(con, table)
    for table, columns in SEEN.items():
        listed = ", ".join(columns)
        con.execute(f"INSERT INTO {table} SELECT DISTINCT {listed} FROM {_DELTA} d WHERE sign > 0 AND NOT EXISTS "
                    f"(SELECT 1 FROM {table} t WHERE {_same(columns, 't', 'd')})")
    _fix_bounds(con)
    con.execute(f"DROP TABLE {_DELTA}")


def _merge(con: duckdb.DuckDBPyConnection, table: str) -> None:
    keys, sums = KEYS[table], SUMS[table]
    where = f" WHERE {WHERES[table]}" if table in WHERES else ""
    measures = ", ".join(f"{_SIGNED[c]} AS {c}" for c in sums)
    # a coarser pair rollup groups the delta rows by the first day of their quarter or year
    selected = [_PERIOD_MONTH.format(unit=PERIODS[table]) if key == "month" and table in PERIODS else key
                for key in keys]
    con.execute(f"CREATE OR REPLACE TEMP TABLE _ew_d AS SELECT {', '.join(selected)}, {measures} "
                f"FROM {_DELTA}{where} GROUP BY ALL")
    sets = ", ".join(f"{c} = {_COMBINE.get(c, f't.{c} + d.{c}')}" for c in sums)
    span = _span(con, keys[0])
    # UPDATE AS t: the SET expressions read the stored values (DuckDB binds the target alias)
    con.execute(f"UPDATE {table} AS t SET {sets} FROM _ew_d d WHERE {span} AND {_same(keys, 't', 'd')}")
    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _ew_d d "
                f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {span} AND {_same(keys, 't', 'd')})")
    # a key none of whose events is left: only the batch's keys can have come to 0
    con.execute(f"DELETE FROM {table} t WHERE {span} AND events = 0")
    con.execute("DROP TABLE _ew_d")


def _span(con: duckdb.DuckDBPyConnection, key: str) -> str:
    """A condition on a date key of the stored rows (``t``) that holds for every key of the batch (``_ew_d``):
    DuckDB then skips the row groups outside the batch's dates by their min/max (day_pairs is stored in
    date order, as ingest appends it; at 10 million events its merge read every row otherwise)."""
    if key not in ("month", "event_date"):
        return "true"
    row = con.execute(f"SELECT min({key}), max({key}), count(*) FILTER (WHERE {key} IS NULL) FROM _ew_d").fetchone()
    low, high, undated = row if row else (None, None, 0)
    parts = [f"t.{key} BETWEEN DATE '{low.isoformat()}' AND DATE '{high.isoformat()}'"] if low is not None else []
    parts += [f"t.{key} IS NULL"] if undated else []  # dates read from the database, not user input
    return "(" + " OR ".join(parts) + ")" if parts else "false"


def _fix_bounds(con: duckdb.DuckDBPyConnection) -> None:
    """first_date and last_date are a min and a max, not sums: when a batch takes away the last event of
    a group on its first or last date (an event moved to another date or type), that group's bounds are
    read again from its month's events. Rare: a rewritten event usually keeps its date and type."""
    keys = KEYS["month_counts"]
    stale = con.execute(
        f"""SELECT DISTINCT {', '.join(f'c.{k}' for k in keys)} FROM month_counts c JOIN (
            SELECT {', '.join(keys)}, event_date FROM {_DELTA} WHERE event_date IS NOT NULL
             GROUP BY ALL HAVING sum(sign) < 0) g ON {_same(keys, 'c', 'g')}
         WHERE g.event_date = c.first_date OR g.event_date = c.last_date""").fetchall()
    for month, quad_class, plover_type in stale:
        con.execute(
            """UPDATE month_counts SET first_date = b.lo, last_date = b.hi FROM (
                SELECT min(event_date) AS lo, max(event_date) AS hi FROM events
                 WHERE event_date >= ? AND event_date < CAST(? AS DATE) + INTERVAL 1 MONTH
                   AND quad_class IS NOT DISTINCT FROM ? AND plover_type IS NOT DISTINCT FROM ?) b
             WHERE month = ? AND quad_class IS NOT DISTINCT FROM ? AND plover_type IS NOT DISTINCT FROM ?""",
            [month, month, quad_class, plover_type, month, quad_class, plover_type])


def rebuild(con: duckdb.DuckDBPyConnection, tables: Iterable[str] = tuple(TABLES)) -> None:
    """Recompute these rollups (default: every one, and then the heads of :mod:`eventwire.store.heads`) from all
    events (migrations, bulk-generated databases)."""
    chosen = list(tables)
    for table in chosen:
        con.execute(TABLES[table])
        con.execute(f"DELETE FROM {table}")
    for table in (t for t in FROM_EVENTS if t in chosen):
        order = f" ORDER BY {STORED_ORDER[table]}" if table in STORED_ORDER else ""
        con.execute(f"INSERT INTO {table} BY NAME {select(table)}{order}")
    for table in (t for t in FROM_ROLLUPS if t in chosen):  # after the month tables they sum up
        order = " ORDER BY month" if table in PERIODS else ""  # in date order, as ingest appends them
        con.execute(f"INSERT INTO {table} BY NAME {FROM_ROLLUPS[table]} GROUP BY ALL{order}")
    if set(chosen) == set(TABLES):  # everything derived from the events: the sorted orders' heads too
        heads.rebuild(con)
