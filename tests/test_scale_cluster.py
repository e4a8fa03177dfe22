"""A real Dask cluster: `dask scheduler` and two `dask worker` processes on loopback, each its own
process as on separate machines, and `eventwire run --dask tcp://127.0.0.1:PORT` stores exactly the
rows of a single-process run. Light stages (the same storage path; the full stages are compared on a
LocalCluster in tests/test_scale_dask.py). Needs the optional extra: pip install 'eventwire[dask]'."""

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


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[str]:
    """The address of a scheduler with two single-threaded workers, all separate processes."""
    from distributed import Client

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
    env = {**os.environ, "EVENTWIRE_STAGES": "light",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "eventwire.cli", "run", "--dask", cluster, "--db",
                           str(tmp_path / "cluster.duckdb"), *paths], env=env, capture_output=True, text=True,
                          timeout=RUN_SECONDS, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "on dask tcp://127.0.0.1:" in done.stderr and time.monotonic() - started < RUN_SECONDS
    workers = {line.rsplit("(", 1)[-1] for line in done.stderr.splitlines() if " done: " in line}
    assert len(workers) == 2, done.stderr[-3000:]  # both worker processes ran partitions
    assert single.added > 40
    assert dump(tmp_path / "one.duckdb") == dump(tmp_path / "cluster.duckdb")
