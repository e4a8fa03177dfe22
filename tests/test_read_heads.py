"""Pages sorted by another column than the date, read from the heads of the orders (store/heads.py,
read/head_pages.py), are the plain query's pages row for row, for every sort, direction and kind of
filter; the writer keeps the heads exact batch by batch (cutting them back when they grow), and a
version-8 database gets them by migration.

The database is synthetic (bench/make_events_db.py, written through the Writer) with heads of 40 events,
so that ingest cuts them many times, and with NULLs put into some rows as in tests/test_api_source.py.
"""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventwire.api.pages import events_page
from eventwire.read import head_pages, paging, questions
from eventwire.read.filters import EventFilter
from eventwire.store import heads, rollups
from eventwire.store.db import connect, schema_version
from eventwire.store.schema import SCHEMA_VERSION

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402

HEAD_ROWS = 40


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("heads") / "heads.duckdb"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(heads, "HEAD_ROWS", HEAD_ROWS)
        make_events_db.build(path, 1200, seed=5, hostile_every=9, batch=50)
    return path


@pytest.fixture(scope="module")
def rough(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy with the NULLs of real data and ties on every key, heads rebuilt."""
    path = tmp_path_factory.mktemp("rough") / "rough.duckdb"
    shutil.copy(db, path)
    con = connect(path)
    try:
        con.execute("UPDATE events SET goldstein = NULL, confidence = NULL WHERE hash(id) % 13 = 0")
        con.execute("UPDATE events SET num_mentions = 1 + hash(id) % 3, num_sources = 1 + hash(id) % 2, "
                    "confidence = round(confidence - (hash(id) % 5) / 10, 1) WHERE confidence IS NOT NULL")
        con.execute("UPDATE events SET num_mentions = NULL WHERE hash(id) % 23 = 0")
        con.execute("UPDATE events SET target_code = NULL, target_country = NULL WHERE hash(id) % 7 = 0")
        con.execute("UPDATE events SET event_date = NULL WHERE hash(id) % 11 = 0")
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(heads, "HEAD_ROWS", 150)  # the heads of a database of 1,200 events
            rollups.rebuild(con)  # the rows were changed behind the Writer's back
    finally:
        con.close()
    return path


def _filters(story: str) -> list[EventFilter]:
    """One filter of every kind the vocabulary has, and a few together."""
    return [
        EventFilter(), EventFilter(source="RUS"), EventFilter(target="UKR"), EventFilter(actor="USA"),
        EventFilter(actor="RUS", actor2="UKR"), EventFilter(source="Russia"), EventFilter(plover="CONSULT"),
        EventFilter(plover="ASSAULT,AID"), EventFilter(cameo="19"), EventFilter(cameo="04"), EventFilter(quad="1"),
        EventFilter(quad="3,4"), EventFilter(date_from=date(2023, 6, 1), date_to=date(2024, 5, 31)),
        EventFilter(date_from=date(2024, 11, 1)), EventFilter(mode="negation"), EventFilter(exclude_mode="negation"),
        EventFilter(min_confidence=0.5), EventFilter(coded_only=True), EventFilter(place="Kyiv"),
        EventFilter(place="UKR"), EventFilter(q="synthetic"), EventFilter(q="day 2"), EventFilter(story=story),
        EventFilter(target="UKR", quad="3,4", min_confidence=0.2), EventFilter(actor="RUS", date_from=date(2024, 1, 1)),
    ]


def _plain(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, sort: str, descending: bool) -> list[dict[str, Any]]:
    """The reference: every matching row sorted by the plain query (ORDER BY key, id)."""
    return questions.event_reader(con, flt, sort=sort, descending=descending).read_all().to_pylist()


@pytest.mark.parametrize("sort", sorted(heads.KEYS))
def test_head_pages_are_the_plain_pages(rough: Path, monkeypatch: pytest.MonkeyPatch, sort: str) -> None:
    monkeypatch.setattr(head_pages, "MIN_EVENTS", 0)
    con = connect(rough, read_only=True)
    answered = missed = 0
    try:
        story = con.execute("SELECT story_id FROM events WHERE story_id IS NOT NULL LIMIT 1").fetchall()[0][0]
        for flt in _filters(story):
            for descending in (True, False):
                rows = _plain(con, flt, sort=sort, descending=descending)
                for limit, offset in ((7, 0), (7, 14), (50, 0), (10, 25), (1, 149), (1, 150), (50, 100)):
                    expected = rows[offset: offset + limit]
                    how: dict[str, Any] = {"sort": sort, "descending": descending}
                    table = head_pages.page(con, flt, questions.EVENT_COLUMNS, limit=limit, offset=offset, **how)
                    if table is None:
                        missed += 1
                    else:
                        answered += 1
                        assert table.to_pylist() == expected, (flt, descending, limit, offset)
                    assert paging.page_table(con, flt, questions.EVENT_COLUMNS, limit=limit, offset=offset,
                                             **how).to_pylist() == expected
                    if offset % limit == 0:
                        assert events_page(con, flt, page=offset // limit + 1, page_size=limit, **how) == {
                            "total": len(rows), "page": offset // limit + 1, "page_size": limit, "items": expected}
    finally:
        con.close()
    assert answered > 60 and missed > 30  # both ways were taken: the comparison is not vacuous


def test_a_filter_of_one_quadclass_or_type_reads_the_head_of_those(rough: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sorted by Goldstein, the matches of QuadClass 2 (or of PROTEST) sit in the middle of the whole order: the
    head of the QuadClass-2 (PROTEST) events holds their first pages, which the head of the whole order does not."""
    monkeypatch.setattr(head_pages, "MIN_EVENTS", 0)
    con = connect(rough, read_only=True)
    try:
        def quads_of(plover: str) -> set[int]:
            return {r[0] for r in con.execute("SELECT DISTINCT quad_class FROM events WHERE plover_type = ?",
                                              [plover]).fetchall()}

        assert head_pages.one_quad(con, EventFilter(quad="2")) == 2
        assert head_pages.one_quad(con, EventFilter(quad="3,4")) is None
        for plover in ("CONSULT", "ACCUSE", "PROTEST"):  # one QuadClass, or two, as the events say
            found = quads_of(plover)
            assert head_pages.one_quad(con, EventFilter(plover=plover)) == (min(found) if len(found) == 1 else None)
            assert head_pages.one_quad(con, EventFilter(plover=plover, quad="1,2,3,4")) == (
                min(found) if len(found) == 1 else None)
        assert head_pages.one_quad(con, EventFilter(plover="ASSAULT", quad="1")) is None  # no event is both
        from_quad_head = 0
        for flt in (EventFilter(quad="2"), EventFilter(quad="1", actor="USA"), EventFilter(plover="PROTEST"),
                    EventFilter(quad="3", min_confidence=0.3), EventFilter(plover="ACCUSE"),
                    EventFilter(plover="THREATEN", actor="RUS")):
            for descending in (True, False):
                rows = _plain(con, flt, sort="goldstein", descending=descending)
                for limit, offset in ((7, 0), (5, 5), (10, 25), (3, 30), (1, 49), (1, 50), (20, 40)):
                    how: dict[str, Any] = {"sort": "goldstein", "descending": descending, "limit": limit,
                                           "offset": offset}
                    table = head_pages.page(con, flt, questions.EVENT_COLUMNS, **how)
                    if table is not None:
                        assert table.to_pylist() == rows[offset: offset + limit], (flt, descending, limit, offset)
                        whole = head_pages._from_head(con, flt, questions.EVENT_COLUMNS,
                                                      heads.order_name("goldstein", descending), **how)
                        from_quad_head += whole is None
    finally:
        con.close()
    assert from_quad_head > 10  # pages the head of the whole order does not hold


def test_each_head_is_stored_in_its_order(rough: Path) -> None:
    """A page's rows are neighbours in event_heads (rebuilt here by rollups.rebuild)."""
    con = connect(rough, read_only=True)
    try:
        for head, order in heads.ORDERS.items():
            stored = [r[0] for r in con.execute(f"SELECT {order.key} FROM event_heads WHERE head = ? ORDER BY rowid",
                                                [head]).fetchall()]
            assert stored and stored == sorted(stored, reverse=order.descending), head
    finally:
        con.close()


def _check_heads(con: duckdb.DuckDBPyConnection, most: int) -> None:
    """Every head holds exactly the events within its bound, as they are now, and no more than ``most``."""
    bounds = con.execute("SELECT head, bound_key, bound_id, size FROM event_head_bounds ORDER BY head").fetchall()
    assert sorted(b[0] for b in bounds) == sorted(heads.ORDERS)
    for head, key_value, bound_id, size in bounds:
        sql, params = heads.within(head, key_value, bound_id)
        stored = con.execute("SELECT * EXCLUDE (head) FROM event_heads WHERE head = ? ORDER BY id", [head]).fetchall()
        assert stored == con.execute(f"SELECT * FROM events WHERE {sql} ORDER BY id", params).fetchall(), head
        order = heads.ORDERS[head]  # a head of one QuadClass or type holds a share of a whole order's head
        share = heads.QUAD_SHARE if order.quad is not None else heads.TYPE_SHARE if order.plover is not None else 1
        assert 0 < len(stored) <= most // share, head
        assert size == len(stored), head  # the size the writer keeps, which decides when to cut


def test_the_writer_keeps_the_heads_exact_and_cuts_them(db: Path) -> None:
    con = connect(db, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM events").fetchall()[0][0] > 10 * HEAD_ROWS
        assert all(b is not None for (b,) in con.execute("SELECT bound_id FROM event_head_bounds").fetchall())
        _check_heads(con, 2 * HEAD_ROWS)
    finally:
        con.close()


def test_a_version_8_database_gets_the_heads_by_migration(db: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "v8.duckdb"
    shutil.copy(db, path)
    with duckdb.connect(str(path)) as con:
        con.execute("DROP TABLE event_heads")
        con.execute("DROP TABLE event_head_bounds")
        con.execute("UPDATE meta SET value = '8' WHERE key = 'schema_version'")
    monkeypatch.setattr(heads, "HEAD_ROWS", HEAD_ROWS)
    monkeypatch.setattr(heads, "TIES_SORTED", 10)  # the bounds' ids from samples of the tied events
    con = connect(path)
    try:
        assert schema_version(con) == SCHEMA_VERSION
        _check_heads(con, 2 * HEAD_ROWS)  # a bound from a sample holds about HEAD_ROWS events
    finally:
        con.close()


def test_a_version_11_database_gets_the_wider_sorted_heads_by_migration(db: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """v11 kept 8 heads and bounds without a size: the migration rebuilds them all, sizes included."""
    path = tmp_path / "v11.duckdb"
    shutil.copy(db, path)
    with duckdb.connect(str(path)) as con:
        con.execute("DELETE FROM event_heads WHERE head NOT IN (SELECT unnest(?::VARCHAR[]))",
                    [[heads.order_name(sort, d) for sort in heads.KEYS for d in (True, False)]])
        con.execute("DELETE FROM event_head_bounds WHERE head NOT IN (SELECT DISTINCT head FROM event_heads)")
        con.execute("ALTER TABLE event_head_bounds DROP COLUMN size")
        con.execute("UPDATE meta SET value = '11' WHERE key = 'schema_version'")
    monkeypatch.setattr(heads, "HEAD_ROWS", HEAD_ROWS)
    con = connect(path)
    try:
        assert schema_version(con) == SCHEMA_VERSION >= 12
        _check_heads(con, 2 * HEAD_ROWS)
    finally:
        con.close()
