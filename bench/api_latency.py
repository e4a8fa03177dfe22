"""API latency on a large database: /api/events with filters and /api/dyads/{a}/{b}/series.

Builds (or reuses) a database of >= 100k synthetic events with bench/make_events_db.py, starts
`eventwire serve` on loopback in a subprocess, and times sequential requests from this process.
Target (issue: API & dashboard): p95 < 100 ms for both endpoint families.

    python bench/api_latency.py --events 100000 --requests 300
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_events_db  # noqa: E402

FILTERS = [
    {"source": "RUS"}, {"target": "UKR", "plover": "ASSAULT"}, {"actor": "USA", "from": "2024-01-01"},
    {"cameo": "19", "to": "2024-06-30"}, {"actor": "CHN", "actor2": "USA"}, {"place": "Kyiv", "page": 3},
    {"q": "synthetic", "sort": "goldstein"}, {"plover": "CONSULT", "page_size": 100},
]
DYADS = [("RUS", "UKR"), ("USA", "CHN"), ("ISR", "PSE"), ("IND", "PAK"), ("IRN", "USA")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300, help="requests per endpoint family")
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-api-bench.duckdb"))
    args = parser.parse_args()
    import duckdb

    from eventwire.errors import DatabaseError
    from eventwire.store.db import connect

    have = 0
    if args.db.exists():
        try:  # a database from an older schema is rebuilt rather than migrated
            with connect(args.db, read_only=True) as con:
                row = con.execute("SELECT count(*) FROM event_mentions").fetchone()
                have = int(row[0]) if row else 0
        except DatabaseError:
            have = 0
    if have < args.events:
        args.db.unlink(missing_ok=True)
        seconds = make_events_db.build(args.db, args.events)
        print(f"built {args.db} with {args.events} synthetic events in {seconds:.0f}s")
    with duckdb.connect(str(args.db), read_only=True) as con:
        n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
    port = free_port()
    # The answer cache is off: every request below is a real query (a warm cache would measure a dict).
    server = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(args.db), "--port", str(port)],
        stderr=subprocess.DEVNULL, env={**os.environ, "EVENTWIRE_API_CACHE": "0"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=10) as client:
            for _ in range(200):
                try:
                    client.get("/api/stats")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            rng = random.Random(1)
            results: dict[str, list[float]] = {"/api/events (filtered)": [], "/api/dyads/{a}/{b}/series": []}
            errors = 0
            for i in range(args.requests):
                for name, (path, params) in (
                    ("/api/events (filtered)", ("/api/events", FILTERS[i % len(FILTERS)])),
                    ("/api/dyads/{a}/{b}/series", ("/api/dyads/{}/{}/series".format(*rng.choice(DYADS)),
                                                   {"by": rng.choice(["day", "week", "month"])})),
                ):
                    started = time.perf_counter()
                    response = client.get(path, params=params)
                    results[name].append((time.perf_counter() - started) * 1000)
                    errors += response.status_code != 200
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"database: {n_events} aggregated events ({args.events} mentions); {args.requests} requests each; "
          f"errors: {errors}")
    ok = errors == 0
    for name, times in results.items():
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        print(f"{name:<30} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   max {max(times):6.1f} ms")
        ok &= p95 < 100
    print("PASS" if ok else "FAIL: p95 must be < 100 ms with no errors")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
