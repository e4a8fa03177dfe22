"""Repeated requests answered before routing (eventwire/api/replay.py): same bytes, never stale.

A repeated JSON request is sent the kept response without reaching the routes; a new database
version (a live commit, a re-pointed snapshot) is never answered from an older one; errors and
downloads (and requests with kilobytes of query string) are never kept; the token is checked on a replayed answer too; the kept responses are
counted in the answer cache's bounds.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from eventwire.api import answers as answers_module
from eventwire.api import create_app, routes
from eventwire.api.answers import Answers
from eventwire.api.live_source import LiveSource
from eventwire.api.snapshots import SnapshotSource
from eventwire.store import rollups

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402

TOKEN = "replay-test-token-4f9Qx2"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("replay") / "events.duckdb"
    make_events_db.build(path, 300, seed=3)
    return path


def counting_pages(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the pages the /api/events route computes (by SQL, or from the in-memory index)."""
    calls: list[int] = []

    def counting(original: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            calls.append(1)
            return original(*args, **kwargs)

        return counted

    monkeypatch.setattr(routes, "events_page", counting(routes.events_page))
    monkeypatch.setattr(routes, "indexed_page", counting(routes.indexed_page))
    return calls


def test_a_repeated_request_gets_the_same_bytes_without_reaching_the_routes(
        db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting_pages(monkeypatch)
    app = create_app(db)
    routed: list[int] = []  # requests that reached a route (every JSON route asks Answers.json_on_demand)
    original = app.state.answers.json_on_demand
    monkeypatch.setattr(app.state.answers, "json_on_demand", lambda *a: routed.append(1) or original(*a))
    client = TestClient(app)
    query = "/api/events?plover=ASSAULT&page_size=20&sort=goldstein"
    first = client.get(query)
    second = client.get(query)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content and dict(second.headers) == dict(first.headers)
    assert calls == [1] and routed == [1]
    assert second.headers["content-security-policy"]  # the Guard's headers on a replayed answer too
    other = client.get("/api/events?plover=ASSAULT&page_size=21&sort=goldstein")
    assert other.json()["items"][:20] == first.json()["items"] and calls == [1, 1] and routed == [1, 1]


def test_a_commit_is_never_answered_from_the_previous_version(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "live.duckdb"
    shutil.copyfile(db, copy)
    source = LiveSource(copy)
    try:
        client = TestClient(create_app(source=source))
        query = "/api/events?page_size=5"
        before = client.get(query).json()
        assert client.get(query).json() == before  # replayed
        newest = before["items"][0]["id"]
        source.con.execute("DELETE FROM events WHERE id = ?", [newest])  # a writer's commit ...
        rollups.rebuild(source.con)  # ... which keeps the rollups the counts come from in step
        source.changed()  # ... reported as the watcher reports a cycle that stored something
        after = client.get(query).json()
        assert after["total"] == before["total"] - 1
        assert newest not in [item["id"] for item in after["items"]]
        assert client.get(f"/api/events/{newest}").status_code == 404
    finally:
        source.close()


def test_a_new_snapshot_is_never_answered_from_the_previous_one(db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    make_events_db.build(other, 120, seed=5)
    link = tmp_path / "served.duckdb"
    link.symlink_to(db)
    client = TestClient(create_app(source=SnapshotSource(link)))
    query = "/api/events?page_size=3"
    assert client.get(query).json()["total"] == client.get(query).json()["total"] > 120
    link.unlink()
    link.symlink_to(other)
    assert client.get(query).json()["total"] <= 120


def test_errors_downloads_and_long_queries_are_not_kept(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = counting_pages(monkeypatch)
    app = create_app(db)
    client = TestClient(app)
    for _ in range(2):
        assert client.get("/api/events/no-such-event").status_code == 404
        assert client.get("/api/events?sort=nonsense").status_code == 422
        assert client.get("/api/events?format=csv&plover=ASSAULT").status_code == 200
    kept = [key for key in app.state.answers._cache if key[1] == "replay"]
    assert kept == [] and calls == []
    long_query = "/api/events?" + "&".join(["plover=ASSAULT"] * 200)  # a 200, but a key of 3 KB
    assert client.get(long_query).status_code == 200
    assert [key for key in app.state.answers._cache if key[1] == "replay"] == []


def test_the_token_is_checked_before_a_replayed_answer(db: Path) -> None:
    client = TestClient(create_app(db, token=TOKEN))
    query = "/api/events?page_size=2"
    assert client.get(query, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    client.cookies.clear()
    assert client.get(query).status_code == 401
    assert client.get(query, headers={"Authorization": "Bearer wrong-token-0123456789"}).status_code == 401


def test_kept_responses_count_in_the_cache_bounds(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = Answers(SnapshotSource(db), 4, max_bytes=10_000)
    for n in range(10):
        answers.keep(("replay", n), ([(b"content-type", b"application/json")], b"x" * 1000))
    assert len(answers) == 4
    answers = Answers(SnapshotSource(db), 100, max_bytes=10_000)
    for n in range(30):
        answers.keep(("replay", n), ([(b"content-type", b"application/json")], b"x" * 1000))
    assert len(answers) <= 9  # 10,000 bytes with the headers counted
    monkeypatch.setattr(answers_module, "MAX_ANSWER_BYTES", 500)
    answers.keep(("replay", "big"), ([], b"x" * 600))
    assert answers.kept(("replay", "big")) is None
    assert Answers(SnapshotSource(db), 0).kept(("replay", 1)) is None
