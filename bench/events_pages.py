"""``/api/events`` pages on a large database, request by request, in process: the CPU and wall time each
costs, grouped by the kind of filter, to find which filters miss issue 16's p95 < 150 ms.

The requests are bench/api_latency.py's events requests (its makers: the same filters, sorts and pages),
answered by ``eventwire.api.pages.events_page`` on a read-only connection with the API's memory and
thread limits; each is asked twice and the second is timed (the OS page cache warm, as in a running
server). CPU is the process's (DuckDB's threads included), so a loaded machine changes it less than the
wall clock; the load average is printed.

``--batch N`` (on a database this process may open for writing; nothing is changed) times what a live
batch of N stored events costs the rollups (``rollups.capture`` then ``apply``, in a transaction rolled
back), with every rollup and without ``day_mode_pairs`` (schema 10), five times each.

    PYTHONPATH=. python bench/events_pages.py --db /tmp/ew10m.duckdb --requests 120 [--sort date|other]
    PYTHONPATH=. python bench/events_pages.py --db /tmp/ew10m.duckdb --requests 0 --batch 50

``--as-latency N``: instead of requests drawn here, the events requests bench/api_latency.py sends with
``--requests N`` (its seed and order, the warm-up round left out): which of them are slow.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_latency import SORTS, _events, percentile, requests_for  # noqa: E402
from sorted_pages import batch_cost, sample_ids  # noqa: E402

from eventwire.api.pages import events_page  # noqa: E402
from eventwire.api.source import limit_memory  # noqa: E402
from eventwire.read.filters import parse_filters  # noqa: E402
from eventwire.store import rollups  # noqa: E402


def kind(params: dict[str, object]) -> str:
    """The filter's names, dates as one word: what decides the way a page is found."""
    names = sorted("dates" if n in ("date_from", "date_to") else n for n in params)
    return "+".join(dict.fromkeys(names)) or "(none)"


def batch(db: Path, size: int) -> None:
    """CPU and wall ms of the rollups' update for a batch of ``size`` stored events, with and without
    day_mode_pairs (median of 5, in a transaction rolled back)."""
    con = duckdb.connect(str(db))
    ids = sample_ids(con, size)
    every = dict(rollups.KEYS)
    for label, keys in (("every rollup", every), ("without day_mode_pairs", {k: v for k, v in every.items()
                                                                            if k != "day_mode_pairs"})):
        rollups.KEYS.clear()
        rollups.KEYS.update(keys)
        wall, cpu = batch_cost(con, lambda: (rollups.capture(con, ids), rollups.apply(con, ids)))
        print(f"rollups for a batch of {size} events, {label}: {wall:.0f} ms wall, "
              f"{cpu:.0f} ms CPU (median of 5); load average {os.getloadavg()[0]:.1f}")
    rollups.KEYS.clear()
    rollups.KEYS.update(every)
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=120)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--sort", choices=["date", "other", "any"], default="any")
    parser.add_argument("--slowest", type=int, default=15, help="list this many slowest requests")
    parser.add_argument("--batch", type=int, default=0, help="time the rollups' update for a batch of this size")
    parser.add_argument("--as-latency", type=int, default=0, metavar="N",
                        help="the events requests of bench/api_latency.py --requests N instead")
    args = parser.parse_args()
    if args.batch:
        batch(args.db, args.batch)
    if not args.requests:
        return
    sorts = {"date": ["date"], "other": SORTS[1:], "any": SORTS}[args.sort]
    con = duckdb.connect(str(args.db), read_only=True)
    limit_memory(con)
    events = int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])
    rng = random.Random(args.seed)
    asked = [_events(rng, sorts)[1] for _ in range(args.requests)]
    if args.as_latency:
        makers = requests_for(random.Random(1), {"events": ["e"] * 200, "articles": ["a"] * 200})
        sent = [[make() for make in makers.values()] for _ in range(args.as_latency + 1)][1:]  # the warm-up left out
        names = list(makers)
        wanted = [n for n in names if n.startswith("/api/events (") and (args.sort == "any" or
                                                                         ("date" in n) == (args.sort == "date"))]
        asked = [one[names.index(n)][1] for one in sent for n in wanted]
    rows: list[tuple[float, float, str, str]] = []
    for params in asked:
        chosen = dict(params)
        sort, descending = str(chosen.pop("sort")), chosen.pop("order") == "desc"
        page, size = int(chosen.pop("page")), int(chosen.pop("page_size"))
        flt = parse_filters(chosen)
        for _ in range(2):
            started, clock = time.process_time(), time.perf_counter()
            answer = events_page(con, flt, page=page, page_size=size, sort=sort, descending=descending, events=events)
            spent, wall = (time.process_time() - started) * 1000, (time.perf_counter() - clock) * 1000
        rows.append((spent, wall, kind(chosen), f"{sort} {'desc' if descending else 'asc'} p{page} "
                                                f"total {answer['total']} {chosen}"))
    by_kind: dict[str, list[float]] = {}
    for spent, _, name, _ in rows:
        by_kind.setdefault(name, []).append(spent)
    cpu, wall = [r[0] for r in rows], [r[1] for r in rows]
    print(f"{len(rows)} requests ({args.sort}{', as api_latency sends them' if args.as_latency else ''}) on {events:,} events: CPU p50 {statistics.median(cpu):.0f} ms "
          f"p95 {percentile(cpu, 0.95):.0f} ms max {max(cpu):.0f}; wall p50 {statistics.median(wall):.0f} ms "
          f"p95 {percentile(wall, 0.95):.0f} ms; load average {os.getloadavg()[0]:.1f}")
    for name, spent_list in sorted(by_kind.items(), key=lambda kv: -max(kv[1])):
        print(f"  {name:<28} n {len(spent_list):3}  CPU p50 {statistics.median(spent_list):6.0f} ms  "
              f"max {max(spent_list):6.0f} ms")
    print("slowest:")
    for spent, took, _, what in sorted(rows, reverse=True)[:args.slowest]:
        print(f"  {spent:6.0f} ms CPU {took:6.0f} ms wall  {what}")
    con.close()


if __name__ == "__main__":
    main()
