"""Beside an in-memory index the API keeps more page rows, and a new snapshot's index starts prepared (issue 17).

- eventwire/api/rows.py ``bound_for``: with an index, the kept rows' bound grows to every event's row within what
  ``EVENTWIRE_API_INDEX_MB`` leaves beside the index (never below the 32 MB default, never shrunk), in place (a
  copy of every kept row at each snapshot that added events held the rows' lock for ~0.14 s at 100,000);
- eventwire/read/memory_index.py ``MemoryIndex.prepare_as``: a new file's index computes the orders and the
  conditions' hits the previous file's index was asked, so the first pages after a snapshot need no sort of
  every row and no DuckDB query of the index.

The database is synthetic (bench/make_events_db.py, written for the eventwire project), roughened as in
tests/test_read_memory_index.py (NULLs, NaNs, signed zeros, ties, wildcards).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_read_memory_index import _roughen

from eventwire.api import create_app
from eventwire.api import rows as kept_rows
from eventwire.api.answers import encode_json
from eventwire.api.rows import EventRows, bound_for
from eventwire.api.snapshots import SnapshotSource
from eventwire.read import memory_index
from eventwire.read.filters import EventFilter
from eventwire.store.db import connect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("keptbound") / "keptbound.duckdb"
    make_events_db.build(path, 600, seed=4, hostile_every=7)
    _roughen(path)
    return path


def test_the_rows_bound_holds_every_event_within_the_index_budget() -> None:
    mb = 1024 * 1024
    assert bound_for(100_000, 512 * mb, 18 * mb) == 100_000 * kept_rows.ROW_BYTES  # 122 MB: every row
    assert bound_for(1_000_000, 512 * mb, 350 * mb) == 162 * mb  # what the budget leaves beside the index
    assert bound_for(600, 64 * mb, mb) == kept_rows.MAX_BYTES  # never below the default


def test_growing_the_bound_keeps_the_rows(db: Path) -> None:
    rows = EventRows(max_bytes=4000)
    with connect(db, read_only=True) as con:
        found = [(r, i) for r, i in con.execute("SELECT rowid, id FROM events ORDER BY id LIMIT 40").fetchall()]
        first = rows.items(con, found, "v1")
        few = len(rows)
        rows.grow(2000)  # smaller: ignored
        assert rows.max_bytes == 4000 and len(rows) == few
        rows.grow(1_000_000)
        assert rows.max_bytes == 1_000_000 and len(rows) == few
        again = rows.items(con, found, "v1")
    assert len(rows) == 40 > few
    assert encode_json(again) == encode_json(first)


def test_raising_the_kept_rows_bound_copies_nothing(db: Path) -> None:
    rows = EventRows(max_bytes=6000)
    with connect(db, read_only=True) as con:
        found = [(r, i) for r, i in con.execute("SELECT rowid, id FROM events ORDER BY id LIMIT 20").fetchall()]
        rows.items(con, found, "v1")
    kept, held = rows._rows, len(rows)
    assert 0 < held < 20  # the bound dropped the least recently used
    rows.grow(10_000_000)
    assert rows._rows is kept and len(rows) == held and rows.max_bytes == 10_000_000


def test_the_kept_rows_drop_the_least_recently_used_beyond_their_bound() -> None:
    entry = kept_rows.ENTRY_OVERHEAD + 1 + 100  # one id character, a JSON of 100 bytes
    kept = kept_rows._Kept(3 * entry)
    for event_id in "abc":
        kept.put(event_id, ("v1", event_id, b"x" * 100))
    assert kept.get("a") is not None  # used: now the most recent
    kept.put("d", ("v1", "d", b"x" * 100))
    assert kept.get("b") is None and [kept.get(i) is not None for i in "acd"] == [True] * 3
    kept.put("c", ("v2", "c", b"y" * 100))  # the same id again: replaced, not counted twice
    assert len(kept) == 3 and kept.bytes == 3 * entry
    kept.put("e", ("v1", "e", b"x" * (3 * entry)))  # larger than the whole bound: not kept, nothing dropped
    assert kept.get("e") is None and len(kept) == 3
    kept.max_bytes = 4 * entry
    kept.put("f", ("v1", "f", b"x" * 100))
    assert len(kept) == 4


def test_the_app_grows_its_kept_rows_once_the_index_is_ready(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kept_rows, "MAX_BYTES", 1000)
    for budget_mb in (64, 0):
        source = SnapshotSource(db, index_mb=budget_mb)
        source.version()
        index = source.wait_index(60)
        app = create_app(source=source)
        app.state.event_rows = EventRows(max_bytes=1000)
        with TestClient(app) as client:
            assert client.get("/api/events?actor=RUS&page_size=30").status_code == 200
        if budget_mb:
            assert index is not None
            assert app.state.event_rows.max_bytes == index.size * kept_rows.ROW_BYTES
        else:  # no index (as at 10 million events): the bound stays
            assert index is None and app.state.event_rows.max_bytes == 1000
        source.close()


def test_a_new_index_is_prepared_for_what_the_previous_one_was_asked(db: Path) -> None:
    with connect(db, read_only=True) as con:
        previous, fresh, bare = memory_index.build(con), memory_index.build(con), memory_index.build(con)
    asked = EventFilter(actor="RUS", q="synthetic")
    page = previous.page(asked, sort="goldstein", descending=False, limit=7, offset=7)
    fresh.prepare_as(previous)
    for index in (fresh, bare):
        index._facets.close()  # a condition not prepared now fails: it would ask the index's DuckDB
    assert fresh.page(asked, sort="goldstein", descending=False, limit=7, offset=7) == page
    assert set(fresh._orders) == {("goldstein", False)}
    with pytest.raises(Exception):  # noqa: B017, PT011 - DuckDB's error for a closed connection
        bare.page(asked, sort="goldstein", descending=False, limit=7, offset=7)
    with pytest.raises(Exception):  # noqa: B017, PT011
        fresh.page(EventFilter(actor="UKR"), sort="goldstein", descending=False, limit=7, offset=7)  # not asked before


def test_a_new_snapshot_is_indexed_prepared_for_what_was_asked(db: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first.duckdb", tmp_path / "second.duckdb"
    first.write_bytes(db.read_bytes())
    second.write_bytes(db.read_bytes())
    link = tmp_path / "link.duckdb"
    link.symlink_to(first)
    source = SnapshotSource(link, index_mb=64)
    source.version()
    old = source.wait_index(60)
    assert old is not None
    old.page(EventFilter(plover="ASSAULT"), sort="mentions", descending=True, limit=5, offset=0)
    link.unlink()
    link.symlink_to(second)
    source.version()  # opens the new file (no background thread: on this one)
    new = source.wait_index(60)
    assert new is not None and new is not old
    assert ("mentions", True) in new._orders
    source.close()
