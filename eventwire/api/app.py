"""The HTTP API and the dashboard, one FastAPI app.

Security defaults: binds 127.0.0.1 (see ``eventwire serve``); a token is required for any other bind
and then checked on every request; no CORS headers; the dashboard is served with a CSP that forbids
inline script; parameters are validated (422 with a readable message) and page sizes capped; static
files come only from the package's own folder.
"""

from __future__ import annotations

import hmac
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import duckdb
from fastapi import FastAPI
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers, MutableHeaders, QueryParams
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.api.index import EventIndex
from eventwire.api.live_source import LiveDatabase, LiveSource
from eventwire.api.routes import MAX_PAGE_SIZE, add_routes
from eventwire.api.server import host_name
from eventwire.settings import get_settings
from eventwire.store.db import connect

__all__ = ["create_app", "app_from_settings", "MAX_PAGE_SIZE", "SERVE_HOSTS_VARIABLE"]

SERVE_HOSTS_VARIABLE = "EVENTWIRE_SERVE_HOSTS"

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
ANSWER_CACHE_SIZE = 512  # answers are at most MAX_PAGE_SIZE rows; typical pages are 50
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}

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


def create_app(db: str | Path, *, token: str | None = None, background_reload: bool = False,
               hosts: frozenset[str] | None = None, source: LiveSource | None = None) -> FastAPI:
    """Build the app for database ``db``. With ``token``, every request must carry it; with ``hosts``,
    a request naming another Host is refused (``eventwire serve`` on loopback: DNS rebinding).

    ``background_reload`` (what ``eventwire serve`` uses): a new snapshot of ``db`` is opened by a
    background thread while requests keep being answered from the previous one (see :class:`Database`).
    ``source``: read the database this process writes instead (``watch --serve``, docs/watch.md).
    """
    database: Any = (Database(Path(db), get_settings().api_cache, preload=True, background=background_reload)
                     if source is None else LiveDatabase(source, get_settings().api_cache))
    # /docs is our own page over vendored Swagger UI assets: FastAPI's default loads them from a CDN
    # and starts them with an inline script, both of which the CSP blocks (a blank page).
    app = FastAPI(title="eventwire", version="1", summary="Political event data coded from news, with evidence.",
                  docs_url=None, redoc_url=None)

    app.add_middleware(Guard, token=token, hosts=hosts)

    add_routes(app, database)

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
    # the Host names of a loopback bind, handed over by ``serve`` (internal, not a user setting)
    hosts = os.environ.get(SERVE_HOSTS_VARIABLE, "")
    return create_app(settings.db, token=settings.token or None, background_reload=True,
                      hosts=frozenset(hosts.split(",")) if hosts else None)


class Guard:
    """The Host check (when ``hosts`` is set), the token check (when a token is set) and the security
    headers on every response.

    Plain ASGI middleware: Starlette's ``@app.middleware("http")`` kind wraps each response in a
    task and a stream, which cost about a third of a cached answer's time.
    """

    def __init__(self, app: ASGIApp, token: str | None = None, hosts: frozenset[str] | None = None) -> None:
        self.app = app
        self.token = token.encode() if token else None
        self.hosts = hosts

    def _known_host(self, scope: Scope) -> bool:
        if self.hosts is None:
            return True
        header = Headers(scope=scope).get("host")
        return header is None or host_name(header) in self.hosts

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

        if not self._known_host(scope):
            refusal = JSONResponse({"detail": "unknown Host: this server answers only the names of its "
                                    "loopback address (localhost, 127.0.0.1, [::1])"}, status_code=421)
            await refusal(scope, receive, send_with_headers)
            return
        if not self._authorised(scope):
            refusal = JSONResponse({"detail": "missing or wrong token: send 'Authorization: Bearer TOKEN'"},
                                   status_code=401)
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

