"""Fit the event-confidence calibration on the gold sentence sets; choose and test it on real news.

Written for the eventwire project.

Training data: the gold sentence sets of ``../shared/gold`` (``SENTENCE_SETS``: the PLOVER GSR
sentences and plv_train), coded one sentence at a time as ``eventwire eval`` codes them, with
``EVENTWIRE_CALIBRATION=off`` (calibration never changes which events are produced, so these are the
events the calibrated coder makes). A produced event is right when it is the event ``eventwire eval``
pairs with a gold event (source and target) and has its type; every other event of the sentence counts
as wrong (those sets code one event per sentence, so this label is strict). Features: ``FEATURES`` of
``eventwire/events/calibration.py``.

Choice and test: the real-news development gold (``bench/realnews/wikinews_dev_gold.jsonl``, Wikinews,
CC BY 2.5, guidelines in ``docs/annotation.md``), coded whole with ``eventwire run`` and scored as
``bench/realnews.py`` scores it (right = matched with the right PLOVER type). Its ``tune`` split is
never fitted on by the written calibration: the penalty is the one whose fit has the lowest log loss on
tune among those whose tune reliability table is monotone with >= 80% right at >= 0.8 (ties within
``TIE``: the most events at >= 0.8, then the firmer penalty). For comparison the script prints, on the same tune events and with
``FOLDS`` folds of whole articles x ``REPEATS`` shuffles, the held-out log loss of the share right
alone, of the raw confidence alone, and of the same features fitted on tune itself. ``--check`` prints
the reliability table of the ``check`` split, which is held out: look at it once, after choosing.

    python tools/fit_calibration.py --shared ../shared [--db GOLD.duckdb] [--write] [--check]

Method: logistic regression with an L2 penalty on the weights (not the intercept), by iteratively
reweighted least squares. Runs in about 4 minutes (the plv_train sentences take most of it).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

os.environ["EVENTWIRE_CALIBRATION"] = "off"  # every event is coded with (and keeps) its raw confidence

from realnews import GOLD, gold_records, run_coder  # noqa: E402

from eventwire.eval import coder as sentence_eval  # noqa: E402
from eventwire.eval.gold import GoldArticle, load_gold  # noqa: E402
from eventwire.eval.realnews import RELIABILITY_BINS, Produced, score  # noqa: E402
from eventwire.eval.report import stored_events  # noqa: E402
from eventwire.events.calibration import CALIBRATION_FILE, FEATURES, features  # noqa: E402
from eventwire.records import Event  # noqa: E402

SENTENCE_SETS = ("plover_gsr_cameo.json", "plv_train.tsv")
PENALTIES = (0.25, 1.0, 4.0, 16.0)
FOLDS, REPEATS = 8, 10
#: log losses closer than this are a tie (the firmer penalty wins)
TIE = 0.001


class Data:
    """Feature rows, labels (right = 1), groups (article or sentence) and raw confidences of events."""

    def __init__(self) -> None:
        self.rows: list[list[float]] = []
        self.labels: list[float] = []
        self.groups: list[int] = []
        self.raw: list[float] = []

    def add(self, values: dict[str, float], right: bool, group: int, raw: float) -> None:
        self.rows.append([values[name] for name in FEATURES])
        self.labels.append(float(right))
        self.groups.append(group)
        self.raw.append(raw)

    @property
    def x(self) -> np.ndarray:
        return np.array(self.rows, dtype=float).reshape(-1, len(FEATURES))

    @property
    def y(self) -> np.ndarray:
        return np.array(self.labels, dtype=float)


def realnews_data(articles: list[GoldArticle], produced: dict[str, list[Produced]]) -> Data:
    """One split of the real-news gold: every stored event, right as bench/realnews.py counts it."""
    data = Data()
    for number, article in enumerate(articles):
        made = score([article], produced).made_events
        per_sentence = Counter(event.row["sentence_index"] for event, _ in made)
        for event, right in made:
            data.add(features(event.row, per_sentence[event.row["sentence_index"]]), right, number, event.confidence)
    return data


def sentence_data(shared: Path) -> Data:
    """The gold sentence sets, each sentence coded alone as ``eventwire eval`` codes it."""
    data = Data()
    for name in SENTENCE_SETS:
        fmt, items = sentence_eval.load_gold(shared / "gold" / name)
        texts = list(dict.fromkeys((item.text, item.published) for item in items))
        position = {text: index for index, text in enumerate(texts)}
        coded = sentence_eval.code_sentences([t for t, _ in texts], [p for _, p in texts])
        right: set[tuple[int, str]] = set()
        for item in items:
            index = position[(item.text, item.published)]
            best = sentence_eval._best_match(item, coded[index][0], coded[index][1], fmt)
            if best is not None and sentence_eval._event_label(best, fmt) == item.label:
                right.add((index, best.id))
        before, first_group = len(data.labels), len(data.groups) and max(data.groups) + 1
        for index, (events, _) in enumerate(coded):
            _add_events(data, events, right, index, first_group + index)
        print(f"{name}: {len(texts)} sentences, {len(data.labels) - before} events, "
              f"{int(sum(data.labels[before:]))} right")
    return data


def _add_events(data: Data, events: list[Event], right: set[tuple[int, str]], index: int, group: int) -> None:
    per_sentence = Counter(event.sentence_index for event in events)
    for event in events:
        data.add(features(event, per_sentence[event.sentence_index]), (index, event.id) in right, group,
                 event.confidence)


def fit(x: np.ndarray, y: np.ndarray, penalty: float) -> np.ndarray:
    """Intercept first, then one weight per column: penalised logistic regression by IRLS."""
    a = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(a.shape[1])
    prior = np.full(a.shape[1], penalty)
    prior[0] = 0.0
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-np.clip(a @ w, -30, 30)))
        gradient = a.T @ (y - p) - prior * w
        hessian = (a * (p * (1 - p))[:, None]).T @ a + np.diag(prior) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w += step
        if np.abs(step).max() < 1e-8:
            break
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(w[0] + x @ w[1:], -30, 30)))


def across_articles(data: Data, x: np.ndarray, penalty: float) -> np.ndarray:
    """REPEATS rows of out-of-fold predictions: each article predicted by a fit without it."""
    groups, y = np.array(data.groups), data.y
    articles = int(groups.max()) + 1
    out = np.zeros((REPEATS, len(y)))
    for repeat in range(REPEATS):
        order = np.random.default_rng(repeat).permutation(articles)
        fold_of = np.empty(articles, dtype=int)
        fold_of[order] = np.arange(articles) % FOLDS
        for fold in range(FOLDS):
            test = fold_of[groups] == fold
            out[repeat, test] = predict(fit(x[~test], y[~test], penalty), x[test])
    return out


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    p = np.atleast_2d(np.clip(p, 1e-6, 1 - 1e-6))
    return float(np.mean([-(y * np.log(row) + (1 - y) * np.log(1 - row)).mean() for row in p]))


def table(p: np.ndarray, y: np.ndarray) -> list[tuple[str, float, float]]:
    """(bin, events, share right) per reliability bin; several rows of p are averaged."""
    p = np.atleast_2d(p)
    ys = np.broadcast_to(y, p.shape)
    bounds = (*RELIABILITY_BINS, 1.01)
    rows = []
    for low, high in zip(bounds, bounds[1:], strict=False):
        inside = (p >= low) & (p < high)
        share = float(ys[inside].mean()) if inside.any() else math.nan
        rows.append((f"{low:.1f}-{min(high, 1.0):.1f}", float(inside.sum()) / len(p), share))
    return rows


def top_bin(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(events, share right) at confidence >= 0.8."""
    p = np.atleast_2d(p)
    top = p >= 0.8
    return float(top.sum()) / len(p), float(np.broadcast_to(y, p.shape)[top].mean()) if top.any() else math.nan


def sound(p: np.ndarray, y: np.ndarray) -> bool:
    """Monotone (share right never falls from one non-empty bin to the next) and >= 80% right at >= 0.8."""
    shares = [share for _, _, share in table(p, y) if not math.isnan(share)]
    events, share = top_bin(p, y)
    return all(a <= b for a, b in zip(shares, shares[1:], strict=False)) and (events == 0 or share >= 0.8)


def reliability(p: np.ndarray, y: np.ndarray) -> str:
    lines = [f"  {name} {events:>7.1f} {share:>7.3f}" for name, events, share in table(p, y)]
    events, share = top_bin(p, y)
    lines.append(f"    >= 0.8 {events:>7.1f} {share:>7.3f}")
    lines.append(f"  log loss {log_loss(p, y):.4f}, share right {y.mean():.3f}")
    return "\n".join(lines)


def compare_on_tune(tune: Data) -> None:
    """Held-out (across articles) log loss on tune of fits made on tune itself, for comparison."""
    y, raw = tune.y, np.array(tune.raw).reshape(-1, 1)
    print(f"for comparison, fitted on tune, {FOLDS} folds of whole articles x {REPEATS} shuffles:")
    print(f"  share right alone       log loss {log_loss(across_articles(tune, np.zeros((len(y), 0)), 1.0), y):.4f}")
    print(f"  raw confidence alone    log loss {log_loss(across_articles(tune, raw, 1.0), y):.4f}")
    for penalty in PENALTIES:
        p = across_articles(tune, tune.x, penalty)
        events, share = top_bin(p, y)
        print(f"  features, penalty {penalty:<5} log loss {log_loss(p, y):.4f}, >= 0.8: {events:.1f} events, "
              f"{share:.3f} right")


def choose(train: Data, tune: Data) -> tuple[float, np.ndarray]:
    """The penalty (and its weights) fitted on the sentence sets that does best on tune."""
    print("fitted on the sentence sets, on tune (not fitted on):")
    fits = {}
    for penalty in PENALTIES:
        w = fit(train.x, train.y, penalty)
        p = predict(w, tune.x)
        events, share = top_bin(p, tune.y)
        fits[penalty] = (w, log_loss(p, tune.y), sound(p, tune.y))
        print(f"  penalty {penalty:<5} log loss {fits[penalty][1]:.4f}, >= 0.8: {events:.0f} events, {share:.3f} right, "
              f"{'monotone with >= 80% at >= 0.8' if fits[penalty][2] else 'NOT monotone or < 80% at >= 0.8'}")
    admissible = {penalty: fit_ for penalty, fit_ in fits.items() if fit_[2]} or fits
    best = min(loss for _, loss, _ in admissible.values())
    tied = [penalty for penalty, (_, loss, _) in admissible.items() if loss <= best + TIE]
    # among equally good fits, the one that puts the most events at >= 0.8 (what a user filtering on
    # confidence gets), then the firmest
    penalty = max(tied, key=lambda pen: (top_bin(predict(fits[pen][0], tune.x), tune.y)[0], pen))
    return penalty, admissible[penalty][0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--db", type=Path, default=None,
                        help="the real-news gold already coded with EVENTWIRE_CALIBRATION=off")
    parser.add_argument("--write", action="store_true", help=f"write {CALIBRATION_FILE.relative_to(ROOT)}")
    parser.add_argument("--check", action="store_true", help="also print the held-out check split's table")
    args = parser.parse_args()
    gold = load_gold(args.gold)
    db = args.db
    if db is None:
        db = Path(tempfile.mkdtemp(prefix="ew-calibrate-")) / "gold.duckdb"
        run_coder(gold_records(gold, args.shared), db, None)
    produced = stored_events(db, [a.id for a in gold])
    tune = realnews_data([a for a in gold if a.split == "tune"], produced)
    print(f"real-news tune: {max(tune.groups) + 1} articles, {len(tune.y)} events, {int(tune.y.sum())} right")
    compare_on_tune(tune)
    train = sentence_data(args.shared)
    penalty, w = choose(train, tune)
    print(f"chosen: penalty {penalty}; tune (held out from the fit):\n{reliability(predict(w, tune.x), tune.y)}")
    if args.check:
        check = realnews_data([a for a in gold if a.split == "check"], produced)
        print(f"check (held out): {len(check.y)} events\n{reliability(predict(w, check.x), check.y)}")
    coefficients = {"intercept": round(float(w[0]), 4)} | {n: round(float(v), 4) for n, v in zip(FEATURES, w[1:], strict=True)}
    print(json.dumps(coefficients, indent=1))
    if args.write:
        write(coefficients, train, tune, penalty, predict(w, tune.x))
    return 0


def write(coefficients: dict[str, float], train: Data, tune: Data, penalty: float, on_tune: np.ndarray) -> None:
    events, share = top_bin(on_tune, tune.y)
    CALIBRATION_FILE.write_text(json.dumps({
        "about": "Logistic calibration of event confidence (eventwire/events/calibration.py), written by "
                 "tools/fit_calibration.py: fitted on the gold sentence sets of ../shared/gold, the penalty "
                 "chosen on the tune split of bench/realnews/wikinews_dev_gold.jsonl (Wikinews, CC BY 2.5), "
                 "which the fit never saw. Right = matched with the right PLOVER type.",
        "fitted_on": {"sentence_sets": list(SENTENCE_SETS), "events": len(train.y), "right": int(train.y.sum()),
                      "penalty": penalty},
        "chosen_on": {"gold": GOLD.name, "split": "tune", "events": len(tune.y), "right": int(tune.y.sum()),
                      "log_loss": round(log_loss(on_tune, tune.y), 4), "events_at_0.8": int(events),
                      "share_right_at_0.8": round(share, 3)},
        "coefficients": coefficients,
    }, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {CALIBRATION_FILE}")


if __name__ == "__main__":
    sys.exit(main())
