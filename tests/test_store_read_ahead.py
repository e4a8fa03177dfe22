"""Reading a database's tables into the OS page cache ahead of the queries (eventwire/store/read_ahead.py)
and the server thread that does it (eventwire/api/warm.py). Databases of synthetic events written for the
project (bench/make_events_db.py)."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import duckdb
import psutil
import pytest

from eventwire.api import create_app, warm
from eventwire.api.warm import READ_AHEAD_TABLES, start_read_ahead
from eventwire.store import read_ahead as ahead

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ahead") / "ahead.duckdb"
    make_events_db.build(path, 400, seed=3)
    return path


def test_the_layout_puts_every_block_after_the_header(db: Path) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        where = ahead.layout(con, db)
    assert where is not None
    assert where.start == 3 * 4096  # DuckDB's main header and its two database headers
    assert where.start + where.blocks * where.block_size == os.path.getsize(db)


def test_a_file_of_another_shape_is_not_read(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        monkeypatch.setattr(ahead.os.path, "getsize", lambda path: 5)  # fewer bytes than DuckDB's blocks
        assert ahead.layout(con, db) is None
        assert ahead.read_ahead(con, db, ["events"], 2**30) == 0


def test_a_tables_blocks_are_its_columns_segments_and_none_for_a_missing_table(db: Path) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        events = ahead.table_blocks(con, "events")
        assert events and events == sorted(set(events))
        stored = {row[0] for row in con.execute("SELECT block_id FROM pragma_storage_info('events') "
                                                "WHERE persistent AND block_id >= 0").fetchall()}
        assert set(events) == stored
        assert ahead.table_blocks(con, "no_such_table") == []


def test_byte_ranges_join_neighbours_keep_the_order_and_name_a_block_once() -> None:
    where = ahead.Layout(start=100, block_size=10, blocks=50)
    assert ahead.byte_ranges([4, 5, 6, 2, 5, 3, 9], where) == [(140, 30), (120, 20), (190, 10)]


def test_reading_ahead_stops_at_the_budget_and_reads_the_whole_file_without_one(db: Path) -> None:
    with duckdb.connect(str(db), read_only=True) as con:
        where = ahead.layout(con, db)
        assert where is not None
        assert ahead.read_ahead(con, db, READ_AHEAD_TABLES, 3 * where.block_size + 5) == 3 * where.block_size + 5
        tables_only = ahead.read_ahead(con, db, ["events"], 2**40, rest=False)
        assert tables_only == len(ahead.table_blocks(con, "events")) * where.block_size
        assert ahead.read_ahead(con, db, READ_AHEAD_TABLES, 2**40) == where.blocks * where.block_size
        stop = threading.Event()
        stop.set()
        assert ahead.read_ahead(con, db, READ_AHEAD_TABLES, 2**40, stop) == 0


def test_the_server_reads_its_file_ahead_on_a_thread_and_says_how_much(db: Path) -> None:
    app = create_app(db)
    said: list[tuple[int, float]] = []
    thread = start_read_ahead(app.state.answers.source, lambda read, seconds: said.append((read, seconds)))
    assert thread is not None
    thread.join(30)
    assert said and said[0][0] > 0
    assert start_read_ahead(object()) is None  # not a database file (watch --serve's own database)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a thread's own nice value is Linux's")
def test_the_reading_thread_gives_the_cores_to_the_requests_first() -> None:
    seen: list[int] = []

    def in_a_thread() -> None:
        warm._yield_the_cpu()
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        seen.append(psutil.Process(threading.get_native_id()).ionice().ioclass)

    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join()
    assert seen == [warm.READ_AHEAD_NICE, psutil.IOPRIO_CLASS_IDLE]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) != warm.READ_AHEAD_NICE  # this thread: as it was
