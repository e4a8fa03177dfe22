"""A process ending while ``serve``'s background threads are inside DuckDB exits cleanly, however long their
queries would run (eventwire/store/interrupts.py): a daemon thread inside DuckDB when Python finalizes aborts
the process ("terminate called after throwing an instance of ''").

- the switching thread warming a new snapshot (eventwire/api/snapshots.py, eventwire/api/rewarm.py): before the
  fix the exit waited EXIT_WAIT_SECONDS for the warming to end, and a longer one aborted the process (now and
  then in full-suite runs on a loaded machine: the warming was a query of a second or more);
- an in-memory index build (eventwire/read/memory_index.py), the same.

Both queries here run for hours unless interrupted, and the exit's wait is made longer than the test's, so the
tests do not depend on the machine's load: without the interrupts each process waits until the test gives up
(before: the warming one aborted after the 10 s wait), with them it ends at once.

The databases are files made here (written for the eventwire project).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from eventwire.store import interrupts

# a query that runs for hours: only an interrupt ends it in a test's time
ENDLESS = "SELECT count(*) FROM range(1000000000000000) WHERE range % 7 = 3"
# the scripts wait at exit longer than the test waits for them: they end in time only if the queries are ended
LONG_WAIT = """
from eventwire.api import snapshots
from eventwire.read import memory_index
snapshots.EXIT_WAIT_SECONDS = memory_index.EXIT_WAIT_SECONDS = 600.0
"""
ENDS_WITHIN_SECONDS = 60

# the warming of a new snapshot (before_publish) is inside DuckDB when the process ends
WARMING = LONG_WAIT + f"""
import os, sys, threading, time
from eventwire.store.db import connect
from eventwire.api.snapshots import SnapshotSource
first, second, link = sys.argv[1:4]
for path in (first, second):
    connect(path).close()
os.symlink(first, link)
source = SnapshotSource(link, background=True, index_mb=0)
source.version()
warming = threading.Event()

def warm(superseded):
    with source.cursor() as con:  # the new file, not yet published
        warming.set()
        con.execute("{ENDLESS}").fetchall()

source.before_publish = warm
os.remove(link)
os.symlink(second, link)
source.version()  # wakes the switching thread
assert warming.wait(60)
time.sleep(0.2)
"""

# an index build (a request's thread starts it) is inside DuckDB when the process ends: ``events`` is a view
# whose count (the build's size estimate) scans forever
BUILDING = LONG_WAIT + f"""
import sys, time, duckdb
from eventwire.api.snapshots import SnapshotSource
from eventwire.read import memory_index
path = sys.argv[1]
from eventwire.store.db import connect
connect(path).close()  # an eventwire database, whose events are then replaced by an endless view
con = duckdb.connect(path)
con.execute("ALTER TABLE events RENAME TO events_written")
con.execute("CREATE VIEW events AS {ENDLESS.replace("count(*)", "range AS id")}")
con.close()
source = SnapshotSource(path, index_mb=64)
source.version()  # opens the file and starts its index build on a thread
while not memory_index._ACTIVE:
    time.sleep(0.01)
time.sleep(0.2)
assert memory_index._ACTIVE and source.wait_index(0) is None  # still estimating: inside the endless count
"""


def _exits_cleanly(script: str, *args: str) -> None:
    root = Path(__file__).resolve().parent.parent
    try:
        done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                              timeout=ENDS_WITHIN_SECONDS, cwd=root, env={**os.environ, "PYTHONPATH": str(root)})
    except subprocess.TimeoutExpired:
        pytest.fail(f"the process did not end within {ENDS_WITHIN_SECONDS} s: its exit waited for an endless query")
    assert done.returncode == 0 and "terminate called" not in done.stderr, (done.returncode, done.stderr)


def test_a_process_ending_while_a_snapshot_is_warmed_exits_cleanly(tmp_path: Path) -> None:
    for i in range(2):
        folder = tmp_path / str(i)
        folder.mkdir()
        _exits_cleanly(WARMING, str(folder / "a.duckdb"), str(folder / "b.duckdb"), str(folder / "link"))


def test_a_process_ending_while_an_index_is_built_exits_cleanly(tmp_path: Path) -> None:
    for i in range(2):
        _exits_cleanly(BUILDING, str(tmp_path / f"{i}.duckdb"))


def test_the_end_interrupts_a_cursor_again_until_its_thread_is_done(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two endless queries one after the other on one registered cursor: one interrupt would end the first
    only; no cursor opens once the process is ending."""
    monkeypatch.setattr(interrupts, "_ending", interrupts.threading.Event())  # this test's own "end"
    monkeypatch.setattr(interrupts, "INTERRUPT_EVERY_SECONDS", 0.01)
    con = duckdb.connect()
    ended: list[str] = []
    started = interrupts.threading.Event()

    def queries() -> None:
        with interrupts.interruptible_cursor(con) as cursor:
            for _ in range(2):
                try:
                    started.set()
                    cursor.execute(ENDLESS).fetchall()
                except duckdb.InterruptException:
                    ended.append("interrupted")

    thread = interrupts.threading.Thread(target=queries, daemon=True)
    thread.start()
    assert started.wait(30)
    assert interrupts.interrupt_until(lambda: not thread.is_alive(), 60)
    assert ended == ["interrupted", "interrupted"]
    assert interrupts.process_ending()
    with pytest.raises(interrupts.ProcessEnding), interrupts.interruptible_cursor(con):
        pass
    con.close()
