"""A process ending while ``serve``'s switching thread is inside DuckDB (opening a new snapshot, warming it:
eventwire/api/snapshots.py, eventwire/api/rewarm.py) exits cleanly: a daemon thread inside DuckDB when Python
finalizes aborted the process ("terminate called after throwing an instance of ''", 2 of 2 before the fix).

The databases are empty files made here (written for the eventwire project).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# the warming of a new snapshot (before_publish) is a second or so of DuckDB when the process ends
SCRIPT = """
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
    warming.set()
    with source.cursor() as con:  # the new file, not yet published
        con.execute("SELECT count(*) FROM range(1000000000) WHERE range % 7 = 3").fetchall()

source.before_publish = warm
os.remove(link)
os.symlink(second, link)
source.version()  # wakes the switching thread
assert warming.wait(60)
time.sleep(0.2)
"""


def test_a_process_ending_while_a_snapshot_is_warmed_exits_cleanly(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    for i in range(2):
        folder = tmp_path / str(i)
        folder.mkdir()
        done = subprocess.run([sys.executable, "-c", SCRIPT, str(folder / "a.duckdb"), str(folder / "b.duckdb"),
                               str(folder / "link")], capture_output=True, text=True, timeout=120, cwd=root,
                              env={**os.environ, "PYTHONPATH": str(root)})
        assert done.returncode == 0 and "terminate called" not in done.stderr, done.stderr
