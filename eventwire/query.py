"""Read an eventwire database from Python: ``eventwire.open(db)``.

    >>> import eventwire
    >>> with eventwire.open("eventwire-demo.duckdb") as db:
    ...     db.events(source="Israel", plover="ASSAULT")      # a pandas DataFrame
    ...     db.dyad("Russia", "Ukraine", by="month")

Every method asks :mod:`eventwire.read.questions`, the functions behind the CLI and the HTTP API too, with
the filters of docs/api.md (``source, target, actor, actor2, plover, cameo, quad, date_from, date_to,
mode, exclude_mode, min_confidence, coded_only, place, q, story``). An actor is a name, a code or a
code prefix ("Russia" = "RUS"). An unknown filter name raises :class:`ConfigError` listing the valid ones.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd
import pyarrow as pa

from eventwire.errors import ConfigError
from eventwire.read import questions as ask
from eventwire.read.filters import (
    FACETS,
    FILTERS,
    QUADS,
    EventFilter,
    Predicate,
    Term,
    actor_predicate,
    dyad_condition,
    like_escape,
    parse_filters,
)
from eventwire.read.questions import EVENT_COLUMNS
from eventwire.read.questions import arrow as arrow_query
from eventwire.read.tables import to_pandas
from eventwire.settings import get_settings
from eventwire.store.db import connect

__all__ = ["open", "open_db", "arrow_query", "EventStore", "EventFilter", "Predicate", "Term", "FACETS", "FILTERS",
           "actor_predicate", "dyad_condition", "like_escape", "EVENT_COLUMNS", "QUAD_NAMES", "make_filter"]

QUAD_NAMES = QUADS


def _deprecated(old: str, new: str) -> None:
    warnings.warn(f"the filter {old!r} is deprecated; call it {new!r}", DeprecationWarning, stacklevel=4)


def make_filter(filters: dict[str, Any]) -> EventFilter:
    """An :class:`EventFilter` from keyword arguments (unknown names raise, old spellings warn)."""
    return parse_filters(filters, on_alias=_deprecated)


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
    def events_arrow(self, *, sort: str = "date", descending: bool = False, limit: int | None = None,
                     offset: int = 0, **filters: Any) -> pa.Table:
        """The events that pass the filters (docs/api.md), oldest first unless ``sort``/``descending``."""
        if limit is not None and limit < 0:
            raise ConfigError("limit must be 0 or more")
        return ask.event_table(self.con, make_filter(filters), sort=sort, descending=descending, limit=limit,
                               offset=offset)

    def events(self, **options: Any) -> pd.DataFrame:
        """:meth:`events_arrow` as a DataFrame (``date`` is ``datetime64``, counts are ``Int64``)."""
        return to_pandas(self.events_arrow(**options))

    def count(self, **filters: Any) -> int:
        """How many events pass the filters."""
        return ask.count_events(self.con, make_filter(filters))

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with every mention (the evidence), its articles and their quotes."""
        return ask.event_detail(self.con, event_id)

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with its quotes and events."""
        return ask.article_detail(self.con, article_id)

    # -- aggregates: the dashboard's views ------------------------------------------------------------
    def actors(self, limit: int | None = 20, **filters: Any) -> pd.DataFrame:
        """Top actors (states with their agents): as_source, as_target, events, mentions."""
        return to_pandas(ask.actor_table(self.con, make_filter(filters), limit))

    def dyads(self, limit: int | None = 20, **filters: Any) -> pd.DataFrame:
        """Top actor pairs, both directions: events, mentions, goldstein_mean, conflict_share."""
        return to_pandas(ask.dyad_table(self.con, make_filter(filters), limit))

    def dyad(self, a: str, b: str, by: str = "month", **filters: Any) -> pd.DataFrame:
        """Per period and direction (A->B, B->A): events, mentions, events per QuadClass, goldstein_mean."""
        return to_pandas(ask.dyad_series(self.con, a, b, by, make_filter(filters)))

    def network(self, min_events: int = 1, limit: int | None = 300, **filters: Any) -> dict[str, Any]:
        """``{nodes, edges}`` of the directed actor network (edges weighted by events)."""
        return ask.network(self.con, make_filter(filters), min_events=min_events, limit=limit)

    def places(self, limit: int | None = 2000, **filters: Any) -> pd.DataFrame:
        """Event locations with events, mentions and conflict share (the map's data)."""
        return to_pandas(ask.place_table(self.con, make_filter(filters), limit))

    def stats(self, **filters: Any) -> dict[str, Any]:
        """Counts, date range, QuadClass and PLOVER mix, events per month, versions."""
        return ask.stats(self.con, make_filter(filters))

    def versions(self) -> dict[str, str]:
        """What made this data set: schema, eventwire, coder, dictionary and model versions."""
        return ask.versions(self.con)

    # -- stored tables --------------------------------------------------------------------------------
    def _table(self, sql: str, params: list[Any], limit: int | None) -> pd.DataFrame:
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, limit]
        return to_pandas(arrow_query(self.con, sql, params))

    def mentions(self, event_id: str | None = None, article_id: str | None = None, limit: int | None = None) -> pd.DataFrame:
        """Every sentence that reported an event (the evidence), optionally for one event or article."""
        clauses, params = _equal(event_id=event_id, article_id=article_id)
        return self._table(f"SELECT * FROM event_mentions{clauses} ORDER BY article_id, sentence_index, id",
                           params, limit)

    def articles(self, story: str | None = None, source: str | None = None, limit: int | None = None) -> pd.DataFrame:
        clauses, params = _equal(story_id=story)
        if source:
            clauses += (" AND " if clauses else " WHERE ") + "publisher ILIKE ? ESCAPE '\\'"
            params.append(like_escape(source))
        return self._table("SELECT id, uri, url, publisher, title, published, dateline_place, dateline_country, "
                           f"story_id, language, coder_version FROM articles{clauses} ORDER BY published NULLS LAST, id",
                           params, limit)

    def quotes(self, speaker: str | None = None, article_id: str | None = None, limit: int | None = None) -> pd.DataFrame:
        clauses, params = _equal(article_id=article_id)
        if speaker:
            contains, prefix = f"%{like_escape(speaker)}%", f"{like_escape(speaker)}%"
            clauses += (" AND " if clauses else " WHERE ") + (
                "(speaker_text ILIKE ? ESCAPE '\\' OR speaker_name ILIKE ? ESCAPE '\\' "
                "OR upper(speaker_code) LIKE upper(?) ESCAPE '\\')")
            params += [contains, contains, prefix]
        return self._table('SELECT article_id, "start", "end", text, speaker_text, speaker_name, speaker_code, '
                           f'speaker_country FROM quotes{clauses} ORDER BY article_id, "start"', params, limit)

    def place_mentions(self, article_id: str | None = None) -> pd.DataFrame:
        """The places named in articles (the ``places`` table), optionally for one article."""
        clauses, params = _equal(article_id=article_id)
        return self._table(f'SELECT * FROM places{clauses} ORDER BY article_id, "start"', params, None)


def _equal(**values: str | None) -> tuple[str, list[Any]]:
    chosen = {k: v for k, v in values.items() if v}
    return (" WHERE " + " AND ".join(f"{k} = ?" for k in chosen)) if chosen else "", list(chosen.values())


def open_db(path: str | Path | None = None) -> EventStore:
    """Open a database for reading (default: the ``db`` setting)."""
    return EventStore(path)


# ``eventwire.open(db)``: the public name (it shadows the builtin only inside this module's namespace)
open = open_db  # noqa: A001
