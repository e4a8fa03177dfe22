"""The queries behind a page of events sorted by another column, each against what it replaced: the CPU of
each on a large database (the figures quoted in eventwire/read/id_order.py, narrow.py, paging.py).

On a read-only connection with the API's memory and thread limits, for a source + PLOVER type filter
(the dashboard's most frequent slow page): the top-N broken by id or by id_key, with the actor condition
as written or on one column (read.narrow), with its count counted first or in the same scan, and 50
rows spread over the table fetched by ranges of row ids or by a semi join on a list. Each query runs
three times; the CPU of the last (DuckDB's threads included) is printed, with the load average.

    PYTHONPATH=. python bench/page_queries.py --db /tmp/ew10m_sort/ew10m.duckdb
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eventwire.api.source import limit_memory  # noqa: E402
from eventwire.read import id_order, narrow  # noqa: E402
from eventwire.read import questions as ask  # noqa: E402
from eventwire.read.filters import EventFilter  # noqa: E402


def cpu_ms(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any], runs: int = 3) -> float:
    spent = 0.0
    for _ in range(runs):
        started = time.process_time()
        con.execute(sql, params).fetchall()
        spent = (time.process_time() - started) * 1000
    return spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--source", default="IND")
    parser.add_argument("--plover", default="CONSULT")
    args = parser.parse_args()
    con = duckdb.connect(str(args.db), read_only=True)
    limit_memory(con)
    flt = EventFilter(source=args.source, plover=args.plover)
    plain, params = flt.where()
    one, one_params = narrow.where(con, flt)
    top = "ORDER BY confidence DESC NULLS LAST, {tie} LIMIT 52 OFFSET 199"
    rows = [r[0] for r in con.execute("SELECT rowid FROM events USING SAMPLE 50 ROWS").fetchall()]
    # as paging.rows_by_rowid read them before: one range per run of neighbours (here each row its own)
    ranges = (" OR ".join(f"rowid BETWEEN {int(r)} AND {int(r)}" for r in sorted(rows))
              + f") AND rowid IN ({', '.join(str(int(r)) for r in rows)}")
    columns = ", ".join(ask.EVENT_COLUMNS)
    cap = "SELECT count(*) FROM (SELECT 1 FROM events{w} LIMIT 10001)"
    print(f"{flt.given()} on {args.db}; filter as written: {plain}\n  on one column: {one}")
    for label, sql, values in (
        ("top-N, ties by id", f"SELECT rowid, id FROM events{plain} {top.format(tie='id')}", params),
        ("top-N, ties by id_key", f"SELECT rowid, confidence, id_key FROM events{plain} {top.format(tie='id_key')}",
         params),
        ("top-N by id_key, actor on one column",
         f"SELECT rowid, confidence, id_key FROM events{one} {top.format(tie='id_key')}", one_params),
        ("count to 10,001, one column", cap.format(w=one), one_params),
        ("top-N with count(*) OVER (), one column",
         f"SELECT rowid, confidence, id_key, count(*) OVER () FROM events{one} {top.format(tie='id_key')}", one_params),
        ("50 spread rows by row-id ranges", f"SELECT rowid, id, {columns} FROM events WHERE ({ranges})", []),
        ("50 spread rows by a row-id list", f"SELECT rowid, id, {columns} FROM events WHERE {id_order.rowid_list()}",
         [rows]),
        ("ids of 50 spread rows by ranges", f"SELECT rowid, id, id_key FROM events WHERE ({ranges})", []),
        ("ids of 50 spread rows by a list", f"SELECT rowid, id, id_key FROM events WHERE {id_order.rowid_list()}",
         [rows]),
    ):
        print(f"  {label:<42} {cpu_ms(con, sql, values):6.0f} ms CPU")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    con.close()


if __name__ == "__main__":
    main()
