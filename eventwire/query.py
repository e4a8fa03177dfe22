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
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd
import pyarrow as pa

from eventwire.errors import ConfigError
from eventwire.settings import get_settings
from eventwire.store.db import connect

__all__ = ["open", "open_db", "arrow_query", "EventStore", "EventFilter", "Predicate", "Term", "FACETS",
           "actor_predicate", "dyad_condition", "like_escape", "EVENT_COLUMNS", "QUAD_NAMES"]

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


# -- the one event filter: the library, the CLI and the HTTP API all build their WHERE from it ------------

# Which columns of `events` each kind of condition reads. The API's in-memory index evaluates a
# condition on the distinct values of its facet's columns only, so a condition must stay inside them.
FACETS: dict[str, tuple[str, ...]] = {
    "source": ("source_code", "source_country", "source_name", "source_text"),
    "target": ("target_code", "target_country", "target_name", "target_text"),
    "plover": ("plover_type",),
    "cameo": ("cameo",),
    "date": ("event_date",),
    "place": ("location_name", "location_country"),
    "text": ("sentence",),
    "story": ("story_id",),
}


@dataclass(frozen=True)
class Predicate:
    """One SQL condition over the columns of one facet, with its bound parameters."""

    facet: str
    sql: str
    params: tuple[Any, ...]


# A filter is an AND of terms; a term is an OR of alternatives; an alternative is an AND of predicates
# (the dyad filter needs the OR: A->B or B->A).
Term = tuple[tuple[Predicate, ...], ...]


def like_escape(value: str) -> str:
    """Escape LIKE wildcards so user text matches literally (used with ESCAPE '\\')."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _words(column: str) -> str:
    # a name matches on whole words: "Putin" finds "Vladimir Putin", "US" does not find "Russia"
    return f"(' ' || lower({column}) || ' ') LIKE ? ESCAPE '\\'"


def actor_predicate(side: str, value: str) -> Predicate:
    """``side`` (source/target) is ``value``: a CAMEO code prefix, an ISO3 country, or whole words of
    the resolved name or of the text as written; case-insensitive, wildcards literal."""
    if side not in ("source", "target"):
        raise ValueError(f"side must be source or target, not {side!r}")
    text = " ".join(value.split())
    words = "% " + like_escape(text.lower()) + " %"
    return Predicate(side, f"({side}_code LIKE ? ESCAPE '\\' OR {side}_country = ? OR {_words(side + '_name')} "
                           f"OR {_words(side + '_text')})",
                     (like_escape(text.upper()) + "%", text.upper(), words, words))


@dataclass(frozen=True)
class EventFilter:
    """Filters on aggregated events; every one given must hold. Hashable: it keys answer caches.

    Matching (docs/api.md): actors as :func:`actor_predicate`; ``actor`` either side; ``actor`` with
    ``actor2`` the dyad in both directions (``actor2`` alone acts as ``actor``); ``plover`` exact type;
    ``cameo`` code prefix; dates inclusive; ``place`` substring of the location name or ISO3 country;
    ``q`` substring of the sentence; ``story`` exact id. Text is case-insensitive and LIKE wildcards
    in it match literally.
    """

    source: str | None = None
    target: str | None = None
    actor: str | None = None
    actor2: str | None = None
    plover: str | None = None
    cameo: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    place: str | None = None
    q: str | None = None
    story: str | None = None

    def __post_init__(self) -> None:
        for name in ("source", "target", "actor", "actor2", "plover", "cameo", "place", "q", "story"):
            value = getattr(self, name)
            if value is not None and not value.strip():  # a blank box in a form means "any"
                object.__setattr__(self, name, None)

    def terms(self) -> list[Term]:
        terms: list[Term] = []
        if self.source:
            terms.append(((actor_predicate("source", self.source),),))
        if self.target:
            terms.append(((actor_predicate("target", self.target),),))
        first, second = self.actor or self.actor2, self.actor2 if self.actor else None
        if first and second:
            terms.append(((actor_predicate("source", first), actor_predicate("target", second)),
                          (actor_predicate("source", second), actor_predicate("target", first))))
        elif first:
            terms.append(((actor_predicate("source", first),), (actor_predicate("target", first),)))
        if self.plover:
            terms.append(((Predicate("plover", "plover_type = ?", (self.plover.upper(),)),),))
        if self.cameo:
            terms.append(((Predicate("cameo", "cameo LIKE ? ESCAPE '\\'", (like_escape(self.cameo) + "%",)),),))
        if self.date_from:
            terms.append(((Predicate("date", "event_date >= ?", (self.date_from,)),),))
        if self.date_to:
            terms.append(((Predicate("date", "event_date <= ?", (self.date_to,)),),))
        if self.place:
            terms.append(((Predicate("place", "(location_name ILIKE ? ESCAPE '\\' OR location_country = ?)",
                                     ("%" + like_escape(self.place) + "%", self.place.upper())),),))
        if self.q:
            terms.append(((Predicate("text", "sentence ILIKE ? ESCAPE '\\'", ("%" + like_escape(self.q) + "%",)),),))
        if self.story:
            terms.append(((Predicate("story", "story_id = ?", (self.story,)),),))
        return terms

    def where(self) -> tuple[str, list[Any]]:
        """`` WHERE ...`` (or ``""``) and its parameters, for a query over ``events``."""
        clauses: list[str] = []
        params: list[Any] = []
        for term in self.terms():
            alternatives = []
            for conjunction in term:
                alternatives.append("(" + " AND ".join(p.sql for p in conjunction) + ")")
                params.extend(v for p in conjunction for v in p.params)
            clauses.append("(" + " OR ".join(alternatives) + ")")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def dyad_condition(a: str, b: str) -> tuple[str, list[Any]]:
    """SQL (and parameters) true for events from ``a`` to ``b``, with the same actor matching as filters."""
    source, target = actor_predicate("source", a), actor_predicate("target", b)
    return f"({source.sql} AND {target.sql})", [*source.params, *target.params]


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
        actor2: str | None = None, plover: str | None = None, cameo: str | None = None,
        date_from: str | None = None, date_to: str | None = None, place: str | None = None,
        q: str | None = None, story: str | None = None, limit: int | None = None,
        columns: tuple[str, ...] = EVENT_COLUMNS,
    ) -> tuple[str, list[Any]]:
        chosen = EventFilter(source=source, target=target, actor=actor, actor2=actor2, plover=plover, cameo=cameo,
                             date_from=_date(date_from) if date_from else None,
                             date_to=_date(date_to) if date_to else None, place=place, q=q, story=story)
        where, params = chosen.where()
        sql = f"SELECT {', '.join(columns)} FROM events{where} ORDER BY event_date NULLS LAST, id"
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
        forward_sql, forward = dyad_condition(a, b)
        backward_sql, backward = dyad_condition(b, a)
        sql = f"""
            SELECT CAST(date_trunc('{by}', event_date) AS DATE) AS period,
                   CASE WHEN {forward_sql} THEN ? ELSE ? END AS direction,
                   count(*) AS events, {quads}, round(avg(goldstein), 2) AS mean_goldstein,
                   sum(num_mentions) AS mentions
            FROM events
            WHERE event_date IS NOT NULL AND ({forward_sql} OR {backward_sql})
            GROUP BY ALL ORDER BY period, direction"""
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
            where.add("publisher ILIKE ? ESCAPE '\\'", like_escape(source))
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
            contains, prefix = f"%{like_escape(speaker)}%", f"{like_escape(speaker)}%"
            where.add("(speaker_text ILIKE ? ESCAPE '\\' OR speaker_name ILIKE ? ESCAPE '\\' "
                      "OR upper(speaker_code) LIKE upper(?) ESCAPE '\\')", contains, contains, prefix)
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


def _date(value: str | date) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value[:10] if len(value) >= 10 else value)
    except ValueError as exc:
        raise ConfigError(f"{value!r} is not a date; write it as YYYY-MM-DD") from exc


def open_db(path: str | Path | None = None) -> EventStore:
    """Open a database for reading (default: the ``db`` setting)."""
    return EventStore(path)


# ``eventwire.open(db)``: the public name (it shadows the builtin only inside this module's namespace)
open = open_db  # noqa: A001
