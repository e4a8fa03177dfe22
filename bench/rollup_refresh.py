"""What a live cycle's batch costs the rollups, against the number of events in its month.

A database of ``--events`` SYNTHETIC events, all in one month (a busy feed's month: GDELT codes about
9 million events a month), rolled up by ``rollups.rebuild``. Then, per round, one batch as a live
``watch`` cycle writes it through ``Writer._refresh_events``: 25 stored events rewritten (new mentions,
the latest ones) and 25 new events on the month's last day, their rows deleted and written again, and
the rollups brought up to date in the same transaction, committed. Printed per size (median of the
rounds): the seconds of the rollup update alone, of the whole transaction, and the bytes the process
wrote to disk for it (/proc/self/io: WAL and checkpoints).

It runs with either rollup module: the month recompute (``refresh(months)``, before issue 16's part 3)
or the update by difference (``capture`` then ``apply``), whichever ``eventwire.store.rollups`` has:

    PYTHONPATH=. python bench/rollup_refresh.py --events 100000 1000000 3000000 --rounds 5
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

from eventwire.store import id_keys, rollups
from eventwire.store.db import connect

__all__ = ["build", "one_batch", "main"]

BATCH = 25  # rewritten events, and as many new ones: 50 rows, a productive cycle of a few articles
# about as many distinct keys as a year of news gives a month: 60 sources x 250 targets, 2,000 places
_ID_KEY = id_keys.sql("('e' || i)")  # the ids below are 'e' || i
_FIELDS = """'S' || i % 60 AS source_code, 'S' || i % 60 AS source_country, 'Source ' || i % 60 AS source_name,
    'T' || i % 251 AS target_code, 'T' || i % 251 AS target_country, 'Target ' || i % 251 AS target_name,
    1 + i % 4 AS quad_class, ['CONSULT', 'AID', 'THREATEN', 'ASSAULT'][1 + i % 4] AS plover_type,
    1 + i % 7 AS num_mentions, (i % 201 - 100) / 10 AS goldstein,
    'Place ' || i % 2003 AS location_name, 'C' || i % 97 AS location_country, i % 2003 AS geonameid,
    'city' AS location_precision, i % 2003 / 40 AS lat, i % 2003 / 25 AS lon"""


def build(path: Path, events: int) -> None:
    """``events`` events in March 2024, in date order (as a feed stores them), rolled up."""
    con = connect(path)
    try:
        con.execute(f"""INSERT INTO events BY NAME SELECT 'e' || i AS id, {_ID_KEY} AS id_key,
                        CAST(DATE '2024-03-01' + CAST(i * 30 // {events} AS INTEGER) AS DATE) AS event_date,
                        {_FIELDS} FROM range({events}) r(i)""")
        rollups.rebuild(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _written() -> int:
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("write_bytes:"):
            return int(line.split()[1])
    return 0


def _update_rollups(con: duckdb.DuckDBPyConnection, ids: list[str], write: Any) -> float:
    """The batch's rewrite (``write``) with the rollup update around it, as the Writer does; the seconds
    of the rollup update."""
    module: Any = rollups  # either version of the module (the bench times both)
    start = time.perf_counter()
    if hasattr(module, "capture"):
        module.capture(con, ids)
    else:
        months = module.months_of(con, ids)
    spent = time.perf_counter() - start
    write()
    start = time.perf_counter()
    if hasattr(module, "apply"):
        module.apply(con, ids)
    else:
        module.refresh(con, months | module.months_of(con, ids))
    return spent + time.perf_counter() - start


def one_batch(con: duckdb.DuckDBPyConnection, events: int, round_no: int) -> tuple[float, float, int]:
    """One committed batch: (rollup seconds, transaction seconds, bytes written)."""
    old = [f"e{events - 1 - round_no * BATCH - k}" for k in range(BATCH)]
    first_new = events + round_no * BATCH

    def write() -> None:
        con.execute("CREATE OR REPLACE TEMP TABLE _bench_rows AS SELECT * REPLACE (num_mentions + 1 AS num_mentions) "
                    "FROM events WHERE id IN (SELECT unnest(?))", [old])
        con.execute("DELETE FROM events WHERE id IN (SELECT unnest(?))", [old])
        con.execute("INSERT INTO events SELECT * FROM _bench_rows")
        con.execute(f"INSERT INTO events BY NAME SELECT 'e' || i AS id, {_ID_KEY} AS id_key, DATE '2024-03-31' AS event_date, {_FIELDS} "
                    f"FROM range({first_new}, {first_new + BATCH}) r(i)")
        con.execute("DROP TABLE _bench_rows")

    ids = [*old, *(f"e{i}" for i in range(first_new, first_new + BATCH))]
    before, start = _written(), time.perf_counter()
    con.execute("BEGIN")
    spent = _update_rollups(con, ids, write)
    con.execute("COMMIT")
    return spent, time.perf_counter() - start, _written() - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--db-dir", default=tempfile.gettempdir())
    args = parser.parse_args()
    method = "by difference" if hasattr(rollups, "apply") else "month recompute"
    print(f"rollups: {method}; batch: {BATCH} rewritten + {BATCH} new events, one month of N events")
    for events in args.events:
        path = Path(args.db_dir) / f"ew_rollup_bench_{events}.duckdb"
        path.unlink(missing_ok=True)
        try:
            build(path, events)
            con = connect(path)
            runs = [one_batch(con, events, r) for r in range(args.rounds)]
            con.close()
        finally:
            path.unlink(missing_ok=True)
            Path(f"{path}.wal").unlink(missing_ok=True)
        rollup, total, written = (statistics.median(r[k] for r in runs) for k in range(3))
        print(f"N={events:>9,}  rollup update {rollup * 1000:8.1f} ms  transaction {total * 1000:8.1f} ms  "
              f"written {written / 1e6:7.2f} MB")


if __name__ == "__main__":
    main()
