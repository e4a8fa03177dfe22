"""The API's in-memory event index gives exactly the SQL answer, and snapshots switch without stampedes.

The database is synthetic (bench/make_events_db.py) with NULLs, wildcard characters and mixed case
put into some rows, because real pipeline output has missing targets, places and dates.
"""

from __future__ import annotations

import shutil
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.api import create_app
from eventwire.api import index as index_module
from eventwire.api.app import Database, app_from_settings
from eventwire.api.index import EventIndex, encode_json
from eventwire.read import questions
from eventwire.read.filters import EventFilter
from eventwire.store.db import connect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402


def _roughen(path: Path) -> None:
    """Give some rows the NULLs and odd names of real data."""
    con = connect(path)
    try:
        con.execute("UPDATE events SET target_code = NULL, target_country = NULL, target_name = NULL, "
                    "target_text = NULL WHERE hash(id) % 7 = 0")
        con.execute("UPDATE events SET location_name = NULL, location_country = NULL WHERE hash(id) % 5 = 0")
        con.execute("UPDATE events SET event_date = NULL WHERE hash(id) % 11 = 0")
        con.execute("UPDATE events SET goldstein = NULL, confidence = NULL WHERE hash(id) % 13 = 0")
        con.execute("UPDATE events SET source_name = 'Group_A 100% Front', source_text = 'the group_a' "
                    "WHERE hash(id) % 17 = 0")
        con.execute("UPDATE events SET source_name = NULL WHERE hash(id) % 19 = 0")
    finally:
        con.close()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("index") / "index.duckdb"
    make_events_db.build(path, 900, seed=11, hostile_every=9)
    _roughen(path)
    return path


@pytest.fixture(scope="module")
def index(db: Path) -> EventIndex:
    return EventIndex(connect(db, read_only=True))


ACTOR_VALUES = st.sampled_from(["RUS", "rus", "RUSMIL", "russia", "Russian military", "United States", "States",
                                "US", "U", "_", "%", "Group_A", "100%", "group_a", "GEO", "Unit", "  ", "kyiv"])
FILTERS = st.builds(
    EventFilter,
    source=st.none() | ACTOR_VALUES, target=st.none() | ACTOR_VALUES, actor=st.none() | ACTOR_VALUES,
    actor2=st.none() | ACTOR_VALUES,
    plover=st.none() | st.sampled_from(["ASSAULT", "consult", "AID", "ASSAULT,AID"]),
    cameo=st.none() | st.sampled_from(["01", "19", "190", "1823", "19,04"]),
    quad=st.none() | st.sampled_from(["1", "4", "3,4"]),
    min_confidence=st.none() | st.sampled_from([0.0, 0.5, 0.9]),
    coded_only=st.booleans(),
    date_from=st.none() | st.dates(date(2022, 12, 1), date(2025, 2, 1)),
    date_to=st.none() | st.dates(date(2022, 12, 1), date(2025, 2, 1)),
    place=st.none() | st.sampled_from(["Kyiv", "kyiv", "New", "_", "UKR", "Gaza"]),
    q=st.none() | st.sampled_from(["synthetic", "day 2", "SAID", "%", "_", "<script>"]),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=FILTERS, sort=st.sampled_from(sorted(questions.SORTS)), descending=st.booleans(),
       page=st.integers(1, 4), page_size=st.sampled_from([1, 7, 50]))
def test_index_pages_equal_the_sql_pages(index: EventIndex, db: Path, chosen: EventFilter, sort: str,
                                         descending: bool, page: int, page_size: int) -> None:
    con = connect(db, read_only=True)
    try:
        expected = questions.events_page(con, chosen, page=page, page_size=page_size, sort=sort, descending=descending)
    finally:
        con.close()
    assert index.page(chosen, page=page, page_size=page_size, sort=sort, descending=descending) == expected
    assert index.page_json(chosen, page=page, page_size=page_size, sort=sort, descending=descending) == \
        encode_json(expected)


def test_the_comparison_is_not_vacuous(index: EventIndex) -> None:
    everything = index.page(EventFilter(), page_size=5)["total"]
    assert everything == index.size > 100
    assert 0 < index.page(EventFilter(actor="RUS", actor2="UKR"))["total"] < everything
    assert 0 < index.page(EventFilter(source="group_a"))["total"] < everything  # whole words of the name
    dateless = index.page(EventFilter(), sort="date", descending=True, page=everything, page_size=1)["items"]
    assert dateless[0]["date"] is None  # NULLs sort last


def test_names_match_whole_words_and_wildcards_literally(index: EventIndex) -> None:
    russia = index.page(EventFilter(source="Russia"), page_size=1000)["items"]
    assert russia and all(e["source_country"] == "RUS" for e in russia)
    assert index.page(EventFilter(source="US"), page_size=1000)["total"] == \
        index.page(EventFilter(source="USA"), page_size=1000)["total"]  # "US" is a code prefix, not "rUSsia"
    assert index.page(EventFilter(source="States"))["total"] > 0
    assert index.page(EventFilter(source="Unit"))["total"] == 0  # not a whole word
    assert index.page(EventFilter(source="_"))["total"] == 0
    assert index.page(EventFilter(source="100%"))["total"] > 0
    assert index.page(EventFilter(source="  "))["total"] == index.size  # a blank box means any


def test_concurrent_requests_for_one_missing_answer_compute_it_once(db: Path) -> None:
    version = Database(db, cache_size=8).version()
    calls: list[int] = []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.2)
        return "answer"

    results: list[str] = []
    threads = [threading.Thread(target=lambda: results.append(version.answer(("k",), slow))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["answer"] * 8 and len(calls) == 1


def test_failed_answers_are_not_remembered(db: Path) -> None:
    version = Database(db, cache_size=8).version()

    def broken() -> str:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        version.answer(("k",), broken)
    assert version.answer(("k",), lambda: "fine") == "fine"


def test_background_reload_answers_from_the_previous_snapshot_until_the_next_is_ready(
        db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    make_events_db.build(other, 120, seed=5)
    first = tmp_path / "first.duckdb"
    shutil.copyfile(db, first)
    link = tmp_path / "live.duckdb"
    link.symlink_to(first)
    database = Database(link, cache_size=8, preload=True, background=True)
    old = database.version()
    old.index().page(EventFilter(actor="RUS"), sort="goldstein")
    link.unlink()
    link.symlink_to(other)
    assert database.version() is old  # no request waits for the new snapshot's index
    deadline = time.monotonic() + 30
    while database.version() is old and time.monotonic() < deadline:
        time.sleep(0.05)
    new = database.version()
    assert new is not old and new.index().size < old.index().size
    assert new.index().warm(EventFilter(actor="RUS"), "goldstein", True)  # prepared like the previous one


def test_the_app_reads_its_database_and_token_from_the_settings(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_DB", str(db))
    monkeypatch.setenv("EVENTWIRE_TOKEN", "s3cret")
    client = TestClient(app_from_settings())
    assert client.get("/api/events").status_code == 401
    answer = client.get("/api/events", headers={"Authorization": "Bearer s3cret"}, params={"page_size": 3})
    assert answer.status_code == 200 and len(answer.json()["items"]) == 3
    assert answer.headers["X-Frame-Options"] == "DENY"


def test_api_downloads_use_the_index_too(db: Path) -> None:
    client = TestClient(create_app(db))
    json_total = client.get("/api/events", params={"actor": "RUS"}).json()["total"]
    lines = client.get("/api/events", params={"actor": "RUS", "format": "jsonl", "page_size": 1000}).text.splitlines()
    assert len(lines) == min(json_total, 1000) > 0


def test_encoded_rows_stay_bounded_and_pages_stay_right(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "ENCODED_ROWS", 60)
    small = EventIndex(connect(db, read_only=True))
    for page in range(1, 8):
        for chosen in (EventFilter(), EventFilter(actor="RUS")):
            assert small.page_json(chosen, page=page, page_size=50) == encode_json(small.page(chosen, page=page))
            assert len(small._encoded) <= 100  # this page's 50 rows at most beyond the bound
