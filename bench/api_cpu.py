"""CPU per `/api/events` request inside the server, by kind of answer: no sockets, no client, no load.

`bench/load.py` reports the server's CPU per request, but mixes the kinds (and the machine's load
moves its wall clock). Here the app of `eventwire serve` is called in this process as uvicorn calls
it (plain ASGI), with bench/load.py's request mix (its clients' first ``--per-client`` requests each),
and the process's CPU time (every thread, DuckDB's included) is divided by the requests, for:

- ``computed``: the answer cache off, every answer a DuckDB query (a miss);
- ``computed again``: the answer cache on but emptied, so every answer is computed again, now with its page's
  rows kept (eventwire/api/rows.py) and through the replay middleware as in ``serve`` (which pins the request to
  its snapshot: eventwire/api/snapshots.py): with the in-memory index, most pages need no DuckDB at all;
- ``kept``: the answer kept by `Answers` but the request not seen before in these bytes (its
  parameters reordered), so it goes through FastAPI's routing and validation;
- ``replayed``: the same request again, sent by `eventwire/api/replay.py` before routing.

    python bench/api_cpu.py [--db /tmp/eventwire-load-100k.duckdb] [--per-client 20]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from load_fixture import ensure_db, random_filter  # noqa: E402


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def call(app: Any, query: str) -> None:
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": "/api/events", "raw_path": b"/api/events", "query_string": query.encode(), "root_path": "",
             "headers": [(b"host", b"127.0.0.1:8000")], "client": ("127.0.0.1", 5000),
             "server": ("127.0.0.1", 8000)}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await app(scope, receive, send)
    if sent[0]["status"] != 200:
        raise SystemExit(f"/api/events?{query} answered {sent[0]['status']}")


async def per_request(app: Any, queries: list[str]) -> float:
    """Milliseconds of CPU per request over ``queries``."""
    started = cpu_seconds()
    for query in queries:
        await call(app, query)
    return 1000 * (cpu_seconds() - started) / len(queries)


async def measure(db: Path, per_client: int) -> None:
    from eventwire.api import create_app
    from eventwire.read.names import known_codes

    known_codes()  # loaded at start-up by the server too
    app = create_app(db)
    answers = app.state.answers
    clients = [random.Random(client) for client in range(16)]  # the seeds of bench/load.py's clients
    mix = [random_filter(rng) for rng in clients for _ in range(per_client)]
    queries = [urlencode(params) for params in mix]
    reordered = [urlencode(dict(reversed(list(params.items())))) for params in mix]
    for query in queries[:10]:  # warm-up: DuckDB's caches, FastAPI's
        await call(app, query)
    wait_index = getattr(answers.source, "wait_index", None)  # the in-memory index, unless EVENTWIRE_API_INDEX_MB=0
    if wait_index is not None:
        wait_index(120)
    answers.enabled = False
    computed = await per_request(app, queries)
    answers.enabled = True
    again = await per_request(app, queries)  # keeps every answer (and its response)
    kept = await per_request(app, reordered)
    replayed = await per_request(app, queries)
    print(f"{len(queries)} requests of bench/load.py's mix on {db}; CPU per request: computed {computed:.2f} ms, "
          f"computed again (rows kept) {again:.2f} ms, kept (through FastAPI) {kept:.2f} ms, replayed {replayed:.3f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-load-100k.duckdb"))
    parser.add_argument("--events", type=int, default=100_000, help="event mentions if the database is built")
    parser.add_argument("--per-client", type=int, default=20, help="requests of each of the 16 clients' sequences")
    args = parser.parse_args()
    ensure_db(args.db, args.events)
    asyncio.run(measure(args.db, args.per_client))


if __name__ == "__main__":
    main()
