"""The API's pages give exactly the library's answer, its answer cache stays bounded and computes a missing
answer once, and snapshots switch without stampedes.

The database is synthetic (bench/make_events_db.py) with NULLs, wildcard characters and mixed case
put into some rows, because real pipeline output has missing targets, places and dates.
"""

from __future__ import annotations

import itertools
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

from eventwire.api import answers as answers_module
from eventwire.api import create_app
from eventwire.api import pages as pages_module
from eventwire.api.answers import Answers, encode_json
from eventwire.api.app import app_from_settings
from eventwire.api.pages import events_page
from eventwire.api.snapshots import SnapshotSource
from eventwire.api.source import DatabaseSource
from eventwire.read import paging, questions
from eventwire.read.filters import EventFilter
from eventwire.store import heads, rollups
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
        rollups.rebuild(con)  # the rows were changed behind the Writer's back
    finally:
        con.close()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("index") / "index.duckdb"
    make_events_db.build(path, 900, seed=11, hostile_every=9)
    _roughen(path)
    return path


@pytest.fixture(scope="module")
def source(db: Path) -> SnapshotSource:
    return SnapshotSource(db, index_mb=0)  # SQL alone: indexed_source is the index's


@pytest.fixture(scope="module")
def coarse_db(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same events with ``id_key`` cut to an id's first character (still never sorting two ids the
    other way round): dozens of rows share it, so the pages break many ties by id (read.id_order)."""
    path = tmp_path_factory.mktemp("coarse") / "coarse.duckdb"
    shutil.copy(db, path)
    con = connect(path)
    try:
        con.execute("UPDATE events SET id_key = id_key // (2 ** 56)::BIGINT")
        heads.rebuild(con)  # the heads copy the events' columns
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def coarse_source(coarse_db: Path) -> SnapshotSource:
    return SnapshotSource(coarse_db, index_mb=0)


@pytest.fixture(scope="module")
def indexed_source(db: Path) -> SnapshotSource:
    """The same file with its in-memory index built (eventwire/read/memory_index.py): pages come from it."""
    indexed = SnapshotSource(db, index_mb=64)
    assert indexed.wait_index(60) is not None
    return indexed


def page(source: SnapshotSource, chosen: EventFilter, **how: object) -> dict[str, object]:
    with source.cursor() as con:
        return events_page(con, chosen, index=source.memory_index(), **how)  # type: ignore[arg-type]


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


def plain_page(con: object, chosen: EventFilter, *, page: int, page_size: int, sort: str,
               descending: bool) -> list[dict[str, object]]:
    """The reference: every matching row sorted by the plain query (ORDER BY key, id), then sliced."""
    rows = questions.event_reader(con, chosen, sort=sort, descending=descending).read_all().to_pylist()  # type: ignore[arg-type]
    return rows[(page - 1) * page_size: page * page_size]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=FILTERS, sort=st.sampled_from(sorted(questions.SORTS)), descending=st.booleans(),
       page_number=st.integers(1, 4), page_size=st.sampled_from([1, 7, 50]), first_days=st.sampled_from([1, 31, 400]),
       coarse=st.booleans(), from_index=st.booleans())
def test_api_pages_equal_the_library_pages(source: SnapshotSource, db: Path, coarse_source: SnapshotSource,
                                           coarse_db: Path, indexed_source: SnapshotSource,
                                           monkeypatch: pytest.MonkeyPatch,
                                           chosen: EventFilter, sort: str, descending: bool, page_number: int,
                                           page_size: int, first_days: int, coarse: bool, from_index: bool) -> None:
    monkeypatch.setattr(paging, "FIRST_RANGE_DAYS", first_days)  # the ranges widen from a day, a month, a year
    if coarse:  # ids sharing id_key: the ties of a page are sorted by id
        source, db = coarse_source, coarse_db
    elif from_index:  # the page from the in-memory index
        source = indexed_source
    con = connect(db, read_only=True)
    try:
        expected = questions.events_page(con, chosen, page=page_number, page_size=page_size, sort=sort,
                                         descending=descending)
        assert expected["items"] == plain_page(con, chosen, page=page_number, page_size=page_size, sort=sort,
                                               descending=descending)
    finally:
        con.close()
    assert page(source, chosen, page=page_number, page_size=page_size, sort=sort, descending=descending) == expected


def test_a_count_beyond_the_cap_says_so_and_the_page_is_still_right(
        source: SnapshotSource, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages_module, "COUNT_CAP", 100)
    con = connect(db, read_only=True)
    try:
        for sort, descending, first_days, chosen in (
                ("date", True, 31, EventFilter()), ("date", False, 1, EventFilter(actor="RUS")),
                ("date", True, 400, EventFilter(plover="CONSULT")), ("goldstein", True, 31, EventFilter())):
            monkeypatch.setattr(paging, "FIRST_RANGE_DAYS", first_days)
            found = page(source, chosen, page=3, page_size=20, sort=sort, descending=descending)
            assert found["total"] == 100 and found["total_exact"] is False
            expected = questions.events_page(con, chosen, page=3, page_size=20, sort=sort, descending=descending)
            assert found["items"] == expected["items"] and expected["total"] > 100
            assert found["items"] == plain_page(con, chosen, page=3, page_size=20, sort=sort, descending=descending)
    finally:
        con.close()
    assert "total_exact" not in page(source, EventFilter(source="Russia"))  # below the cap: exact
    monkeypatch.setattr(pages_module, "COUNT_CAP", 10_000)


def test_pages_sorted_in_arrow_keep_duckdb_order_of_nan_and_signed_zeros(tmp_path: Path) -> None:
    """DuckDB sorts NaN above every number and -0.0 with 0.0; the one-scan page (sorted by Arrow) must
    give the plain query's rows for such keys. (The two scans of a large table do not yet: a page of
    NaN keys asks ``BETWEEN NaN AND NaN``, which DuckDB answers with no row.)"""
    path = tmp_path / "nan.duckdb"
    make_events_db.build(path, 300, seed=5)
    con = connect(path)
    try:
        con.execute("UPDATE events SET goldstein = 'NaN'::DOUBLE WHERE hash(id) % 5 = 0")
        con.execute("UPDATE events SET goldstein = -0.0 WHERE hash(id) % 5 = 1")
        con.execute("UPDATE events SET goldstein = 0.0, confidence = -0.0 WHERE hash(id) % 5 = 2")
        con.execute("UPDATE events SET goldstein = NULL WHERE hash(id) % 7 = 0")
    finally:
        con.close()
    nan_source = SnapshotSource(path)
    con = connect(path, read_only=True)
    try:
        for sort, descending, number in itertools.product(("goldstein", "confidence"), (True, False), (1, 3, 9)):
            found = page(nan_source, EventFilter(), page=number, page_size=30, sort=sort, descending=descending)
            expected = plain_page(con, EventFilter(), page=number, page_size=30, sort=sort, descending=descending)
            assert len(expected) == 30 and encode_json(found["items"]) == encode_json(expected)  # NaN == NaN as JSON
    finally:
        con.close()
        nan_source.close()


def test_the_comparison_is_not_vacuous(source: SnapshotSource) -> None:
    everything = page(source, EventFilter(), page_size=5)["total"]
    assert isinstance(everything, int) and everything > 100
    assert 0 < page(source, EventFilter(actor="RUS", actor2="UKR"))["total"] < everything  # type: ignore[operator]
    assert 0 < page(source, EventFilter(source="group_a"))["total"] < everything  # type: ignore[operator]
    dateless = page(source, EventFilter(), sort="date", descending=True, page=everything, page_size=1)["items"]
    assert dateless[0]["date"] is None  # type: ignore[index]  # NULLs sort last


def test_names_match_whole_words_and_wildcards_literally(source: SnapshotSource) -> None:
    def total(**chosen: str) -> object:
        return page(source, EventFilter(**chosen), page_size=1)["total"]

    russia = page(source, EventFilter(source="Russia"), page_size=1000)["items"]
    assert russia and all(e["source_country"] == "RUS" for e in russia)  # type: ignore[attr-defined]
    assert total(source="US") == total(source="USA")  # "US" is a code prefix, not "rUSsia"
    assert total(source="States") != 0
    assert total(source="Unit") == 0  # not a whole word
    assert total(source="_") == 0
    assert total(source="100%") != 0
    assert total(source="  ") == total()  # a blank box means any


def test_the_snapshot_source_keeps_the_contract(db: Path) -> None:
    source = SnapshotSource(db)
    assert isinstance(source, DatabaseSource)
    assert source.version() == source.version()
    with source.cursor() as con:
        assert con.execute("SELECT current_setting('threads')").fetchone() == (2,)
        with pytest.raises(Exception, match="read-only|read only"):
            con.execute("DELETE FROM events")


def test_concurrent_requests_for_one_missing_answer_compute_it_once(db: Path) -> None:
    answers = Answers(SnapshotSource(db), 8)
    calls: list[int] = []

    def slow(con: object) -> str:
        calls.append(1)
        time.sleep(0.2)
        return "answer"

    results: list[bytes] = []
    threads = [threading.Thread(target=lambda: results.append(answers.json(("k",), slow))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [b'"answer"'] * 8 and len(calls) == 1


@pytest.mark.parametrize("slots", [2, 0])
def test_slots_bound_the_answers_computed_at_once(db: Path, slots: int) -> None:
    answers = Answers(SnapshotSource(db), 8, slots=slots)
    lock = threading.Lock()
    running, most = [0], [0]

    def slow(n: int) -> object:
        def compute(con: object) -> int:
            with lock:
                running[0] += 1
                most[0] = max(most[0], running[0])
            time.sleep(0.1)
            with lock:
                running[0] -= 1
            return n
        return compute

    results: dict[int, bytes] = {}
    threads = [threading.Thread(target=lambda n=n: results.update({n: answers.json(("n", n), slow(n))}))
               for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == {n: str(n).encode() for n in range(6)}  # every request answered, its own answer
    assert most[0] == 2 if slots else most[0] > 2


def test_failed_answers_are_not_remembered(db: Path) -> None:
    answers = Answers(SnapshotSource(db), 8)

    def broken(con: object) -> str:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        answers.json(("k",), broken)
    assert answers.json(("k",), lambda con: "fine") == b'"fine"'


def test_the_answer_cache_is_bounded_in_answers_and_bytes(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = Answers(SnapshotSource(db), 5, max_bytes=1000)
    for n in range(20):
        answers.json(("n", n), lambda con: "x" * 90)
    assert len(answers) == 5
    answers = Answers(SnapshotSource(db), 100, max_bytes=1000)
    for n in range(20):
        answers.json(("n", n), lambda con: "x" * 190)
    assert len(answers) <= 5  # 1000 bytes of JSON at most
    monkeypatch.setattr(answers_module, "MAX_ANSWER_BYTES", 50)
    answers.json(("big",), lambda con: "x" * 100)
    calls: list[int] = []
    answers.json(("big",), lambda con: calls.append(1) or "x" * 100)
    assert calls == [1]  # too big to keep: computed again


def test_background_reload_answers_from_the_previous_snapshot_until_the_next_is_open(
        db: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    make_events_db.build(other, 120, seed=5)
    first = tmp_path / "first.duckdb"
    shutil.copyfile(db, first)
    link = tmp_path / "live.duckdb"
    link.symlink_to(first)
    source = SnapshotSource(link, background=True)
    old = source.version()
    app = TestClient(create_app(source=source))
    before = app.get("/api/events", params={"page_size": 1}).json()["total"]
    link.unlink()
    link.symlink_to(other)
    deadline = time.monotonic() + 30
    while source.version() == old and time.monotonic() < deadline:
        time.sleep(0.05)
    assert source.version() != old
    after = app.get("/api/events", params={"page_size": 1}).json()["total"]
    assert after < before  # the answer cache is keyed by the version: no stale total


def test_the_app_reads_its_database_and_token_from_the_settings(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_DB", str(db))
    monkeypatch.setenv("EVENTWIRE_TOKEN", "s3cret")
    client = TestClient(app_from_settings())
    assert client.get("/api/events").status_code == 401
    answer = client.get("/api/events", headers={"Authorization": "Bearer s3cret"}, params={"page_size": 3})
    assert answer.status_code == 200 and len(answer.json()["items"]) == 3
    assert answer.headers["X-Frame-Options"] == "DENY"


def test_api_downloads_are_whole(db: Path) -> None:
    client = TestClient(create_app(db))
    json_total = client.get("/api/events", params={"actor": "RUS"}).json()["total"]
    lines = client.get("/api/events", params={"actor": "RUS", "format": "jsonl"}).text.splitlines()
    assert len(lines) == json_total > 0


@pytest.mark.parametrize(("index_rows", "vector"), [(0, 2048), (0, 1), (2_000_000, 1)])
def test_rows_by_row_id_ranges_and_by_index_give_the_plain_page(db: Path, monkeypatch: pytest.MonkeyPatch,
                                                                index_rows: int, vector: int) -> None:
    """Rows are fetched by one range of row ids, by many (rows spread over a large table; a vector of
    one row makes every row its own run here) or through the primary key (spread over a small table):
    each gives the plain query's page, in its order."""
    monkeypatch.setattr(paging, "INDEX_FETCH_MAX_ROWS", index_rows)
    monkeypatch.setattr(paging, "VECTOR", vector)
    con = connect(db, read_only=True)
    try:
        for sort, chosen in (("goldstein", EventFilter()), ("confidence", EventFilter(actor="RUS")),
                             ("date", EventFilter(q="synthetic"))):
            for descending in (True, False):
                found = questions.event_table(con, chosen, sort=sort, descending=descending, limit=40,
                                              offset=30).to_pylist()
                every = questions.event_reader(con, chosen, sort=sort, descending=descending).read_all().to_pylist()
                assert found == every[30:70] and len(found) == 40
                # the API's rows, fetched as Python rows the same ways
                rowids = con.execute("SELECT rowid, id FROM events WHERE id IN (SELECT unnest(?))",
                                     [[r["id"] for r in found]]).fetchall()
                by_id = dict((i, r) for r, i in rowids)
                assert paging.rows_as_dicts(con, questions.EVENT_COLUMNS, [(by_id[r["id"]], r["id"]) for r in found]) == found
    finally:
        con.close()


def test_rows_renumbered_since_their_row_ids_were_read_are_fetched_by_id(db: Path) -> None:
    con = connect(db, read_only=True)
    try:
        rows = con.execute("SELECT rowid, id FROM events ORDER BY id LIMIT 3").fetchall()
        # row ids that now hold other events (as after a checkpoint that renumbered the table)
        stale = [(rows[0][0], rows[1][1]), (rows[1][0], rows[2][1]), (rows[2][0], rows[0][1])]
        found = paging.rows_by_rowid(con, ("id", "sentence"), stale).to_pylist()
        assert [r["id"] for r in found] == [rows[1][1], rows[2][1], rows[0][1]]
        assert paging.rows_as_dicts(con, ("id", "sentence"), stale) == found
    finally:
        con.close()
