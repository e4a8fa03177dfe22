"""Load test: concurrent clients on `/api/events` (with filters) while `eventwire watch` ingests.

The supported deployment of docs/watch.md, two processes on loopback:

    eventwire watch FEED --db watch.duckdb --snapshot live.duckdb --every 2s --rate 0 --allow-private
    eventwire serve --db live.duckdb [--workers N]

`watch` starts from a copy of a >= 100k-event database (bench/make_events_db.py, synthetic) and polls a
fixture feed served by `python -m http.server` from a scratch folder. Every ``--feed-every`` seconds the
bench adds ``--feed-items`` new items to the feed, each linking to a copy of one of the sample pages
(eventwire/samples/html, written for the eventwire project) under a new URL, so every item is a new
article that goes through the whole pipeline (``--ingest full``: the spaCy stages) and lands in the next
snapshot `watch` publishes (a symlink re-pointed at a fresh copy of the database, which `serve`
reopens). ``--ingest none`` serves the same database with nothing ingesting, as a baseline.

The clients are asyncio keep-alive HTTP/1.1 connections written here (like wrk: a few microseconds a
request, so the client does not eat the CPU the server needs); each request is a random filter
combination like the dashboard's. An error is a failed connection, a status other than 200, or a body
that is not a page of events. Every ``--feed-every`` seconds each client starts its sequence again
(``random.Random(i)``), so requests repeat from one slice to the next and are answered from the
cache while the data has not changed (eventwire/api/replay.py); ``--fresh-requests`` lets the
sequences go on instead, for traffic with few repeats.

Closed and open loop. By default the clients are a closed loop: each sends its next request when the
previous one is answered, so they measure saturation, and the p99 is mostly the queue of 16 requests
ahead of one (16 x the service time). ``--rate R`` is an open loop instead (like wrk2): requests are
sent on a fixed schedule, R a second, over as many connections as are needed (up to ``--connections``),
and each latency is measured from the request's *scheduled* send time, so a request that waited for a
free connection, or behind a slow answer, counts its wait ("coordinated omission" corrected). Its p99
says how long a user waits at that traffic; report it next to the closed-loop figure, not instead.

The server's CPU is printed in all and by part (its main thread, its other threads, its child
processes: with ``--live``, the watcher's own loop, the serving threads and the niced stage processes).
bench/load_queue.py models the closed loop with the measured CPU of each computed page.

Target (issue #8 "Load"): >= 300 requests/s, p99 < 250 ms, zero errors. Figures depend on the machine's
load: the load average is printed with them, and how much was ingested during the test.

    python bench/load.py --seconds 30 --ingest full
    python bench/load.py --seconds 30 --ingest none --workers 2
    python bench/load.py --seconds 30 --ingest full --live [--idle]   # watch --serve, ingesting [or not]
    python bench/load.py --seconds 30 --ingest full --live --rate 50  # open loop, 50 requests/s
    python bench/load.py --seconds 30 --ingest full --probe  # and where the server's time goes
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
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import load_probe  # noqa: E402
from api_latency import free_port, percentile  # noqa: E402
from load_fixture import Ingestion, counts, ensure_db, random_filter  # noqa: E402


class Connection:
    """One keep-alive HTTP/1.1 connection: send a GET, read the status and the Content-Length body."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        length = next(int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:"))
        return status, await self.reader.readexactly(length)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def ask_events(connection: Connection, params: dict[str, str | int], errors: list[str]) -> None:
    """One `/api/events` request; an error (see the module docstring) is appended to ``errors``."""
    try:
        status, body = await asyncio.wait_for(connection.get("/api/events?" + urlencode(params)), 10)
        if status != 200 or not body.startswith(b'{"total":'):
            errors.append(f"{status} {params} {body[:80]!r}")
    except (TimeoutError, OSError, asyncio.IncompleteReadError, StopIteration, ValueError) as exc:
        errors.append(f"{type(exc).__name__} {params}")
        connection.close()


async def client_loop(port: int, rng: random.Random, deadline: float, budget: list[int],
                      latencies: list[float], errors: list[str], starts: list[float]) -> None:
    connection = Connection("127.0.0.1", port)
    try:
        while time.perf_counter() < deadline and budget[0] > 0:
            budget[0] -= 1
            params = random_filter(rng)
            started = time.perf_counter()
            await ask_events(connection, params, errors)
            latencies.append((time.perf_counter() - started) * 1000)
            starts.append(started)
    finally:
        connection.close()


async def hammer(port: int, clients: int, seconds: float, requests: int, starts: list[float] | None = None,
                 rngs: list[random.Random] | None = None) -> tuple[list[float], list[str], float]:
    """``clients`` connections for ``seconds``; each client's requests come from ``random.Random(i)``
    (the same sequence in every call) unless ``rngs`` are given (then they go on where they were)."""
    latencies: list[float] = []
    errors: list[str] = []
    budget = [requests]
    started = time.perf_counter()
    starts = starts if starts is not None else []
    rngs = rngs if rngs is not None else [random.Random(i) for i in range(clients)]
    await asyncio.gather(*(client_loop(port, rngs[i], started + seconds, budget, latencies, errors, starts)
                           for i in range(clients)))
    return latencies, errors, time.perf_counter() - started


async def open_loop(port: int, rate: float, seconds: float, rng: random.Random, connections: int,
                    starts: list[float]) -> tuple[list[float], list[str], float]:
    """Requests sent on a schedule, ``rate`` a second for ``seconds``, each latency from its scheduled
    time (so waiting for a free connection counts); at most ``connections`` requests in flight."""
    latencies: list[float] = []
    errors: list[str] = []
    queue: asyncio.Queue[tuple[float, dict[str, str | int]] | None] = asyncio.Queue()
    started = time.perf_counter()

    async def sender() -> None:
        connection = Connection("127.0.0.1", port)
        try:
            while (job := await queue.get()) is not None:
                scheduled, params = job
                await ask_events(connection, params, errors)
                latencies.append((time.perf_counter() - scheduled) * 1000)
                starts.append(scheduled)
        finally:
            connection.close()

    senders = [asyncio.create_task(sender()) for _ in range(connections)]
    for n in range(int(rate * seconds)):
        scheduled = started + n / rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        queue.put_nowait((scheduled, random_filter(rng)))
    for _ in senders:
        queue.put_nowait(None)
    await asyncio.gather(*senders)
    return latencies, errors, max(seconds, time.perf_counter() - started)


def after_snapshots(latencies: list[float], starts: list[float], snapshots: list[float], window: float) -> list[float]:
    """Latencies of requests sent within ``window`` seconds after a snapshot was published (a negative
    ``window``: within that many seconds before, while the cycle that made it was storing)."""
    low, high = (0.0, window) if window > 0 else (window, 0.0)
    return [lat for lat, t in zip(latencies, starts, strict=True) if any(low <= t - s < high for s in snapshots)]


def server_cpu_parts(pid: int) -> dict[str, float]:
    """The server's CPU seconds so far by part: its main thread (``--live``: the watcher's loop, which
    fetches, parses and stores; else uvicorn's event loop), its other threads (``--live``: the event loop
    and the request threads; else the request threads) and its child processes (``--live``: the niced
    stage processes; else ``--workers``)."""
    import psutil

    try:
        root = psutil.Process(pid)
        process = root.cpu_times()  # threads that ended are counted here, not in threads()
        main = sum(t.user_time + t.system_time for t in root.threads() if t.id == pid)
        children = root.children(recursive=True)
    except psutil.NoSuchProcess:
        return {"main thread": 0.0, "other threads": 0.0, "child processes": 0.0}
    parts = {"main thread": main, "other threads": process.user + process.system - main, "child processes": 0.0}
    for child in children:
        try:
            times = child.cpu_times()
        except psutil.NoSuchProcess:
            continue
        parts["child processes"] += times.user + times.system
    return parts


def server_memory(pid: int) -> str:
    """The server's resident memory now and at its peak (Linux /proc; blank elsewhere)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return ""
    kb = {line.split(":")[0]: int(line.split()[1]) for line in status.splitlines() if line.startswith(("VmRSS", "VmHWM"))}
    return f"server memory: RSS {kb.get('VmRSS', 0) / 1024:.0f} MB at the end, peak {kb.get('VmHWM', 0) / 1024:.0f} MB"


def print_timeline(latencies: list[float], starts: list[float], origin: float) -> None:
    """p50/p99/max of the requests sent in each second of the test (where in the run the tail is)."""
    by_second: dict[int, list[float]] = {}
    for latency, start in zip(latencies, starts, strict=True):
        by_second.setdefault(int(start - origin), []).append(latency)
    for second, found in sorted(by_second.items()):
        print(f"  second {second:3d}: {len(found):4d} requests, p50 {statistics.median(found):7.1f} ms, "
              f"p99 {percentile(found, 0.99):7.1f} ms, max {max(found):7.1f} ms")


def wait_ready(port: int, server: subprocess.Popen[bytes]) -> None:
    for _ in range(1200):
        if server.poll() is not None:
            raise SystemExit("eventwire serve exited; run it by hand to see why")
        try:
            status, _ = asyncio.run(Connection("127.0.0.1", port).get("/api/events?page_size=1"))
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit("eventwire serve did not answer within 120 s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000, help="event mentions in the served database")
    parser.add_argument("--db", type=Path, default=Path("/tmp/eventwire-load-100k.duckdb"))
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (keep-alive connections)")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long to send requests")
    parser.add_argument("--requests", type=int, default=100_000, help="stop after this many requests")
    parser.add_argument("--workers", type=int, default=1, help="`eventwire serve --workers`")
    parser.add_argument("--ingest", choices=["full", "light", "none"], default="full",
                        help="`eventwire watch` with the full (spaCy) or light stages during the test, or none")
    parser.add_argument("--feed-every", type=float, default=5.0, help="seconds between feed updates")
    parser.add_argument("--feed-items", type=int, default=4, help="new items per feed update")
    parser.add_argument("--live", action="store_true",
                        help="serve with `eventwire watch --serve` (one process, no snapshots) instead of "
                             "`watch --snapshot` + `serve`")
    parser.add_argument("--idle", action="store_true",
                        help="a control: the feed gets its first items (so the watcher has loaded its models) but "
                             "none during the test; the same service then answers with no article being analysed")
    parser.add_argument("--rate", type=float, default=None,
                        help="open loop: send this many requests a second on a fixed schedule, latency measured "
                             "from the scheduled time (see the docstring), instead of --clients closed-loop clients")
    parser.add_argument("--connections", type=int, default=64,
                        help="with --rate: most requests in flight at once (keep-alive connections)")
    parser.add_argument("--fresh-requests", action="store_true",
                        help="each client's requests go on from slice to slice instead of starting its sequence "
                             "again every --feed-every seconds (which repeats earlier requests: answer-cache hits)")
    parser.add_argument("--start-probe", type=float, default=0.0, metavar="SECONDS",
                        help="first send 20 requests/s for this long from the moment the port answers (what the "
                             "first users of a starting service see), then go on as usual")
    parser.add_argument("--probe", action="store_true",
                        help="time the server's parts (bench/load_probe.py): time in the app, computed answers' "
                             "slot wait, query and encoding, GC pauses, event loop lag")
    parser.add_argument("--timeline", action="store_true",
                        help="also print p50/p99/max of the requests sent in each second of the test")
    args = parser.parse_args()
    if args.probe and (args.live or args.workers != 1):
        parser.error("--probe times `eventwire serve` with one worker")
    if args.live and (args.ingest == "none" or args.workers != 1):
        parser.error("--live serves from the watching process: give --ingest full|light and one worker")
    ensure_db(args.db, args.events)
    folder = Path(tempfile.mkdtemp(prefix="eventwire-load-"))
    port = free_port()
    ingestion = (Ingestion(folder, args.db, args.ingest, args.feed_items, port if args.live else None)
                 if args.ingest != "none" else None)
    served = ingestion.link if ingestion else args.db
    probe_file = folder / "probe.json"
    # --probe: the same server, started through bench/load_probe.py, which times its parts
    launcher = [str(ROOT / "bench" / "load_probe.py"), str(probe_file)] if args.probe else ["-m", "eventwire.cli"]
    server = ingestion.proc if ingestion and args.live else subprocess.Popen(
        [sys.executable, *launcher, "serve", "--db", str(served), "--port", str(port),
         "--workers", str(args.workers)], stderr=subprocess.DEVNULL)
    live_port = port if args.live else None
    test_started = 0.0
    try:
        launched = time.perf_counter()
        wait_ready(port, server)
        opened = time.perf_counter() - launched
        probe: list[float] = []
        if args.start_probe:  # what the first users see: requests from the moment the port answers
            probe, probe_errors, _ = asyncio.run(open_loop(port, 20, args.start_probe, random.Random(99), 16, []))
            probe += [10_000.0] * len(probe_errors)  # an error counts as the slowest answer
        if ingestion:
            ingestion.wait_first_snapshot(300)  # watch has loaded its models and stored the first items
        warm_latencies, _, _ = asyncio.run(hammer(port, 4, 3.0, 500))  # warm-up: connections, indexes of every worker
        before = counts(ingestion.link, live_port) if ingestion else None
        snapshots_before = len(ingestion.snapshots) if ingestion else 0
        load_before = os.getloadavg()[0]
        cpu_before = server_cpu_parts(server.pid)
        watch_before = server_cpu_parts(ingestion.proc.pid) if ingestion and not args.live else None
        test_started = time.perf_counter()
        latencies: list[float] = []
        starts: list[float] = []
        errors: list[str] = []
        elapsed = 0.0
        first_slice = 0  # requests of the first slice: the repeated sequences are not in the cache yet
        rngs = [random.Random(1000 + i) for i in range(args.clients)] if args.fresh_requests else None
        scheduled_rng = random.Random(1000)  # --rate: one sequence, restarted every slice unless --fresh-requests
        end = time.perf_counter() + args.seconds
        while time.perf_counter() < end and len(latencies) < args.requests:
            if ingestion and not args.idle:
                ingestion.site.release(args.feed_items)
            slice_seconds = min(args.feed_every, end - time.perf_counter())
            if args.rate:
                rng = scheduled_rng if args.fresh_requests else random.Random(0)
                lat, err, took = asyncio.run(open_loop(port, args.rate, slice_seconds, rng, args.connections, starts))
            else:
                lat, err, took = asyncio.run(hammer(port, args.clients, slice_seconds, args.requests - len(latencies),
                                                    starts, rngs))
            latencies += lat
            errors += err
            elapsed += took
            first_slice = first_slice or len(latencies)
        load_after = os.getloadavg()[0]
        cpu_parts = {part: seconds - cpu_before[part] for part, seconds in server_cpu_parts(server.pid).items()}
        cpu_used = sum(cpu_parts.values())
        watch_cpu = ({part: seconds - watch_before[part] for part, seconds in server_cpu_parts(ingestion.proc.pid).items()}
                     if ingestion and watch_before else None)
        after = counts(ingestion.link, live_port) if ingestion else None
        snapshots = len(ingestion.snapshots) - snapshots_before if ingestion else 0
        memory = server_memory(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=20)
        if ingestion:
            ingestion.stop()
        probed = load_probe.summary(probe_file, test_started) if args.probe and probe_file.exists() else []
        shutil.rmtree(folder, ignore_errors=True)
    rate = len(latencies) / elapsed if elapsed else 0.0
    p50, p99 = statistics.median(latencies), percentile(latencies, 0.99)
    serving = "watch --serve (live, one process)" if args.live else f"serve --workers {args.workers}"
    loop = (f"open loop at {args.rate:g} requests/s scheduled (latency from the scheduled send time, "
            f"<= {args.connections} in flight)" if args.rate else f"{args.clients} concurrent clients (closed loop)")
    print(f"/api/events with filters, {loop}, {elapsed:.1f}s, database {args.db} "
          f"({args.events} synthetic event mentions), {serving}")
    if ingestion and before and after:
        added = ", ".join(f"{after[t] - before[t]} {t}" for t in after)
        print(f"ingestion during the test{' (--idle: no new feed items)' if args.idle else ''}: "
              f"`eventwire watch` ({args.ingest} stages) of a local feed; "
              f"{snapshots} {'productive cycles' if args.live else 'snapshots published'}; {added} added; {ingestion.site.released} feed items offered in all")
    else:
        print("ingestion during the test: none")
    if args.fresh_requests:
        print("requests: every client's sequence goes on across slices (--fresh-requests): few repeats")
    print(f"requests: {len(latencies)}  requests/s: {rate:.0f}  p50: {p50:.1f} ms  p95: {percentile(latencies, 0.95):.1f} ms  "
          f"p99: {p99:.1f} ms  max: {max(latencies):.1f} ms  errors: {len(errors)}  "
          f"over 100 ms: {sum(lat > 100 for lat in latencies)}")
    later = latencies[first_slice:]
    if later and not args.fresh_requests:  # the first slice fills the cache the later ones repeat from
        print(f"requests after the first slice ({args.feed_every:g} s): {len(later)}, p50 {statistics.median(later):.1f} ms, "
              f"p99 {percentile(later, 0.99):.1f} ms (the first slice computes what later slices repeat)")
    print(f"start: the port answered {opened:.1f} s after launch; the warm-up before the test (4 clients, 3 s): "
          f"{len(warm_latencies)} requests, p50 {statistics.median(warm_latencies):.1f} ms, "
          f"p99 {percentile(warm_latencies, 0.99):.1f} ms")
    if probe:
        print(f"start probe: 20 requests/s for {args.start_probe:g} s from when the port answered: {len(probe)} requests, "
              f"p50 {statistics.median(probe):.1f} ms, p99 {percentile(probe, 0.99):.1f} ms, max {max(probe):.1f} ms")
    print(f"load average (1 min): {load_before:.1f} before, {load_after:.1f} after, on {os.cpu_count()} CPUs")
    if memory:
        print(memory)
    if latencies:  # the machine's load moves the wall clock; the server's CPU per request it does not
        print(f"server CPU: {cpu_used:.1f} s in all, {1000 * cpu_used / len(latencies):.1f} ms per request"
              f"{' (ingestion included: one process)' if args.live else ''}")
        main_thread = "the watcher's loop (fetch, parse, store)" if args.live else "the event loop"
        print(f"server CPU by part: main thread ({main_thread}) {cpu_parts['main thread']:.1f} s, other threads "
              f"{cpu_parts['other threads']:.1f} s, child processes{' (niced stages)' if args.live else ''} "
              f"{cpu_parts['child processes']:.1f} s")
    if watch_cpu:  # the cores the server shares with the watcher (--snapshot: two processes)
        print(f"watch CPU during the test: its main process {watch_cpu['main thread'] + watch_cpu['other threads']:.1f} s "
              f"(fetch, parse, store, copy the snapshot), its stage processes {watch_cpu['child processes']:.1f} s")
    if ingestion and snapshots:
        near = after_snapshots(latencies, starts, ingestion.snapshots[snapshots_before:], 2.0)
        if near:
            print(f"requests sent within 2 s after a snapshot: {len(near)}, p50 {statistics.median(near):.1f} ms, "
                  f"p99 {percentile(near, 0.99):.1f} ms, max {max(near):.1f} ms")
        during = after_snapshots(latencies, starts, ingestion.snapshots[snapshots_before:], -2.0)
        if during:  # the end of a cycle is logged after its pages were analysed and stored
            print(f"requests sent within 2 s before a cycle ended: {len(during)}, p50 {statistics.median(during):.1f} "
                  f"ms, p99 {percentile(during, 0.99):.1f} ms, max {max(during):.1f} ms")
    if args.timeline and latencies:
        print_timeline(latencies, starts, min(starts))
        if ingestion:
            ends = [f"{t - min(starts):.1f}" for t in ingestion.snapshots[snapshots_before:]]
            print(f"  {'cycles ended' if args.live else 'snapshots seen'} at seconds: {', '.join(ends) or 'none'}")
    for line in probed:
        print(line)
    for line in errors[:5]:
        print("  error:", line)
    if args.rate:  # the target is the closed loop's; an open loop is judged by its p99 at the stated rate
        ok = p99 < 100 and not errors
        print("PASS" if ok else f"FAIL: target at {args.rate:g} requests/s is p99 < 100 ms (issue 17), zero errors")
        return 0 if ok else 1
    ok = rate >= 300 and p99 < 250 and not errors
    print("PASS" if ok else "FAIL: target is >= 300 requests/s, p99 < 250 ms, zero errors")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
