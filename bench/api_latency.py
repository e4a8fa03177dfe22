"""API latency and server memory on a large database: every endpoint the dashboard calls.

Builds (or reuses) a database of synthetic events with bench/make_events_db.py (the bulk SQL path
from 200,000 events), starts `eventwire serve` on loopback in a subprocess with the answer cache off
(EVENTWIRE_API_CACHE=0: every request below is a real query), and times sequential requests from this
process, the endpoints taking turns, with the filters varied the way the dashboard's views vary them
(eventwire/web/static/js/*.js). Prints p50/p95 per endpoint, the server's start-up time (until it
answers /api/stats) and its peak RSS (sampled every 50 ms with psutil).

Target (issue 16): p95 < 150 ms on every endpoint on 10 million events, server RSS < 1.5 GB.

    python bench/api_latency.py --events 1000000 --db /tmp/ew1m.duckdb --requests 40
    python bench/api_latency.py --db /tmp/ew1m.duckdb --code /path/to/other/checkout   # compare code
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_events_db  # noqa: E402
from rss import RssSampler  # noqa: E402

TARGET_MS = 150.0
TARGET_RSS = 1.5 * 2**30
ACTORS = ["RUS", "UKR", "USA", "CHN", "ISR", "PSE", "IRN", "IND", "Russia", "United States", "China", "RUSMIL",
          "USAGOV", "DEU", "FRA", "TUR", "GEO", "JPN", "Ukraine", "Germany"]
DYADS = [("RUS", "UKR"), ("USA", "CHN"), ("ISR", "PSE"), ("IND", "PAK"), ("IRN", "USA"), ("Russia", "United States"),
         ("DEU", "FRA"), ("TUR", "SYR"), ("JPN", "KOR"), ("GBR", "USA")]
PLOVER = ["ASSAULT", "CONSULT", "COERCE", "AID", "ACCUSE", "THREATEN", "COOPERATE", "PROTEST"]
SORTS = ["date", "goldstein", "mentions", "sources", "confidence"]
Request = tuple[str, dict[str, Any]]


def _window(rng: random.Random) -> dict[str, str]:
    """A date range like the dashboard's (a period clicked, a range typed): 1 month to 2 years."""
    year, month = rng.randint(2021, 2025), rng.randint(1, 12)
    months = rng.choice([1, 3, 12, 24])
    end_year, end_month = year + (month - 1 + months - 1) // 12, (month - 1 + months - 1) % 12 + 1
    return {"date_from": f"{year}-{month:02d}", "date_to": f"{end_year}-{end_month:02d}"}


def _events(rng: random.Random, sorts: list[str]) -> Request:
    """The events view: its form's filters, one of ``sorts``, a page."""
    kinds: list[Callable[[], dict[str, Any]]] = [
        lambda: {"actor": rng.choice(ACTORS)}, lambda: {"source": rng.choice(ACTORS), "plover": rng.choice(PLOVER)},
        lambda: {"actor": rng.choice(ACTORS), **_window(rng)}, lambda: {"cameo": rng.choice(["19", "04", "172", "01"])},
        lambda: {"actor": (d := rng.choice(DYADS))[0], "actor2": d[1]}, lambda: {"plover": rng.choice(PLOVER)},
        lambda: {"target": rng.choice(ACTORS), "quad": rng.choice(["3,4", "1", "2"])}, lambda: {},
        lambda: {"place": rng.choice(["Ukraine", "Russia", "Israel city 3", "UKR"])}, lambda: _window(rng),
        lambda: {"actor": rng.choice(ACTORS), "mode": "negation"}, lambda: {"min_confidence": rng.choice(["0.9", "0.7"])},
        lambda: {"q": rng.choice(["strike", "Ukraine", "negotiate", "aid"]), **_window(rng)},
    ]
    params = rng.choice(kinds)()
    sort = rng.choice(sorts)
    return "/api/events", {**params, "sort": sort, "order": rng.choice(["desc", "asc"]), "page": rng.randint(1, 5),
                           "page_size": 50}


def requests_for(rng: random.Random, ids: dict[str, list[str]]) -> dict[str, Callable[[], Request]]:
    """Endpoint name -> a maker of one request to it (path, params), as the dashboard sends them."""
    def series() -> Request:
        a, b = rng.choice(DYADS)
        return f"/api/dyads/{a}/{b}/series", {"by": rng.choice(["month", "month", "day", "week", "year"])}

    def network() -> Request:
        window = _window(rng) if rng.random() < 0.7 else {}
        return "/api/network", {"limit": rng.choice([25, 50, 100, 200, 300]), "min_events": 1, **window}

    return {
        "/api/events (by date, the default)": lambda: _events(rng, ["date"]),
        "/api/events (by another column)": lambda: _events(rng, SORTS[1:]),
        "/api/events/{id}": lambda: (f"/api/events/{rng.choice(ids['events'])}", {}),
        "/api/articles/{id}": lambda: (f"/api/articles/{rng.choice(ids['articles'])}", {}),
        "/api/dyads/{a}/{b}/series": series,
        "/api/dyads (top)": lambda: ("/api/dyads", {"limit": rng.choice([1, 10]),
                                                    **(_window(rng) if rng.random() < 0.5 else {})}),
        "/api/actors (top)": lambda: ("/api/actors", {"limit": 12, **(_window(rng) if rng.random() < 0.5 else {})}),
        "/api/network": network,
        "/api/places": lambda: ("/api/places", _window(rng) if rng.random() < 0.5 else {}),
        "/api/stats": lambda: ("/api/stats", _window(rng) if rng.random() < 0.5 else {}),
        "/api/actors/complete": lambda: ("/api/actors/complete", {"q": rng.choice(["ru", "uni", "chi", "is", "na"])}),
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def _ensure_db(db: Path, events: int) -> int:
    import duckdb

    have = 0
    if db.exists():
        try:
            with duckdb.connect(str(db), read_only=True) as con:
                row = con.execute("SELECT count(*) FROM events").fetchone()
                have = int(row[0]) if row else 0
        except duckdb.Error:
            have = 0
    if have < events:
        db.unlink(missing_ok=True)
        builder = make_events_db.build_bulk if events >= make_events_db.BULK_FROM else make_events_db.build
        print(f"built {db} with {events} synthetic events in {builder(db, events):.0f}s", flush=True)
        return _ensure_db(db, 0)
    return have


def _ids(db: Path, n: int = 200) -> dict[str, list[str]]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        events = [r[0] for r in con.execute(f"SELECT id FROM events USING SAMPLE {n} ROWS").fetchall()]
        articles = [r[0] for r in con.execute(f"SELECT id FROM articles USING SAMPLE {n} ROWS").fetchall()]
    return {"events": events, "articles": articles}


def _serve(db: Path, code: Path | None) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "EVENTWIRE_API_CACHE": "0"}
    if code is not None:
        env["PYTHONPATH"] = str(code)
    server = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)],
                              stderr=subprocess.DEVNULL, env=env, cwd=str(code) if code else None)
    return server, f"http://127.0.0.1:{port}"


def _cpu_ms(process: psutil.Process) -> float:
    times = process.cpu_times()
    return (times.user + times.system) * 1000


def _time(client: httpx.Client, makers: dict[str, Callable[[], Request]], rounds: int,
          server: psutil.Process, asked: dict[str, list[Request]] | None = None,
          ) -> tuple[dict[str, list[float]], dict[str, list[float]], int]:
    """Wall-clock ms and server CPU ms of each request (the CPU time does not count waiting for a core:
    on a shared machine it tells what the answer costs, the wall clock what the user waited). ``asked``
    collects each endpoint's requests, in the order of the times (for --slowest)."""
    results: dict[str, list[float]] = {name: [] for name in makers}
    cpu: dict[str, list[float]] = {name: [] for name in makers}
    errors = 0
    for _ in range(rounds):
        for name, make in makers.items():
            path, params = make()
            if asked is not None:
                asked.setdefault(name, []).append((path, params))
            before = _cpu_ms(server)
            started = time.perf_counter()
            response = client.get(path, params=params)
            results[name].append((time.perf_counter() - started) * 1000)
            cpu[name].append(_cpu_ms(server) - before)
            if response.status_code != 200:
                errors += 1
                print(f"  {response.status_code} {path} {params}: {response.text[:200]}", flush=True)
    return results, cpu, errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000, help="build the database with this many events")
    parser.add_argument("--requests", type=int, default=40, help="requests per endpoint")
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-api-bench.duckdb"))
    parser.add_argument("--code", type=Path, default=None, help="serve with the eventwire of this checkout")
    parser.add_argument("--slowest", type=int, default=0, help="print this many slowest requests of each endpoint")
    args = parser.parse_args()
    asked: dict[str, list[Request]] = {}
    n_events = _ensure_db(args.db, args.events)
    makers = requests_for(random.Random(1), _ids(args.db))
    server, base = _serve(args.db, args.code)
    rss = RssSampler(server.pid, interval=0.05)
    started = time.perf_counter()
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            while True:
                try:
                    client.get("/api/stats")
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.perf_counter() - started > 600:
                        raise SystemExit("the server did not start") from None
                    time.sleep(0.1)
            ready = time.perf_counter() - started
            process = psutil.Process(server.pid)
            _time(client, makers, 1, process)  # one warm-up round: the OS page cache, the actor dictionaries
            results, cpu, errors = _time(client, makers, args.requests, process, asked)
    finally:
        peak = rss.stop()
        server.terminate()
        server.wait(timeout=30)
    print(f"database: {n_events:,} events; {args.requests} requests per endpoint, answer cache off; "
          f"server ready in {ready:.1f}s; peak server RSS {peak / 2**20:,.0f} MB; errors: {errors}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    ok = errors == 0 and peak < TARGET_RSS
    for name, times in results.items():
        p50, p95 = statistics.median(times), percentile(times, 0.95)
        print(f"{name:<38} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms  max {max(times):7.1f} ms   server CPU "
              f"p50 {statistics.median(cpu[name]):6.1f} ms  p95 {percentile(cpu[name], 0.95):6.1f} ms")
        ok &= p95 < TARGET_MS
        for n in sorted(range(len(times)), key=lambda n: -times[n])[:args.slowest]:
            print(f"    {times[n]:7.1f} ms (CPU {cpu[name][n]:6.1f} ms)  {asked[name][n][0]} {asked[name][n][1]}")
    print("PASS" if ok else f"FAIL: every p95 must be < {TARGET_MS:.0f} ms, RSS < 1.5 GB, no errors")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
