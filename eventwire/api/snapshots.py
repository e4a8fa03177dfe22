"""The database-file source of the API: a file, or a symlink ``eventwire watch`` re-points at snapshots.

``eventwire watch`` publishes a snapshot by re-pointing a symlink at a fresh copy; every request checks
the file behind ``path`` (one ``stat``). When it changed, a read-only connection to the new file is
opened and published:

- by default the first request to see the change opens it (a few milliseconds: nothing is loaded)
  and answers from it, while requests arriving meanwhile answer from the previous file;
- with ``background``, a thread opens it and every request answers from the previous file until the
  new one is open (no request ever waits for an open).

The previous connection is dropped, not closed: a cursor still answering from it keeps it alive
(DuckDB cursors hold their database), and it closes when the last of them is gone.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import duckdb

from eventwire.api.source import MEMORY_LIMIT, THREADS, limit_memory
from eventwire.store.db import connect

__all__ = ["SnapshotSource", "Stamp"]

Stamp = tuple[int, int, int]  # (device, inode, mtime in ns) of the file behind the path


class _Opened(NamedTuple):
    stamp: Stamp | None
    con: duckdb.DuckDBPyConnection


class SnapshotSource:
    """A :class:`eventwire.api.source.DatabaseSource` over a database file (or a symlink to one)."""

    def __init__(self, path: str | Path, *, background: bool = False, memory_limit: str = MEMORY_LIMIT,
                 threads: int = THREADS) -> None:
        self.path = Path(path)
        self.background = background
        self.memory_limit = memory_limit
        self.threads = threads
        self._opened: _Opened | None = None
        self._switch = threading.Lock()
        self._changed = threading.Event()
        self._switcher: threading.Thread | None = None

    def _stamp(self) -> Stamp | None:
        """Which file is behind ``path`` now (``stat`` follows the symlink), or None when there is none."""
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_dev, info.st_ino, info.st_mtime_ns

    def _latest(self) -> _Opened:
        """The file to answer from now (opening a changed one unless another request is doing so)."""
        stamp = self._stamp()
        opened = self._opened
        if opened is not None and (stamp is None or stamp == opened.stamp or self._switch.locked()):
            return opened  # unchanged, vanished for a moment (a re-pointed link), or being switched
        if opened is not None and self.background:
            self._wake_switcher()
            return opened
        with self._switch:
            return self._open(self._stamp())

    def _open(self, stamp: Stamp | None) -> _Opened:
        """Open the file ``stamp`` unless it is open already (the caller holds ``_switch``)."""
        latest = self._opened
        if latest is not None and (stamp is None or latest.stamp == stamp):
            return latest
        # the file itself, not the link: the link may be re-pointed while this connection is in use (if it
        # was re-pointed since the stat, the stamp is older than the file and the next request reopens)
        con = connect(os.path.realpath(self.path), read_only=True)
        limit_memory(con, self.memory_limit, self.threads)
        self._opened = _Opened(stamp, con)
        return self._opened

    def _wake_switcher(self) -> None:
        if self._switcher is None:
            with self._switch:
                if self._switcher is None:
                    self._switcher = threading.Thread(target=self._switch_forever, name="eventwire-reopen",
                                                      daemon=True)
                    self._switcher.start()
        self._changed.set()

    def _switch_forever(self) -> None:
        while True:
            self._changed.wait()
            self._changed.clear()
            try:
                with self._switch:
                    self._open(self._stamp())
            except Exception:  # noqa: BLE001 - a half-copied or vanished file: the next request retries
                time.sleep(0.5)

    def version(self) -> Stamp | None:
        """The stamp of the file new cursors read (the previous file's while a switch is under way)."""
        return self._latest().stamp

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cursor = self._latest().con.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    def close(self) -> None:
        opened, self._opened = self._opened, None
        if opened is not None:
            opened.con.close()
