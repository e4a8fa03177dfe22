"""Answers kept across live versions that cannot have changed them (eventwire/api/deltas.py).

After a watch cycle, every answer is what a fresh computation over the new state gives, whether it was
kept from the previous version or computed again; answers whose filter matches an event the cycle
wrote are computed again, the others are kept; a change the writer did not report keeps nothing.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pyarrow as pa
import pytest
import test_watch
from fastapi.testclient import TestClient
from test_api_replay import counting_pages
from test_watch import Clock, Site, _item

from eventwire.api import create_app
from eventwire.api.answers import encode_json
from eventwire.api.deltas import VersionChanges
from eventwire.api.live_source import LiveSource
from eventwire.api.pages import events_page
from eventwire.feeds import Fetcher, Watcher
from eventwire.read import questions as ask
from eventwire.read.filters import EventFilter, parse_filters
from eventwire.stages import light_stages
from eventwire.store import rollups

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402

# filters of every kind; some match the article a cycle adds (Poland, Egypt, aid), most do not
QUERIES = [
    {"actor": "POL"}, {"actor": "EGY"}, {"source": "FRA"}, {"target": "IND"}, {"actor": "USA"},
    {"plover": "AID"}, {"plover": "ASSAULT"}, {"plover": "ACCUSE"}, {"q": "aided"}, {"q": "zzz-no-such"},
    {"from": "2024-05-02"}, {"to": "2024-05-01"}, {"cameo": "07"}, {"quad": "4"}, {"place": "Cairo"}, {},
]


@pytest.fixture()
def feed_site() -> Iterator[tuple[Site, str]]:
    yield from test_watch.site.__wrapped__()  # type: ignore[attr-defined]


def _fresh(source: LiveSource, params: dict[str, str]) -> bytes:
    with source.cursor() as con:
        return encode_json(events_page(con, parse_filters(params), page_size=20))


def test_answers_after_a_cycle_are_exact_and_those_it_cannot_change_are_kept(
        feed_site: tuple[Site, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    state, base = feed_site
    db, clock = tmp_path / "live.duckdb", Clock()
    source = LiveSource(db)
    watcher = Watcher([f"{base}/rss.xml"], db=db, every=60, stages=light_stages(), clock=clock,
                      fetcher=Fetcher(allow_private=True, timeout=5.0, min_interval=0.0), on_stored=source.changed)
    try:
        client = TestClient(create_app(source=source))
        watcher.poll()
        urls = [f"/api/events?{'&'.join(f'{k}={v}' for k, v in q.items())}&page_size=20" for q in QUERIES]
        before = [client.get(url).content for url in urls]
        state.items.append(_item("poland-egypt", "Poland aided Egypt", "Thu, 02 May 2024 08:00:00 GMT"))
        clock.now += timedelta(seconds=61)
        watcher.poll()
        assert source.version() == 2
        calls = counting_pages(monkeypatch)
        after = [client.get(url).content for url in urls]
        assert after == [_fresh(source, q) for q in QUERIES]  # exact, kept or not
        changed = sum(a != b for a, b in zip(after, before, strict=True))
        assert changed >= 2  # the unfiltered page and the actor=POL page at least show the new event
        assert changed <= len(calls) < len(urls)  # every changed answer was computed; some were kept
        assert [client.get(url).content for url in urls] == after and len(calls) < len(urls)  # replayed now
    finally:
        watcher.close()
        source.close()


def test_a_change_the_writer_did_not_report_keeps_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "live.duckdb"
    make_events_db.build(db, 300, seed=3)
    shutil.copyfile(db, tmp_path / "spare.duckdb")
    source = LiveSource(db)
    try:
        client = TestClient(create_app(source=source))
        query = "/api/events?plover=ASSAULT&page_size=5"
        first = client.get(query).json()
        gone = first["items"][0]["id"]
        source.con.execute("DELETE FROM events WHERE id = ?", [gone])  # not through the Writer
        rollups.rebuild(source.con)
        source.changed()
        calls = counting_pages(monkeypatch)
        assert client.get(query).json()["total"] == first["total"] - 1 and calls == [1]
    finally:
        source.close()


def test_a_filter_is_untouched_only_when_no_row_before_or_after_matches_it(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    make_events_db.build(db, 200, seed=4)
    source = LiveSource(db)
    try:
        with source.cursor() as con:
            rows = ask.arrow(con, "SELECT * FROM events ORDER BY id LIMIT 2")
    finally:
        source.close()
    plover = [str(p) for p in rows.column("plover_type").to_pylist()]
    changes = VersionChanges()
    try:
        changes.heard(rows.slice(0, 1), rows.slice(1, 1))  # event 0 as it was, event 1 as it is
        changes.seal(1)
        others = [p for p in ("ASSAULT", "AID", "ACCUSE", "PROTEST", "CONSULT") if p not in plover]
        assert not changes.untouched(EventFilter(plover=plover[0]), 0, 1)  # matched before
        assert not changes.untouched(EventFilter(plover=plover[1]), 0, 1)  # matches after
        assert changes.untouched(EventFilter(plover=others[0]), 0, 1)
        assert not changes.untouched(EventFilter(), 0, 1)  # no filter: every event
        assert changes.untouched(EventFilter(plover=others[0]), 1, 1)  # the same version
        assert not changes.untouched(EventFilter(plover=others[0]), 0, 2)  # a version not filed yet
        changes.seal(2)  # nothing heard: unknown, never "untouched"
        assert not changes.untouched(EventFilter(plover=others[0]), 1, 2)
        changes.heard(pa.Table.from_batches([], rows.schema), rows.slice(0, 0))  # a batch that rewrote no row
        changes.seal(3)
        assert changes.untouched(EventFilter(plover=plover[0]), 2, 3)
    finally:
        changes.close()


def test_the_verdict_is_what_the_filter_s_own_query_finds_for_many_filters(tmp_path: Path) -> None:
    """Predicates evaluated once and combined as the filter's terms say: the same as its WHERE, for
    bench/load.py's random dashboard filters (actors as names and codes, dyads, dates, places, text)."""
    import random

    from load_fixture import random_filter

    db = tmp_path / "events.duckdb"
    make_events_db.build(db, 400, seed=6)
    source = LiveSource(db)
    changes = VersionChanges()
    try:
        with source.cursor() as con:
            rows = ask.arrow(con, "SELECT * FROM events ORDER BY hash(id) LIMIT 60")
        ids = rows.column("id").to_pylist()
        changes.heard(rows.slice(0, 30), rows.slice(30, 30))
        changes.seal(1)
        rng, agreed, kept = random.Random(7), 0, 0
        for _ in range(150):
            given = {k: v for k, v in random_filter(rng).items() if k not in ("sort", "page", "page_size")}
            flt = parse_filters(given)
            where, params = flt.where("id IN (SELECT unnest(?))")
            with source.cursor() as con:
                hits = con.execute(f"SELECT count(*) FROM events{where}", [*params, ids]).fetchall()[0][0]
            assert changes.untouched(flt, 0, 1) == (hits == 0), given
            agreed += 1
            kept += hits == 0
        assert agreed == 150 and 0 < kept < 150  # both verdicts were exercised
    finally:
        changes.close()
        source.close()
