"""Scale-out throughput: articles/s with 1 worker process vs 2 (or more) on the same corpus.

    .venv/bin/python bench/scale.py                       # 240 generated articles, workers 1 and 2
    .venv/bin/python bench/scale.py --articles 400 --workers 1 2 --stages full

Each configuration runs `eventwire run --workers N` (eventwire.scale.run_parallel) into a fresh
database. Two rates are printed: "wall" (start to last row stored, worker start-up and model loading
included) and "steady" (documents / span from the first partition's start to the last partition's
end, from the manifest; excludes process start-up, which does not grow with the corpus). The machine's
load average is printed before each run: on a shared machine, figures are only as good as the quiet,
so the workers' CPU time is printed too (articles per CPU-second, and the share of a core each worker
actually got): when that share is far below 100%, the wall-clock speed-up measures the neighbours.
The corpus is written from templates for the eventwire project (eventwire.synthetic).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from datetime import datetime
from pathlib import Path


def steady_rate(out: Path) -> tuple[float, float]:
    entries = json.loads((out / "_manifest.json").read_text())["partitions"].values()
    ends = [datetime.fromisoformat(e["finished"]).timestamp() for e in entries]
    starts = [end - e["seconds"] for end, e in zip(ends, entries, strict=True)]
    span = max(ends) - min(starts)
    return sum(e["records"] for e in entries) / span, span


def main() -> None:
    parser = argparse.ArgumentParser(description="articles/s with 1 vs N worker processes")
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--files", type=int, default=24, help="JSONL files (one partition each)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--stages", default="full", choices=["full", "light"])
    args = parser.parse_args()

    from eventwire.scale import run_parallel
    from eventwire.synthetic import generate, write_jsonl

    records = generate(args.articles, seed=42, paragraphs=(4, 8))
    results = {}
    with tempfile.TemporaryDirectory(prefix="ew-scale-") as tmp:
        root = Path(tmp)
        per = -(-len(records) // args.files)
        paths = [str(write_jsonl(records[i:i + per], root / "in" / f"part{i // per:03d}.jsonl"))
                 for i in range(0, len(records), per)]
        for workers in args.workers:
            load = os.getloadavg()
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            summary = run_parallel(paths, db=root / f"w{workers}.duckdb", workers=workers, stages=args.stages,
                                   group_bytes=1)
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pool's workers, once joined
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            steady, span = steady_rate(root / f"w{workers}.duckdb.parts")
            results[workers] = steady
            print(f"workers={workers}: {summary.added} articles, {summary.mentions} event mentions; "
                  f"wall {wall:.1f}s = {summary.added / wall:.2f} articles/s; steady {span:.1f}s = "
                  f"{steady:.2f} articles/s (load average before: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; "
                  f"{os.cpu_count()} CPUs)", flush=True)
            print(f"    workers used {cpu:.1f} CPU-seconds = {summary.added / cpu:.2f} articles per CPU-second; "
                  f"they got {cpu / wall / workers:.0%} of a core each on average (100% on a quiet machine)",
                  flush=True)
    base = results.get(1)
    if base:
        for workers, rate in results.items():
            if workers != 1:
                print(f"speed-up with {workers} workers (steady rates): {rate / base:.2f}x")


if __name__ == "__main__":
    main()
