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
- Children ignore SIGINT and SIGTERM (Ctrl+C and a service manager's stop reach the whole process
  group): the watching process alone decides when to stop, ends its transaction cleanly and then
  ends the children, which hold nothing that must be saved. A child whose parent died exits.

Results are the in-process results: the same functions on the same inputs, in input order
(tests/test_watch_pool.py compares the stored rows).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

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


# -- in the child -----------------------------------------------------------------------------------

def _start_child(options: WorkerOptions, nice: int) -> None:
    """Initializer of a child: lower priority, signals left to the parent, then the usual warm-up."""
    if nice > 0:
        os.nice(nice)  # the API's threads in the parent get the cores first (module docstring)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    parent = os.getppid()
    threading.Thread(target=_exit_with_parent, args=(parent,), name="eventwire-parent-check", daemon=True).start()
    start_local_worker(options)


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
                 log: Callable[[str], None] | None = None) -> None:
        if workers < 1:
            raise ValueError("a stage pool needs at least one worker process")
        self.options = options
        self.workers = workers
        self.nice = nice
        self.log = log or (lambda message: None)
        self.restarts = 0
        self._pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # the run's pool (spawned, started now: the models load while the first feeds are fetched)
        return start_pool(self.options, self.workers, initializer=_start_child, initargs=(self.options, self.nice))

    def extract(self, raws: Sequence[RawDocument]) -> list[Article | Failure]:
        return self._call(extract_documents, list(raws), lambda raw: Failure(raw.uri, "extract", _DIED))

    def analyse(self, articles: Sequence[Article]) -> list[Analysis | Failure]:
        return self._call(analyse_articles, list(articles), lambda art: Failure(art.uri, "analyse", _DIED))

    def _call(self, work: Callable[[WorkerOptions, list[Item]], list[Result]], items: list[Item],
              died: Callable[[Item], Result]) -> list[Result]:
        if not items:
            return []
        try:
            return list(self._map(work, items))
        except BrokenProcessPool as exc:
            self._restart(f"{exc}")
        found: list[Result] = []
        for item in items:  # one at a time: only a document that kills a child again is skipped
            try:
                found.extend(self._map(work, [item]))
            except BrokenProcessPool:
                self._restart("again, on one document; it is skipped")
                found.append(died(item))
        return found

    def _map(self, work: Callable[[WorkerOptions, list[Item]], list[Result]], items: list[Item]) -> list[Result]:
        """The items in contiguous chunks, one per worker, results in input order."""
        size = -(-len(items) // self.workers)
        futures: list[Future[list[Result]]] = [self._pool.submit(work, self.options, items[i:i + size])
                                               for i in range(0, len(items), size)]
        return [result for future in futures for result in future.result()]

    def _restart(self, why: str) -> None:
        self.restarts += 1
        self.log(f"a stage process died ({why}); starting a new one (restart {self.restarts})")
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
