"""Answers kept across published snapshots that cannot have changed them (eventwire/store/snapshot_changes.py).

``watch --snapshot`` writes beside each copy the events it changed since the previous copy; ``serve``
(SnapshotSource) keeps an answer across the new copy when no changed event matches its filter. After
every new copy each answer is what a fresh computation over it gives, kept or not: new events, an
updated mention count, an event deleted on recode, copies the server skipped; and a change the
journal did not hear (checked by the fingerprint), or a gap in the chain of changes files from the
open copy to the new one, keeps nothing.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import test_watch
from fastapi.testclient import TestClient
from test_api_carry import QUERIES
from test_api_replay import counting_pages
from test_watch import Clock, Site, _item

from eventwire.api import create_app
from eventwire.api.snapshots import SnapshotSource
from eventwire.feeds import Fetcher, Watcher, publish_snapshot
from eventwire.stages import light_stages
from eventwire.store import changes, rollups
from eventwire.store.db import arrow, connect
from eventwire.store.snapshot_changes import CHANGES_SUFFIX, SnapshotJournal, fingerprint, read_changes

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402

URLS = [f"/api/events?{'&'.join(f'{k}={v}' for k, v in q.items())}&page_size=20" for q in QUERIES]


@pytest.fixture()
def feed_site() -> Iterator[tuple[Site, str]]:
    yield from test_watch.site.__wrapped__()  # type: ignore[attr-defined]


def _fresh(link: Path, url: str) -> bytes:
    """The answer computed afresh from the copy the link points at now (a new app: nothing cached)."""
    with TestClient(create_app(link)) as client:
        return client.get(url).content


def test_a_watch_cycle_keeps_the_answers_its_events_cannot_touch_and_the_rest_are_exact(
        feed_site: tuple[Site, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    state, base = feed_site
    db, link, clock = tmp_path / "watch.duckdb", tmp_path / "live.duckdb", Clock()
    watcher = Watcher([f"{base}/rss.xml"], db=db, every=60, stages=light_stages(), clock=clock, snapshot=link,
                      fetcher=Fetcher(allow_private=True, timeout=5.0, min_interval=0.0))
    source = SnapshotSource(link)
    try:
        watcher.poll()  # the first copy: nothing to lead from
        assert read_changes(link.resolve()) is None
        client = TestClient(create_app(source=source))
        before = [client.get(url).content for url in URLS]
        state.items.append(_item("poland-egypt", "Poland aided Egypt", "Thu, 02 May 2024 08:00:00 GMT"))
        clock.now += timedelta(seconds=61)
        watcher.poll()
        found = read_changes(link.resolve())
        assert found is not None and link.parent / found[0] in link.parent.iterdir() and found[1].num_rows >= 1
        calls = counting_pages(monkeypatch)
        after = [client.get(url).content for url in URLS]
        computed = len(calls)
        assert after == [_fresh(link, url) for url in URLS]  # exact, kept or not
        changed = sum(a != b for a, b in zip(after, before, strict=True))
        assert changed >= 2  # the unfiltered page and the actor=POL page at least show the new event
        assert changed <= computed < len(URLS)  # every changed answer was computed; some were kept
    finally:
        watcher.close()
        source.close()


class _Copies:
    """A database with synthetic events, published as snapshot copies with a journal, and served."""

    def __init__(self, tmp_path: Path) -> None:
        self.db, self.link = tmp_path / "watch.duckdb", tmp_path / "live.duckdb"
        make_events_db.build(self.db, 400, seed=8)
        self.journal = SnapshotJournal()
        publish_snapshot(self.db, self.link, journal=self.journal)
        self.source = SnapshotSource(self.link)
        self.client = TestClient(create_app(source=self.source))

    def rewrite(self, sql: str, event_id: str, *, heard: bool = True) -> None:
        """Change one event by ``sql`` (its id as the parameter) and tell the listeners as the writer
        would (or not), then publish a new copy."""
        con = connect(self.db)
        try:
            old = arrow(con, "SELECT * FROM events WHERE id = ?", [event_id])
            con.execute(sql, [event_id])
            rollups.rebuild(con)
            new = arrow(con, "SELECT * FROM events WHERE id = ?", [event_id])
        finally:
            con.close()
        if heard:
            changes.notify(old, new)
        publish_snapshot(self.db, self.link, journal=self.journal)

    def close(self) -> None:
        self.journal.close()
        self.source.close()


@pytest.fixture()
def copies(tmp_path: Path) -> Iterator[_Copies]:
    served = _Copies(tmp_path)
    yield served
    served.close()


def _ask(copies: _Copies, urls: list[str]) -> list[dict[str, object]]:
    return [copies.client.get(url).json() for url in urls]


def test_an_updated_mention_count_recomputes_the_answers_that_hold_the_event_only(
        copies: _Copies, monkeypatch: pytest.MonkeyPatch) -> None:
    urls = ["/api/events?plover=ASSAULT&sort=mentions&page_size=5", "/api/events?plover=AID&page_size=5",
            "/api/events?plover=PROTEST&page_size=5"]
    first = _ask(copies, urls)
    top = first[0]["items"][0]  # type: ignore[index]
    copies.rewrite("UPDATE events SET num_mentions = num_mentions + 100 WHERE id = ?", top["id"])
    calls = counting_pages(monkeypatch)
    now = _ask(copies, urls)
    assert now[0]["items"][0]["num_mentions"] == top["num_mentions"] + 100  # type: ignore[index]
    assert now[1:] == first[1:] and calls == [1]  # the other types' pages were kept
    kept = [copies.client.get(url).content for url in urls]
    assert kept == [_fresh(copies.link, url) for url in urls]


def test_an_event_deleted_on_recode_leaves_the_pages_that_held_it(
        copies: _Copies, monkeypatch: pytest.MonkeyPatch) -> None:
    urls = ["/api/events?plover=ASSAULT&page_size=5", "/api/events?plover=AID&page_size=5"]
    first = _ask(copies, urls)
    gone = first[0]["items"][0]["id"]  # type: ignore[index]
    copies.rewrite("DELETE FROM events WHERE id = ?", gone)
    calls = counting_pages(monkeypatch)
    now = _ask(copies, urls)
    assert now[0]["total"] == first[0]["total"] - 1 and gone not in {e["id"] for e in now[0]["items"]}  # type: ignore[index, union-attr]
    assert now[1] == first[1] and calls == [1]


def test_a_change_the_journal_did_not_hear_keeps_nothing(copies: _Copies, monkeypatch: pytest.MonkeyPatch) -> None:
    urls = ["/api/events?plover=ASSAULT&page_size=5", "/api/events?plover=AID&page_size=5"]
    first = _ask(copies, urls)
    gone = first[0]["items"][0]["id"]  # type: ignore[index]
    copies.rewrite("DELETE FROM events WHERE id = ?", gone, heard=False)  # as `eventwire run` between cycles
    assert read_changes(copies.link.resolve()) is None  # the fingerprint did not add up: no changes file
    calls = counting_pages(monkeypatch)
    assert _ask(copies, urls)[0]["total"] == first[0]["total"] - 1 and calls == [1, 1]


def test_copies_the_server_skipped_are_followed_back_to_the_open_one(
        copies: _Copies, monkeypatch: pytest.MonkeyPatch) -> None:
    urls = ["/api/events?plover=ASSAULT&page_size=5", "/api/events?plover=AID&page_size=5"]
    first = _ask(copies, urls)
    ids = [e["id"] for e in first[0]["items"]]  # type: ignore[index]
    copies.rewrite("DELETE FROM events WHERE id = ?", ids[0])  # a copy the server never opens
    copies.rewrite("DELETE FROM events WHERE id = ?", ids[1])  # leads from that copy, not the open one
    calls = counting_pages(monkeypatch)
    now = _ask(copies, urls)
    assert now[0]["total"] == first[0]["total"] - 2 and now[1] == first[1] and calls == [1]


def test_a_missing_link_between_the_open_copy_and_the_new_one_keeps_nothing(
        copies: _Copies, monkeypatch: pytest.MonkeyPatch) -> None:
    urls = ["/api/events?plover=ASSAULT&page_size=5", "/api/events?plover=AID&page_size=5"]
    first = _ask(copies, urls)
    ids = [e["id"] for e in first[0]["items"]]  # type: ignore[index]
    copies.rewrite("DELETE FROM events WHERE id = ?", ids[0], heard=False)  # a skipped copy with no changes file
    copies.rewrite("DELETE FROM events WHERE id = ?", ids[1])  # its own changes lead from the skipped copy
    assert read_changes(copies.link.resolve()) is not None
    calls = counting_pages(monkeypatch)
    assert _ask(copies, urls)[0]["total"] == first[0]["total"] - 2 and calls == [1, 1]


def test_the_fingerprint_adds_and_removes_rows_and_old_copies_go_with_their_changes(copies: _Copies) -> None:
    con = connect(copies.db, read_only=True)
    try:
        whole = fingerprint(con)
        rows = arrow(con, "SELECT * FROM events ORDER BY id LIMIT 3")
        con.execute("CREATE TEMP TABLE rest AS SELECT * FROM events WHERE id NOT IN (SELECT unnest(?))",
                    [rows.column("id").to_pylist()])
        rest = fingerprint(con, "rest")
    finally:
        con.close()
    from eventwire.store.snapshot_changes import _rows_fingerprint

    assert whole != rest and rest ^ _rows_fingerprint([rows]) == whole
    for _ in range(3):
        copies.rewrite("UPDATE events SET goldstein = goldstein + 1 WHERE id = ?", str(rows.column("id")[0]))
    kept = sorted(p.name for p in copies.link.parent.glob(f"*{copies.link.name}.*"))
    assert sum(name.endswith(CHANGES_SUFFIX) for name in kept) == 2 and len(kept) == 4  # newest 2 copies


def test_a_copy_is_written_beside_its_changes_file_before_the_link_points_at_it(tmp_path: Path) -> None:
    db, link = tmp_path / "w.duckdb", tmp_path / "live.duckdb"
    make_events_db.build(db, 50, seed=2)
    journal = SnapshotJournal()
    try:
        publish_snapshot(db, link, journal=journal)
        shutil.copyfile(db, tmp_path / "unrelated.duckdb")
        target = publish_snapshot(db, link, journal=journal)  # nothing written between: no event changed
        found = read_changes(target)
        assert found is not None and found[1].num_rows == 0 and target == link.resolve()
    finally:
        journal.close()
