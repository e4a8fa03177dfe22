"""What reading inputs by fsspec URL costs next to reading them by path (no NLP: the reading layer only).

    .venv/bin/python bench/remote_inputs.py                   # 8 MB JSONL + 8 MB WARC, generated
    .venv/bin/python bench/remote_inputs.py --size 32MB --repeat 5

For each input (a synthetic JSONL, a generated ``.warc.gz``) and each way of naming it (a local path,
a ``file://`` URL, a ``memory://`` URL: the file held by fsspec's in-memory filesystem, so no disk),
it times, in CPU seconds of this process (median of ``--repeat``):

* ``read``: :func:`eventwire.sources.read_sources` over the whole file (what a single-process run reads);
* ``plan``: :func:`eventwire.scale.plan_partitions` cutting it into 8 ranges (hashing, cut points);
* ``ranges``: reading every range with :func:`eventwire.scale.partitions.read_partition` (what workers read).

It checks that every way gives the same documents (uri aside). Object storage (s3://...) is not
measured here: its cost is the network's, not eventwire's.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fsspec

from eventwire.pipeline import input_digest
from eventwire.scale.partitions import plan_partitions, read_partition
from eventwire.settings import get_settings
from eventwire.sources import read_sources
from eventwire.synthetic import generate, write_jsonl

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_warc import make  # noqa: E402 - bench/ is on the path above


def _size(text: str) -> int:
    units = {"KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30}
    for unit, factor in units.items():
        if text.upper().endswith(unit):
            return int(float(text[: -len(unit)]) * factor)
    return int(text)


def cpu(action: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.process_time()
        result = action()
        times.append(time.process_time() - started)
    return statistics.median(times), result


def measure(name: str, path: Path, repeat: int) -> None:
    memory = fsspec.filesystem("memory")
    memory.pipe_file(f"/bench/{path.name}", path.read_bytes())
    ways = {"path": str(path), "file://": f"file://{path}", "memory://": f"memory://bench/{path.name}"}
    split = path.stat().st_size // 8 + 1
    settings = get_settings()
    seen: dict[str, list[str]] = {}
    print(f"{name}: {path.stat().st_size / 1e6:.1f} MB")
    for way, location in ways.items():
        read_s, documents = cpu(lambda loc=location: [input_digest(d) for d in read_sources([loc])], repeat)
        plan_s, parts = cpu(lambda loc=location: plan_partitions([loc], split_bytes=split), repeat)
        ranges_s, ranged = cpu(lambda p=parts: [input_digest(d) for part in p
                                                 for d in read_partition(part, settings, lambda *a: None)], repeat)
        seen[way] = documents
        assert ranged == documents, f"{way}: the ranges give other documents than the whole file"
        print(f"  {way:10} read {read_s:6.2f} CPU-s  plan {plan_s:6.2f} CPU-s ({len(parts)} partitions)  "
              f"ranges {ranges_s:6.2f} CPU-s  {len(documents)} documents")
    assert len({tuple(d) for d in seen.values()}) == 1, "the ways of naming the file read different documents"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="8MB", help="size of each generated input (default 8MB)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is shown")
    args = parser.parse_args()
    size = _size(args.size)
    print(f"load average {os.getloadavg()[0]:.2f} at start")
    with tempfile.TemporaryDirectory() as folder:
        jsonl = Path(folder) / "news.jsonl"
        records, count = [], 200
        while True:  # about --size bytes of synthetic articles
            records = generate(count, seed=1, paragraphs=(3, 6))
            write_jsonl(records, jsonl)
            if jsonl.stat().st_size >= size or count > 200_000:
                break
            count = int(count * size / jsonl.stat().st_size) + 1
        warc = Path(folder) / "crawl.warc.gz"
        make(warc, size, seed=2)
        measure("JSONL", jsonl, args.repeat)
        measure("WARC (gzip records)", warc, args.repeat)
    print(f"load average {os.getloadavg()[0]:.2f} at end")


if __name__ == "__main__":
    main()
