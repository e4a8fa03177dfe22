"""Live without copies: the watcher and the API in one process on one database (docs/watch.md).

New events are visible to the API after the cycle that stored them, no snapshot file is written,
answers cached before the cycle are not served after it, a read sees one state while the writer
commits, and a cycle does not reload the history (the pipeline's lookups are kept across cycles).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import test_watch
from fastapi.testclient import TestClient
from test_watch import Clock, Site, _item

from eventwire.api import create_app
from eventwire.api.live_source import LiveSource
from eventwire.feeds import Fetcher, Watcher
from eventwire.stages import light_stages
from eventwire.store.seen import Seen


@pytest.fixture()
def feed_site() -> Iterator[tuple[Site, str]]:
    """The fixture web site of tests/test_watch.py."""
    yield from test_watch.site.__wrapped__()  # type: ignore[attr-defined]


def _live(site: tuple[Site, str], tmp_path: Path) -> tuple[LiveSource, Watcher, TestClient, Clock]:
    _, base = site  # a generous timeout: the pages must be stored even on a loaded machine
    db, clock = tmp_path / "live.duckdb", Clock()
    source = LiveSource(db)
    watcher = Watcher([f"{base}/rss.xml"], db=db, every=60, fetcher=Fetcher(allow_private=True, timeout=5.0, min_interval=0.0), stages=light_stages(),
                      clock=clock, on_stored=source.changed)
    return source, watcher, TestClient(create_app(db, source=source)), clock


def test_new_events_show_after_the_cycle_that_stored_them_without_a_copy(
        feed_site: tuple[Site, str], tmp_path: Path) -> None:
    state, _ = feed_site
    source, watcher, client, clock = _live(feed_site, tmp_path)
    try:
        assert client.get("/api/events").json()["total"] == 0  # an empty database answers, not 500
        watcher.poll()
        first = client.get("/api/events").json()
        assert first["total"] > 0 and source.version() == 1
        assert client.get("/api/stats").status_code == 200
        state.items.append(_item("poland-egypt", "Poland aided Egypt", "Thu, 02 May 2024 08:00:00 GMT"))
        clock.now += timedelta(seconds=61)
        watcher.poll()
        after = client.get("/api/events").json()  # the same query: not the cached answer of version 1
        assert after["total"] > first["total"] and source.version() == 2
        event_id = after["items"][0]["id"]
        assert client.get(f"/api/events/{event_id}").status_code == 200
        clock.now += timedelta(seconds=61)
        watcher.poll()  # nothing new (304): the version, and the caches, stay
        assert source.version() == 2
    finally:
        source.close()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("live")) == ["live.duckdb"]


def test_a_read_sees_one_state_while_the_writer_commits(tmp_path: Path) -> None:
    source = LiveSource(tmp_path / "one.duckdb")
    try:
        writer = source.con.cursor()
        writer.execute("CREATE TABLE t (x INTEGER)")
        writer.execute("INSERT INTO t VALUES (1)")
        with source.cursor() as reader:
            assert reader.execute("SELECT count(*) FROM t").fetchone() == (1,)
            done = threading.Event()

            def append() -> None:
                writer.execute("INSERT INTO t SELECT range FROM range(1000)")
                done.set()

            threading.Thread(target=append).start()
            assert done.wait(10)
            assert reader.execute("SELECT count(*) FROM t").fetchone() == (1,)  # its snapshot
        with source.cursor() as reader:
            assert reader.execute("SELECT count(*) FROM t").fetchone() == (1001,)
    finally:
        source.close()


def test_cycles_look_up_only_their_documents(feed_site: tuple[Site, str], tmp_path: Path) -> None:
    state, _ = feed_site
    source, watcher, _, clock = _live(feed_site, tmp_path)
    try:
        watcher.poll()
        assert isinstance(watcher.seen, Seen) and watcher.seen.live
        stories = watcher.seen.stories  # loaded once, then kept up to date by the cycles
        state.items.append(_item("poland-egypt", "Poland aided Egypt", "Thu, 02 May 2024 08:00:00 GMT"))
        clock.now += timedelta(seconds=61)
        reports = watcher.poll()
        assert reports[0].stored == 1
        assert watcher.seen.stories is stories and len(stories) == 3
        watcher.seen.attach(source.con.cursor())  # a run attaches its own connection, closed after it
        assert watcher.seen.has_digest("no such digest") is False
        recent, none = Seen.recent(), Seen.recent(story_days=0)  # a restart loads the recent articles only
        recent.attach(source.con.cursor())
        none.attach(source.con.cursor())
        assert len(recent.stories) == 3 and len(none.stories) == 0
    finally:
        source.close()


def test_watch_serve_refuses_a_snapshot_too(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventwire.cli import main

    result = CliRunner().invoke(main, ["watch", "http://127.0.0.1:1/rss.xml", "--serve", "--snapshot",
                                       str(tmp_path / "s.duckdb"), "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 2 and "--snapshot" in result.output


def test_a_running_service_backs_itself_up_between_cycles(feed_site: tuple[Site, str], tmp_path: Path) -> None:
    from eventwire.store.db import connect

    _, base = feed_site
    db, copy = tmp_path / "live.duckdb", tmp_path / "backups" / "live-copy.duckdb"
    source = LiveSource(db)
    try:
        watcher = Watcher([f"{base}/rss.xml"], db=db, every=60, stages=light_stages(), backup_to=copy,
                          fetcher=Fetcher(allow_private=True, timeout=5.0, min_interval=0.0), clock=Clock())
        watcher.run(once=True)  # a cycle, then the backup (due after the first cycle)
        with source.cursor() as live:
            stored = live.execute("SELECT count(*) FROM articles").fetchone()
        watcher.backup_if_due()  # not due again for backup_every
        assert stored == (2,) and sorted(p.name for p in copy.parent.iterdir()) == ["live-copy.duckdb"]
    finally:
        source.close()
    restored = connect(copy, read_only=True)  # a whole eventwire database, opened as it is
    try:
        assert restored.execute("SELECT count(*) FROM articles").fetchone() == (2,)
    finally:
        restored.close()


def test_the_in_process_server_stops_with_its_threads_before_the_database_closes(tmp_path: Path) -> None:
    """`watch --serve` stops its server before it closes the database: left running as a daemon thread,
    uvicorn's loop (and its worker threads, which answer with DuckDB cursors) were still running Python when
    the interpreter finalized, and the process exited with SIGSEGV after SIGTERM in CI."""
    import socket

    import httpx

    from eventwire.cli import watch as watch_cli

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    source = LiveSource(tmp_path / "live.duckdb")
    try:
        served = watch_cli._serve_in_background(source, str(tmp_path / "live.duckdb"), "127.0.0.1", port)
        assert served.ready.wait(120)
        answered = None
        for _ in range(100):  # the port opens just after `ready`
            try:
                answered = httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=5)
                break
            except httpx.TransportError:
                threading.Event().wait(0.1)
        assert answered is not None and answered.status_code == 200
        assert served.stop(30)
        assert served.thread is not None and not served.thread.is_alive()
        left = [t.name for t in threading.enumerate() if t.name in ("eventwire-serve", "AnyIO worker thread")]
        assert left == []
    finally:
        source.close()


def test_a_stop_before_the_server_runs_keeps_it_from_running() -> None:
    from eventwire.cli.serve import ServedHere

    class _Server:
        should_exit = False

    served, server = ServedHere(), _Server()
    assert served.stop(1)  # no thread yet: nothing to wait for
    assert not served.running(server)  # priming finished after the stop: the port is never opened
    assert server.should_exit is False  # not asked: it never runs


def test_close_interrupts_a_reader_still_querying_and_refuses_new_ones(tmp_path: Path) -> None:
    """Closing under a busy cursor raised DuckDB's "connection is busy" (and a reader left running at exit
    can crash the process): close() interrupts the open cursors, waits for them, then closes."""
    from eventwire.errors import DatabaseError

    source = LiveSource(tmp_path / "busy.duckdb")
    querying, outcome = threading.Event(), []

    def reader() -> None:
        with source.cursor() as cur:
            querying.set()
            try:
                cur.execute("SELECT count(*) FROM range(100000000000) a, range(10) b").fetchall()
                outcome.append("finished")
            except Exception as exc:  # noqa: BLE001 - the test records what the reader saw
                outcome.append(type(exc).__name__)

    thread = threading.Thread(target=reader)
    thread.start()
    assert querying.wait(30)
    threading.Event().wait(0.3)  # the query is under way
    source.close()
    thread.join(30)
    assert outcome == ["InterruptException"]
    with pytest.raises(DatabaseError, match="being closed"), source.cursor():
        pass
