"""Check a real-news gold file against the guidelines (docs/annotation.md); standard library only.

    python bench/realnews/gold.py --check FILE_OR_FOLDER [--shared ../shared]

Prints one line per problem and the counts per split; exit code 1 when there is a problem.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from eventwire.eval.gold import check_gold, distributed_texts, load_gold  # noqa: E402 - after the path above


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", type=Path, required=True, help="a gold .jsonl file or a folder of them")
    default_shared = Path(__file__).resolve().parents[3] / "shared"
    parser.add_argument("--shared", type=Path, default=default_shared)
    args = parser.parse_args()
    articles = load_gold(args.check)
    problems = check_gold(articles, distributed_texts(args.shared, {a.id for a in articles if not a.text}))
    for line in problems:
        print(line)
    counts = Counter(a.split for a in articles)
    events = Counter()
    for a in articles:
        events[a.split] += len(a.events)
    print(f"{len(articles)} articles, {sum(events.values())} events; "
          + ", ".join(f"{s}: {counts[s]} articles / {events[s]} events" for s in sorted(counts))
          + f"; {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
