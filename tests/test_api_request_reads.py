"""What one request of /api/events asks of the database file (issue 17: the closed-loop p99's margin).

- eventwire/api/routes.py with eventwire/api/source.py ``on_demand``: a page the in-memory index orders and
  the kept rows hold whole opens no DuckDB cursor; a page with a row not kept opens one;
- eventwire/api/snapshots.py ``SnapshotSource.pinned`` (the replay middleware pins each request): a request
  asks for the file behind the path once, and reads the file of the version it saw even when the link is
  re-pointed meanwhile; the next request reads the new file; closing a source while its in-memory index is
  built waits for the build (DuckDB refuses to close a connection while a cursor of it runs a query).

The events are synthetic (bench/make_events_db.py, written for the eventwire project).
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.api.rows import EventRows
from eventwire.api.snapshots import SnapshotSource
from eventwire.read import memory_index
from eventwire.store.db import connect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402

FIRST = "/api/events?actor=RUS&page_size=30"
KEPT_WHOLE = ["/api/events?actor=RUS&page_size=10", "/api/events?actor=RUS&page_size=15&page=2"]  # rows of FIRST
NOT_KEPT = "/api/events?actor=RUS&page_size=30&page=3"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("reads") / "reads.duckdb"
    make_events_db.build(path, 600, seed=11)
    return path


class _CountingConnection:
    """A DuckDB connection that counts the cursors opened on it (everything else is the connection's)."""

    def __init__(self, con: Any) -> None:
        self._con = con
        self.cursors = 0

    def cursor(self) -> Any:
        self.cursors += 1
        return self._con.cursor()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


@pytest.fixture()
def indexed(db: Path) -> Iterator[tuple[SnapshotSource, _CountingConnection, TestClient]]:
    source = SnapshotSource(db, index_mb=64)
    source.version()
    assert source.wait_index(60) is not None
    opened = source._opened
    assert opened is not None
    counting = _CountingConnection(opened.con)
    source._opened = opened._replace(con=counting)  # type: ignore[arg-type]
    with TestClient(create_app(source=source)) as client:
        yield source, counting, client
    source.close()


def test_a_page_the_index_and_the_kept_rows_answer_opens_no_cursor(
        indexed: tuple[SnapshotSource, _CountingConnection, TestClient], db: Path) -> None:
    _, counting, client = indexed
    first = client.get(FIRST).json()
    assert counting.cursors == 1  # its rows read once
    for url in KEPT_WHOLE:
        answer = client.get(url)
        assert answer.status_code == 200
        assert counting.cursors == 1, url
        assert answer.content == _fetched(db, url)  # the same bytes as a page of rows read from the file
    assert [e["id"] for e in client.get(KEPT_WHOLE[0]).json()["items"]] == [e["id"] for e in first["items"][:10]]
    client.get(NOT_KEPT)
    assert counting.cursors == 2  # a row not kept: a cursor, once


def _fetched(db: Path, url: str) -> bytes:
    app = create_app(db)
    app.state.answers.enabled = False
    app.state.event_rows = EventRows(max_bytes=0)  # keeps nothing: every row read
    with TestClient(app) as client:
        return client.get(url).content


def test_a_request_asks_for_the_file_behind_the_path_once(
        indexed: tuple[SnapshotSource, _CountingConnection, TestClient], monkeypatch: pytest.MonkeyPatch) -> None:
    source, _, client = indexed
    stats: list[int] = []
    stamp = source._stamp

    def counted() -> Any:
        stats.append(1)
        return stamp()

    monkeypatch.setattr(source, "_stamp", counted)
    for url in [FIRST, NOT_KEPT, "/api/stats?actor=RUS", FIRST]:  # computed, computed, computed, replayed
        before = len(stats)
        assert client.get(url).status_code == 200
        assert len(stats) - before == 1, url


def _count(source: SnapshotSource) -> int:
    with source.cursor() as con:
        return int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])


def test_a_pinned_request_reads_the_version_it_saw(db: Path, tmp_path: Path) -> None:
    first, second, link = tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path / "live.duckdb"
    shutil.copy(db, first)
    shutil.copy(db, second)
    with connect(second) as con:
        con.execute("DELETE FROM events WHERE id IN (SELECT id FROM events ORDER BY id LIMIT 5)")
    os.symlink(first, link)
    source = SnapshotSource(link, index_mb=0)
    try:
        seen = source.version()
        everything = _count(source)
        with source.pinned() as version:
            assert version == seen
            replacement = tmp_path / "next.duckdb"
            os.symlink(second, replacement)
            os.replace(replacement, link)  # re-pointed while the request answers
            assert source.version() == version
            assert _count(source) == everything
            with source.pinned() as inner:  # pinned again within: the same file
                assert inner == version
        assert source.version() != seen  # the next request reads the new file
        assert _count(source) == everything - 5
    finally:
        source.close()



def test_closing_a_source_while_its_index_is_built_waits_for_the_build(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    building = threading.Event()
    original = memory_index.build

    def slow_build(con: Any) -> Any:
        building.set()
        con.execute("SELECT sum(range) FROM range(1000000000)").fetchall()  # a query under way when close() comes
        return original(con)

    monkeypatch.setattr(memory_index, "build", slow_build)
    source = SnapshotSource(db, index_mb=64)
    source.version()  # opens the file; its index is built on a thread of its own
    assert building.wait(30)
    time.sleep(0.05)
    source.close()  # raised ResourceInUseException ("connection is busy with another call") before
