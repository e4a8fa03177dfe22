"""eventwire watch against a local HTTP server serving fixture feeds and pages (no internet):
new items land in the database, conditional GET, robots.txt, broken feeds reported and backed off
without stopping the others, hardened XML, address refusal, size and redirect caps, live snapshots."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import duckdb
import httpx
import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.feeds import FeedError, Fetcher, FetchError, Watcher, parse_feed, publish_snapshot
from eventwire.stages import light_stages

FEEDS = Path(__file__).resolve().parent / "fixtures" / "feeds"


def _item(slug: str, title: str, day: str) -> str:
    return (f"<item><title>{title}</title><link>/pages/{slug}.html</link><guid>urn:test:{slug}</guid>"
            f"<pubDate>{day}</pubDate></item>")


class Site:
    """A tiny fixture web site whose routes tests can change between polls."""

    def __init__(self) -> None:
        self.items = [_item("france-germany", "France accused Germany", "Wed, 01 May 2024 08:00:00 GMT"),
                      _item("japan-india", "Japan praised India", "Wed, 01 May 2024 09:00:00 GMT")]
        self.hits: dict[str, int] = {}
        self.conditional: list[str] = []
        self.broken: dict[str, str] = {"/error.xml": "500", "/slow.xml": "slow",
                                       "/garbage.xml": "garbage", "/laughs.xml": "laughs", "/held.xml": "held"}
        self.release = threading.Event()  # "/held.xml" answers when this is set (or after 8 s)
        self.held_for = 0.0

    def rss(self) -> bytes:
        return (FEEDS / "rss.xml").read_text(encoding="utf-8").replace("{items}", "\n".join(self.items)).encode()

    def respond(self, path: str, headers: Any) -> tuple[int, dict[str, str], bytes]:
        self.hits[path] = self.hits.get(path, 0) + 1
        mode = self.broken.get(path)
        if mode == "500":
            return 500, {}, b"server error"
        if mode == "slow":
            time.sleep(1.5)
            return 200, {}, self.rss()
        if mode == "held":
            started = time.monotonic()
            self.release.wait(8)
            self.held_for = time.monotonic() - started
            return 200, {"Content-Type": "application/rss+xml"}, b"<rss version='2.0'><channel/></rss>"
        if mode == "garbage":
            return 200, {"Content-Type": "application/rss+xml"}, (FEEDS / "garbage.xml").read_bytes()
        if mode == "laughs":
            return 200, {"Content-Type": "application/rss+xml"}, (FEEDS / "laughs.xml").read_bytes()
        if path in ("/rss.xml", "/error.xml", "/slow.xml", "/garbage.xml", "/laughs.xml"):
            body = self.rss()
            etag = f'"{hash(body) & 0xffffffff:x}"'
            if headers.get("If-None-Match") == etag:
                self.conditional.append(path)
                return 304, {"ETag": etag}, b""
            return 200, {"Content-Type": "application/rss+xml", "ETag": etag}, body
        if path == "/atom.xml":
            return 200, {"Content-Type": "application/atom+xml"}, (FEEDS / "atom.xml").read_bytes()
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, (FEEDS / "robots.txt").read_bytes()
        if path == "/huge.html":
            return 200, {"Content-Type": "text/html"}, b"<p>" + b"x" * 300_000 + b"</p>"
        if path.startswith("/loop"):
            return 302, {"Location": f"/loop{int(path[5:] or 0) + 1}"}, b""
        page = FEEDS / path.lstrip("/")
        if path.startswith("/pages/") and page.is_file():
            return 200, {"Content-Type": "text/html; charset=utf-8"}, page.read_bytes()
        return 404, {}, b"not found"


@pytest.fixture()
def site() -> Iterator[tuple[Site, str]]:
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            status, headers, body = state.respond(self.path, self.headers)
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _fetcher(**kwargs: Any) -> Fetcher:
    return Fetcher(allow_private=True, timeout=0.5, min_interval=0.0, **kwargs)


def _articles(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT url FROM articles ORDER BY url").fetchall()]
    finally:
        con.close()


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2024, 5, 2, 12, 0)

    def __call__(self) -> datetime:
        return self.now


def test_new_items_are_stored_and_the_feed_is_polled_conditionally(site: tuple[Site, str], tmp_path: Path) -> None:
    state, base = site
    db, clock = tmp_path / "w.duckdb", Clock()
    watcher = Watcher([f"{base}/rss.xml"], db=db, every=60, fetcher=_fetcher(), stages=light_stages(), clock=clock)
    first = watcher.poll()
    assert [r.status for r in first] == ["ok"] and first[0].stored == 2
    assert _articles(db) == [f"{base}/pages/france-germany.html", f"{base}/pages/japan-india.html"]
    assert watcher.poll() == []  # not due yet: nothing is fetched before the interval
    clock.now += timedelta(seconds=61)
    again = watcher.poll()
    assert again[0].status == "not modified" and state.conditional == ["/rss.xml"]
    state.items.append(_item("poland-egypt", "Poland aided Egypt", "Thu, 02 May 2024 08:00:00 GMT"))
    clock.now += timedelta(seconds=61)
    third = watcher.poll()
    assert third[0].new_items == 1 and third[0].stored == 1
    assert f"{base}/pages/poland-egypt.html" in _articles(db)
    assert state.hits["/pages/france-germany.html"] == 1  # an item is fetched once
    con = duckdb.connect(str(db), read_only=True)
    statuses = dict(con.execute("SELECT item_key, status FROM feed_items").fetchall())
    con.close()
    assert statuses == {"urn:test:france-germany": "stored", "urn:test:japan-india": "stored",
                        "urn:test:poland-egypt": "stored"}


def test_a_feed_still_fetching_does_not_hold_up_the_pages_of_the_others(
        site: tuple[Site, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # "/held.xml" answers only once another feed's pages are stored: with every feed's pages run
    # after all fetches end, it would wait its full 8 s (and the read timeout would end it first)
    state, base = site
    run_pages = Watcher._run_pages

    def run_then_release(self: Watcher, *args: Any) -> dict[str, str]:
        stored = run_pages(self, *args)
        if stored:
            state.release.set()
        return stored

    monkeypatch.setattr(Watcher, "_run_pages", run_then_release)
    watcher = Watcher([f"{base}/held.xml", f"{base}/rss.xml"], db=tmp_path / "w.duckdb", every=60,
                      fetcher=Fetcher(allow_private=True, timeout=10, min_interval=0.0), stages=light_stages(),
                      clock=Clock())
    reports = {r.feed.removeprefix(base): r for r in watcher.poll()}
    assert reports["/rss.xml"].stored == 2 and reports["/held.xml"].status == "ok"
    assert state.held_for < 6, f"the held feed waited {state.held_for:.1f} s: pages waited for every fetch"
    assert [r.feed.removeprefix(base) for r in watcher.poll(force=True)] == ["/held.xml", "/rss.xml"]


def test_broken_feeds_are_reported_backed_off_and_retried_without_stopping_others(
        site: tuple[Site, str], tmp_path: Path) -> None:
    state, base = site
    db, clock = tmp_path / "w.duckdb", Clock()
    broken = ["/error.xml", "/slow.xml", "/garbage.xml", "/laughs.xml"]
    feeds = [base + p for p in broken] + [f"{base}/rss.xml"]
    messages: list[str] = []
    watcher = Watcher(feeds, db=db, every=60, fetcher=_fetcher(), stages=light_stages(), clock=clock,
                      log=messages.append)
    reports = {r.feed.removeprefix(base): r for r in watcher.poll()}
    assert reports["/rss.xml"].stored == 2
    for path in broken:
        assert reports[path].status == "error", path
        assert reports[path].next_poll is not None and reports[path].next_poll > clock.now + timedelta(seconds=60)
    assert "HTTP 500" in reports["/error.xml"].error and "timed out" in reports["/slow.xml"].error
    assert "not well-formed" in reports["/garbage.xml"].error and "unsafe XML" in reports["/laughs.xml"].error
    assert sum("retrying" in m for m in messages) == 4
    state.broken.clear()  # the servers recover
    clock.now += timedelta(seconds=61)
    assert {r.feed for r in watcher.poll()} == {f"{base}/rss.xml"}  # the broken ones are still backing off
    clock.now += timedelta(seconds=200)
    recovered = {r.feed.removeprefix(base): r.status for r in watcher.poll()}
    assert all(recovered[p] == "ok" for p in broken), recovered


def test_robots_txt_is_obeyed_and_atom_links_resolved(site: tuple[Site, str], tmp_path: Path) -> None:
    state, base = site
    watcher = Watcher([f"{base}/atom.xml"], db=tmp_path / "w.duckdb", every=60, fetcher=_fetcher(),
                      stages=light_stages())
    report = watcher.poll()[0]
    assert report.stored == 1 and report.failed == 1
    assert "/private/secret.html" not in state.hits and state.hits["/robots.txt"] == 1


def test_the_watch_loop_stores_new_items_within_one_interval(site: tuple[Site, str], tmp_path: Path) -> None:
    state, base = site
    db = tmp_path / "w.duckdb"
    stored_at: list[float] = []
    watcher = Watcher([f"{base}/rss.xml"], db=db, every=1.0, fetcher=_fetcher(), stages=light_stages(),
                      log=lambda m: stored_at.append(time.monotonic()) if " 1 articles stored" in m else None)
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, kwargs={"stop": stop}, daemon=True)
    thread.start()
    try:
        time.sleep(0.5)
        state.items.append(_item("brazil-kenya", "Brazil signed", "Thu, 02 May 2024 09:00:00 GMT"))
        added = time.monotonic()
        deadline = added + 1.0 + 4.0  # one interval plus the time a cycle takes on a busy machine
        while not stored_at and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(10)
    assert stored_at and stored_at[0] - added < 5.0
    assert f"{base}/pages/brazil-kenya.html" in _articles(db)


def test_feed_parsing_is_hardened() -> None:
    feed = parse_feed((FEEDS / "atom.xml").read_bytes(), "http://example.org/atom.xml")
    assert feed.items[0].url == "http://example.org/pages/brazil-kenya.html"
    assert feed.items[0].published == "2024-05-02T08:30"
    for bad, words in (("laughs.xml", "unsafe"), ("xxe.xml", "unsafe"), ("garbage.xml", "well-formed")):
        with pytest.raises(FeedError, match=words):
            parse_feed((FEEDS / bad).read_bytes())
    with pytest.raises(FeedError, match="not an RSS"):
        parse_feed(b"<html><body>hi</body></html>")


def test_private_addresses_are_refused_at_every_hop() -> None:
    fetcher = Fetcher(min_interval=0.0, obey_robots=False)
    with pytest.raises(FetchError, match="private/loopback"):
        fetcher.get("http://127.0.0.1:9/feed.xml")
    names = {"news.example": ["93.184.216.34"], "metadata.example": ["169.254.169.254"]}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://metadata.example/latest"})

    hopping = Fetcher(min_interval=0.0, obey_robots=False, resolve=lambda h: names[h],
                      transport=httpx.MockTransport(handler))
    with pytest.raises(FetchError, match="169.254.169.254"):
        hopping.get("http://news.example/feed.xml")
    with pytest.raises(FetchError, match="only http"):
        fetcher.get("file:///etc/passwd")


def test_size_and_redirect_caps(site: tuple[Site, str]) -> None:
    _, base = site
    fetcher = _fetcher(max_bytes=100_000, obey_robots=False)
    with pytest.raises(FetchError, match="cap"):
        fetcher.get(f"{base}/huge.html")
    with pytest.raises(FetchError, match="redirects"):
        fetcher.get(f"{base}/loop0")


def test_cli_once_reports_broken_feeds_and_refuses_loopback_by_default(
        site: tuple[Site, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, base = site
    monkeypatch.setenv("EVENTWIRE_STAGES", "light")
    db = tmp_path / "cli.duckdb"
    runner = CliRunner()
    ok = runner.invoke(main, ["watch", f"{base}/rss.xml", "--once", "--allow-private", "--rate", "0", "--db", str(db)])
    assert ok.exit_code == 0, ok.output
    assert len(_articles(db)) == 2
    bad = runner.invoke(main, ["watch", f"{base}/garbage.xml", f"{base}/atom.xml", "--once", "--allow-private",
                               "--rate", "0", "--db", str(db)])
    assert bad.exit_code == 1 and "garbage.xml" in bad.output and "not well-formed" in bad.output
    assert f"{base}/pages/brazil-kenya.html" in _articles(db)
    refused = runner.invoke(main, ["watch", f"{base}/rss.xml", "--once", "--db", str(tmp_path / "r.duckdb")])
    assert refused.exit_code == 1 and "--allow-private" in refused.output


def test_cli_with_snapshot_runs_at_the_lower_priority_the_server_yields_nothing_to(
        site: tuple[Site, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `watch --snapshot` serves nothing itself: its API is another process on the same cores
    _, base = site
    monkeypatch.setenv("EVENTWIRE_STAGES", "light")
    monkeypatch.setenv("EVENTWIRE_WATCH_NICE", "7")
    added: list[int] = []
    monkeypatch.setattr(os, "nice", lambda increment: added.append(increment) or increment)  # not this test process
    runner = CliRunner()
    args = ["watch", f"{base}/rss.xml", "--once", "--allow-private", "--rate", "0"]
    plain = runner.invoke(main, [*args, "--db", str(tmp_path / "plain.duckdb")])
    assert plain.exit_code == 0, plain.output
    assert added == []  # without --snapshot: as before
    published = runner.invoke(main, [*args, "--db", str(tmp_path / "s.duckdb"), "--snapshot", str(tmp_path / "live.duckdb")])
    assert published.exit_code == 0, published.output
    assert added == [7] and (tmp_path / "live.duckdb").exists()


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt(), duckdb.InterruptException("Query interrupted")])
def test_a_stop_that_lands_inside_a_query_ends_watch_cleanly(
        site: tuple[Site, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interrupt: BaseException) -> None:
    # SIGTERM is a KeyboardInterrupt in the main thread; inside a DuckDB query DuckDB raises its own
    # InterruptException instead (seen as a non-zero exit of `watch --serve` stopped by a service manager)
    _, base = site
    monkeypatch.setenv("EVENTWIRE_STAGES", "light")

    def stopped(self: Watcher, **_: object) -> None:
        raise interrupt

    monkeypatch.setattr(Watcher, "run", stopped)
    result = CliRunner().invoke(main, ["watch", f"{base}/rss.xml", "--every", "1s", "--allow-private", "--rate", "0",
                                       "--workers", "0", "--db", str(tmp_path / "stop.duckdb")])
    assert result.exit_code == 0, result.output
    assert result.exception is None


def test_a_published_snapshot_shows_new_events_without_restarting_the_server(
        site: tuple[Site, str], tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from eventwire.api import create_app

    state, base = site
    db, link, clock = tmp_path / "w.duckdb", tmp_path / "w.live", Clock()
    watcher = Watcher([f"{base}/rss.xml"], db=db, every=60, fetcher=_fetcher(), stages=light_stages(),
                      clock=clock, snapshot=link)
    watcher.poll()
    client = TestClient(create_app(link))
    before = client.get("/api/events").json()["total"]
    assert before > 0
    state.items.append(_item("poland-egypt", "Poland aided Egypt", "Thu, 02 May 2024 08:00:00 GMT"))
    clock.now += timedelta(seconds=61)
    watcher.poll()
    assert client.get("/api/events").json()["total"] > before
    assert len(list(tmp_path.glob("w.live.[0-9]*"))) <= 2
    publish_snapshot(db, link)  # idempotent and keeps at most two copies
    assert len(list(tmp_path.glob("w.live.[0-9]*"))) == 2
