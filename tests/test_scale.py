"""eventwire.scale: parallel runs store exactly what a single-process run stores; WARC ranges, filters,
the Parquet dataset, resuming and retries. Local-process runs use the light stages (the storage path
is the same); the Dask test uses the full stages, in tests/test_scale_dask.py."""

from __future__ import annotations

import gzip
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.pipeline import input_digest, run
from eventwire.scale import Filters, plan_partitions, run_parallel
from eventwire.scale import engine as engine_module
from eventwire.scale.partitions import read_partition
from eventwire.scale.worker import process_partition
from eventwire.settings import get_settings
from eventwire.sources import read_sources
from eventwire.stages import light_stages
from eventwire.synthetic import generate, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))  # bench/make_warc.py generates the test WARC
SAMPLES = ROOT / "eventwire" / "samples"
# every stored row of every result table, minus the run id: one definition for this test and the
# identical-events check of bench/scale.py
from scale import table_rows as dump  # noqa: E402 - bench/ is on the path above


@pytest.fixture(scope="module")
def warc(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from make_warc import make
    path = tmp_path_factory.mktemp("warc") / "crawl.warc.gz"
    make(path, 400_000, seed=5)
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, warc: Path) -> list[str]:
    root = tmp_path_factory.mktemp("corpus")
    records = generate(90, seed=11, paragraphs=(2, 4))
    for i in range(3):
        write_jsonl(records[i * 30:(i + 1) * 30], root / f"part{i}.jsonl")
    write_jsonl(records[:5], root / "repeats.jsonl")  # inputs seen again, in a later partition
    (root / "empty.txt").write_text("")  # a read failure, recorded like a single run records it
    shutil.copy(warc, root / "crawl.warc.gz")
    return [str(root / f"part{i}.jsonl") for i in range(3)] + [str(root / "repeats.jsonl"), str(root / "empty.txt"),
                                                                str(root / "crawl.warc.gz"), str(SAMPLES / "html")]


def test_warc_ranges_read_exactly_what_a_whole_file_read_gives(warc: Path, tmp_path: Path) -> None:
    plain = tmp_path / "crawl.warc"
    plain.write_bytes(gzip.decompress(warc.read_bytes()))
    for path in (warc, plain):
        whole = [(r.uri, input_digest(r)) for r in read_sources([str(path)])]
        parts = plan_partitions([str(path)], split_bytes=37_000)
        assert len(parts) > 5 and all(p.warc for p in parts)
        ranged = [(r.uri, input_digest(r)) for p in parts for r in read_partition(p, get_settings(), print)]
        assert ranged == whole and len(whole) > 40


def test_a_big_jsonl_cut_into_line_ranges_stores_what_an_uncut_run_stores(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    write_jsonl(generate(60, seed=21, paragraphs=(2, 3)), path)
    lines = path.read_bytes().splitlines(keepends=True)
    # a blank line, a bad line and a repeated record mid-file: line numbers and skips must carry over
    lines[20:20] = [b"\n", b"not json\n", lines[3]]
    path.write_bytes(b"".join(lines) + b'{"url": "https://x.example/last", "text": "No newline at the end."}')
    whole_skips: list[tuple[str, str]] = []
    whole = [(r.uri, input_digest(r)) for r in read_sources([str(path)], on_skip=lambda *a: whole_skips.append(a))]
    parts = plan_partitions([str(path)], split_bytes=path.stat().st_size // 7)
    assert len(parts) >= 7 and all(p.lines for p in parts) and parts[-1].lines[2] == path.stat().st_size
    cut_skips: list[tuple[str, str]] = []
    ranged = [(r.uri, input_digest(r)) for p in parts
              for r in read_partition(p, get_settings(), lambda *a: cut_skips.append(a))]
    assert ranged == whole and len(whole) == 62
    assert cut_skips == whole_skips and [uri for uri, _ in cut_skips] == [f"{path}#22"]
    single = run([str(path)], db=tmp_path / "one.duckdb", stages=light_stages())
    cut = run_parallel([str(path)], db=tmp_path / "cut.duckdb", stages="light", split_bytes=path.stat().st_size // 7)
    assert cut.partitions == len(parts) and single.skipped == 1 and single.failed == 1
    assert (cut.added, cut.skipped, cut.failed, cut.mentions) == (single.added, single.skipped, single.failed,
                                                                  single.mentions)
    assert dump(tmp_path / "one.duckdb") == dump(tmp_path / "cut.duckdb")
    again = run_parallel([str(path)], db=tmp_path / "cut.duckdb", stages="light", split_bytes=path.stat().st_size // 7)
    assert again.resumed == len(parts) and again.added == 0  # every range is in the manifest: nothing reruns


def test_jsonl_that_cannot_be_entered_midway_stays_whole(tmp_path: Path) -> None:
    records = generate(30, seed=3, paragraphs=(2, 3))
    bad_start = tmp_path / "bad-start.jsonl"  # a reader entering later could not know the file was given up
    write_jsonl(records, bad_start)
    bad_start.write_bytes(b"[1]\n" + bad_start.read_bytes())
    packed = tmp_path / "packed.jsonl.gz"
    packed.write_bytes(gzip.compress(bad_start.read_bytes()[4:]))
    for path in (bad_start, packed):
        parts = plan_partitions([str(path)], split_bytes=1000)
        assert [p.files for p in parts] == [(str(path),)]


def die_once_then_process(part: Any, options: Any) -> Any:
    """Runs in a worker process: the first task to get here kills its process, as an OOM kill would."""
    marker = Path(os.environ["EW_TEST_DIE_ONCE"])
    if part.index == 3 and not marker.exists():
        marker.write_text("died")
        os._exit(9)
    return process_partition(part, options)


def test_two_worker_processes_store_exactly_what_one_process_stores(
        corpus: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    single = run(corpus, db=tmp_path / "one.duckdb", stages=light_stages())
    monkeypatch.setenv("EW_TEST_DIE_ONCE", str(tmp_path / "died"))
    monkeypatch.setattr(engine_module, "process_partition", die_once_then_process)
    parallel = run_parallel(corpus, db=tmp_path / "two.duckdb", workers=2, stages="light", split_bytes=100_000,
                            group_bytes=20_000)
    assert (tmp_path / "died").exists()  # a worker process died mid-run; its tasks ran again elsewhere
    assert parallel.partitions > 6 and not parallel.failed_partitions
    assert (parallel.added, parallel.skipped, parallel.failed, parallel.mentions) == \
        (single.added, single.skipped, single.failed, single.mentions)
    assert single.skipped >= 5 and single.failed >= 1
    assert dump(tmp_path / "one.duckdb") == dump(tmp_path / "two.duckdb")


def test_parquet_dataset_resume_and_changed_partition(corpus: list[str], tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in corpus[:3]:
        shutil.copy(path, inputs)
    out = tmp_path / "parts"
    first = run_parallel([str(inputs)], out=out, stages="light", group_bytes=1)
    assert first.db is None and not list(tmp_path.glob("*.duckdb"))  # --out alone leaves databases alone
    assert first.partitions == 3 and first.documents == 90
    con = duckdb.connect()
    events = con.execute(f"SELECT count(*), count(DISTINCT year) FROM read_parquet('{out}/events/*/*/*.parquet', "
                         "hive_partitioning = true)").fetchone()
    records = con.execute(f"SELECT sum(num_events) FROM read_parquet('{out}/records/*/*/*.parquet')").fetchone()
    assert events[0] > 0 and events[0] == records[0] and events[1] >= 1
    assert all(p.parts[-3].startswith("year=") for p in out.glob("records/*/*/*.parquet"))
    again = run_parallel([str(inputs)], out=out, stages="light", group_bytes=1)
    assert again.resumed == 3
    write_jsonl(generate(4, seed=99), inputs / "part1.jsonl")  # one input changes: only it runs again
    changed = run_parallel([str(inputs)], out=out, stages="light", group_bytes=1)
    assert changed.resumed == 2 and changed.documents == 64


def test_a_failing_partition_is_retried_then_reported(corpus: list[str], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real = engine_module.process_partition
    calls: dict[int, int] = {}

    def flaky(part: Any, options: Any) -> Any:
        calls[part.index] = calls.get(part.index, 0) + 1
        if part.index == 1 and calls[1] == 1 or part.index == 2:
            raise RuntimeError("worker lost")
        return real(part, options)

    monkeypatch.setattr(engine_module, "process_partition", flaky)
    summary = run_parallel(corpus[:3], db=tmp_path / "r.duckdb", stages="light", group_bytes=1, retries=2)
    assert calls == {0: 1, 1: 2, 2: 3}
    assert [e for _, e in summary.failed_partitions] == ["RuntimeError: worker lost"]
    assert summary.added == 60  # the other partitions were stored
    monkeypatch.setattr(engine_module, "process_partition", real)
    rerun = run_parallel(corpus[:3], db=tmp_path / "r.duckdb", stages="light", group_bytes=1)
    assert rerun.resumed == 2 and rerun.added == 30 and not rerun.failed_partitions


def test_filters_host_language_and_dates(warc: Path, tmp_path: Path) -> None:
    from make_warc import FOREIGN

    mixed = generate(12, seed=4, paragraphs=(2, 3))
    mixed += [{"url": f"https://foreign.example/{lang}", "text": " ".join(lines)} for lang, lines in FOREIGN.items()]
    write_jsonl(mixed, tmp_path / "mixed.jsonl")
    english = run_parallel([str(tmp_path / "mixed.jsonl")], out=tmp_path / "en", stages="light",
                           filters=Filters.build(("en",)))
    assert (english.documents, english.filtered) == (12, 3)
    everything = run_parallel([str(warc)], out=tmp_path / "all", stages="light")
    host = run_parallel([str(warc)], out=tmp_path / "host", stages="light",
                        filters=Filters.build(hosts=("worldwire.example",)))
    con = duckdb.connect()
    urls = [r[0] for r in con.execute(f"SELECT url FROM read_parquet('{tmp_path}/host/records/*/*/*.parquet')").fetchall()]
    assert urls and all(u.startswith("https://worldwire.example/") for u in urls)
    assert host.documents < everything.documents / 3
    dated = run_parallel([str(warc)], out=tmp_path / "dates", stages="light",
                         filters=Filters.build(since="2015-01-02", until="2015-01-02"))
    # light extraction sets no publication date, so the capture date (WARC-Date) decides
    captured = [r.captured.date().isoformat() for r in read_sources([str(warc)]) if r.captured]
    assert dated.documents == captured.count("2015-01-02") > 0
    assert dated.filtered == len(captured) - dated.documents


def test_cli_run_with_filters_and_out(corpus: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_STAGES", "light")
    out = tmp_path / "ds"
    result = CliRunner().invoke(main, ["run", corpus[0], "--out", str(out), "--since", "2024-01-02", "-q"])
    assert result.exit_code == 0, result.output
    assert (out / "_manifest.json").exists() and not list(tmp_path.glob("*.duckdb"))
    bad = CliRunner().invoke(main, ["run", corpus[0], "--out", str(out), "--since", "soon"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
    both = CliRunner().invoke(main, ["run", corpus[0], "--workers", "2", "--dask", "local:2"])
    assert both.exit_code == 2 and "not both" in both.output


def test_in_process_run_with_rows_packed_in_small_batches_matches_too(
        corpus: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.scale import worker

    monkeypatch.setattr(worker._Rows, "PACK", 3)  # rows go to Arrow batches every 3 finished rows
    single = run(corpus[2:], db=tmp_path / "one.duckdb", stages=light_stages())
    inline = run_parallel(corpus[2:], db=tmp_path / "inline.duckdb", stages="light", split_bytes=150_000)
    assert inline.added == single.added > 30
    assert dump(tmp_path / "one.duckdb") == dump(tmp_path / "inline.duckdb")
