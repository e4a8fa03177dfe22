"""What fetching a page's rows costs, column by column, on a large database (issue 16).

A page sorted by another column than the date, or filtered by a rare actor, is 50 rows spread over
the whole ``events`` table: each is fetched by row id (:func:`eventwire.read.paging.rows_as_dicts`),
and DuckDB loads and decodes the stored block and vector (or dictionary) of every column that holds it.
This prints, on read-only connections with the API's memory and thread limits, the CPU (DuckDB's threads
included) of fetching the row id plus one column of 50 random rows, for each column of a page, and of
the whole page's rows as the API fetches them; each a median over ``--samples`` fresh sets of rows, each
read by a new connection: DuckDB's buffers are empty, as they hold few of a user's rows spread over 10
million (most of a fetch's CPU is then loading the 256 KB blocks that hold the rows, and decoding them).
Then how the columns that schema 14 stores uncompressed or with zstd (``store.compression.WIDE_COLUMNS``)
are stored, and the CPU of a scan that reads one of them (a ``q=`` filter's count).

    PYTHONPATH=. python bench/page_fetch.py --db /tmp/ew10m.duckdb
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from eventwire.api.source import limit_memory
from eventwire.read import id_order, paging
from eventwire.read import questions as ask
from eventwire.store.compression import WIDE_COLUMNS


def median_cpu_ms(db: Path, samples: int, work: Callable[[duckdb.DuckDBPyConnection, int], Any]) -> float:
    """The median CPU of ``work(con, sample)`` over ``samples`` runs, each on a new read-only connection with
    the API's limits (its own, empty buffers)."""
    spent = []
    for sample in range(samples):
        with duckdb.connect(str(db), read_only=True) as con:
            limit_memory(con)
            started = time.process_time()
            work(con, sample)
            spent.append((time.process_time() - started) * 1000)
    return statistics.median(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--samples", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    con = duckdb.connect(str(args.db), read_only=True)
    events = int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])
    draw = random.Random(args.seed)
    # the same sets for every column: row ids of a table never deleted from, with their ids (a page's Found)
    sets = [con.execute(f"SELECT rowid, id FROM events WHERE {id_order.rowid_list()}",
                        [draw.sample(range(events), 50)]).fetchall() for _ in range(args.samples)]
    con.close()

    def fetch(column: str) -> Callable[[duckdb.DuckDBPyConnection, int], Any]:
        sql = f"SELECT rowid, {column} FROM events WHERE {id_order.rowid_list()}"
        return lambda con, sample: con.execute(sql, [[r for r, _ in sets[sample]]]).fetchall()

    def page(con: duckdb.DuckDBPyConnection, sample: int) -> Any:
        return paging.rows_as_dicts(con, ask.EVENT_COLUMNS, sets[sample])

    print(f"{args.db}: {events:,} events; CPU of 50 spread rows, median of {args.samples} fresh sets")
    base = median_cpu_ms(args.db, args.samples, fetch("1"))
    print(f"  {'row id alone':<46} {base:6.1f} ms")
    for column in ask.EVENT_COLUMNS:
        print(f"  {column[:46]:<46} {median_cpu_ms(args.db, args.samples, fetch(column)) - base:+6.1f} ms")
    print(f"  {'the page (rows_as_dicts, every column)':<46} {median_cpu_ms(args.db, args.samples, page):6.1f} ms")
    con = duckdb.connect(str(args.db), read_only=True)
    limit_memory(con)
    stored = con.execute("SELECT column_name, string_agg(DISTINCT compression, ', ') FROM pragma_storage_info('events') "
                         "WHERE segment_type = 'VARCHAR' AND column_name IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1 "
                         "ORDER BY 1", [list(WIDE_COLUMNS)]).fetchall()
    print("  stored: " + "; ".join(f"{name} {how}" for name, how in stored))
    count = "SELECT count(*) FROM (SELECT 1 FROM events WHERE sentence ILIKE '%strike%' LIMIT 10001)"
    print(f"  {'q=strike counted to 10,001 (a scan of sentence)':<46} "
          f"{median_cpu_ms(args.db, 3, lambda c, _: c.execute(count).fetchall()):6.1f} ms")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    con.close()


if __name__ == "__main__":
    main()
