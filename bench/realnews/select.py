"""Choose the articles of the real-news development gold set, reproducibly.

Written for the eventwire project. The sample is drawn from ``../shared/realnews`` (Wikinews,
CC BY 2.5, credit: Wikinews contributors, en.wikinews.org) with a fixed seed, among articles of
700 to 3,000 characters: long enough to be whole news stories, short enough to annotate
exhaustively. Every third article of the sample is put in the ``check`` split, which the people
who tune the coder do not read; the rest is ``tune``. Both are reported by ``bench/realnews.py``.

    python bench/realnews/select.py --shared ../shared --count 72 > bench/realnews/selection.jsonl
    python bench/realnews/select.py --shared ../shared --count 24 --more bench/realnews/selection.jsonl \
        >> bench/realnews/selection.jsonl   # a second draw of 24, in batches of 12
    python bench/realnews/select.py --shared ../shared --count 540 --train \
        > bench/realnews/train_selection.jsonl   # the training split, in batches of 15 (a larger count draws the same first articles)
    python bench/realnews/select.py --shared ../shared --count 90 --heldout \
        > bench/realnews/heldout_selection.jsonl   # a second held-out split, in batches of 15

The ``train`` split is drawn from the articles in neither ``selection.jsonl`` nor
``fresh_precision_labels.json`` (those keep their role as the check on calibration): it is annotated
the same way, for the learned parts of the coder to be trained on, and is never part of the dev
gold's figures. The ``heldout`` split is drawn from what is left after the train split: annotated the
same way, and read by nobody who tunes or trains the coder (``bench/realnews.py`` reports its figures;
``bench/realnews_misses.py`` counts its misses and never lists them), it is a held-out set four times the
size of ``check`` for deciding whether a change goes in.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

SEED = 20261205
TRAIN_SEED = SEED + 1_000  # another seed than the dev draws', so the train draw is its own sample
HELDOUT_SEED = SEED + 2_000
TRAIN_BATCH = 15
TRAIN_FIRST_DRAW = 180  # the train articles drawn before the heldout split (more are drawn apart, see main)  # articles per annotator: about an hour of exhaustive annotation
MIN_CHARS, MAX_CHARS = 700, 3000
HERE = Path(__file__).resolve().parent


def _ids_in(path: Path) -> set[str]:
    if path.suffix == ".json":
        return {a if isinstance(a, str) else a["id"] for a in json.loads(path.read_text())["articles"]}
    return {json.loads(line)["id"] for line in path.open(encoding="utf-8")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--count", type=int, default=72)
    parser.add_argument("--more", type=Path, default=None,
                        help="an earlier selection: draw COUNT further articles (batches numbered on)")
    parser.add_argument("--train", action="store_true",
                        help="draw the train split, outside the dev selection and the fresh precision labels")
    parser.add_argument("--heldout", action="store_true",
                        help="draw the heldout split, outside those and the train split")
    args = parser.parse_args()
    path = args.shared / "realnews" / "wikinews_politics_dev.jsonl"
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    eligible = [r for r in records if MIN_CHARS <= len(r["text"]) <= MAX_CHARS]
    first_batch, seed = 0, SEED
    if args.train or args.heldout:
        taken = _ids_in(HERE / "selection.jsonl") | _ids_in(HERE / "fresh_precision_labels.json")
        if args.heldout:
            taken |= _ids_in(HERE / "train_selection.jsonl")
        split, draw_seed = ("heldout", HELDOUT_SEED) if args.heldout else ("train", TRAIN_SEED)
        pool = [r for r in eligible if r["id"] not in taken]
        sample = random.Random(draw_seed).sample(pool, min(args.count, TRAIN_FIRST_DRAW))
        if args.train and args.count > TRAIN_FIRST_DRAW:
            # later train articles come from what the first draw and the heldout split left, with their own
            # seed: the heldout split was drawn after the first draw, and must not be trained on
            left = {r["id"] for r in sample} | _ids_in(HERE / "heldout_selection.jsonl")
            rest = [r for r in pool if r["id"] not in left]
            sample += random.Random(draw_seed + 1).sample(rest, min(args.count, 2 * TRAIN_FIRST_DRAW) - TRAIN_FIRST_DRAW)
        if args.train and args.count > 2 * TRAIN_FIRST_DRAW:
            # beyond 360: a shuffle, whose order does not depend on how many are taken (random.sample's
            # does, once the count crosses its method's switch), so any later count keeps these articles
            left = {r["id"] for r in sample} | _ids_in(HERE / "heldout_selection.jsonl")
            rest = [r for r in pool if r["id"] not in left]
            random.Random(draw_seed + 2).shuffle(rest)
            sample += rest[: args.count - 2 * TRAIN_FIRST_DRAW]
        for number, record in enumerate(sample):
            print(json.dumps({"id": record["id"], "split": split, "batch": number // TRAIN_BATCH}))
        return
    if args.more is not None:  # a second draw: same rule, another seed, none of the earlier articles
        earlier = [json.loads(line) for line in args.more.open(encoding="utf-8")]
        taken = {r["id"] for r in earlier}
        eligible = [r for r in eligible if r["id"] not in taken]
        first_batch, seed = max(r["batch"] for r in earlier) + 1, SEED + len(earlier)
    sample = random.Random(seed).sample(eligible, args.count)
    per_batch = 12 if args.more is not None else (args.count // 3 or 1)
    for number, record in enumerate(sample):
        split = "check" if number % 3 == 2 else "tune"
        print(json.dumps({"id": record["id"], "split": split, "batch": first_batch + number // per_batch}))


if __name__ == "__main__":
    main()
