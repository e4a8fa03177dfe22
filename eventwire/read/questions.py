"""Every question eventwire answers about a database, once: the Python API (``eventwire.open``), the CLI
and the HTTP API all call these functions, so they give the same numbers.

**Events and mentions** (docs/records.md): an *event* is one row of the ``events`` table (one date,
source, target, CAMEO code and story); a *mention* is one sentence that reported it (a row of
``event_mentions``; an event's ``num_mentions``). A column named ``events`` always counts events and
one named ``mentions`` always counts mentions; ``goldstein_mean`` is the plain mean over events.

Each function takes a DuckDB connection and an :class:`EventFilter` (the question is asked of the
events that pass it) and returns an Arrow table (or, for the nested answers, a dict). Only column
names and SQL chosen here are spliced in; every user value is a bound parameter.
"""

from __future__ import annotations

import functools
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.data_files import DATA_DIR, read_shipped_yaml
from eventwire.errors import ConfigError
from eventwire.events.ontology import cameo_info
from eventwire.read import counts, paging, rollups
from eventwire.read.filters import QUADS, EventFilter, dyad_condition
from eventwire.read.names import resolve
from eventwire.store.db import arrow

__all__ = ["EVENT_COLUMNS", "SORTS", "PERIODS", "arrow", "event_reader", "event_table", "count_events",
           "events_page", "event_detail", "article_detail", "actor_table", "dyad_table", "dyad_series",
           "network", "network_edges", "month_table", "place_table", "places_geojson", "stats", "state_names", "versions"]

# The columns of an event everywhere (library, CLI, API, CSV): one list.
EVENT_COLUMNS = (
    "id", "event_date AS date", "date_precision", "source_code",
    "coalesce(source_name, source_text) AS source_name", "source_country", "source_sector", "target_code",
    "coalesce(target_name, target_text) AS target_name", "target_country", "target_sector", "cameo",
    "cameo_root", "plover_type", "plover_mode", "goldstein", "quad_class", "num_mentions", "num_sources",
    "num_articles", "location_name", "location_country", "lat", "lon", "geonameid", "location_precision",
    "story_id", "first_article_id", "sentence", "confidence", '"symmetric"',
)
SORTS = paging.SORTS
PERIODS = ("day", "week", "month", "year")
# a place's country, GeoNames id and precision: those of its most events (deterministic: any_value over rollup rows is not)
_BY_EVENTS = "p.events DESC, location_country, p.geonameid, location_precision"
_QUAD_COUNTS = ", ".join(f"CAST(count(*) FILTER (WHERE quad_class = {q}) AS INTEGER) AS {name}"
                         for q, name in QUADS.items())


def _events_sql(flt: EventFilter, sort: str, descending: bool, columns: tuple[str, ...]) -> tuple[str, list[Any]]:
    where, params = flt.where()
    return f"SELECT {', '.join(columns)} FROM events{where} ORDER BY {paging.order_by(sort, descending)}", params


def event_table(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, sort: str = "date", descending: bool = False,
                limit: int | None = None, offset: int = 0, columns: tuple[str, ...] = EVENT_COLUMNS) -> pa.Table:
    """The events that pass ``flt``, sorted (then by id), optionally one slice of them (a slice is found
    by row ids first, :mod:`eventwire.read.paging`)."""
    if limit is not None:
        return paging.page_table(con, flt, columns, sort=sort, descending=descending, limit=limit, offset=offset)
    return arrow(con, *_events_sql(flt, sort, descending, columns))


def event_reader(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, sort: str = "date", descending: bool = False,
                 batch_rows: int = 10_000, columns: tuple[str, ...] = EVENT_COLUMNS) -> pa.RecordBatchReader:
    """The same rows as :func:`event_table`, all of them, as a stream of record batches (downloads)."""
    sql, params = _events_sql(flt, sort, descending, columns)
    relation = con.sql(sql, params=params or None)
    reader = getattr(relation, "to_arrow_reader", None) or relation.fetch_record_batch
    batches: pa.RecordBatchReader = reader(batch_rows)
    return batches


def count_events(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> int:
    known = counts.total(con, flt)  # exact from the rollups when the filter is actors, QuadClasses, dates
    if known is not None:
        return known
    where, params = flt.where()
    row = con.execute(f"SELECT count(*) FROM events{where}", params).fetchall()[0]
    return int(row[0]) if row else 0


def events_page(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, page: int = 1, page_size: int = 50,
                sort: str = "date", descending: bool = True) -> dict[str, Any]:
    """``{total, page, page_size, items}``: one page of events. The API answers from
    :func:`eventwire.api.pages.events_page`, which must (and is tested to) give exactly this answer."""
    items = event_table(con, flt, sort=sort, descending=descending, limit=page_size,
                        offset=(page - 1) * page_size).to_pylist()
    return {"total": count_events(con, flt), "page": page, "page_size": page_size, "items": items}


def _rows(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """``{event, mentions[], articles[], quotes[]}``: the event and all its evidence, or None."""
    found = arrow(con, f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE id = ?", [event_id]).to_pylist()
    if not found:
        return None
    event = found[0]
    mentions = _rows(con.execute(
        "SELECT id, article_id, publisher, sentence_index, sentence, trigger_text, trigger_start, trigger_end, "
        "source_text, source_start, source_end, source_code_source, target_text, target_start, target_end, "
        "target_code_source, rule, model, confidence, rule_type, model_type, model_prob, decided_by, reported, \"symmetric\", "
        "plover_mode, plover_context, date, date_precision, date_source, coder_version FROM event_mentions "
        "WHERE event_id = ? ORDER BY article_id, sentence_index", [event_id]))
    event["plover_context"] = sorted({c for m in mentions for c in (m.get("plover_context") or [])})
    event["date_source"] = mentions[0]["date_source"] if mentions else None
    event["cameo_name"] = _cameo_name(event["cameo"])
    article_ids = sorted({m["article_id"] for m in mentions})
    articles = _rows(con.execute(
        "SELECT id, title, source, publisher, published, url FROM articles WHERE id = ANY(?) "
        "ORDER BY published", [article_ids])) if article_ids else []
    quotes = _rows(con.execute(
        "SELECT article_id, text, speaker_text, speaker_name, speaker_code FROM quotes "
        "WHERE article_id = ANY(?) ORDER BY article_id, \"start\"", [article_ids])) if article_ids else []
    return {"event": event, "mentions": mentions, "articles": articles, "quotes": quotes}


def _cameo_name(code: str | None) -> str | None:
    try:
        return cameo_info(code or "").name
    except (KeyError, ValueError):
        return None


def article_detail(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The article (text, dateline, credits), its quotes with speakers and its events, or None."""
    found = _rows(con.execute(
        "SELECT id, uri, url, source, publisher, title, text, published, dateline_place, dateline_country, "
        "dateline_agency, credits, language, warnings, story_id, coder_version FROM articles WHERE id = ?",
        [article_id]))
    if not found:
        return None
    article = found[0]
    article["dateline"] = {"place": article.pop("dateline_place"), "country": article.pop("dateline_country"),
                           "agency": article.pop("dateline_agency")}
    quotes = _rows(con.execute(
        "SELECT text, \"start\", \"end\", speaker_text, speaker_name, speaker_code, speaker_country, speaker_sector "
        "FROM quotes WHERE article_id = ? ORDER BY \"start\"", [article_id]))
    article["quotes"] = [
        {"text": q["text"], "start": q["start"], "end": q["end"],
         "speaker": {"text": q["speaker_text"], "name": q["speaker_name"], "code": q["speaker_code"],
                     "country": q["speaker_country"], "sector": q["speaker_sector"]} if q["speaker_text"] else None}
        for q in quotes
    ]
    article["events"] = _rows(con.execute(
        "SELECT DISTINCT e.id, e.event_date AS date, e.date_precision, e.source_code, "
        "coalesce(e.source_name, e.source_text) AS source_name, e.target_code, "
        "coalesce(e.target_name, e.target_text) AS target_name, e.plover_type, e.cameo "
        "FROM event_mentions m JOIN events e ON e.id = m.event_id WHERE m.article_id = ? ORDER BY e.id", [article_id]))
    return article


# Aggregates count actors at the level analysts read: a state's government, military and people count
# as the state (RUSGOV, RUSMIL, "Lavrov" -> RUS); IGOs, groups and stateless actors keep their code.
def _sides(flt: EventFilter) -> tuple[str, list[Any]]:
    where, params = flt.where()
    return f"""
    SELECT id, coalesce(source_country, source_code) AS s, coalesce(target_country, target_code) AS t,
           CASE WHEN source_code = source_country OR source_country IS NULL THEN source_name END AS s_name,
           CASE WHEN target_code = target_country OR target_country IS NULL THEN target_name END AS t_name,
           event_date, goldstein, quad_class, num_mentions
      FROM events{where}""", params


@functools.cache
def state_names() -> dict[str, str]:
    """ISO3 -> short name from the shipped country dictionary, for states seen only through their
    agents (UKRMIL, UKRGOV) whose rows carry no state-level name."""
    entries = read_shipped_yaml(DATA_DIR / "actors" / "countries.yaml").get("entries") or []
    names: dict[str, str] = {}
    for entry in entries:  # territories and breakaway regions share their parent's code: states win
        if entry.get("iso3") and entry.get("name") and (entry.get("kind") == "state" or entry["iso3"] not in names):
            names[entry["iso3"]] = entry["name"]
    return names


def _label(code: str | None, name: str | None) -> str | None:
    """A name for every code: the row's state-level name, else the dictionaries' (never a bare IGOUNO)."""
    if name or not code:
        return name
    try:
        return state_names().get(code) or resolve(code).name
    except Exception:  # noqa: BLE001 - a label is a nicety; the code is still shown
        return None


def _named(table: pa.Table, pairs: tuple[tuple[str, str], ...]) -> pa.Table:
    for code_key, name_key in pairs:
        names = [_label(c, n) for c, n in zip(table[code_key].to_pylist(), table[name_key].to_pylist(), strict=True)]
        table = table.set_column(table.schema.get_field_index(name_key), name_key, pa.array(names, pa.string()))
    return table


def actor_table(con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int | None = 20) -> pa.Table:
    """Top actors: ``code, name, as_source, as_target, events`` (involving it on either side), ``mentions``."""
    fast = rollups.actors_sql(flt, _limit(limit))
    if fast is not None:
        return _named(arrow(con, *fast), (("code", "name"),))
    sides, params = _sides(flt)
    return _named(arrow(con, f"""
        WITH e AS ({sides}),
        per_event AS (
          SELECT code, id, any_value(name) AS name, bool_or(src) AS src, bool_or(tgt) AS tgt,
                 any_value(num_mentions) AS num_mentions
            FROM (SELECT s AS code, s_name AS name, id, num_mentions, true AS src, false AS tgt FROM e WHERE s IS NOT NULL
                  UNION ALL SELECT t, t_name, id, num_mentions, false, true FROM e WHERE t IS NOT NULL)
           GROUP BY code, id)
        SELECT code, any_value(name) AS name,
               CAST(count(*) FILTER (WHERE src) AS INTEGER) AS as_source,
               CAST(count(*) FILTER (WHERE tgt) AS INTEGER) AS as_target,
               CAST(count(*) AS INTEGER) AS events, CAST(sum(num_mentions) AS INTEGER) AS mentions
          FROM per_event GROUP BY code ORDER BY events DESC, code LIMIT ?""", [*params, _limit(limit)]),
        (("code", "name"),))


def _limit(limit: int | None) -> int:
    return 2**62 if limit is None else limit


def dyad_table(con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int | None = 20) -> pa.Table:
    """Top unordered pairs ``a < b`` (both directions count): ``a, a_name, b, b_name, events, mentions,
    goldstein_mean, conflict_share`` (share of events in QuadClass 3-4)."""
    fast = rollups.dyads_sql(flt, _limit(limit))
    if fast is not None:
        return _named(arrow(con, *fast), (("a", "a_name"), ("b", "b_name")))
    sides, params = _sides(flt)
    return _named(arrow(con, f"""
        WITH e AS ({sides})
        SELECT least(s, t) AS a, any_value(CASE WHEN s <= t THEN s_name ELSE t_name END) AS a_name,
               greatest(s, t) AS b, any_value(CASE WHEN s <= t THEN t_name ELSE s_name END) AS b_name,
               CAST(count(*) AS INTEGER) AS events, CAST(sum(num_mentions) AS INTEGER) AS mentions,
               avg(goldstein) AS goldstein_mean,
               avg(CASE WHEN quad_class >= 3 THEN 1.0 ELSE 0.0 END) AS conflict_share
          FROM e WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t
         GROUP BY 1, 3 ORDER BY events DESC, a, b LIMIT ?""", [*params, _limit(limit)]),
        (("a", "a_name"), ("b", "b_name")))


def dyad_series(con: duckdb.DuckDBPyConnection, a: str, b: str, by: str = "month",
                flt: EventFilter | None = None) -> pa.Table:
    """Per period (its first day) and direction (``a->b``, ``b->a``): ``events``, ``mentions``, events per
    QuadClass and ``goldstein_mean``. Periods without events have no row."""
    if by not in PERIODS:
        raise ConfigError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    a, b = " ".join(a.split()), " ".join(b.split())
    fast = rollups.series_sql(con, a, b, by, flt or EventFilter())
    if fast is not None:
        return arrow(con, *fast)
    forward, forward_params = dyad_condition(a, b)
    backward, backward_params = dyad_condition(b, a)
    where, params = (flt or EventFilter()).where("event_date IS NOT NULL", f"({forward} OR {backward})")
    return arrow(con, f"""
        SELECT CAST(date_trunc('{by}', event_date) AS DATE) AS period,
               CASE WHEN {forward} THEN ? ELSE ? END AS direction,
               CAST(count(*) AS INTEGER) AS events, CAST(sum(num_mentions) AS INTEGER) AS mentions,
               {_QUAD_COUNTS}, avg(goldstein) AS goldstein_mean
          FROM events{where}
         GROUP BY ALL ORDER BY period, direction""",
                 [*forward_params, f"{a}->{b}", f"{b}->{a}", *params, *forward_params, *backward_params])


def _edges(con: duckdb.DuckDBPyConnection, flt: EventFilter, min_events: int, limit: int | None) -> pa.Table:
    fast = rollups.edges_sql(flt, min_events, _limit(limit))
    if fast is not None:
        return arrow(con, *fast)
    sides, params = _sides(flt)
    return arrow(con, f"""
        WITH e AS ({sides})
        SELECT s AS source, t AS target, CAST(count(*) AS INTEGER) AS events,
               CAST(sum(num_mentions) AS INTEGER) AS mentions, avg(goldstein) AS goldstein_mean
          FROM e WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t
         GROUP BY 1, 2 HAVING count(*) >= ? ORDER BY events DESC, source, target LIMIT ?""",
                 [*params, min_events, _limit(limit)])


def network(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, min_events: int = 1,
            limit: int | None = 300) -> dict[str, Any]:
    """``{nodes[], edges[]}``: directed edges (``source, target, events, mentions, goldstein_mean``), the
    ``limit`` heaviest with at least ``min_events``; nodes (``id, label, events, mentions``) count
    the events of the edges shown."""
    edges = _edges(con, flt, min_events, limit).to_pylist()
    fast = rollups.names_sql(flt, sorted({e[side] for e in edges for side in ("source", "target")}))
    if fast is not None:
        names = dict(con.execute(*fast).fetchall())
    else:
        sides, params = _sides(flt)
        names = dict(con.execute(f"""WITH e AS ({sides})
            SELECT code, any_value(name) FROM (SELECT s AS code, s_name AS name FROM e UNION ALL SELECT t, t_name FROM e)
             WHERE code IS NOT NULL GROUP BY code""", params).fetchall())
    totals: dict[str, list[int]] = {}
    for edge in edges:
        for side in ("source", "target"):
            total = totals.setdefault(edge[side], [0, 0])
            total[0] += edge["events"]
            total[1] += edge["mentions"]
    nodes = [{"id": code, "label": _label(code, names.get(code)) or code, "events": n, "mentions": m}
             for code, (n, m) in sorted(totals.items(), key=lambda kv: (-kv[1][0], kv[0]))]
    return {"nodes": nodes, "edges": edges}


def network_edges(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, min_events: int = 1,
                  limit: int | None = 300) -> pa.Table:
    """The edges of :func:`network` as a table, with the nodes' labels (downloads)."""
    found = network(con, flt, min_events=min_events, limit=limit)
    labels = {n["id"]: n["label"] for n in found["nodes"]}
    rows = [{"source": e["source"], "source_name": labels.get(e["source"]), "target": e["target"],
             "target_name": labels.get(e["target"]), **{k: e[k] for k in ("events", "mentions", "goldstein_mean")}}
            for e in found["edges"]]
    schema = pa.schema([("source", pa.string()), ("source_name", pa.string()), ("target", pa.string()),
                        ("target_name", pa.string()), ("events", pa.int32()), ("mentions", pa.int32()),
                        ("goldstein_mean", pa.float64())])
    return pa.Table.from_pylist(rows, schema=schema)


def place_table(con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int | None = 2000) -> pa.Table:
    """Event locations: ``name, country, lat, lon, geonameid, precision, events, mentions, conflict_share``."""
    located = rollups.rows("month_places", flt)
    if located is not None:
        return arrow(con, f"""
            WITH p AS ({located[0]})
            SELECT location_name AS name, first(location_country ORDER BY {_BY_EVENTS}) AS country,
                   sum(lat_sum) / sum(p.events) AS lat, sum(lon_sum) / sum(p.events) AS lon,
                   first(p.geonameid ORDER BY {_BY_EVENTS}) AS geonameid,
                   first(location_precision ORDER BY {_BY_EVENTS}) AS precision, CAST(sum(p.events) AS INTEGER) AS events,
                   CAST(sum(p.mentions) AS INTEGER) AS mentions, sum(p.conflict) / sum(p.events) AS conflict_share
              FROM p GROUP BY location_name ORDER BY events DESC, name LIMIT ?""", [*located[1], _limit(limit)])
    where, params = flt.where("lat IS NOT NULL", "lon IS NOT NULL")
    return arrow(con, f"""
        SELECT location_name AS name, any_value(location_country) AS country, avg(lat) AS lat, avg(lon) AS lon,
               any_value(geonameid) AS geonameid, any_value(location_precision) AS precision,
               CAST(count(*) AS INTEGER) AS events, CAST(sum(num_mentions) AS INTEGER) AS mentions,
               avg(CASE WHEN quad_class >= 3 THEN 1.0 ELSE 0.0 END) AS conflict_share
          FROM events{where}
         GROUP BY location_name ORDER BY events DESC, name LIMIT ?""", [*params, _limit(limit)])


def places_geojson(table: pa.Table) -> dict[str, Any]:
    """:func:`place_table` as a GeoJSON FeatureCollection (the map's data)."""
    keys = ("name", "country", "geonameid", "precision", "events", "mentions", "conflict_share")
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
         "properties": {k: r[k] for k in keys}} for r in table.to_pylist()]}


def month_table(con: duckdb.DuckDBPyConnection, flt: EventFilter, by: str = "month") -> pa.Table:
    """Per period (its first day): ``events``, ``mentions`` and events per QuadClass."""
    if by not in PERIODS:
        raise ConfigError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
    counts = rollups.rows("month_counts", flt) if by in ("month", "year") else None
    if counts is not None:
        quads = ", ".join(f"CAST(coalesce(sum(p.events) FILTER (WHERE quad_class = {q}), 0) AS INTEGER) AS {name}"
                          for q, name in QUADS.items())
        return arrow(con, f"""
            WITH p AS ({counts[0]})
            SELECT CAST(date_trunc('{by}', month) AS DATE) AS period, CAST(sum(p.events) AS INTEGER) AS events,
                   CAST(sum(p.mentions) AS INTEGER) AS mentions, {quads}
              FROM p WHERE month IS NOT NULL GROUP BY 1 ORDER BY 1""", counts[1])
    where, params = flt.where("event_date IS NOT NULL")
    return arrow(con, f"""
        SELECT CAST(date_trunc('{by}', event_date) AS DATE) AS period, CAST(count(*) AS INTEGER) AS events,
               CAST(sum(num_mentions) AS INTEGER) AS mentions, {_QUAD_COUNTS}
          FROM events{where} GROUP BY 1 ORDER BY 1""", params)


def versions(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """What made this data set: the ``meta`` table (schema, coder, dictionary, model versions)."""
    return {str(k): str(v) for k, v in con.execute("SELECT key, value FROM meta ORDER BY key").fetchall()}


def stats(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None) -> dict[str, Any]:
    """The overview. ``events``, ``mentions``, the dates, QuadClass and PLOVER mix and ``by_month`` follow
    the filter; ``articles``, ``stories``, ``actors``, ``quotes``, ``places`` are database totals."""
    flt = flt or EventFilter()
    where, params = flt.where()

    def count(table: str) -> int:
        row = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0]  # table names are literals below
        return int(row[0]) if row else 0

    counts = rollups.rows("month_counts", flt)
    if counts is not None:  # the same numbers from the monthly rollup: a few thousand rows, not every event
        source, params = f"({counts[0]})", counts[1]
        n, mentions_sum, first_date, last_date, where = "sum(events)", "sum(mentions)", "min(first_date)", \
            "max(last_date)", ""
    else:
        source, n, mentions_sum, first_date, last_date = "events", "count(*)", "sum(num_mentions)", \
            "min(event_date)", "max(event_date)"
    row = con.execute(f"SELECT coalesce({n}, 0), coalesce({mentions_sum}, 0), CAST({first_date} AS VARCHAR), "
                      f"CAST({last_date} AS VARCHAR) FROM {source}{where}", params).fetchall()[0]
    events, mentions, first, last = row if row else (0, 0, None, None)
    quad = con.execute(f"SELECT quad_class, {n} FROM {source}{where} GROUP BY 1 ORDER BY 1", params).fetchall()
    plover = con.execute(f"SELECT plover_type, {n} FROM {source}{where} GROUP BY 1 ORDER BY 2 DESC, 1",
                         params).fetchall()
    return {
        "events": int(events), "mentions": int(mentions), "first_date": first, "last_date": last,
        "articles": count("articles"), "stories": count("stories"), "actors": count("actors"),
        "quotes": count("quotes"), "places": count("places"),
        "quad_counts": {str(k): int(v) for k, v in quad if k is not None},
        "plover_counts": {str(k): int(v) for k, v in plover if k},
        "by_month": month_table(con, flt).to_pylist(),
        "versions": versions(con),
    }
