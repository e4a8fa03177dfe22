"""The JSON API under ``/api/`` (a FastAPI ``APIRouter``): every endpoint answers through
:mod:`eventwire.read.questions` (or, for ``/api/events`` pages, :mod:`eventwire.api.pages`, tested to
give the same answer), the functions behind ``eventwire.open`` and the CLI, with the filter vocabulary
of docs/api.md.

Every answer is a SQL query over the database the app's :class:`~eventwire.api.source.DatabaseSource`
provides; nothing is held in memory but the bounded cache of encoded answers
(:class:`~eventwire.api.answers.Answers`), the kept page rows, and, for a database file within
``EVENTWIRE_API_INDEX_MB``, the compact index the pages of ``/api/events`` are counted and ordered from
(:mod:`eventwire.read.memory_index`). Every view takes the same filters and can be downloaded
whole (``format=csv|jsonl|parquet``, :mod:`eventwire.api.downloads`). Invalid values and unknown
parameter names get 422 with a message naming them; unknown ids 404.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi import Path as PathParam

from eventwire.api.answers import Answers, Compute
from eventwire.api.downloads import download
from eventwire.api.pages import EventCounts, events_page, indexed_page
from eventwire.api.params import (
    MAX_LIMIT,
    PLACES_JSON,
    Filters,
    Format,
    Limit,
    PageParam,
    PageSize,
    Period,
    Sort,
    capped,
    filters_openapi,
    invalid,
)
from eventwire.api.rows import EventRows, bound_for
from eventwire.errors import ConfigError
from eventwire.read import narrow
from eventwire.read import questions as ask
from eventwire.read.filters import ALIASES, FILTERS, EventFilter
from eventwire.read.names import complete, resolve

__all__ = ["router"]

router = APIRouter(prefix="/api")
# the events a source's version holds, keyed by the source too (two apps in a process: tests)
_event_counts = EventCounts()


async def _answers(request: Request) -> Answers:  # async: no thread-pool hop for an attribute
    answers: Answers = request.app.state.answers
    return answers


async def _event_rows(request: Request) -> EventRows:
    rows: EventRows = request.app.state.event_rows
    return rows


Reader = Annotated[Answers, Depends(_answers)]
KeptRows = Annotated[EventRows, Depends(_event_rows)]
Order = Annotated[str, Query(pattern="^(asc|desc)$")]
Name = Annotated[str, PathParam(min_length=1, max_length=100)]
Id = Annotated[str, PathParam(max_length=80)]


def _json(answers: Answers, question: tuple[Any, ...], compute: Compute, scope: EventFilter | None = None) -> Response:
    """The remembered or computed answer; a :class:`ConfigError` of the read layer is a 422. ``scope``: the
    filter whose matching events alone make the answer (kept across versions that did not touch them)."""
    return _response(lambda: answers.json(question, compute, scope))


def _response(answer: Callable[[], bytes]) -> Response:
    """The JSON of ``answer()``; a :class:`ConfigError` of the read layer is a 422."""
    try:
        body = answer()
    except ConfigError as exc:
        raise invalid(str(exc)) from exc
    return Response(body, media_type="application/json")


def _items(answers: Answers, question: tuple[Any, ...], table: Callable[[Any], Any], fmt: Format,
           scope: EventFilter) -> Any:
    """A ranked table of the events matching ``scope``: as a download in ``fmt``, or as JSON
    ``{"items": [...]}`` remembered under ``question`` (its first element names the table and the download)."""
    if fmt is not Format.json:
        return download(answers.source, table, fmt, question[0])
    return _json(answers, question, lambda con: {"items": table(con).to_pylist()}, scope)


@router.get("/filters", summary="The filter vocabulary: every name and what it matches")
def filters() -> Any:
    return {"filters": FILTERS, "deprecated": ALIASES}


@router.get("/events", summary="Events, filtered and paginated (or downloaded whole)",
            openapi_extra=filters_openapi())
def events(answers: Reader, rows: KeptRows, flt: Filters, sort: Sort = Sort.date, order: Order = "desc",
           page: PageParam = 1, page_size: PageSize = 50, format: Format = Format.json) -> Any:
    descending = order == "desc"
    if format is not Format.json:  # the whole filtered set, in the order asked, streamed
        return download(answers.source, lambda con: ask.event_reader(con, flt, sort=sort.value, descending=descending),
                        format, "events", provenance=True)
    version = (id(answers.source), answers.source.version())  # read before the cursor, as Answers does
    # the in-memory index of the file a cursor reads, asked inside the cursor (api/snapshots.py); None: SQL
    memory_index: Callable[[], Any] = getattr(answers.source, "memory_index", lambda: None)

    def compute(cursor: Callable[[], Any]) -> Any:
        index = memory_index()  # within the answer's reading (api/source.py on_demand): no cursor asked yet
        if index is not None:  # with an index, the kept rows may hold every event's, within its budget (api/rows.py)
            rows.grow(bound_for(index.size, getattr(answers.source, "index_bytes", 0), index.nbytes))
            if index.covers(flt):  # the count and order from memory, the rows kept: a cursor only for rows not kept
                return indexed_page(index, flt, page=page, page_size=page_size, sort=sort.value, descending=descending,
                                    items=lambda found: rows.items_from(cursor, found, version[1]))
        con = cursor()
        with narrow.forms_version(version):  # the actors' stored forms asked once per version
            return events_page(con, flt, page=page, page_size=page_size, sort=sort.value, descending=descending,
                               events=_event_counts.of(con, version),
                               rows=lambda c, found: rows.items(c, found, version[1]))

    return _response(lambda: answers.json_on_demand(("events", flt, page, page_size, sort.value, descending), compute,
                                                     flt))


def _found(response: Response, what: str, key: str) -> Response:
    if response.body == b"null":
        raise HTTPException(404, f"no {what} with id {key!r}")
    return response


@router.get("/events/{event_id}", summary="One event with every mention, its articles and quotes")
def event(answers: Reader, event_id: Id) -> Any:
    return _found(_json(answers, ("event", event_id), lambda con: ask.event_detail(con, event_id)), "event", event_id)


@router.get("/articles/{article_id}", summary="One article with its quotes and events")
def article(answers: Reader, article_id: Id) -> Any:
    return _found(_json(answers, ("article", article_id), lambda con: ask.article_detail(con, article_id)),
                  "article", article_id)


@router.get("/actors/complete", summary="Actor names and codes starting with q (type-ahead)")
def actors_complete(q: Annotated[str, Query(max_length=100)], limit: Annotated[int, Query(ge=1, le=50)] = 10) -> Any:
    return {"items": complete(q, limit)}


@router.get("/actors/resolve", summary="What an actor name means: its code, or the name words matched")
def actors_resolve(name: Annotated[str, Query(min_length=1, max_length=100)]) -> Any:
    try:
        found = resolve(name)
    except ConfigError as exc:
        raise invalid(str(exc), "name") from exc
    return {"value": found.value, "code": found.code, "name": found.name, "words": found.words or None}


@router.get("/actors", summary="Top actors: as_source, as_target, events, mentions",
            openapi_extra=filters_openapi())
def actors(answers: Reader, flt: Filters, limit: Limit = 20, format: Format = Format.json) -> Any:
    capped(limit, format)
    return _items(answers, ("actors", flt, limit), lambda con: ask.actor_table(con, flt, limit), format, flt)


@router.get("/dyads", summary="Top actor pairs (both directions): events, mentions, mean Goldstein",
            openapi_extra=filters_openapi())
def dyads(answers: Reader, flt: Filters, limit: Limit = 20, format: Format = Format.json) -> Any:
    capped(limit, format)
    return _items(answers, ("dyads", flt, limit), lambda con: ask.dyad_table(con, flt, limit), format, flt)


@router.get("/dyads/{a}/{b}/series", summary="Per period and direction: events, mentions, QuadClass, Goldstein",
            openapi_extra=filters_openapi())
def series(answers: Reader, flt: Filters, a: Name, b: Name, by: Period = Period.month,
           format: Format = Format.json) -> Any:
    for name in (a, b):  # an ambiguous name is a 422 now, not an error in the middle of a download
        try:
            resolve(" ".join(name.split()))
        except ConfigError as exc:
            raise invalid(str(exc), "path") from exc
    if format is not Format.json:
        return download(answers.source, lambda con: ask.dyad_series(con, a, b, by.value, flt), format, "series")
    return _json(answers, ("series", a, b, by.value, flt), lambda con: {
        "a": a, "b": b, "by": by.value, "series": ask.dyad_series(con, a, b, by.value, flt).to_pylist()},
        flt)  # the dyad's events are among flt's: untouched when flt's are


@router.get("/network", summary="Actor network: nodes and directed edges weighted by events",
            openapi_extra=filters_openapi())
def network(answers: Reader, flt: Filters, min_events: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 1,
            limit: Limit = 300, format: Format = Format.json) -> Any:
    capped(limit, format)
    if format is not Format.json:
        return download(answers.source, lambda con: ask.network_edges(con, flt, min_events=min_events, limit=limit),
                        format, "network")
    return _json(answers, ("network", flt, min_events, limit),
                 lambda con: ask.network(con, flt, min_events=min_events, limit=limit), flt)


@router.get("/places", summary="Event locations (GeoJSON) with events, mentions, conflict share",
            openapi_extra=filters_openapi())
def places(answers: Reader, flt: Filters, limit: Limit = 2000, format: Format = Format.json) -> Any:
    capped(limit, format, PLACES_JSON)
    if format is not Format.json:
        return download(answers.source, lambda con: ask.place_table(con, flt, limit), format, "places")
    return _json(answers, ("places", flt, limit), lambda con: ask.places_geojson(ask.place_table(con, flt, limit)), flt)


@router.get("/stats", summary="Counts, date range, QuadClass and PLOVER mix, events per period, versions",
            openapi_extra=filters_openapi())
def stats(answers: Reader, flt: Filters, format: Format = Format.json) -> Any:
    if format is not Format.json:  # the overview's table: events and mentions per month
        return download(answers.source, lambda con: ask.month_table(con, flt), format, "stats")
    return _json(answers, ("stats", flt), lambda con: ask.stats(con, flt))
