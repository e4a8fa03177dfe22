"""CPU time of the event coder's rule stage alone (lexicon matching, arguments, candidates), without
parsing: compare two checkouts on the same articles when a change touches the argument finder.

Written for the eventwire project. Parses the first N articles of the dev corpus (Wikinews, CC BY
2.5, credit: Wikinews contributors, en.wikinews.org) once, then times ``coder._gather`` over all of
them, best of three, in process CPU time (steadier than wall clock on a shared machine).

    python bench/coder_cpu.py --shared ../shared --articles 300
    cd ../main && PYTHONPATH=. python ../wt/NAME/bench/coder_cpu.py --shared ../shared   # the other checkout
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # appended: a PYTHONPATH checkout given on the command line comes first

from eventwire.eval.gold import REALNEWS_CORPUS as CORPUS  # noqa: E402
from eventwire.events import coder  # noqa: E402
from eventwire.events.lexicon import get_lexicon  # noqa: E402
from eventwire.stages import _article_for_text, coding_stages  # noqa: E402

REPEATS = 3


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    with (args.shared / CORPUS).open(encoding="utf-8") as handle:
        records = [json.loads(line) for _, line in zip(range(args.articles), handle, strict=False)]
    stages, lexicon = coding_stages(), get_lexicon()
    parsed = []
    for record in records:
        article = replace(_article_for_text(record["text"], record.get("published")), id=record["id"])
        for doc, _ in stages.parse([(article.text, None)]):
            parsed.append((doc, article, stages.actors(doc, article)))
    best, candidates = float("inf"), 0
    for _ in range(REPEATS):
        start = time.process_time()
        candidates = sum(len(coder._gather(doc, article, actors, lexicon, False)) for doc, article, actors in parsed)
        best = min(best, time.process_time() - start)
    print(f"{len(parsed)} articles, {candidates} rule candidates, coder CPU best of {REPEATS}: {best:.2f} s "
          f"(code from {Path(coder.__file__).resolve().parents[2]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
