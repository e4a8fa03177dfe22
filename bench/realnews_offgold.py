"""Code real-news articles outside the gold, to judge precision on text nobody tuned the coder to.

Written for the eventwire project. Draws a fixed-seed sample of the dev corpus (Wikinews, CC BY 2.5,
credit: Wikinews contributors, en.wikinews.org) among articles of 700 to 3,000 characters that are
in no gold split (``bench/realnews/selection.jsonl``). The draws ``A`` to ``G`` are disjoint:
one is read to find the causes of false events, the other only to measure a change afterwards.
``H`` to ``J`` are drawn the same way from the longer articles (3,000 to 8,000 characters, 100 each,
about as much text as a short draw): the short ones were all read by then. ``K`` and ``L`` split
the brief articles (under 700 characters, 331 in all: wire-style reports, one or two events each) and
``M`` takes the 38 longest (over 8,000 characters): A to J had all been read before.

    python bench/realnews_offgold.py --draw A --out /tmp/offA_base.jsonl            # this checkout
    python bench/realnews_offgold.py --draw B --code-from ../main --out /tmp/offB_base.jsonl
    python bench/realnews_offgold.py --sample 150 /tmp/offA_base.jsonl              # events to judge
    python bench/realnews_offgold.py --diff /tmp/offB_base.jsonl /tmp/offB_new.jsonl  # removed/added

Each output line is one stored event mention with a stable id (article id, sentence, trigger offset).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _realnews_bench() -> Any:
    """bench/realnews.py, by path: the folder bench/realnews/ next to it would shadow it as a package."""
    spec = importlib.util.spec_from_file_location("realnews_bench", ROOT / "bench" / "realnews.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SELECTION = ROOT / "bench" / "realnews" / "selection.jsonl"
SEED = 20261213
MIN_CHARS, MAX_CHARS = 700, 3000
DRAW_SIZE = 200
SHORT_DRAWS = ("A", "B", "C", "D", "E", "F", "G")  # later letters: fresh draws for changes whose earlier diffs were read
LONG_DRAWS = ("H", "I", "J")
LONG_MIN_CHARS, LONG_MAX_CHARS, LONG_DRAW_SIZE = 3001, 8000, 100
BRIEF_DRAWS = ("K", "L")
BRIEF_MIN_CHARS, BRIEF_MAX_CHARS, BRIEF_DRAW_SIZE = 1, 699, 166  # 331 eligible: two halves
LONGEST_DRAWS = ("M",)
LONGEST_MIN_CHARS, LONGEST_MAX_CHARS, LONGEST_DRAW_SIZE = 8001, 10**9, 100  # 38 eligible: all of them
DRAWS = SHORT_DRAWS + LONG_DRAWS + BRIEF_DRAWS + LONGEST_DRAWS
# each family: its draws (in order), the length window, and the draw size
FAMILIES = (
    (SHORT_DRAWS, MIN_CHARS, MAX_CHARS, DRAW_SIZE),
    (LONG_DRAWS, LONG_MIN_CHARS, LONG_MAX_CHARS, LONG_DRAW_SIZE),
    (BRIEF_DRAWS, BRIEF_MIN_CHARS, BRIEF_MAX_CHARS, BRIEF_DRAW_SIZE),
    (LONGEST_DRAWS, LONGEST_MIN_CHARS, LONGEST_MAX_CHARS, LONGEST_DRAW_SIZE),
)
FIELDS = ("sentence", "source_text", "source_code", "target_text", "target_code", "plover_type",
          "cameo", "rule", "reported", "plover_mode", "confidence", "decided_by", "trigger_text")


def draw(records: list[dict], name: str) -> list[dict]:
    """Draw A is the first 200 of one seeded shuffle of the non-gold articles, B the next 200, and so on to G
    (1,426 articles are eligible); H to J take 100 each of the longer non-gold articles the same way, K and L
    halves of the brief ones, M all of the longest."""
    gold = {json.loads(line)["id"] for line in SELECTION.open(encoding="utf-8")}
    names, low, high, size = next(family for family in FAMILIES if name in family[0])
    eligible = [r for r in records if r["id"] not in gold and low <= len(r["text"]) <= high]
    random.Random(SEED).shuffle(eligible)
    start = names.index(name) * size
    return eligible[start:start + size]


def annotated_ids() -> set[str]:
    """The articles of the train and heldout splits (drawn from the same non-gold articles as the draws)."""
    folder = SELECTION.parent
    return {json.loads(line)["id"] for name in ("train_selection.jsonl", "heldout_selection.jsonl")
            for line in (folder / name).open(encoding="utf-8")}


def dump_events(db: Path, records: list[dict], out: Path) -> int:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    cursor = con.execute("SELECT a.uri, m.* FROM event_mentions m JOIN articles a ON a.id = m.article_id "
                         "ORDER BY a.uri, m.sentence_index, m.trigger_start")
    names = [d[0] for d in cursor.description]
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for values in cursor.fetchall():
            row = dict(zip(names, values, strict=True))
            article = records[int(str(row["uri"]).rsplit("#", 1)[1]) - 1]["id"]
            event = {"id": f"{article}/{row['sentence_index']}/{row['trigger_start']}/{row['source_text']}/{row['target_text']}",
                     "article": article, **{k: row.get(k) for k in FIELDS}}
            handle.write(json.dumps(event, default=str) + "\n")
            count += 1
    con.close()
    return count


def load(path: Path) -> list[dict]:
    """The events of a dump, each keyed by article, sentence, trigger offset, source and target text."""
    events = [json.loads(line) for line in path.open(encoding="utf-8")]
    for event in events:
        article, sentence, trigger = event["id"].split("/", 3)[:3]
        event["id"] = f"{article}/{sentence}/{trigger}/{event['source_text']}/{event['target_text']}"
    return events


def show(event: dict) -> str:
    return (f"{event['id']} | {event['plover_type']} {event['cameo']} {event['plover_mode']} | "
            f"{event['source_text']} [{event['source_code']}] -> {event['target_text']} [{event['target_code']}] "
            f"| {event['trigger_text']} | {event['decided_by']}\n    {event['sentence']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--draw", choices=DRAWS)
    parser.add_argument("--code-from", type=Path, default=None, help="code with another checkout")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--sample", type=int, default=0, help="print N random events of a dump to judge")
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--skip-annotated", action="store_true",
                        help="leave out the draw's articles of the train and heldout splits (a model trained on the "
                             "train split has seen them; nobody may read the heldout ones)")
    parser.add_argument("dump", nargs="?", type=Path)
    args = parser.parse_args()
    if args.diff:
        before, after = ({e["id"]: e for e in load(p)} for p in args.diff)
        removed = [before[k] for k in before if k not in after]
        added = [after[k] for k in after if k not in before]
        # same mention, another reading: a code, type or argument changed (shown as the reading after)
        changed = [after[k] for k in after if k in before and show(before[k]) != show(after[k])]
        print(f"before {len(before)}, after {len(after)}: removed {len(removed)}, added {len(added)}, "
              f"changed {len(changed)}")
        for label, events in (("REMOVED", removed), ("ADDED", added), ("CHANGED", changed)):
            for event in events:
                print(f"{label} {show(event)}")
        return 0
    if args.sample:
        events = load(args.dump)
        for event in sorted(random.Random(SEED).sample(events, min(args.sample, len(events))), key=lambda e: e["id"]):
            print(show(event))
        return 0
    bench = _realnews_bench()
    records = draw(bench.corpus_records(args.shared), args.draw)
    if args.skip_annotated:
        records = [r for r in records if r["id"] not in annotated_ids()]
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "offgold.duckdb"
        seconds = bench.run_coder(records, db, args.code_from)
        count = dump_events(db, records, args.out)
    print(f"draw {args.draw}: {len(records)} articles, {count} events, {seconds:.0f} s wall", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
