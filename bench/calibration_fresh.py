"""Is the confidence honest on articles nobody tuned the coder on? Reliability on fresh labelled events.

Written for the eventwire project. ``bench/realnews.py`` reports the reliability of ``confidence`` on
the real-news gold, but its ``tune`` split is what the rules were tuned on, so events there are right
more often than on new articles. This codes the 60 fresh development articles of
``bench/realnews/fresh_precision_labels.json`` (not in the gold) with ``eventwire run`` and reads the
reliability table of the stored confidence on the events that were labelled right or wrong by hand
(how they were drawn and judged: the file's ``about``). Events the current coder produces that were
not labelled (a rule changed since) are counted and left out; labelled events it no longer produces
too.

    python bench/calibration_fresh.py --shared ../shared [--keep DIR]
    EVENTWIRE_CALIBRATION=off python bench/calibration_fresh.py --shared ../shared   # the raw blend
    python bench/calibration_fresh.py --shared ../shared --cv   # can the features tell right from wrong here?

``--cv`` codes with ``EVENTWIRE_CALIBRATION=off`` and fits the calibration's own model (the features and
encodings of ``tools/fit_calibration.py``, at the penalty shipped in calibration.json) on these labels,
its folds of whole articles x ``REPEATS`` shuffles, and prints its held-out log loss next to that of the
share right of the other folds alone.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from realnews import corpus_records, run_coder  # noqa: E402

from eventwire.eval.realnews import Produced, reliability  # noqa: E402
from eventwire.eval.report import stored_events  # noqa: E402
from eventwire.events.calibration import CALIBRATION_FILE  # noqa: E402

sys.path.insert(0, str(ROOT / "tools"))
from fit_calibration import FOLDS, Examples, folds, out_of_fold  # noqa: E402

LABELS = ROOT / "bench" / "realnews" / "fresh_precision_labels.json"
REPEATS = 10


def _key(article_id: str, sentence_index: int, trigger: str | None, source: str | None, target: str | None,
         plover: str | None) -> tuple[object, ...]:
    return article_id, int(sentence_index), trigger or "", source or "", target or "", plover or ""


def labelled_events(db: Path, articles: list[str], labels: dict[tuple[object, ...], bool]
                    ) -> tuple[list[tuple[Produced, bool, int]], int, int]:
    """(event, right, article number) of the produced events that carry a label; produced events
    without one; labelled events no longer produced."""
    found, unlabelled, seen = [], 0, set()
    for number, (article_id, events) in enumerate(stored_events(db, articles).items()):
        for event in events:
            row = event.row
            key = _key(article_id, row["sentence_index"], row["trigger_text"], row["source_text"],
                       row["target_text"], row["plover_type"])
            if key in labels and key not in seen:
                seen.add(key)
                found.append((event, labels[key], number))
            else:
                unlabelled += 1
    return found, unlabelled, len(labels) - len(seen)


def held_out_log_loss(found: list[tuple[Produced, bool, int]], with_features: bool, penalty: float) -> float:
    """Log loss of the calibration model fitted on the other articles' labels (each fold held out);
    without features, of the other folds' share right."""
    data = Examples.of([event.row for event, _, _ in found], [float(right) for _, right, _ in found],
                       [str(number) for _, _, number in found], ["train"] * len(found))
    losses = []
    for repeat in range(REPEATS):
        if with_features:
            p = out_of_fold(data, penalty, 1.0, repeat)
        else:
            fold_of = folds(data.groups, FOLDS, repeat)
            p = np.array([data.y[fold_of != fold].mean() for fold in fold_of])
        p = np.clip(p, 1e-6, 1 - 1e-6)
        losses.append(float(-(data.y * np.log(p) + (1 - data.y) * np.log(1 - p)).mean()))
    return float(np.mean(losses))


def render(pairs: list[tuple[float, bool]]) -> list[str]:
    lines = ["reliability of confidence (fresh articles): bin, events, share right"]
    for label, count, share in reliability(pairs):
        lines.append(f"{label:>11} {count:>6} {(f'{share:.3f}' if count else '-'):>7}")
    if pairs:  # proper scores: lower is better; a constant at the share right scores Brier = p(1-p)
        brier = sum((confidence - right) ** 2 for confidence, right in pairs) / len(pairs)
        clipped = [(min(max(confidence, 1e-3), 1 - 1e-3), right) for confidence, right in pairs]
        loss = -sum(math.log(c if right else 1 - c) for c, right in clipped) / len(pairs)
        mean = sum(confidence for confidence, _ in pairs) / len(pairs)
        lines.append(f"  mean confidence {mean:.3f}, Brier {brier:.4f}, log loss {loss:.4f}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--keep", type=Path, default=None, help="code into this folder and keep the database")
    parser.add_argument("--cv", action="store_true", help="fit the calibration's model on these labels, "
                        "across articles, and compare it with the share right alone")
    args = parser.parse_args()
    if args.cv:
        os.environ["EVENTWIRE_CALIBRATION"] = "off"  # the features read the raw confidence
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    articles: list[str] = data["articles"]
    labels = {_key(e["id"], e["sentence_index"], e["trigger"], e["source"], e["target"], e["plover"]): bool(e["right"])
              for e in data["events"]}
    texts = {r["id"]: r for r in corpus_records(args.shared)}
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ew-fresh-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "fresh.duckdb"
    if not db.is_file():
        run_coder([texts[a] for a in articles], db, None)
    found, unlabelled, gone = labelled_events(db, articles, labels)
    pairs = [(event.confidence, right) for event, right, _ in found]
    right = sum(r for _, r in pairs)
    print(f"{len(articles)} fresh articles: {len(pairs)} labelled events produced, {right} right "
          f"({right / max(len(pairs), 1):.3f}); {unlabelled} produced events without a label; "
          f"{gone} labelled events no longer produced")
    print("\n".join(render(pairs)))
    if args.cv:
        penalty = float(json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))["fitted_on"]["penalty"])
        print(f"held-out log loss, folds of whole articles x {REPEATS} shuffles (penalty {penalty}): "
              f"share right alone {held_out_log_loss(found, False, penalty):.4f}, "
              f"the calibration's features {held_out_log_loss(found, True, penalty):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
