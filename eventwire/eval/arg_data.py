"""Training rows for the argument finder: (PLOVER type, sentence) -> the source and target spans of that
type's events in the sentence (:mod:`eventwire.events.arg_tagger` reads them at inference).

One row is one sentence asked about one type. Its spans are every gold source (SRC) and target (TGT) of
the sentence's events of that type (conjoined actors each tagged; the events' pairs are SRC x TGT).
Sources of rows:

* **plv_train and the PLOVER GSR**: the marked pair under the row's PLOVER label (a YIELD row under
  CONCEDE and under RETREAT, the two types it stands for);
* **real news** (the development gold's ``tune`` split, the ``train`` split): each parsed sentence
  under each type of its gold events (positive rows), and under each type a lexicon trigger of the
  sentence suggests and no gold event has (negative rows: every token O). The negatives are what the
  proposer will be asked at inference (a trigger fired, no event of its type is there), so they
  teach the tagger to abstain.

Only the ``tune`` and ``train`` splits are read (``load_gold(..., split=...)``): the ``check`` split and
the outside gold stay held out. ``python -m eventwire.eval.arg_data --shared ../shared --out rows.jsonl``
writes the rows for :mod:`eventwire.eval.train_args` (which runs in the torch environment).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from eventwire.eval.gold import GoldArticle, GoldEvent, distributed_texts, load_gold, refuse_held_out
from eventwire.eval.pair_data import TUNE_GOLD, _find
from eventwire.eval.realnews import _same_sentence
from eventwire.eval.training_data import Example, load_gsr, load_plv, sentence_key
from eventwire.events.arg_proposals import sentence_triggers

__all__ = ["ArgRow", "TRAIN_GOLD", "news_rows", "parsed_sentences", "sentence_rows", "single_rows"]

TRAIN_GOLD = TUNE_GOLD.parent / "wikinews_train_gold.jsonl"
SRC, TGT = "SRC", "TGT"

Span = tuple[int, int, str]


@dataclass(frozen=True)
class ArgRow:
    """One (type, sentence) question with its answer: the role spans (char offsets into ``sentence``).
    ``group`` keeps an article (or a single sentence) on one side of a fold."""

    plover: str
    sentence: str
    spans: tuple[Span, ...]
    group: str
    origin: str  # plv, gsr, tune, train

    @property
    def negative(self) -> bool:
        return not self.spans


# ---------------------------------------------------------------- single-sentence sets


def single_rows(examples: Iterable[Example], origin: str) -> list[ArgRow]:
    """plv_train / GSR rows with a located source: the marked pair under each of the row's types."""
    rows = []
    for ex in examples:
        if ex.source is None:
            continue
        spans: tuple[Span, ...] = ((*ex.source, SRC),) + (((*ex.target, TGT),) if ex.target else ())
        rows += [ArgRow(label, ex.sentence, spans, f"{origin}:{ex.group}", origin) for label in ex.labels]
    return rows


# ---------------------------------------------------------------- real news


def _event_spans(sentence: str, event: GoldEvent) -> list[Span]:
    """The gold event's source and target located in the parsed sentence (a target not found is left out)."""
    source = _find(sentence, event.source.text)
    if source is None:
        return []
    target = _find(sentence, event.target.text, avoid=source) if event.target else None
    return [(*source, SRC)] + ([(*target, TGT)] if target else [])


def sentence_rows(sentence: str, events: Sequence[GoldEvent], suggested: Iterable[str], group: str,
                  origin: str) -> list[ArgRow]:
    """The rows of one news sentence: one per type of its gold events (their spans, an event whose
    source is not found in the sentence dropped), one all-O row per suggested type no event has."""
    by_type: dict[str, list[Span]] = {}
    for event in events:
        spans = _event_spans(sentence, event)
        if spans:
            by_type.setdefault(event.plover, [])
            by_type[event.plover] += [s for s in spans if s not in by_type[event.plover]]
    gold_types = {e.plover for e in events}
    rows = [ArgRow(plover, sentence, tuple(sorted(spans)), group, origin) for plover, spans in sorted(by_type.items())]
    return rows + [ArgRow(plover, sentence, (), group, origin) for plover in sorted(set(suggested) - gold_types)]


def parsed_sentences(shared: Path, articles: Sequence[GoldArticle]) -> list[tuple[GoldArticle, list[tuple[str, set[str]]]]]:
    """Each article whose text is at hand, as ``eventwire run`` parses it: its sentences with the types
    their triggers give."""
    # lazy (start-up): spaCy, the extractor and the lexicon only when training data is built
    from eventwire.events.lexicon import get_lexicon
    from eventwire.extract import extract_text
    from eventwire.stages import coding_stages

    texts = {a.id: a.text for a in articles if a.text} | distributed_texts(shared, {a.id for a in articles if not a.text})
    kept = [a for a in articles if a.id in texts]
    extracted = [extract_text(texts[a.id], published=a.published) for a in kept]
    lexicon = get_lexicon()
    parsed = coding_stages().parse([(a.text, None) for a in extracted])
    return [(article, [(s.text, set(sentence_triggers(s, lexicon))) for s in doc.sents])
            for article, (doc, _) in zip(kept, parsed, strict=True)]


def news_rows(shared: Path, gold_path: Path, split: str, counts: Counter[str]) -> list[ArgRow]:
    """The rows of every article of one split of a gold file (each gold event placed in the first
    parsed sentence it matches)."""
    refuse_held_out(split, gold_path.name)
    rows: list[ArgRow] = []
    for article, sentences in parsed_sentences(shared, load_gold(gold_path, split=split)):
        placed: set[int] = set()
        for text, suggested in sentences:
            here = [g for g in article.events if id(g) not in placed and _same_sentence(g.sentence, text)]
            placed.update(id(g) for g in here)
            rows += sentence_rows(text, here, suggested, f"{split}:{article.id}", split)
        counts[f"{split}_articles"] += 1
        counts[f"{split}_gold_events"] += len(article.events)
        counts[f"{split}_gold_events_placed"] += len(placed)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--tune-gold", type=Path, default=TUNE_GOLD)
    parser.add_argument("--train-gold", type=Path, default=TRAIN_GOLD,
                        help="gold file (or folder of them) holding the train split; skipped when absent")
    args = parser.parse_args(argv)
    counts: Counter[str] = Counter()
    news = news_rows(args.shared, args.tune_gold, "tune", counts)
    if args.train_gold.exists():
        news += news_rows(args.shared, args.train_gold, "train", counts)
    single = single_rows(load_plv(args.shared), "plv") + single_rows(load_gsr(args.shared), "gsr")
    seen = {sentence_key(r.sentence) for r in news}
    kept = [r for r in single if sentence_key(r.sentence) not in seen]  # a news sentence stays in its article's fold
    for row in [*kept, *news]:
        counts[f"{row.origin}_{'negative' if row.negative else 'positive'}_rows"] += 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(asdict(r)) + "\n" for r in [*kept, *news])
    for key in sorted(counts):
        print(f"{key:40} {counts[key]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
