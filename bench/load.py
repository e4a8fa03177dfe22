"""Load test: concurrent clients on `/api/events` (with filters) while ingestion runs.

Builds (or reuses) a database of >= 100k synthetic events (bench/make_events_db.py), starts
`eventwire serve` on 127.0.0.1 in a subprocess, starts ingestion in another subprocess, then runs
``--clients`` concurrent asyncio + httpx clients for ``--seconds`` (or until ``--requests``), each
request a random filter combination. Loopback only, bounded in count and time.

Ingestion: `eventwire watch` does not exist yet in this tree, so ingestion is `eventwire run` of the
sample captures (eventwire/samples) into ANOTHER database file, in a loop (DuckDB allows one writer
per file, and `serve` holds the served file open read-only). It competes for the same CPU and disk,
which is what the test is about.

Target (issue "Reliability and security"): >= 300 requests/s, p99 < 250 ms, zero errors. Figures
depend on the machine's load: the load average is printed with them.

    python bench/load.py --clients 16 --seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import make_events_db  # noqa: E402
from api_latency import free_port, percentile  # noqa: E402

ACTORS = ["RUS", "UKR", "USA", "CHN", "ISR", "PSE", "IRN", "IND", "PAK", "DEU", "Russia", "United States"]
PLOVERS = ["ASSAULT", "CONSULT", "ACCUSE", "AID", "COERCE", "PROTEST", "COOPERATE", "REQUEST"]


def random_filter(rng: random.Random) -> dict[str, str | int]:
    """A filter combination like the dashboard's: one to three filters, sometimes a sort or a page."""
    choices: list[dict[str, str | int]] = [
        {"source": rng.choice(ACTORS)}, {"target": rng.choice(ACTORS)}, {"actor": rng.choice(ACTORS)},
        {"actor": rng.choice(ACTORS[:10]), "actor2": rng.choice(ACTORS[:10])}, {"plover": rng.choice(PLOVERS)},
        {"cameo": rng.choice(["01", "04", "19", "190", "17", "112"])},
        {"from": f"2024-{rng.randint(1, 12):02d}-01"}, {"to": f"2023-{rng.randint(1, 12):02d}-28"},
        {"place": rng.choice(["Kyiv", "Gaza", "Moscow", "Tbilisi"])}, {"q": rng.choice(["synthetic", "day 2", "said"])},
    ]
    params: dict[str, str | int] = {}
    for extra in rng.sample(choices, rng.randint(1, 3)):
        params.update(extra)
    if rng.random() < 0.3:
        params["sort"] = rng.choice(["goldstein", "mentions", "confidence", "date"])
    if rng.random() < 0.2:
        params["page"] = rng.randint(2, 5)
    params["page_size"] = rng.choice([20, 50, 50, 100])
    return params


def ensure_db(path: Path, events: int) -> None:
    import duckdb

    have = 0
    if path.exists():
        with duckdb.connect(str(path), read_only=True) as con:
            row = con.execute("SELECT count(*) FROM event_mentions").fetchone()
            have = int(row[0]) if row else 0
    if have < events:
        path.unlink(missing_ok=True)
        seconds = make_events_db.build(path, events)
        print(f"built {path} with {events} synthetic event mentions in {seconds:.0f}s", flush=True)


class Ingestion:
    """`eventwire run` of the samples into a scratch database, restarted until stopped."""

    def __init__(self, stages: str) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="eventwire-load-"))
        self.env = {**os.environ, "EVENTWIRE_STAGES": stages}
        self.rounds = 0
        self.proc: subprocess.Popen[bytes] | None = None

    def poll(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            return
        if self.proc is not None:
            self.rounds += 1
        db = self.folder / f"ingest-{self.rounds}.duckdb"  # a fresh file each round: every round really ingests
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "eventwire.cli", "run", "--db", str(db), "-q", str(ROOT / "eventwire" / "samples")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.env)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)


async def client_loop(base: str, rng: random.Random, deadline: float, budget: list[int],
                      latencies: list[float], errors: list[str]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=10) as client:
        while time.perf_counter() < deadline and budget[0] > 0:
            budget[0] -= 1
            params = random_filter(rng)
            started = time.perf_counter()
            try:
                response = await client.get("/api/events", params=params)
                if response.status_code != 200:
                    errors.append(f"{response.status_code} {params}")
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {params}")
            latencies.append((time.perf_counter() - started) * 1000)


async def hammer(base: str, clients: int, seconds: float, requests: int) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    budget = [requests]
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(client_loop(base, random.Random(i), deadline, budget, latencies, errors)
                           for i in range(clients)))
    return latencies, errors, time.perf_counter() - started


def wait_ready(base: str, server: subprocess.Popen[bytes]) -> None:
    for _ in range(600):
        if server.poll() is not None:
            raise SystemExit("eventwire serve exited; run it by hand to see why")
        try:
            if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit("eventwire serve did not answer within 60 s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000, help="event mentions in the served database")
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-load-100k.duckdb"))
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long to send requests")
    parser.add_argument("--requests", type=int, default=50_000, help="stop after this many requests")
    parser.add_argument("--ingest", choices=["full", "light", "none"], default="full",
                        help="ingestion during the test: `eventwire run` with full or light stages, or none")
    args = parser.parse_args()
    ensure_db(args.db, args.events)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(args.db), "--port", str(port)],
                              stderr=subprocess.DEVNULL)
    ingestion = Ingestion(args.ingest) if args.ingest != "none" else None
    try:
        wait_ready(base, server)
        if ingestion:
            ingestion.poll()
            time.sleep(3)  # let the ingesting process get past its imports
        asyncio.run(hammer(base, 4, 3.0, 200))  # warm-up: connections, DuckDB caches
        load_before = os.getloadavg()[0]
        latencies: list[float] = []
        errors: list[str] = []
        elapsed = 0.0
        end = time.perf_counter() + args.seconds
        while time.perf_counter() < end and len(latencies) < args.requests:
            if ingestion:
                ingestion.poll()  # restart a finished ingestion round between slices
            slice_seconds = min(5.0, end - time.perf_counter())
            lat, err, took = asyncio.run(hammer(base, args.clients, slice_seconds, args.requests - len(latencies)))
            latencies += lat
            errors += err
            elapsed += took
        load_after = os.getloadavg()[0]
    finally:
        server.terminate()
        server.wait(timeout=10)
        if ingestion:
            ingestion.stop()
    rate = len(latencies) / elapsed if elapsed else 0.0
    p50, p99 = statistics.median(latencies), percentile(latencies, 0.99)
    ingest = f"`eventwire run` ({args.ingest} stages) into a scratch database, {ingestion.rounds} rounds completed" \
        if ingestion else "none"
    print(f"/api/events with filters, {args.clients} concurrent clients, {elapsed:.1f}s, database {args.db}")
    print(f"ingestion during the test: {ingest}")
    print(f"requests: {len(latencies)}  requests/s: {rate:.0f}  p50: {p50:.1f} ms  p95: {percentile(latencies, 0.95):.1f} ms  "
          f"p99: {p99:.1f} ms  max: {max(latencies):.1f} ms  errors: {len(errors)}")
    print(f"load average (1 min): {load_before:.1f} before, {load_after:.1f} after, on {os.cpu_count()} CPUs")
    for line in errors[:5]:
        print("  error:", line)
    ok = rate >= 300 and p99 < 250 and not errors
    print("PASS" if ok else "FAIL: target is >= 300 requests/s, p99 < 250 ms, zero errors")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
