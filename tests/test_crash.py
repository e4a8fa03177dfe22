"""kill -9 at random moments during a run, rerun until complete: the database must equal an uninterrupted
run's (same rows, no duplicates). Uses the light stage configuration (EVENTWIRE_STAGES=light), which
changes only the language stages: reading, dedup, batching and every database write are the real ones."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from eventwire.synthetic import generate, write_jsonl

pytestmark = pytest.mark.slow

ARTICLES = 1000
# Columns that legitimately differ between two runs (which run stored a row, and when).
VOLATILE = {"articles": ("run_id",)}
COMPARED = ("articles", "stories", "article_signatures", "events", "event_mentions", "actors", "quotes",
            "places", "inputs")


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in COMPARED:
            columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()
                       if r[0] not in VOLATILE.get(table, ())]
            select = ", ".join(f'"{c}"' for c in columns)
            rows = con.execute(f"SELECT {select} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def _wait_for_commits(proc: subprocess.Popen[str], db: Path, timeout: float = 120.0) -> None:
    """Return once a batch has been committed (the write-ahead log grew by 50 kB over its lowest size:
    a reopened database replays and empties the log first) or the process has ended."""
    wal = db.with_name(db.name + ".wal")
    deadline = time.monotonic() + timeout
    low: int | None = None
    while proc.poll() is None and time.monotonic() < deadline:
        size = wal.stat().st_size if wal.exists() else 0
        low = size if low is None else min(low, size)
        if size > low + 50_000:
            return
        time.sleep(0.05)


def _stored(db: Path) -> int:
    if not db.exists():
        return 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        return int(con.execute("SELECT count(*) FROM articles").fetchone()[0]) if "articles" in tables else 0
    finally:
        con.close()


def _command(inputs: Path, db: Path) -> list[str]:
    return [sys.executable, "-c", "from eventwire.cli import main; main()", "run", str(inputs), "--db", str(db), "-q",
            "--batch-size", "24"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["EVENTWIRE_STAGES"] = "light"
    env.pop("EVENTWIRE_DB", None)
    return env


def test_kill_minus_nine_then_rerun_equals_an_uninterrupted_run(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    records = generate(ARTICLES, seed=11, paragraphs=(2, 3))
    for part in range(4):  # several files, so that reading order across files is exercised too
        write_jsonl(records[part::4], inputs / f"part{part}.jsonl")
    reference = tmp_path / "reference.duckdb"
    done = subprocess.run(_command(inputs, reference), env=_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    expected = _snapshot(reference)
    assert len(expected["articles"]) == ARTICLES

    crashed = tmp_path / "crashed.duckdb"
    rng = random.Random(20240501)
    kills = mid_run = 0
    stored = 0
    for _attempt in range(40):
        proc = subprocess.Popen(_command(inputs, crashed), env=_env(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
        if mid_run < 3 and kills < 8:
            # a random moment after the run has committed something (so that kills land between and
            # inside batch transactions even when a loaded machine makes start-up slow)
            _wait_for_commits(proc, crashed)
            time.sleep(rng.uniform(0.0, 1.5))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
                kills += 1
                now = _stored(crashed)
                mid_run += int(stored < now < ARTICLES)
                stored = now
                continue
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        break
    else:
        pytest.fail("the run never completed")
    assert mid_run >= 1, f"no kill landed mid-run ({kills} kills): lengthen the corpus or the sleeps"
    got = _snapshot(crashed)
    for table in COMPARED:
        assert got[table] == expected[table], f"{table} differs after {kills} kills"
    con = duckdb.connect(str(crashed), read_only=True)
    statuses = [r[0] for r in con.execute("SELECT status FROM runs ORDER BY started").fetchall()]
    con.close()
    # one row per attempt; a killed run is marked "killed" by the next start (never left "running")
    # unless the kill landed after it had marked itself complete, which a kill mid-run cannot do
    assert statuses[-1] == "complete" and len(statuses) == kills + 1
    assert set(statuses) <= {"killed", "complete"} and statuses.count("killed") >= mid_run
