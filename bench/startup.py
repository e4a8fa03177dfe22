"""Start-up of one process to its first coded article: `eventwire code` on one short text, wall clock.

    .venv/bin/python bench/startup.py                 # median of 5, warm cache, plus the breakdown
    .venv/bin/python bench/startup.py --runs 9 --cold # also without the prebuilt cache

Every run is the command a user types (``python -m eventwire.cli code FILE``), timed from start to
exit, as a subprocess. **warm**: the prebuilt dictionaries, lexicon, gazetteer and language model are
in the cache directory (one untimed run fills it first); **cold** (``--cold``): a fresh, empty cache
directory for every run, i.e. what every start-up cost before the cache (plus writing it).

The breakdown runs the same steps as `eventwire code` one after another in a child process and times
each: interpreter and CLI import, spaCy import, loading the spaCy pipeline, the actor resolver, the
event lexicon, the PLOVER classifier, the extractor with its language model, then the first article.
Issue 16's goal: <= 1.5 s to the first article. On a shared machine the figures measure the
neighbours too: the load average is printed with them.
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
from pathlib import Path

TEXT = "Russia routed Georgian troops near Gori on Friday, the defence ministry in Moscow said.\n"

BREAKDOWN_CHILD = """
import json, sys, time
marks = [("interpreter start", 0.0)]
t0 = float(sys.argv[2])
def mark(name):
    marks.append((name, time.time() - t0))
import eventwire.cli
mark("import eventwire.cli")
import spacy
mark("import spacy")
from eventwire.nlp import load
load()
mark("spaCy pipeline loaded")
from eventwire.actors import get_resolver
get_resolver()
mark("actor resolver (dictionaries)")
from eventwire.events.lexicon import get_lexicon
get_lexicon()
mark("event lexicon")
from eventwire.events.classifier import get_classifier
get_classifier()
mark("PLOVER classifier")
from eventwire.cli.common import CaptureReader
from eventwire.cli.code import coded_events
events = list(coded_events(CaptureReader((sys.argv[1],)), (), (), True))
mark("first article (extract + language model + parse + code)")
print(json.dumps({"marks": marks, "events": len(events)}))
"""


def timed_run(text_file: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds and CPU seconds of one `eventwire code` command, and the events it printed."""
    command = [sys.executable, "-m", "eventwire.cli", "code", str(text_file)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, len(done.stdout.splitlines())


def series(label: str, text_file: Path, runs: int, env_for_run: list[dict[str, str]]) -> float:
    """Wall clock is the figure; CPU time (user + system) is printed too: on a shared machine it is
    the steadier one (wall then includes waiting for a core)."""
    times, cpus = [], []
    for env in env_for_run[:runs]:
        load = os.getloadavg()[0]
        seconds, cpu, events = timed_run(text_file, env)
        times.append(seconds)
        cpus.append(cpu)
        print(f"  {label}: {seconds:.2f} s wall, {cpu:.2f} CPU-s ({events} events; load average before {load:.1f})",
              flush=True)
    median = statistics.median(times)
    print(f"{label}: median of {runs} = {median:.2f} s wall (min {min(times):.2f}, max {max(times):.2f}); "
          f"CPU median {statistics.median(cpus):.2f} s", flush=True)
    return median


def breakdown(text_file: Path, env: dict[str, str]) -> None:
    started = time.time()
    done = subprocess.run([sys.executable, "-c", BREAKDOWN_CHILD, str(text_file), repr(started)], env=env,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    marks = json.loads(done.stdout.strip().splitlines()[-1])["marks"]
    print(f"breakdown (warm cache, one run, load average {os.getloadavg()[0]:.1f}):")
    for (_, before), (name, at) in zip(marks, marks[1:], strict=False):
        print(f"  {at - before:5.2f} s  {name}")
    print(f"  {marks[-1][1]:5.2f} s  total to the first article")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold", action="store_true", help="also time runs with an empty cache each time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ew-startup-") as tmp:
        root = Path(tmp)
        text_file = root / "short.txt"
        text_file.write_text(TEXT, encoding="utf-8")
        # bytecode is written and used, as in an installed package (pip compiles it at install time):
        # a PYTHONDONTWRITEBYTECODE environment would otherwise compile every module on every start
        base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        warm_env = {**base, "EVENTWIRE_CACHE_DIR": str(root / "cache")}
        timed_run(text_file, warm_env)  # fills the cache; not timed
        print(f"`eventwire code` on one short text, wall clock; {os.cpu_count()} CPUs", flush=True)
        series("warm cache", text_file, args.runs, [warm_env] * args.runs)
        if args.cold:
            cold = [{**base, "EVENTWIRE_CACHE_DIR": str(root / f"cold{i}")} for i in range(args.runs)]
            series("cold (no prebuilt cache)", text_file, args.runs, cold)
        breakdown(text_file, warm_env)


if __name__ == "__main__":
    main()
