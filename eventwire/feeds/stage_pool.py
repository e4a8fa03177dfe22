"""The CPU-heavy stages of ``watch`` in child processes, so the watching process stays free to serve.

``eventwire watch --serve`` is one process that fetches feeds, writes the database and answers the
API from the same DuckDB instance. Extraction, spaCy, the actor resolver and the event coder are
pure Python and C extensions that hold the GIL for most of their time: run in that process, every
API request waits behind them (``bench/load.py --live``: p99 788 ms while ingesting). Here they run
in a pool of ``workers`` spawned processes, the same per-document path as ``run --workers``
(:func:`eventwire.stages.extract_document`, :func:`eventwire.stages.analyse`, the stages built once
per process by :func:`eventwire.scale.worker.stages_for` and warmed up at start). The watching
process keeps fetching, deciding what to store (:class:`eventwire.store.ingest.Ingest`, the one
DuckDB owner) and serving; it waits for the children with the GIL released.

- The children run at a lower CPU priority (``os.nice``, the ``watch_nice`` setting): on a machine
  with as many cores as busy processes, the scheduler then gives a core to the API's threads first,
  and the ingest takes what the requests leave (a cycle gets slower, answers do not).
- A child that dies (killed, out of memory, a crash in a C extension) breaks the pool: it is
  reported, a new pool is started, and the documents of the failed call are retried one at a time,
  so only a document that kills a child again is skipped, with that reason (a failed row, retried
  by ``watch`` on a later cycle like any other failure).
- A child that hangs (a pathological input in a regex or a C extension) is treated the same way:
  each call has a time budget (``document_seconds`` for one document, ``_FURTHER_DOCUMENT_SECONDS``
  for each further one of the busiest child, plus ``_START_SECONDS`` until a new pool has answered
  once: its children may still be loading models); past it the children are
  ended, a new pool is started and the documents are retried one at a time, each within its own
  budget, so only the document that hangs again is skipped. Without a budget one such page would
  stop ``watch`` for good.
- Children ignore SIGINT and SIGTERM (Ctrl+C and a service manager's stop reach the whole process
  group): the watching process alone decides when to stop, ends its transaction cleanly and then
  ends the children, which hold nothing that must be saved. A child whose parent died exits.

Results are the in-process results: the same functions on the same inputs, in input order
(tests/test_watch_pool.py compares the stored rows).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.queues import Queue
from queue import Empty
from typing import TypeVar

from eventwire.errors import ConfigError
from eventwire.records import Article, RawDocument
from eventwire.scale.engine import start_pool
from eventwire.scale.worker import WorkerOptions, stages_for, start_local_worker
from eventwire.stages import Analysis, StageFailure, analyse, extract_document
from eventwire.store.writer import Failure

__all__ = ["StagePool", "extract_documents", "analyse_articles"]

Item = TypeVar("Item")
Result = TypeVar("Result")

# How often a child checks that the watching process is still there (it exits when it is not).
_PARENT_CHECK_SECONDS = 2.0
# Added to the time budget of the calls to a pool that has not answered yet: its children may still be
# loading their models (spaCy, the dictionaries: a few seconds, longer on a loaded machine).
_START_SECONDS = 60.0
# Each further document of a call adds this to its budget: far above a real article's cost (about
# 0.1 s of CPU, a few seconds at the length cap on a loaded machine), so a batch that is merely slow
# is not cut, while a hung one is found in minutes, not hours (64 documents: 120 + 63 x 5 s). A batch
# cut by mistake loses nothing: its documents are retried one at a time, each with the full budget.
_FURTHER_DOCUMENT_SECONDS = 5.0


class _Hung(Exception):
    """A call that outlived its time budget."""


# -- in the child -----------------------------------------------------------------------------------

def _start_child(options: WorkerOptions, nice: int, loaded: Queue[int] | None = None) -> None:
    """Initializer of a child: lower priority, signals left to the parent, then the usual warm-up; its
    pid goes on ``loaded`` once its models are loaded (:meth:`StagePool.wait_loaded`)."""
    if nice > 0:
        os.nice(nice)  # the API's threads in the parent get the cores first (module docstring)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    parent = os.getppid()
    threading.Thread(target=_exit_with_parent, args=(parent,), name="eventwire-parent-check", daemon=True).start()
    start_local_worker(options)
    if loaded is not None:
        loaded.put(os.getpid())


def _exit_with_parent(parent: int) -> None:
    # a parent killed with SIGKILL cannot end its children; an orphan is re-parented, so this notices
    while os.getppid() == parent:
        time.sleep(_PARENT_CHECK_SECONDS)
    os._exit(0)


def extract_documents(options: WorkerOptions, raws: list[RawDocument]) -> list[Article | Failure]:
    """The article of each input, or its failure (the run's error policy: a ConfigError propagates)."""
    stages = stages_for(options)
    found: list[Article | Failure] = []
    for raw in raws:
        try:
            found.append(extract_document(stages.extract, raw))
        except StageFailure as failure:
            found.append(Failure(raw.uri, failure.stage, failure.reason))
    return found


def analyse_articles(options: WorkerOptions, articles: list[Article]) -> list[Analysis | Failure]:
    """Parse the articles and analyse each, as the in-process run does (``pipeline._analyser``)."""
    stages = stages_for(options)
    found: list[Analysis | Failure] = []
    for doc, article in stages.parse((article.text, article) for article in articles):
        try:
            found.append(analyse(stages, doc, article))
        except StageFailure as failure:
            found.append(Failure(article.uri, failure.stage, failure.reason))
    return found


# -- in the watching process ------------------------------------------------------------------------

class StagePool:
    """``workers`` child processes that extract and analyse for the watching process."""

    def __init__(self, options: WorkerOptions, workers: int = 1, *, nice: int = 10,
                 log: Callable[[str], None] | None = None, document_seconds: float = 120.0) -> None:
        if workers < 1:
            raise ValueError("a stage pool needs at least one worker process")
        if document_seconds <= 0:
            raise ConfigError(f"EVENTWIRE_WATCH_DOCUMENT_SECONDS={document_seconds:g}: a stage process needs some "
                              "time per document; unset it (default 120) or give a positive number of seconds")
        self.options = options
        self.workers = workers
        self.nice = nice
        self.document_seconds = document_seconds
        self.log = log or (lambda message: None)
        self.restarts = 0
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        self._answered = False  # until then, calls may wait for the children's models to load
        # each child says when its models are loaded (a spawn context's queue, as the children are spawned)
        self._loaded: Queue[int] = multiprocessing.get_context("spawn").Queue()
        # the run's pool (spawned, started now: the models load while the first feeds are fetched)
        return start_pool(self.options, self.workers, initializer=_start_child,
                          initargs=(self.options, self.nice, self._loaded))

    def wait_loaded(self, timeout: float = _START_SECONDS) -> bool:
        """Wait until every child has loaded its models (spaCy, the dictionaries: its warm-up ran), at
        most ``timeout`` seconds; whether they all did. ``watch --serve`` opens its port after this, so
        the API does not answer on cores the children's loading takes (a child that failed to load is
        not waited for beyond ``timeout``: its first call reports the problem)."""
        deadline = time.monotonic() + timeout
        for _ in range(self.workers):
            try:
                self._loaded.get(timeout=max(0.0, deadline - time.monotonic()))
            except Empty:
                return False
        return True

    def extract(self, raws: Sequence[RawDocument]) -> list[Article | Failure]:
        return self._call(extract_documents, list(raws), lambda raw, why: Failure(raw.uri, "extract", why))

    def analyse(self, articles: Sequence[Article]) -> list[Analysis | Failure]:
        return self._call(analyse_articles, list(articles), lambda art, why: Failure(art.uri, "analyse", why))

    def _call(self, work: Callable[[WorkerOptions, list[Item]], list[Result]], items: list[Item],
              skipped: Callable[[Item, str], Result]) -> list[Result]:
        if not items:
            return []
        try:
            return list(self._map(work, items))
        except (BrokenProcessPool, _Hung) as exc:
            self._restart(f"{exc}")
        found: list[Result] = []
        for item in items:  # one at a time: only a document that kills or hangs a child again is skipped
            try:
                found.extend(self._map(work, [item]))
            except BrokenProcessPool:
                self._restart("again, on one document; it is skipped")
                found.append(skipped(item, _DIED))
            except _Hung:
                self._restart("again, on one document; it is skipped")
                found.append(skipped(item, _HUNG.format(seconds=self.document_seconds)))
        return found

    def _map(self, work: Callable[[WorkerOptions, list[Item]], list[Result]], items: list[Item]) -> list[Result]:
        """The items in contiguous chunks, one per worker, results in input order, within the time budget."""
        size = -(-len(items) // self.workers)
        futures: list[Future[list[Result]]] = [self._pool.submit(work, self.options, items[i:i + size])
                                               for i in range(0, len(items), size)]
        budget = (self.document_seconds + _FURTHER_DOCUMENT_SECONDS * (size - 1)
                  + (0.0 if self._answered else _START_SECONDS))
        deadline = time.monotonic() + budget
        try:
            found = [result for future in futures
                     for result in future.result(timeout=max(0.0, deadline - time.monotonic()))]
        except FutureTimeout:
            raise _Hung(f"no answer within {budget:.0f} s for {len(items)} documents") from None
        self._answered = True
        return found

    def _restart(self, why: str) -> None:
        self.restarts += 1
        self.log(f"a stage process died or hung ({why}); starting a new one (restart {self.restarts})")
        self._stop(self._pool)
        self._pool = self._start()

    def close(self) -> None:
        """End the children (between cycles they are idle; on Ctrl+C their work in flight is dropped:
        nothing of it was committed, and the next cycle fetches those items again)."""
        self._stop(self._pool)

    @staticmethod
    def _stop(pool: ProcessPoolExecutor) -> None:
        processes = list((getattr(pool, "_processes", None) or {}).values())  # the executor has no public list
        pool.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + 2.0
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()  # busy on work nobody waits for any more
                process.join(5.0)


_DIED = "a stage process died on this document (a crash in the analysis, or killed for memory); skipped"
_HUNG = ("a stage process spent more than {seconds:g} s on this document and was ended; skipped "
         "(raise EVENTWIRE_WATCH_DOCUMENT_SECONDS if such documents are expected)")
