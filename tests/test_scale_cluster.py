"""A real Dask cluster: `dask scheduler` and two `dask worker` processes on loopback, each its own
process as on separate machines, and `eventwire run --dask tcp://127.0.0.1:PORT` stores exactly the
rows of a single-process run. Light stages (the same storage path; the full stages are compared on a
LocalCluster in tests/test_scale_dask.py). The same cluster then reads inputs named by ``file://``
URLs (folders and files, read through fsspec by each worker, as ``s3://`` ones would be) and stores
the rows of a local-path run. Needs the optional extra: pip install 'eventwire[dask]'."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed", reason="Dask is the optional extra eventwire[dask]; install it to run this test")

from test_scale import ROOT, SAMPLES, dump  # noqa: E402 - after the skip

from eventwire.pipeline import run  # noqa: E402
from eventwire.stages import light_stages  # noqa: E402
from eventwire.synthetic import generate, write_jsonl  # noqa: E402

# how long the cluster may take to come up (two interpreters importing distributed on a busy 2-core CI)
START_SECONDS = 90
RUN_SECONDS = 180


def dask_command() -> list[str]:
    beside = Path(sys.executable).parent / "dask"  # the venv's own `dask`, not another installation's
    found = str(beside) if beside.exists() else shutil.which("dask")
    if found is None:
        pytest.skip("the `dask` command (package dask[distributed]) is not installed")
    return [found]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the process group the test started (a `dask worker` nanny and its worker), then kill."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a scheduler with two single-threaded workers, all separate processes (one cluster
    for the tests of this module: starting it is most of their time)."""
    from distributed import Client

    tmp_path = tmp_path_factory.mktemp("cluster")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    commands = [[*dask_command(), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]]
    commands += [[*dask_command(), "worker", address, "--host", "127.0.0.1", "--nworkers", "1", "--nthreads", "1",
                  "--no-dashboard", "--name", f"w{i}", "--local-directory", str(tmp_path / f"w{i}")]
                 for i in (1, 2)]
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for command in commands:
            log = (tmp_path / f"{command[1]}-{len(processes)}.log").open("wb")
            processes.append(subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                              start_new_session=True))
        with Client(address, timeout=f"{START_SECONDS}s") as client:
            client.wait_for_workers(2, timeout=START_SECONDS)
        yield address
    finally:
        for process in reversed(processes):
            stop(process)
    assert all(p.poll() is not None for p in processes)


@pytest.mark.timeout(START_SECONDS + 2 * RUN_SECONDS)
def test_eventwire_run_on_a_scheduler_and_two_worker_processes_stores_what_one_process_stores(
        cluster: str, tmp_path: Path) -> None:
    news = tmp_path / "news.jsonl"
    write_jsonl(generate(40, seed=8, paragraphs=(2, 3)), news)
    paths = [str(news), str(SAMPLES / "worldwire.warc.gz")] + [str(p) for p in sorted((SAMPLES / "text").glob("*.txt"))[:4]]
    single = run(paths, db=tmp_path / "one.duckdb", stages=light_stages())
    started = time.monotonic()
    done = run_on_cluster(cluster, tmp_path / "cluster.duckdb", paths)
    assert "on dask tcp://127.0.0.1:" in done.stderr and time.monotonic() - started < RUN_SECONDS
    assert single.added > 40
    assert dump(tmp_path / "one.duckdb") == dump(tmp_path / "cluster.duckdb")


def run_on_cluster(cluster: str, db: Path, paths: list[str], *options: str) -> subprocess.CompletedProcess[str]:
    """`eventwire run --dask CLUSTER` as a command; checks that it succeeded on both worker processes."""
    env = {**os.environ, "EVENTWIRE_STAGES": "light",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "eventwire.cli", "run", "--dask", cluster, "--db", str(db),
                           *options, *paths], env=env, capture_output=True, text=True, timeout=RUN_SECONDS,
                          check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    workers = {line.rsplit("(", 1)[-1] for line in done.stderr.splitlines() if " done: " in line}
    assert len(workers) == 2, done.stderr[-3000:]  # both worker processes ran partitions
    return done


@pytest.mark.timeout(START_SECONDS + 2 * RUN_SECONDS)
def test_the_cluster_reads_file_urls_and_stores_what_a_local_path_run_stores(cluster: str, tmp_path: Path) -> None:
    inputs = tmp_path / "shared"  # as a bucket or a shared file system would hold them
    (inputs / "feeds").mkdir(parents=True)
    write_jsonl(generate(30, seed=12, paragraphs=(2, 3)), inputs / "feeds" / "a.jsonl")
    write_jsonl(generate(20, seed=13, paragraphs=(2, 3)), inputs / "feeds" / "b.jsonl")
    shutil.copy(SAMPLES / "worldwire.warc.gz", inputs / "crawl.warc.gz")
    # records with URLs: their article ids do not depend on the name the file was read by
    single = run([str(inputs / "feeds"), str(inputs / "crawl.warc.gz")], db=tmp_path / "local.duckdb",
                 stages=light_stages())
    url = f"file://{inputs}"
    done = run_on_cluster(cluster, tmp_path / "urls.duckdb", [f"{url}/feeds", f"{url}/crawl.warc.gz"],
                          "--out", f"file://{tmp_path}/parts")
    assert f"{url}/feeds/a.jsonl" in done.stderr and (tmp_path / "parts" / "_manifest.json").exists()
    assert single.added > 50

    def rows(db: Path, prefix: str) -> dict[str, list[str]]:
        return {table: sorted(r.replace(prefix, "<shared>") for r in found) for table, found in dump(db).items()}

    assert rows(tmp_path / "urls.duckdb", url) == rows(tmp_path / "local.duckdb", str(inputs))
