"""A complete copy of an open database, made by the process that owns it.

A live service (``eventwire watch --serve``) holds its database open for writing for as long as it
runs, and DuckDB lets no other process open the file meanwhile, not even to read it: a backup has to
be made from inside. DuckDB's ``COPY FROM DATABASE`` writes every table, with its keys and indexes,
into a new database file from one consistent snapshot, while the API keeps reading; the watcher
makes it between two cycles, so nothing is written meanwhile.

The copy is written next to the target and renamed over it when complete: the target is always a
whole database that ``eventwire serve --db`` or ``eventwire run --db`` opens as it is.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from eventwire.errors import DatabaseError

__all__ = ["backup"]

_ALIAS = "eventwire_backup"  # the copy's name while attached; ours, never user input


def backup(con: Any, target: str | Path) -> float:
    """Copy the database of ``con`` to ``target`` (replaced atomically); return the seconds it took."""
    target = Path(target)
    if target.is_dir():
        raise DatabaseError(f"{target} is a directory; --backup needs a file name such as news-backup.duckdb")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial")
    for stale in (partial, Path(f"{partial}.wal")):
        stale.unlink(missing_ok=True)  # left by a backup that was interrupted
    started = time.monotonic()
    row = con.execute("SELECT current_database()").fetchone()
    source = str(row[0]).replace('"', '""')
    path = str(partial).replace("'", "''")
    con.execute(f"ATTACH '{path}' AS {_ALIAS}")
    try:
        con.execute(f'COPY FROM DATABASE "{source}" TO {_ALIAS}')
    finally:
        con.execute(f"DETACH {_ALIAS}")  # checkpoints and closes the copy: it is a file of its own now
    os.replace(partial, target)
    return time.monotonic() - started
