"""Throughput: bare spaCy vs `eventwire run` (single process) on the same generated corpus.

    .venv/bin/python bench/run_throughput.py                    # 300 articles
    .venv/bin/python bench/run_throughput.py --articles 5000 --only eventwire   # peak memory at 5,000

Each side runs in its own child process, so its peak RSS is its own. Model loading is excluded from
the rates (both sides load first, then the clock starts); eventwire's figure includes everything else:
reading JSONL, extraction, paragraph-wise parsing, actors, events, quotes, places, dedup and the
database writes. "Bare spaCy" is the stock pipeline (`spacy.load`, its default components, which are
the ones eventwire needs); eventwire loads the same weights but matches the attribute ruler's rules
through an index (eventwire/nlp_rules.py, same annotations: tests/test_nlp_rules.py). The corpus is written from templates for the eventwire project (eventwire.synthetic).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# the checkout this script is in, measured whatever eventwire the interpreter has installed: a baseline
# run from another worktree with the main .venv would otherwise time the installed (editable) copy
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SPACY_CHILD = """
import json, resource, sys, time
import spacy
from eventwire.settings import get_settings
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp = spacy.load(get_settings().spacy_model)  # the stock pipeline, as a user would run it
nlp("warm up.")
start, cpu = time.perf_counter(), time.process_time()
words = 0
for doc in nlp.pipe(texts, batch_size=64):
    words += len(doc)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "cpu": time.process_time() - cpu, "tokens": words,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

EVENTWIRE_CHILD = """
import json, resource, sys, time
from eventwire.gazetteer import get_gazetteer
from eventwire.stages import get_stages
from eventwire.settings import get_settings
from eventwire.pipeline import run
from eventwire.dedup import StoryIndex
from eventwire.records import Article
stages = get_stages(get_settings().stages)
# warm up every stage (model and dictionary loading is excluded on both sides)
warm_text = "NATO and Russia resumed talks in Brussels on Monday."
warm = Article(id="warm", uri="warm", text=warm_text, published="2024-01-01")
for doc, _ in stages.parse([(warm_text, None)]):
    stages.events(doc, warm, stages.actors(doc, warm))
get_gazetteer()
StoryIndex()
start, cpu = time.perf_counter(), time.process_time()
summary = run([sys.argv[1]], db=sys.argv[2], stages=stages)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "cpu": time.process_time() - cpu, "added": summary.added, "failed": summary.failed,
                  "mentions": summary.mentions,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _child(code: str, *args: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False, env=env)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"child failed with exit code {done.returncode}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300, help="corpus size (default 300)")
    parser.add_argument("--seed", type=int, default=7, help="corpus seed")
    parser.add_argument("--only", choices=["both", "spacy", "eventwire"], default="both")
    args = parser.parse_args()

    from eventwire.synthetic import generate, write_jsonl

    with tempfile.TemporaryDirectory(prefix="ew-bench-") as tmp:
        records = generate(args.articles, seed=args.seed)
        corpus = write_jsonl(records, Path(tmp) / "corpus.jsonl")
        words = sum(len(r["text"].split()) for r in records)
        print(f"corpus: {len(records)} articles, {words} words ({words / len(records):.0f} per article)")
        spacy_rate = eventwire_rate = spacy_cpu = eventwire_cpu = None
        if args.only in ("both", "spacy"):
            bare = _child(SPACY_CHILD, str(corpus))
            spacy_rate = len(records) / bare["seconds"]
            spacy_cpu = len(records) / bare["cpu"]
            print(f"bare spaCy:    {spacy_rate:7.1f} articles/s  ({bare['seconds']:.1f} s wall, "
                  f"{spacy_cpu:.1f} articles per CPU-second, "
                  f"peak {bare['peak_mb']:.0f} MB)")
        if args.only in ("both", "eventwire"):
            ours = _child(EVENTWIRE_CHILD, str(corpus), str(Path(tmp) / "bench.duckdb"))
            eventwire_rate = len(records) / ours["seconds"]
            eventwire_cpu = len(records) / ours["cpu"]
            print(f"eventwire run: {eventwire_rate:7.1f} articles/s  ({ours['seconds']:.1f} s wall, "
                  f"{eventwire_cpu:.1f} articles per CPU-second, "
                  f"peak {ours['peak_mb']:.0f} MB, {ours['added']:.0f} stored, {ours['failed']:.0f} failed, "
                  f"{ours['mentions']:.0f} event mentions)")
        if spacy_rate and eventwire_rate and spacy_cpu and eventwire_cpu:
            print(f"ratio eventwire/spaCy: {eventwire_rate / spacy_rate:.2f} by wall clock, "
                  f"{eventwire_cpu / spacy_cpu:.2f} by CPU time (target >= 0.75; on a shared machine the "
                  f"CPU-time ratio is the steadier one)")


if __name__ == "__main__":
    main()
