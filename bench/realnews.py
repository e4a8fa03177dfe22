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

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventwire.eval.gold import GoldArticle, check_gold, load_gold  # noqa: E402
from eventwire.eval.realnews import FP_CAUSES, MISS_CAUSES, Produced, Score, score  # noqa: E402

GOLD = ROOT / "bench" / "realnews" / "wikinews_dev_gold.jsonl"
CORPUS = Path("realnews") / "wikinews_politics_dev.jsonl"
SPLITS = ("tune", "check", "all")


def corpus_records(shared: Path) -> list[dict]:
    path = shared / CORPUS
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
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "eventwire.cli", "run", str(source), "--db", str(db), "-q"],
                          env=env, check=False)
    if done.returncode not in (0, 1) or not db.is_file():  # 1: some documents failed, reported on stderr
        sys.exit(f"eventwire run failed with exit code {done.returncode}")
    return time.perf_counter() - started


def stored_events(db: Path, ids_by_line: list[str]) -> dict[str, list[Produced]]:
    """Every stored event mention, by gold article id (JSONL line ``name#N`` is the N-th record)."""
    con = duckdb.connect(str(db), read_only=True)
    cursor = con.execute("SELECT a.uri, m.* FROM event_mentions m JOIN articles a ON a.id = m.article_id "
                         "ORDER BY a.uri, m.sentence_index, m.trigger_start")
    names = [d[0] for d in cursor.description]
    produced: dict[str, list[Produced]] = {}
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        line = int(str(row["uri"]).rsplit("#", 1)[1])
        produced.setdefault(ids_by_line[line - 1], []).append(Produced(
            sentence=row["sentence"], source_text=row["source_text"] or "", source_code=row["source_code"],
            target_text=row["target_text"], target_code=row["target_code"], plover=row["plover_type"],
            mode=list(row["plover_mode"] or []), confidence=float(row["confidence"] or 0.0),
            reported=bool(row.get("reported")), decided_by=row.get("decided_by")))
    con.close()
    return produced


def render(scores: dict[str, Score]) -> str:
    names = list(scores)
    figures = {name: s.figures() for name, s in scores.items()}
    keys = list(next(iter(figures.values())))
    lines = [f"{'':30}" + "".join(f"{n:>10}" for n in names)]
    lines += [f"{k:30}" + "".join(f"{figures[n][k]:>10}" for n in names) for k in keys]
    lines.append("\nfalse events by cause (events produced that match no gold event)")
    lines += [f"  {c:22}" + "".join(f"{scores[n].fp_causes[c]:>8}" for n in names) + f"   {why}"
              for c, why in FP_CAUSES.items()]
    lines.append("missed gold events by cause")
    lines += [f"  {c:22}" + "".join(f"{scores[n].miss_causes[c]:>8}" for n in names) + f"   {why}"
              for c, why in MISS_CAUSES.items()]
    for name in names:
        lines.append(f"\nreliability of confidence ({name}): bin, events, share right (matched, type right)")
        lines += [f"  {b:>9} {n:>6} {r:>7}" for b, n, r in scores[name].reliability()]
    return "\n".join(lines)


def corpus_figures(db: Path, articles: int) -> dict[str, float | int]:
    con = duckdb.connect(str(db), read_only=True)
    total, uncoded, coded_only = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE source_code IS NULL), "
        "count(*) FILTER (WHERE source_code IS NOT NULL AND (target_text IS NULL OR target_code IS NOT NULL)) "
        "FROM event_mentions").fetchone()
    con.close()
    return {"articles": articles, "event_mentions": total, "events_per_article": round(total / articles, 2),
            "source_uncoded_share": round(uncoded / total, 3) if total else 0.0,
            "coded_only_share": round(coded_only / total, 3) if total else 0.0}


def gold_records(gold: list[GoldArticle], shared: Path) -> list[dict]:
    texts = {a.id: a.text for a in gold if a.text}
    if len(texts) < len(gold):
        texts.update({r["id"]: r["text"] for r in corpus_records(shared) if r["id"] not in texts})
    return [{"id": a.id, "title": a.title, "text": texts[a.id], "published": a.published} for a in gold]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold .jsonl file or folder of them")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--split", choices=SPLITS, default=None, help="one split only (default: all three)")
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
        texts = {r["id"]: r["text"] for r in corpus_records(args.shared)} if (args.shared / CORPUS).is_file() else {}
        problems = check_gold(gold, texts)
        print("\n".join(problems) or f"{len(gold)} articles, {sum(len(a.events) for a in gold)} events: sound")
        return 1 if problems else 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="ew-realnews-"))
    work.mkdir(parents=True, exist_ok=True)
    db = args.db
    if db is None:
        db = work / "gold.duckdb"
        seconds = run_coder(gold_records(gold, args.shared), db, args.code_from)
        print(f"coded {len(gold)} gold articles in {seconds:.0f} s", file=sys.stderr)
    produced = stored_events(db, [a.id for a in gold])
    splits = [args.split] if args.split else list(SPLITS)
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
