"""Worker processes of `run --workers`: one runtime thread each, no torch, the worker batch size, early
start, and a coordinator that writes one transaction per batch (not per partition). Light stages."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.scale import engine as engine_module
from eventwire.scale import run_parallel
from eventwire.scale import worker as worker_module
from eventwire.scale.partitions import Partition
from eventwire.scale.worker import RUNTIME_THREAD_VARIABLES, WorkerOptions, process_partition
from eventwire.store.writer import Writer
from eventwire.synthetic import generate, write_jsonl


@pytest.fixture(scope="module")
def small_files(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """24 files of 3 articles: one partition each with group_bytes=1."""
    root = tmp_path_factory.mktemp("files")
    records = generate(72, seed=21, paragraphs=(1, 2))
    return [str(write_jsonl(records[i:i + 3], root / f"f{i // 3:02d}.jsonl")) for i in range(0, 72, 3)]


def what_a_worker_sees() -> dict[str, Any]:
    """Run in a worker process (top level, so a spawned process can import it)."""
    return {"env": {name: os.environ.get(name) for name in RUNTIME_THREAD_VARIABLES},
            "torch": sys.modules.get("torch", "absent"), "pid": os.getpid()}


def test_worker_processes_start_with_one_runtime_thread_and_without_torch(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in RUNTIME_THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")  # a user's own choice is kept
    pool = engine_module.start_pool(WorkerOptions(stages="light"), 1)
    with pool:
        seen = pool.submit(what_a_worker_sees).result(timeout=120)
    assert seen["pid"] != os.getpid()
    assert seen["env"] == {"OMP_NUM_THREADS": "3", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
                           "EVENTWIRE_ONNX_THREADS": "1"}
    assert seen["torch"] is None  # blocked: thinc's `import torch` fails fast instead of loading 180 MiB
    # ... and this process is left as it was
    assert os.environ["OMP_NUM_THREADS"] == "3" and "EVENTWIRE_ONNX_THREADS" not in os.environ


def test_the_onnx_thread_setting_reaches_the_classifier(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.events import classifier

    made: list[int] = []

    class Recorder:
        def __init__(self, directory: Path, *, threads: int = 0) -> None:
            made.append(threads)

    monkeypatch.setattr(classifier, "PloverClassifier", Recorder)
    monkeypatch.setattr(classifier.ModelFiles, "missing", lambda self: [])
    monkeypatch.setenv("EVENTWIRE_ONNX_THREADS", "1")
    classifier._load.cache_clear()
    try:
        classifier._load("/nowhere/model-a")
        monkeypatch.delenv("EVENTWIRE_ONNX_THREADS")
        classifier._load("/nowhere/model-b")
    finally:
        classifier._load.cache_clear()
    assert made == [1, 0]


def _recording_executor(seen: list[tuple[list[Partition], WorkerOptions]]) -> Any:
    """Stands in for the process pool: records what it is given, runs the partitions here."""

    def run_here(parts: list[Partition], options: WorkerOptions, retries: int, workers: int,
                 pool: Any = None) -> Iterator[Any]:
        seen.append((parts, options))
        for part in parts:
            yield part, process_partition(part, options), None

    return run_here


def test_workers_parse_in_worker_sized_batches_and_partitions_are_fine(
        small_files: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[list[Partition], WorkerOptions]] = []
    monkeypatch.setattr(engine_module, "_processes", _recording_executor(seen))
    monkeypatch.setattr(engine_module, "start_pool", lambda options, workers: None)
    monkeypatch.setenv("EVENTWIRE_WORKER_BATCH_SIZE", "3")
    run_parallel(small_files, db=tmp_path / "a.duckdb", workers=2, stages="light")
    parts, options = seen[-1]
    assert (options.parse_batch_size, options.batch_size) == (3, 64)
    assert len(parts) >= 12  # 24 small files on 2 workers: many partitions, so no long idle tail
    run_parallel(small_files, db=tmp_path / "b.duckdb", workers=2, stages="light", batch_size=5)
    assert (seen[-1][1].parse_batch_size, seen[-1][1].batch_size) == (5, 5)  # --batch-size sets both
    monkeypatch.setenv("EVENTWIRE_WORKER_BATCH_SIZE", "0")
    with pytest.raises(Exception, match="EVENTWIRE_WORKER_BATCH_SIZE"):
        run_parallel(small_files, db=tmp_path / "c.duckdb", workers=2, stages="light")


def test_a_partition_is_parsed_with_the_options_batch_size(small_files: list[str],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    stages = worker_module.stages_for(WorkerOptions(stages="light"))
    sizes: list[int | None] = []
    real_parse = stages.parse

    def parse(items: Any, batch_size: int | None = None) -> Any:
        sizes.append(batch_size)
        return real_parse(items, batch_size=batch_size)

    monkeypatch.setattr(stages, "parse", parse)
    part = engine_module.plan_partitions(small_files[:1])[0]
    output = process_partition(part, WorkerOptions(stages="light", parse_batch_size=2))
    assert sizes == [2] and output.records.num_rows == 3


def test_the_coordinator_writes_one_transaction_per_batch_not_per_partition(
        small_files: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.pipeline import run

    calls: list[int] = []
    real = Writer.write_batch

    def counting(self: Writer, run_id: str, results: Any, *args: Any, **kwargs: Any) -> int:
        calls.append(len(results))
        return real(self, run_id, results, *args, **kwargs)

    monkeypatch.setattr(Writer, "write_batch", counting)
    summary = run_parallel(small_files, db=tmp_path / "p.duckdb", stages="light", group_bytes=1, batch_size=20)
    assert summary.partitions == 24 and summary.added == sum(calls) > 40
    assert len(calls) <= 5, calls  # 24 partitions of 3 documents, 20 articles per transaction
    single = run(small_files, db=tmp_path / "s.duckdb", stages=worker_module.stages_for(WorkerOptions("light")))
    assert (summary.added, summary.skipped, summary.mentions) == (single.added, single.skipped, single.mentions)


def test_a_rerun_with_every_partition_done_starts_no_worker(small_files: list[str], tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    first = run_parallel(small_files[:4], db=tmp_path / "r.duckdb", stages="light", group_bytes=1)

    def no_pool(options: WorkerOptions, workers: int) -> Any:
        raise AssertionError("a worker pool was started for a run with nothing to do")

    monkeypatch.setattr(engine_module, "start_pool", no_pool)
    again = run_parallel(small_files[:4], db=tmp_path / "r.duckdb", stages="light", group_bytes=1, workers=2)
    assert again.resumed == again.partitions == first.partitions == 4 and again.added == 0


def test_a_small_warc_is_cut_in_finer_ranges_when_many_partitions_are_wanted(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from make_warc import make

    from eventwire.scale.partitions import MIN_SPLIT, plan_partitions, read_partition
    from eventwire.settings import get_settings
    from eventwire.sources import read_sources

    path = tmp_path / "crawl.warc.gz"
    make(path, 3 << 20, seed=3)
    size = path.stat().st_size
    assert len(plan_partitions([str(path)])) == 1  # below the 16 MB split: one partition by default
    parts = plan_partitions([str(path)], min_partitions=16)
    assert len(parts) == -(-size // MIN_SPLIT) >= 3 and all(p.warc for p in parts)
    skipped: list[str] = []
    uris = [d.uri for p in parts for d in read_partition(p, get_settings(), lambda u, r: skipped.append(u))]
    whole = [d.uri for d in read_sources([str(path)], on_skip=lambda u, r: None)]
    assert uris == whole and len(whole) > 50
