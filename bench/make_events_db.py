"""Generate an eventwire database of synthetic events, for API tests and latency benchmarks.

The events are SYNTHETIC (random dyads, codes and dates, sentences from templates written for the
eventwire project). Two paths write them:

- ``build`` (small sizes, the tests): through the real storage path (eventwire.store.writer.Writer),
  so the tables, aggregates and indexes are exactly what `eventwire run` leaves behind. About
  1,000 events a second: too slow for millions.
- ``build_bulk`` (``--bulk``, the default from 200,000 events; see bench/bulk_events.py): generated
  by DuckDB SQL straight into the same schema, a million events in a transaction: 10 million events
  in minutes. It fills what the Writer fills for these inputs (articles, stories, event_mentions,
  the aggregated ``events`` rows, quotes, runs) and nothing the Writer does not.

    python bench/make_events_db.py --events 100000 --db /tmp/ew100k.duckdb
    python bench/make_events_db.py --events 10000000 --db /tmp/ew10m.duckdb   # bulk
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from eventwire.events.ontology import all_codes
from eventwire.records import Actor, Article, Credits, Dateline, Event, Location, Plover, Quote, Span
from eventwire.store.db import connect
from eventwire.store.writer import ArticleResult, Writer

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bulk_events import build_bulk  # noqa: E402

__all__ = ["build", "build_bulk", "BULK_FROM", "ACTORS", "PLACES", "OUTLETS"]

BULK_FROM = 200_000  # the Writer takes minutes from here on

ACTORS = [
    ("USA", "GOV", "United States"), ("RUS", "GOV", "Russia"), ("CHN", "GOV", "China"), ("UKR", "GOV", "Ukraine"),
    ("ISR", "GOV", "Israel"), ("PSE", "GOV", "Palestine"), ("IRN", "GOV", "Iran"), ("IND", "GOV", "India"),
    ("PAK", "GOV", "Pakistan"), ("DEU", "GOV", "Germany"), ("FRA", "GOV", "France"), ("GBR", "GOV", "United Kingdom"),
    ("TUR", "GOV", "Turkey"), ("PRK", "GOV", "North Korea"), ("KOR", "GOV", "South Korea"), ("JPN", "GOV", "Japan"),
    ("SYR", "GOV", "Syria"), ("EGY", "GOV", "Egypt"), ("SAU", "GOV", "Saudi Arabia"), ("GEO", "GOV", "Georgia"),
    ("RUS", "MIL", "Russian military"), ("UKR", "MIL", "Ukrainian military"), ("ISR", "MIL", "Israeli military"),
]
PLACES = [("Kyiv", "UKR", 50.45, 30.52), ("Moscow", "RUS", 55.75, 37.62), ("Gaza", "PSE", 31.5, 34.47),
          ("Beijing", "CHN", 39.9, 116.4), ("Washington", "USA", 38.9, -77.04), ("Tehran", "IRN", 35.69, 51.39),
          ("New Delhi", "IND", 28.61, 77.21), ("Islamabad", "PAK", 33.69, 73.06), ("Berlin", "DEU", 52.52, 13.4),
          ("Tbilisi", "GEO", 41.72, 44.78), ("Seoul", "KOR", 37.57, 126.98), ("Damascus", "SYR", 33.51, 36.28)]
OUTLETS = ["Reuters", "AP", "AFP", "The Daily Globe", "WorldWire", "EuroPost", "Asia Desk"]
HOSTILE = '<script>alert("x")</script> <img src=x onerror=alert(1)> <a href="javascript:alert(2)">click</a>'


def _actor(code: tuple[str, str, str]) -> Actor:
    country, sector, name = code
    return Actor(text=name, start=0, end=len(name), code=country + sector, country=country, sector=sector,
                 name=name, kind="state", role_source="dictionary")


def build(db: Path, events: int, *, seed: int = 7, per_article: int = 4, batch: int = 500,
          hostile_every: int = 0) -> float:
    """Write about ``events`` synthetic event mentions into ``db``; return the seconds it took."""
    rng = random.Random(seed)
    codes = [c for c in all_codes() if len(c.code) == 3]
    start_day = date(2023, 1, 1)
    con = connect(db)
    writer = Writer(con)
    run_id = writer.start_run("bench/make_events_db.py", "synthetic")
    started = time.perf_counter()
    results: list[ArticleResult] = []
    n_articles = max(1, events // per_article)
    for a in range(n_articles):
        day = start_day + timedelta(days=rng.randrange(730))
        outlet = rng.choice(OUTLETS)
        hostile = bool(hostile_every) and a % hostile_every == 0
        title = f"Synthetic report {a}" + (f" {HOSTILE}" if hostile else "")
        article_events: list[Event] = []
        sentences: list[str] = []
        for k in range(per_article):
            src, tgt = rng.sample(ACTORS, 2)
            info = rng.choice(codes)
            sentence = f"{src[2]} {info.name.lower()} {tgt[2]} on day {k} (synthetic)."
            if hostile and k == 0:
                sentence = f"{src[2]} said {HOSTILE} to {tgt[2]}."
            place = rng.choice(PLACES)
            s = _actor(src)
            t = _actor(tgt)
            t_start = sentence.index(tgt[2]) if tgt[2] in sentence else 0
            t = Actor(**{**t.to_dict(), "start": t_start, "end": t_start + len(tgt[2])})
            article_events.append(Event(
                id=f"syn-{a}-{k}", article_id=f"article-{a}", sentence_index=k, sentence=sentence,
                trigger=Span(text=sentence.split()[1], start=len(src[2]) + 1, end=len(src[2]) + 1 + len(sentence.split()[1])),
                source=s, target=t, cameo=info.code, cameo_root=info.root,
                plover=Plover(type=info.plover_type or "CONSULT", mode=["negation"] if rng.random() < 0.05 else [],
                              context=[info.plover_context] if info.plover_context else []),
                goldstein=info.goldstein, quad_class=info.quad_class, date=day.isoformat(), date_source="publication",
                location=Location(name=place[0], country=place[1], lat=place[2], lon=place[3], geonameid=None,
                                  precision="city"),
                rule="synthetic", model=None, confidence=0.9,
            ))
            sentences.append(sentence)
        text = " ".join(sentences)
        article = Article(
            id=f"article-{a}", uri=f"synthetic://{a}", url=f"https://news.example/{a}", source=outlet, title=title,
            text=text, published=day.isoformat(), dateline=Dateline(place=None, country=None, agency=None),
            credits=Credits(), language="en", warnings=[],
        )
        quotes = [Quote(article_id=article.id, text=HOSTILE if hostile else "We will respond.", start=0, end=5,
                        speaker=_actor(ACTORS[0]))]
        results.append(ArticleResult(article=article, story_id=f"story-{a}", events=article_events, quotes=quotes))
        if len(results) >= batch:
            writer.write_batch(run_id, results, documents_seen=len(results), coder_version="synthetic")
            results = []
    if results:
        writer.write_batch(run_id, results, documents_seen=len(results), coder_version="synthetic")
    writer.finish_run(run_id, "finished")
    con.close()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--bulk", action=argparse.BooleanOptionalAction, default=None,
                        help=f"generate with DuckDB SQL (default from {BULK_FROM:,} events) instead of the Writer")
    args = parser.parse_args()
    if args.db.exists():
        args.db.unlink()
    bulk = args.bulk if args.bulk is not None else args.events >= BULK_FROM
    seconds = build_bulk(args.db, args.events, seed=args.seed) if bulk else build(args.db, args.events, seed=args.seed)
    print(f"wrote ~{args.events} synthetic events to {args.db} in {seconds:.1f}s ({'bulk SQL' if bulk else 'Writer'})")


if __name__ == "__main__":
    main()
