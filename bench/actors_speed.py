"""Cost of actor resolution relative to the spaCy parse of the same articles.

    .venv/bin/python bench/actors_speed.py [--shared ../shared] [--limit 80] [--actors FILE ...]

Corpus: the article bodies of the Zyte article-extraction benchmark (``bench/aeb/ground-truth.json``
in the shared folder: real news pages, MIT). The texts are parsed once with ``eventwire.nlp``
(timed: words/s), then resolved with the default resolver (timed; the dictionaries are loaded and
one article resolved before the clock starts, so one-time loading is not counted). Prints spaCy
words/s, resolution words/s and the ratio resolution/spaCy (the target is <= 10%). A second line
times a synthetic article with thousands of names to show resolution stays linear.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the shared data folder")
    parser.add_argument("--limit", type=int, default=80, help="articles to use (0: all 181)")
    parser.add_argument("--actors", nargs="*", default=[], help="extra dictionaries (YAML or PETRARCH .txt)")
    args = parser.parse_args()
    from eventwire.actors import ActorResolver
    from eventwire.nlp import load, parse, parse_many

    truth = json.loads((Path(args.shared) / "bench/aeb/ground-truth.json").read_text(encoding="utf-8"))
    texts = [item["articleBody"] for item in truth.values() if item.get("articleBody")]
    if args.limit:
        texts = texts[: args.limit]
    words = sum(len(t.split()) for t in texts)
    load()
    parse("Warm-up sentence for the pipeline.")
    started = time.perf_counter()
    docs = list(parse_many(texts))
    spacy_seconds = time.perf_counter() - started

    resolver = ActorResolver(args.actors)
    resolver.resolve(docs[0], "2020-01-01")  # warm-up: builds lazy tables (cities) outside the clock
    started = time.perf_counter()
    mentions = sum(len(resolver.resolve(doc, "2020-01-01")) for doc in docs)
    resolve_seconds = time.perf_counter() - started

    print(f"articles: {len(texts)}  words: {words}  mentions: {mentions}")
    print(f"spaCy parse:      {spacy_seconds:7.2f}s  {words / spacy_seconds:9.0f} words/s")
    print(f"actor resolution: {resolve_seconds:7.2f}s  {words / resolve_seconds:9.0f} words/s")
    print(f"ratio resolution/spaCy: {resolve_seconds / spacy_seconds:.1%} (target <= 10%)")

    # Linearity: one long article full of names, resolved at two sizes.
    unit = ("President Barack Obama met Russian President Dmitry Medvedev and Lavrov in Moscow. "
            "He said Georgian troops and U.S. officials agreed. ")
    timings = []
    for repeat in (100, 400):
        doc = parse(unit * repeat)
        started = time.perf_counter()
        resolver.resolve(doc, "2009-06-27")
        timings.append((len(doc), time.perf_counter() - started))
    (small_n, small_t), (big_n, big_t) = timings
    print(f"long article: {small_n} tokens {small_t:.3f}s, {big_n} tokens {big_t:.3f}s "
          f"(x{big_n / small_n:.0f} tokens -> x{big_t / small_t:.1f} time)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
