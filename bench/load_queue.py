"""Why bench/load.py's closed-loop p99 is what it is: the measured CPU of each computed page, in a queue model.

bench/load.py's 16 clients get most answers replayed from the cache in microseconds, so each client
spends nearly all its time waiting for a *computed* page (a question not asked before at this version):
at any moment most of the 16 clients wait for one, and the server's cores are full. Then the latency
of a computed page is set by the queue, not by its own CPU, and how the queue is served decides the
tail:

- **all at once** (what a thread per request does: uvicorn hands each to one of AnyIO's 40 threads):
  the cores are shared by every answer in progress, so an answer takes its own CPU times the number
  in progress divided by the cores; a text search (twice the CPU of a page) takes twice as long as
  the others: the tail is the costliest answers;
- **k at a time, in order** (``EVENTWIRE_API_SLOTS``, eventwire/api/answers.py): an answer waits for
  the ones ahead of it, then runs on a core of its own; every answer waits about as long.

This script measures the CPU of each computed page of bench/load.py's request mix in this process
(the app of ``eventwire serve``, called as uvicorn calls it, answer cache off: every request computed;
process CPU, DuckDB's threads included), then plays the 16 closed-loop clients against ``--cores``
cores with those service times, both ways. It is a model (no GIL, no other process, no ingestion):
it tells how far each way is from the target with the CPU a page costs now, and how cheap a page must
be for p99 < 100 ms. Compare its "all at once" p99 with bench/load.py's closed-loop p99 to see whether
the model holds on a machine.

    python bench/load_queue.py [--db /tmp/eventwire-load-100k.duckdb] [--cores 1.7] [--per-client 20]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from api_cpu import call, cpu_seconds  # noqa: E402
from api_latency import percentile  # noqa: E402
from load_fixture import ensure_db, random_filter  # noqa: E402

CHEAP_PER_COMPUTED = 3.0  # replayed or kept answers per computed one under bench/load.py (measured: 2.7-3.3)


async def page_costs(db: Path, per_client: int) -> list[float]:
    """Milliseconds of CPU of each computed page of bench/load.py's first ``per_client`` requests per client."""
    from eventwire.api import create_app
    from eventwire.read.names import known_codes

    known_codes()
    app = create_app(db)
    app.state.answers.enabled = False
    queries = [urlencode(random_filter(rng)) for rng in (random.Random(c) for c in range(16))
               for _ in range(per_client)]
    for query in queries[:10]:  # warm-up: DuckDB's caches, FastAPI's
        await call(app, query)
    wait_index = getattr(app.state.answers.source, "wait_index", None)  # unless EVENTWIRE_API_INDEX_MB=0
    if wait_index is not None:
        wait_index(120)
    costs = []
    for query in queries:
        started = cpu_seconds()
        await call(app, query)
        costs.append(1000 * (cpu_seconds() - started))
    return costs


def closed_loop(costs: list[float], cores: float, slots: int | None, clients: int = 16,
                answers: int = 50_000, seed: int = 1) -> tuple[float, list[float]]:
    """Computed answers a second and their latencies (ms) when ``clients`` each ask for one as soon as the
    last is answered; ``slots`` answers at most in progress (None: all), sharing ``cores`` equally."""
    rng = random.Random(seed)
    now = 0.0
    running: dict[int, float] = {}  # answer -> CPU still to do
    waiting: list[tuple[int, float]] = []
    asked: dict[int, float] = {}
    latencies: list[float] = []

    def ask(n: int) -> None:
        asked[n] = now
        work = rng.choice(costs)
        if slots is None or len(running) < slots:
            running[n] = work
        else:
            waiting.append((n, work))

    for n in range(clients):
        ask(n)
    asked_so_far = clients
    while len(latencies) < answers:
        speed = min(1.0, cores / len(running))
        done, left = min(running.items(), key=lambda item: item[1])
        now += left / speed
        for n in running:
            running[n] -= left
        del running[done]
        latencies.append(now - asked.pop(done))
        if waiting:
            n, work = waiting.pop(0)
            running[n] = work
        ask(asked_so_far)
        asked_so_far += 1
    rate = 1000 * len(latencies) / now
    return rate, latencies[clients * 10:]  # the start, with every client asking at once, left out


def all_requests_p99(latencies: list[float]) -> float:
    """The p99 over every request: the computed ones' ``latencies`` and, for each, the answers from the
    cache (0 ms) that come with it."""
    return percentile(latencies + [0.0] * int(CHEAP_PER_COMPUTED * len(latencies)), 0.99)


def report(costs: list[float], cores: float) -> None:
    mean = sum(costs) / len(costs)
    print(f"CPU per computed page: mean {mean:.1f} ms, p50 {percentile(costs, 0.5):.1f}, p90 {percentile(costs, 0.9):.1f}, "
          f"max {max(costs):.1f} ({len(costs)} pages); the model: 16 closed-loop clients, {cores:g} cores, "
          f"{CHEAP_PER_COMPUTED:g} answers from the cache (0 ms) per computed one")
    for slots in (None, 2, 3, 4):
        rate, latencies = closed_loop(costs, cores, slots)
        name = "all at once" if slots is None else f"{slots} at a time"
        print(f"  {name:12}: {rate:4.0f} computed/s; computed p50 {percentile(latencies, 0.5):4.0f} ms, "
              f"p99 {percentile(latencies, 0.99):4.0f} ms; all requests p99 {all_requests_p99(latencies):4.0f} ms")
    for scale in (0.75, 0.5):  # cheaper pages, k at a time
        _, latencies = closed_loop([c * scale for c in costs], cores, 3)
        print(f"  pages at {scale:.0%} of this CPU, 3 at a time: all requests p99 {all_requests_p99(latencies):4.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-load-100k.duckdb"))
    parser.add_argument("--events", type=int, default=100_000, help="event mentions if the database is built")
    parser.add_argument("--per-client", type=int, default=20, help="requests of each of the 16 clients' sequences")
    parser.add_argument("--cores", type=float, default=1.7,
                        help="cores the answers get (2 cores less the ingestion, the event loop and the clients)")
    args = parser.parse_args()
    ensure_db(args.db, args.events)
    report(asyncio.run(page_costs(args.db, args.per_client)), args.cores)


if __name__ == "__main__":
    main()
