"""What fetching a page's rows costs, column by column, on a large database (issue 16).

A page sorted by another column than the date, or filtered by a rare actor, is 50 rows spread over
the whole ``events`` table: each is fetched by row id (:func:`eventwire.read.paging.rows_as_dicts`),
and DuckDB decodes the stored vector (or dictionary) of every column that holds it. This prints, on a
read-only connection with the API's memory and thread limits, the CPU (DuckDB's threads included) of
fetching the row id plus one column of 50 random rows, for each column of a page, and of the whole
page's rows as the API fetches them; each a median over ``--samples`` fresh sets of rows (rows not
fetched before: DuckDB's buffers hold few of them, as for a user's pages). Then how each column the
schema compresses with zstd (``schema.WIDE_COLUMNS``, v14) is stored, and the CPU of a scan that
reads one of them (a ``q=`` filter's count), which the compression must not make dearer.

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
from eventwire.store.schema import WIDE_COLUMNS


def median_cpu_ms(samples: int, work: Callable[[int], Any]) -> float:
    """The median CPU of ``work(sample)`` over ``samples`` runs."""
    spent = []
    for sample in range(samples):
        started = time.process_time()
        work(sample)
        spent.append((time.process_time() - started) * 1000)
    return statistics.median(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--samples", type=int, default=7)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    con = duckdb.connect(str(args.db), read_only=True)
    limit_memory(con)
    events = int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])
    draw = random.Random(args.seed)

    def spread(_: int) -> list[int]:
        return draw.sample(range(events), 50)  # a fresh set each time: row ids of a table never deleted from

    def fetch(column: str) -> Callable[[int], Any]:
        sql = f"SELECT rowid, {column} FROM events WHERE {id_order.rowid_list()}"
        return lambda sample: con.execute(sql, [spread(sample)]).fetchall()

    def page(sample: int) -> Any:
        rows = spread(sample)
        found = con.execute(f"SELECT rowid, id FROM events WHERE {id_order.rowid_list()}", [rows]).fetchall()
        return paging.rows_as_dicts(con, ask.EVENT_COLUMNS, [(r, i) for r, i in found])

    print(f"{args.db}: {events:,} events; CPU of 50 spread rows, median of {args.samples} fresh sets")
    base = median_cpu_ms(args.samples, fetch("1"))
    print(f"  {'row id alone':<46} {base:6.1f} ms")
    for column in ask.EVENT_COLUMNS:
        print(f"  {column[:46]:<46} {median_cpu_ms(args.samples, fetch(column)) - base:+6.1f} ms")
    print(f"  {'the page (rows_as_dicts, every column)':<46} {median_cpu_ms(args.samples, page):6.1f} ms")
    stored = con.execute("SELECT column_name, string_agg(DISTINCT compression, ', ') FROM pragma_storage_info('events') "
                         "WHERE segment_type = 'VARCHAR' AND column_name IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1 "
                         "ORDER BY 1", [list(WIDE_COLUMNS)]).fetchall()
    print("  stored: " + "; ".join(f"{name} {how}" for name, how in stored))
    count = "SELECT count(*) FROM (SELECT 1 FROM events WHERE sentence ILIKE '%strike%' LIMIT 10001)"
    print(f"  {'q=strike counted to 10,001 (a scan of sentence)':<46} "
          f"{median_cpu_ms(3, lambda _: con.execute(count).fetchall()):6.1f} ms")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    con.close()


if __name__ == "__main__":
    main()
