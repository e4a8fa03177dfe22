"""Synthetic news corpora for benchmarks and storage tests: template stories written for the eventwire
project (no real reporting), with wire syndication (one story carried by several outlets).

``generate(n)`` returns JSONL-ready records (url, title, published, text); ``write_jsonl`` writes them.
The same ``seed`` always gives the same corpus.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

__all__ = ["generate", "write_jsonl", "OUTLETS"]

OUTLETS = ("dailyherald.example", "worldwire.example", "thecourier.example", "eveningpost.example",
           "globaltimes.example", "northernstar.example", "capitalnews.example", "theobserver.example")
_STATES = (("Russia", "Moscow", "Russian"), ("Georgia", "Tbilisi", "Georgian"), ("Ukraine", "Kyiv", "Ukrainian"),
           ("France", "Paris", "French"), ("Germany", "Berlin", "German"), ("China", "Beijing", "Chinese"),
           ("Japan", "Tokyo", "Japanese"), ("India", "New Delhi", "Indian"), ("Pakistan", "Islamabad", "Pakistani"),
           ("Iran", "Tehran", "Iranian"), ("Israel", "Jerusalem", "Israeli"), ("Egypt", "Cairo", "Egyptian"),
           ("Turkey", "Ankara", "Turkish"), ("Brazil", "Brasilia", "Brazilian"), ("Nigeria", "Abuja", "Nigerian"),
           ("Kenya", "Nairobi", "Kenyan"), ("Mexico", "Mexico City", "Mexican"), ("Poland", "Warsaw", "Polish"))
# (sentence template, what it reports); {a}/{b} are country names, {A}/{B} adjectives, {cap} a capital
_LEADS = (
    "{a} accused {b} on {day} of violating a ceasefire along their shared border.",
    "{a} attacked positions held by {b} near the border on {day}, officials said.",
    "The foreign ministers of {a} met their counterparts from {b} in {cap} on {day}.",
    "{a} signed a trade agreement with {b} on {day} after months of negotiations.",
    "{a} threatened {b} with new tariffs on {day} in a widening dispute over steel exports.",
    "{a} rejected a proposal from {b} on {day} to reopen talks on the disputed river.",
    "{a} sanctioned {b} on {day}, freezing assets held by several state companies.",
    "{a} aided {b} with emergency shipments of food and medicine on {day}.",
    "{a} praised {b} on {day} for its role in brokering the prisoner exchange.",
    "{A} artillery shelled {b} border villages overnight, local officials said on {day}.",
)
_BODY = (
    "The move comes after weeks of rising tension between the two governments.",
    "Officials in {cap} did not immediately respond to a request for comment.",
    "Diplomats said the talks had been difficult but described the atmosphere as constructive.",
    "Analysts said the decision was likely to weigh on investor confidence in the region.",
    "The two countries have a long history of disputes over water rights and trade routes.",
    "\u201cWe will not accept pressure from anyone,\u201d the {A} foreign minister told reporters in {cap}.",
    "\u201cThis is a serious step and we are studying it carefully,\u201d a spokesman for the {B} government said.",
    "According to the {A} defence ministry, several military vehicles were seen moving toward the frontier.",
    "Regional leaders called for calm and urged both sides to return to the negotiating table.",
    "Trade between {a} and {b} fell by nearly a fifth last year, according to official figures.",
    "Opposition lawmakers in {cap} criticised the government for what they called a weak response.",
    "The United Nations said it was following events closely and offered to mediate.",
    "Markets in {cap} closed slightly lower as traders waited for further details.",
    "Local residents said the situation had been calm for most of the week until the latest incident.",
    "A senior official, speaking on condition of anonymity, said more measures were under discussion.",
    "The announcement was welcomed by business groups, which had lobbied for closer ties for years.",
)


def _story(rng: random.Random, day: date, paragraphs: int) -> dict[str, Any]:
    (a, cap, adj_a), (b, _, adj_b) = rng.sample(_STATES, 2)
    slots = {"a": a, "b": b, "A": adj_a, "B": adj_b, "cap": cap, "day": day.strftime("%A")}
    lead = rng.choice(_LEADS).format(**slots)
    body = [f"{cap.upper()} (Worldwire) - {lead}"]
    for _ in range(paragraphs - 1):
        sentences = rng.sample(_BODY, k=min(len(_BODY), rng.randint(2, 4)))
        if rng.random() < 0.4:
            sentences.insert(0, rng.choice(_LEADS).format(**slots))
        body.append(" ".join(s.format(**slots) for s in sentences))
    title = lead.split(" on ")[0].rstrip(".")
    return {"title": title, "body": body}


def generate(n: int, *, seed: int = 0, paragraphs: tuple[int, int] = (6, 10), syndication: float = 0.25,
             max_outlets: int = 5, start: date = date(2024, 1, 1)) -> list[dict[str, Any]]:
    """``n`` article records; a fraction ``syndication`` of stories are carried by 2..max_outlets outlets."""
    rng = random.Random(seed)
    records: list[dict[str, Any]] = []
    index = 0
    while len(records) < n:
        day = start + timedelta(days=index // 20)
        story = _story(rng, day, rng.randint(*paragraphs))
        outlets = rng.sample(OUTLETS, rng.randint(2, max_outlets) if rng.random() < syndication else 1)
        for k, outlet in enumerate(outlets):
            if len(records) >= n:
                break
            body = list(story["body"])
            if k:  # copies differ at the edges, as syndicated copy does
                body.append(f"Reporting by the {outlet.split('.')[0].title()} desk; editing by staff.")
            records.append({
                "url": f"https://{outlet}/{day:%Y/%m}/story-{index}",
                "title": story["title"],
                "published": f"{day.isoformat()}T{8 + k:02d}:00",
                "text": "\n\n".join(body),
            })
        index += 1
    return records


def write_jsonl(records: list[dict[str, Any]], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path

