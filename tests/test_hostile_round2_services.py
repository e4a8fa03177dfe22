"""Issue 17, service side: A2 stacked Content-Encoding, A6 trickling servers and feeds polled one by
one, A8 the API on an empty database, A9 damaged databases and killed runs, A13 slowloris, A14 CSV
cells, A15 weak tokens and DNS rebinding. Servers are local (127.0.0.1) and built by the tests."""

from __future__ import annotations

import contextlib
import gzip
import os
import socket
import subprocess
import sys
import threading
import time
import tracemalloc
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from eventwire.errors import DatabaseError
from eventwire.feeds import Fetcher, FetchError, Watcher
from eventwire.stages import light_stages
from eventwire.store.db import connect

MB = 1 << 20
RSS = (b"<rss version='2.0'><channel><title>t</title><item><title>x</title><link>/page.html</link>"
       b"<guid>urn:x</guid></item></channel></rss>")

Handler = Callable[[BaseHTTPRequestHandler], None]


@contextlib.contextmanager
def serving(routes: dict[str, Handler]) -> Iterator[str]:
    """A loopback HTTP server whose routes write their own status, headers and body."""

    class Route(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            route = routes.get(self.path)
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                else:
                    route(self)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Route)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def body(content: bytes, **headers: str) -> Handler:
    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        for key, value in {"Content-Length": str(len(content)), **headers}.items():
            request.send_header(key.replace("_", "-"), value)
        request.end_headers()
        request.wfile.write(content)

    return handle


def twice(content: bytes) -> Handler:
    """Two Content-Encoding headers: the same stacking as one header listing two codings."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Length", str(len(content)))
        request.send_header("Content-Encoding", "gzip")
        request.send_header("Content-Encoding", "gzip")
        request.end_headers()
        request.wfile.write(content)

    return handle


def trickle(seconds: float) -> Handler:
    """Headers, then one byte every 0.1 s for ``seconds``: every read succeeds, none times out."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Length", str(10**6))
        request.end_headers()
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            request.wfile.write(b" ")
            request.wfile.flush()
            time.sleep(0.1)

    return handle


def _fetcher(**kwargs: Any) -> Fetcher:
    return Fetcher(allow_private=True, min_interval=0.0, obey_robots=False, **kwargs)


# -- A2: stacked encodings -------------------------------------------------------------------------
def test_a2_stacked_encodings_are_refused_and_one_layer_is_capped_as_it_inflates() -> None:
    layered = gzip.compress(gzip.compress(b"\0" * (64 * MB)))  # ~70 bytes per gzip layer of zeros
    bomb = gzip.compress(b"\0" * (64 * MB))
    routes = {"/stacked": body(layered, Content_Encoding="gzip, gzip"),
              "/twice": twice(layered),
              "/br": body(b"xx", Content_Encoding="br"),
              "/bomb": body(bomb, Content_Encoding="gzip"),
              "/fine": body(gzip.compress(RSS), Content_Encoding="gzip")}
    with serving(routes) as base:
        fetcher = _fetcher(max_bytes=5 * MB)
        with pytest.raises(FetchError, match="stacked Content-Encoding"):
            fetcher.get(f"{base}/stacked")
        with pytest.raises(FetchError, match="stacked Content-Encoding"):
            fetcher.get(f"{base}/twice")
        with pytest.raises(FetchError, match="not supported"):
            fetcher.get(f"{base}/br")
        tracemalloc.start()
        try:
            with pytest.raises(FetchError, match="cap once decoded"):
                fetcher.get(f"{base}/bomb")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 4 * 5 * MB, f"{peak / MB:.0f} MB held for a 5 MB cap"
        assert fetcher.get(f"{base}/fine").content == RSS


# -- A6: whole-fetch deadline, feeds in parallel ---------------------------------------------------
def test_a6_a_trickling_server_is_cut_off_at_the_deadline() -> None:
    with serving({"/slow": trickle(20)}) as base:
        fetcher = _fetcher(timeout=0.5, deadline=1.5)
        started = time.monotonic()
        with pytest.raises(FetchError, match="deadline") as caught:
            fetcher.get(f"{base}/slow")
        assert caught.value.retry
        assert time.monotonic() - started < 10  # was: as long as the server kept trickling


def test_a6_a_slow_feed_does_not_hold_up_the_others(tmp_path: Path) -> None:
    fast_asked = threading.Event()

    def slow(request: BaseHTTPRequestHandler) -> None:
        fast_asked.wait(10)  # polled one after the other, the fast feed is asked only after this
        seen["fast first"] = fast_asked.is_set()
        body(RSS)(request)

    def fast(request: BaseHTTPRequestHandler) -> None:
        fast_asked.set()
        body(RSS)(request)

    seen: dict[str, bool] = {}
    page = body(b"<html><body><p>France and Germany signed a treaty in Paris on Monday.</p></body></html>",
                Content_Type="text/html")
    with serving({"/slow.xml": slow, "/fast.xml": fast, "/page.html": page}) as base:
        watcher = Watcher([f"{base}/slow.xml", f"{base}/fast.xml"], db=tmp_path / "w.duckdb",
                          fetcher=_fetcher(timeout=15), stages=light_stages())
        reports = watcher.poll(force=True)
    assert seen == {"fast first": True}
    assert [r.status for r in reports] == ["ok", "ok"]


# -- A8: the API on a database without events ------------------------------------------------------
API_PATHS = ["/api/events", "/api/events?format=csv", "/api/events?actor=USA&sort=goldstein", "/api/stats",
             "/api/actors", "/api/actors?format=csv", "/api/dyads", "/api/dyads/USA/RUS/series",
             "/api/network", "/api/places"]


@pytest.mark.parametrize("articles", [False, True])
def test_a8_an_empty_database_answers_empty_results(tmp_path: Path, articles: bool) -> None:
    from eventwire.api import create_app
    from eventwire.pipeline import run
    from eventwire.records import RawDocument

    db = tmp_path / "empty.duckdb"
    connect(db).close()
    if articles:  # articles but no events: text with no actors or event words
        run(documents=[RawDocument(uri="a", kind="text", text="The weather was mild and sunny all week.")],
            db=db, stages=light_stages())
    client = TestClient(create_app(db), raise_server_exceptions=False)
    for path in API_PATHS:
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:200])
    assert client.get("/api/events").json()["items"] == []
    assert client.get("/api/events/nope").status_code == 404


# -- A9: damaged databases, disk full, killed runs -------------------------------------------------
@pytest.fixture()
def stored(tmp_path: Path) -> Path:
    from eventwire.pipeline import run
    from eventwire.records import RawDocument

    db = tmp_path / "good.duckdb"
    texts = [f"Russia and Ukraine agreed to hold talks in Geneva, report {i}. " * 40 for i in range(30)]
    run(documents=[RawDocument(uri=f"d{i}", kind="text", text=t) for i, t in enumerate(texts)], db=db,
        stages=light_stages())
    return db


def _damaged(stored: Path, name: str, damage: Callable[[bytearray], bytearray]) -> Path:
    path = stored.with_name(name)
    path.write_bytes(bytes(damage(bytearray(stored.read_bytes()))))
    return path


def _flip_blocks(data: bytearray) -> bytearray:
    for offset in range(3 * 4096 + 100, len(data), 256 * 1024):
        data[offset] ^= 0xFF
    return data


@pytest.mark.parametrize("read_only", [True, False])
def test_a9_truncated_and_corrupt_databases_are_named_with_a_fix(stored: Path, read_only: bool) -> None:
    truncated = _damaged(stored, "half.duckdb", lambda d: d[: len(d) // 2])
    corrupt = _damaged(stored, "corrupt.duckdb", _flip_blocks)
    for path, word in ((truncated, "is truncated"), (corrupt, "is corrupt")):
        before = path.read_bytes()
        with pytest.raises(DatabaseError) as caught:
            connect(path, read_only=read_only).close()
        message = str(caught.value)
        assert word in message and "in use" not in message and "backup" in message, message
        assert path.read_bytes() == before  # left untouched


def test_a9_a_locked_database_is_named_as_in_use(stored: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('ok', flush=True); time.sleep(60)", str(stored)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"ok"
        with pytest.raises(DatabaseError, match="in use by another eventwire process"):
            connect(stored, read_only=True)
    finally:
        holder.kill()
        holder.wait()


DISK_FULL = """
import os, resource, signal, sys
from eventwire.pipeline import run
from eventwire.records import RawDocument
from eventwire.stages import light_stages
db = sys.argv[1]
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails with EFBIG, as on a full disk
limit = os.path.getsize(db) + 64 * 1024
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
documents = [RawDocument(uri=f"n{i}", kind="text", text=f"France and Germany met in Paris, note {i}. " * 200)
             for i in range(100)]
run(documents=documents, db=db, stages=light_stages(), batch_size=10)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="needs RLIMIT_FSIZE")
def test_a9_disk_full_is_named_and_the_next_run_marks_the_run_and_goes_on(stored: Path) -> None:
    result = subprocess.run([sys.executable, "-c", DISK_FULL, str(stored)], capture_output=True, text=True,
                            timeout=300, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert result.returncode != 0
    last = result.stderr.strip().splitlines()[-1]
    assert "DatabaseError" in last and "disk (or the file size limit) is full" in last, result.stderr[-1500:]
    con = connect(stored)  # opens again, and marks the run that could not mark itself
    try:
        statuses = [r[0] for r in con.execute("SELECT status FROM runs ORDER BY started").fetchall()]
    finally:
        con.close()
    assert statuses[0] == "complete" and statuses[-1] in ("killed", "interrupted") and "running" not in statuses


def test_a9_a_killed_run_is_marked_on_the_next_start_but_a_live_one_is_not(tmp_path: Path) -> None:
    from eventwire.store.writer import Writer

    db = tmp_path / "runs.duckdb"
    con = connect(db)
    writer = Writer(con)
    live = writer.start_run("live", "v")
    con.execute("INSERT INTO runs VALUES ('dead', now(), NULL, 'running', 'killed -9', 'v', 0, 0, 0, 0, 0, 0)")
    con.close()
    con = connect(db)
    try:
        status = dict(con.execute("SELECT id, status FROM runs").fetchall())
        assert status == {live: "running", "dead": "killed"}
        Writer(con).finish_run(live, "complete")
    finally:
        con.close()


# -- A13: slowloris --------------------------------------------------------------------------------
def test_a13_connections_holding_no_request_are_closed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from eventwire.api import create_app
    from eventwire.api import server as settings

    monkeypatch.setattr(settings, "HEAD_TIMEOUT", 0.5)
    db = tmp_path / "db.duckdb"
    connect(db).close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning",
                            http=settings.protocol_class(), timeout_keep_alive=settings.KEEP_ALIVE_TIMEOUT)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        loris = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(20)]
        for sock in loris:
            sock.sendall(b"GET /api/stats HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # never finished
        import httpx

        assert httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5).status_code == 200
        closed = 0
        for sock in loris:
            with contextlib.suppress(OSError):
                closed += sock.recv(1024) == b""  # the server closed it
            sock.close()
        assert closed == len(loris)
    finally:
        server.should_exit = True
        thread.join(10)


def test_a13_the_head_timeout_protocol_reaches_spawned_workers() -> None:
    """`serve --workers N` pickles uvicorn's config, protocol class included, into each worker."""
    import pickle

    from eventwire.api import server as settings

    assert pickle.loads(pickle.dumps(settings.protocol_class())) is settings.protocol_class()


def test_serve_with_two_workers_answers(tmp_path: Path) -> None:
    db = tmp_path / "db.duckdb"
    connect(db).close()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port),
                             "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        import httpx

        deadline, status = time.monotonic() + 90, None
        while status != 200 and proc.poll() is None and time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                status = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code
            time.sleep(0.2)
        assert status == 200, proc.stderr.read()[-2000:] if proc.poll() is not None else "no answer in 90 s"
    finally:
        proc.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(20)
        if proc.poll() is None:
            proc.kill()


# -- A14: CSV cells --------------------------------------------------------------------------------
def test_a14_csv_cells_starting_with_tab_or_cr_are_neutralised() -> None:
    import pyarrow as pa

    from eventwire.read.tables import csv_chunks  # the one CSV writer of the API downloads

    items = [{"a": "\t=HYPERLINK(\"http://x\")", "b": "\r=1+1", "c": "=1", "d": "plain", "e": -3.5}]
    text = b"".join(csv_chunks(pa.Table.from_pylist(items), neutralise=True)).decode()
    assert "'\t=HYPERLINK" in text and "'\r=1+1" in text and "'=1" in text and ",-3.5" in text


# -- A15: weak tokens, DNS rebinding ---------------------------------------------------------------
@pytest.mark.parametrize("token", ["a", " ", "short-token", "aaaaaaaaaaaaaaaaaaaaaaaa", "spaces in a long token"])
def test_a15_weak_tokens_are_refused(tmp_path: Path, token: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from eventwire.cli.serve import command

    started: list[str] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: started.append("ran"))
    db = tmp_path / "db.duckdb"
    connect(db).close()
    result = CliRunner().invoke(command, ["--db", str(db), "--host", "0.0.0.0", "--token", token])
    assert result.exit_code == 2 and "secrets.token_urlsafe" in result.output and not started


def test_a15_a_loopback_server_answers_only_its_own_names(tmp_path: Path) -> None:
    from eventwire.api import create_app
    from eventwire.api.server import allowed_hosts

    db = tmp_path / "db.duckdb"
    connect(db).close()
    client = TestClient(create_app(db, hosts=allowed_hosts("127.0.0.1")))
    for host in ("localhost:8000", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"):
        assert client.get("/api/stats", headers={"Host": host}).status_code == 200, host
    for host in ("rebind.attacker.example", "rebind.attacker.example:8000", "127.0.0.1.nip.io"):
        response = client.get("/api/stats", headers={"Host": host})
        assert response.status_code == 421 and "Host" in response.json()["detail"], host
    assert allowed_hosts("0.0.0.0") is None  # public binds are reached by any name; the token guards them



def test_cli_csv_is_neutralised_like_the_api_download(tmp_path: Path) -> None:
    # One CSV policy: `query`/`dyad --format csv` and `export --format csv` go through the same writer
    # as the API's downloads, so a file made either way opens the same in a spreadsheet.
    import pyarrow as pa

    from eventwire.cli.query import write_answer

    table = pa.Table.from_pylist([{"id": "e1", "text": "=HYPERLINK(\"http://x\")"}, {"id": "e2", "text": "\t+1"}])
    out = tmp_path / "answer.csv"
    write_answer(table, "csv", str(out))
    import csv

    with out.open(newline="") as handle:
        cells = [row[1] for row in csv.reader(handle)][1:]
    assert cells == ["'=HYPERLINK(\"http://x\")", "'\t+1"]
