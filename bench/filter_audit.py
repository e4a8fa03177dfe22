"""What each of the coder's filters costs in recall: the events it removes, right and wrong, on a gold split.

Written for the eventwire project. Every article of the split is parsed once; then it is coded once as
shipped and once more with each filter switched off (the filter made to let everything through), and
the events that switching it off adds or removes are matched to the gold (``match_article``):

* ``+right``: an added event matched to a gold event with the right type (recall the filter costs);
* ``+type``: matched, wrong type; ``+false``: matched to no gold event (false events it saves);
* ``-right`` / ``-false``: events that disappear without it (a target it removes can change an event).

``fires`` counts the filter's refusals in the shipped run, decisive or not (another filter may refuse
the same candidate). The filters are those of :func:`eventwire.events.admissible.admitted_candidate`,
the nominal background skip and the statement-type check of the coder, the per-sentence dedupe (and
two of its parts: the cap per sentence, a symmetric event once) and the pair verdict (``FILTERS`` below).

    python bench/filter_audit.py --gold G.jsonl --split train --shared ../shared [--filter NAME] [--list]

``--list`` prints every event a filter's removal adds or removes (training splits only), to find the
condition that separates its right refusals from its wrong ones.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from unittest import mock

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventwire.eval.gold import TRAINING_SPLITS, distributed_texts, load_gold  # noqa: E402
from eventwire.eval.realnews import Produced, match_article  # noqa: E402
from eventwire.events import admissible, building, coder  # noqa: E402
from eventwire.stages import _article_for_text, coding_stages  # noqa: E402

__all__ = ["FILTERS", "Filter", "main"]


@dataclass(frozen=True)
class Filter:
    """One refusal: ``module.name`` made to answer ``open`` (a value, or for a callable that passes its
    input through, ``passthrough``); ``refuses`` tells which of its answers is a refusal."""

    label: str
    module: Any
    name: str
    open: Any = False
    refuses: Any = True


def _first(events: list[Any], *_: Any, **__: Any) -> list[Any]:
    return list(events)


FILTERS = [Filter(n, admissible, n) for n in (
    "is_public_address", "is_home_visit", "is_unasserted", "is_generic_agent", "is_no_event_sense",
    "is_contrasted", "is_leaving_own_body", "is_place_of_event", "is_unnamed_setting", "is_situation",
    "is_no_party", "is_no_target_role", "is_idle_statement", "is_own_side_target", "mobilized_not_target",
    "is_route_place", "is_list_heading")] + [
    Filter("is_actor_argument", admissible, "is_actor_argument", open=True, refuses=False),
    Filter("admissible_target", admissible, "admissible_target", open=True, refuses=False),
    Filter("needs_target", admissible, "needs_target"),
    Filter("protest place (PLACE_PREPS)", admissible, "PLACE_PREPS", open=frozenset(), refuses=None),
    Filter("background nominal", coder, "is_background_mention"),
    Filter("generic nominal", coder, "is_generic_mention"),
    Filter("statement type", coder, "is_statement_type", open=True, refuses=False),
    Filter("dedupe", coder, "dedupe", open=_first, refuses=None),
    Filter("dedupe: sentence cap", building, "MAX_EVENTS_PER_SENTENCE", open=10**6, refuses=None),
    Filter("dedupe: symmetric once", building, "_symmetric_once", open=_first, refuses=None),
    Filter("pair verdict", coder, "judge_events", open=_first, refuses=None),
]


@contextmanager
def _counting(counts: Counter[str]):  # type: ignore[no-untyped-def]
    """Every filter wrapped so that its refusals are counted (the shipped behaviour unchanged)."""
    with ExitStack() as stack:
        for f in FILTERS:
            if f.refuses is None:
                continue
            real = getattr(f.module, f.name)

            def wrapped(*a: Any, _real: Any = real, _f: Filter = f, **k: Any) -> Any:
                answer = _real(*a, **k)
                if bool(answer) == _f.refuses:
                    counts[_f.label] += 1
                return answer

            stack.enter_context(mock.patch.object(f.module, f.name, wrapped))
        yield


def _switched_off(f: Filter):  # type: ignore[no-untyped-def]
    value = f.open if f.refuses is None or not isinstance(f.open, bool) else (lambda *a, _v=f.open, **k: _v)
    return mock.patch.object(f.module, f.name, value)


def _key(event: Any) -> tuple:
    return (event.sentence_index, event.trigger.start, event.source.start,
            event.target.start if event.target else None, event.plover.type)


def _status(gold: list[Any], events: list[Any]) -> dict[tuple, str]:
    pairs = match_article(gold, [Produced.from_event(e) for e in events])
    return {_key(e): ("right" if pairs[i].type_right else "type") if i in pairs else "false"
            for i, e in enumerate(events)}


def _describe(event: Any) -> str:
    target = f"{event.target.text}[{event.target.code}]" if event.target else "-"
    return (f"{event.plover.type:9} {event.source.text}[{event.source.code}] -> {target} "
            f"({event.trigger.text}, {event.rule}) | {event.sentence[:150]}")


def _parsed(args: argparse.Namespace) -> list[tuple[Any, Any, list[Any], list[Any]]]:
    every = [a for a in load_gold(args.gold) if a.split == args.split]
    texts = distributed_texts(args.shared, {a.id for a in every if not a.text})
    stages, out = coding_stages(), []
    for gold in every:
        text = gold.text or texts.get(gold.id, "")
        if not text:
            continue
        article = replace(_article_for_text(text, gold.published), id=gold.id, title=gold.title)
        for doc, _ in stages.parse([(article.text, None)]):
            out.append((doc, article, stages.actors(doc, article), gold.events))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, required=True, help="gold .jsonl file")
    parser.add_argument("--split", default="train", help="split to read (held-out splits: counts only)")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="shared data folder")
    parser.add_argument("--filter", action="append", help="only these filters (label, repeatable)")
    parser.add_argument("--list", action="store_true", help="print each event a filter's removal changes")
    args = parser.parse_args()
    if args.list and args.split not in TRAINING_SPLITS:
        parser.error(f"--list prints sentences; the {args.split!r} split is held out")
    articles = _parsed(args)
    fires: Counter[str] = Counter()
    with _counting(fires):
        shipped = [coder.code_doc(doc, article, actors) for doc, article, actors, _ in articles]
    base = [_status(gold, events) for (_, _, _, gold), events in zip(articles, shipped, strict=True)]
    right = sum(s == "right" for b in base for s in b.values())
    print(f"shipped: {right} right of {sum(len(b) for b in base)} events, {len(articles)} articles")
    print(f"{'filter':30} {'fires':>6} {'+right':>7} {'+type':>6} {'+false':>7} {'-right':>7} {'-false':>7}")
    for f in FILTERS:
        if args.filter and f.label not in args.filter:
            continue
        changed: Counter[str] = Counter()
        lines = []
        with _switched_off(f):
            for (doc, article, actors, gold), before, made in zip(articles, base, shipped, strict=True):
                old = {_key(e): e for e in made}
                events = coder.code_doc(doc, article, actors)
                after = _status(gold, events)
                for e in events:
                    if _key(e) not in before:
                        changed["+" + after[_key(e)]] += 1
                        lines.append(f"  +{after[_key(e)]:5} {_describe(e)}")
                for key, status in before.items():
                    if key not in after:
                        changed["-" + ("right" if status == "right" else "false")] += 1
                        lines.append(f"  -{status:5} {_describe(old[key])}")
        print(f"{f.label:30} {fires[f.label]:6} {changed['+right']:7} {changed['+type']:6} {changed['+false']:7} "
              f"{changed['-right']:7} {changed['-false']:7}")
        if args.list:
            print("\n".join(sorted(lines)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
