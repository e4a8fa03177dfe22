"""Long texts (issue 17 A4): where one long article's time goes, and how long real news texts are.

    python bench/long_text.py --shared ../shared                  # lengths, then 25k..200k characters
    python bench/long_text.py --shared ../shared --lengths 60000  # one length
    python bench/long_text.py --shared ../shared --spacy          # + the stock spaCy pipeline on the text

The long text is real news, written by Wikinews contributors (CC BY 2.5): the extracted bodies of
``<shared>/realnews/wikinews_politics_dev.jsonl``, in file order, joined by blank lines up to the
length asked, so it reads like a very long article. Each stage's CPU time (process time, steadier
than wall time on a shared machine) is printed per length and per 100,000 characters: a stage whose
cost per 100,000 characters grows with the length is superlinear. The lengths are those of the clean
text that ``max_text_chars`` caps: Wikinews bodies as extracted, and the gold article bodies of the
181 pages of ``<shared>/bench/aeb`` (modern news sites).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventwire.records import RawDocument  # noqa: E402
from eventwire.stages import Stages, analyse, get_stages  # noqa: E402


def wikinews_bodies(shared: Path, stages: Stages) -> list[str]:
    bodies = []
    for line in (shared / "realnews" / "wikinews_politics_dev.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        raw = RawDocument(uri=record["id"], kind="text", text=record["text"], published=record.get("published"))
        try:
            bodies.append(stages.extract(raw).text)
        except Exception:  # noqa: BLE001 - a text with no body left is not a length
            continue
    return bodies


def aeb_bodies(shared: Path) -> list[str]:
    truth = json.loads((shared / "bench" / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    return [entry["articleBody"] for entry in truth.values()]


def print_lengths(name: str, texts: list[str]) -> None:
    lengths = sorted(len(t) for t in texts)
    at = {q: lengths[min(len(lengths) - 1, int(len(lengths) * q / 100))] for q in (50, 90, 99, 99.9)}
    print(f"{name}: {len(lengths)} texts; median {at[50]:,}, 90% {at[90]:,}, 99% {at[99]:,}, "
          f"99.9% {at[99.9]:,}, longest {lengths[-1]:,} characters; over 30,000: "
          f"{sum(n > 30_000 for n in lengths)}, over 60,000: {sum(n > 60_000 for n in lengths)}")


def profile_length(stages: Stages, text: str, spacy_nlp: object | None) -> None:
    clock = time.process_time
    raw = RawDocument(uri="long", kind="text", url="https://example.org/long", text=text, published="2008-01-01")
    article = stages.extract(raw)
    started = clock()
    doc, _ = next(iter(stages.parse([(article.text, None)])))
    parse = clock() - started
    times = {}
    started = clock()
    actors = stages.actors(doc, article)
    times["actors"] = clock() - started
    started = clock()
    events = stages.gate.keep(stages.events(doc, article, actors))
    times["events"] = clock() - started
    started = clock()
    stages.quotes(doc, article, actors)
    times["quotes"] = clock() - started
    started = clock()
    stages.locate(events, stages.places(doc, article), article)
    times["places"] = clock() - started
    after = sum(times.values())
    per = 100_000 / len(article.text)
    stock = ""
    if spacy_nlp is not None:
        started = clock()
        spacy_nlp(article.text)  # type: ignore[operator]
        stock = f"; stock spaCy on the whole text {clock() - started:.2f}"
    print(f"{len(article.text):>8,} chars: parse {parse:.2f}, " + ", ".join(f"{k} {v:.2f}" for k, v in times.items())
          + f" CPU-s{stock} | per 100k: parse {parse * per:.2f}, after spaCy {after * per:.2f}, "
          f"total {(parse + after) * per:.2f} | {len(actors)} actors, {len(events)} events", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    parser.add_argument("--lengths", default="25000,50000,100000,200000", help="characters, comma-separated")
    parser.add_argument("--spacy", action="store_true", help="also time the stock spaCy pipeline on each text")
    args = parser.parse_args()
    import os

    lengths = [int(n) for n in args.lengths.split(",") if n.strip()]
    os.environ["EVENTWIRE_MAX_TEXT_CHARS"] = str(max(lengths))  # measure past the cap
    stages = get_stages("full")
    bodies = wikinews_bodies(args.shared, stages)
    print_lengths("Wikinews bodies (extracted)", bodies)
    print_lengths("AEB gold article bodies", aeb_bodies(args.shared))
    warm = stages.extract(RawDocument(uri="warm", kind="text", text="President Putin of Russia said talks in "
                                      "Geneva resumed on Monday, a spokesman said. " * 5, published="2008-01-01"))
    analyse(stages, next(iter(stages.parse([(warm.text, None)])))[0], warm)  # load every stage first
    nlp = None
    if args.spacy:
        import spacy

        from eventwire.settings import get_settings

        nlp = spacy.load(get_settings().spacy_model)
        nlp.max_length = max(lengths) + 1
    joined = "\n\n".join(bodies)
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    for length in lengths:
        profile_length(stages, joined[:length], nlp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
