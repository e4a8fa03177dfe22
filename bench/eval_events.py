"""End-to-end event coding figures: gold files, the seed, and events per sentence on news text.

    .venv/bin/python bench/eval_events.py [--shared ../shared] [--no-model] [--limit N] [--model-budget R]
        [--only plv,gsr,petr2,seed,news] [--misses misses.json]

Prints, for each gold file, per-class precision/recall/F1, macro-F1 and the confusion matrix (see
eventwire.eval.coder for the matching rules), pair recall on plv_train, the seed's
required/forbidden check, and on a news sample (the seed and the bundled sample stories) events per
sentence and the share of events with negation/hypothetical modes. Note: plv_train is also the
PLOVER classifier's training data, so its figures with the model are not held-out figures;
``--no-model`` gives the lexicon-only view of the same sentences. ``--misses FILE`` writes the plv_train
pairs no event links, each with a cause (see :func:`miss_cause`), and prints the counts per cause.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


BUDGET: float | None = None  # --model-budget


def _coder(use_model: bool) -> Any:
    from eventwire.events import coder
    from eventwire.events.scoring import MODEL_TOKENS_PER_DOC_TOKEN

    classifier = coder._DEFAULT if use_model else None
    budget = MODEL_TOKENS_PER_DOC_TOKEN if BUDGET is None else BUDGET

    def run(doc: Any, article: Any, actors: Any) -> Any:
        return coder.code_doc(doc, article, actors, classifier=classifier, model_budget=budget)

    return run


def news_texts(shared: Path) -> list[tuple[str, str, str | None]]:
    """(name, article text, published) for the seed body and the bundled sample stories."""
    from eventwire.errors import InputError
    from eventwire.eval.coder import seed_text
    from eventwire.extract import extract_article
    from eventwire.sources import read_sources

    out: list[tuple[str, str, str | None]] = []
    gold_path = shared / "seed" / "seed_gold.json"
    if gold_path.is_file():
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        capture = (shared / "seed" / "000_59cc4f673b5911df.txt").read_text(encoding="utf-8")
        out.append(("seed", seed_text(capture, gold), gold["article"]["published"]))
    samples = ROOT / "eventwire" / "samples" / "text"
    for raw in read_sources([str(samples)], on_skip=lambda uri, why: None):
        try:
            article = extract_article(raw)
        except InputError:
            continue
        out.append((Path(raw.uri).name, article.text, article.published))
    return out


def news_figures(shared: Path, use_model: bool) -> dict[str, Any]:
    from eventwire import nlp
    from eventwire.events.coder import resolve_actors
    from eventwire.records import Article

    code = _coder(use_model)
    texts = news_texts(shared)
    sentences = events = 0
    modes: Counter[str] = Counter()
    types: Counter[str] = Counter()
    model_only = 0
    for (name, text, published), doc in zip(texts, nlp.parse_many([t for _, t, _ in texts]), strict=True):
        article = Article(id=name, uri=name, text=text, published=published)
        coded = code(doc, article, resolve_actors(doc, published))
        sentences += sum(1 for s in doc.sents if s.text.strip())
        events += len(coded)
        for event in coded:
            modes.update(set(event.plover.mode) & {"negation", "hypothetical", "future", "historical"})
            types[event.plover.type] += 1
            model_only += event.rule is None
    return {
        "articles": len(texts),
        "sentences": sentences,
        "events": events,
        "events_per_sentence": round(events / sentences, 3) if sentences else None,
        "share_negation": round(modes["negation"] / events, 3) if events else None,
        "share_hypothetical": round(modes["hypothetical"] / events, 3) if events else None,
        "share_future": round(modes["future"] / events, 3) if events else None,
        "share_historical": round(modes["historical"] / events, 3) if events else None,
        "model_only_events": model_only,
        "types": dict(types.most_common()),
    }


def miss_cause(events: list[Any], offsets: list[int], gold_source: tuple[int, int], gold_target: tuple[int, int],
               has_trigger: bool) -> str:
    """Why no event links a gold pair: ``no-trigger`` (no lexicon word fired in the sentence),
    ``trigger-no-arguments`` (one fired, no event came of it), ``target-missing`` (an event has the
    gold source but no target on the gold target: none, or another phrase), ``source-missing`` (the
    converse), ``swapped`` (source and target exchanged), ``other-pairs`` (events about other actors)."""
    from eventwire.eval.coder import _overlaps

    if not events:
        return "trigger-no-arguments" if has_trigger else "no-trigger"
    source_hit = target_hit = False
    for event in events:
        offset = offsets[event.sentence_index]
        source = (event.source.start + offset, event.source.end + offset)
        target = (event.target.start + offset, event.target.end + offset) if event.target else None
        if target is not None and _overlaps(source, [gold_target]) and _overlaps(target, [gold_source]):
            return "swapped"
        source_hit |= _overlaps(source, [gold_source])
        target_hit |= target is not None and _overlaps(target, [gold_target])
    if source_hit:
        return "target-missing"
    return "source-missing" if target_hit else "other-pairs"


def dump_misses(shared: Path, use_model: bool, out: Path, limit: int | None) -> Counter[str]:
    """Write the missed plv_train pairs (text, gold spans, our events, cause, whether the resolver
    found an actor on each gold span) to ``out`` as JSON; the counts per cause."""
    from eventwire import nlp
    from eventwire.eval.coder import _best_match, _overlaps, _without_dateline, load_gold
    from eventwire.events.coder import resolve_actors, sentence_offsets
    from eventwire.events.lexicon import get_lexicon
    from eventwire.records import Article

    _, items = load_gold(shared / "gold" / "plv_train.tsv")
    items = items[:limit] if limit is not None else items
    lexicon, code = get_lexicon(), _coder(use_model)
    stripped = [_without_dateline(item.text) for item in items]
    causes: Counter[str] = Counter()
    missed: list[dict[str, Any]] = []
    for item, (_, shift), doc in zip(items, stripped, nlp.parse_many([t for t, _ in stripped]), strict=True):
        actors = resolve_actors(doc, None)
        events = code(doc, Article(id=item.key, uri=item.key, text=doc.text), actors)
        offsets = [o + shift for o in sentence_offsets(doc)]
        if _best_match(item, events, offsets, "plv") is not None:
            continue
        (gs, gt), mentions = (item.source_spans[0], item.target_spans[0]), [(a.start + shift, a.end + shift) for a in actors]
        cause = miss_cause(events, offsets, gs, gt, any(lexicon.match(t) for t in doc))
        causes[cause] += 1
        missed.append({"key": item.key, "label": item.label, "cause": cause, "text": item.text,
                       "source": item.text[gs[0]:gs[1]], "target": item.text[gt[0]:gt[1]],
                       "source_is_actor": _overlaps(gs, mentions), "target_is_actor": _overlaps(gt, mentions),
                       "events": [f"{e.trigger.text}|{e.plover.type}|{e.rule}|{e.source.text}|"
                                  f"{e.target.text if e.target else None}" for e in events]})
    out.write_text(json.dumps(missed, indent=1, ensure_ascii=False), encoding="utf-8")
    return causes


def seed_check(shared: Path, use_model: bool) -> dict[str, Any]:
    from eventwire import nlp
    from eventwire.eval.coder import check_seed, seed_text
    from eventwire.events.coder import resolve_actors
    from eventwire.records import Article

    gold = json.loads((shared / "seed" / "seed_gold.json").read_text(encoding="utf-8"))
    capture = (shared / "seed" / "000_59cc4f673b5911df.txt").read_text(encoding="utf-8")
    text = seed_text(capture, gold)
    article = Article(id="seed", uri="seed", text=text, published=gold["article"]["published"])
    doc = nlp.parse(text)
    events = _coder(use_model)(doc, article, resolve_actors(doc, article.published))
    missing, produced = check_seed(events, gold)
    return {"events": len(events), "required": len(gold["required_events"]), "missing": missing,
            "forbidden_produced": produced}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-model", action="store_true", help="lexicon only (no PLOVER classifier)")
    parser.add_argument("--limit", type=int, default=None, help="first N items of each gold file")
    parser.add_argument("--only", default="plv,gsr,petr2,seed,news")
    parser.add_argument("--model-budget", type=float, default=None,
                        help="model tokens per document token (default: the coder's; 0: no limit)")
    parser.add_argument("--misses", type=Path, default=None,
                        help="write the plv_train pairs no event links (with causes) to this JSON file")
    args = parser.parse_args()
    global BUDGET
    BUDGET = args.model_budget
    from eventwire.eval.coder import evaluate_file
    from eventwire.events.classifier import get_classifier

    use_model = not args.no_model
    classifier = get_classifier() if use_model else None
    print(f"classifier: {getattr(classifier, 'name', None)} {getattr(classifier, 'version', '')}".rstrip())
    wanted = set(args.only.split(","))
    gold = args.shared / "gold"
    files = {"plv": gold / "plv_train.tsv", "gsr": gold / "plover_gsr_cameo.json",
             "petr2": gold / "petr2_gsr_validation.xml"}
    for key, path in files.items():
        if key not in wanted:
            continue
        started = time.perf_counter()
        report = evaluate_file(path, limit=args.limit, coder=_coder(use_model))
        print(report.render())
        trained_on = [d for d in (getattr(classifier, "meta", {}) or {}).get("training_data", [])
                      if str(d).split(" ")[0].endswith(path.name)]
        if trained_on:
            print(f"note: the classifier was trained on these sentences ({trained_on[0]}): "
                  "its type figures here are not held-out")
        print(f"({time.perf_counter() - started:.1f} s)\n")
    if "seed" in wanted:
        print("== seed:", json.dumps(seed_check(args.shared, use_model)))
    if "news" in wanted:
        print("== news sample:", json.dumps(news_figures(args.shared, use_model)))
    if args.misses is not None:
        causes = dump_misses(args.shared, use_model, args.misses, args.limit)
        print(f"== plv misses by cause ({sum(causes.values())}, written to {args.misses}):",
              json.dumps(dict(causes.most_common())))


if __name__ == "__main__":
    main()
