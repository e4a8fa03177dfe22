"""Priming the app before its port opens (eventwire/api/warm.py) and `watch --serve`'s start order
(eventwire/cli/watch.py): the service answers only once it has loaded what its answers need."""

from __future__ import annotations

import gc
import sys
import threading
import weakref
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.api.warm import PRIMING_REQUESTS, freeze_loaded, prime
from eventwire.cli import watch as watch_cli
from eventwire.cli.serve import ServedHere

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402

TOKEN = "k3y-For-The-Warm-Test"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("warm") / "warm.duckdb"
    make_events_db.build(path, 300, seed=5)
    return path


@pytest.mark.parametrize("token", [None, TOKEN])
def test_priming_answers_the_dashboards_first_questions_through_the_guard(db: Path, token: str | None) -> None:
    app = create_app(db, token=token)
    assert len(app.state.answers) == 0
    prime(app, token)
    # every priming request was answered (a refused one, e.g. without the token, keeps nothing)
    assert len(app.state.answers) >= len(PRIMING_REQUESTS)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    primed = TestClient(app).get("/api/events?sort=goldstein", headers=headers)
    fresh = TestClient(create_app(db, token=token)).get("/api/events?sort=goldstein", headers=headers)
    assert primed.status_code == 200 and primed.json() == fresh.json()  # a kept answer is the fresh one


def test_priming_with_a_wrong_token_keeps_nothing(db: Path) -> None:
    app = create_app(db, token=TOKEN)
    prime(app, "not-" + TOKEN)
    assert len(app.state.answers) == 0


class _Watcher:
    def __init__(self, calls: list[str]) -> None:
        self.calls = calls

    def wait_loaded(self, timeout: float) -> bool:
        self.calls.append("stage processes loaded")
        return True


def test_watch_serve_opens_the_port_after_the_models_and_the_priming(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    served = ServedHere()

    def serve_in_background(source: object, db: str, host: str, port: int) -> ServedHere:
        calls.append("server started")

        def prime_then_listen() -> None:
            calls.append("primed")
            served.ready.set()

        threading.Timer(0.2, prime_then_listen).start()
        return served

    monkeypatch.setattr(watch_cli, "_serve_in_background", serve_in_background)
    watch_cli._serve_when_loaded(_Watcher(calls), object(), "db", "127.0.0.1", 8000, calls.append)  # type: ignore[arg-type]
    calls.append("first cycle")
    assert calls == ["stage processes loaded", "server started", "primed", "first cycle"]


class _Node:
    """An object in a reference cycle (weakref-able, to see when the collector frees it)."""

    def __init__(self) -> None:
        self.me = self


def test_freezing_takes_start_up_objects_out_of_full_collections_but_later_garbage_is_still_collected() -> None:
    loaded = {"dictionary": [["entries"]]}  # stands for what start-up loaded
    try:
        assert freeze_loaded() > 0
        walked = gc.get_objects()  # the objects a collection walks: the frozen ones are not among them
        assert not any(o is loaded for o in walked)
        later = _Node()  # cyclic garbage made after the freeze is collected as before
        gone = weakref.ref(later)
        del later
        gc.collect()
        assert gone() is None
    finally:
        gc.unfreeze()
    assert any(o is loaded for o in gc.get_objects())
