"""The HTTP API and the dashboard, one FastAPI app: :func:`create_app` puts the parts together.

- :mod:`eventwire.api.source`: where answers are read from (a :class:`DatabaseSource`);
  :mod:`eventwire.api.snapshots` is the one for database files and ``watch``'s snapshot symlink;
- :mod:`eventwire.api.answers`: the bounded cache of encoded answers, keyed by the source's version;
  :mod:`eventwire.api.replay` sends a remembered response again before routing (repeated requests);
- :mod:`eventwire.api.routes` (an ``APIRouter``) with :mod:`eventwire.api.params` (filters, bounds)
  and :mod:`eventwire.api.downloads` (CSV, JSONL, Parquet);
- :mod:`eventwire.api.guard`: Host and token checks and the security headers.

Security defaults: binds 127.0.0.1 (see ``eventwire serve``); a token is required for any other bind
and then checked on every request; no CORS headers; the dashboard is served with a CSP that forbids
inline script; parameters are validated (422 with a readable message) and page sizes capped; static
files come only from the package's own folder.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from eventwire.api.answers import Answers
from eventwire.api.guard import Guard
from eventwire.api.params import MAX_PAGE_SIZE
from eventwire.api.replay import Replay
from eventwire.api.rewarm import RecentRequests, Rewarmer
from eventwire.api.routes import router
from eventwire.api.rows import EventRows
from eventwire.api.snapshots import SnapshotSource
from eventwire.api.source import DatabaseSource
from eventwire.read.names import known_codes
from eventwire.settings import get_settings

__all__ = ["create_app", "app_from_settings", "MAX_PAGE_SIZE", "SERVE_HOSTS_VARIABLE", "STATIC"]

SERVE_HOSTS_VARIABLE = "EVENTWIRE_SERVE_HOSTS"
STATIC = Path(__file__).resolve().parent.parent / "web" / "static"


def create_app(db: str | Path | None = None, *, source: DatabaseSource | None = None, token: str | None = None,
               background_reload: bool = False, hosts: frozenset[str] | None = None) -> FastAPI:
    """Build the app for database file ``db`` (or any ``source``, see :mod:`eventwire.api.source`).

    With ``token``, every request must carry it; with ``hosts``, a request naming another Host is
    refused (``eventwire serve`` on loopback: DNS rebinding). ``background_reload`` (what ``eventwire
    serve`` uses): a new snapshot of ``db`` is opened by a background thread while requests keep being
    answered from the previous one (see :class:`~eventwire.api.snapshots.SnapshotSource`), and that thread
    first asks it the requests answered recently (:mod:`eventwire.api.rewarm`).
    """
    if source is None:
        if db is None:
            raise ValueError("create_app needs a database file (db) or a source")
        source = SnapshotSource(db, background=background_reload)
    # /docs is our own page over vendored Swagger UI assets: FastAPI's default loads them from a CDN
    # and starts them with an inline script, both of which the CSP blocks (a blank page).
    app = FastAPI(title="eventwire", version="1", summary="Political event data coded from news, with evidence.",
                  docs_url=None, redoc_url=None)
    settings = get_settings()
    app.state.answers = Answers(source, settings.api_cache, slots=settings.api_slots)
    # the rows of /api/events pages, kept by id across versions that did not rewrite them
    app.state.event_rows = EventRows(getattr(source, "changed_ids", None))
    recent = RecentRequests()
    app.add_middleware(Replay, answers=app.state.answers, recent=recent)  # inside the Guard: checked like any answer
    if isinstance(source, SnapshotSource) and source.background:  # a new snapshot asked what users asked
        source.before_publish = Rewarmer(app, recent, token)
    app.add_middleware(Guard, token=token, hosts=hosts)
    app.include_router(router)
    app.add_api_route("/", _page("index.html"), include_in_schema=False)
    app.add_api_route("/docs", _page("docs.html"), include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    # the actor dictionaries take ~0.4 s to load: load them now, not on the first request naming an actor
    threading.Thread(target=known_codes, name="eventwire-names", daemon=True).start()
    return app


def _page(name: str) -> Callable[[], FileResponse]:
    def page() -> FileResponse:
        return FileResponse(STATIC / name, media_type="text/html")

    return page


def app_from_settings() -> FastAPI:
    """The app for the database and token in EVENTWIRE_DB / EVENTWIRE_TOKEN (``serve --workers`` processes)."""
    settings = get_settings()
    # the Host names of a loopback bind, handed over by ``serve`` (internal, not a user setting)
    hosts = os.environ.get(SERVE_HOSTS_VARIABLE, "")
    return create_app(settings.db, token=settings.token or None, background_reload=True,
                      hosts=frozenset(hosts.split(",")) if hosts else None)
