"""Read an eventwire database: the library API behind ``query``, ``dyad``, ``export`` and the HTTP API.

    >>> import eventwire
    >>> with eventwire.open("eventwire.duckdb") as db:
    ...     db.events(source="RUS", target="GEO", plover="ASSAULT")

Every user value reaches SQL as a bound parameter; only column names chosen here are spliced in.
Actor filters accept a CAMEO code or prefix (``RUS``, ``RUSGOV``, ``IGOWSTNAT``), an ISO3 country, or
a name as written or resolved (``NATO``, ``Vladimir Putin``), case-insensitively.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd
import pyarrow as pa

from eventwire.errors import ConfigError
from eventwire.settings import get_settings
from eventwire.store.db import connect

__all__ = ["open", "open_db", "arrow_query", "EventStore", "EVENT_COLUMNS", "QUAD_NAMES"]

EVENT_COLUMNS = (
    "id", "event_date AS date", "source_code", "coalesce(source_name, source_text) AS source_name",
    "source_country", "target_code", "coalesce(target_name, target_text) AS target_name", "target_country",
    "cameo", "cameo_root", "plover_type", "plover_mode", "goldstein", "quad_class", "num_mentions",
    "num_sources", "num_articles", "location_name", "location_country", "lat", "lon", "geonameid",
    "location_precision", "story_id", "first_article_id", "sentence", "confidence",
)
QUAD_NAMES = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}
PERIODS = ("day", "week", "month", "year")


@dataclass
class _Where:
    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


def _actor_clause(side: str) -> str:
    """SQL matching one side (source/target) against one bound value (used 4 times)."""
    return (
        f"(upper({side}_code) LIKE upper(?) || '%' OR upper({side}_country) = upper(?) "
        f"OR lower({side}_name) = lower(?) OR lower({side}_text) = lower(?))"
    )


def _add_actor(where: _Where, side: str, value: str) -> None:
    where.add(_actor_clause(side), value, value, value, value)


class EventStore:
    """A read-only view of one database. Use as a context manager, or call :meth:`close`."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path else get_settings().db
        self.con = connect(self.path, read_only=True)

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- events ---------------------------------------------------------------------------------------
    def _events_sql(
        self, *, source: str | None = None, target: str | None = None, actor: str | None = None,
        plover: str | None = None, cameo: str | None = None, date_from: str | None = None,
        date_to: str | None = None, place: str | None = None, story: str | None = None,
        limit: int | None = None, columns: tuple[str, ...] = EVENT_COLUMNS,
    ) -> tuple[str, list[Any]]:
        where = _Where()
        if source:
            _add_actor(where, "source", source)
        if target:
            _add_actor(where, "target", target)
        if actor:
            where.add(f"({_actor_clause('source')} OR {_actor_clause('target')})", *([actor] * 8))
        if plover:
            where.add("plover_type = upper(?)", plover)
        if cameo:
            where.add("cameo LIKE ? || '%'", cameo)
        if date_from:
            where.add("event_date >= CAST(? AS DATE)", _date(date_from))
        if date_to:
            where.add("event_date <= CAST(? AS DATE)", _date(date_to))
        if place:
            where.add("(location_name ILIKE '%' || ? || '%' OR upper(location_country) = upper(?))", place, place)
        if story:
            where.add("story_id = ?", story)
        sql = f"SELECT {', '.join(columns)} FROM events{where.sql()} ORDER BY event_date NULLS LAST, id"
        params = where.params
        if limit is not None:
            if limit < 0:
                raise ConfigError("--limit must be 0 or more")
            sql += " LIMIT ?"
            params = [*params, limit]
        return sql, params

    def events(self, **filters: Any) -> pd.DataFrame:
        """Aggregated events matching the filters (see :meth:`_events_sql` for the names), as a DataFrame."""
        sql, params = self._events_sql(**filters)
        frame = self.con.execute(sql, params).df()
        if "date" in frame:  # pandas turns DATE into midnight timestamps; events are whole days
            frame["date"] = frame["date"].map(lambda v: v.date() if hasattr(v, "date") else None)
        return frame

    def events_arrow(self, **filters: Any) -> pa.Table:
        """The same as :meth:`events`, as an Arrow table (no pandas round trip)."""
        sql, params = self._events_sql(**filters)
        return arrow_query(self.con, sql, params)

    def mentions(self, event_id: str | None = None, article_id: str | None = None, limit: int | None = None) -> pd.DataFrame:
        """Every sentence that reported an event (the evidence), optionally for one event or article."""
        where = _Where()
        if event_id:
            where.add("event_id = ?", event_id)
        if article_id:
            where.add("article_id = ?", article_id)
        sql = f"SELECT * FROM event_mentions{where.sql()} ORDER BY article_id, sentence_index, id"
        params = where.params
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, limit]
        return self.con.execute(sql, params).df()

    def dyad(self, a: str, b: str, by: str = "month") -> pd.DataFrame:
        """Counts per QuadClass and mean Goldstein per period, in both directions (A->B and B->A)."""
        if by not in PERIODS:
            raise ConfigError(f"--by must be one of {', '.join(PERIODS)}, not {by!r}")
        quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS {name}" for q, name in QUAD_NAMES.items())
        ab = f"({_actor_clause('source')} AND {_actor_clause('target')})"
        sql = f"""
            SELECT CAST(date_trunc('{by}', event_date) AS DATE) AS period,
                   CASE WHEN {ab} THEN ? ELSE ? END AS direction,
                   count(*) AS events, {quads}, round(avg(goldstein), 2) AS mean_goldstein,
                   sum(num_mentions) AS mentions
            FROM events
            WHERE event_date IS NOT NULL AND ({ab} OR {ab})
            GROUP BY ALL ORDER BY period, direction"""
        forward = [a] * 4 + [b] * 4
        backward = [b] * 4 + [a] * 4
        params = [*forward, f"{a}->{b}", f"{b}->{a}", *forward, *backward]
        frame = self.con.execute(sql, params).df()
        frame["period"] = frame["period"].map(lambda v: v.date() if hasattr(v, "date") else v)
        return frame

    # -- other tables ---------------------------------------------------------------------------------
    def articles(self, story: str | None = None, source: str | None = None, limit: int | None = None) -> pd.DataFrame:
        where = _Where()
        if story:
            where.add("story_id = ?", story)
        if source:
            where.add("publisher ILIKE ?", source)
        sql = ("SELECT id, uri, url, publisher, title, published, dateline_place, dateline_country, story_id, "
               f"language, coder_version FROM articles{where.sql()} ORDER BY published NULLS LAST, id")
        params = where.params
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, limit]
        return self.con.execute(sql, params).df()

    def quotes(self, speaker: str | None = None, article_id: str | None = None, limit: int | None = None) -> pd.DataFrame:
        where = _Where()
        if speaker:
            where.add("(speaker_text ILIKE '%' || ? || '%' OR speaker_name ILIKE '%' || ? || '%' "
                      "OR upper(speaker_code) LIKE upper(?) || '%')", speaker, speaker, speaker)
        if article_id:
            where.add("article_id = ?", article_id)
        sql = ('SELECT article_id, "start", "end", text, speaker_text, speaker_name, speaker_code, '
               f'speaker_country FROM quotes{where.sql()} ORDER BY article_id, "start"')
        params = where.params
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, limit]
        return self.con.execute(sql, params).df()

    def places(self, article_id: str | None = None) -> pd.DataFrame:
        where = _Where()
        if article_id:
            where.add("article_id = ?", article_id)
        return self.con.execute(f'SELECT * FROM places{where.sql()} ORDER BY article_id, "start"', where.params).df()

    def stats(self) -> pd.DataFrame:
        """Row counts, date range and runs: one (metric, value) row each."""
        rows: list[tuple[str, Any]] = []
        for table in ("articles", "stories", "events", "event_mentions", "actors", "quotes", "places", "runs"):
            count = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()  # our table names only
            rows.append((table, count[0] if count else 0))
        span = self.con.execute("SELECT min(event_date), max(event_date) FROM events").fetchone()
        rows.append(("first_event_date", str(span[0]) if span and span[0] else None))
        rows.append(("last_event_date", str(span[1]) if span and span[1] else None))
        failed = self.con.execute("SELECT count(*) FROM run_failures").fetchone()
        rows.append(("failed_documents", failed[0] if failed else 0))
        return pd.DataFrame(rows, columns=["metric", "value"])


def arrow_query(con: Any, sql: str, params: list[Any] | None = None) -> pa.Table:
    """A query's result as Arrow, without the extra copy of the DB-API path."""
    relation = con.sql(sql, params=params or None)
    method = getattr(relation, "to_arrow_table", None) or relation.arrow  # DuckDB < 1.4 spells it arrow()
    table: pa.Table = method()
    return table


def _date(value: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(value[:10] if len(value) >= 10 else value).isoformat()
    except ValueError as exc:
        raise ConfigError(f"{value!r} is not a date; write it as YYYY-MM-DD") from exc


def open_db(path: str | Path | None = None) -> EventStore:
    """Open a database for reading (default: the ``db`` setting)."""
    return EventStore(path)


# ``eventwire.open(db)``: the public name (it shadows the builtin only inside this module's namespace)
open = open_db  # noqa: A001
