"""A day of news, measured: the real-news corpus through `eventwire run` with 1 and 2 workers, and
what 300,000 articles a day would need.

    .venv/bin/python bench/day_of_news.py                       # ../shared/realnews, 1 and 2 workers
    .venv/bin/python bench/day_of_news.py --workers 2 --per-day 700000

Each run is the command a user types, as a subprocess into a fresh database:
``python -m eventwire.cli run --workers N --db DB ../shared/realnews/wikinews_politics_dev.jsonl``
(full stages; the one JSONL file is cut into line ranges). The resident set size of the command
(the coordinator) and of each worker process is sampled every 0.2 s. Printed per run: wall time,
articles/s, **articles per second per core** (end to end: articles / wall / workers, start-up and
the database load included; and steady: articles per CPU-second the workers spent inside
partitions), peak RSS per worker and of the coordinator, and the load average before the run.

Projection for ``--per-day`` articles (default 300,000), twice: from the workers' CPU cost per
article (a core gives one CPU-second per second; the figure a long-running service approaches, and
the one least disturbed by other processes on a shared machine) and, more conservatively, from the
per-core rate end to end of the run with the most workers (start-up, the coordinator and a shared
machine's neighbours included). Each gives the cores to keep up with the day's mean rate, the cores
for a peak of 3x the mean (news volume is uneven over a day), and the hours for the day's articles
as one batch on 2, 8 and 16 cores. It assumes the per-core rate holds as workers are added (the
coordinator, one process, must keep up: see docs/scale.md). Articles are Wikinews political news, 2004-2009
(CC BY 2.5, Wikinews contributors).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
from rss import RssSampler  # noqa: E402

from eventwire.eval.gold import REALNEWS_CORPUS  # noqa: E402

SHARED = Path(os.environ.get("EVENTWIRE_SHARED", Path(__file__).resolve().parent.parent.parent / "shared"))
CORPUS = SHARED / REALNEWS_CORPUS
PEAK_FACTOR = 3  # busiest hour vs the day's mean, a working figure for news feeds
def run(corpus: Path, db: Path, workers: int) -> dict[str, float]:
    command = [sys.executable, "-m", "eventwire.cli", "run", "--workers", str(workers), "--db", str(db), "-q",
               str(corpus)]
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = RssSampler(process.pid)
    _, stderr = process.communicate()
    wall = time.perf_counter() - started
    sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr.decode()[-2000:]}")
    con = duckdb.connect(str(db), read_only=True)
    articles = int(con.execute("SELECT count(*) FROM articles").fetchone()[0])  # type: ignore[index]
    mentions = int(con.execute("SELECT count(*) FROM event_mentions").fetchone()[0])  # type: ignore[index]
    con.close()
    manifest = json.loads(Path(f"{db}.parts/_manifest.json").read_text())["partitions"].values()
    inside = sum(e.get("cpu_seconds", 0.0) for e in manifest)
    worker_peaks = [peak for pid, peak in sampler.peaks.items() if pid != process.pid]
    return {"workers": workers, "wall": wall, "articles": articles, "mentions": mentions, "load": load,
            "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), "inside": inside,
            "per_core": articles / wall / workers, "steady_per_core": articles / inside if inside else 0.0,
            "worker_peak": max(worker_peaks, default=0.0), "coordinator_peak": sampler.peaks.get(process.pid, 0.0),
            "partitions": len(manifest)}


def report(result: dict[str, float]) -> None:
    print(f"--workers {result['workers']:.0f}: {result['articles']:.0f} articles, {result['mentions']:.0f} event "
          f"mentions, {result['partitions']:.0f} partitions; wall {result['wall']:.1f} s = "
          f"{result['articles'] / result['wall']:.2f} articles/s; {result['per_core']:.2f} articles/s per core end "
          f"to end, {result['steady_per_core']:.2f} articles per worker CPU-second inside partitions; "
          f"{result['cpu']:.0f} CPU-s in all; peak RSS per worker {result['worker_peak']:.0f} MiB, coordinator "
          f"{result['coordinator_peak']:.0f} MiB (load average before: {result['load']:.1f})", flush=True)


def project(per_day: int, rate_per_core: float, basis: str) -> None:
    mean = per_day / 86_400
    print(f"projection for {per_day:,} articles a day at {rate_per_core:.2f} articles/s per core ({basis}):")
    print(f"  mean rate {mean:.2f} articles/s -> {mean / rate_per_core:.1f} cores to keep up; at a peak of "
          f"{PEAK_FACTOR}x the mean, {PEAK_FACTOR * mean / rate_per_core:.1f} cores")
    core_hours = per_day / rate_per_core / 3600
    print(f"  {core_hours:.1f} core-hours a day: " + ", ".join(
        f"{core_hours / cores:.1f} h on {cores} cores" for cores in (2, 8, 16)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--per-day", type=int, default=300_000)
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus} not found (set EVENTWIRE_SHARED to the shared data folder)")
    print(f"corpus: {args.corpus} ({args.corpus.stat().st_size / 1e6:.1f} MB); {os.cpu_count()} CPUs", flush=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="ew-day-") as tmp:
        for workers in args.workers:
            results.append(run(args.corpus, Path(tmp) / f"w{workers}.duckdb", workers))
            report(results[-1])
    most = [r for r in results if r["workers"] == max(r["workers"] for r in results)]
    project(args.per_day, min(r["steady_per_core"] for r in results), "CPU cost of the workers, slowest run")
    project(args.per_day, min(r["per_core"] for r in most), f"end to end with {most[0]['workers']:.0f} workers")


if __name__ == "__main__":
    main()
