"""What one worker does with one partition: read, filter, extract, parse, and run the stage functions.

The stages are the very ones a single-process run uses (:func:`eventwire.stages.get_stages`), with
its error policy (:func:`eventwire.stages.extract_document`, :func:`eventwire.stages.analyse`: a
``ConfigError`` stops the run, a bad document is a failed row with its reason), built once per
worker process and cached, so the spaCy model loads once per process, not once per task.
Story assignment and the database writes are not done here: they depend on every earlier article,
so the coordinator replays the results in input order (:mod:`eventwire.scale.load`).
"""

from __future__ import annotations

import atexit
import ctypes
import json
import os
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from eventwire.dates import year_month
from eventwire.errors import EventwireError
from eventwire.records import Article, RawDocument
from eventwire.scale.dataset import event_table
from eventwire.scale.filters import Filters
from eventwire.scale.partitions import Partition, read_partition
from eventwire.settings import get_settings
from eventwire.stages import EventGate, StageFailure, Stages, analyse, extract_document, get_stages

__all__ = ["WorkerOptions", "PartitionOutput", "process_partition", "RECORD_SCHEMA", "warm_up",
           "start_local_worker", "single_thread_runtimes", "RUNTIME_THREAD_VARIABLES"]

_STAGES: dict[tuple[str, tuple[str, ...], EventGate], Stages] = {}
_LIBC: Any = None  # glibc, once bound_malloc has tuned it in a worker process

RECORD_SCHEMA = pa.schema([
    ("partition", pa.string()), ("seq", pa.int32()), ("digest", pa.string()), ("uri", pa.string()),
    ("status", pa.string()), ("stage", pa.string()), ("reason", pa.string()),
    ("article_id", pa.string()), ("url", pa.string()), ("title", pa.string()), ("published", pa.string()),
    ("language", pa.string()), ("year", pa.int32()), ("month", pa.int32()), ("num_events", pa.int32()),
    ("article", pa.string()), ("actors", pa.string()), ("events", pa.string()), ("quotes", pa.string()),
    ("places", pa.string()),
])


@dataclass(frozen=True)
class WorkerOptions:
    """Everything a worker needs, picklable (Dask workers on other machines get no environment)."""

    stages: str = "full"
    actor_files: tuple[str, ...] = ()
    filters: Filters = field(default_factory=Filters)
    gate: EventGate = field(default_factory=EventGate)  # run --min-confidence/--coded-only
    batch_size: int = 64  # articles per database transaction (the coordinator's loader)
    parse_batch_size: int = 16  # documents per NLP batch in the worker (its peak memory)


@dataclass
class PartitionOutput:
    partition: Partition
    records: pa.Table
    coder_version: str
    documents: int = 0
    filtered: int = 0
    seconds: float = 0.0
    worker: str = ""
    events: pa.Table | None = None  # one row per event mention (eventwire.scale.dataset.EVENT_SCHEMA)
    cpu_seconds: float = 0.0  # CPU time of the worker process on this partition (all its threads)


def stages_for(options: WorkerOptions) -> Stages:
    key = (options.stages, options.actor_files, options.gate)
    if key not in _STAGES:
        _STAGES[key] = get_stages(options.stages, [Path(p) for p in options.actor_files], options.gate)
    return _STAGES[key]


_WARM_TEXT = "GENEVA (Reuters) - France urged Germany on Monday to resume talks, officials said."


def bound_malloc() -> None:
    """Pin glibc's mmap threshold at 64 KiB in a worker process.

    By default glibc raises the threshold after freeing a large block; a WARC stream frees thousands
    of 20-200 KB payloads (images, PDFs), after which spaCy's batch arrays land in a fragmented heap
    that is not returned: measured in one process on the 1 GB bench file's last range, RSS after the
    first parse batch was 894 MiB with the default and 605 MiB with this.
    """
    global _LIBC
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(-3, 64 * 1024)  # M_MMAP_THRESHOLD; also turns off the dynamic adjustment
        _LIBC = libc
    except (OSError, AttributeError):
        return  # not glibc (musl, ...): nothing to tune


def release_memory() -> None:
    """Between partitions: hand the heap's free pages back to the system (glibc ``malloc_trim``), so
    what one partition's stream left behind does not add to the next partition's peak. (No
    ``gc.collect()``: with spaCy loaded it takes over a second, and reference counting frees the rest.)"""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


# Thread pools of the numeric runtimes; read when each library loads, so they must be in a worker's
# environment before it starts (a spawned process imports numpy while it unpickles its first task).
RUNTIME_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "EVENTWIRE_ONNX_THREADS")


def single_thread_runtimes() -> None:
    """One intra-op thread per runtime in this worker process, unless the user set a number.

    A worker is one process per core: onnxruntime's default pool (one spinning thread per core) in
    each of N workers would put N x cores threads on N cores. The settings are read when the
    classifier loads, so this must run before the stages are built (it does: :func:`warm_up`).
    """
    for name in RUNTIME_THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


# spaCy's CNN pipelines never use torch, but thinc imports it when it is installed (the `train` extra):
# ~180 MiB of RSS and ~1.5 CPU-s of start-up in every worker process, for nothing
_NO_TORCH_PIPELINES = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg")


def _skip_torch() -> None:
    if "torch" not in sys.modules and get_settings().spacy_model.startswith(_NO_TORCH_PIPELINES):
        sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` now raises ImportError


def _exit_now() -> None:
    """Leave without tearing the interpreter down: freeing spaCy's, the gazetteer's and the
    dictionaries' millions of objects one by one took 2-4 s per worker, inside the run's wall time.
    Registered last, so it runs first among the exit handlers, after multiprocessing has already
    flushed the result queue (its process bootstrap does that before returning)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def start_local_worker(options: WorkerOptions) -> None:
    """The initializer of a ``--workers`` process (a process of ours, that runs nothing else): no
    torch, quick exit, then :func:`warm_up`. An error here is left for the first partition to report."""
    _skip_torch()
    atexit.register(_exit_now)
    try:
        warm_up(options)
    except Exception:  # noqa: BLE001 - the first partition then reports the same problem properly
        return


def warm_up(options: WorkerOptions) -> None:
    """Build the stages and run them once on a sentence, so models, gazetteers and dictionaries load
    when the worker starts rather than inside its first partition (results are discarded)."""
    single_thread_runtimes()
    bound_malloc()
    stages = stages_for(options)
    page = f"<html><head><title>Talks</title></head><body><article><p>{_WARM_TEXT}</p></article></body></html>"
    raw = RawDocument(uri="warm-up", kind="html", content=page.encode(), url="https://warm-up.example/talks",
                      published="2024-01-01")
    try:  # the extractor and its language model load here too, not in the first partition
        article = stages.extract(raw)
    except EventwireError:
        article = Article(id="warm-up", uri="warm-up", text=_WARM_TEXT, published="2024-01-01")
    for doc, art in stages.parse([(article.text, article)], batch_size=options.parse_batch_size):
        actors = stages.actors(doc, art)
        events = stages.events(doc, art, actors)
        stages.quotes(doc, art, actors)
        stages.locate(events, stages.places(doc, art), art)


def _dumps(items: list[Any]) -> str:
    return json.dumps([i.to_dict() for i in items], ensure_ascii=False)


class _Rows:
    """Record rows in input order; finished rows are packed into Arrow batches as the partition goes,
    so a partition of thousands of pages does not sit in memory as Python dicts."""

    PACK = 256

    def __init__(self, part_id: str) -> None:
        self.part_id = part_id
        self.rows: list[dict[str, Any] | None] = []
        self.packed: list[pa.RecordBatch] = []
        self.done = 0  # rows before this index are packed

    def pack(self, finished: int) -> None:
        """Rows before index ``finished`` will not change any more."""
        if finished - self.done >= self.PACK:
            self.packed.append(pa.RecordBatch.from_pylist(self.rows[self.done:finished], schema=RECORD_SCHEMA))
            self.rows[self.done:finished] = [None] * (finished - self.done)
            self.done = finished

    def table(self) -> pa.Table:
        rest = pa.RecordBatch.from_pylist(self.rows[self.done:], schema=RECORD_SCHEMA)
        return pa.Table.from_batches([*self.packed, rest], schema=RECORD_SCHEMA)

    def failed(self, uri: str, stage: str, reason: str, digest: str | None = None) -> None:
        self.rows.append({"partition": self.part_id, "seq": len(self.rows), "digest": digest, "uri": uri,
                          "status": "failed", "stage": stage, "reason": reason, "year": 0, "month": 0,
                          "num_events": 0})

    def extracted(self, digest: str, uri: str, article: Article) -> dict[str, Any]:
        year, month = year_month(article.published)
        row = {"partition": self.part_id, "seq": len(self.rows), "digest": digest, "uri": uri,
               "status": "ok", "article_id": article.id, "url": article.url, "title": article.title,
               "published": article.published, "language": article.language, "year": year, "month": month,
               "num_events": 0, "article": json.dumps(article.to_dict(), ensure_ascii=False)}
        self.rows.append(row)
        return row


def _extracted(part: Partition, options: WorkerOptions, stages: Stages, rows: _Rows,
               counts: dict[str, int]) -> Iterator[tuple[str, tuple[dict[str, Any], Article]]]:
    # lazy (start-up): the pipeline brings DuckDB, which a worker needs only for this digest
    from eventwire.pipeline import input_digest

    settings = get_settings()
    filters = options.filters

    def on_skip(uri: str, reason: str) -> None:
        counts["documents"] += 1
        rows.failed(uri, "read", reason)

    raw: RawDocument
    for raw in read_partition(part, settings, on_skip):
        counts["documents"] += 1
        if not filters.keeps_capture(raw):
            counts["filtered"] += 1
            continue
        digest = input_digest(raw)
        try:  # the run's error policy: a ConfigError stops the run, a bad capture is a failed row
            article = extract_document(stages.extract, raw)
        except StageFailure as failure:
            rows.failed(raw.uri, failure.stage, failure.reason, digest)
            continue
        if not filters.keeps_article(article, raw):
            counts["filtered"] += 1
            continue
        row = rows.extracted(digest, raw.uri, article)
        yield article.text, (row, article)


def process_partition(part: Partition, options: WorkerOptions) -> PartitionOutput:
    """Run one partition through the stages; one row per input document, in input order."""
    started, cpu_started = time.monotonic(), time.process_time()
    release_memory()
    stages = stages_for(options)
    rows = _Rows(part.id)
    counts = {"documents": 0, "filtered": 0}
    items = _extracted(part, options, stages, rows, counts)
    for doc, (row, art) in stages.parse(items, batch_size=options.parse_batch_size):
        try:
            found = analyse(stages, doc, art)
        except StageFailure as failure:  # one bad document must not stop the partition
            row.update(status="failed", stage=failure.stage, reason=failure.reason)
        else:
            row.update(actors=_dumps(found.actors), events=_dumps(found.events), quotes=_dumps(found.quotes),
                       places=_dumps(found.places), num_events=len(found.events))
        rows.pack(row["seq"] + 1)  # parse yields in input order: every earlier row is final
    table = rows.table()
    events = event_table(table)  # here, not in the coordinator: workers are the parallel part
    return PartitionOutput(part, table, stages.version, counts["documents"], counts["filtered"],
                           time.monotonic() - started, f"pid {os.getpid()}", events,
                           time.process_time() - cpu_started)
