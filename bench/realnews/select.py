"""Choose the articles of the real-news development gold set, reproducibly.

Written for the eventwire project. The sample is drawn from ``../shared/realnews`` (Wikinews,
CC BY 2.5, credit: Wikinews contributors, en.wikinews.org) with a fixed seed, among articles of
700 to 3,000 characters: long enough to be whole news stories, short enough to annotate
exhaustively. Every third article of the sample is put in the ``check`` split, which the people
who tune the coder do not read; the rest is ``tune``. Both are reported by ``bench/realnews.py``.

    python bench/realnews/select.py --shared ../shared --count 72 > bench/realnews/selection.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

SEED = 20261205
MIN_CHARS, MAX_CHARS = 700, 3000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--count", type=int, default=72)
    args = parser.parse_args()
    path = args.shared / "realnews" / "wikinews_politics_dev.jsonl"
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    eligible = [r for r in records if MIN_CHARS <= len(r["text"]) <= MAX_CHARS]
    sample = random.Random(SEED).sample(eligible, args.count)
    for number, record in enumerate(sample):
        split = "check" if number % 3 == 2 else "tune"
        print(json.dumps({"id": record["id"], "split": split, "batch": number // (args.count // 3 or 1)}))


if __name__ == "__main__":
    main()
