"""Which ``events`` rows a committed batch rewrote, for readers in the same process that cache answers.

``eventwire watch --serve`` answers the API from the database its watcher writes
(:class:`eventwire.api.live_source.LiveSource`). Every cycle that stores something makes a new data
version, and an answer cache keyed by the version drops every answer, although most filters match
none of the dozen events a cycle adds. The writer knows exactly which events a batch touched: it
rewrites their aggregated rows (:meth:`eventwire.store.writer.Writer._refresh_events`). When someone
listens, it reads those rows as they were before the batch and as they are after it, and after the
commit hands both to the listeners (:func:`notify`); a batch that rewrote no event (articles without
events, feed state) hands over two tables without rows, so a listener knows the events did not change. A reader can then tell that an answer whose
filter matches none of those rows, before or after, is still exact (the events it is made of are the
same, with the same values).

Listeners are process-wide, as the DuckDB instance a writer and a live reader share is: a listener may
hear of batches written to another database of the process too, which can only make it drop an answer
it could have kept, never keep a stale one. With no listener the writer reads nothing more.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import pyarrow as pa

__all__ = ["Listener", "listen", "listening", "notify"]

# (rows before the batch, rows after it): columns of ``events``; an event new in the batch is only in
# ``after``, one the batch removed only in ``before``
Listener = Callable[[pa.Table, pa.Table], None]

_listeners: list[Listener] = []
_lock = threading.Lock()


def listen(listener: Listener) -> Callable[[], None]:
    """Call ``listener(before, after)`` after every batch the writer commits (tables without rows when
    it rewrote no event); returns the function that stops it."""
    with _lock:
        _listeners.append(listener)

    def stop() -> None:
        with _lock:
            if listener in _listeners:
                _listeners.remove(listener)

    return stop


def listening() -> bool:
    """Whether a writer should read the rows it rewrites (one look-up by id per batch, before and after)."""
    return bool(_listeners)


def notify(before: pa.Table, after: pa.Table) -> None:
    """Tell every listener what a batch that has just committed rewrote."""
    with _lock:
        listeners = list(_listeners)
    for listener in listeners:
        listener(before, after)
