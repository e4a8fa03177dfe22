"""The network attacks of bench/hostile.py: feeds served to `eventwire watch --once` by a loopback
server started here (A2 stacked encodings, A6 a trickling feed), and `eventwire serve` on loopback
(A8 an empty database, A13 slowloris, A15 weak tokens and DNS rebinding)."""

from __future__ import annotations

import argparse
import contextlib
import gzip
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import httpx
import psutil
from hostile_support import MB, SAMPLES, Row, gzip_stream, measure, stored

__all__ = ["attack_a2", "attack_a6", "attack_a8", "attack_a13", "attack_a15"]

Route = Callable[[BaseHTTPRequestHandler], None]
# slowloris: as many sockets and as long as the red team used
LORIS_SOCKETS = 200
LORIS_SECONDS = 20.0


@contextlib.contextmanager
def serving(routes: dict[str, Route]) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            route = routes.get(self.path.split("?")[0])
            with contextlib.suppress(OSError):
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                else:
                    route(self)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def send(content: bytes, content_type: str = "text/html; charset=utf-8", encoding: str | None = None) -> Route:
    def route(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", str(len(content)))
        if encoding:
            request.send_header("Content-Encoding", encoding)
        request.end_headers()
        request.wfile.write(content)

    return route


def trickle(seconds: float) -> Route:
    def route(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/rss+xml")
        request.send_header("Content-Length", str(10**6))
        request.end_headers()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            request.wfile.write(b" ")
            request.wfile.flush()
            time.sleep(1.0)

    return route


def feed(links: list[str]) -> bytes:
    items = "".join(f"<item><title>{link}</title><link>{link}</link><guid>urn:{link}</guid></item>" for link in links)
    return f"<rss version='2.0'><channel><title>bench</title>{items}</channel></rss>".encode()


def _watch(root: Path, name: str, feeds: list[str], stages: str, good: list[str], attack: str, hostile: str,
           *extra: str) -> Row:
    db = root / f"{name}.duckdb"
    code, err, seconds, peak = measure(["watch", *feeds, "--db", str(db), "--once", "--allow-private",
                                        "--rate", "0", *extra], {"EVENTWIRE_STAGES": stages})
    found = stored(db)
    kept = sum(1 for url in good if url in found)
    problems = [line.split(": ", 2)[-1] for line in err.splitlines() if "retrying" in line] + _item_reasons(db)
    return Row(attack, hostile, code, peak, seconds, f"{kept}/{len(good)}", (problems or ["stored"])[0][:90])


def _item_reasons(db: Path) -> list[str]:
    """Why pages were not stored (feed_items.reason), without their URL."""
    import duckdb

    if not db.exists():
        return []
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT reason FROM feed_items WHERE reason IS NOT NULL").fetchall()
    return [str(r[0]).split(": ", 1)[-1] for r in rows]


def attack_a2(root: Path, stages: str, _: argparse.Namespace) -> list[Row]:
    # gzip of (gzip of 1 GB of zeros): a few kilobytes on the wire
    stacked = gzip.compress(gzip_stream(b"\0", 1024 * MB), 9)
    routes = {"/good1.html": send(SAMPLES[7].read_bytes()), "/good2.html": send(SAMPLES[8].read_bytes()),
              "/stacked.html": send(stacked, encoding="gzip, gzip")}
    with serving(routes) as base:
        routes["/feed.xml"] = send(feed([f"{base}/good1.html", f"{base}/stacked.html", f"{base}/good2.html"]),
                                   "application/rss+xml")
        return [_watch(root, "A2", [f"{base}/feed.xml"], stages, [f"{base}/good1.html", f"{base}/good2.html"],
                       "A2", f"Content-Encoding: gzip, gzip ({len(stacked):,} bytes -> 1 GB)")]


def attack_a6(root: Path, stages: str, _: argparse.Namespace) -> list[Row]:
    routes = {"/slow.xml": trickle(40), "/good1.html": send(SAMPLES[9].read_bytes())}
    with serving(routes) as base:
        routes["/fast.xml"] = send(feed([f"{base}/good1.html"]), "application/rss+xml")
        return [_watch(root, "A6", [f"{base}/slow.xml", f"{base}/fast.xml"], stages, [f"{base}/good1.html"],
                       "A6", "feed sending 1 byte/s for 40 s (--timeout 3), then a good feed", "--timeout", "3")]


# -- serve -----------------------------------------------------------------------------------------
@contextlib.contextmanager
def serve(db: Path, *extra: str) -> Iterator[tuple[str, psutil.Process]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port),
                             *extra], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{base}/api/stats", timeout=2).status_code:
                    break
            time.sleep(0.2)
        yield base, psutil.Process(proc.pid)
    finally:
        proc.terminate()
        proc.wait(10)


def _empty_db(root: Path, name: str) -> Path:
    db = root / f"{name}.duckdb"
    subprocess.run([sys.executable, "-m", "eventwire.cli", "run", "--db", str(db), "-q"], check=True)
    return db


def attack_a8(root: Path, _stages: str, __: argparse.Namespace) -> list[Row]:
    paths = ["/api/events", "/api/events?format=csv", "/api/stats", "/api/actors", "/api/dyads",
             "/api/dyads/USA/RUS/series", "/api/network", "/api/places"]
    with serve(_empty_db(root, "A8")) as (base, proc):
        started = time.perf_counter()
        codes = [httpx.get(base + path, timeout=10).status_code for path in paths]
        seconds = time.perf_counter() - started
        peak = proc.memory_info().rss / MB
    answer = f"{codes.count(200)}/{len(codes)} answered 200" + ("" if set(codes) == {200} else f" {codes}")
    return [Row("A8", "every /api/* on a database with no events", "-", peak, seconds, "-", answer)]


def attack_a13(root: Path, _stages: str, __: argparse.Namespace) -> list[Row]:
    with serve(_empty_db(root, "A13")) as (base, proc):
        port = int(base.rsplit(":", 1)[1])
        loris = []
        for _ in range(LORIS_SOCKETS):
            sock = socket.create_connection(("127.0.0.1", port), timeout=LORIS_SECONDS + 5)
            sock.sendall(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a")
            loris.append(sock)
        started = time.perf_counter()
        worst, peak, closed_at = 0.0, 0.0, None
        while time.perf_counter() - started < LORIS_SECONDS:
            asked = time.perf_counter()
            ok = httpx.get(f"{base}/api/stats", timeout=10).status_code == 200
            worst = max(worst, time.perf_counter() - asked) if ok else float("inf")
            peak = max(peak, proc.memory_info().rss / MB)
            if closed_at is None and _all_closed(loris):
                closed_at = time.perf_counter() - started
            time.sleep(0.5)
        for sock in loris:
            sock.close()
    closed = f"all {LORIS_SOCKETS} closed after {closed_at:.1f} s" if closed_at else "NOT closed"
    return [Row("A13", f"slowloris: {LORIS_SOCKETS} partial requests for {LORIS_SECONDS:.0f} s", "-", peak,
                LORIS_SECONDS, "-", f"{closed}; real requests answered, slowest {worst * 1000:.0f} ms")]


def _all_closed(sockets: list[socket.socket]) -> bool:
    for sock in sockets:
        sock.setblocking(False)
        try:
            if sock.recv(1) != b"":
                return False
        except BlockingIOError:
            return False
        except OSError:
            pass
        finally:
            sock.setblocking(True)
    return True


def attack_a15(root: Path, _stages: str, __: argparse.Namespace) -> list[Row]:
    db = _empty_db(root, "A15")
    rows = []
    for token in ("a", " "):
        code, err, seconds, peak = measure(["serve", "--db", str(db), "--host", "0.0.0.0", "--token", token])
        reason = err.strip().splitlines()[-1].split("Error: ", 1)[-1][:80] if err.strip() else ""
        rows.append(Row("A15", f"serve --token {token!r}", code, peak, seconds, "-", reason))
    with serve(db) as (base, proc):
        rebound = httpx.get(f"{base}/api/stats", headers={"Host": "rebind.attacker.example"}, timeout=10)
        own = httpx.get(f"{base}/api/stats", headers={"Host": "localhost"}, timeout=10)
        rows.append(Row("A15", "DNS rebinding: Host rebind.attacker.example on loopback", "-",
                        proc.memory_info().rss / MB, 0.0, "-",
                        f"answered {rebound.status_code} (own name: {own.status_code})"))
    return rows
