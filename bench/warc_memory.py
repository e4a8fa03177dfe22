"""Peak memory per worker while a parallel run streams a big WARC (target: < 1 GB per worker).

    .venv/bin/python bench/make_warc.py --size 1GB -o /tmp/crawl-1g.warc.gz     # once, never committed
    .venv/bin/python bench/warc_memory.py /tmp/crawl-1g.warc.gz --workers 2 --since 2035-06-01

Every record of the file is read and decompressed by a worker (the file is cut into 16 MB ranges);
``--since``/``--host``/``--lang`` choose which pages go on to extraction and the full NLP stages, so
the run's length stays reasonable on a small machine while the whole file is still streamed. The
resident set size (RSS) of every worker process and of the coordinator is sampled every 0.2 s; the
peaks are printed with the documents processed and the bytes/s streamed. Settings are whatever the
environment says (defaults unless EVENTWIRE_* variables are set); the batch sizes in effect are printed.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import threading
import time
from pathlib import Path

import psutil


def main() -> None:
    parser = argparse.ArgumentParser(description="peak RSS per worker on a big WARC")
    parser.add_argument("warc", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--since", default=None, help="keep pages published/captured from this day")
    parser.add_argument("--host", action="append", default=[], help="keep pages of this host")
    parser.add_argument("--lang", action="append", default=[], help="keep pages in this language")
    parser.add_argument("--stages", default="full", choices=["full", "light"])
    parser.add_argument("--split-mb", type=int, default=16)
    args = parser.parse_args()

    from eventwire.scale import Filters, run_parallel
    from eventwire.settings import get_settings

    settings = get_settings()
    print(f"settings: EVENTWIRE_WORKER_BATCH_SIZE={settings.worker_batch_size} (NLP batch in a worker), "
          f"EVENTWIRE_BATCH_SIZE={settings.batch_size} (database transaction)", flush=True)

    me = psutil.Process()
    peaks: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for child in me.children(recursive=True):
                try:
                    rss = child.memory_info().rss / 2**20
                except psutil.Error:
                    continue
                peaks[child.pid] = max(peaks.get(child.pid, 0.0), rss)
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    size = args.warc.stat().st_size
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="ew-warcmem-") as tmp:
        started = time.perf_counter()
        summary = run_parallel([str(args.warc)], db=Path(tmp) / "m.duckdb", workers=args.workers,
                               stages=args.stages, split_bytes=args.split_mb << 20,
                               filters=Filters.build(tuple(args.lang), args.since, None, tuple(args.host)))
        seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    print(summary.line())
    print(f"streamed {size / 2**20:.0f} MiB in {seconds:.0f}s ({size / 2**20 / seconds:.1f} MiB/s) with "
          f"{args.workers} workers; {summary.documents} pages through the stages, {summary.filtered} filtered out "
          f"(load average before: {load[0]:.1f})")
    workers = sorted(peaks.items(), key=lambda kv: -kv[1])
    for pid, peak in workers:
        print(f"  process {pid}: peak RSS {peak:.0f} MiB")
    coordinator = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  coordinator: peak RSS {coordinator:.0f} MiB")
    worst = max((p for _, p in workers), default=0.0)
    print(f"peak RSS of the largest worker: {worst:.0f} MiB -> {'OK' if worst < 1024 else 'OVER'} (< 1024 MiB)")


if __name__ == "__main__":
    main()
