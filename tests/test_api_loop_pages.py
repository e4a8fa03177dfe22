"""Pages of /api/events the in-memory index and the kept rows answer entirely are answered on the event loop
(eventwire/api/routes.py, issue 17): the same bytes as SQL's, no thread-pool hop, no DuckDB; any other page goes
to the thread pool. With an index, the kept rows' bound grows to every event's row within the index's budget
(eventwire/api/rows.py ``bound_for``).

The database is synthetic (bench/make_events_db.py, written for the eventwire project), roughened as in
tests/test_read_memory_index.py (NULLs, NaNs, signed zeros, ties, wildcards).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_read_memory_index import FILTERS, _roughen, _sql_answer

from eventwire.api import create_app, routes
from eventwire.api import rows as kept_rows
from eventwire.api.answers import encode_json
from eventwire.api.pages import index_page
from eventwire.api.rows import EventRows, bound_for
from eventwire.api.snapshots import SnapshotSource
from eventwire.read import memory_index, paging, questions
from eventwire.read.filters import EventFilter
from eventwire.store.db import connect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402

URLS = ["/api/events?actor=RUS&page_size=30", "/api/events?actor=RUS&q=synthetic&sort=mentions&page=2&page_size=20",
        "/api/events?plover=ASSAULT&sort=goldstein&order=asc&page_size=7", "/api/events?page_size=30&page=3"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("looppages") / "looppages.duckdb"
    make_events_db.build(path, 600, seed=4, hostile_every=7)
    _roughen(path)
    return path


@pytest.fixture(scope="module")
def indexed(db: Path) -> SnapshotSource:
    source = SnapshotSource(db, index_mb=64)
    assert source.wait_index(60) is not None, "the index was not built"
    return source


def _bodies(source: SnapshotSource) -> list[bytes]:
    """Each URL asked twice of a fresh app over ``source`` (its answers not remembered: every page made)."""
    app = create_app(source=source)
    app.state.answers.enabled = False
    with TestClient(app) as client:
        return [client.get(url).content for url in URLS for _ in range(2)]


def test_pages_on_the_loop_are_the_sql_bytes_and_need_no_thread_or_duckdb(
        db: Path, indexed: SnapshotSource, monkeypatch: pytest.MonkeyPatch) -> None:
    sql = SnapshotSource(db, index_mb=0)
    expected = _bodies(sql)
    sql.close()
    before = dict(memory_index.SERVED)
    first = _bodies(indexed)  # rows fetched the first time (the pool), kept the second (the loop)
    assert first == expected and all(b'"total":' in body for body in first)
    assert memory_index.SERVED["loop"] - before.get("loop", 0) >= len(URLS)
    # another app: asked once (rows fetched in the pool), then with the pool and the rows' fetch made to fail
    app = create_app(source=indexed)
    app.state.answers.enabled = False
    with TestClient(app) as client:
        assert [client.get(url).content for url in URLS] == expected[::2]
    assert _bodies_on(app, monkeypatch) == expected[::2]


def _bodies_on(app: Any, monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The URLs asked of ``app`` with the thread pool and the rows' fetch made to fail."""
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the thread pool or DuckDB was asked")

    monkeypatch.setattr(routes, "run_in_threadpool", fail)
    monkeypatch.setattr(paging, "rows_as_dicts", fail)
    with TestClient(app) as client:
        return [client.get(url).content for url in URLS]


def test_a_page_with_rows_not_kept_goes_to_the_thread_pool(indexed: SnapshotSource, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(source=indexed)
    app.state.answers.enabled = False
    app.state.event_rows = EventRows(max_bytes=0)  # keeps nothing: no page can be answered on the loop
    hops: list[str] = []
    original = routes.run_in_threadpool

    async def counted(func: Any, *args: Any, **kwargs: Any) -> Any:
        hops.append(func.__name__)
        return await original(func, *args, **kwargs)

    monkeypatch.setattr(routes, "run_in_threadpool", counted)
    with TestClient(app) as client:
        assert all(client.get(url).status_code == 200 for url in URLS)
    assert hops == ["_events_json"] * len(URLS)


KEPT = EventRows()  # shared by the examples below: later pages reuse the rows of earlier ones


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flt=FILTERS, sort=st.sampled_from(sorted(questions.SORTS)), descending=st.booleans(),
       page=st.integers(1, 5), page_size=st.sampled_from([1, 7, 50]))
def test_any_index_page_of_kept_rows_is_the_sql_page(db: Path, indexed: SnapshotSource, flt: EventFilter, sort: str,
                                                     descending: bool, page: int, page_size: int) -> None:
    how: dict[str, Any] = {"page": page, "page_size": page_size, "sort": sort, "descending": descending}
    version, index = indexed.index_now()
    assert index is not None
    with connect(db, read_only=True) as con:  # keep the page's rows first, as a computed page does
        _, found = index.page(flt, sort=sort, descending=descending, limit=page_size, offset=(page - 1) * page_size)
        KEPT.items(con, found, version)
    answer = index_page(index, flt, lambda chosen: KEPT.kept_items(chosen, version), **how)
    assert answer is not None
    assert encode_json(answer) == encode_json(_sql_answer(db, flt, **how))
    assert index.prepared(flt, sort, descending)  # its order and hits are kept now: the loop may answer it


def test_an_index_is_prepared_for_a_page_once_its_order_and_hits_are_kept(db: Path) -> None:
    source = SnapshotSource(db, index_mb=64)
    index = source.wait_index(60)
    assert index is not None
    flt = EventFilter(actor="RUS", q="synthetic")
    assert not index.prepared(flt, "mentions", True)  # nothing computed yet: the pool computes it
    index.page(flt, sort="mentions", descending=True, limit=5, offset=0)
    assert index.prepared(flt, "mentions", True)
    assert not index.prepared(flt, "mentions", False)  # another order: not computed
    assert not index.prepared(EventFilter(actor="UKR", q="synthetic"), "mentions", True)  # another condition
    source.close()


def test_kept_items_are_all_or_none(db: Path) -> None:
    rows = EventRows()
    with connect(db, read_only=True) as con:
        found = [(r, i) for r, i in con.execute("SELECT rowid, id FROM events ORDER BY id LIMIT 12").fetchall()]
        fetched = rows.items(con, found[:10], "v1")
    kept = rows.kept_items(found[:10], "v1")
    assert kept is not None and encode_json(kept) == encode_json(fetched)
    assert rows.kept_items(found, "v1") is None  # two not kept: the page is read
    assert rows.kept_items(found[:10], "v2") is None  # another version, changes unknown: read again


def test_the_rows_bound_holds_every_event_within_the_index_budget() -> None:
    mb = 1024 * 1024
    assert bound_for(100_000, 512 * mb, 18 * mb) == 100_000 * kept_rows.ROW_BYTES  # 122 MB: every row
    assert bound_for(1_000_000, 512 * mb, 350 * mb) == 162 * mb  # what the budget leaves beside the index
    assert bound_for(600, 64 * mb, mb) == kept_rows.MAX_BYTES  # never below the default


def test_growing_the_bound_keeps_the_rows(db: Path) -> None:
    rows = EventRows(max_bytes=4000)
    with connect(db, read_only=True) as con:
        found = [(r, i) for r, i in con.execute("SELECT rowid, id FROM events ORDER BY id LIMIT 40").fetchall()]
        rows.items(con, found, "v1")
        few = len(rows)
        rows.grow(2000)  # smaller: ignored
        assert rows.max_bytes == 4000 and len(rows) == few
        rows.grow(1_000_000)
        assert rows.max_bytes == 1_000_000 and len(rows) == few
        rows.items(con, found, "v1")
    assert len(rows) == 40 > few


def test_the_app_grows_its_kept_rows_once_the_index_is_ready(indexed: SnapshotSource,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kept_rows, "MAX_BYTES", 1000)
    app = create_app(source=indexed)
    app.state.event_rows = EventRows(max_bytes=1000)
    with TestClient(app) as client:
        client.get(URLS[0])
    index = indexed.index_now()[1]
    assert index is not None
    assert app.state.event_rows.max_bytes == index.size * kept_rows.ROW_BYTES


def test_a_new_index_is_prepared_for_what_the_previous_one_was_asked(db: Path) -> None:
    with connect(db, read_only=True) as con:
        previous, fresh, bare = memory_index.build(con), memory_index.build(con), memory_index.build(con)
    asked = EventFilter(actor="RUS", q="synthetic")
    page = previous.page(asked, sort="goldstein", descending=False, limit=7, offset=7)
    fresh.prepare_as(previous)
    assert fresh.prepared(asked, "goldstein", False) and not bare.prepared(asked, "goldstein", False)
    assert not fresh.prepared(EventFilter(actor="UKR"), "goldstein", False)  # not asked before: not prepared
    assert fresh.page(asked, sort="goldstein", descending=False, limit=7, offset=7) == page
