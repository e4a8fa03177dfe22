"""Read models behind the HTTP API and the dashboard: plain functions over a DuckDB connection.

Every user value reaches SQL as a bound parameter; the only SQL text built from input is chosen from
fixed allow-lists (sort columns, period units). Functions return JSON-ready dicts and lists.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from eventwire.query import EventFilter, dyad_condition

__all__ = [
    "EventFilters",
    "EVENT_SELECT",
    "list_events",
    "event_detail",
    "article_detail",
    "top_actors",
    "top_dyads",
    "dyad_series",
    "network",
    "places_geojson",
    "stats",
    "SORTS",
    "PERIODS",
]

SORTS = {"date": "event_date", "goldstein": "goldstein", "mentions": "num_mentions", "sources": "num_sources",
         "confidence": "confidence"}
PERIODS = {"day": "%Y-%m-%d", "week": "%G-W%V", "month": "%Y-%m"}

EVENT_SELECT = (
    "id, CAST(event_date AS VARCHAR) AS date, source_code, source_name, source_country, source_sector, "
    "target_code, target_name, target_country, target_sector, cameo, cameo_root, plover_type, "
    "plover_mode AS modes, goldstein, quad_class, num_mentions, num_sources, num_articles, location_name, "
    "location_country, lat, lon, location_precision, sentence, confidence, story_id"
)


# The API and the library share one filter (eventwire.query.EventFilter): one matching semantics.
EventFilters = EventFilter


def _rows(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def list_events(
    con: duckdb.DuckDBPyConnection, filters: EventFilter, *, page: int = 1, page_size: int = 50,
    sort: str = "date", descending: bool = True,
) -> dict[str, Any]:
    """A page of events as SQL. The API answers from ``index.EventIndex`` instead, which must (and is
    tested to) give exactly this answer; this is the reference, and what a one-off caller can use."""
    where, params = filters.where()
    order = SORTS[sort]  # KeyError is a programming error: the API validates sort first
    direction = "DESC" if descending else "ASC"
    # One filtered scan gives the page's ids and the total (a window count); then only that page's wide
    # rows are read: a top-N dragging every column (sentences) through the sort, plus a separate
    # count(*) scan, cost about twice as much on 100k events.
    found = con.execute(
        f"SELECT id, count(*) OVER () FROM events{where} ORDER BY {order} {direction} NULLS LAST, id LIMIT ? OFFSET ?",
        [*params, page_size, (page - 1) * page_size],
    ).fetchall()
    ids = [row[0] for row in found]
    if found:
        total = int(found[0][1])
    elif page > 1:  # past the last page: the window saw no rows, count them directly
        total_row = con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()
        total = int(total_row[0]) if total_row else 0
    else:
        total = 0
    rank = {event_id: i for i, event_id in enumerate(ids)}
    items = _rows(con.execute(f"SELECT {EVENT_SELECT} FROM events WHERE list_contains(?, id)", [ids])) if ids else []
    items.sort(key=lambda item: rank[item["id"]])
    return {"total": total, "page": page, "page_size": page_size, "items": items}


def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    found = _rows(con.execute(f"SELECT {EVENT_SELECT} FROM events WHERE id = ?", [event_id]))
    if not found:
        return None
    event = found[0]
    mentions = _rows(con.execute(
        "SELECT id, article_id, publisher, sentence_index, sentence, trigger_text, trigger_start, trigger_end, "
        "source_text, source_start, source_end, target_text, target_start, target_end, rule, model, confidence, "
        "plover_mode AS modes, plover_context AS contexts, date, date_source FROM event_mentions "
        "WHERE event_id = ? ORDER BY article_id, sentence_index", [event_id]))
    contexts = sorted({c for m in mentions for c in (m.get("contexts") or [])})
    event["contexts"] = contexts
    event["date_source"] = mentions[0]["date_source"] if mentions else None
    event["cameo_name"] = _cameo_name(event["cameo"])
    article_ids = sorted({m["article_id"] for m in mentions})
    articles = _rows(con.execute(
        "SELECT id, title, source, publisher, published, url FROM articles WHERE list_contains(?, id) "
        "ORDER BY published", [article_ids])) if article_ids else []
    quotes = _rows(con.execute(
        "SELECT article_id, text, speaker_text, speaker_name, speaker_code FROM quotes "
        "WHERE list_contains(?, article_id) ORDER BY article_id, \"start\"", [article_ids])) if article_ids else []
    return {"event": event, "mentions": mentions, "articles": articles, "quotes": quotes}


def _cameo_name(code: str) -> str | None:
    try:
        from eventwire.events.ontology import cameo_info
    except ImportError:
        return None
    try:
        return cameo_info(code).name
    except (KeyError, ValueError):
        return None


def article_detail(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    found = _rows(con.execute(
        "SELECT id, uri, url, source, publisher, title, text, published, dateline_place, dateline_country, "
        "dateline_agency, credits, language, warnings, story_id FROM articles WHERE id = ?", [article_id]))
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
        "SELECT DISTINCT e.id, e.source_code, e.source_name, e.target_code, e.target_name, e.plover_type, e.cameo "
        "FROM event_mentions m JOIN events e ON e.id = m.event_id WHERE m.article_id = ? ORDER BY e.id", [article_id]))
    return article


# Dashboards aggregate actors at the level analysts read: a state's government, military and people
# count as the state (RUSGOV, RUSMIL, "Lavrov" -> RUS); IGOs, groups and stateless actors keep their code.
_SIDES = """
    SELECT coalesce(source_country, source_code) AS s, coalesce(target_country, target_code) AS t,
           CASE WHEN source_code = source_country OR source_country IS NULL THEN source_name END AS s_name,
           CASE WHEN target_code = target_country OR target_country IS NULL THEN target_name END AS t_name,
           event_date, goldstein, quad_class, num_mentions
      FROM events"""


@functools.cache
def _state_names() -> dict[str, str]:
    """ISO3 -> short name from the shipped country dictionary, for states seen only through their
    agents (UKRMIL, UKRGOV) whose rows carry no state-level name."""
    import yaml

    path = Path(__file__).resolve().parent.parent / "data" / "actors" / "countries.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8")).get("entries", [])
    names: dict[str, str] = {}
    for entry in entries:  # territories and breakaway regions share their parent's code: states win
        if entry.get("iso3") and entry.get("name") and (entry.get("kind") == "state" or entry["iso3"] not in names):
            names[entry["iso3"]] = entry["name"]
    return names


def _named(rows: list[dict[str, Any]], pairs: tuple[tuple[str, str], ...]) -> list[dict[str, Any]]:
    names = _state_names()
    for row in rows:
        for code_key, name_key in pairs:
            if not row.get(name_key) and row.get(code_key) in names:
                row[name_key] = names[row[code_key]]
    return rows


def top_actors(con: duckdb.DuckDBPyConnection, limit: int = 20) -> list[dict[str, Any]]:
    return _named(_rows(con.execute(
        f"""WITH e AS ({_SIDES}),
           sides AS (
             SELECT s AS code, any_value(s_name) AS name, count(*) AS n, 'source' AS side
               FROM e WHERE s IS NOT NULL GROUP BY s
             UNION ALL
             SELECT t, any_value(t_name), count(*), 'target' FROM e WHERE t IS NOT NULL GROUP BY t)
           SELECT code, any_value(name) AS name,
                  CAST(sum(CASE WHEN side = 'source' THEN n ELSE 0 END) AS INTEGER) AS as_source,
                  CAST(sum(CASE WHEN side = 'target' THEN n ELSE 0 END) AS INTEGER) AS as_target,
                  CAST(sum(n) AS INTEGER) AS events
             FROM sides GROUP BY code ORDER BY events DESC, code LIMIT ?""", [limit])), (("code", "name"),))


def top_dyads(con: duckdb.DuckDBPyConnection, limit: int = 20) -> list[dict[str, Any]]:
    # A dyad is unordered here: (a, b) with a < b; both directions count.
    return _named(_rows(con.execute(
        f"""WITH e AS ({_SIDES})
           SELECT least(s, t) AS a, greatest(s, t) AS b,
                  any_value(CASE WHEN s <= t THEN s_name ELSE t_name END) AS a_name,
                  any_value(CASE WHEN s <= t THEN t_name ELSE s_name END) AS b_name,
                  CAST(count(*) AS INTEGER) AS events, avg(goldstein) AS goldstein_mean,
                  avg(CASE WHEN quad_class >= 3 THEN 1.0 ELSE 0.0 END) AS conflict_share
             FROM e WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t
            GROUP BY 1, 2 ORDER BY events DESC, a, b LIMIT ?""", [limit])), (("a", "a_name"), ("b", "b_name")))


def dyad_series(con: duckdb.DuckDBPyConnection, a: str, b: str, by: str = "month") -> list[dict[str, Any]]:
    fmt = PERIODS[by]
    forward, forward_params = dyad_condition(a, b)
    backward, backward_params = dyad_condition(b, a)
    rows = _rows(con.execute(
        f"""SELECT strftime(event_date, '{fmt}') AS period,
                   CASE WHEN {forward} THEN ? ELSE ? END AS direction,
                   CAST(sum(CASE WHEN quad_class = 1 THEN num_mentions ELSE 0 END) AS INTEGER) AS q1,
                   CAST(sum(CASE WHEN quad_class = 2 THEN num_mentions ELSE 0 END) AS INTEGER) AS q2,
                   CAST(sum(CASE WHEN quad_class = 3 THEN num_mentions ELSE 0 END) AS INTEGER) AS q3,
                   CAST(sum(CASE WHEN quad_class = 4 THEN num_mentions ELSE 0 END) AS INTEGER) AS q4,
                   CAST(sum(num_mentions) AS INTEGER) AS events,
                   sum(goldstein * num_mentions) / sum(num_mentions) AS goldstein_mean
              FROM events
             WHERE event_date IS NOT NULL AND ({forward} OR {backward})
             GROUP BY 1, 2 ORDER BY 1, 2""",
        [*forward_params, f"{a}->{b}", f"{b}->{a}", *forward_params, *backward_params]))
    return rows


def network(
    con: duckdb.DuckDBPyConnection, *, date_from: date | None = None, date_to: date | None = None,
    min_events: int = 1, limit: int = 300,
) -> dict[str, Any]:
    clauses = ["s IS NOT NULL", "t IS NOT NULL", "s <> t"]
    params: list[Any] = []
    if date_from:
        clauses.append("event_date >= ?")
        params.append(date_from)
    if date_to:
        clauses.append("event_date <= ?")
        params.append(date_to)
    edges = _rows(con.execute(
        f"""WITH e AS ({_SIDES})
            SELECT s AS source, t AS target, CAST(sum(num_mentions) AS INTEGER) AS weight,
                   sum(goldstein * num_mentions) / sum(num_mentions) AS goldstein_mean
              FROM e WHERE {' AND '.join(clauses)}
             GROUP BY 1, 2 HAVING sum(num_mentions) >= ? ORDER BY weight DESC, source, target LIMIT ?""",
        [*params, min_events, limit]))
    names = dict(con.execute(
        f"""WITH e AS ({_SIDES})
            SELECT code, any_value(name) FROM (SELECT s AS code, s_name AS name FROM e
             UNION ALL SELECT t, t_name FROM e) WHERE code IS NOT NULL GROUP BY code""").fetchall())
    weights: dict[str, int] = {}
    for edge in edges:
        for side in ("source", "target"):
            weights[edge[side]] = weights.get(edge[side], 0) + edge["weight"]
    nodes = [{"id": code, "label": names.get(code) or _state_names().get(code) or code, "events": n}
             for code, n in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"nodes": nodes, "edges": edges}


def places_geojson(con: duckdb.DuckDBPyConnection, limit: int = 2000) -> dict[str, Any]:
    rows = _rows(con.execute(
        """SELECT location_name AS name, any_value(location_country) AS country, avg(lat) AS lat, avg(lon) AS lon,
                  any_value(location_precision) AS precision, CAST(sum(num_mentions) AS INTEGER) AS events,
                  avg(CASE WHEN quad_class >= 3 THEN 1.0 ELSE 0.0 END) AS conflict_share
             FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL
            GROUP BY location_name ORDER BY events DESC LIMIT ?""", [limit]))
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [r["lon"], r["lat"]]},
             "properties": {k: r[k] for k in ("name", "country", "precision", "events", "conflict_share")}}
            for r in rows
        ],
    }


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    def count(table: str) -> int:
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()  # table names are literals below
        return int(row[0]) if row else 0

    first_last = con.execute(
        "SELECT CAST(min(event_date) AS VARCHAR), CAST(max(event_date) AS VARCHAR) FROM events").fetchone()
    quad = dict(con.execute("SELECT quad_class, count(*) FROM events GROUP BY 1").fetchall())
    plover = dict(con.execute("SELECT plover_type, count(*) FROM events GROUP BY 1").fetchall())
    by_month = _rows(con.execute(
        """SELECT strftime(event_date, '%Y-%m') AS period,
                  CAST(count(*) FILTER (WHERE quad_class = 1) AS INTEGER) AS q1,
                  CAST(count(*) FILTER (WHERE quad_class = 2) AS INTEGER) AS q2,
                  CAST(count(*) FILTER (WHERE quad_class = 3) AS INTEGER) AS q3,
                  CAST(count(*) FILTER (WHERE quad_class = 4) AS INTEGER) AS q4
             FROM events WHERE event_date IS NOT NULL GROUP BY 1 ORDER BY 1"""))
    return {
        "articles": count("articles"), "stories": count("stories"), "events": count("events"),
        "mentions": count("event_mentions"), "actors": count("actors"), "quotes": count("quotes"),
        "places": count("places"),
        "first_date": first_last[0] if first_last else None, "last_date": first_last[1] if first_last else None,
        "quad_counts": {str(k): v for k, v in quad.items() if k is not None},
        "plover_counts": {k: v for k, v in plover.items() if k},
        "by_month": by_month,
    }
