"""The database-file source of the API: a file, or a symlink ``eventwire watch`` re-points at snapshots.

``eventwire watch`` publishes a snapshot by re-pointing a symlink at a fresh copy; every request checks
the file behind ``path`` (one ``stat``, once per request: the API pins the request to the file it saw,
:meth:`SnapshotSource.pinned`). When it changed, a read-only connection to the new file is opened and
published:

- by default the first request to see the change opens it (a few milliseconds: nothing is loaded)
  and answers from it, while requests arriving meanwhile answer from the previous file;
- with ``background``, a thread opens it and every request answers from the previous file until the
  new one is open (no request ever waits for an open).

The previous connection is dropped, not closed: a cursor still answering from it keeps it alive
(DuckDB cursors hold their database), and it closes when the last of them is gone.

Answers kept across snapshots: ``watch`` writes beside each copy the events it changed since the copy
before (:mod:`eventwire.store.snapshot_changes`). When the new file's changes lead from the file open
now (directly, or through copies published meanwhile whose changes files are still there), they are
filed for the new version (:class:`~eventwire.api.deltas.VersionChanges`, numbered by the files
opened), and :meth:`SnapshotSource.untouched` tells the answer caches which answers no changed event
can touch, as for ``watch --serve`` (:meth:`SnapshotSource.changed_ids`: which page rows). A file without them (a gap in that chain, a database written by
another way, a plain file) is a version whose changes are unknown: every answer is computed again.

Answered before it is published: with ``background``, the thread that opened a new file calls
``before_publish`` (if set) before it publishes it, and within that call, in that thread's context only
(:meth:`SnapshotSource.preview`), this source reads the new file: its version, cursors and changes. The
app uses it to answer there the questions its users asked recently (:mod:`eventwire.api.rewarm`), while
every request still answers from the previous file.
"""

from __future__ import annotations

import atexit
import os
import threading
import time
import weakref
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path
from typing import NamedTuple

import duckdb
import pyarrow as pa

from eventwire.api.deltas import KEPT_VERSIONS, VersionChanges
from eventwire.api.source import MEMORY_LIMIT, THREADS, limit_memory, opened_at_first_call
from eventwire.read.filters import EventFilter
from eventwire.read.memory_index import EXIT_WAIT_SECONDS, BuildPace, IndexSlot, MemoryIndex
from eventwire.settings import get_settings
from eventwire.store.db import connect
from eventwire.store.interrupts import interrupt_until, interruptible_cursor
from eventwire.store.snapshot_changes import read_changes

__all__ = ["SnapshotSource", "Stamp"]

Stamp = tuple[int, int, int]  # (device, inode, mtime in ns) of the file behind the path


class _Opened(NamedTuple):
    stamp: Stamp | None
    con: duckdb.DuckDBPyConnection
    name: str  # the file's own name (a snapshot copy's), which the next copy's changes lead from
    number: int  # 1, 2, ... in the order the files were opened: the version of the filed changes
    slot: IndexSlot  # its in-memory filter and sort index, once built (eventwire/read/memory_index.py)


# (source, the new file its ``before_publish`` reads): set in the switching thread's context only
_PREVIEW: ContextVar[tuple[object, _Opened] | None] = ContextVar("eventwire_snapshot_preview", default=None)
# (source, the file the cursor of this context reads or would read): set inside ``reading()``, for ``memory_index()``
_READING: ContextVar[tuple[object, _Opened] | None] = ContextVar("eventwire_snapshot_reading", default=None)
# (source, the file this request reads): set by ``pinned()`` around a request
_PINNED: ContextVar[tuple[object, _Opened] | None] = ContextVar("eventwire_snapshot_pinned", default=None)


class SnapshotSource:
    """A :class:`eventwire.api.source.DatabaseSource` over a database file (or a symlink to one)."""

    def __init__(self, path: str | Path, *, background: bool = False, memory_limit: str = MEMORY_LIMIT,
                 threads: int = THREADS, index_mb: int | None = None) -> None:
        self.path = Path(path)
        # the budget of each file's in-memory index (EVENTWIRE_API_INDEX_MB); 0: every page by SQL
        self.index_bytes = (get_settings().api_index_mb if index_mb is None else index_mb) * 1024 * 1024
        self.background = background
        self.memory_limit = memory_limit
        self.threads = threads
        self._opened: _Opened | None = None
        self._switch = threading.Lock()
        self._changed = threading.Event()
        self._switcher: threading.Thread | None = None
        self._changes = VersionChanges()
        self._numbers: dict[Stamp | None, int] = {}  # the last KEPT_VERSIONS files' stamps -> numbers
        self._closed = False
        self._exiting = False  # the interpreter is ending: the switching thread stops warming (_finish_switches)
        # with ``background``: called with a new file open and not yet published (see the module docstring),
        # given a test of whether an even newer file is behind the path (then it should return soon)
        self.before_publish: Callable[[Callable[[], bool]], object] | None = None
        # told what became of each file's in-memory index ("ready: ...", "refused: ...": ``serve`` prints the
        # first, and any change of kind, not one line per snapshot)
        self.index_report: Callable[[str], object] | None = None
        self._index_kind = ""
        self._pace = BuildPace()  # the index builds take a quarter of a core at most, over time

    def _stamp(self) -> Stamp | None:
        """Which file is behind ``path`` now (``stat`` follows the symlink), or None when there is none."""
        try:
            info = os.stat(self.path)
        except OSError:
            return None
        return info.st_dev, info.st_ino, info.st_mtime_ns

    def _latest(self) -> _Opened:
        """The file to answer from now (opening a changed one unless another request is doing so)."""
        preview = self._previewed() or self._pinned()
        if preview is not None:  # before_publish, on the switching thread: the new file; or this request's file
            return preview
        stamp = self._stamp()
        opened = self._opened
        if opened is not None and (stamp is None or stamp == opened.stamp or self._switch.locked()):
            return opened  # unchanged, vanished for a moment (a re-pointed link), or being switched
        if opened is not None and self.background:
            self._wake_switcher()
            return opened
        with self._switch:
            return self._open(self._stamp())

    def _open(self, stamp: Stamp | None, *, warm: bool = False) -> _Opened:
        """Open the file ``stamp`` unless it is open already (the caller holds ``_switch``); ``warm``: call
        ``before_publish`` with it before publishing it (the switching thread: no request waits for it)."""
        latest = self._opened
        if latest is not None and (stamp is None or latest.stamp == stamp):
            return latest
        opened = self._prepare(stamp, latest)
        if warm and opened.slot.ready_now():
            # the switching thread: the index first, so that the warming and the first requests page from it
            opened.slot.build(lambda: self._reading(opened))
        else:  # a request's thread, or a build not due yet: SQL answers until the index is built
            opened.slot.start(lambda: self._reading(opened))
        # a file with its in-memory index ready is published at once: its pages cost ~1-2 ms of CPU, and warming
        # hundreds of them on this thread only took the GIL from the requests (bench/load.py closed loop p99
        # 103-107 -> 84-94 ms without it; --rate 100: p99 13.8 -> 11.8 ms, after a snapshot 16.7 -> 14.9 ms)
        if warm and latest is not None and self.before_publish is not None and opened.slot.index is None:
            # answering ahead only: what fails there is computed (and reported) when a request asks it
            with self.preview(opened), suppress(Exception):  # superseded by a newer file, or the process ending
                self.before_publish(lambda: self._exiting or self._stamp() not in (stamp, None))
            if self._closed:  # closed while it warmed: nothing may answer from it now
                opened.con.close()
                return opened
        self._opened = opened
        if latest is not None:
            latest.slot.close()  # its index goes when the requests still reading it are done
        return opened

    @contextmanager
    def preview(self, opened: _Opened) -> Iterator[None]:
        """Within this block, in this context only, read ``opened`` (a file not yet published)."""
        token = _PREVIEW.set((self, opened))
        try:
            yield
        finally:
            _PREVIEW.reset(token)

    def _previewed(self) -> _Opened | None:
        found = _PREVIEW.get()
        return found[1] if found is not None and found[0] is self else None

    @contextmanager
    def pinned(self) -> Iterator[Stamp | None]:
        """Within this block, in this context only, read the file published now (its version is yielded):
        ``version()``, ``cursor()`` and ``reading()`` ask no ``stat``. The API pins each request
        (:mod:`eventwire.api.replay`), which asked for the file behind the path three or four times (the
        replay's key, the route's, the answer cache's, the cursor's), each ``stat`` a release of the GIL and
        a wait to take it back among the other requests. Never older than the version the request saw: it
        is that version's file; a newer file is read by the next request."""
        if self._pinned() is not None or self._previewed() is not None:  # pinned already: the same file
            yield self._latest().stamp
            return
        opened = self._latest()
        token = _PINNED.set((self, opened))
        try:
            yield opened.stamp
        finally:
            _PINNED.reset(token)

    def _pinned(self) -> _Opened | None:
        found = _PINNED.get()
        return found[1] if found is not None and found[0] is self else None

    def _prepare(self, stamp: Stamp | None, latest: _Opened | None) -> _Opened:
        """The file ``stamp`` opened and its changes since ``latest`` filed, not yet published."""
        # the file itself, not the link: the link may be re-pointed while this connection is in use (if it
        # was re-pointed since the stat, the stamp is older than the file and the next request reopens)
        real = os.path.realpath(self.path)
        con = connect(real, read_only=True)
        limit_memory(con, self.memory_limit, self.threads)
        number = latest.number + 1 if latest is not None else 1
        for rows in _changes_between(Path(real), latest.name) if latest is not None else []:
            self._changes.heard(rows, rows.slice(0, 0))
        self._changes.seal(number)  # nothing heard: unknown (filed before the file is answered from)
        self._numbers = {s: n for s, n in self._numbers.items() if n > number - KEPT_VERSIONS}
        self._numbers[stamp] = number
        # what was asked of the previous file's index is prepared in this one's (its orders, its conditions)
        slot = IndexSlot(self.index_bytes, self._index_built, self._pace, like=latest.slot.index if latest else None)
        return _Opened(stamp, con, os.path.basename(real), number, slot)

    def _index_built(self, state: str) -> None:
        kind = state.split(":")[0]
        if self.index_report is not None and kind != self._index_kind:
            self._index_kind = kind
            self.index_report(state)

    def _wake_switcher(self) -> None:
        if self._switcher is None:
            with self._switch:
                if self._switcher is None:
                    self._switcher = threading.Thread(target=self._switch_forever, name="eventwire-reopen",
                                                      daemon=True)
                    self._switcher.start()
                    _SWITCHING.add(self)
        self._changed.set()

    def _switch_forever(self) -> None:
        while True:
            self._changed.wait()
            self._changed.clear()
            try:
                with self._switch:
                    self._open(self._stamp(), warm=True)
            except Exception:  # noqa: BLE001 - a half-copied or vanished file: the next request retries
                time.sleep(0.5)

    def version(self) -> Stamp | None:
        """The stamp of the file new cursors read (the previous file's while a switch is under way)."""
        return self._latest().stamp

    def untouched(self, flt: EventFilter, since: Hashable) -> bool:
        """Whether the events matching ``flt`` are the same now as in the file of version ``since`` (no
        event changed by the copies since then matches it); False when that cannot be told."""
        now = self._previewed() or self._opened
        number = self._numbers.get(since) if isinstance(since, tuple) else None
        return now is not None and number is not None and self._changes.untouched(flt, number, now.number)

    def changed_ids(self, since: Hashable, now: Hashable) -> frozenset[str] | None:
        """The ids of the events that differ between the files of versions ``since`` and ``now`` (``since``
        the older), or None when that cannot be told (:mod:`eventwire.api.rows` keeps the others' rows)."""
        if not isinstance(since, tuple) or not isinstance(now, tuple):
            return None
        first, last = self._numbers.get(since), self._numbers.get(now)
        return None if first is None or last is None else self._changes.changed_ids(first, last)

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self.reading() as cursor:
            yield cursor()

    @contextmanager
    def reading(self) -> Iterator[Callable[[], duckdb.DuckDBPyConnection]]:
        """The file ``cursor()`` would read, its cursor opened at the first call of what is yielded (then the
        same one), none if not called: a page the in-memory index and the kept rows answer whole opens none
        (:mod:`eventwire.api.routes`). ``memory_index()`` is that file's index within the block."""
        opened = self._latest()
        before = _READING.get()
        _READING.set((self, opened))
        try:
            # interruptible: the warming reads through here on the switching thread (interrupted at exit)
            with opened_at_first_call(lambda: interruptible_cursor(opened.con)) as cursor:
                yield cursor
        finally:
            # set back, not reset: a streamed download resumes this generator in other contexts
            _READING.set(before)

    @contextmanager
    def _reading(self, opened: _Opened) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of ``opened`` (published or not): what its index is built from (interrupted at exit)."""
        with interruptible_cursor(opened.con) as cursor:
            yield cursor

    def memory_index(self) -> MemoryIndex | None:
        """Inside ``cursor()`` or ``reading()``: the in-memory index of the very file that cursor reads, when
        it is built (:mod:`eventwire.read.memory_index`); None elsewhere, and while it is built or when it was
        refused."""
        reading = _READING.get()
        return reading[1].slot.index if reading is not None and reading[0] is self else None

    def wait_index(self, timeout: float | None = None) -> MemoryIndex | None:
        """The index of the file open now once its build ended (tests, benches), or None."""
        opened = self._latest()
        return opened.slot.wait(timeout)

    def close(self) -> None:
        self._closed = True
        opened, self._opened = self._opened, None
        if opened is not None:
            opened.slot.close()
            # a build under way reads the connection through a cursor of it: DuckDB refuses to close a connection
            # while one of its cursors runs a query ("connection is busy"; seen once in tests/test_api_source.py)
            opened.slot.wait(EXIT_WAIT_SECONDS)
            opened.con.close()
        self._changes.close()


_SWITCHING: weakref.WeakSet[SnapshotSource] = weakref.WeakSet()  # the sources with a switching thread


@atexit.register
def _finish_switches() -> None:
    """Let the switching threads leave DuckDB before the interpreter ends: a daemon thread inside it when
    Python finalizes is ended by unwinding through DuckDB's C++ frames, which aborts the process
    ("terminate called after throwing an instance of ''", as the index builds did: memory_index). The
    warming is told to stop and the query it runs is interrupted (its cursors are interruptible:
    eventwire/store/interrupts.py), however long it would have run; the lock that a switch holds is then
    taken and kept, so no switch begins. EXIT_WAIT_SECONDS bounds only a thread that is not in a query
    (opening a file). Registered after memory_index's handler, so run before it (the builds end next)."""
    pending = list(_SWITCHING)
    for source in pending:
        source._exiting = True

    def switches_stopped() -> bool:
        # a lock taken is kept: no switch begins after this
        pending[:] = [source for source in pending if not source._switch.acquire(timeout=0.01)]
        return not pending

    interrupt_until(switches_stopped, EXIT_WAIT_SECONDS)


def _changes_between(newest: Path, opened: str) -> list[pa.Table]:
    """The changes written beside ``newest`` and the copies before it, back to the copy named ``opened``:
    every event that differs between the two; none when a link of that chain is missing (then what
    changed is unknown)."""
    found: list[pa.Table] = []
    name = newest.name
    for _ in range(KEPT_VERSIONS):
        step = read_changes(newest.with_name(name))
        if step is None:
            return []
        found.append(step[1])
        if step[0] == opened:
            return found
        name = step[0]
    return []
