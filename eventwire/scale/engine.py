"""Parallel and distributed runs: partitions -> workers -> Parquet dataset -> database.

Three executors run the same task (:func:`eventwire.scale.worker.process_partition`): in this process
(filters without workers), a pool of local processes (``--workers N``), or a Dask cluster
(``--dask local:N`` or ``--dask tcp://HOST:PORT``; Dask is imported only then). A failed task is
retried ``retries`` times, then reported; a worker process that dies takes only its tasks with it.
As each partition finishes, its Parquet files and manifest entry are written; partitions are loaded
into the database strictly in input order, as soon as every earlier one is done.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError
from eventwire.scale.dataset import Dataset
from eventwire.scale.filters import Filters
from eventwire.scale.partitions import Partition, plan_partitions
from eventwire.scale.worker import (
    RUNTIME_THREAD_VARIABLES,
    PartitionOutput,
    WorkerOptions,
    process_partition,
    stages_for,
    start_local_worker,
    warm_up,
)
from eventwire.settings import get_settings
from eventwire.sources.remote import is_url
from eventwire.stages import DATA, Counts, EventGate, coder_version

__all__ = ["run_parallel", "ScaleSummary", "parse_dask", "start_pool"]

Completion = tuple[Partition, PartitionOutput | None, str | None]


@dataclass
class ScaleSummary(Counts):
    """The counts of a parallel run (:class:`~eventwire.stages.Counts`, as a single-process
    run's), plus its partitions; ``failures`` also lists the partitions that failed."""

    db: str | None = None
    out: str = ""
    executor: str = ""
    partitions: int = 0
    resumed: int = 0
    filtered: int = 0
    seconds: float = 0.0
    failed_partitions: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        where = f"{self.out}" + (f" and {self.db}" if self.db else "")
        return (f"{self.partitions} partitions ({self.resumed} already done, {len(self.failed_partitions)} failed) "
                f"on {self.executor}: {self.documents} documents in {self.seconds:.1f}s ({rate:.1f}/s), "
                f"{self.filtered} filtered out, {self.added} added, {self.skipped} already stored, "
                f"{self.failed} failed; {self.mentions} event mentions -> {where}")


def parse_dask(spec: str) -> tuple[str, int | str]:
    """('local', 4) from 'local:4'; ('tcp', 'tcp://host:8786') from an address."""
    if spec.startswith("local:") and spec[6:].isdigit() and int(spec[6:]) > 0:
        return "local", int(spec[6:])
    if spec.startswith(("tcp://", "tls://")) and ":" in spec[6:]:
        return "tcp", spec
    raise ConfigError(f"--dask {spec!r}: use local:N (N worker processes here) or tcp://SCHEDULER:8786")


# -- executors --------------------------------------------------------------------------------------


def _inline(parts: list[Partition], options: WorkerOptions, retries: int) -> Iterator[Completion]:
    for part in parts:
        error = ""
        for _ in range(retries + 1):
            try:
                yield part, process_partition(part, options), None
                break
            except ConfigError:
                raise
            except Exception as exc:  # noqa: BLE001 - reported with the partition
                error = f"{type(exc).__name__}: {exc}"
        else:
            yield part, None, error


def _warm(options: WorkerOptions) -> None:
    try:
        warm_up(options)
    except Exception:  # noqa: BLE001 - the first partition then reports the same problem properly
        return


@contextmanager
def _worker_environment() -> Iterator[None]:
    """The environment worker processes start with: one thread per numeric runtime (they read it when
    they load, before any initializer could run). The coordinator's own environment is restored."""
    saved = {name: os.environ.get(name) for name in RUNTIME_THREAD_VARIABLES}
    for name in RUNTIME_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def start_pool(options: WorkerOptions, workers: int, initializer: Callable[..., None] = start_local_worker,
               initargs: tuple[Any, ...] | None = None) -> ProcessPoolExecutor:
    """``workers`` processes, started now: each loads the models while the coordinator plans the
    partitions and opens the database, instead of after. ``initializer`` (called with ``initargs``,
    default ``(options,)``) must end by calling :func:`start_local_worker` (``watch``'s stage processes
    first lower their priority)."""

    # spawn, not fork: the parent may hold a DuckDB connection and threads that must not be copied
    context = multiprocessing.get_context("spawn")
    with _worker_environment():
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=initializer,
                                   initargs=(options,) if initargs is None else initargs)
        for _ in range(workers):  # a pool of spawned processes starts one process per waiting task
            pool.submit(os.getpid)
    return pool


def _processes(parts: list[Partition], options: WorkerOptions, retries: int, workers: int,
               pool: ProcessPoolExecutor | None = None) -> Iterator[Completion]:
    """Every task is queued at once; an idle worker takes the next partition in input order, so
    partitions of uneven cost even out (the pool's work queue is the work stealing)."""
    attempts = {p.index: 0 for p in parts}
    todo = list(parts)
    while todo:
        pool = pool or start_pool(options, workers)
        with pool:
            futures: dict[Future[PartitionOutput], Partition] = {}
            for part in todo:
                attempts[part.index] += 1
                futures[pool.submit(process_partition, part, options)] = part
            todo = []
            pending: set[Future[PartitionOutput]] = set(futures)
            broken = False
            try:
                while pending:
                    done, pending = wait(pending, return_when=FIRST_COMPLETED)
                    for future in sorted(done, key=lambda f: futures[f].index):
                        part = futures[future]
                        exc = future.exception()
                        if exc is None:
                            yield part, future.result(), None
                        elif isinstance(exc, ConfigError):
                            raise exc
                        elif attempts[part.index] <= retries:
                            broken = broken or isinstance(exc, BrokenProcessPool)
                            todo.append(part)
                        else:
                            yield part, None, f"{type(exc).__name__}: {exc}"
                    if broken:  # a dead worker breaks the pool: resubmit what is left in a fresh one
                        break
            except BaseException:  # stopping (error, Ctrl+C): drop queued tasks instead of running them
                pool.shutdown(wait=False, cancel_futures=True)
                raise
            for future in pending:
                part = futures[future]
                attempts[part.index] -= 1  # never ran to an outcome: not an attempt
                todo.append(part)
        pool = None
        todo.sort(key=lambda p: p.index)


def _dask(parts: list[Partition], options: WorkerOptions, retries: int, spec: str) -> Iterator[Completion]:
    try:
        # lazy (start-up): Dask's distributed only for --cluster runs
        from distributed import Client, LocalCluster, as_completed
    except ImportError as exc:
        raise ConfigError("--dask needs the optional Dask extra: pip install 'eventwire[dask]'") from exc
    kind, target = parse_dask(spec)
    cluster = None
    if kind == "local":
        cluster = LocalCluster(n_workers=int(target), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    else:
        try:
            client = Client(str(target), timeout="20s")
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {target} ({exc}); is it running?") from exc
    try:
        client.run(_warm, options)  # load the model on every worker before the first task
        futures = {client.submit(process_partition, part, options, retries=retries, pure=False,
                                 key=f"eventwire-{part.id}-{part.digest[:8]}-{time.time_ns()}"): part
                   for part in parts}
        for future in as_completed(list(futures)):
            part = futures[future]
            if future.status == "finished":
                yield part, future.result(), None
            else:
                problem = future.exception()
                if isinstance(problem, ConfigError):
                    raise problem
                yield part, None, f"{type(problem).__name__}: {problem}"
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# -- the run ----------------------------------------------------------------------------------------


def run_parallel(
    paths: Sequence[str],
    *,
    db: str | Path | None = None,
    out: str | Path | None = None,
    workers: int = 0,
    dask: str | None = None,
    filters: Filters | None = None,
    actor_files: Sequence[Path] = (),
    stages: str | None = None,
    batch_size: int | None = None,
    retries: int = 2,
    split_bytes: int = 16 << 20,
    group_bytes: int = 4 << 20,
    progress: bool = False,
    command: str = "run --workers",
    gate: EventGate | None = None,
) -> ScaleSummary:
    """Run ``paths`` in partitions on ``workers`` local processes (0: in this process) or ``dask``.

    Results go to the Parquet dataset ``out`` (a folder or an fsspec URL; default: ``<db>.parts``) and,
    unless only ``out`` was given, into the database ``db``. Finished partitions (manifest) are not run
    again. ``paths`` may be fsspec URLs (:mod:`eventwire.sources.remote`).
    """
    settings = get_settings()
    if db is None and out is None:
        db = settings.db
    if workers or dask:
        _refuse_in_process_inputs(paths)
    # the dataset: a local folder, or an fsspec URL (object storage) kept as written
    root = (str(out) if is_url(str(out)) else Path(out)) if out is not None else Path(f"{db}.parts")
    options = _options(stages, actor_files, filters, gate, batch_size, parallel=bool(workers or dask))
    executor = f"dask {dask}" if dask else (f"{workers} worker processes" if workers else "this process")
    summary = ScaleSummary(db=str(db) if db is not None else None, out=str(root), executor=executor)
    started = time.monotonic()
    version = stages_for(options).version if not (workers or dask) else _version_only(options)
    slots = workers or (parse_dask(dask)[1] if dask and dask.startswith("local:") else 8 if dask else 1)
    # many partitions per worker (16 asked; whole files make it ~8-16): the last ones to finish leave
    # the other workers idle for a small share of the run only (a free worker takes the next one)
    parts = plan_partitions(paths, split_bytes=split_bytes, group_bytes=group_bytes,
                            min_partitions=16 * int(slots) if workers or dask else 4)
    dataset = Dataset(root)
    todo = [p for p in parts if not dataset.finished(p, version)]
    summary.partitions, summary.resumed = len(parts), len(parts) - len(todo)
    # workers load their models while this process opens the database and its story index
    pool = start_pool(options, workers) if workers and todo and not dask else None
    try:
        if dask:
            completions = _dask(todo, options, retries, dask)
        elif workers:
            completions = _processes(todo, options, retries, workers, pool)
        else:
            completions = _inline(todo, options, retries)
        run = _Run(parts, todo, dataset, version, summary, progress, retries)
        if db is None:
            run.collect(completions, None)
            summary.documents = sum(int(dataset.entry(p).get("records", 0)) for p in parts)
        else:
            _collect_into(Path(db), run, completions, command, options)
    except BaseException:  # stopping before the pool's tasks took it over: do not run them
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        raise
    summary.seconds = time.monotonic() - started
    return summary


def _refuse_in_process_inputs(paths: Sequence[str]) -> None:
    """memory:// files live in this process: worker processes would find nothing there."""
    for name in paths:
        if str(name).lower().startswith("memory://"):
            raise ConfigError(f"{name}: memory:// files live in this process and worker processes cannot read "
                              "them; run without --workers/--dask, or use file:// or object storage URLs")


def _options(stages: str | None, actor_files: Sequence[Path], filters: Filters | None, gate: EventGate | None,
             batch_size: int | None, parallel: bool) -> WorkerOptions:
    settings = get_settings()
    options = WorkerOptions(stages=stages or settings.stages,
                            actor_files=tuple(str(p) for p in [*settings.actor_files(), *actor_files]),
                            filters=filters or Filters(), gate=gate or EventGate(),
                            batch_size=batch_size or settings.batch_size,
                            parse_batch_size=batch_size or (settings.worker_batch_size if parallel
                                                            else settings.batch_size))
    if min(options.batch_size, options.parse_batch_size) < 1:
        raise ConfigError("batch sizes must be at least 1 (EVENTWIRE_BATCH_SIZE, EVENTWIRE_WORKER_BATCH_SIZE)")
    return options


def _collect_into(db: Path, run: _Run, completions: Iterable[Completion], command: str,
                  options: WorkerOptions) -> None:
    """Completions into ``db`` through the ingest coordinator the single-process run uses."""
    from eventwire.scale.load import load_rows, read_analyses  # (DuckDB: imported while the workers start)
    from eventwire.store.ingest import ingesting
    from eventwire.store.writer import Failure

    summary = run.summary
    with ingesting(db, command, run.version, summary, read_analyses, actor_files=options.actor_files,
                   batch_size=options.batch_size, single_thread=True) as ingest:
        try:
            run.collect(completions, lambda part: load_rows(ingest, run.dataset.read_records(part)))
            ingest.flush()
        finally:
            ingest.record_failures([Failure(d, "partition", e) for d, e in summary.failed_partitions])
        if summary.failed_partitions:
            ingest.outcome = "partial"


class _Run:
    """Partitions finish in any order; each is written to the dataset as it finishes, and loaded
    strictly in input order, as soon as every earlier one is done (a failed one is passed over)."""

    def __init__(self, parts: list[Partition], todo: list[Partition], dataset: Dataset, version: str,
                 summary: ScaleSummary, progress: bool, retries: int) -> None:
        self.parts, self.dataset, self.version, self.summary = parts, dataset, version, summary
        self.progress, self.retries = progress, retries
        self.done: dict[int, bool] = {p.index: True for p in parts if p not in todo}
        self.next_load = 0

    def collect(self, completions: Iterable[Completion], load: Callable[[Partition], None] | None) -> None:
        for part, output, error in completions:
            if output is not None:
                self._finished(part, output)
            else:
                self._failed(part, error or "failed")
            while self.next_load < len(self.parts) and self.next_load in self.done:
                if load is not None and self.done[self.next_load]:
                    load(self.parts[self.next_load])
                self.next_load += 1
        for index in range(self.next_load, len(self.parts)):  # after a failed partition: the rest in order
            if load is not None and self.done.get(index):
                load(self.parts[index])

    def _finished(self, part: Partition, output: PartitionOutput) -> None:
        if output.coder_version != self.version:
            raise ConfigError(f"a worker runs coder {output.coder_version}, this process {self.version}: "
                              f"install the same eventwire version and data on every worker")
        entry = self.dataset.write(output)
        self.summary.filtered += output.filtered
        self.done[part.index] = True
        _report(self.progress, f"partition {part.index + 1}/{len(self.parts)} done: {part.describe()}, "
                f"{entry['records']} records, {entry['events']} events in {output.seconds:.1f}s ({output.worker})")

    def _failed(self, part: Partition, error: str) -> None:
        self.done[part.index] = False
        self.summary.failed_partitions.append((part.describe(), error))
        _report(self.progress, f"partition {part.index + 1}/{len(self.parts)} FAILED after {self.retries + 1} "
                f"attempts: {part.describe()}: {error}")


def _version_only(options: WorkerOptions) -> str:
    """The coder version without loading spaCy in the coordinator (it only hashes data files)."""
    if options.stages == "light":
        return coder_version("light", roots=[DATA / "pipeline" / "light_triggers.tsv"]) + options.gate.tag()
    if options.stages != "full":
        raise ConfigError(f"EVENTWIRE_STAGES={options.stages!r} is not a stage configuration; use 'full' or 'light'")
    return coder_version("full", [Path(p) for p in options.actor_files]) + options.gate.tag()


def _report(enabled: bool, message: str) -> None:
    if enabled:
        print(f"eventwire: {message}", file=sys.stderr, flush=True)
