"""API latency and server memory on a large database: every endpoint the dashboard calls.

Builds (or reuses) a database of synthetic events with bench/make_events_db.py (the bulk SQL path
from 200,000 events), starts `eventwire serve` on loopback in a subprocess with the answer cache off
(EVENTWIRE_API_CACHE=0: every request below is a real query), and times sequential requests from this
process, the endpoints taking turns, with the filters varied the way the dashboard's views vary them
(eventwire/web/static/js/*.js). Prints p50/p95 per endpoint with the server's CPU time and the bytes
it read from the disk (not from the OS page cache: /proc/PID/task/*/io), both without the server's
reading ahead (its thread, at nice 19, is left out; the line the server prints when it is done is shown
with when the timed requests began), the server's start-up time (until it answers /api/stats) and its
peak RSS (sampled every 50 ms with psutil).

``--runs N`` starts N servers one after the other and sends each the same requests; ``--drop-cache``
empties the OS page cache before the first (root only): the first run is then a server that has just
started on a database nobody read since the machine started, what issue 16's "first run" asks.

Target (issue 16): p95 < 150 ms on every endpoint on 10 million events, server RSS < 1.5 GB.

    python bench/api_latency.py --events 1000000 --db /tmp/ew1m.duckdb --requests 40
    python bench/api_latency.py --db /tmp/ew1m.duckdb --code /path/to/other/checkout   # compare code
    python bench/api_latency.py --db /tmp/ew10m.duckdb --runs 4 --drop-cache --slowest 5   # cold, then warm
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
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


def _serve(db: Path, code: Path | None, log: Any) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "EVENTWIRE_API_CACHE": "0"}
    if code is not None:
        env["PYTHONPATH"] = str(code)
    server = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port)],
                              stderr=log, env=env, cwd=str(code) if code else None)
    return server, f"http://127.0.0.1:{port}"


def _read_ahead_line(log: Any) -> str | None:
    """The server's line saying how much it read ahead into the page cache (eventwire/api/warm.py), if yet."""
    log.flush()
    lines = Path(log.name).read_text(errors="replace").splitlines()
    return next((line for line in lines if "ahead into the page cache" in line), None)


BACKGROUND_NICE = 19  # the server's reading ahead runs at this nice value (eventwire/api/warm.py)


def _costs(process: psutil.Process) -> tuple[float, int]:
    """The server's CPU time (ms) and the bytes it read from the disk so far, without its reading ahead:
    the sums over its threads but those at :data:`BACKGROUND_NICE` (the background thread's work is not a
    request's). CPU from each thread's time on a core in ns (schedstat), since the process total counts in
    10 ms ticks, as long as a page's whole cost; the process totals where /proc does not tell."""
    cpu, disk = 0.0, 0
    try:
        tasks = os.listdir(f"/proc/{process.pid}/task")
    except OSError:
        times = process.cpu_times()
        return (times.user + times.system) * 1000, int(getattr(process.io_counters(), "read_bytes", 0))
    for task in tasks:
        base = f"/proc/{process.pid}/task/{task}"
        try:
            if int(Path(f"{base}/stat").read_text().rpartition(")")[2].split()[16]) == BACKGROUND_NICE:
                continue
            thread_cpu = int(Path(f"{base}/schedstat").read_text().split()[0]) / 1e6
            thread_disk = int(Path(f"{base}/io").read_text().split("read_bytes:")[1].split()[0])
        except (OSError, ValueError, IndexError):
            # a thread that ended between the listing and the reading (the reading-ahead thread, when it is
            # done): left out, not a reason to switch to the process totals, which count the reading ahead
            # too and would charge its gigabytes to the request being timed
            continue
        cpu += thread_cpu
        disk += thread_disk
    return cpu, disk


class Timed:
    """Per endpoint: the wall-clock ms, server CPU ms and disk bytes of each request, and the requests."""

    def __init__(self, names: list[str]) -> None:
        self.wall: dict[str, list[float]] = {name: [] for name in names}
        self.cpu: dict[str, list[float]] = {name: [] for name in names}
        self.disk: dict[str, list[int]] = {name: [] for name in names}
        self.asked: dict[str, list[Request]] = {name: [] for name in names}
        self.errors = 0


def _time(client: httpx.Client, requests: list[tuple[str, Request]], server: psutil.Process) -> Timed:
    """Send ``requests`` (endpoint name, request) one after the other; what each cost. The CPU time does
    not count waiting for a core: on a shared machine it tells what the answer costs, the wall clock what
    the user waited."""
    timed = Timed(list(dict.fromkeys(name for name, _ in requests)))
    for name, (path, params) in requests:
        timed.asked[name].append((path, params))
        before, disk = _costs(server)
        started = time.perf_counter()
        response = client.get(path, params=params)
        timed.wall[name].append((time.perf_counter() - started) * 1000)
        after, disk_after = _costs(server)
        # not below 0: a server thread that ended during the request takes its own totals with it
        timed.cpu[name].append(max(0.0, after - before))
        timed.disk[name].append(max(0, disk_after - disk))
        if response.status_code != 200:
            timed.errors += 1
            print(f"  {response.status_code} {path} {params}: {response.text[:200]}", flush=True)
    return timed


def _sequence(makers: dict[str, Callable[[], Request]], rounds: int) -> list[tuple[str, Request]]:
    """``rounds`` rounds of one request to each endpoint, the endpoints taking turns."""
    return [(name, make()) for _ in range(rounds) for name, make in makers.items()]


def drop_page_cache() -> None:
    """Empty the OS page cache (Linux, root), so that the next server reads the database from the disk."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("1\n")
    except OSError as exc:
        raise SystemExit(f"--drop-cache: cannot empty the page cache ({exc}); run as root, or without it") from None


def run(db: Path, code: Path | None, warmup: list[tuple[str, Request]], timed: list[tuple[str, Request]],
        wait_read_ahead: bool = False) -> tuple[Timed, float, int, str]:
    """One fresh server: ready after how long, one warm-up round, then the timed requests; its peak RSS and
    what it said about reading ahead (when it said it: the requests before then shared the disk with it).
    ``wait_read_ahead``: the warm-up round starts only when it has read ahead (at most 120 s)."""
    with tempfile.NamedTemporaryFile("w+b", prefix="api-latency-server-", suffix=".log") as log:
        server, base = _serve(db, code, log)
        rss = RssSampler(server.pid, interval=0.05)
        started = time.perf_counter()
        read_ahead = ""
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
                while wait_read_ahead and _read_ahead_line(log) is None and time.perf_counter() - started < 120:
                    time.sleep(0.1)
                process = psutil.Process(server.pid)
                _time(client, warmup, process)  # one warm-up round: the actor dictionaries, each route's first pass
                timing = time.perf_counter() - started
                results = _time(client, timed, process)
            said = _read_ahead_line(log)
            read_ahead = (f"{said.removeprefix('eventwire: ')}; the timed requests began {timing:.1f}s after the start"
                          if said else "the server said nothing about reading ahead")
        finally:
            peak = rss.stop()
            server.terminate()
            server.wait(timeout=30)
    return results, ready, peak, read_ahead


def report(timed: Timed, slowest: int) -> bool:
    """Print each endpoint's figures (and its ``slowest`` requests); whether every p95 met the target."""
    ok = True
    for name, times in timed.wall.items():
        cpu, disk = timed.cpu[name], timed.disk[name]
        print(f"{name:<38} p50 {statistics.median(times):6.1f} ms  p95 {percentile(times, 0.95):6.1f} ms  max "
              f"{max(times):7.1f} ms   server CPU p50 {statistics.median(cpu):6.1f} ms  p95 "
              f"{percentile(cpu, 0.95):6.1f} ms   disk {sum(disk) / 2**20:6.1f} MB")
        ok &= percentile(times, 0.95) < TARGET_MS
        for n in sorted(range(len(times)), key=lambda n: -times[n])[:slowest]:
            print(f"    {times[n]:7.1f} ms (CPU {cpu[n]:6.1f} ms, disk {disk[n] / 2**20:5.1f} MB)  "
                  f"{timed.asked[name][n][0]} {timed.asked[name][n][1]}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000, help="build the database with this many events")
    parser.add_argument("--requests", type=int, default=40, help="requests per endpoint")
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-api-bench.duckdb"))
    parser.add_argument("--code", type=Path, default=None, help="serve with the eventwire of this checkout")
    parser.add_argument("--slowest", type=int, default=0, help="print this many slowest requests of each endpoint")
    parser.add_argument("--runs", type=int, default=1, help="fresh servers one after the other, same requests")
    parser.add_argument("--drop-cache", action="store_true", help="empty the OS page cache before the first run")
    parser.add_argument("--wait-read-ahead", action="store_true",
                        help="start the requests when the server has read the database ahead (not a user's first run)")
    args = parser.parse_args()
    n_events = _ensure_db(args.db, args.events)
    makers = requests_for(random.Random(1), _ids(args.db))
    warmup, requests = _sequence(makers, 1), _sequence(makers, args.requests)
    ok, p95s = True, {name: list[str]() for name in makers}
    for number in range(1, args.runs + 1):
        if args.drop_cache and number == 1:
            drop_page_cache()
        timed, ready, peak, read_ahead = run(args.db, args.code, warmup, requests, args.wait_read_ahead)
        cold = " (OS page cache emptied before it)" if args.drop_cache and number == 1 else ""
        print(f"run {number}/{args.runs}{cold}. database: {n_events:,} events; {args.requests} requests per endpoint, "
              f"answer cache off; server ready in {ready:.1f}s; peak server RSS {peak / 2**20:,.0f} MB; errors: "
              f"{timed.errors}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores\n  {read_ahead}",
              flush=True)
        ok &= report(timed, args.slowest) and timed.errors == 0 and peak < TARGET_RSS
        for name, times in timed.wall.items():
            p95s[name].append(f"{percentile(times, 0.95):.0f}/{percentile(timed.cpu[name], 0.95):.0f}")
    if args.runs > 1:
        print("p95 wall/server CPU ms by run:")
        for name, figures in p95s.items():
            print(f"  {name:<38} {'  '.join(figures)}")
    print("PASS" if ok else f"FAIL: every p95 must be < {TARGET_MS:.0f} ms, RSS < 1.5 GB, no errors")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
