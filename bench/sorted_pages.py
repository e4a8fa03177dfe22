"""Pages of ``/api/events`` sorted by another column than the date, request by request, in process: the CPU
each costs, and whether the head of its order answered it (eventwire/store/heads.py); then what keeping
the heads costs a live batch.

The requests are bench/api_latency.py's "by another column" ones (the same makers and seed), answered by
``eventwire.api.pages.events_page`` on a read-only connection with the API's memory and thread limits.
CPU is the process's (DuckDB's threads included), so a loaded machine changes it less than the wall
clock. The batch: ``heads.apply`` for ``--batch`` stored events in a transaction that is rolled back
(the database is not changed), five times.

    PYTHONPATH=. python bench/sorted_pages.py --db /tmp/ew10m.duckdb --requests 40
    PYTHONPATH=. python bench/sorted_pages.py --db /tmp/ew10m.duckdb --requests 40 --no-heads --batch 0
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_latency import SORTS, _events, percentile  # noqa: E402

from eventwire.api.pages import events_page  # noqa: E402
from eventwire.api.source import limit_memory  # noqa: E402
from eventwire.read import head_pages  # noqa: E402
from eventwire.read import questions as ask  # noqa: E402
from eventwire.read.filters import parse_filters  # noqa: E402
from eventwire.store import heads, id_keys  # noqa: E402


def pages(db: Path, requests: int, seed: int) -> None:
    con = duckdb.connect(str(db), read_only=True)
    limit_memory(con)
    rng = random.Random(seed)
    cpu: dict[bool, list[float]] = {True: [], False: []}
    for _ in range(requests):
        _, params = _events(rng, SORTS[1:])
        chosen = dict(params)
        sort, descending = chosen.pop("sort"), chosen.pop("order") == "desc"
        page, size = chosen.pop("page"), chosen.pop("page_size")
        flt = parse_filters(chosen)
        head = head_pages.page(con, flt, ask.EVENT_COLUMNS, sort=sort, descending=descending, limit=size,
                               offset=(page - 1) * size) is not None
        started, clock = time.process_time(), time.perf_counter()
        answer = events_page(con, flt, page=page, page_size=size, sort=sort, descending=descending)
        spent, wall = (time.process_time() - started) * 1000, (time.perf_counter() - clock) * 1000
        cpu[head].append(spent)
        print(f"{spent:7.0f} ms CPU {wall:7.0f} ms wall  {'head' if head else 'events':6} {sort:10} "
              f"{'desc' if descending else 'asc':4} page {page} total {answer['total']:>6}  {chosen}", flush=True)
    every = cpu[True] + cpu[False]
    print(f"{len(every)} requests, {len(cpu[True])} from a head; CPU p50 {statistics.median(every):.0f} ms, "
          f"p95 {percentile(every, 0.95):.0f} ms; from a head p50 "
          f"{statistics.median(cpu[True]) if cpu[True] else 0:.0f} ms, from the events p50 "
          f"{statistics.median(cpu[False]) if cpu[False] else 0:.0f} ms; load average {os.getloadavg()[0]:.1f}")
    con.close()


def batch_cost(con: duckdb.DuckDBPyConnection, update: Callable[[], object], runs: int = 5) -> tuple[float, float]:
    """Median wall and CPU ms of ``update()`` over ``runs`` transactions, each rolled back so the
    database stays as it was."""
    spent, cpu = [], []
    for _ in range(runs):
        con.execute("BEGIN")
        started, clock = time.perf_counter(), time.process_time()
        update()
        spent.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - clock) * 1000)
        con.execute("ROLLBACK")
    return statistics.median(spent), statistics.median(cpu)


def sample_ids(con: duckdb.DuckDBPyConnection, size: int) -> list[str]:
    """The ids of ``size`` stored events drawn at random: a live batch's worth."""
    return [row[0] for row in con.execute(f"SELECT id FROM events USING SAMPLE {int(size)} ROWS").fetchall()]


def batch(db: Path, size: int) -> None:
    con = duckdb.connect(str(db))
    ids = sample_ids(con, size)
    wall, cpu = batch_cost(con, lambda: heads.apply(con, ids))
    print(f"heads.apply for a batch of {size} events: {wall:.0f} ms wall, "
          f"{cpu:.0f} ms CPU (median of 5); load average {os.getloadavg()[0]:.1f}")
    # what the writer adds per batch for events.id_key (schema 11): the key of each rewritten event's id
    # (over the batch's ids as a list: the writer computes it in its INSERT from the batch's own rows)
    for label, expression in (("the ids alone", "i"), ("their id_key", id_keys.sql("i"))):
        def compute(sql: str = f"SELECT {expression} FROM unnest(?) t(i)") -> object:
            return con.execute(sql, [ids]).fetchall()

        wall, cpu = batch_cost(con, compute)
        print(f"{label} for a batch of {size} events: {wall:.2f} ms wall, {cpu:.2f} ms CPU (median of 5)")
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=50, help="events per live batch (0: skip)")
    parser.add_argument("--no-heads", action="store_true", help="answer every page over the events (as before v9)")
    args = parser.parse_args()
    if args.no_heads:
        head_pages.MIN_EVENTS = 2**62
    if args.requests:
        pages(args.db, args.requests, args.seed)
    if args.batch:
        batch(args.db, args.batch)


if __name__ == "__main__":
    main()
