"""Real-news benchmark: the coder on whole Wikinews articles against the annotated development gold.

Written for the eventwire project. The gold (``bench/realnews/wikinews_dev_gold.jsonl``, guidelines in
``docs/annotation.md``; articles CC BY 2.5, credit: Wikinews contributors) is coded with
``eventwire run`` into a fresh database, exactly as a user would, and each stored event mention is
matched against the gold (method: ``eventwire/eval/realnews.py``).

    python bench/realnews.py                       # tune, check and all, with error causes
    python bench/realnews.py --code-from DIR       # code with another checkout (before/after figures)
    python bench/realnews.py --corpus              # + the whole dev corpus: uncoded sources, events/article
    python bench/realnews.py --check-gold          # only check the gold file

Figures: precision, recall (source and target found), type right on found, modality right on found,
both actor codes right (country; country + sector), events per article, the reliability table of
``confidence``, and the causes of false events and misses.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventwire.eval.gold import (  # noqa: E402
    REALNEWS_CORPUS,
    GoldArticle,
    check_gold,
    distributed_texts,
    load_gold,
    report_splits,
)
from eventwire.eval.realnews import score  # noqa: E402
from eventwire.eval.report import corpus_figures, render, stored_events  # noqa: E402

GOLD = ROOT / "bench" / "realnews" / "wikinews_dev_gold.jsonl"


def corpus_records(shared: Path) -> list[dict]:
    path = shared / REALNEWS_CORPUS
    if not path.is_file():
        sys.exit(f"no real-news corpus at {path}: pass --shared DIR (the folder holding realnews/)")
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def run_coder(records: list[dict], db: Path, code_from: Path | None) -> float:
    """``eventwire run`` on the records (one JSONL) into ``db``; returns the wall-clock seconds."""
    source = db.with_suffix(".jsonl")
    with source.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps({k: record[k] for k in ("id", "title", "text", "published") if k in record}) + "\n")
    env = dict(os.environ)
    if code_from is not None:
        env["PYTHONPATH"] = str(code_from.resolve())
    elif env.get("PYTHONPATH"):
        # the coder runs from the database's folder: a relative entry ("PYTHONPATH=.") would no longer
        # name the checkout it was meant to, and the installed eventwire would code the gold unnoticed
        env["PYTHONPATH"] = os.pathsep.join(str(Path(entry).resolve()) for entry in env["PYTHONPATH"].split(os.pathsep)
                                            if entry)
    started = time.perf_counter()
    # run from the database's folder: `python -m` puts the working directory first on sys.path, and a
    # checkout there would shadow the one asked for
    done = subprocess.run([sys.executable, "-m", "eventwire.cli", "run", str(source.resolve()), "--db",
                           str(db.resolve()), "-q"], env=env, check=False, cwd=db.resolve().parent)
    if done.returncode not in (0, 1) or not db.is_file():  # 1: some documents failed, reported on stderr
        sys.exit(f"eventwire run failed with exit code {done.returncode}")
    return time.perf_counter() - started


def gold_records(gold: list[GoldArticle], shared: Path) -> list[dict]:
    texts = {a.id: a.text for a in gold if a.text}
    missing = {a.id for a in gold} - set(texts)
    if missing:
        texts.update(distributed_texts(shared, missing))
        if missing - set(texts):
            sys.exit(f"no text for {len(missing - set(texts))} gold article(s), e.g. {sorted(missing - set(texts))[0]}: "
                     "pass --shared DIR (the folder holding realnews/ and bench/aeb/)")
    return [{"id": a.id, "title": a.title, "text": texts[a.id], "published": a.published} for a in gold]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold .jsonl file or folder of them")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--split", default=None, help="one split only: tune, check, all, or a split another "
                        "gold file names (default: each split of the gold, then all)")
    parser.add_argument("--code-from", type=Path, default=None, help="checkout whose eventwire codes the gold")
    parser.add_argument("--db", type=Path, default=None, help="score this database instead of coding anew")
    parser.add_argument("--keep", type=Path, default=None, help="folder to keep the databases in")
    parser.add_argument("--corpus", action="store_true", help="also code the whole dev corpus (slow)")
    parser.add_argument("--corpus-limit", type=int, default=None, help="only the first N corpus articles")
    parser.add_argument("--check-gold", action="store_true", help="check the gold file and stop")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    gold = load_gold(args.gold)
    if args.check_gold:
        texts = distributed_texts(args.shared, {a.id for a in gold if not a.text})
        problems = check_gold(gold, texts)
        print("\n".join(problems) or f"{len(gold)} articles, {sum(len(a.events) for a in gold)} events: sound")
        return 1 if problems else 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="ew-realnews-"))
    work.mkdir(parents=True, exist_ok=True)
    stale = [work / name for name in ("gold.duckdb", "corpus.duckdb") if (work / name).exists()]
    if args.db is None and stale:
        # coding into a kept database skips the articles it already holds, so the figures would be the
        # earlier run's, not this code's
        print(f"error: {stale[0]} is left from an earlier run; score it with --db {work / 'gold.duckdb'}, "
              "or give --keep an empty folder", file=sys.stderr)
        return 2
    db = args.db
    if db is None:
        db = work / "gold.duckdb"
        seconds = run_coder(gold_records(gold, args.shared), db, args.code_from)
        print(f"coded {len(gold)} gold articles in {seconds:.0f} s", file=sys.stderr)
    produced = stored_events(db, [a.id for a in gold])
    splits = [args.split] if args.split else report_splits(gold)
    scores = {s: score([a for a in gold if s in ("all", a.split)], produced) for s in splits}
    result: dict = {s: sc.figures() for s, sc in scores.items()}
    if args.corpus:
        records = corpus_records(args.shared)[: args.corpus_limit]
        corpus_db = work / "corpus.duckdb"
        seconds = run_coder(records, corpus_db, args.code_from)
        result["corpus"] = corpus_figures(corpus_db, len(records)) | {"seconds": round(seconds)}
    if args.json:
        print(json.dumps(result | {"reliability": {s: sc.reliability() for s, sc in scores.items()}}, indent=1))
    else:
        print(render(scores))
        if "corpus" in result:
            print("\nwhole dev corpus: " + ", ".join(f"{k} {v}" for k, v in result["corpus"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
