"""The in-memory index gives the SQL pages exactly (eventwire/read/memory_index.py), is refused over its
budget, and is what the API pages from once it is built.

The database is synthetic (bench/make_events_db.py, written for the project), roughened here with the
NULLs, NaNs, signed zeros, modes, mixed case and LIKE wildcards of real data, and with ``id_key`` cut so that
many rows tie on their sort key and are ordered by id.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.api import create_app
from eventwire.api.answers import encode_json
from eventwire.api.pages import events_page
from eventwire.api.snapshots import SnapshotSource
from eventwire.read import memory_index, questions
from eventwire.read.filters import EventFilter
from eventwire.store import heads, rollups
from eventwire.store.db import connect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402


def _roughen(path: Path) -> None:
    con = connect(path)
    try:
        con.execute("UPDATE events SET target_code = NULL, target_country = NULL, target_name = NULL, "
                    "target_text = NULL, target_key = NULL WHERE hash(id) % 7 = 0")
        con.execute("UPDATE events SET location_name = NULL, location_country = NULL WHERE hash(id) % 5 = 0")
        con.execute("UPDATE events SET location_name = 'NEW ' || location_name WHERE hash(id) % 5 = 1")
        con.execute("UPDATE events SET event_date = NULL WHERE hash(id) % 11 = 0")
        con.execute("UPDATE events SET goldstein = 'NaN'::DOUBLE WHERE hash(id) % 13 = 0")
        con.execute("UPDATE events SET goldstein = -0.0, confidence = NULL WHERE hash(id) % 13 = 1")
        con.execute("UPDATE events SET source_name = 'Group_A 100% Front', source_text = 'the GROUP_A' "
                    "WHERE hash(id) % 17 = 0")
        con.execute("UPDATE events SET source_code = NULL, source_name = NULL WHERE hash(id) % 19 = 0")
        con.execute("UPDATE events SET plover_mode = ['future', 'negation'] WHERE hash(id) % 23 = 0")
        con.execute("UPDATE events SET plover_mode = NULL WHERE hash(id) % 23 = 1")
        con.execute("UPDATE events SET sentence = upper(sentence) || ' 100%' WHERE hash(id) % 9 = 0")
        # ties on (key, id_key): the order among them is by id
        con.execute("UPDATE events SET id_key = id_key // (2 ** 58)::BIGINT, num_mentions = 1 + hash(id) % 3")
        rollups.rebuild(con)  # the rows were changed behind the Writer's back
        heads.rebuild(con)
    finally:
        con.close()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("memindex") / "memindex.duckdb"
    make_events_db.build(path, 600, seed=3, hostile_every=7)
    _roughen(path)
    return path


@pytest.fixture(scope="module")
def indexed(db: Path) -> SnapshotSource:
    source = SnapshotSource(db, index_mb=64)
    assert source.wait_index(60) is not None, "the index was not built"
    return source


ACTOR_VALUES = st.sampled_from(["RUS", "rus", "RUSMIL", "russia", "United States", "States", "US", "U", "_", "%",
                                "Group_A", "100%", "group_a", "GEO", "kyiv"])
FILTERS = st.builds(
    EventFilter,
    source=st.none() | ACTOR_VALUES, target=st.none() | ACTOR_VALUES, actor=st.none() | ACTOR_VALUES,
    actor2=st.none() | ACTOR_VALUES,
    plover=st.none() | st.sampled_from(["ASSAULT", "consult", "AID", "ASSAULT,AID"]),
    cameo=st.none() | st.sampled_from(["01", "19", "190", "04,19"]),
    quad=st.none() | st.sampled_from(["1", "4", "3,4"]),
    min_confidence=st.none() | st.sampled_from([0.0, 0.5, 0.95]),
    coded_only=st.booleans(),
    date_from=st.none() | st.dates(date(2022, 12, 1), date(2025, 2, 1)),
    date_to=st.none() | st.dates(date(2022, 12, 1), date(2025, 2, 1)),
    mode=st.none() | st.sampled_from(["negation", "none", "future,none", "NEGATION"]),
    exclude_mode=st.none() | st.sampled_from(["negation", "future"]),
    place=st.none() | st.sampled_from(["Kyiv", "kyiv", "new", "_", "UKR", "ukr", "Gaza"]),
    q=st.none() | st.sampled_from(["synthetic", "day 2", "SAID", "%", "100%", "_", "<script>"]),
    story=st.none() | st.sampled_from(["story-3", "STORY-3", "story-1%"]),
)


def _sql_answer(db: Path, flt: EventFilter, **how: object) -> dict[str, object]:
    """The library's answer, and its rows checked against the plain query (ORDER BY key, id) sliced."""
    page, size = int(how["page"]), int(how["page_size"])  # type: ignore[call-overload]
    con = connect(db, read_only=True)
    try:
        expected = questions.events_page(con, flt, **how)  # type: ignore[arg-type]
        plain = questions.event_reader(con, flt, sort=str(how["sort"]), descending=bool(how["descending"]))
        rows = plain.read_all().to_pylist()[(page - 1) * size: page * size]
        assert encode_json(expected["items"]) == encode_json(rows)  # as JSON: NaN equals NaN
    finally:
        con.close()
    return expected


def _index_answer(source: SnapshotSource, flt: EventFilter, **how: object) -> dict[str, object]:
    with source.cursor() as con:
        index = source.memory_index()
        assert index is not None and index.covers(flt)
        return events_page(con, flt, index=index, **how)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flt=FILTERS, sort=st.sampled_from(sorted(questions.SORTS)), descending=st.booleans(),
       page=st.integers(1, 5), page_size=st.sampled_from([1, 7, 50]))
def test_index_pages_are_the_sql_pages(db: Path, indexed: SnapshotSource, flt: EventFilter, sort: str,
                                       descending: bool, page: int, page_size: int) -> None:
    how = {"page": page, "page_size": page_size, "sort": sort, "descending": descending}
    # as JSON: NaN keys (goldstein) equal as the API sends them
    assert encode_json(_index_answer(indexed, flt, **how)) == encode_json(_sql_answer(db, flt, **how))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flt=FILTERS, sort=st.sampled_from(sorted(questions.SORTS)), descending=st.booleans(),
       page=st.integers(1, 5), page_size=st.sampled_from([1, 7, 50]), slack=st.sampled_from([1, 2]))
def test_pages_read_from_a_prefix_of_the_order_are_the_sql_pages(
        db: Path, indexed: SnapshotSource, monkeypatch: pytest.MonkeyPatch, flt: EventFilter, sort: str,
        descending: bool, page: int, page_size: int, slack: int) -> None:
    """A broad filter's page is looked for in a prefix of the order first (the whole order when the prefix holds
    too few): at this size only with no minimum prefix, so both ways are taken here."""
    monkeypatch.setattr(memory_index, "PREFIX_MIN", 0)
    monkeypatch.setattr(memory_index, "PREFIX_SLACK", slack)
    how = {"page": page, "page_size": page_size, "sort": sort, "descending": descending}
    assert encode_json(_index_answer(indexed, flt, **how)) == encode_json(_sql_answer(db, flt, **how))


def test_the_comparison_is_not_vacuous(db: Path, indexed: SnapshotSource) -> None:
    """The roughening gave the cases the index must get right, and the filters match some events only."""
    how = {"page": 1, "page_size": 600, "sort": "goldstein", "descending": True}
    everything = _index_answer(indexed, EventFilter(), **how)
    items = everything["items"]
    assert isinstance(items, list) and len(items) == everything["total"] > 500
    assert any(i["goldstein"] != i["goldstein"] for i in items)  # NaN: first when descending
    assert items[0]["goldstein"] != items[0]["goldstein"]
    keys = [(i["goldstein"], i["id"]) for i in items if i["goldstein"] == 3.4]
    assert len(keys) > 1 and keys == sorted(keys)  # ties by id
    for flt in (EventFilter(source="group_a"), EventFilter(mode="none"), EventFilter(q="100%"), EventFilter(place="new"),
                EventFilter(story="story-3"), EventFilter(actor="RUS", actor2="UKR")):
        total = _index_answer(indexed, flt, **how)["total"]
        assert isinstance(total, int) and 0 < total < len(items), flt


def test_a_tie_broken_otherwise_is_caught(db: Path, indexed: SnapshotSource, monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison above fails when the index breaks ties by row id instead of by id."""
    index = indexed.wait_index()
    assert index is not None
    monkeypatch.setattr(index, "_orders", {})
    monkeypatch.setattr(index, "_id_rank", index.rowids.astype("int32"))
    how = {"page": 1, "page_size": 50, "sort": "mentions", "descending": True}
    assert _index_answer(indexed, EventFilter(), **how)["items"] != _sql_answer(db, EventFilter(), **how)["items"]


def test_a_database_over_the_budget_is_answered_by_sql(db: Path) -> None:
    small = SnapshotSource(db, index_mb=0)
    refused = SnapshotSource(db, index_mb=1)
    # 600 events' estimate (BYTES_PER_EVENT and their sentences) is far below 1 MB: a budget of 0 is no index,
    # and a budget below the estimate is refused
    refused.index_bytes = memory_index.BYTES_PER_EVENT * 100
    try:
        for source in (small, refused):
            source.version()
            assert source.wait_index(60) is None
            with source.cursor():
                assert source.memory_index() is None
        assert refused._latest().slot.state.startswith("refused: 600 events")
        assert small._latest().slot.state == "off"
    finally:
        small.close()
        refused.close()


def test_the_api_pages_from_the_index_with_the_same_bytes(db: Path) -> None:
    """/api/events from the index and from SQL alone: the same body; the index answered the first."""
    bodies = []
    for mb in (64, 0):
        source = SnapshotSource(db, index_mb=mb)
        source.version()
        source.wait_index(60)
        before = dict(memory_index.SERVED)
        with TestClient(create_app(source=source)) as client:
            body = client.get("/api/events?actor=RUS&q=synthetic&sort=mentions&page=2&page_size=20").content
        served = {k: memory_index.SERVED[k] - before.get(k, 0) for k in ("index", "sql")}
        assert served == ({"index": 1, "sql": 0} if mb else {"index": 0, "sql": 1})
        bodies.append(body)
        source.close()
    assert bodies[0] == bodies[1] and b'"total":' in bodies[0]


def test_a_new_snapshot_is_indexed_before_it_is_published(db: Path, tmp_path: Path) -> None:
    """With ``background``, the switching thread builds the new file's index before requests see the file."""
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    shutil.copy(db, first)
    shutil.copy(db, second)
    link = tmp_path / "live.duckdb"
    link.symlink_to(first)
    source = SnapshotSource(link, background=True, index_mb=64)
    source._pace = memory_index.BuildPace(share=1e9)  # the next build due at once (the pace: its own test)
    try:
        old = source.version()
        assert source.wait_index(60) is not None
        link.unlink()
        link.symlink_to(second)
        for _ in range(600):
            if source.version() != old:
                break
            time.sleep(0.05)
        assert source.version() != old
        with source.cursor():
            assert source.memory_index() is not None  # built before the switch, not after
    finally:
        source.close()


def test_builds_are_paced_and_a_state_retired_before_its_turn_is_never_built(db: Path) -> None:
    """Builds take BUILD_CPU_SHARE of a core over time: after one of 1 s of CPU the next waits 4 s, and a
    state replaced meanwhile is answered by SQL without being built."""
    pace = memory_index.BuildPace(share=0.25)
    assert pace.delay() == 0.0
    pace.built(time.monotonic(), 1.0)
    assert 3.5 < pace.delay() <= 4.0
    source = SnapshotSource(db, index_mb=64)
    try:
        slot = memory_index.IndexSlot(64 * 2**20, pace=pace)
        assert not slot.ready_now()
        slot.start(source.cursor)
        slot.close()  # retired before its turn
        assert slot.wait(10) is None and slot.state.startswith("skipped")
        due = memory_index.IndexSlot(64 * 2**20, pace=memory_index.BuildPace())
        due.start(source.cursor)
        assert due.wait(60) is not None and due.state.startswith("ready: 600 events")
    finally:
        source.close()


def test_a_process_ending_during_or_right_after_a_build_exits_cleanly(tmp_path: Path) -> None:
    """A build thread must not be inside DuckDB when Python finalizes (that aborts the process): a fresh,
    empty database indexed and the process ending at once, and a process ending during a build."""
    script = (
        "import sys\n"
        "from eventwire.store.db import connect\n"
        "from eventwire.api.snapshots import SnapshotSource\n"
        "connect(sys.argv[1]).close()\n"
        "source = SnapshotSource(sys.argv[1], index_mb=64)\n"
        "source.version()\n"
        "if sys.argv[2] == 'wait':\n"
        "    assert source.wait_index(60) is not None\n"
    )
    root = Path(__file__).resolve().parent.parent
    for i, how in enumerate(("wait", "exit", "wait")):
        done = subprocess.run([sys.executable, "-c", script, str(tmp_path / f"empty{i}.duckdb"), how],
                              capture_output=True, text=True, timeout=120, cwd=root,
                              env={**os.environ, "PYTHONPATH": str(root)})
        assert done.returncode == 0 and "terminate called" not in done.stderr, done.stderr
