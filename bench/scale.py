"""Scale-out throughput: end-to-end `eventwire run --workers 1` vs `--workers 2` on the same corpus.

    .venv/bin/python bench/scale.py                                   # 192 articles in 24 files
    .venv/bin/python bench/scale.py --articles 400 --workers 1 2 --repeat 2 --single

Every configuration is the command a user types, run as a subprocess into a fresh database:
``python -m eventwire.cli run --workers N --db DB FILES...``. What is timed, for every configuration
the same way: **wall** = from starting the command to its exit (interpreter start, planning, worker
start-up and model loading, processing, the database load, worker shutdown: what a user waits for).
Also printed: **steady** = articles / (first partition start .. last partition end, from the
manifest), which leaves out the fixed start-up and shutdown; and the CPU time of the command and all
its processes (a shared machine gives each process less than a core: when "share of a core" is far
below 100%, the speed-up measures the neighbours). ``--single`` adds the plain single-process
``run`` (no workers) as a reference. With ``--repeat R`` the configurations are run R times,
interleaved (1, 2, 1, 2, ...) so that a change in the machine's load hits both; the median is used.
Every run must store the same number of articles and event mentions (checked). The corpus is
written from templates for the eventwire project (eventwire.synthetic).

One big file instead (issue 16: a single JSONL is cut into ranges of whole lines)::

    .venv/bin/python bench/scale.py --realnews-mb 10          # ~10 MB JSONL of real news, one file
    .venv/bin/python bench/scale.py --input corpus.jsonl      # any inputs of your own

``--realnews-mb M`` writes the Wikinews articles of ``../shared/realnews/`` to one JSONL file,
repeated until it holds M MB; each copy of an article gets its own URL (so its own article id).
Every run's database is compared with the first one's **row by row** (every table the pipeline
stores, the run id left out).

The start-up (~5 s: interpreter, models, dictionaries) is paid once by every configuration, so the
end-to-end ratio of a small corpus is capped by it: with S seconds of start-up and P seconds of
processing on one core, 2 workers give at best (S + P) / (S + P / 2). At 192 articles it is ~30%
of a 1-worker run; ``--articles 1920 --files 48`` shows the end-to-end ratio close to the steady one.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import duckdb


def partition_span(out: Path) -> tuple[float, float, int, float]:
    """From the manifest: first partition start and last partition end (epoch seconds), records, and
    the workers' CPU-seconds spent inside partitions."""
    entries = json.loads((out / "_manifest.json").read_text())["partitions"].values()
    ends = [datetime.fromisoformat(e["finished"]).timestamp() for e in entries]
    starts = [end - e["seconds"] for end, e in zip(ends, entries, strict=True)]
    return min(starts), max(ends), sum(e["records"] for e in entries), sum(e.get("cpu_seconds", 0) for e in entries)


def stored(db: Path) -> tuple[int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()
        mentions = con.execute("SELECT count(*) FROM event_mentions").fetchone()
        return int(articles[0] if articles else 0), int(mentions[0] if mentions else 0)
    finally:
        con.close()


SHARED = Path(os.environ.get("EVENTWIRE_SHARED", Path(__file__).resolve().parent.parent.parent / "shared"))
REALNEWS = SHARED / "realnews" / "wikinews_politics_dev.jsonl"
TABLES = ("articles", "stories", "events", "event_mentions", "actors", "quotes", "places", "inputs",
          "article_signatures")


def write_realnews(target: Path, megabytes: float, source: Path = REALNEWS) -> int:
    """The real-news articles repeated into one JSONL file of ``megabytes`` MB; each copy has its own
    URL. Returns the number of records written."""
    articles = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    written = size = 0
    with target.open("w", encoding="utf-8") as out:
        while size < megabytes * 1e6:
            record = dict(articles[written % len(articles)])
            record["url"] = f"https://en.wikinews.org/wiki/{record['id']}?copy={written // len(articles)}"
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            size += len(line.encode())
            written += 1
    return written


def table_rows(db: Path) -> dict[str, list[str]]:
    """Every stored row of every result table, sorted, minus the run id (a fresh one per run)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table in TABLES:
            cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] != "run_id"]
            quoted = ", ".join(f'"{c}"' for c in cols)
            out[table] = sorted(map(repr, con.execute(f"SELECT {quoted} FROM {table}").fetchall()))
        return out
    finally:
        con.close()


def run_once(paths: list[str], db: Path, workers: int, stages: str) -> dict[str, float]:
    """One `eventwire run` command, timed from start to exit."""
    command = [sys.executable, "-m", "eventwire.cli", "run", "--db", str(db), "-q", *paths]
    if workers:
        command[4:4] = ["--workers", str(workers)]
    env = {**os.environ, "EVENTWIRE_STAGES": stages}
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started, epoch = time.perf_counter(), time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and every process it waited for
    # exit 1 is a run that skipped some inputs, each reported (docs: exit codes), e.g. real-news
    # records with no article text left; every configuration must skip the same ones (rows compared)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    articles, mentions = stored(db)
    parts = Path(f"{db}.parts")
    first, last, records, inside = partition_span(parts) if parts.is_dir() else (epoch, epoch + wall, articles, 0.0)
    span = last - first
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "rate": articles / wall, "steady": records / span, "span": span, "cpu": cpu,
            "articles": articles, "mentions": mentions, "load": load,
            "before": first - epoch, "after": epoch + wall - last, "inside": inside}


def corpus(args: argparse.Namespace, root: Path) -> list[str]:
    """The input paths: given, real news in one file, or a generated corpus in ``args.files`` files."""
    if args.input:
        return [str(Path(p).resolve()) for p in args.input]
    if args.realnews_mb:
        target = root / "realnews.jsonl"
        count = write_realnews(target, args.realnews_mb)
        print(f"wrote {count} real-news records ({REALNEWS.name}, repeated with distinct URLs) to {target}")
        return [str(target)]
    from eventwire.synthetic import generate, write_jsonl

    records = generate(args.articles, seed=42, paragraphs=(4, 8))
    per = -(-len(records) // args.files)
    return [str(write_jsonl(records[i:i + per], root / "in" / f"part{i // per:03d}.jsonl"))
            for i in range(0, len(records), per)]


def main() -> None:
    parser = argparse.ArgumentParser(description="articles/s of `run --workers 1` vs `--workers N`, end to end")
    parser.add_argument("--articles", type=int, default=192)
    parser.add_argument("--files", type=int, default=24, help="JSONL files the corpus is written to")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--stages", default="full", choices=["full", "light"])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each configuration (interleaved)")
    parser.add_argument("--single", action="store_true", help="also time `run` without workers")
    parser.add_argument("--input", nargs="+", default=None, help="run these inputs instead of a generated corpus")
    parser.add_argument("--realnews-mb", type=float, default=None,
                        help="run one JSONL file of this many MB of real news (../shared/realnews) instead")
    args = parser.parse_args()
    configs = ([0] if args.single else []) + list(args.workers)
    runs: dict[int, list[dict[str, float]]] = {w: [] for w in configs}
    first_rows: dict[str, list[str]] | None = None
    same_rows = True
    with tempfile.TemporaryDirectory(prefix="ew-scale-") as tmp:
        root = Path(tmp)
        paths = corpus(args, root)
        print(f"{', '.join(paths) if len(paths) < 4 else f'{len(paths)} files'} "
              f"({sum(Path(p).stat().st_size for p in paths) / 1e6:.1f} MB), {args.stages} stages; "
              f"{os.cpu_count()} CPUs; timed: the whole command, start to exit", flush=True)
        for attempt in range(args.repeat):
            for workers in configs:
                db = root / f"w{workers}-{attempt}.duckdb"
                result = run_once(paths, db, workers, args.stages)
                runs[workers].append(result)
                rows = table_rows(db)
                first_rows = first_rows or rows
                same_rows = same_rows and rows == first_rows
                name = f"--workers {workers}" if workers else "no workers"
                print(f"run {name}: {result['articles']:.0f} articles, {result['mentions']:.0f} event mentions; "
                      f"wall {result['wall']:.1f}s = {result['rate']:.2f} articles/s; steady {result['span']:.1f}s "
                      f"= {result['steady']:.2f} articles/s; {result['cpu']:.1f} CPU-s, "
                      f"{result['cpu'] / result['wall'] / max(workers, 1):.0%} of a core per worker "
                      f"(load average before: {result['load']:.1f})", flush=True)
                if workers:
                    print(f"    {result['before']:.1f}s before the first partition started (interpreter, "
                          f"planning, worker start-up), {result['after']:.1f}s after the last one ended "
                          f"(database load, shutdown); CPU: {result['inside']:.1f}s inside partitions "
                          f"({result['articles'] / max(result['inside'], 1e-9):.1f} articles per CPU-s), "
                          f"{result['cpu'] - result['inside']:.1f}s outside (start-up, coordinator); parallel "
                          f"share of the CPU time {result['inside'] / max(result['cpu'], 1e-9):.0%}", flush=True)
    outcomes = {(r["articles"], r["mentions"]) for rs in runs.values() for r in rs}
    print("same articles and event mentions in every run: " + ("yes" if len(outcomes) == 1 else f"NO {outcomes}"))
    print("every row of every table equal in every run: " + ("yes" if same_rows else "NO"))
    median = {w: (statistics.median(r["rate"] for r in rs), statistics.median(r["steady"] for r in rs))
              for w, rs in runs.items()}
    base = median.get(1)
    if base:
        for workers, (rate, steady) in median.items():
            if workers > 1:
                print(f"speed-up of --workers {workers} over --workers 1 (median of {args.repeat}): "
                      f"wall {rate / base[0]:.2f}x, steady {steady / base[1]:.2f}x")


if __name__ == "__main__":
    main()
