"""What coding (actors + events) adds to the spaCy time, on the same corpus, in one run.

    .venv/bin/python bench/coding_speed.py [--shared ../shared] [--articles 60] [--batch 16]

Corpus: the bundled sample stories plus the gold article bodies of the article-extraction benchmark
(shared/bench/aeb/ground-truth.json), cut to --articles texts. Times, on one thread: spaCy parsing
(``nlp.parse_many``), then actor resolution and event coding of the parsed docs, once with the PLOVER
classifier (when installed) and once lexicon-only. Prints the ratio coding / spaCy time: the budget
is 0.25. Timings on a shared machine are noisy; run it when the machine is quiet.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("OMP_NUM_THREADS", "1")


def corpus(shared: Path, limit: int) -> list[str]:
    texts: list[str] = []
    for path in sorted((ROOT / "eventwire" / "samples" / "text").glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
    truth = shared / "bench" / "aeb" / "ground-truth.json"
    if truth.is_file():
        bodies = json.loads(truth.read_text(encoding="utf-8"))
        texts.extend(v["articleBody"] for _, v in sorted(bodies.items()) if v.get("articleBody"))
    return texts[:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--threads", type=int, default=None,
                        help="load the classifier with this many onnxruntime threads (default: as shipped)")
    parser.add_argument("--batch", type=int, default=16, help="articles coded per code_docs call")
    args = parser.parse_args()

    from eventwire import nlp
    from eventwire.actors import get_resolver
    from eventwire.events.classifier import get_classifier
    from eventwire.events.coder import code_doc, code_docs
    from eventwire.events.lexicon import get_lexicon
    from eventwire.records import Article

    texts = corpus(args.shared, args.articles)
    nlp.load()
    resolver = get_resolver()
    lexicon = get_lexicon()
    classifier = get_classifier()
    if classifier is not None and args.threads:
        from eventwire.events.classifier import MODEL_NAME, MODELS_DIR, PloverClassifier

        classifier = PloverClassifier(MODELS_DIR / MODEL_NAME, threads=args.threads)
    list(nlp.parse_many(["Warm-up: Russia attacked Georgia."]))  # load and warm the pipeline

    started = time.perf_counter()
    docs = list(nlp.parse_many(texts))
    spacy_s = time.perf_counter() - started
    tokens = sum(len(d) for d in docs)

    started = time.perf_counter()
    mentions = [resolver.resolve(doc) for doc in docs]
    actors_s = time.perf_counter() - started

    articles = [Article(id=str(i), uri=str(i), text=d.text) for i, d in enumerate(docs)]
    # warm the model on a text outside the corpus (the coder caches model answers by input)
    warm = nlp.parse("Warm-up: Russia accused Georgia of shelling villages near the border.")
    code_doc(warm, Article(id="w", uri="w", text=warm.text), resolver.resolve(warm), lexicon=lexicon,
             classifier=classifier)
    timings: dict[str, float] = {}
    counts: dict[str, int] = {}
    for label, model in (("with model", classifier), ("lexicon only", None)):
        if label == "with model" and model is None:
            continue
        started = time.perf_counter()
        # batches of articles, as the pipeline codes them: one classifier call per batch
        items = list(zip(docs, articles, mentions, strict=True))
        counts[label] = sum(len(events) for begin in range(0, len(items), args.batch)
                            for events in code_docs(items[begin:begin + args.batch], lexicon=lexicon,
                                                    classifier=model))
        timings[label] = time.perf_counter() - started

    print(f"corpus: {len(texts)} articles, {tokens} tokens; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores")
    print(f"spaCy parse: {spacy_s:.2f} s ({tokens / spacy_s:.0f} tokens/s)")
    print(f"actor resolution: {actors_s:.2f} s")
    for label, seconds in timings.items():
        ratio = (actors_s + seconds) / spacy_s
        print(f"event coding ({label}): {seconds:.2f} s, {counts[label]} events; "
              f"actors + events / spaCy = {ratio:.3f} (budget 0.25)")


if __name__ == "__main__":
    main()
