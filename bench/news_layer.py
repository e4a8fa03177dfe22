"""What the news layer (dateline, credits, junk, title) does on the AEB pages, next to the HTML engine.

Run::

    .venv/bin/python bench/news_layer.py --shared ../shared

For each page: the HTML engine's text alone (``html_to_parts``) and the full extraction
(``extract_with_trace``, dateline put back in front as in ``bench/aeb.py``), both scored with the
AEB's 4-token shingle F1 against the gold body. Prints the two means, the pages where the news layer
lowers F1, the pieces it removed that the gold body contains (over-deletion; datelines are not
counted since they are put back), and the time the news layer adds on top of the HTML engine.

The gold bodies keep credit lines ("(Reporting by ...)") that eventwire moves to ``credits`` on
purpose, so a few over-deletions are expected and listed.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def main(argv: list[str] | None = None) -> int:
    from aeb import shingle_f1

    from eventwire.errors import InputError
    from eventwire.extract import extract_with_trace
    from eventwire.extract.html import html_to_parts
    from eventwire.extract.language import detect_language
    from eventwire.extract.news import clean_news_text
    from eventwire.records import RawDocument

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (0 = all)")
    args = parser.parse_args(argv)
    bench = args.shared / "bench" / "aeb"
    gold: dict[str, dict[str, str]] = json.loads((bench / "ground-truth.json").read_text("utf-8"))
    ids = sorted(gold)[: args.limit or None]
    detect_language("warm up the language model once")

    html_f1 = full_f1 = html_seconds = news_seconds = 0.0
    hurt: list[str] = []
    over: list[str] = []
    for page_id in ids:
        content = gzip.decompress((bench / "html" / f"{page_id}.html.gz").read_bytes())
        url, body = gold[page_id].get("url"), gold[page_id]["articleBody"]
        start = time.perf_counter()
        parts = html_to_parts(content.decode("utf-8", errors="replace"), url)
        middle = time.perf_counter()
        news = clean_news_text(parts.text, title=parts.title)
        detect_language(news.body)
        news_seconds += time.perf_counter() - middle
        html_seconds += middle - start
        try:
            extraction = extract_with_trace(RawDocument(uri=page_id, kind="html", content=content, url=url))
            full = (extraction.dateline_text or "") + extraction.article.text
            removed = extraction.removed
        except InputError:
            full, removed = "", []
        before, after = shingle_f1(parts.text, body), shingle_f1(full, body)
        html_f1, full_f1 = html_f1 + before, full_f1 + after
        if after < before - 0.005:
            hurt.append(f"  {page_id[:12]}  {before:.4f} -> {after:.4f}")
        gold_words = _norm(body)
        for reason, text in removed:
            if reason not in ("dateline", "title") and len(_norm(text)) >= 12 and _norm(text) in gold_words:
                over.append(f"  {page_id[:12]}  {reason}: {text[:90]!r}")
    n = len(ids)
    print(f"pages: {n}")
    print(f"mean shingle F1: html engine alone {html_f1 / n:.4f}; with the news layer {full_f1 / n:.4f}")
    print(f"pages where the news layer lowers F1 by > 0.005: {len(hurt)}")
    print("\n".join(hurt))
    print(f"removed pieces that the gold body contains: {len(over)}")
    print("\n".join(over))
    print(f"time: html engine {html_seconds:.2f} s, news layer + language {news_seconds:.2f} s "
          f"({100 * news_seconds / max(html_seconds, 1e-9):.1f}% on top)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
