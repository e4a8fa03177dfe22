"""The rows of /api/events pages kept by event id (eventwire/api/rows.py): the same bytes as rows fetched,
fewer rows fetched, and across snapshot copies only the rows of events the journal did not name are reused
(a rewritten event is read again; a copy whose changes are unknown reuses none).

The events are synthetic (bench/make_events_db.py), written for the eventwire project.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_api_source import FILTERS
from test_snapshot_carry import _Copies

from eventwire.api import create_app
from eventwire.api.answers import encode_json
from eventwire.api.deltas import VersionChanges
from eventwire.api.pages import events_page
from eventwire.api.rows import EventRows
from eventwire.read import paging, questions
from eventwire.read.filters import EventFilter
from eventwire.store.db import arrow, connect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402

# filters that share rows (the newest events of an actor are also those of its dyads and types)
URLS = ["/api/events?actor=RUS&page_size=30", "/api/events?actor=RUS&actor2=UKR&page_size=30",
        "/api/events?source=RUS&page_size=30", "/api/events?actor=RUS&sort=mentions&page_size=30",
        "/api/events?plover=ASSAULT&page_size=30", "/api/events?page_size=30&page=2"]


def fetched_rows(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many rows each fetch of a page's rows asked DuckDB for."""
    asked: list[int] = []
    original = paging.rows_as_dicts

    def counted(con: Any, columns: Any, found: Any) -> Any:
        asked.append(len(found))
        return original(con, columns, found)

    monkeypatch.setattr(paging, "rows_as_dicts", counted)
    return asked


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rows") / "rows.duckdb"
    make_events_db.build(path, 700, seed=5, hostile_every=7)  # hostile names: quotes, unicode, NULLs
    return path


def _fresh(path: Path, url: str, rows: bool) -> bytes:
    app = create_app(path)
    app.state.answers.enabled = False  # every answer computed
    if not rows:
        app.state.event_rows = EventRows(max_bytes=0)  # keeps nothing: every row fetched
    with TestClient(app) as client:
        return client.get(url).content


def test_pages_from_kept_rows_are_the_bytes_of_pages_from_fetched_rows(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(db)
    app.state.answers.enabled = False
    asked = fetched_rows(monkeypatch)
    with TestClient(app) as client:
        first = [client.get(url).content for url in URLS]
        fetched_first = sum(asked)
        again = [client.get(url).content for url in URLS]
    fetched_again = sum(asked) - fetched_first
    assert first == again == [_fresh(db, url, rows=False) for url in URLS]
    shown = sum(len(_items(body)) for body in first)
    assert fetched_first < shown  # later pages reused rows of earlier ones
    assert fetched_again == 0  # asked again: every row kept, none fetched


def _items(body: bytes) -> list[dict[str, Any]]:
    import json

    return list(json.loads(body)["items"])


KEPT = EventRows()  # shared by the examples below, so that later pages reuse the rows of earlier ones


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=FILTERS, sort=st.sampled_from(sorted(questions.SORTS)), descending=st.booleans(),
       page_number=st.integers(1, 4), page_size=st.sampled_from([1, 7, 50]))
def test_any_page_from_kept_rows_encodes_as_the_page_of_fetched_rows(db: Path, chosen: EventFilter, sort: str,
                                                                     descending: bool, page_number: int,
                                                                     page_size: int) -> None:
    how = {"page": page_number, "page_size": page_size, "sort": sort, "descending": descending}
    with connect(db, read_only=True) as con:
        fetched = events_page(con, chosen, **how)  # type: ignore[arg-type]
        kept = events_page(con, chosen, rows=lambda c, found: KEPT.items(c, found, "one version"),
                           **how)  # type: ignore[arg-type]
    assert encode_json(kept) == encode_json(fetched)


def test_a_row_is_kept_within_its_byte_bound(db: Path) -> None:
    rows = EventRows(max_bytes=4000)
    with connect(db, read_only=True) as con:
        found = [(r, i) for r, i in con.execute("SELECT rowid, id FROM events ORDER BY id LIMIT 40").fetchall()]
        assert len(rows.items(con, found, "v1")) == 40
    assert 0 < len(rows) < 10  # ~0.6 KB a row: a few fit


@pytest.fixture()
def copies(tmp_path: Path) -> Iterator[_Copies]:
    served = _Copies(tmp_path)
    yield served
    served.close()


def test_a_rewritten_event_is_read_again_and_the_others_are_reused(copies: _Copies,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    copies.client.app.state.answers.enabled = False  # type: ignore[attr-defined]
    url = "/api/events?sort=mentions&page_size=25"
    first = copies.client.get(url).json()["items"]
    top = first[0]
    copies.rewrite("UPDATE events SET num_mentions = num_mentions + 100 WHERE id = ?", top["id"])
    asked = fetched_rows(monkeypatch)
    now = copies.client.get(url)
    assert asked == [1]  # the rewritten event alone; the other 24 rows were the open copy's
    assert now.json()["items"][0]["num_mentions"] == top["num_mentions"] + 100
    assert now.content == _fresh(copies.link, url, rows=False)


def test_a_copy_whose_changes_are_unknown_reuses_no_row(copies: _Copies, monkeypatch: pytest.MonkeyPatch) -> None:
    copies.client.app.state.answers.enabled = False  # type: ignore[attr-defined]
    url = "/api/events?sort=mentions&page_size=25"
    top = copies.client.get(url).json()["items"][0]
    copies.rewrite("UPDATE events SET num_mentions = num_mentions + 100 WHERE id = ?", top["id"], heard=False)
    asked = fetched_rows(monkeypatch)
    now = copies.client.get(url)
    assert now.json()["items"][0]["num_mentions"] == top["num_mentions"] + 100
    assert asked == [25]


def test_version_changes_name_the_ids_rewritten_between_two_versions() -> None:
    changes = VersionChanges()
    try:
        con = connect(":memory:")
        before = arrow(con, "SELECT 'a' AS id, 1 AS num_mentions")
        after = arrow(con, "SELECT 'a' AS id, 2 AS num_mentions")
        changes.heard(before, after)
        changes.seal(1)
        changes.seal(2)  # heard nothing: unknown
        changes.heard(arrow(con, "SELECT 'b' AS id, 1 AS num_mentions").slice(0, 0),
                      arrow(con, "SELECT 'b' AS id, 1 AS num_mentions"))
        changes.seal(3)
        assert changes.changed_ids(0, 1) == frozenset({"a"})
        assert changes.changed_ids(2, 3) == frozenset({"b"})
        assert changes.changed_ids(1, 3) is None and changes.changed_ids(3, 2) is None
        assert changes.changed_ids(3, 3) == frozenset()
    finally:
        changes.close()


def test_a_row_kept_at_a_newer_version_serves_the_version_before_it_unless_rewritten(
        db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While a new snapshot is rewarmed, requests still read the one before it: a row the rewarming kept (newer
    version) serves them when the journal between the two does not name its event, and keeps its newer tag."""
    con = connect(db, read_only=True)
    try:
        found = [(int(r), str(i)) for r, i in con.execute("SELECT rowid, id FROM events ORDER BY id LIMIT 3").fetchall()]
        rewritten = found[0][1]

        def changed(since: Any, now: Any) -> frozenset[str] | None:
            return frozenset({rewritten}) if (since, now) == ("v1", "v2") else None  # v2 newer; other order unknown

        rows = EventRows(changed)
        asked = fetched_rows(monkeypatch)
        newer = rows.items(con, found, "v2")  # kept by the rewarming of v2
        older = rows.items(con, found, "v1")  # a request still on v1
        again = rows.items(con, found, "v2")
        # v1 read only the rewritten event again; back on v2 only that event again (its v1 row is not v2's)
        assert asked == [3, 1, 1]
        assert orjson.dumps(older[1:]) == orjson.dumps(newer[1:])
        assert orjson.dumps(again) == orjson.dumps(newer)
    finally:
        con.close()
