"""CPU of `/api/events` right after live watch cycles: how much of the answer cache a new version costs.

`bench/load.py --ingest full --live` measures the service under load, but its wall clock moves with the
machine's load and its CPU figure mixes the watcher's with the server's. Here one process holds what
`eventwire watch --serve` holds (a :class:`~eventwire.api.live_source.LiveSource` over a copy of the
>= 100k-event database, the app of the API over it) and alternates, with nothing else running:

1. a cycle: ``--per-cycle`` sample pages (eventwire/samples/html, written for the eventwire project)
   under new URLs through the pipeline (the full stages by default, EVENTWIRE_STAGES) into the
   database, then ``source.changed()``, as the watcher reports a cycle that stored something;
2. a round of requests: bench/load.py's mix (its ``--clients`` clients' first ``--per-client`` requests,
   ``random.Random(i)``, as every slice of bench/load.py starts them again), called one at a time
   as uvicorn calls the app (plain ASGI), timing the process's CPU (all threads) over the round only.

It prints per round the events the cycle added, how many pages the route computed (the rest were
replayed or kept, or carried over from the previous version by eventwire/api/deltas.py), and CPU per
request. The first round (before any cycle) computes every answer; it is reported apart.

    python bench/live_carry.py [--db /tmp/eventwire-load-100k.duckdb] [--cycles 6] [--per-cycle 4]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from api_cpu import call, cpu_seconds  # noqa: E402
from load_fixture import SAMPLE_PAGES, ensure_db, random_filter  # noqa: E402


def requests(clients: int, per_client: int) -> list[str]:
    """bench/load.py's request mix: each client's first ``per_client`` requests, interleaved."""
    rngs = [random.Random(i) for i in range(clients)]
    return [urlencode(random_filter(rng)) for _ in range(per_client) for rng in rngs]


def counting_pages() -> list[int]:
    """Count the pages the /api/events route computes (a cache miss that was not carried over)."""
    from eventwire.api import routes

    calls: list[int] = []
    original = routes.events_page  # type: ignore[attr-defined]

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    routes.events_page = counted  # type: ignore[attr-defined]
    return calls


def one_round(app: Any, queries: list[str], calls: list[int]) -> tuple[int, float, float]:
    """(pages computed, CPU seconds, wall seconds) of one round of requests, one at a time."""
    computed, cpu, wall = len(calls), cpu_seconds(), time.perf_counter()

    async def send_all() -> None:
        for query in queries:
            await call(app, query)

    asyncio.run(send_all())
    return len(calls) - computed, cpu_seconds() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-load-100k.duckdb"))
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--cycles", type=int, default=6)
    parser.add_argument("--per-cycle", type=int, default=4, help="new articles per cycle (bench/load.py's --feed-items)")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--per-client", type=int, default=20)
    args = parser.parse_args()

    from eventwire.api import create_app
    from eventwire.api.live_source import LiveSource
    from eventwire.pipeline import run
    from eventwire.records import RawDocument
    from eventwire.settings import get_settings
    from eventwire.stages import get_stages
    from eventwire.store.seen import Seen

    ensure_db(args.db, args.events)
    folder = Path(tempfile.mkdtemp(prefix="eventwire-carry-"))
    db = folder / "live.duckdb"
    shutil.copyfile(args.db, db)
    source = LiveSource(db)
    try:
        app = create_app(source=source)
        settings = get_settings()
        stages, seen = get_stages(settings.stages, settings.actor_files()), Seen.recent()
        queries, calls = requests(args.clients, args.per_client), counting_pages()
        computed, cpu, _ = one_round(app, queries, calls)
        print(f"{len(queries)} requests a round ({args.clients} clients x {args.per_client}, bench/load.py's mix), "
              f"{settings.stages} stages, {args.per_cycle} new articles a cycle")
        print(f"first round (empty cache): {computed} pages computed, {1000 * cpu / len(queries):.2f} ms CPU a request")
        totals = [0, 0.0, 0]
        released = 0
        for cycle in range(1, args.cycles + 1):
            documents = []
            for _ in range(args.per_cycle):
                sample = SAMPLE_PAGES[released % len(SAMPLE_PAGES)]
                url = f"https://carry.example/{released:05d}-{sample.name}"
                documents.append(RawDocument(uri=url, url=url, kind="html", content=sample.read_bytes()))
                released += 1
            with source.cursor() as con:
                before = int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])
            run(documents=documents, db=db, stages=stages, command="bench live_carry", seen=seen)
            source.changed()
            with source.cursor() as con:
                added = int(con.execute("SELECT count(*) FROM events").fetchall()[0][0]) - before
            computed, cpu, wall = one_round(app, queries, calls)
            totals[0] += computed
            totals[1] += cpu
            totals[2] += len(queries)
            print(f"cycle {cycle}: {added:+d} events; round: {computed}/{len(queries)} pages computed, "
                  f"{1000 * cpu / len(queries):.2f} ms CPU a request, {wall:.2f} s wall")
        print(f"after {args.cycles} cycles: {totals[0]}/{totals[2]} pages computed "
              f"({100 * totals[0] / max(1, totals[2]):.0f}%), {1000 * totals[1] / max(1, totals[2]):.2f} ms CPU a request")
    finally:
        source.close()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
