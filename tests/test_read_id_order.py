"""``events.id_key`` sorts like the id (store/id_keys.py), and pages found by ``key, id_key`` with their ties
sorted by id are the plain ``ORDER BY key, id`` pages (read/id_order.py), even when many ids share a key."""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.read import id_order, narrow, paging
from eventwire.read.filters import EventFilter
from eventwire.store import id_keys, rollups
from eventwire.store.db import connect

IDS = st.text(st.sampled_from("0aZ~\x00\x7f\u00e9\u4e2d\U0001f600-"), max_size=12)


def _sql_keys(values: list[str]) -> list[int]:
    con = duckdb.connect()
    try:
        con.execute("CREATE TABLE t (i INTEGER, id VARCHAR)")
        con.executemany("INSERT INTO t VALUES (?, ?)", list(enumerate(values)))
        return [row[0] for row in con.execute(f"SELECT {id_keys.sql()} FROM t ORDER BY i").fetchall()]
    finally:
        con.close()


@settings(max_examples=30, deadline=None)
@given(values=st.lists(IDS, min_size=1, max_size=40))
def test_the_key_never_sorts_two_ids_the_other_way_round(values: list[str]) -> None:
    keys = [id_keys.id_key(v) for v in values]
    assert _sql_keys(values) == keys  # the SQL and the Python agree
    assert all(0 <= k < 2**63 for k in keys)  # a BIGINT
    ordered = sorted(values, key=lambda v: v.encode("utf-8"))  # DuckDB's order of strings: their bytes
    assert [id_keys.id_key(v) for v in ordered] == sorted(id_keys.id_key(v) for v in ordered)


def test_the_key_tells_apart_ids_that_differ_in_their_first_characters() -> None:
    hexes = [f"{random.Random(i).getrandbits(80):020x}" for i in range(2000)]
    assert len({id_keys.id_key(h) for h in hexes}) == len(set(hexes))  # 36 bits: no tie among 2,000
    assert id_keys.id_key("abc") < id_keys.id_key("abd") < id_keys.id_key("abd0")


@pytest.fixture(scope="module")
def tied(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Events whose ids share their first 9 characters in groups (one id_key for a group), with few
    distinct key values, NULL keys and dates, so pages cut through groups of ties everywhere."""
    path = tmp_path_factory.mktemp("tied") / "tied.duckdb"
    rng = random.Random(3)
    con = connect(path)
    try:
        rows = []
        for _ in range(400):
            prefix = f"{rng.randrange(40):09d}"  # about 10 ids per id_key
            rows.append((f"{prefix}{rng.getrandbits(40):010x}", rng.choice([None, -2.0, 0.0, 1.5, 3.0]),
                         rng.choice([1, 1, 2, 3]), rng.choice([None, 0.5, 0.9]),
                         rng.choice([None, "2024-01-01", "2024-01-02", "2024-02-01"]), rng.choice(["RUS", "UKR"])))
        con.executemany(f"INSERT INTO events (id, id_key, goldstein, num_mentions, confidence, event_date, source_code) "
                        f"SELECT $1, {id_keys.sql('$1')}, $2, $3, $4, CAST($5 AS DATE), $6", rows)
        rollups.rebuild(con)  # rows written behind the Writer's back: the actor forms the pages read
    finally:
        con.close()
    return path


def _plain(con: duckdb.DuckDBPyConnection, flt: EventFilter, sort: str, descending: bool) -> list[str]:
    where, params = flt.where()
    return [r[0] for r in con.execute(f"SELECT id FROM events{where} ORDER BY {paging.order_by(sort, descending)}",
                                      params).fetchall()]


def test_pages_by_id_key_are_the_plain_pages_whatever_the_ties(tied: Path) -> None:
    con = connect(tied, read_only=True)
    answered = 0  # pages found by id_key (not given up to the plain query), with ties inside them
    try:
        assert con.execute("SELECT count(DISTINCT id_key) FROM events").fetchall()[0][0] <= 40
        for sort, descending, flt in itertools.product(paging.SORTS, (True, False),
                                                       (EventFilter(), EventFilter(source="RUS"))):
            every = _plain(con, flt, sort, descending)
            for limit, offset in itertools.product((1, 7, 50), range(0, len(every) + 3, 17)):
                expected = every[offset:offset + limit]
                assert [i for _, i in paging.page_rowids(con, flt, sort=sort, descending=descending, limit=limit,
                                                         offset=offset)] == expected
                found = id_order.top(con, flt, paging.SORTS[sort], descending, limit, offset)
                if found is not None:
                    assert [i for _, i in found] == expected
                    answered += len({i[:9] for i in expected}) < len(expected)
                for events in (None, 400):  # the page's ids asked afterwards, or read by the scan (a small table)
                    page, counted = paging.counted_page(con, flt, sort=sort, descending=descending, limit=limit,
                                                        offset=offset, cap=10_000, events=events)
                    assert counted == len(every) and [i for _, i in page or []] == expected
    finally:
        con.close()
    assert answered > 30  # the ties were sorted by id, not all left to the plain query


def test_a_migrated_database_gets_the_key_of_every_event(tied: Path, tmp_path: Path) -> None:
    """Schema 11 adds id_key to an older database's events (store/schema.py): the same key as a new one's."""
    from eventwire.store.schema import MIGRATIONS

    path = tmp_path / "old.duckdb"
    path.write_bytes(tied.read_bytes())
    con = duckdb.connect(str(path))
    try:
        expected = dict(con.execute("SELECT id, id_key FROM events").fetchall())
        con.execute("ALTER TABLE events DROP COLUMN id_key")
        MIGRATIONS[10](con)
        assert dict(con.execute("SELECT id, id_key FROM events").fetchall()) == expected
    finally:
        con.close()


def test_actor_conditions_on_one_column_select_the_same_events(tmp_path: Path) -> None:
    """read.narrow rewrites an actor's code condition to its country or code column only where the stored
    forms say it selects the same events; each filter selects the same ids either way."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import make_events_db

    path = tmp_path / "forms.duckdb"
    make_events_db.build(path, 600, seed=4)
    con = connect(path)
    try:  # a form whose country is shared with another code's: RUS events coded UKR... by country only
        con.execute("UPDATE events SET source_code = 'XYZ' WHERE hash(id) % 9 = 0 AND source_country = 'RUS'")
        con.execute("UPDATE events SET target_code = NULL WHERE hash(id) % 7 = 0")
        rollups.rebuild(con)
        rewritten = 0
        for value in ("RUS", "RUSMIL", "UKR", "USA", "USAGOV", "XYZ", "ISR", "Russia", "United States", "Kyiv",
                      "NOPE"):
            for flt in (EventFilter(source=value), EventFilter(target=value), EventFilter(actor=value),
                        EventFilter(actor=value, actor2="UKR"), EventFilter(source=value, plover="CONSULT")):
                plain, plain_params = flt.where()
                fast, fast_params = narrow.where(con, flt)
                rewritten += fast != plain
                ids = [{r[0] for r in con.execute(f"SELECT id FROM events{w}", p).fetchall()}
                       for w, p in ((plain, plain_params), (fast, fast_params))]
                assert ids[0] == ids[1], (value, flt, fast)
        assert rewritten > 20
    finally:
        con.close()


def test_rewrites_kept_under_a_data_version_are_asked_once_and_again_for_a_new_version(tmp_path: Path) -> None:
    """Within narrow.forms_version the stored forms are asked once per version: the same rewrite without a
    query, and a new version (a form added: RUS-coded events placed in GEO) asks again and selects the same events
    as the plain filter there."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import make_events_db

    path = tmp_path / "kept.duckdb"
    make_events_db.build(path, 300, seed=6)
    con = connect(path)
    asked: list[str] = []

    class Counted:
        def execute(self, sql: str, params: object = None) -> object:
            asked.append(sql)
            return con.execute(sql, params)

    flt = EventFilter(source="RUS")
    try:
        with narrow.forms_version(("test", 1)):
            first = narrow.where(Counted(), flt)  # type: ignore[arg-type]
            assert len(asked) == 1 and "source_country = ?" in first[0]  # RUS on its country column
            assert narrow.where(Counted(), flt) == first and len(asked) == 1  # kept: no query
        assert narrow.where(Counted(), flt) == first and len(asked) == 2  # no version said: asked
        con.execute("UPDATE events SET source_country = 'GEO' WHERE hash(id) % 5 = 0 AND source_country = 'RUS'")
        rollups.rebuild(con)
        with narrow.forms_version(("test", 2)):
            now, params = narrow.where(Counted(), flt)
        assert len(asked) == 3 and now != first[0]  # asked again: RUS alone no longer tells
        plain, plain_params = flt.where()
        assert ({r[0] for r in con.execute(f"SELECT id FROM events{now}", params).fetchall()} ==
                {r[0] for r in con.execute(f"SELECT id FROM events{plain}", plain_params).fetchall()})
    finally:
        con.close()
