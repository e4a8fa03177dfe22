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

What those questions do not touch is read from the disk by the first request that needs it: on a
database nobody has read since the machine started, the first run of bench/api_latency.py at 10 million
events read 2.1 GB from the disk (a page's 50 rows come from all over the table). :func:`start_read_ahead`
reads the tables the answers read first (:data:`READ_AHEAD_TABLES`), then the rest of the file, into the
OS page cache on a thread of its own (:mod:`eventwire.store.read_ahead`), started before the priming: the
port opens when the priming is done, as before, and the reading goes on behind the first requests if it
has not finished. Read ahead before them, the same 440 requests read 6 MB from the disk.

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
import os
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from eventwire.api.snapshots import SnapshotSource
from eventwire.read.names import known_codes
from eventwire.store import rollups
from eventwire.store.read_ahead import plan, read_ranges

__all__ = ["PRIMING_REQUESTS", "READ_AHEAD_TABLES", "READ_AHEAD_SHARE", "READ_AHEAD_NICE", "prime", "ask",
           "start_read_ahead", "read_ahead_budget", "freeze_loaded"]

# The dashboard's first view (web/static/js/overview.js and events.js): its tables, the map, the events
# in each order. Bounded work at any size of database: each is one page or one top table.
PRIMING_REQUESTS = (
    "/api/stats", "/api/events", "/api/events?sort=goldstein", "/api/events?sort=mentions",
    "/api/events?sort=confidence", "/api/events?sort=sources", "/api/events?order=asc", "/api/actors",
    "/api/dyads", "/api/places", "/api/network",
)

# What the answers read first: the rollups every top table scans (tens of MB at 10 million events), the
# events (1.5 GB: every page scans their filter columns and reads its rows there) and the heads of their
# sorted orders (0.7 GB); then the rest of the file in its order (the evidence an event's or an article's
# page shows, the indexes, which pragma_storage_info does not list, and blocks the file no longer uses).
# The tables' blocks are listed by DuckDB (0.6 s of CPU for these at 10 million events, 1.2 s for all).
READ_AHEAD_TABLES = (*rollups.TABLES, "meta", "event_head_bounds", "events", "event_heads")
READ_AHEAD_SHARE = 2  # read ahead at most 1/2 of the memory the machine has available: the page cache is shared
READ_AHEAD_NICE = 19  # the reading thread's nice value: the lowest priority


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


def _yield_the_cpu() -> None:
    """Give this thread the lowest CPU and disk priority (Linux: a thread's own nice value and I/O class),
    so that the reading ahead, the reads it queues and the listing of the tables' blocks (0.6 s of CPU at 10
    million events) wait for the priming and the requests instead of sharing the cores and the disk with
    them: the port opens when the priming is done, not later. Elsewhere nothing changes."""
    import psutil  # lazy (start-up): only a server reads ahead

    with suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), READ_AHEAD_NICE)
    with suppress(AttributeError, OSError, psutil.Error):  # the disk's idle class: served when no one else asks
        psutil.Process(threading.get_native_id()).ionice(psutil.IOPRIO_CLASS_IDLE)


def read_ahead_budget() -> int:
    """The bytes :func:`start_read_ahead` may read: a share of the memory available now."""
    import psutil  # lazy (start-up): only a server reads ahead

    return int(psutil.virtual_memory().available) // READ_AHEAD_SHARE


def start_read_ahead(source: Any, done: Callable[[int, float], object] | None = None) -> threading.Thread | None:
    """Read :data:`READ_AHEAD_TABLES` of ``source``'s database file into the OS page cache on a daemon
    thread (started, returned); None for a source that is not a file (``watch --serve`` writes the one it
    reads: what it wrote is in the cache). ``done`` is called with the bytes read and the seconds it took.
    Nothing is raised: reading ahead only saves the queries time."""
    if not isinstance(source, SnapshotSource):
        return None

    def read() -> None:
        started = time.perf_counter()
        _yield_the_cpu()
        try:
            path = os.path.realpath(source.path)
            with source.cursor() as con:  # released before the reading: a switched-away file is not kept open
                ranges = plan(con, path, READ_AHEAD_TABLES)
            count = read_ranges(path, ranges, read_ahead_budget())
        except Exception:  # noqa: BLE001 - a file switched or gone meanwhile: the queries read it themselves
            return
        if done is not None:
            done(count, time.perf_counter() - started)

    thread = threading.Thread(target=read, name="eventwire-read-ahead", daemon=True)
    thread.start()
    return thread
