"""The HTTP API and the dashboard, one FastAPI app.

Security defaults: binds 127.0.0.1 (see ``eventwire serve``); a token is required for any other bind
and then checked on every request; no CORS headers; the dashboard is served with a CSP that forbids
inline script; parameters are validated (422 with a readable message) and page sizes capped; static
files come only from the package's own folder.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import astuple
from datetime import date
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles

from eventwire.api import reads
from eventwire.events.ontology import PLOVER_TYPES
from eventwire.settings import get_settings
from eventwire.store.db import connect

__all__ = ["create_app", "MAX_PAGE_SIZE"]

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
MAX_PAGE_SIZE = 1000
ANSWER_CACHE_SIZE = 512  # answers are at most MAX_PAGE_SIZE rows; typical pages are 50
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}

Plover = Enum("Plover", {name: name for name in PLOVER_TYPES}, type=str)  # type: ignore[misc]


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"


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


ActorParam = Annotated[str | None, Query(max_length=100, pattern=r"^[\w .,'&()/-]+$")]
PageParam = Annotated[int, Query(ge=1, le=1_000_000)]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]


class Database:
    """One read-only DuckDB connection; each request gets its own cursor (DuckDB cursors are per-thread).

    When the file behind ``path`` changes (a snapshot published by ``eventwire watch``: a symlink
    re-pointed at a fresh copy) the next request opens the new file, so new events show without a restart.
    """

    def __init__(self, path: Path, cache_size: int = ANSWER_CACHE_SIZE) -> None:
        self.path = path
        self.cache_size = cache_size
        self._lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stamp: tuple[str, int, int] | None = None
        # answers of read endpoints for this file version: the dashboard repeats the same queries, and a
        # filtered scan of 100k wide rows costs tens of ms; emptied whenever the file changes
        self._answers: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

    def _current(self) -> tuple[str, int, int] | None:
        try:
            real = os.path.realpath(self.path)
            info = os.stat(real)
        except OSError:
            return None
        return real, info.st_ino, info.st_mtime_ns

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self._lock:
            stamp = self._current()
            if self._con is None or (stamp is not None and stamp != self._stamp):
                if self._con is not None:
                    self._con.close()
                self._con = connect(stamp[0] if stamp else self.path, read_only=True)
                self._stamp = stamp
                self._answers.clear()
            return self._con.cursor()

    def answer(self, key: tuple[Any, ...], compute: Callable[[duckdb.DuckDBPyConnection], Any]) -> Any:
        """``compute(cursor)``, remembered per file version (at most ANSWER_CACHE_SIZE answers)."""
        cursor = self.cursor()  # first: it notices a new file version and empties the cache
        if self.cache_size <= 0:
            return compute(cursor)
        with self._lock:
            if key in self._answers:
                self._answers.move_to_end(key)
                return self._answers[key]
        value = compute(cursor)
        with self._lock:
            self._answers[key] = value
            while len(self._answers) > self.cache_size:
                self._answers.popitem(last=False)
        return value


def create_app(db: str | Path, *, token: str | None = None) -> FastAPI:
    """Build the app for database ``db``. With ``token``, every request must carry it."""
    database = Database(Path(db), get_settings().api_cache)
    app = FastAPI(title="eventwire", version="1", summary="Political event data coded from news, with evidence.")

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if token:
            supplied = request.headers.get("authorization", "").removeprefix("Bearer ").strip() \
                or request.query_params.get("token", "")
            if not hmac.compare_digest(supplied.encode(), token.encode()):
                return JSONResponse({"detail": "missing or wrong token: send 'Authorization: Bearer TOKEN'"},
                                    status_code=401)
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    def cursor() -> duckdb.DuckDBPyConnection:
        return database.cursor()

    @app.get("/api/events", summary="Events, filtered and paginated")
    def events(
        source: ActorParam = None, target: ActorParam = None, actor: ActorParam = None, actor2: ActorParam = None,
        plover: Plover | None = None,
        cameo: Annotated[str | None, Query(pattern=r"^\d{2,4}$")] = None,
        date_from: Annotated[date | None, Query(alias="from")] = None,
        date_to: Annotated[date | None, Query(alias="to")] = None,
        place: ActorParam = None,
        q: Annotated[str | None, Query(max_length=200)] = None,
        sort: Sort = Sort.date, order: Annotated[str, Query(pattern="^(asc|desc)$")] = "desc",
        page: PageParam = 1, page_size: PageSize = 50, format: Format = Format.json,
    ) -> Any:
        filters = reads.EventFilters(source, target, actor, actor2, plover.value if plover else None, cameo,
                                     date_from, date_to, place, q)
        key = ("events", *astuple(filters), page, page_size, sort.value, order)
        result = database.answer(key, lambda con: reads.list_events(
            con, filters, page=page, page_size=page_size, sort=sort.value, descending=order == "desc"))
        if format is Format.json:  # the encoded body is remembered too: encoding 50 wide rows costs more than a hit
            return Response(database.answer((*key, "body"), lambda _: _json_bytes(result)), media_type="application/json")
        return _maybe_download(result["items"], format, "events", result)

    @app.get("/api/events/{event_id}", summary="One event with every mention, its articles and quotes")
    def event(event_id: Annotated[str, PathParam(max_length=80)]) -> Any:
        found = reads.event_detail(cursor(), event_id)
        if found is None:
            raise HTTPException(404, f"no event with id {event_id!r}")
        return found

    @app.get("/api/articles/{article_id}", summary="One article with its quotes and events")
    def article(article_id: Annotated[str, PathParam(max_length=80)]) -> Any:
        found = reads.article_detail(cursor(), article_id)
        if found is None:
            raise HTTPException(404, f"no article with id {article_id!r}")
        return found

    @app.get("/api/actors", summary="Top actors with event counts")
    def actors(limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20, format: Format = Format.json) -> Any:
        items = database.answer(("actors", limit), lambda con: reads.top_actors(con, limit))
        return _maybe_download(items, format, "actors", {"items": items})

    @app.get("/api/dyads", summary="Top actor pairs (both directions)")
    def dyads(limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20, format: Format = Format.json) -> Any:
        items = database.answer(("dyads", limit), lambda con: reads.top_dyads(con, limit))
        return _maybe_download(items, format, "dyads", {"items": items})

    @app.get("/api/dyads/{a}/{b}/series", summary="QuadClass counts and mean Goldstein per period, both directions")
    def series(
        a: Annotated[str, PathParam(min_length=1, max_length=100)],
        b: Annotated[str, PathParam(min_length=1, max_length=100)],
        by: Period = Period.month, format: Format = Format.json,
    ) -> Any:
        items = database.answer(("series", a, b, by.value), lambda con: reads.dyad_series(con, a, b, by.value))
        return _maybe_download(items, format, "series", {"a": a, "b": b, "by": by.value, "series": items})

    @app.get("/api/network", summary="Actor network: nodes and weighted, directed edges")
    def network(
        date_from: Annotated[date | None, Query(alias="from")] = None,
        date_to: Annotated[date | None, Query(alias="to")] = None,
        min_events: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 300,
    ) -> Any:
        return database.answer(("network", date_from, date_to, min_events, limit), lambda con: reads.network(
            con, date_from=date_from, date_to=date_to, min_events=min_events, limit=limit))

    @app.get("/api/places", summary="Event locations as GeoJSON")
    def places(limit: Annotated[int, Query(ge=1, le=5000)] = 2000) -> Any:
        return database.answer(("places", limit), lambda con: reads.places_geojson(con, limit))

    @app.get("/api/stats", summary="Counts, date range, QuadClass and PLOVER mix, events per month")
    def stats() -> Any:
        return Response(database.answer(("stats", "body"), lambda con: _json_bytes(reads.stats(con))),
                        media_type="application/json")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def _json_bytes(payload: Any) -> bytes:
    return json.dumps(payload, default=str, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _maybe_download(items: list[dict[str, Any]], fmt: Format, name: str, payload: dict[str, Any]) -> Any:
    if fmt is Format.json:
        return payload
    if fmt is Format.jsonl:
        body = "".join(json.dumps(item, default=str, ensure_ascii=False) + "\n" for item in items)
        return Response(body, media_type="application/x-ndjson",
                        headers={"Content-Disposition": f'attachment; filename="{name}.jsonl"'})
    return StreamingResponse(_csv_lines(items), media_type="text/csv",
                             headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def _csv_lines(items: list[dict[str, Any]]) -> Iterator[str]:
    if not items:
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(items[0]))
    writer.writeheader()
    for item in items:
        # Cells starting with = + - @ are neutralised so a spreadsheet never runs them as formulas.
        writer.writerow({k: _csv_cell(v) for k, v in item.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        value = ";".join(map(str, value))
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
