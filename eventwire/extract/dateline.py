"""Datelines: the "CORFU, Greece (Reuters) -" that opens a wire story.

A dateline says where the story was filed, by which agency, and sometimes on which day. It is cut
from the body (it is not part of the first sentence) and kept in ``Article.dateline``. The parser is
strict on purpose: an ordinary opening ("Washington said on Monday ...", "Russia, China and India
agreed ...") must never be taken for a dateline, so a title-case place needs an agency in brackets or
a dash after a known dateline city, and an all-caps place needs a separator or an agency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventwire.dates import MONTHS
from eventwire.extract.tables import agency_names, dateline_places, dateline_regions, not_places

__all__ = ["DatelineMatch", "parse_dateline", "normalize_agency", "title_case_place"]

_MONTH = r"(?i:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_CAPS_WORD = r"[A-ZÀ-Þ][A-ZÀ-Þ'’.\-]*"
_TITLE_WORD = r"[A-ZÀ-Þ][a-zß-ÿ'’.\-]*[a-zß-ÿ.]"
_PARTICLE = r"(?:de|del|da|do|dos|es|el|al|la|au|of|the|upon|sur|i)"
_REGION = r"(?:,\s{1,2}(?!" + _MONTH + r"\s{1,2}\d)(?P<region>[A-ZÀ-Þ][\w'’.\-]*(?:\s[A-ZÀ-Þ][\w'’.\-]*){0,3}))?"
_DATE = (
    r"(?:,\s{1,2}(?:(?P<month>" + _MONTH + r")\s{1,2}(?P<day>\d{1,2})|(?P<day2>\d{1,2})\s(?P<month2>"
    + _MONTH + r"))(?:,\s(?:19|20)\d\d)?)?"
)
_AGENCY = r"(?:\s{0,2}\((?P<agency>[^()\n]{1,40})\))?"
# A dash must be followed by a space (so "US-China talks" is not "US -"); "--" and ":" likewise.
_SEP = r"(?:\s{0,2}(?P<sep>--|[-–—−]|:)(?=\s|$)|\s{0,2}(?P<tightsep>--|[–—])(?=[A-Z\"“]))?"
_TAIL = _REGION + _DATE + _AGENCY + _SEP + r"\s{0,3}"
_CAPS = re.compile(r"(?P<place>" + _CAPS_WORD + r"(?:[ /]" + _CAPS_WORD + r"){0,4})" + _TAIL)
_TITLE = re.compile(
    r"(?P<place>" + _TITLE_WORD + r"(?:[ \-/](?:" + _TITLE_WORD + "|" + _PARTICLE + r")){0,3})" + _TAIL
)
_AGENCY_ONLY = re.compile(r"\((?P<agency>[^()\n]{1,40})\)\s{0,2}(?P<sep>--|[-–—−])\s{0,3}")
_SMALL_WORDS = {"de", "del", "da", "do", "dos", "es", "el", "al", "la", "au", "of", "the", "upon", "sur", "i",
                "and", "on", "an", "ul", "as", "ad"}


@dataclass
class DatelineMatch:
    place: str | None
    country: str | None
    agency: str | None
    text: str  # the exact prefix removed from the paragraph
    month: int | None = None
    day: int | None = None


def normalize_agency(name: str) -> str | None:
    """Canonical agency name (``The Associated Press`` -> ``AP``), or None when unknown."""
    return agency_names().get(re.sub(r"\s+", " ", name.strip()).lower())


def title_case_place(place: str) -> str:
    """``CORFU`` -> ``Corfu``; known places keep their table spelling (``Rio de Janeiro``)."""
    known = dateline_places().get(place.lower())
    if known:
        return known[0]

    def fix(word: str) -> str:
        if word.lower() in _SMALL_WORDS:
            return word.lower()
        return "-".join(part[:1].upper() + part[1:].lower() if part.lower() not in _SMALL_WORDS else part.lower()
                        for part in word.split("-"))

    fixed = " ".join(fix(w) for w in place.split(" "))
    return fixed[:1].upper() + fixed[1:]


def _country(places: list[str], region: str | None) -> str | None:
    if region:
        iso = dateline_regions().get(region.lower())
        if iso:
            return iso
        known = dateline_places().get(region.lower())
        if known:
            return known[1]
    # A shared dateline ("GENEVA/PARIS") is filed from the first place named.
    known = dateline_places().get(places[0].lower())
    if known:
        return known[1]
    return dateline_regions().get(places[0].lower())


def _looks_like_agency(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= 5 and text[:1].isupper() and not any(ch.isdigit() for ch in text)


def _build(match: re.Match[str], place: str | None, agency: str | None) -> DatelineMatch:
    groups = match.groupdict()
    month_name, day = groups.get("month") or groups.get("month2"), groups.get("day") or groups.get("day2")
    places = [p.strip() for p in place.split("/")] if place else []
    region = groups.get("region")
    return DatelineMatch(
        place="/".join(title_case_place(p) for p in places) if places else None,
        country=_country(places, region) if places else None,
        agency=agency,
        text=match.group(0),
        month=MONTHS.get(month_name.lower().rstrip(".")) if month_name else None,
        day=int(day) if day else None,
    )


def parse_dateline(paragraph: str) -> DatelineMatch | None:
    """The dateline at the start of ``paragraph``, or None. ``text`` is the exact prefix to cut."""
    head = paragraph[:240]
    match = _AGENCY_ONLY.match(head)
    if match:
        agency = normalize_agency(match["agency"])
        return _build(match, None, agency) if agency else None
    for pattern, caps in ((_CAPS, True), (_TITLE, False)):
        match = pattern.match(head)
        if match is None:
            continue
        found = _accept(match, caps)
        if found is not None:
            return found
    return None


def _accept(match: re.Match[str], caps: bool) -> DatelineMatch | None:
    place = match["place"].strip()
    parts = [p for p in place.split("/") if p]
    if not parts or any(p.upper() in not_places() or normalize_agency(p) for p in parts):
        return None
    if caps and not any(ch.islower() for ch in place) and len(re.sub(r"[^A-Z]", "", place)) < 3 \
            and place.lower() not in dateline_places():
        return None
    sep = match["sep"] or match["tightsep"]
    raw_agency = match["agency"]
    agency = normalize_agency(raw_agency) if raw_agency else None
    if raw_agency and agency is None:
        if not (caps and _looks_like_agency(raw_agency)):
            return None
        agency = raw_agency.strip()
    known = all(p.lower() in dateline_places() for p in parts)
    if agency:
        pass
    elif not sep:
        return None
    elif caps:
        # "WASHINGTON -" alone: only a known dateline city (or one with a country/date) is trusted.
        if not (known or match["region"] or match["month"] or match["month2"]):
            return None
    elif sep == ":" or not _title_place_ok(place, match["region"], known):
        return None
    if match["region"] and not _region_ok(match["region"]):
        return None
    rest = match.string[match.end():]
    if rest[:1].islower():  # "NATO - the alliance ..." reads as prose, not as a dateline
        return None
    return _build(match, place, agency)


def _title_place_ok(place: str, region: str | None, known: bool) -> bool:
    """A title-case place with only a dash after it: a known city ("Washington -"), or a city with a
    known state or country ("Dekalb, Ill. —"). A country first ("Russia, China - ...") is a list."""
    if region is None:
        return known
    return region.lower() in dateline_regions() and (known or place.lower() not in dateline_regions())


def _region_ok(region: str) -> bool:
    lowered = region.lower()
    return lowered in dateline_regions() or lowered in dateline_places() or (
        region[:1].isupper() and len(region.split()) <= 3)
