"""Read the extraction layer's data files (``eventwire/data/*.tsv``), once per process.

The files are small tables written for the project; keeping them as data (not code) lets users and
reviewers see and extend what the extractor knows without reading regexes.
"""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["read_rows", "read_words", "agency_names", "dateline_places", "dateline_regions", "not_places",
           "publishers", "zone_offsets"]


def _lines(name: str) -> list[str]:
    text = resources.files("eventwire").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def read_rows(name: str) -> list[list[str]]:
    """Tab-separated rows of a data file, without comments and without the header row."""
    return [line.split("\t") for line in _lines(name)[1:]]


def read_words(name: str) -> list[str]:
    """One entry per line (no header)."""
    return [line.strip() for line in _lines(name)]


@functools.cache
def agency_names() -> dict[str, str]:
    """Lower-cased spelling -> canonical agency name (``associated press`` -> ``AP``)."""
    table: dict[str, str] = {}
    for canonical, spellings in read_rows("news_agencies.tsv"):
        for spelling in spellings.split("|"):
            table[spelling.strip().lower()] = canonical
    return table


@functools.cache
def dateline_places() -> dict[str, tuple[str, str | None]]:
    """Lower-cased place -> (canonical spelling, ISO3 or None)."""
    return {row[0].lower(): (row[0], (row[1] if len(row) > 1 else "") or None) for row in read_rows("datelines.tsv")}


@functools.cache
def dateline_regions() -> dict[str, str]:
    """Lower-cased country/state/region name -> ISO3."""
    return {row[0].lower(): row[1] for row in read_rows("dateline_regions.tsv")}


@functools.cache
def not_places() -> frozenset[str]:
    return frozenset(word.upper() for word in read_words("dateline_not_places.txt"))


@functools.cache
def publishers() -> dict[str, str]:
    return {row[0].lower(): row[1] for row in read_rows("publishers.tsv")}


@functools.cache
def zone_offsets() -> dict[str, str]:
    return {row[0].upper(): row[1] for row in read_rows("timezones.tsv")}
