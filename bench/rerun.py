"""Rerun cost: `eventwire run` twice on the same input; the second adds no rows and should take < 10%.

    .venv/bin/python bench/rerun.py                      # 300 generated articles, full stages
    EVENTWIRE_STAGES=light .venv/bin/python bench/rerun.py --articles 2000

Both runs are timed end to end as a user sees them (`eventwire run` commands, process start included).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

TABLES = ("articles", "stories", "events", "event_mentions", "actors", "quotes", "places", "inputs")


def _counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}
    finally:
        con.close()


def _run(corpus: Path, db: Path) -> float:
    start = time.perf_counter()
    command = [sys.executable, "-c", "from eventwire.cli import main; main()", "run", str(corpus),
               "--db", str(db), "-q"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):
        sys.stderr.write(done.stderr)
        raise SystemExit(f"eventwire run failed ({done.returncode})")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    from eventwire.synthetic import generate, write_jsonl

    with tempfile.TemporaryDirectory(prefix="ew-rerun-") as tmp:
        corpus = write_jsonl(generate(args.articles, seed=args.seed), Path(tmp) / "in" / "corpus.jsonl")
        db = Path(tmp) / "rerun.duckdb"
        first = _run(corpus, db)
        after_first = _counts(db)
        second = _run(corpus, db)
        after_second = _counts(db)
        added = {t: after_second[t] - after_first[t] for t in TABLES}
        print(f"first run:  {first:.1f} s  rows: {after_first}")
        print(f"second run: {second:.1f} s  rows added: {sum(added.values())} {added}")
        print(f"second/first: {second / first:.1%} (target < 10%)")


if __name__ == "__main__":
    main()
