"""Shared by bench/hostile.py and bench/hostile_services.py: the result row, measuring a command's
peak RSS and wall time, building small hostile files, and reading what a run stored."""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import psutil

__all__ = ["Row", "Files", "measure", "gzip_stream", "warc_record", "stored", "SAMPLES", "MB"]

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from fuzz_support import gzip_stream, warc_record  # noqa: E402 - the builders the tests use, one copy

SAMPLES = sorted((ROOT / "eventwire" / "samples" / "html").glob("*.html"))
MB = 1 << 20


@dataclass
class Row:
    attack: str
    hostile: str
    exit: int | str
    peak_mb: float
    seconds: float
    good: str  # good inputs stored / good inputs given
    outcome: str
    cpu: float | None = None  # CPU seconds (user + system) of the command, where measured


# -- measuring -------------------------------------------------------------------------------------
def measure(args: list[str], env: dict[str, str] | None = None, limit: float = 900) -> tuple[int, str, float, float]:
    """Run ``eventwire ARGS``: (exit code, stderr, seconds, peak RSS in MB of it and its children)."""
    started = time.perf_counter()
    with subprocess.Popen([sys.executable, "-m", "eventwire.cli", *args], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, env={**os.environ, **(env or {})}) as proc:
        err: list[bytes] = []
        reader = threading.Thread(target=lambda: err.append(proc.stderr.read()))  # type: ignore[union-attr]
        reader.start()
        peak = _watch_rss(proc, started, limit)
        reader.join()
    return proc.returncode, b"".join(err).decode("utf-8", "replace"), time.perf_counter() - started, peak


def _watch_rss(proc: subprocess.Popen[bytes], started: float, limit: float) -> float:
    watched = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        with contextlib.suppress(psutil.Error):
            peak = max(peak, sum(p.memory_info().rss for p in [watched, *watched.children(recursive=True)]))
        if time.perf_counter() - started > limit:
            proc.kill()
        time.sleep(0.02)
    return peak / MB


def stored(db: Path) -> set[str]:
    """Every uri and url stored in ``db`` (empty when there is no database)."""
    if not db.exists():
        return set()
    with duckdb.connect(str(db), read_only=True) as con:
        return {v for row in con.execute("SELECT uri, url FROM articles").fetchall() for v in row if v}


# -- file attacks through `eventwire run` ----------------------------------------------------------
class Files:
    """A folder of hostile inputs between two good pages; ``good`` names what must be stored."""

    def __init__(self, root: Path, name: str) -> None:
        self.folder = root / name
        self.folder.mkdir()
        self.db = root / f"{name}.duckdb"
        self.good: list[str] = []
        for prefix, sample in (("a", SAMPLES[0]), ("z", SAMPLES[1])):
            path = self.folder / f"{prefix}-good.html"
            path.write_bytes(sample.read_bytes())
            self.good.append(str(path))

    def add(self, name: str, data: bytes) -> Path:
        path = self.folder / name
        path.write_bytes(data)
        return path

    def run(self, attack: str, hostile: str, stages: str, env: dict[str, str] | None = None) -> Row:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        code, err, seconds, peak = measure(["run", "--db", str(self.db), "-q", str(self.folder)],
                                           {"EVENTWIRE_STAGES": stages, **(env or {})})
        after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command was waited for: counted
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        found = stored(self.db)
        kept = sum(1 for good in self.good if good in found)
        reasons = [line.split("failed: ", 1)[-1] for line in err.splitlines() if "warning" in line or "error" in line]
        outcome = "Traceback!" if "Traceback" in err else (reasons[0][:90] if reasons else "stored")
        return Row(attack, hostile, code, peak, seconds, f"{kept}/{len(self.good)}", outcome, cpu)
