"""The DuckDB queries the end of the process interrupts, so that no thread is inside DuckDB when Python finalizes.

A daemon thread still inside DuckDB when the interpreter finalizes is ended by unwinding through DuckDB's C++
frames, which aborts the process ("terminate called after throwing an instance of ''"). The API's background
threads (the switching thread opening and warming a new snapshot, :mod:`eventwire.api.snapshots`; the in-memory
index builds, :mod:`eventwire.read.memory_index`) run queries of any length: a warming of a big file, or any
query on a loaded machine, can outlast a fixed wait at exit. So the cursors those threads query through are
registered here while they are open (:func:`interruptible_cursor`), and the atexit handlers interrupt them
(:func:`interrupt_until`) until the threads have left DuckDB, instead of waiting for the queries to end.

Why a registry of cursors: in DuckDB's Python API a cursor is a connection of its own, and ``interrupt()`` on
the connection it came from does not reach a query running on the cursor (checked with DuckDB 2.0.1).
Why interrupt more than once: ``interrupt()`` stops the query running now only; a query started just after
it (the next warming question) runs on, so the interrupts are repeated until the threads are out. And once
the process is ending no registered cursor opens at all (:class:`ProcessEnding`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

import duckdb

__all__ = ["INTERRUPT_EVERY_SECONDS", "ProcessEnding", "interrupt_until", "interruptible", "interruptible_cursor",
           "process_ending"]

# how often the registered queries are interrupted again while the exit waits for the threads to leave DuckDB
INTERRUPT_EVERY_SECONDS = 0.05

_RUNNING: dict[int, duckdb.DuckDBPyConnection] = {}  # id of the registration -> the cursor it registered
# held while a cursor is registered, unregistered or interrupted: a cursor is closed only after it is
# unregistered, so no interrupt() reaches a closed (or closing) connection
_LOCK = threading.Lock()
_ending = threading.Event()


class ProcessEnding(RuntimeError):
    """Raised instead of opening an interruptible cursor once the process is ending."""


def process_ending() -> bool:
    """Whether :func:`interrupt_until` was called (the interpreter is ending)."""
    return _ending.is_set()


@contextmanager
def interruptible(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Within the block, ``con``'s queries are interrupted when the process ends (close it after the block)."""
    token = object()
    with _LOCK:
        if _ending.is_set():
            raise ProcessEnding("the process is ending: no query starts")
        _RUNNING[id(token)] = con
    try:
        yield con
    finally:
        with _LOCK:
            del _RUNNING[id(token)]


@contextmanager
def interruptible_cursor(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of ``con`` whose queries the end of the process interrupts; closed at the end of the block."""
    if _ending.is_set():  # before opening one: nothing to close
        raise ProcessEnding("the process is ending: no query starts")
    cursor = con.cursor()
    try:
        with interruptible(cursor):
            yield cursor
    finally:
        cursor.close()


def _interrupt_all() -> None:
    with _LOCK:
        for cursor in _RUNNING.values():
            with suppress(Exception):  # a cursor whose query just ended, or whose database went away
                cursor.interrupt()


def interrupt_until(done: Callable[[], bool], timeout: float) -> bool:
    """Mark the process ending, then interrupt every registered cursor's query (again every
    :data:`INTERRUPT_EVERY_SECONDS`) until ``done()`` (the threads have left DuckDB) or ``timeout`` seconds
    passed; whether ``done()`` came true. ``done`` is asked often: it must not block for long."""
    _ending.set()
    deadline = time.monotonic() + timeout
    while True:
        _interrupt_all()
        if done():
            return True
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(INTERRUPT_EVERY_SECONDS, left))
