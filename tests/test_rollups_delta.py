"""The rollups kept by difference equal a full recompute after many random batches.

Each batch follows the Writer's protocol (``rollups.capture`` of the rows it rewrites, the rows
deleted and written again, ``rollups.apply``) on events drawn from a few months, types, actors, names
and places, so that keys collide: new events, events rewritten with new mention counts, dates (into
another month, or off the first or last date of their group), names, types, places and scores, events
whose mentions are gone, and NULLs everywhere real data has them. After every few batches the tables
must be what ``rollups.rebuild`` computes from all the events (doubles to 9 decimals: sums of doubles
depend on the order of addition).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventwire.store import id_keys, rollups
from eventwire.store.db import connect

ACTORS = [("USA", "USA", "United States"), ("USA", "USA", "USA"), ("RUS", "RUS", "Russia"),
          ("RUS", "RUS", "Russian Federation"), ("RUSGOV", "RUS", "Kremlin"), ("NATO", None, "NATO"),
          ("NATO", None, "Alliance"), ("UKR", "UKR", "Ukraine"), (None, None, None)]
PLACES = [("Kyiv", "UKR", 703448, "city", 50.45, 30.52), ("Moscow", "RUS", 524901, "city", 55.75, 37.61),
          ("Ukraine", "UKR", 690791, "country", 49.0, 32.0), (None, None, None, None, None, None)]
TYPES = [(1, "CONSULT"), (2, "AID"), (3, "THREATEN"), (4, "ASSAULT"), (None, None)]
MODES = [None, [], [], [], ["negation"], ["negation", "future"], ["hypothetical"]]  # day_mode_pairs' keys


def _event(rng: random.Random, event_id: str) -> dict[str, Any]:
    src, tgt = rng.choice(ACTORS), rng.choice(ACTORS)
    place = rng.choice(PLACES)
    quad, plover = rng.choice(TYPES)
    day = None if rng.random() < 0.1 else date(2024, 1, 1) + timedelta(days=rng.randrange(0, 91))
    return {
        "id": event_id, "id_key": id_keys.id_key(event_id), "event_date": day, "quad_class": quad, "plover_type": plover,
        "num_mentions": rng.randint(1, 9), "goldstein": None if rng.random() < 0.1 else rng.randint(-100, 100) / 10,
        "source_code": src[0], "source_country": src[1], "source_name": src[2],
        "target_code": tgt[0], "target_country": tgt[1], "target_name": tgt[2],
        "location_name": place[0], "location_country": place[1], "geonameid": place[2],
        "location_precision": place[3], "lat": place[4], "lon": place[5], "plover_mode": rng.choice(MODES),
    }


def _rewritten(rng: random.Random, row: dict[str, Any]) -> dict[str, Any]:
    """The same event after new mentions: some of its fields change, most stay."""
    fresh = _event(rng, row["id"])
    changed = rng.sample(sorted(fresh), rng.randint(1, 4))
    return {**row, "num_mentions": row["num_mentions"] + rng.randint(0, 3), **{k: fresh[k] for k in changed}}


def _batch(con: duckdb.DuckDBPyConnection, rng: random.Random, stored: dict[str, dict[str, Any]],
           counter: list[int]) -> None:
    ids = rng.sample(sorted(stored), min(len(stored), rng.randint(0, 12)))
    rows = {i: _rewritten(rng, stored[i]) for i in ids if rng.random() > 0.1}  # the others lost their mentions
    for _ in range(rng.randint(0, 15)):
        counter[0] += 1
        new_id = f"e{counter[0]}"
        ids.append(new_id)
        rows[new_id] = _event(rng, new_id)
    if not ids:
        return
    con.execute("BEGIN")
    rollups.capture(con, ids)
    con.execute("DELETE FROM events WHERE id IN (SELECT unnest(?))", [ids])
    for row in rows.values():
        con.execute(f"INSERT INTO events ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
    rollups.apply(con, ids)
    con.execute("COMMIT")
    for i in ids:
        stored.pop(i, None)
    stored.update(rows)


def _tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    return {t: sorted((tuple(round(v, 9) if isinstance(v, float) else v for v in row)
                       for row in con.execute(f"SELECT * FROM {t}").fetchall()), key=repr) for t in rollups.TABLES}


def _same_as_rebuilt(kept: dict[str, list[tuple[Any, ...]]], rebuilt: dict[str, list[tuple[Any, ...]]]) -> bool:
    """Every rollup equal to its rebuild; the tables of values seen (``SEEN``, only added to) hold at
    least the rebuild's values."""
    return all(set(rebuilt[t]) <= set(kept[t]) if t in rollups.SEEN else kept[t] == rebuilt[t] for t in kept)


def _rebuilt(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[Any, ...]]]:
    con.execute("BEGIN")
    rollups.rebuild(con)
    tables = _tables(con)
    con.execute("ROLLBACK")
    return tables


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rollups_by_difference_equal_a_rebuild(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    con = connect(tmp_path / "delta.duckdb")
    stored: dict[str, dict[str, Any]] = {}
    counter = [0]
    try:
        for n in range(150):
            _batch(con, rng, stored, counter)
            if n % 10 == 9:
                assert _same_as_rebuilt(_tables(con), _rebuilt(con)), f"after batch {n}"
        assert len(stored) > 300
        assert con.execute("SELECT count(*) FROM month_counts").fetchone()[0] > 20  # type: ignore[index]
    finally:
        con.close()


def test_a_group_losing_its_last_date_reads_its_bounds_again(tmp_path: Path) -> None:
    con = connect(tmp_path / "bounds.duckdb")
    try:
        rng = random.Random(0)
        days = [date(2024, 3, d) for d in (3, 9, 27)]
        rows = [{**_event(rng, f"b{i}"), "event_date": day, "quad_class": 1, "plover_type": "AID"}
                for i, day in enumerate(days)]
        for row in rows:
            con.execute(f"INSERT INTO events ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                        list(row.values()))
        rollups.rebuild(con)
        for gone in ("b2", "b0"):  # the last date, then the first: each moved to another month
            rollups.capture(con, [gone])
            con.execute("UPDATE events SET event_date = DATE '2024-05-01' WHERE id = ?", [gone])
            rollups.apply(con, [gone])
        bounds = con.execute("SELECT first_date, last_date FROM month_counts WHERE month = DATE '2024-03-01'").fetchall()
        assert bounds == [(date(2024, 3, 9), date(2024, 3, 9))]
        assert _same_as_rebuilt(_tables(con), _rebuilt(con))
    finally:
        con.close()
