"""The JSON API under ``/api/``: every endpoint answers through :mod:`eventwire.read.questions`, the
functions behind ``eventwire.open`` and the CLI, with the filter vocabulary of docs/api.md.

Every view takes the same filters and can be downloaded whole (``format=csv|jsonl|parquet``): the
rows are streamed from DuckDB batch by batch, never cut to a page. Invalid values and unknown
parameter names get 422 with a message naming them; unknown ids 404.
"""

from __future__ import annotations

import inspect
import threading
from collections.abc import Callable, Iterator
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import pyarrow as pa
from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from eventwire.api.index import EventIndex, encode_json
from eventwire.errors import ConfigError
from eventwire.read import questions as ask
from eventwire.read.filters import ALIASES, FILTERS, EventFilter, parse_filters
from eventwire.read.names import complete, known_codes, resolve
from eventwire.read.tables import csv_chunks, jsonl_chunks, parquet_chunks

if TYPE_CHECKING:
    from eventwire.api.app import Database

__all__ = ["add_routes", "MAX_PAGE_SIZE", "Format", "Period", "Sort"]

MAX_PAGE_SIZE = 1000  # JSON pages; downloads are whole
MAX_LIMIT = 1_000_000
NOT_FILTERS = {"token"}  # read by the token check, allowed on every endpoint


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class Sort(StrEnum):
    date = "date"
    goldstein = "goldstein"
    mentions = "mentions"
    sources = "sources"
    confidence = "confidence"


class Format(StrEnum):
    json = "json"
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


PageParam = Annotated[int, Query(ge=1, le=1_000_000)]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="rows per JSON page (downloads are whole)")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="rows; at most 1000 in JSON (places 5000), "
                                                               "1,000,000 in a download")]
PLACES_JSON = 5000
MEDIA = {Format.csv: "text/csv; charset=utf-8", Format.jsonl: "application/x-ndjson",
         Format.parquet: "application/vnd.apache.parquet"}


def _filters_dependency() -> Callable[..., EventFilter]:
    """A FastAPI dependency taking every filter of ``FILTERS`` as a query parameter (so /docs lists them),
    plus the deprecated spellings, and refusing parameter names the endpoint does not know."""
    params = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)]
    for name, meaning in FILTERS.items():
        params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=str | None,
                                        default=Query(None, max_length=200 if name == "q" else 100, description=meaning)))
    for old, new in ALIASES.items():
        params.append(inspect.Parameter(f"old_{old}", inspect.Parameter.KEYWORD_ONLY, annotation=str | None,
                                        default=Query(None, alias=old, deprecated=True, description=f"use {new}")))

    def dependency(request: Request, **values: str | None) -> EventFilter:
        known = _known_names(request)
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise invalid(f"unknown parameter {', '.join(map(repr, unknown))}; this endpoint takes: "
                          f"{', '.join(sorted(known - NOT_FILTERS))} (docs/api.md)", unknown[0])
        chosen = {ALIASES.get(k.removeprefix("old_"), k): v for k, v in values.items() if v is not None}
        try:
            flt = parse_filters(chosen)
            flt.terms()  # resolves actor names now: an ambiguous name is a 422, not a 500
        except ConfigError as exc:
            raise invalid(str(exc)) from exc
        return flt

    dependency.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    return dependency


def invalid(message: str, name: str | None = None) -> HTTPException:
    """A 422 shaped like FastAPI's own validation errors (``detail`` is a list of ``{loc, msg, type}``),
    so a client reads every refusal the same way; ``name`` is the parameter at fault."""
    if name is None:
        head = message.split(":", 1)[0]
        name = head if head in FILTERS else "query"
    return HTTPException(422, [{"loc": ["query", name], "msg": message, "type": "value_error"}])


def _known_names(request: Request) -> set[str]:
    route = request.scope.get("route")
    names = set(NOT_FILTERS) | set(FILTERS) | set(ALIASES)
    dependant = getattr(route, "dependant", None)
    for param in getattr(dependant, "query_params", []):
        names.add(param.alias or param.name)
    return names


Filters = Annotated[EventFilter, Depends(_filters_dependency())]


def _download(data: pa.Table | pa.RecordBatchReader, fmt: Format, name: str,
              provenance: dict[str, str] | None = None) -> StreamingResponse:
    chunks: Iterator[bytes]
    if fmt is Format.csv:
        chunks = csv_chunks(data)
    elif fmt is Format.jsonl:
        chunks = jsonl_chunks(data)
    else:
        chunks = parquet_chunks(data, provenance)
    return StreamingResponse(chunks, media_type=MEDIA[fmt],
                             headers={"Content-Disposition": f'attachment; filename="{name}.{fmt.value}"'})


def _capped(limit: int, fmt: Format, cap: int = MAX_PAGE_SIZE) -> None:
    """JSON answers stay small (they are cached and drawn); downloads may ask for much more."""
    if fmt is Format.json and limit > cap:
        raise invalid(f"limit: at most {cap} in JSON; ask a download (format=csv|jsonl|parquet) for more", "limit")


def _json(payload: Any) -> Response:
    return Response(encode_json(payload), media_type="application/json")


def add_routes(app: FastAPI, database: Database) -> None:
    """The ``/api/`` endpoints over ``database`` (a :class:`eventwire.api.app.Database`)."""
    # the actor dictionaries take ~0.4 s to load: load them now, not on the first request naming an actor
    threading.Thread(target=known_codes, name="eventwire-names", daemon=True).start()

    def answer(key: tuple[Any, ...], compute: Callable[[Any], Any]) -> Any:
        try:
            return database.answer(key, compute)
        except ConfigError as exc:
            raise invalid(str(exc)) from exc

    @app.get("/api/filters", summary="The filter vocabulary: every name and what it matches")
    def filters() -> Any:
        return {"filters": FILTERS, "deprecated": ALIASES}

    @app.get("/api/events", summary="Events, filtered and paginated (or downloaded whole)")
    async def events(
        flt: Filters, sort: Sort = Sort.date, order: Annotated[str, Query(pattern="^(asc|desc)$")] = "desc",
        page: PageParam = 1, page_size: PageSize = 50, format: Format = Format.json,
    ) -> Any:
        descending = order == "desc"
        # One version for the whole answer, even if a snapshot lands meanwhile. Opening a new version
        # (and building its index) blocks, so it runs on a worker thread, not on the event loop.
        version = database.current()
        if version is None:
            version = await run_in_threadpool(database.version)
        if format is not Format.json:  # the whole filtered set, in the order asked, streamed
            reader = ask.event_reader(version.con.cursor(), flt, sort=sort.value, descending=descending)
            return _download(reader, format, "events", ask.versions(version.con.cursor()))
        key = ("events", flt, page, page_size, sort.value, order)
        body = version.cached(key)
        if body is not None:
            return Response(body, media_type="application/json")
        index = version.built_index()
        if not EventIndex.supports(flt):  # a facet the index does not hold: the library's SQL
            def compute() -> bytes:
                return encode_json(ask.events_page(version.con.cursor(), flt, page=page, page_size=page_size,
                                                   sort=sort.value, descending=descending))
            return Response(await run_in_threadpool(version.answer, key, compute), media_type="application/json")

        def encoded() -> bytes:
            return version.index().page_json(flt, page=page, page_size=page_size, sort=sort.value,
                                             descending=descending)

        # With the index warm for this filter a page costs a fraction of a millisecond: cheaper on the
        # event loop than a hop to a worker thread. Otherwise it goes to a thread.
        if index is not None and page_size <= 200 and index.warm(flt, sort.value, descending):
            body = version.remember(key, encoded())
        else:
            body = await run_in_threadpool(version.answer, key, encoded)
        return Response(body, media_type="application/json")

    @app.get("/api/events/{event_id}", summary="One event with every mention, its articles and quotes")
    def event(event_id: Annotated[str, PathParam(max_length=80)]) -> Any:
        found = ask.event_detail(database.cursor(), event_id)
        if found is None:
            raise HTTPException(404, f"no event with id {event_id!r}")
        return _json(found)

    @app.get("/api/articles/{article_id}", summary="One article with its quotes and events")
    def article(article_id: Annotated[str, PathParam(max_length=80)]) -> Any:
        found = ask.article_detail(database.cursor(), article_id)
        if found is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return _json(found)

    @app.get("/api/actors/complete", summary="Actor names and codes starting with q (type-ahead)")
    def actors_complete(q: Annotated[str, Query(max_length=100)], limit: Annotated[int, Query(ge=1, le=50)] = 10) -> Any:
        return {"items": complete(q, limit)}

    @app.get("/api/actors/resolve", summary="What an actor name means: its code, or the name words matched")
    def actors_resolve(name: Annotated[str, Query(min_length=1, max_length=100)]) -> Any:
        try:
            found = resolve(name)
        except ConfigError as exc:
            raise invalid(str(exc), "name") from exc
        return {"value": found.value, "code": found.code, "name": found.name, "words": found.words or None}

    @app.get("/api/actors", summary="Top actors: as_source, as_target, events, mentions")
    def actors(flt: Filters, limit: Limit = 20, format: Format = Format.json) -> Any:
        _capped(limit, format)
        table = answer(("actors", flt, limit), lambda con: ask.actor_table(con, flt, limit))
        return _json({"items": table.to_pylist()}) if format is Format.json else _download(table, format, "actors")

    @app.get("/api/dyads", summary="Top actor pairs (both directions): events, mentions, mean Goldstein")
    def dyads(flt: Filters, limit: Limit = 20, format: Format = Format.json) -> Any:
        _capped(limit, format)
        table = answer(("dyads", flt, limit), lambda con: ask.dyad_table(con, flt, limit))
        return _json({"items": table.to_pylist()}) if format is Format.json else _download(table, format, "dyads")

    @app.get("/api/dyads/{a}/{b}/series", summary="Per period and direction: events, mentions, QuadClass, Goldstein")
    def series(
        flt: Filters, a: Annotated[str, PathParam(min_length=1, max_length=100)],
        b: Annotated[str, PathParam(min_length=1, max_length=100)], by: Period = Period.month,
        format: Format = Format.json,
    ) -> Any:
        table = answer(("series", a, b, by.value, flt), lambda con: ask.dyad_series(con, a, b, by.value, flt))
        if format is not Format.json:
            return _download(table, format, "series")
        return _json({"a": a, "b": b, "by": by.value, "series": table.to_pylist()})

    @app.get("/api/network", summary="Actor network: nodes and directed edges weighted by events")
    def network(
        flt: Filters, min_events: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 1, limit: Limit = 300,
        format: Format = Format.json,
    ) -> Any:
        _capped(limit, format)
        if format is not Format.json:
            return _download(ask.network_edges(database.cursor(), flt, min_events=min_events, limit=limit),
                             format, "network")
        return _json(answer(("network", flt, min_events, limit),
                            lambda con: ask.network(con, flt, min_events=min_events, limit=limit)))

    @app.get("/api/places", summary="Event locations (GeoJSON) with events, mentions, conflict share")
    def places(flt: Filters, limit: Limit = 2000, format: Format = Format.json) -> Any:
        _capped(limit, format, PLACES_JSON)
        table = answer(("places", flt, limit), lambda con: ask.place_table(con, flt, limit))
        return _json(ask.places_geojson(table)) if format is Format.json else _download(table, format, "places")

    @app.get("/api/stats", summary="Counts, date range, QuadClass and PLOVER mix, events per period, versions")
    def stats(flt: Filters, format: Format = Format.json) -> Any:
        if format is not Format.json:  # the overview's table: events and mentions per month
            return _download(ask.month_table(database.cursor(), flt), format, "stats")
        return Response(answer(("stats", flt), lambda con: encode_json(ask.stats(con, flt))),
                        media_type="application/json")

