"""The tune misses whose sentence got events, but none with the gold's source (source_missed) or target
(target_missed), with the events produced there: to group them by cause (span convention, conjunct
dropped, second event not produced, wrong referent) before changing the actor or argument layers.

Written for the eventwire project (issue 13). Reads the database bench/realnews.py --keep wrote and
scores it as bench/realnews.py does (eventwire/eval/realnews.py); prints each miss with its gold
event and every event produced in its sentence (``[matched]`` when that event matched another gold
event). ``--false`` lists the other side: the produced events that match no gold event
(source_wrong, target_wrong), each with the gold events of its sentence. Only the tune split is read:
the check split stays held out (docs/annotation.md).

    python bench/realnews.py --split tune --keep /tmp/rn
    python bench/realnews_actor_misses.py --keep /tmp/rn [--cause source_missed|target_missed]
    python bench/realnews_actor_misses.py --keep /tmp/rn --false [--cause source_wrong|target_wrong]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventwire.eval.gold import GoldActor, load_gold  # noqa: E402
from eventwire.eval.realnews import Produced, Score, _fp_cause, _miss_cause, _same_sentence, score_article  # noqa: E402
from eventwire.eval.report import stored_events  # noqa: E402

GOLD = ROOT / "bench" / "realnews" / "wikinews_dev_gold.jsonl"
CAUSES = ("source_missed", "target_missed")
FALSE_CAUSES = ("source_wrong", "target_wrong")


def _gold_actor(actor: GoldActor | None) -> str:
    return f"{actor.text!r} ({actor.code})" if actor else "-"


def _made(event: Produced) -> str:
    return f"{event.plover} {event.source_text!r} ({event.source_code}) -> {event.target_text!r} ({event.target_code})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, required=True, help="folder bench/realnews.py --keep wrote")
    parser.add_argument("--cause", choices=CAUSES + FALSE_CAUSES, default=None, help="one cause only (default: both)")
    parser.add_argument("--false", action="store_true", help="list false events (source_wrong, target_wrong) instead")
    args = parser.parse_args()
    gold = load_gold(GOLD)
    made = stored_events(args.keep / "gold.duckdb", [a.id for a in gold])
    if args.false:
        return _list_false(gold, made, args.cause)
    counts = dict.fromkeys(CAUSES, 0)
    for article in (a for a in gold if a.split == "tune"):
        produced = made.get(article.id, [])
        scored = Score()
        score_article(article, produced, scored)
        matched_gold = {id(p.gold) for p in scored.pairs}
        matched_made = {id(p.made) for p in scored.pairs}
        for event in article.events:
            cause = _miss_cause(event, produced) if id(event) not in matched_gold else None
            if cause not in CAUSES or (args.cause and cause != args.cause):
                continue
            counts[cause] += 1
            print(f"== {cause} [{article.id}] {event.plover} {_gold_actor(event.source)} -> {_gold_actor(event.target)}")
            print(f"   {event.sentence[:300]}")
            for m in produced:
                if _same_sentence(event.sentence, m.sentence):
                    print(f"   made: {_made(m)}{'  [matched]' if id(m) in matched_made else ''}")
    print(", ".join(f"{cause} {n}" for cause, n in counts.items() if not args.cause or cause == args.cause))
    return 0


def _list_false(gold: list, made: dict[str, list[Produced]], only: str | None) -> int:
    """Print each tune false event whose sentence has gold events, with those gold events."""
    counts = dict.fromkeys(FALSE_CAUSES, 0)
    for article in (a for a in gold if a.split == "tune"):
        produced = made.get(article.id, [])
        scored = Score()
        score_article(article, produced, scored)
        used_gold = {i for i, g in enumerate(article.events) if any(p.gold is g for p in scored.pairs)}
        matched_made = {id(p.made) for p in scored.pairs}
        for event in (m for m in produced if id(m) not in matched_made):
            cause = _fp_cause(event, article.events, used_gold)
            if cause not in FALSE_CAUSES or (only and cause != only):
                continue
            counts[cause] += 1
            print(f"== {cause} [{article.id}] {_made(event)}")
            print(f"   {event.sentence[:300]}")
            for g in article.events:
                if _same_sentence(g.sentence, event.sentence):
                    print(f"   gold: {g.plover} {_gold_actor(g.source)} -> {_gold_actor(g.target)}")
    print(", ".join(f"{cause} {n}" for cause, n in counts.items() if not only or cause == only))
    return 0


if __name__ == "__main__":
    sys.exit(main())
