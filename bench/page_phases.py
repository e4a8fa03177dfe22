"""Where the CPU of each ``/api/events`` page goes: bench/api_latency.py's own requests, answered in process.

The requests are exactly those api_latency.py sends to one events row ("by another column" or "by date"):
the same makers and seed, its warm-up round skipped. Each is answered by ``eventwire.api.pages.events_page``
on a read-only connection with the API's memory and thread limits, and its CPU (DuckDB's threads included)
is split by step: the rollups' count, the head of the order (store/heads.py), the count up to the cap, the
one-scan page and count, the page's row ids, and the fetch of its rows. The slowest requests are printed
with their steps, so the query shapes that set the p95 can be told apart (issue 16).

    PYTHONPATH=. python bench/page_phases.py --db /tmp/ew10m.duckdb --row other --slowest 12
    PYTHONPATH=. python bench/page_phases.py --db /tmp/ew10m.duckdb --row date
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from api_latency import Request, percentile, requests_for  # noqa: E402

from eventwire.api import pages  # noqa: E402
from eventwire.api.source import limit_memory  # noqa: E402
from eventwire.read import counts, head_pages, paging  # noqa: E402
from eventwire.read.filters import parse_filters  # noqa: E402

ROWS = {"other": "/api/events (by another column)", "date": "/api/events (by date, the default)"}
# the steps of events_page, as (module, attribute, label); each is timed where events_page calls it
STEPS = ((counts, "total", "rollups"), (head_pages, "page", "head"), (pages, "_count_to_cap", "count"),
         (paging, "counted_page", "counted"), (paging, "page_rowids", "rowids"), (paging, "rows_as_dicts", "fetch"))


def asked(row: str, requests: int) -> list[Request]:
    """The requests api_latency.py sends to ``row``, in order: one warm-up round, then ``requests`` rounds
    of every endpoint taking turns (the draws of the other endpoints advance the same generator)."""
    makers = requests_for(random.Random(1), {"events": ["x"] * 200, "articles": ["y"] * 200})
    found = []
    for round_ in range(requests + 1):
        for name, make in makers.items():
            request = make()
            if round_ and name == row:
                found.append(request)
    return found


def timed(spent: dict[str, float], label: str, step: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        try:
            return step(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + (time.process_time() - started) * 1000
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--row", choices=sorted(ROWS), default="other")
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--slowest", type=int, default=12)
    args = parser.parse_args()
    con = duckdb.connect(str(args.db), read_only=True)
    limit_memory(con)
    events = int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])
    spent: dict[str, float] = {}
    for module, name, label in STEPS:
        setattr(module, name, timed(spent, label, getattr(module, name)))
    # warm-up, as api_latency.py's round: the actor dictionaries (loaded by the first actor filter), the page cache
    pages.events_page(con, parse_filters({"target": "RUS", "quad": "1"}), events=events)
    done = []
    for _, params in asked(ROWS[args.row], args.requests):
        chosen = dict(params)
        sort, descending = chosen.pop("sort"), chosen.pop("order") == "desc"
        page, size = chosen.pop("page"), chosen.pop("page_size")
        flt = parse_filters(chosen)
        spent.clear()
        started = time.process_time()
        answer = pages.events_page(con, flt, page=page, page_size=size, sort=sort, descending=descending, events=events)
        done.append(((time.process_time() - started) * 1000, dict(spent), answer["total"], sort, descending, page, chosen))
    cpu = [d[0] for d in done]
    print(f"{ROWS[args.row]} on {args.db} ({events:,} events): {len(done)} requests, CPU p50 "
          f"{percentile(cpu, 0.5):.0f} ms, p95 {percentile(cpu, 0.95):.0f} ms, max {max(cpu):.0f} ms; over 100 ms: "
          f"{sum(c > 100 for c in cpu)}, over 150 ms: {sum(c > 150 for c in cpu)}; load average {os.getloadavg()[0]:.1f}")
    for total_ms, steps, total, sort, descending, page, chosen in sorted(done, key=lambda d: -d[0])[:args.slowest]:
        parts = " ".join(f"{label}={ms:.0f}" for label, ms in steps.items())
        print(f"  {total_ms:5.0f} ms [{parts}] total {total} {sort} {'desc' if descending else 'asc'} page {page} "
              f"{chosen}")
    con.close()


if __name__ == "__main__":
    main()
