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
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from datetime import date
from enum import Enum, StrEnum
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import FastAPI, HTTPException, Query, Response
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders, QueryParams
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.api import reads
from eventwire.api.index import EventIndex
from eventwire.api.index import encode_json as _json_bytes
from eventwire.events.ontology import PLOVER_TYPES
from eventwire.query import EventFilter
from eventwire.settings import get_settings
from eventwire.store.db import connect

__all__ = ["create_app", "app_from_settings", "MAX_PAGE_SIZE"]

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


class _Version:
    """One file version of the database: its read-only connection, answers and (lazily) its event index."""

    def __init__(self, path: str | Path, stamp: tuple[int, int, int] | None, cache_size: int) -> None:
        self.stamp = stamp
        self.con = connect(path, read_only=True)
        self.cache_size = cache_size
        self._lock = threading.Lock()
        # answers of read endpoints for this file version: the dashboard repeats the same queries. Each
        # entry is a Future so that concurrent requests for the same missing answer compute it once.
        self._answers: OrderedDict[tuple[Any, ...], Future[Any]] = OrderedDict()
        self._index: EventIndex | None = None
        self._index_lock = threading.Lock()  # not _lock: a build must not hold up cache lookups

    def index(self) -> EventIndex:
        if self._index is None:
            with self._index_lock:
                if self._index is None:
                    self._index = EventIndex(self.con.cursor())
        return self._index

    def built_index(self) -> EventIndex | None:
        return self._index

    def cached(self, key: tuple[Any, ...]) -> Any | None:
        """The remembered answer for ``key`` if one is complete (never waits)."""
        with self._lock:
            found = self._answers.get(key)
            if found is None or not found.done() or found.exception() is not None:
                return None
            self._answers.move_to_end(key)
        return found.result()

    def remember(self, key: tuple[Any, ...], value: Any) -> Any:
        if self.cache_size > 0:
            done: Future[Any] = Future()
            done.set_result(value)
            with self._lock:
                self._answers.setdefault(key, done)
                while len(self._answers) > self.cache_size:
                    self._answers.popitem(last=False)
        return value

    def answer(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        if self.cache_size <= 0:
            return compute()
        with self._lock:
            found = self._answers.get(key)
            if found is not None:
                self._answers.move_to_end(key)
            else:
                pending: Future[Any] = Future()
                self._answers[key] = pending
                while len(self._answers) > self.cache_size:
                    self._answers.popitem(last=False)
        if found is not None:
            return found.result()  # computed, or being computed by another request: wait for it
        try:
            value = compute()
        except BaseException as exc:
            with self._lock:
                if self._answers.get(key) is pending:
                    del self._answers[key]  # failures are not remembered
            pending.set_exception(exc)
            raise
        pending.set_result(value)
        return value


class Database:
    """The database behind the API, reopened when the file behind ``path`` changes.

    ``eventwire watch`` publishes snapshots by re-pointing a symlink at a fresh copy; each request
    checks the file (one ``stat``). A new version is opened, its event index built (``preload``) and
    warmed with the conditions and sort orders the previous version was asked for, then published:

    - by default the first request to see the change does that and the requests after it see the new
      data, while requests arriving during the switch answer from the previous version (no stampede);
    - with ``background``, a thread does it and every request answers from the previous version until
      the new one is ready (no request waits for a build; data at most one build older than the file).

    Old versions are closed when the last request using them finishes (reference counting), never
    under a running query.
    """

    def __init__(self, path: Path, cache_size: int = ANSWER_CACHE_SIZE, *, preload: bool = False,
                 background: bool = False) -> None:
        self.path = path
        self.cache_size = cache_size
        self.preload = preload
        self.background = background
        self._switch = threading.Lock()
        self._version: _Version | None = None
        self._changed = threading.Event()
        self._switcher: threading.Thread | None = None

    def _current(self) -> tuple[int, int, int] | None:
        """Which file is behind ``path`` now: one ``stat`` (it follows the symlink), every request."""
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_dev, info.st_ino, info.st_mtime_ns

    def current(self) -> _Version | None:
        """The version to answer from without waiting, or None when the new file must be opened first."""
        stamp = self._current()
        version = self._version
        if version is None:
            return None
        if stamp is None or stamp == version.stamp or self._switch.locked():
            return version  # unchanged, or the new version is being opened
        if self.background:
            self._wake_switcher()
            return version
        return None

    def version(self) -> _Version:
        version = self.current()
        if version is not None:
            return version
        with self._switch:
            return self._open(self._current())

    def _open(self, stamp: tuple[int, int, int] | None) -> _Version:
        """Open the file version ``stamp`` unless it is open already (the caller holds ``_switch``)."""
        latest = self._version
        if latest is not None and (stamp is None or latest.stamp == stamp):
            return latest
        # the file itself, not the link: the link may be re-pointed while this version is in use (if it
        # was re-pointed since the stat, the stamp is older than the file and the next request reopens)
        fresh = _Version(os.path.realpath(self.path), stamp, self.cache_size)
        if self.preload:
            index = fresh.index()
            previous = latest.built_index() if latest is not None else None
            if previous is not None:  # the requests to come are like the ones before: prepare for them
                index.warm_like(previous)
        self._version = fresh
        return fresh

    def _wake_switcher(self) -> None:
        if self._switcher is None:
            with self._switch:
                if self._switcher is None:
                    self._switcher = threading.Thread(target=self._switch_forever, name="eventwire-reopen",
                                                      daemon=True)
                    self._switcher.start()
        self._changed.set()

    def _switch_forever(self) -> None:
        while True:
            self._changed.wait()
            self._changed.clear()
            try:
                with self._switch:
                    self._open(self._current())
            except Exception:  # noqa: BLE001 - a half-copied or vanished file: the next request retries
                time.sleep(0.5)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.version().con.cursor()

    def answer(self, key: tuple[Any, ...], compute: Callable[[duckdb.DuckDBPyConnection], Any]) -> Any:
        """``compute(cursor)``, remembered per file version (at most ``cache_size`` answers)."""
        version = self.version()
        return version.answer(key, lambda: compute(version.con.cursor()))


def create_app(db: str | Path, *, token: str | None = None, background_reload: bool = False) -> FastAPI:
    """Build the app for database ``db``. With ``token``, every request must carry it.

    ``background_reload`` (what ``eventwire serve`` uses): a new snapshot of ``db`` is opened by a
    background thread while requests keep being answered from the previous one (see :class:`Database`).
    """
    database = Database(Path(db), get_settings().api_cache, preload=True, background=background_reload)
    # /docs is our own page over vendored Swagger UI assets: FastAPI's default loads them from a CDN
    # and starts them with an inline script, both of which the CSP blocks (a blank page).
    app = FastAPI(title="eventwire", version="1", summary="Political event data coded from news, with evidence.",
                  docs_url=None, redoc_url=None)

    app.add_middleware(Guard, token=token)

    def cursor() -> duckdb.DuckDBPyConnection:
        return database.cursor()

    @app.get("/api/events", summary="Events, filtered and paginated")
    async def events(
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
        chosen = EventFilter(source=source, target=target, actor=actor, actor2=actor2,
                             plover=plover.value if plover else None, cameo=cameo, date_from=date_from,
                             date_to=date_to, place=place, q=q)
        descending = order == "desc"
        # One version for the whole answer, even if a snapshot lands meanwhile. Opening a new version
        # (and building its index) blocks, so it runs on a worker thread, not on the event loop.
        version = database.current()
        if version is None:
            version = await run_in_threadpool(database.version)
        index = version.built_index()
        # With the index warm for this filter a page costs a fraction of a millisecond: cheaper on the
        # event loop than a hop to a worker thread. Otherwise (a condition to evaluate, a big page) it
        # goes to a thread so that the event loop keeps serving.
        inline = index is not None and page_size <= 200 and index.warm(chosen, sort.value, descending)

        def compute() -> dict[str, Any]:
            return version.index().page(chosen, page=page, page_size=page_size, sort=sort.value, descending=descending)

        def encoded() -> bytes:
            return version.index().page_json(chosen, page=page, page_size=page_size, sort=sort.value,
                                             descending=descending)

        if format is Format.json:  # the encoded body is what is remembered: a hit is then a dict lookup
            key = ("events", chosen, page, page_size, sort.value, order)
            body = version.cached(key)
            if body is None:
                body = version.remember(key, encoded()) if inline else await run_in_threadpool(version.answer, key, encoded)
            return Response(body, media_type="application/json")
        result = compute() if inline else await run_in_threadpool(compute)
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

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def app_from_settings() -> FastAPI:
    """The app for the database and token in EVENTWIRE_DB / EVENTWIRE_TOKEN (``serve --workers`` processes)."""
    settings = get_settings()
    return create_app(settings.db, token=settings.token or None, background_reload=True)


class Guard:
    """The token check (when a token is set) and the security headers on every response.

    Plain ASGI middleware: Starlette's ``@app.middleware("http")`` kind wraps each response in a
    task and a stream, which cost about a third of a cached answer's time.
    """

    def __init__(self, app: ASGIApp, token: str | None = None) -> None:
        self.app = app
        self.token = token.encode() if token else None

    def _authorised(self, scope: Scope) -> bool:
        if self.token is None:
            return True
        supplied = Headers(scope=scope).get("authorization", "").removeprefix("Bearer ").strip() \
            or QueryParams(scope.get("query_string", b"")).get("token", "")
        return hmac.compare_digest(supplied.encode(), self.token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    headers.setdefault(key, value)
            await send(message)

        if not self._authorised(scope):
            refusal = JSONResponse({"detail": "missing or wrong token: send 'Authorization: Bearer TOKEN'"},
                                   status_code=401)
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)


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
