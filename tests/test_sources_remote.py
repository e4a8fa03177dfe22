"""Inputs and the Parquet dataset named by fsspec URLs (eventwire.sources.remote, eventwire.scale.storage).

No network: ``memory://`` in this process, ``file://`` where separate processes read (``--workers``;
the Dask cluster test is in tests/test_scale_cluster.py). Every check compares a URL run with the
same files read by local path: the same documents (uri aside), skip reasons, ranges and stored rows.
"""

from __future__ import annotations

import dataclasses
import gzip
import importlib.util
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import fsspec
import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.errors import ConfigError
from eventwire.pipeline import input_digest, run
from eventwire.records import RawDocument
from eventwire.scale import plan_partitions, run_parallel
from eventwire.scale.partitions import read_partition
from eventwire.settings import get_settings
from eventwire.sources import read_sources
from eventwire.stages import light_stages
from eventwire.synthetic import generate, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "eventwire" / "samples"
sys.path.insert(0, str(ROOT / "bench"))
from scale import table_rows as dump  # noqa: E402 - bench/ is on the path above

GOOD = "Turkish President Recep Tayyip Erdogan met Greek Prime Minister Kyriakos Mitsotakis in Ankara on Monday."


@pytest.fixture
def memory() -> Iterator[fsspec.AbstractFileSystem]:
    fs = fsspec.filesystem("memory")
    if fs.exists("/t"):
        fs.rm("/t", recursive=True)
    yield fs
    if fs.exists("/t"):
        fs.rm("/t", recursive=True)


def upload(fs: fsspec.AbstractFileSystem, folder: Path, target: str = "/t/in") -> str:
    """``folder``'s files (hidden ones too) at ``memory://t/in``; returns that URL."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            fs.pipe_file(f"{target}/{path.relative_to(folder).as_posix()}", path.read_bytes())
    return "memory:/" + target


def read(paths: list[str], **settings: int) -> tuple[list[RawDocument], list[tuple[str, str]]]:
    skipped: list[tuple[str, str]] = []
    config = dataclasses.replace(get_settings(), **settings) if settings else None
    documents = list(read_sources(paths, on_skip=lambda uri, reason: skipped.append((uri, reason)),
                                  settings=config))
    return documents, skipped


def shown(documents: list[RawDocument], prefix: str) -> list[tuple[object, ...]]:
    """Everything a document carries, its uri with the local folder's prefix for the URL's."""
    return [(d.uri.replace(prefix, "<in>", 1), d.kind, d.content, d.text, d.url, d.captured, d.title,
             d.charset, d.published, tuple(d.warnings), input_digest(d)) for d in documents]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    write_jsonl(generate(30, seed=4, paragraphs=(2, 3)), folder / "a-news.jsonl")
    shutil.copytree(SAMPLES / "text", folder / "text")
    shutil.copy(SAMPLES / "worldwire.warc.gz", folder / "z.warc.gz")
    (folder / "sub" / "deeper").mkdir(parents=True)
    (folder / "sub" / "deeper" / "page.html").write_text(f"<html><body><p>{GOOD}</p></body></html>")
    (folder / "sub" / "note.txt").write_text(GOOD)
    (folder / ".hidden.txt").write_text(GOOD)
    return folder


def test_a_memory_folder_reads_as_the_local_folder_in_the_same_order(memory: fsspec.AbstractFileSystem,
                                                                      corpus: Path) -> None:
    url = upload(memory, corpus)
    local, local_skips = read([str(corpus)])
    remote, remote_skips = read([url])
    assert len(local) > 40 and shown(remote, url) == shown(local, str(corpus))
    assert [(u.replace(url, "<in>"), r) for u, r in remote_skips] == \
        [(u.replace(str(corpus), "<in>"), r) for u, r in local_skips]
    assert remote[0].uri == f"{url}/a-news.jsonl#1" and not any(".hidden" in d.uri for d in remote)


def test_a_glob_url_reads_its_matches_sorted_and_a_missing_url_is_reported(memory: fsspec.AbstractFileSystem,
                                                                          corpus: Path) -> None:
    url = upload(memory, corpus)
    documents, skipped = read([f"{url}/text/*.txt", f"{url}/nothing-here.jsonl"])
    names = sorted(p.name for p in (corpus / "text").glob("*.txt"))
    assert [d.uri.rsplit("/", 1)[-1] for d in documents] == names
    assert skipped == [(f"{url}/nothing-here.jsonl", "no such file or directory")]
    hidden, _ = read([f"{url}/*.txt"])  # only .hidden.txt matches: hidden files are left out, as in a walk
    assert memory.exists("/t/in/.hidden.txt") and hidden == []


def _hostile(folder: Path) -> None:
    folder.mkdir()
    (folder / "bomb.jsonl.gz").write_bytes(gzip.compress(
        f'{{"text": "{GOOD}"}}'.encode() + b"\n" * 4_000_000))  # 4 MB from ~4 KB
    (folder / "long.jsonl").write_text('{"text": "' + "x" * 300_000 + '"}\n' + f'{{"text": "{GOOD}"}}\n')
    whole = (SAMPLES / "worldwire.warc.gz").read_bytes()
    (folder / "cut.warc.gz").write_bytes(whole[: len(whole) * 2 // 3])  # a download cut short
    (folder / "big.html").write_text("<html><body>" + f"<p>{GOOD}</p>" * 5_000 + "</body></html>")
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)


def test_hostile_input_limits_hold_for_remote_files(memory: fsspec.AbstractFileSystem, tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    _hostile(folder)
    url = upload(memory, folder)
    limits = {"max_decompressed_bytes": 1_000_000, "max_document_bytes": 200_000}
    local, local_skips = read([str(folder)], **limits)
    remote, remote_skips = read([url], **limits)
    assert shown(remote, url) == shown(local, str(folder))
    reasons = [(u.replace(url, "<in>"), r) for u, r in remote_skips]
    assert reasons == [(u.replace(str(folder), "<in>"), r) for u, r in local_skips]
    said = " | ".join(r for _, r in reasons)
    # the bomb stopped at the cap, the long line was skipped, the cut WARC's tail was reported
    assert "max_decompressed_bytes" in said and "longer than max_document_bytes" in said
    assert "truncated" in said and "empty file" in said and "binary content" in said
    assert any("cut at 200000 bytes" in w for d in remote for w in d.warnings)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_by_a_file_url_is_skipped_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a-fifo.html")
    (tmp_path / "b.txt").write_text(GOOD)
    found: list[tuple[list[RawDocument], list[tuple[str, str]]]] = []
    reader = threading.Thread(target=lambda: found.append(read([f"file://{tmp_path}"])), daemon=True)
    reader.start()
    reader.join(30)
    assert found, "reading a folder URL with a FIFO blocked"
    documents, skipped = found[0]
    assert [d.uri for d in documents] == [f"file://{tmp_path}/b.txt"]
    assert skipped and "FIFO" in skipped[0][1]


def test_big_remote_jsonl_and_warc_are_cut_into_the_ranges_a_local_file_gets(
        memory: fsspec.AbstractFileSystem, tmp_path: Path) -> None:
    from make_warc import make

    folder = tmp_path / "big"
    folder.mkdir()
    write_jsonl(generate(120, seed=9, paragraphs=(2, 3)), folder / "news.jsonl")
    make(folder / "crawl.warc.gz", 300_000, seed=3)
    url = upload(memory, folder)
    for name in ("news.jsonl", "crawl.warc.gz"):
        split = (folder / name).stat().st_size // 6
        local = plan_partitions([str(folder / name)], split_bytes=split)
        remote = plan_partitions([f"{url}/{name}"], split_bytes=split)
        assert len(remote) >= 6 and [(p.lines or p.warc)[1:] for p in remote] == \
            [(p.lines or p.warc)[1:] for p in local]  # type: ignore[index]
        whole, _ = read([f"{url}/{name}"])
        ranged = [d for p in remote for d in read_partition(p, get_settings(), print)]
        assert len(whole) > 20 and shown(ranged, url) == shown(whole, url)


@pytest.mark.parametrize(("url", "package", "extra"), [
    ("s3://bucket/news.jsonl", "s3fs", "s3"), ("gs://bucket/news.jsonl", "gcsfs", "gcs"),
    ("az://container/news.jsonl", "adlfs", "azure"), ("https://example.org/news.jsonl", "aiohttp", "http")])
def test_each_missing_protocol_package_names_its_extra(url: str, package: str, extra: str) -> None:
    if importlib.util.find_spec(package) is not None:
        pytest.skip(f"{package} is installed here")
    with pytest.raises(ConfigError, match=rf"pip install 'eventwire\[{extra}\]' \(on the client and on every worker\)"):
        read([url])


def test_without_fsspec_a_url_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fsspec.core", None)  # import fails as when fsspec is not installed
    with pytest.raises(ConfigError, match=r"fsspec, which is not installed: pip install 'eventwire\[gcs\]'"):
        read(["gs://bucket/news.jsonl"])


def test_a_missing_protocol_package_stops_the_command_before_the_database(tmp_path: Path) -> None:
    if importlib.util.find_spec("s3fs") is not None:
        pytest.skip("s3fs is installed here")
    result = CliRunner().invoke(main, ["run", "--db", str(tmp_path / "x.duckdb"), "s3://bucket/crawl/"])
    assert result.exit_code == 2 and "eventwire[s3]" in result.output and not (tmp_path / "x.duckdb").exists()
    with pytest.raises(ConfigError, match="Protocol not known"):
        read(["nosuch://bucket/news.jsonl"])


def _inputs(folder: Path) -> list[str]:
    """Inputs whose records carry URLs (article ids do not depend on where the file was read)."""
    write_jsonl(generate(40, seed=6, paragraphs=(2, 3)), folder / "one" / "news.jsonl")
    write_jsonl(generate(12, seed=7, paragraphs=(2, 3)), folder / "one" / "more.jsonl")
    shutil.copy(SAMPLES / "worldwire.warc.gz", folder / "crawl.warc.gz")
    return ["one", "crawl.warc.gz"]


def same_rows(url_db: Path, local_db: Path, url: str, folder: Path) -> bool:
    def mapped(db: Path, prefix: str) -> dict[str, list[str]]:
        return {table: sorted(row.replace(prefix, "<in>") for row in rows) for table, rows in dump(db).items()}

    return mapped(url_db, url) == mapped(local_db, str(folder))


def test_run_reads_memory_urls_and_writes_the_dataset_to_a_memory_url(memory: fsspec.AbstractFileSystem,
                                                                       tmp_path: Path) -> None:
    folder = tmp_path / "in"
    names = _inputs(folder)
    url = upload(memory, folder)
    single = run([str(folder / n) for n in names], db=tmp_path / "local.duckdb", stages=light_stages())
    assert single.added > 50
    result = CliRunner().invoke(main, ["run", "--db", str(tmp_path / "url.duckdb"), "-q",
                                       *[f"{url}/{n}" for n in names]], env={"EVENTWIRE_STAGES": "light"})
    assert result.exit_code == 0, result.output
    assert same_rows(tmp_path / "url.duckdb", tmp_path / "local.duckdb", url, folder)
    out = "memory://t/out/ew-parquet"
    first = run_parallel([f"{url}/{n}" for n in names], db=tmp_path / "parts.duckdb", out=out, stages="light")
    assert first.partitions >= 2 and first.resumed == 0 and first.added == single.added
    assert memory.exists("/t/out/ew-parquet/_manifest.json")
    assert memory.glob("/t/out/ew-parquet/records/year=*/month=*/part-*.parquet")
    assert same_rows(tmp_path / "parts.duckdb", tmp_path / "local.duckdb", url, folder)
    again = run_parallel([f"{url}/{n}" for n in names], db=tmp_path / "parts.duckdb", out=out, stages="light")
    assert again.resumed == again.partitions and again.added == 0  # resumed from the manifest at the URL
    with pytest.raises(ConfigError, match="worker processes cannot read"):
        run_parallel([f"{url}/{names[0]}"], db=tmp_path / "w.duckdb", workers=2, stages="light")


@pytest.mark.slow
def test_workers_read_file_urls_and_store_what_a_local_path_run_stores(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    names = _inputs(folder)
    run([str(folder / n) for n in names], db=tmp_path / "local.duckdb", stages=light_stages())
    url = f"file://{folder}"
    result = CliRunner().invoke(main, ["run", "--workers", "2", "--db", str(tmp_path / "url.duckdb"),
                                       "--out", f"file://{tmp_path}/parts", *[f"{url}/{n}" for n in names]],
                                env={"EVENTWIRE_STAGES": "light"})
    assert result.exit_code == 0, result.output
    assert (tmp_path / "parts" / "_manifest.json").exists()
    assert same_rows(tmp_path / "url.duckdb", tmp_path / "local.duckdb", url, folder)


def test_a_url_that_cannot_be_listed_is_reported_and_the_database_is_not_opened(
        memory: fsspec.AbstractFileSystem, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = upload(memory, corpus)

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError("Access Denied")

    monkeypatch.setattr(type(memory), "find", refused)
    result = CliRunner().invoke(main, ["run", "--db", str(tmp_path / "x.duckdb"), url])
    assert result.exit_code == 2 and "cannot list this URL (PermissionError: Access Denied)" in result.output
    assert "check the URL and the credentials" in result.output and not (tmp_path / "x.duckdb").exists()
