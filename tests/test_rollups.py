"""The monthly rollups kept at ingest give exactly the numbers of a query over every event.

The database is built through the real Writer in many small batches (so each batch refreshes the
months it touched), with rows roughened like real data (missing targets, places, dates, scores).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.read import questions
from eventwire.read import rollups as read_rollups
from eventwire.read.filters import EventFilter
from eventwire.store import rollups
from eventwire.store.db import connect

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rollups") / "rollups.duckdb"
    make_events_db.build(path, 1200, seed=3, batch=40)
    return path


@pytest.fixture(scope="module")
def rough(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same events with the NULLs of real data (no target, place, date or score), rolled up again."""
    path = tmp_path_factory.mktemp("rough") / "rough.duckdb"
    path.write_bytes(db.read_bytes())
    con = connect(path)
    try:
        con.execute("UPDATE events SET target_code = NULL, target_country = NULL, target_name = NULL "
                    "WHERE hash(id) % 7 = 0")
        con.execute("UPDATE events SET lat = NULL, location_name = NULL WHERE hash(id) % 5 = 0")
        con.execute("UPDATE events SET event_date = NULL WHERE hash(id) % 11 = 0")
        con.execute("UPDATE events SET goldstein = NULL, quad_class = NULL WHERE hash(id) % 13 = 0")
        con.execute("UPDATE events SET source_name = NULL, source_country = NULL WHERE hash(id) % 17 = 0")
        rollups.rebuild(con)
    finally:
        con.close()
    return path


def _tables(con: Any) -> dict[str, list[tuple[Any, ...]]]:
    return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in rollups.TABLES}


def test_the_writer_keeps_the_rollups_equal_to_a_rebuild(db: Path, tmp_path: Path) -> None:
    con = connect(db, read_only=True)
    kept = _tables(con)
    con.close()
    assert all(kept.values())
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db.read_bytes())
    con = connect(copy)
    rollups.rebuild(con)
    rebuilt = _tables(con)
    con.close()
    for table in kept:  # sums of doubles may differ in the last bits with the order of addition
        if table in rollups.SEEN:  # only added to: at least the values of the events there are
            assert set(rebuilt[table]) <= set(kept[table]), table
            continue
        assert [_rounded(r) for r in kept[table]] == [_rounded(r) for r in rebuilt[table]], table


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, tuple | list):
        return type(value)(_rounded(v) for v in value)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def _answers(con: Any, flt: EventFilter) -> dict[str, Any]:
    return {
        "stats": {k: v for k, v in questions.stats(con, flt).items() if k != "versions"},
        "actors": questions.actor_table(con, flt, 30).to_pylist(),
        "dyads": questions.dyad_table(con, flt, 30).to_pylist(),
        "network": questions.network(con, flt, limit=40),
        "places": questions.place_table(con, flt, 100).to_pylist(),
        "years": questions.month_table(con, flt, "year").to_pylist(),
    }


DAYS = st.none() | st.dates(date(2022, 11, 20), date(2025, 2, 10))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(date_from=DAYS, date_to=DAYS, roughened=st.booleans())
def test_rollup_answers_equal_the_answers_over_every_event(db: Path, rough: Path, monkeypatch: pytest.MonkeyPatch,
                                                            date_from: date | None, date_to: date | None,
                                                            roughened: bool) -> None:
    flt = EventFilter(date_from=date_from, date_to=date_to)
    con = connect(rough if roughened else db, read_only=True)
    try:
        fast = _answers(con, flt)
        with monkeypatch.context() as patch:
            patch.setattr(read_rollups, "rows", lambda table, chosen: None)
            patch.setattr(read_rollups, "pair_sums", lambda chosen: None)
            slow = _answers(con, flt)
    finally:
        con.close()
    assert _rounded(fast) == _rounded(slow)
    if date_from is None and date_to is None:
        assert fast["stats"]["events"] > 1000


# -- the pair sums of a date range from whole years, quarters and months (schema v13)

MONTHS = st.none() | st.dates(date(2021, 1, 1), date(2026, 12, 1)).map(lambda day: day.replace(day=1))


@settings(max_examples=200, deadline=None)
@given(first=MONTHS, end=MONTHS)
def test_month_pieces_cover_each_whole_month_once(first: date | None, end: date | None) -> None:
    if first is None and end is None:
        return
    pieces = read_rollups.month_pieces(first, end)
    covered = [m for table, low, high in pieces for m in _months(low, high, table)]
    expected = _months(first, end, "month_pairs")
    assert covered == expected  # in order, each once
    for table, low, _ in pieces:  # each piece starts at its period's first month (or is open)
        assert low is None or (low.month - 1) % {"year_pairs": 12, "quarter_pairs": 3, "month_pairs": 1}[table] == 0


def _months(low: date | None, high: date | None, table: str) -> list[date]:
    """The months from low to high (open ends: 2020 to 2027), for the span of a piece of ``table``."""
    day, months = low or date(2020, 1, 1), []
    while day < (high or date(2028, 1, 1)):
        months.append(day)
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def test_a_date_range_reads_whole_years_and_quarters(db: Path) -> None:
    """A range from 3 April 2023 to 20 July 2024: May and June by month, Q3 2023 to Q2 2024 by quarter, the
    partial months at the ends from the events; the same sums per pair as over the events."""
    flt = EventFilter(date_from=date(2023, 4, 3), date_to=date(2024, 7, 20))
    found = read_rollups.pair_sums(flt)
    assert found is not None
    assert "year_pairs" not in found[0] and found[0].count("quarter_pairs") == 1
    sums = "sum(events), sum(mentions), round(sum(goldstein_sum), 6), sum(goldstein_n), sum(conflict)"
    con = connect(db, read_only=True)
    try:
        fast = con.execute(f"SELECT s, t, {sums} FROM ({found[0]}) GROUP BY ALL ORDER BY ALL", found[1]).fetchall()
        where, params = flt.where()
        plain = con.execute(f"SELECT s, t, {sums} FROM ({rollups.select('month_pairs', where.removeprefix(' WHERE '))}) "
                            "GROUP BY ALL ORDER BY ALL", params).fetchall()
        whole_year = read_rollups.pair_sums(EventFilter(date_from=date(2023, 1, 1), date_to=date(2023, 12, 31)))
        assert whole_year is not None and whole_year[0] == "SELECT s, t, events, mentions, goldstein_sum, goldstein_n, " \
            "conflict FROM year_pairs WHERE month >= ? AND month < ?"
    finally:
        con.close()
    assert fast == plain and len(fast) > 100


# -- a dyad's series and the counts of actor filters from day_pairs (schema v8)

SERIES_DYADS = [("RUS", "UKR"), ("Russia", "United States"), ("ISR", "PSE"), ("RUSMIL", "UKR")]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(date_from=DAYS, date_to=DAYS, roughened=st.booleans(), by=st.sampled_from(questions.PERIODS))
def test_dyad_series_from_day_pairs_equal_the_series_over_every_event(
        db: Path, rough: Path, monkeypatch: pytest.MonkeyPatch, date_from: date | None, date_to: date | None,
        roughened: bool, by: str) -> None:
    flt = EventFilter(date_from=date_from, date_to=date_to)
    con = connect(rough if roughened else db, read_only=True)
    try:
        # RUSMIL shares s = RUS with RUSGOV in day_pairs: only the events can answer it
        answered = [read_rollups.series_sql(con, a, b, by, flt) is not None for a, b in SERIES_DYADS]
        fast = [questions.dyad_series(con, a, b, by, flt).to_pylist() for a, b in SERIES_DYADS]
        with monkeypatch.context() as patch:
            patch.setattr(read_rollups, "series_sql", lambda *args: None)
            slow = [questions.dyad_series(con, a, b, by, flt).to_pylist() for a, b in SERIES_DYADS]
    finally:
        con.close()
    assert answered == [True, True, True, False]
    assert _rounded(fast) == _rounded(slow)
    if date_from is None and date_to is None:
        assert all(fast[:3])


COUNTED = [{"actor": "RUS"}, {"source": "USA", "target": "CHN", "quad": "1,4"}, {"target": "Russia"},
           {"actor": "RUS", "actor2": "UKR", "date_from": "2023-03-05", "date_to": "2024-06"}, {"quad": "3"},
           {"actor": "ISR", "date_from": "2024-11-02"}, {}, {"actor": "Ukraine", "actor2": "RUS", "quad": "2,3"},
           # by day_mode_pairs (v10): the events with any of the modes
           {"actor": "RUS", "mode": "negation"}, {"mode": "negation,future", "quad": "3,4", "date_to": "2024-09"},
           {"source": "USA", "mode": "hypothetical"}]
NOT_COUNTED = [{"target": "RUSMIL"}, {"actor": "RUS", "plover": "ASSAULT"}, {"place": "Kyiv"},
               {"actor": "RUS", "mode": "negation,none"}, {"exclude_mode": "negation"}]


@pytest.mark.parametrize("roughened", [False, True])
@pytest.mark.parametrize("cap", [10_000, 40])
def test_counts_and_pages_from_day_pairs_equal_those_over_every_event(
        db: Path, rough: Path, monkeypatch: pytest.MonkeyPatch, roughened: bool, cap: int) -> None:
    from eventwire.api import pages
    from eventwire.read import counts

    monkeypatch.setattr(pages, "COUNT_CAP", cap)  # 40: the pages beyond the cap, counted or not
    con = connect(rough if roughened else db, read_only=True)
    try:
        with monkeypatch.context() as patch:  # a small table: the events are counted, not the rollups
            patch.setattr(counts, "MIN_EVENTS", questions.count_events(con, EventFilter()) + 1)
            assert all(counts.total(con, EventFilter(**f)) is None for f in COUNTED)
        monkeypatch.setattr(counts, "MIN_EVENTS", 0)  # as if it were large: the rollups answer
        assert [counts.total(con, EventFilter(**f)) is None for f in COUNTED + NOT_COUNTED] == \
            [False] * len(COUNTED) + [True] * len(NOT_COUNTED)

        def answers() -> list[Any]:
            found = []
            for given in COUNTED:
                flt = EventFilter(**given)
                found.append(questions.count_events(con, flt))
                for page, sort, descending in ((1, "date", True), (3, "date", False), (2, "goldstein", True),
                                               (30, "date", True), (4, "confidence", False)):
                    found.append(pages.events_page(con, flt, page=page, page_size=7, sort=sort, descending=descending))
                    found.append(questions.events_page(con, flt, page=page, page_size=7, sort=sort,
                                                       descending=descending))
            return found

        fast = answers()
        with monkeypatch.context() as patch:
            patch.setattr(counts, "total", lambda *args: None)
            patch.setattr(counts, "day_counts", lambda *args: None)
            slow = answers()
    finally:
        con.close()
    assert fast == slow
    assert fast[0] > 50  # the actor RUS: a count that can differ
    assert fast[COUNTED.index({"actor": "RUS", "mode": "negation"}) * 11] > 0  # some events have a mode


@pytest.mark.parametrize("version, added", [(7, rollups.ADDED_IN_V8), (9, rollups.ADDED_IN_V10),
                                            (12, rollups.ADDED_IN_V13)])
def test_migration_builds_the_new_rollups(db: Path, tmp_path: Path, version: int, added: tuple[str, ...]) -> None:
    from eventwire.store import schema

    copy = tmp_path / f"v{version}.duckdb"
    copy.write_bytes(db.read_bytes())
    con = connect(copy)
    kept = _tables(con)
    for table in (*added, *(rollups.ADDED_IN_V10 if version < 10 else ()), *rollups.ADDED_IN_V13):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.execute(f"UPDATE meta SET value = '{version}' WHERE key = 'schema_version'")
    con.close()
    con = connect(copy)  # migrated on open
    try:
        assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == \
            [(str(schema.SCHEMA_VERSION),)]
        migrated = _tables(con)
    finally:
        con.close()
    assert all(migrated[t] for t in added)
    for table in kept:  # the forms the Writer kept may include some whose events are gone (only added to)
        if table in rollups.SEEN:
            assert set(migrated[table]) <= set(kept[table]), table
        else:
            assert _rounded(migrated[table]) == _rounded(kept[table]), table
