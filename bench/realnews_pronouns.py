"""Pronoun actors on the real-news gold: how many gold events with a pronoun source or target are found,
and how many produced events with a pronoun actor are right.

Written for the eventwire project (issue 13). The gold codes an actor "as written -- a pronoun included
-- with the code of whom it refers to" (docs/annotation.md). This script reads a database that
``bench/realnews.py --keep DIR`` wrote and, per split, counts by pronoun:

* gold events whose source or target is a pronoun, and how many of them the scorer matched;
* produced events whose source or target is a pronoun, and how many of them it matched (their
  precision), and how many matched with the pronoun's code right at country level.

    python bench/realnews.py --split tune --keep /tmp/rn     # code the gold (both splits are coded)
    python bench/realnews_pronouns.py --keep /tmp/rn [--list]
    python bench/realnews_pronouns.py --offgold /tmp/offB.jsonl   # pronoun events of an off-gold dump

``--list`` prints each tune event; the check split is held out and only counted. ``--offgold`` lists
the events of a ``bench/realnews_offgold.py --out`` dump whose source or target is a pronoun, by kind,
to be judged one by one.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventwire.eval.gold import GoldArticle, GoldEvent, load_gold  # noqa: E402
from eventwire.eval.realnews import Produced, Score, country_block, score_article  # noqa: E402
from eventwire.eval.report import stored_events  # noqa: E402

GOLD = ROOT / "bench" / "realnews" / "wikinews_dev_gold.jsonl"
# the pronoun kinds this count follows: first person, second person, plural and "it"
KINDS = {
    "first": ("i", "me", "my", "we", "us", "our"),
    "you": ("you", "your"),
    "they": ("they", "them", "their"),
    "it": ("it", "its"),
    "he/she": ("he", "she", "him", "her", "his"),
}
_KIND_OF = {word: kind for kind, words in KINDS.items() for word in words}


def pronoun_kind(text: str | None) -> str | None:
    """The kind of a one-word pronoun actor ("We" -> first), None for anything else ("US" is a state)."""
    word = (text or "").strip()
    return None if len(word) > 1 and word.isupper() else _KIND_OF.get(word.lower())


def _gold_kind(event: GoldEvent) -> str | None:
    return pronoun_kind(event.source.text if event.source else None) or \
        pronoun_kind(event.target.text if event.target else None)


def _made_kind(made: Produced) -> str | None:
    return pronoun_kind(made.source_text) or pronoun_kind(made.target_text)


def list_offgold(dump: Path) -> None:
    """Each pronoun event of an off-gold dump, grouped by kind, with its sentence."""
    rows = [json.loads(line) for line in dump.open(encoding="utf-8")]
    counts: Counter[str] = Counter()
    for kind in KINDS:
        for row in rows:
            if (pronoun_kind(row["source_text"]) or pronoun_kind(row["target_text"])) != kind:
                continue
            counts[kind] += 1
            print(f"{kind:6} {row['plover_type']:9} {row['source_text']} [{row['source_code']}] -> {row['target_text']} "
                  f"[{row['target_code']}] ({row['trigger_text']}) | {row['sentence'][:200]}")
    print(f"{len(rows)} events, with a pronoun actor: " + ", ".join(f"{k} {counts[k]}" for k in KINDS))


class _Tally:
    """Counts by pronoun kind for one split."""

    def __init__(self) -> None:
        self.gold: Counter[str] = Counter()
        self.found: Counter[str] = Counter()
        self.made: Counter[str] = Counter()
        self.right: Counter[str] = Counter()
        self.coded: Counter[str] = Counter()

    def add_article(self, article: GoldArticle, produced: list[Produced], show: bool) -> None:
        """Score one article and count its pronoun events (printing each when ``show``)."""
        total = Score()
        score_article(article, produced, total)
        paired = {id(p.gold) for p in total.pairs}
        by_made = {id(p.made): p for p in total.pairs}
        for event in article.events:
            kind = _gold_kind(event)
            if kind is not None:
                self.gold[kind] += 1
                self.found[kind] += id(event) in paired
                if show:
                    print(f"gold {'FOUND' if id(event) in paired else 'missed':6} {kind:6} {event.plover:9} "
                          f"{event.source.text} -> {event.target.text if event.target else None} | {event.sentence[:110]}")
        for output in produced:
            kind = _made_kind(output)
            if kind is not None:
                self._add_made(kind, output, by_made.get(id(output)), show)

    def _add_made(self, kind: str, output: Produced, pair: Any, show: bool) -> None:
        self.made[kind] += 1
        self.right[kind] += pair is not None
        if pair is not None:
            as_source = pronoun_kind(output.source_text) is not None
            gold_code = pair.gold.source.code if as_source else pair.gold.target.code if pair.gold.target else None
            code = output.source_code if as_source else output.target_code
            self.coded[kind] += country_block(code) == country_block(gold_code)
        if show:
            print(f"made {'RIGHT' if pair is not None else 'false':6} {kind:6} {output.plover:9} {output.source_text} "
                  f"[{output.source_code}] -> {output.target_text} [{output.target_code}] | {output.sentence[:90]}")

    def render(self, split: str) -> str:
        lines = [f"{split}: gold events with a pronoun actor, found / all; produced pronoun events, right / all "
                 f"(right with the pronoun's country code)"]
        for kind in (*KINDS, "all"):
            found, gold, right, made, coded = (sum(c.values()) if kind == "all" else c[kind]
                                               for c in (self.found, self.gold, self.right, self.made, self.coded))
            lines.append(f"  {kind:7} gold {found:3} / {gold:3}    produced {right:3} / {made:3} ({coded} coded right)")
        return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="folder bench/realnews.py --keep wrote")
    parser.add_argument("--list", action="store_true", help="print each tune pronoun event, gold and produced")
    parser.add_argument("--offgold", type=Path, help="list the pronoun events of a realnews_offgold.py dump")
    args = parser.parse_args()
    if args.offgold:
        list_offgold(args.offgold)
        return 0
    if args.keep is None:
        parser.error("pass --keep DIR (from bench/realnews.py --keep) or --offgold DUMP")
    every = load_gold(GOLD)
    made = stored_events(args.keep / "gold.duckdb", [a.id for a in every])
    for split in ("tune", "check"):
        tally = _Tally()
        for article in (a for a in every if a.split == split):
            tally.add_article(article, made.get(article.id, []), show=args.list and split == "tune")
        print(tally.render(split))
    return 0


if __name__ == "__main__":
    sys.exit(main())
