"""Answering what a new snapshot will be asked before it is published (issue 17, load).

After ``watch`` publishes a snapshot, the answers its changed events can touch are computed again
(the others are kept, :mod:`eventwire.store.snapshot_changes`); new events carry the day's date and
common actors, so that is a large share of the dashboard's date and actor filters: a burst of computed
pages, ~12 ms of CPU each at 100,000 events, all asked within the first second after the switch and
answered at once by every request thread (bench/load.py ``--rate 100``: p99 of the requests sent in
the 2 s after a snapshot 353 ms, where the rest of the run was ~30-60 ms).

``serve`` opens a new snapshot on a background thread and answers from the previous one meanwhile
(:class:`~eventwire.api.snapshots.SnapshotSource` with ``background``). Before that thread publishes
the new file, :class:`Rewarmer` asks the app, through the whole app as a client would, the requests
it answered most recently (:class:`RecentRequests`, noted by :mod:`eventwire.api.replay`), most recent
first and one at a time, against the new file only (:meth:`SnapshotSource.preview`). An answer the
changes cannot touch is carried over in microseconds; the others are computed there once and kept
under the new version, so the requests after the switch find them ready, and the burst runs on one
thread while the requests run on theirs. The answers are those of the new file, computed the way a
request computes them: nothing differs but when.

The new events become visible when the warming ends: at most :data:`REWARM_SECONDS` after the file
was opened, and as soon as an even newer snapshot is published (a ``watch`` cycle is 2 s or more).
What the warming did not reach is computed when asked, as before.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from eventwire.api.warm import ask

__all__ = ["RecentRequests", "Rewarmer", "REWARM_SECONDS", "RECENT_REQUESTS"]

# What one new snapshot of bench/load.py makes stale at 100,000 events (30-45 of 320 distinct requests,
# bench/snapshot_rewarm.py) is computed in about this long on a busy core; the new events wait this long
# at most, and no longer than the next snapshot (which is then warmed in turn). A watch cycle is 2 s or more.
REWARM_SECONDS = 2.0
# The distinct requests remembered: a few seconds of bench/load.py's 16 clients, the dashboards of a
# few dozen users; each is a path and a query string of at most 2 KB (replay.MAX_QUERY_BYTES).
RECENT_REQUESTS = 1024
# set while the Rewarmer asks: its own requests are not noted as users' (they would reorder the list)
_REWARMING: ContextVar[bool] = ContextVar("eventwire_rewarming", default=False)


class RecentRequests:
    """The last :data:`RECENT_REQUESTS` distinct ``GET`` targets answered with a kept answer (thread-safe)."""

    def __init__(self, size: int = RECENT_REQUESTS) -> None:
        self.size = size
        self._targets: OrderedDict[tuple[str, bytes], None] = OrderedDict()
        self._lock = threading.Lock()

    def note(self, path: str, query: bytes) -> None:
        """A request for ``path?query`` was answered (a few microseconds: once per request)."""
        if _REWARMING.get():
            return
        key = (path, query)
        with self._lock:
            self._targets[key] = None
            self._targets.move_to_end(key)
            while len(self._targets) > self.size:
                self._targets.popitem(last=False)

    def latest(self) -> list[str]:
        """The targets (``path?query``), the most recently asked first."""
        with self._lock:
            found = list(self._targets)
        return [f"{path}?{query.decode('latin-1')}" if query else path for path, query in reversed(found)]


class Rewarmer:
    """``before_publish`` of a :class:`~eventwire.api.snapshots.SnapshotSource`: asks ``app`` the recent
    requests (with ``token``, as its clients must) for at most ``seconds``. Called from one thread (the
    source's switching thread), which keeps one event loop for it."""

    def __init__(self, app: Any, recent: RecentRequests, token: str | None = None,
                 seconds: float = REWARM_SECONDS) -> None:
        self.app, self.recent, self.token, self.seconds = app, recent, token, seconds
        self.asked = 0  # requests asked by the last call (how far the warming got: tests, diagnostics)
        self._loop: asyncio.AbstractEventLoop | None = None

    def __call__(self, superseded: Callable[[], bool] = lambda: False) -> int:
        """Ask the recent requests, most recent first, until they are done, the time is up or the file being
        warmed is ``superseded()`` (a newer one was published: this one's events are due); how many."""
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
        token = _REWARMING.set(True)
        try:
            self.asked = self._loop.run_until_complete(self._ask_all(time.monotonic() + self.seconds, superseded))
        finally:
            _REWARMING.reset(token)
        return self.asked

    async def _ask_all(self, deadline: float, superseded: Callable[[], bool]) -> int:
        asked = 0
        for target in self.recent.latest():
            if time.monotonic() >= deadline or superseded():
                break
            try:
                await ask(self.app, target, self.token)
            except Exception:  # noqa: BLE001 - answering ahead only: the same request, asked later, reports it
                continue
            asked += 1
        return asked
