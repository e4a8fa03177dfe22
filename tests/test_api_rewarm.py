"""A new snapshot is asked the recent requests before it is published (eventwire/api/rewarm.py).

``serve`` opens a new snapshot on a background thread; before publishing it, that thread asks the app
the requests answered recently, against the new file only, so the answers its changes touch are
computed there once and the requests after the switch find them ready. The answers are exactly those
a fresh server gives for the new file; the requests meanwhile answer from the previous one; the
warming is bounded in time. The databases are synthetic (bench/make_events_db.py).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_api_replay import counting_pages

from eventwire.api import create_app, rewarm
from eventwire.api.rewarm import RecentRequests, Rewarmer
from eventwire.api.snapshots import SnapshotSource
from eventwire.feeds import publish_snapshot
from eventwire.store import changes, rollups
from eventwire.store.db import arrow, connect
from eventwire.store.snapshot_changes import SnapshotJournal

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402

URLS = ["/api/events?plover=ASSAULT&sort=mentions&page_size=5", "/api/events?plover=AID&page_size=5",
        "/api/events?plover=PROTEST&page_size=5"]


class _Served:
    """Synthetic events published as snapshot copies with a journal, served as ``serve`` does (background)."""

    def __init__(self, tmp_path: Path, token: str | None = None, index_mb: int = 0) -> None:
        self.db, self.link = tmp_path / "watch.duckdb", tmp_path / "live.duckdb"
        make_events_db.build(self.db, 400, seed=8)
        self.journal = SnapshotJournal()
        publish_snapshot(self.db, self.link, journal=self.journal)
        # no in-memory index by default: a file with one is published without warming (the last test)
        self.source = SnapshotSource(self.link, background=True, index_mb=index_mb)
        self.app = create_app(source=self.source, token=token)
        self.client = TestClient(self.app, headers={"Authorization": f"Bearer {token}"} if token else {})

    def add_mentions(self, event_id: str) -> None:
        """100 more mentions of one event, heard as the writer tells it, then a new copy published."""
        con = connect(self.db)
        try:
            old = arrow(con, "SELECT * FROM events WHERE id = ?", [event_id])
            con.execute("UPDATE events SET num_mentions = num_mentions + 100 WHERE id = ?", [event_id])
            rollups.rebuild(con)
            new = arrow(con, "SELECT * FROM events WHERE id = ?", [event_id])
        finally:
            con.close()
        changes.notify(old, new)
        publish_snapshot(self.db, self.link, journal=self.journal)

    def wait_switch(self, old: object) -> None:
        """Until the source publishes the new copy (a request's look wakes the switching thread)."""
        deadline = time.monotonic() + 30
        while self.source.version() == old:
            assert time.monotonic() < deadline, "the new snapshot was never published"
            time.sleep(0.02)

    def close(self) -> None:
        self.journal.close()
        self.source.close()


@pytest.fixture(params=[None, "k3y-For-The-Rewarm-Test"])
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[_Served]:
    """Served without a token, and with one (which the warming's requests must carry, as every client's)."""
    found = _Served(tmp_path, request.param)
    yield found
    found.close()


def _fresh(link: Path, url: str) -> bytes:
    with TestClient(create_app(link)) as client:  # a new app: nothing cached
        return client.get(url).content


def test_the_answers_a_new_snapshot_touches_are_computed_before_it_is_published(
        served: _Served, monkeypatch: pytest.MonkeyPatch) -> None:
    first = [served.client.get(url).json() for url in URLS]
    top = first[0]["items"][0]
    old = served.source.version()
    seen: dict[str, Any] = {}
    warmer = served.source.before_publish
    assert isinstance(warmer, Rewarmer)

    def watched(superseded: Callable[[], bool]) -> object:
        # inside the preview: this thread reads the new file, a request on another thread the old one
        other: list[object] = []
        thread = threading.Thread(target=lambda: other.append(served.source.version()))
        thread.start()
        thread.join()
        seen["here"], seen["other"] = served.source.version(), other[0]
        seen["pages"] = len(calls)
        return warmer(superseded)

    served.source.before_publish = watched
    calls = counting_pages(monkeypatch)
    served.add_mentions(top["id"])
    served.wait_switch(old)
    assert seen["other"] == old and seen["here"] not in (old, None)
    assert seen["pages"] == 0 and calls == [1] and warmer.asked == len(URLS)  # one page touched, on the new file
    calls.clear()
    now = [served.client.get(url).content for url in URLS]
    assert calls == []  # every answer ready when the new copy was published
    assert now == [_fresh(served.link, url) for url in URLS]  # and each is the fresh answer of the new copy
    assert served.client.get(URLS[0]).json()["items"][0]["num_mentions"] == top["num_mentions"] + 100


def test_without_warming_the_touched_answer_is_computed_when_asked(
        served: _Served, monkeypatch: pytest.MonkeyPatch) -> None:
    """The control of the test above: the same change, the warming given no time."""
    for url in URLS:
        served.client.get(url)
    warmer = served.source.before_publish
    assert isinstance(warmer, Rewarmer)
    warmer.seconds = 0.0
    old = served.source.version()
    top = served.client.get(URLS[0]).json()["items"][0]
    served.add_mentions(top["id"])
    served.wait_switch(old)
    calls = counting_pages(monkeypatch)
    now = [served.client.get(url).content for url in URLS]
    assert warmer.asked == 0 and calls == [1]
    assert now == [_fresh(served.link, url) for url in URLS]


def test_the_warming_stops_at_its_time_or_when_a_newer_snapshot_is_published(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    async def slow(app: object, target: str, token: str | None) -> int:
        asked.append(target)
        time.sleep(0.05)
        return 200

    monkeypatch.setattr(rewarm, "ask", slow)
    recent = RecentRequests()
    for n in range(100):
        recent.note("/api/events", f"page={n}".encode())
    started = time.monotonic()
    assert Rewarmer(object(), recent, seconds=0.2)() == len(asked) <= 5
    assert time.monotonic() - started < 1.0
    assert asked[0] == "/api/events?page=99"  # the most recent first
    asked.clear()
    assert Rewarmer(object(), recent, seconds=30)(lambda: len(asked) >= 2) == 2  # a newer snapshot: stop


def test_recent_requests_are_bounded_latest_first_and_the_warmings_own_are_not_noted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    recent = RecentRequests(size=3)
    for query in (b"a=1", b"a=2", b"a=3", b"a=1", b"a=4"):
        recent.note("/api/events", query)
    assert recent.latest() == ["/api/events?a=4", "/api/events?a=1", "/api/events?a=3"]
    recent.note("/api/stats", b"")
    assert recent.latest()[0] == "/api/stats"

    async def noting(app: object, target: str, token: str | None) -> int:
        recent.note("/api/events", b"a=9")  # as the replay middleware does for a warming request
        return 200

    monkeypatch.setattr(rewarm, "ask", noting)
    Rewarmer(object(), recent)()
    assert "/api/events?a=9" not in recent.latest()


def test_the_replay_middleware_notes_the_requests_it_answers(tmp_path: Path) -> None:
    db = tmp_path / "one.duckdb"
    make_events_db.build(db, 60, seed=3)
    source = SnapshotSource(db, background=True)
    try:
        app = create_app(source=source)
        client = TestClient(app)
        client.get("/api/events?plover=AID")
        client.get("/api/events?page_size=1001")  # refused (422): not noted
        client.get("/api/events?plover=AID")  # replayed: noted again
        client.get("/api/stats")
        assert isinstance(source.before_publish, Rewarmer)
        assert source.before_publish.recent.latest() == ["/api/stats", "/api/events?plover=AID"]
    finally:
        source.close()


def test_the_warming_is_told_when_an_even_newer_snapshot_is_published(served: _Served) -> None:
    served.client.get(URLS[0])
    told: list[bool] = []

    def watched(superseded: Callable[[], bool]) -> None:
        told.append(superseded())
        publish_snapshot(served.db, served.link, journal=served.journal)  # the next copy, while this one warms
        told.append(superseded())

    served.source.before_publish = watched
    old = served.source.version()
    served.add_mentions(served.client.get(URLS[1]).json()["items"][0]["id"])
    served.wait_switch(old)
    assert told == [False, True]


def test_a_snapshot_closed_while_it_warms_is_not_published(served: _Served) -> None:
    served.client.get(URLS[0])
    old = served.source.version()
    warmed: list[bool] = []

    def closing(superseded: Callable[[], bool]) -> None:
        served.source.close()  # the server stops while the new copy warms
        warmed.append(True)

    served.source.before_publish = closing
    served.add_mentions(served.client.get(URLS[1]).json()["items"][0]["id"])
    served.source.version()  # wakes the switching thread
    deadline = time.monotonic() + 30
    while not warmed and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.2)
    assert warmed and served.source._opened is None and old is not None


def test_a_snapshot_with_its_in_memory_index_ready_is_published_without_warming(tmp_path: Path) -> None:
    """Its pages cost a ms or two: warming them on the switching thread only took the GIL from the requests."""
    served = _Served(tmp_path, index_mb=64)
    try:
        for url in URLS:
            served.client.get(url)
        assert served.source.wait_index(30) is not None
        time.sleep(0.5)  # the build pace (a quarter of a core) lets the next file be indexed on the switch
        warmed: list[int] = []
        served.source.before_publish = lambda superseded: warmed.append(1)
        old = served.source.version()
        top = served.client.get(URLS[0]).json()["items"][0]
        served.add_mentions(top["id"])
        served.wait_switch(old)
        assert served.source.wait_index(5) is not None and warmed == []
        assert served.client.get(URLS[0]).content == _fresh(served.link, URLS[0])
    finally:
        served.close()
