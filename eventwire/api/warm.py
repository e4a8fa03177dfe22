"""Priming an app before its port opens, so its first users do not pay for the loading (issue 17).

A fresh server's first answers paid for what every later one finds ready: the actor dictionaries
(loaded by a background thread, ~0.4 s), the database's blocks (read from the file and decompressed
the first time a query touches them), the table's size that pages choose their way by, and FastAPI's
first pass through each route. Answered while that loads, on the cores the watcher's stage processes
were also loading their models on, the first requests waited seconds (bench/load.py ``--live``).

:func:`prime` asks the app, in this process and before it listens, the questions the dashboard asks
first (:data:`PRIMING_REQUESTS`: the overview, the first page of events in each order, the top
tables), as uvicorn would (plain ASGI). Their answers are real answers of the current data and are
kept by the answer cache like any other; a failure is not an error here (the same request gets its
proper answer or error when a user asks).

:func:`freeze_loaded` then takes what start-up loaded out of the cyclic garbage collector's sight.
The actor dictionaries are some 100,000 containers holding millions of entries, none of them ever
garbage; every full collection walked them all, holding the GIL: 62 ms on a quiet core, up to 195 ms
on a busy machine (bench/load.py ``--probe``), while every request in flight waited. Frozen, a full
collection walks only what was made since. Reference counting still frees frozen objects that fall
out of use; only a frozen reference cycle would stay, and start-up's objects live as long as the server.
"""

from __future__ import annotations

import asyncio
import gc
import time
from typing import Any

from eventwire.read.names import known_codes

__all__ = ["PRIMING_REQUESTS", "prime", "ask", "freeze_loaded"]

# The dashboard's first view (web/static/js/overview.js and events.js): its tables, the map, the events
# in each order. Bounded work at any size of database: each is one page or one top table.
PRIMING_REQUESTS = (
    "/api/stats", "/api/events", "/api/events?sort=goldstein", "/api/events?sort=mentions",
    "/api/events?sort=confidence", "/api/events?sort=sources", "/api/events?order=asc", "/api/actors",
    "/api/dyads", "/api/places", "/api/network",
)


async def ask(app: Any, target: str, token: str | None) -> int:
    """One GET through the app as uvicorn calls it (with the token, if any, as a client sends it); its status."""
    path, _, query = target.partition("?")
    headers = [(b"host", b"127.0.0.1")] + ([(b"authorization", f"Bearer {token}".encode())] if token else [])
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": headers, "client": ("127.0.0.1", 0), "server": ("127.0.0.1", 0)}
    status = [0]

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status[0] = int(message["status"])

    await app(scope, receive, send)
    return status[0]


def prime(app: Any, token: str | None = None) -> float:
    """Load what the app's answers need and ask it :data:`PRIMING_REQUESTS`; the seconds it took.
    ``token``: the app's token, which the requests must carry like any other."""
    started = time.perf_counter()
    known_codes()  # the actor dictionaries, now rather than in the first request naming an actor

    async def ask_all() -> None:
        for target in PRIMING_REQUESTS:
            try:
                await ask(app, target, token)
            except Exception:  # noqa: BLE001 - priming only: the same request, asked later, reports it
                continue

    asyncio.run(ask_all())
    return time.perf_counter() - started


def freeze_loaded() -> int:
    """Move every object alive (what start-up loaded) to the collector's permanent generation (see the
    module docstring); how many objects are frozen now. Called once the app is primed, before the port
    opens. No collection first: a primed app has no cyclic garbage to leave behind (a collection there
    freed 0 of 107,449 objects at 100,000 events, for 43 ms of CPU of start-up)."""
    gc.freeze()
    return gc.get_freeze_count()
