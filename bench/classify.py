"""Benchmark the PLOVER classifier: held-out accuracy on plv_train folds, and throughput.

    python bench/classify.py --shared ../shared --folds 5   # k-fold held-out figures (needs .[train])
    python bench/classify.py --shared ../shared --speed     # triples/s of the shipped int8 model
    python bench/classify.py --from-meta                    # the held-out figures `make train` stored

Held-out means: for each of k folds (grouped by sentence text, so no sentence sits on both sides),
a model is trained on the NGEC warm-up stage and the other folds, exported to int8 ONNX, and scored
through onnxruntime on the held-out fold. Accuracy is over 15 classes (CONCEDE + RETREAT = YIELD).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from eventwire.events.classifier import MODEL_NAME, MODELS_DIR, PloverClassifier  # noqa: E402


def heldout(shared: Path, folds: int, threads: int, progress: Path | None,
            only: list[int]) -> dict[str, Any]:
    import torch

    from eventwire.eval.train import DEFAULT_CACHE, Recipe, cross_validate, print_report, warmed_model

    torch.set_num_threads(threads)
    started = time.monotonic()
    recipe = Recipe()
    if progress is not None and not only:
        progress.unlink(missing_ok=True)
    report = cross_validate(shared, folds, recipe, warmed=warmed_model(shared, recipe, DEFAULT_CACHE),
                            progress=progress, only=only)
    report["recipe"] = recipe.__dict__
    print_report(report)
    for fold in report["fold_scores"]:
        print(f"fold {fold['fold']}: n={fold['n']} accuracy={fold['accuracy']:.4f} "
              f"macro-F1={fold['macro_f1']:.4f}")
    print(f"k-fold run took {(time.monotonic() - started) / 60:.1f} min")
    return report


def store_in_meta(model_dir: Path, report: dict[str, Any]) -> None:
    """Record held-out figures in the model card, if they were measured with the model's recipe."""
    from eventwire.eval.train import Recipe

    meta_path = model_dir / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("recipe") != Recipe().__dict__:
        raise SystemExit(f"{meta_path} was trained with another recipe; not writing these figures")
    meta["heldout"] = {k: v for k, v in report.items() if k != "recipe"}
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"held-out figures written to {meta_path}")


def summarize(progress: Path) -> dict[str, Any]:
    from eventwire.eval.train import print_report, summarize_progress

    report = summarize_progress(progress)
    print_report(report)
    for figures in report["fold_scores"]:
        print(f"fold {figures['fold']}: n={figures['n']} accuracy={figures['accuracy']:.4f} "
              f"macro-F1={figures['macro_f1']:.4f}")
    return report


def from_meta(directory: Path) -> None:
    from eventwire.eval.train import print_report

    meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    report = meta.get("heldout")
    if not report:
        raise SystemExit(f"{directory}/meta.json has no held-out figures: run `make train` with --folds")
    print(f"figures stored by the training run of {meta['name']} {meta['version']} on {meta['date']}:")
    print_report(report)


def speed(shared: Path | None, directory: Path, n: int, batch_size: int, threads: int) -> None:
    triples = _speed_triples(shared)
    triples = (triples * (n // len(triples) + 1))[:n]
    classifier = PloverClassifier(directory, threads=threads)
    classifier.predict_many(triples[:64], batch_size=batch_size)  # warm-up
    rates, cpu_rates = [], []
    for _ in range(3):
        started, cpu_started = time.perf_counter(), time.process_time()
        classifier.predict_many(triples, batch_size=batch_size)
        rates.append(len(triples) / (time.perf_counter() - started))
        cpu_rates.append(len(triples) / max(1e-9, time.process_time() - cpu_started))
    print(f"classify throughput: {statistics.median(rates):.0f} triples/s wall clock (median of 3 runs of "
          f"{n} triples, batch {batch_size}, onnxruntime threads {threads or 'default'}; "
          f"runs: {', '.join(f'{r:.0f}' for r in rates)})")
    # on a shared machine the wall figure depends on the load; CPU time does much less
    print(f"  {statistics.median(cpu_rates):.0f} triples per CPU-second "
          f"(load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


def _speed_triples(shared: Path | None) -> list[tuple[str, tuple[int, int] | None, tuple[int, int] | None]]:
    if shared is not None and (shared / "gold/plv_train.tsv").is_file():
        from eventwire.eval.train import load_plv

        return [(e.sentence, e.source, e.target) for e in load_plv(shared)]
    # without shared/: a sentence written for the eventwire project, of typical news length
    sentence = ("The defence ministry said on Tuesday that government aircraft struck rebel positions "
                "near the northern border town, killing at least twelve fighters.")
    return [(sentence, (4, 20), (85, 100))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared/ folder")
    parser.add_argument("--model", type=Path, default=MODELS_DIR / MODEL_NAME, help="model folder")
    parser.add_argument("--folds", type=int, default=0, help="run a k-fold held-out evaluation (k >= 2)")
    parser.add_argument("--speed", action="store_true", help="measure classify throughput")
    parser.add_argument("--progress", type=Path, default=None,
                        help="with --folds: append each finished fold's predictions to this JSONL file")
    parser.add_argument("--only-fold", type=int, action="append", default=[],
                        help="with --folds: run just this fold (1-based; repeatable), e.g. one per process")
    parser.add_argument("--summarize", type=Path, default=None,
                        help="print the figures over the folds recorded in a --progress file")
    parser.add_argument("--write-meta", action="store_true",
                        help="with --folds or --summarize: store the figures in the model's meta.json")
    parser.add_argument("--from-meta", action="store_true", help="print the figures stored in meta.json")
    parser.add_argument("-n", type=int, default=2000, help="triples per speed run")
    parser.add_argument("--batch-size", type=int, default=32, help="speed: triples per model call")
    parser.add_argument("--threads", type=int, default=2, help="CPU threads (torch or onnxruntime)")
    args = parser.parse_args()
    if not (args.folds or args.speed or args.from_meta or args.summarize):
        parser.error("choose --folds K, --summarize FILE, --speed or --from-meta")
    if args.from_meta:
        from_meta(args.model)
    report = None
    if args.folds:
        report = heldout(args.shared, args.folds, args.threads, args.progress, args.only_fold)
    elif args.summarize:
        report = summarize(args.summarize)
    if args.write_meta and report is not None:
        store_in_meta(args.model, report)
    if args.speed:
        speed(args.shared if args.shared.is_dir() else None, args.model, args.n, args.batch_size, args.threads)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
