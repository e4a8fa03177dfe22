"""Validate the built-in actor dictionaries under eventwire/data/actors/.

The checks mirror the validation rules of the actor data format (README.md in that folder): schema,
well-formed and unique codes, every UN member and observer state present, dates that parse and are in
order, no person listed twice, no surface form that means two different actors at the same time, and
continuous coverage 2000-2026 of the heads of state/government and foreign ministers of the G20 and
the permanent members of the Security Council, and of the heads of the main IGOs.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

DATA = Path(__file__).resolve().parent.parent / "eventwire" / "data" / "actors"
# people.yaml plus the regional people_*.yaml files (the resolver loads every *.yaml in the folder)
PEOPLE_FILES = tuple(sorted(p.stem for p in DATA.glob("people*.yaml")))
FILES = ("countries", "regions", "igos", "groups", "agents", "titles", *PEOPLE_FILES)

# The 193 UN member states (ISO 3166-1 alpha-3), written out independently of countries.yaml.
_UN_MEMBER_CODES = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN
BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK COD DNK DJI DMA
DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND
HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER
NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP
SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO
TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
"""
UN_MEMBERS = _UN_MEMBER_CODES.split()
UN_OBSERVERS = ["VAT", "PSE"]
TERRITORIES = ["TWN", "HKG", "XKX", "ESH", "PRI", "GRL"]

SECTORS = {
    "GOV",
    "MIL",
    "COP",
    "JUD",
    "LEG",
    "OPP",
    "PTY",
    "REB",
    "INS",
    "SEP",
    "SPY",
    "BUS",
    "MED",
    "REF",
    "CVL",
    "EDU",
    "LAB",
    "HLH",
    "REL",
    "ELI",
    "CRM",
    "AGR",
    "ENV",
    "HRI",
    "DEV",
    "UAF",
    "MOD",
    "RAD",
}
G20_P5 = [
    "USA",
    "GBR",
    "FRA",
    "RUS",
    "CHN",
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "DEU",
    "IND",
    "IDN",
    "ITA",
    "JPN",
    "MEX",
    "SAU",
    "ZAF",
    "KOR",
    "TUR",
]
# Where the president also heads the government (from the given date when the system changed).
PRESIDENTIAL = {
    "USA": None,
    "ARG": None,
    "BRA": None,
    "MEX": None,
    "IDN": None,
    "ZAF": None,
    "KOR": None,
    "TUR": dt.date(2018, 7, 9),
}
WINDOW_START, WINDOW_END = dt.date(2000, 1, 1), dt.date(2026, 11, 1)
MAX_GAP_DAYS = 45  # "a few weeks": acting holders bridge longer vacancies
IGO_HEAD_ROLES = {"igo_head", "igo_foreign_policy_chief"}
# IGO head offices: (code, title pattern, coverage start, longest vacancy tolerated in days).
# WTO (Sep 2020 - Mar 2021) and OSCE (Jul - Dec 2020) were really without a head for months.
IGO_HEADS = [
    ("IGOUNO", r"^secretary-general$", WINDOW_START, MAX_GAP_DAYS),
    ("IGOWSTNAT", r"secretary-general", WINDOW_START, MAX_GAP_DAYS),
    ("IGOEUREEC", r"^European Commission president$", WINDOW_START, MAX_GAP_DAYS),
    ("IGOEUREEC", r"^European Council president$", dt.date(2009, 12, 1), MAX_GAP_DAYS),
    ("IGOEUREEC", r"^high representative$", WINDOW_START, MAX_GAP_DAYS),
    ("IGOUNOIAE", r"director-general", WINDOW_START, MAX_GAP_DAYS),
    ("IGOBUSIMF", r"managing director", WINDOW_START, MAX_GAP_DAYS),
    ("IGOUNODEVWBK", r"World Bank president", WINDOW_START, MAX_GAP_DAYS),
    ("IGOBUSWTO", r"director-general", WINDOW_START, 190),
    ("IGOAFRAFU|IGOAFROAU", r"(AU Commission chairperson|OAU secretary-general)", WINDOW_START, MAX_GAP_DAYS),
    ("IGOEUROSC", r"secretary-general", WINDOW_START, 140),
    ("IGOMEAARL", r"secretary-general", WINDOW_START, MAX_GAP_DAYS),
    ("IGOUNOHLHWHO", r"director-general", WINDOW_START, MAX_GAP_DAYS),
]


@cache
def load(name: str) -> dict[str, Any]:
    with open(DATA / f"{name}.yaml", encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict), f"{name}.yaml must be a mapping"
    return data


def entries(name: str) -> list[dict[str, Any]]:
    if name == "people":
        return [e for stem in PEOPLE_FILES for e in load(stem)["entries"]]
    return list(load(name)["entries"])


def parse_day(value: Any, *, last: bool) -> dt.date:
    """A start/end value as a date: YYYY-MM-DD, or the first/last day of YYYY-MM or YYYY."""
    if isinstance(value, dt.date):
        return value
    text = str(value)
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if not match:
        raise ValueError(f"bad date {value!r}")
    year, month, day = match.groups()
    if day:
        return dt.date(int(year), int(month), int(day))
    if month:
        last_day = calendar.monthrange(int(year), int(month))[1] if last else 1
        return dt.date(int(year), int(month), last_day)
    return dt.date(int(year), 12, 31) if last else dt.date(int(year), 1, 1)


def role_span(role: dict[str, Any]) -> tuple[dt.date, dt.date]:
    end = role.get("end")
    return parse_day(role["start"], last=False), (dt.date.max if end is None else parse_day(end, last=True))


def surface_forms(entry: dict[str, Any]) -> list[str]:
    forms = [entry["name"]]
    for field in ("names", "adjectives", "demonyms", "metonyms"):
        forms.extend(entry.get(field) or [])
    return forms


def named_actors() -> list[tuple[str, str]]:
    """(surface form, actor key) for every country, territory, institution, IGO and group name."""
    pairs: list[tuple[str, str]] = []
    for name in ("countries", "regions", "igos", "groups"):
        for entry in entries(name):
            pairs.extend((form, actor_key(entry)) for form in surface_forms(entry))
            for body in entry.get("institutions") or []:
                pairs.extend((form, entry["iso3"] + body["sector"]) for form in body["names"])
    return pairs


def actor_key(entry: dict[str, Any]) -> str:
    return str(entry.get("code") or entry["iso3"])


def longest_gap(spans: list[tuple[dt.date, dt.date]], start: dt.date, end: dt.date) -> tuple[int, dt.date]:
    """Longest stretch of days in [start, end] covered by no span, and where it begins."""
    covered_to, worst, worst_at = start, 0, start
    for lo, hi in sorted(spans):
        if hi < covered_to:
            continue
        if lo > covered_to and (lo - covered_to).days > worst:
            worst, worst_at = (lo - covered_to).days, covered_to
        covered_to = max(covered_to, hi)
    if covered_to < end and (end - covered_to).days > worst:
        worst, worst_at = (end - covered_to).days, covered_to
    return worst, worst_at


@pytest.mark.parametrize("name", FILES)
def test_file_has_version_and_entries(name: str) -> None:
    data = load(name)
    assert data.get("version") == 1
    assert isinstance(data.get("entries"), list) and data["entries"]


def test_countries_schema_and_unique_codes() -> None:
    seen: dict[str, str] = {}
    for entry in entries("countries"):
        assert re.fullmatch(r"[A-Z]{3}", entry["iso3"]), entry
        assert entry["kind"] in {"state", "territory", "region"}, entry
        assert entry["names"] and entry["name"] in entry["names"], entry
        for field in ("names", "adjectives", "demonyms", "metonyms"):
            assert all(isinstance(v, str) and v.strip() == v and v for v in entry.get(field) or []), (
                field,
                entry,
            )
        if entry["kind"] == "region":
            assert entry.get("parent") == entry["iso3"], (
                f"region {entry['name']} must carry its parent's iso3"
            )
            continue
        assert entry["iso3"] not in seen, f"{entry['iso3']} used by {seen[entry['iso3']]} and {entry['name']}"
        seen[entry["iso3"]] = entry["name"]
    for entry in entries("countries"):
        if entry.get("parent"):
            assert entry["parent"] in seen, entry


def test_region_codes_are_three_letters_and_not_iso_codes() -> None:
    country_codes = {e["iso3"] for e in entries("countries")}
    codes = [e["iso3"] for e in entries("regions")]
    assert len(codes) == len(set(codes)), "a region code is used twice"
    for entry in entries("regions"):
        assert re.fullmatch(r"[A-Z]{3}", entry["iso3"]) and entry["kind"] == "area", entry
        assert entry["iso3"] not in country_codes, f"{entry['iso3']} is already a country code"


def test_all_un_members_observers_and_key_territories_present() -> None:
    assert len(set(UN_MEMBERS)) == 193
    codes = {e["iso3"] for e in entries("countries") if e["kind"] != "region"}
    missing = sorted(set(UN_MEMBERS + UN_OBSERVERS + TERRITORIES) - codes)
    assert not missing, f"missing countries: {missing}"


def test_igo_and_group_codes_are_well_formed() -> None:
    country_codes = {e["iso3"] for e in entries("countries")}
    for entry in entries("igos"):
        assert re.fullmatch(r"(IGO|NGO)[A-Z]*", entry["code"]), entry
        assert entry["kind"] in {"igo", "ngo"} and entry["names"], entry
        assert entry.get("sector") in (None, *SECTORS), entry
    group_codes = [e["code"] for e in entries("groups")]
    assert len(group_codes) == len(set(group_codes)), "a group code is used twice"
    for entry in entries("groups"):
        assert re.fullmatch(r"[A-Z]{3}[A-Z0-9]{3,9}", entry["code"]), entry
        assert entry["kind"] == "group" and entry["sector"] in SECTORS, entry
        assert entry["country"] is None or entry["country"] in country_codes, entry
        if entry["country"]:
            assert entry["code"].startswith(entry["country"]), entry


def test_no_surface_form_means_two_actors() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for form, key in named_actors():
        owners[form.casefold()].add(key)
    clashes = {form: keys for form, keys in owners.items() if len(keys) > 1}
    assert not clashes, f"surface forms with several actors: {clashes}"


def test_agent_terms_and_titles_are_unambiguous() -> None:
    term_sector: dict[str, str] = {}
    for entry in entries("agents"):
        assert entry["sector"] in SECTORS, entry
        for term in entry["terms"]:
            key = term.casefold()
            assert term_sector.setdefault(key, entry["sector"]) == entry["sector"], (
                f"agent term {term!r} in two sectors"
            )
    title_meaning: dict[str, tuple[str, str]] = {}
    for entry in entries("titles"):
        assert entry["sector"] in SECTORS | {"IGO"}, entry
        assert re.fullmatch(r"[a-z_]+", entry["role"]), entry
        assert entry.get("gender") in (None, "m", "f"), entry
        for title in [entry["title"], *entry.get("variants", [])]:
            meaning = (entry["sector"], entry["role"])
            assert title_meaning.setdefault(title.casefold(), meaning) == meaning, f"title {title!r} twice"


def test_people_schema_dates_and_references() -> None:
    countries = {e["iso3"] for e in entries("countries")}
    codes = {e["code"] for e in entries("igos")} | {e["code"] for e in entries("groups")}
    group_sectors = {e["code"]: e.get("sector") for e in entries("groups")}
    names = [p["name"] for p in entries("people")]
    duplicated = sorted({n for n in names if names.count(n) > 1})
    assert not duplicated, f"people listed twice: {duplicated}"
    for person in entries("people"):
        assert person["roles"], person["name"]
        assert person.get("gender") in ("m", "f"), f"{person['name']}: gender must be m or f"
        assert isinstance(person.get("aliases", []), list), person["name"]
        for role in person["roles"]:
            where = f"{person['name']}: {role}"
            assert ("country" in role) != ("code" in role), f"role needs exactly one of country/code: {where}"
            assert role.get("country") in countries or role.get("code") in codes, where
            if str(role.get("code", "IGO")).startswith("IGO"):
                assert role.get("sector") in SECTORS, f"country and IGO roles need a sector: {where}"
            else:  # a group or NGO code carries its sector: a role may repeat it, never contradict it
                assert role.get("sector") in (None, group_sectors.get(role["code"])), \
                    f"a group role's sector must be the group's own: {where}"
            assert role["title"], where
            assert re.fullmatch(r"[a-z_]+", role["role"]), where
            start, end = role_span(role)
            assert start <= end, f"role ends before it starts: {where}"
            assert start <= dt.date(2026, 12, 31), where


def test_shared_aliases_belong_to_date_disjoint_people() -> None:
    by_form: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for person in entries("people"):
        for form in {person["name"].casefold(), *(a.casefold() for a in person.get("aliases", []))}:
            by_form[form].append(person)
    other_actors = {form.casefold() for form, _ in named_actors()}
    for form, people in by_form.items():
        assert form not in other_actors, f"person alias {form!r} is also a country/IGO/group name"
        for i, first in enumerate(people):
            for second in people[i + 1 :]:
                for a in first["roles"]:
                    for b in second["roles"]:
                        (a_lo, a_hi), (b_lo, b_hi) = role_span(a), role_span(b)
                        # Ends are inclusive: on a hand-over day both holders count as in office.
                        overlap = a_lo <= b_hi and b_lo <= a_hi
                        assert not overlap, f"{form!r} names {first['name']} and {second['name']} at once"


def spans_for(country: str, wanted: str) -> list[tuple[dt.date, dt.date]]:
    spans = []
    for person in entries("people"):
        for role in person["roles"]:
            if role.get("country") != country:
                continue
            if role["role"] == wanted:
                spans.append(role_span(role))
            elif (
                wanted == "head_of_government" and role["role"] == "head_of_state" and country in PRESIDENTIAL
            ):
                since = PRESIDENTIAL[country]
                lo, hi = role_span(role)
                if since is None or hi > since:
                    spans.append((max(lo, since) if since else lo, hi))
    return spans


@pytest.mark.parametrize("country", G20_P5)
@pytest.mark.parametrize("wanted", ["head_of_state", "head_of_government", "foreign_minister"])
def test_g20_and_p5_leaders_cover_2000_to_2026(country: str, wanted: str) -> None:
    spans = spans_for(country, wanted)
    assert spans, f"no {wanted} for {country}"
    gap, since = longest_gap(spans, WINDOW_START, WINDOW_END)
    assert gap <= MAX_GAP_DAYS, f"{country} {wanted}: {gap} days without a holder from {since}"


@pytest.mark.parametrize(("code", "title", "since", "max_gap"), IGO_HEADS)
def test_igo_heads_cover_their_office(code: str, title: str, since: dt.date, max_gap: int) -> None:
    spans = [
        role_span(role)
        for person in entries("people")
        for role in person["roles"]
        if re.fullmatch(code, role.get("code") or "")
        and role["role"] in IGO_HEAD_ROLES
        and re.search(title, role["title"])
    ]
    assert spans, f"no head for {code} {title}"
    gap, at = longest_gap(spans, since, WINDOW_END)
    assert gap <= max_gap, f"{code} {title}: {gap} days without a head from {at}"


def test_longest_gap_finds_holes() -> None:
    day = dt.date
    spans = [(day(2000, 1, 1), day(2001, 1, 1)), (day(2001, 3, 1), day(2030, 1, 1))]
    assert longest_gap(spans, day(2000, 1, 1), day(2026, 1, 1)) == (59, day(2001, 1, 1))
    assert longest_gap(spans[:1], day(2000, 1, 1), day(2001, 2, 1))[0] == 31
    assert parse_day("2025-10", last=True) == day(2025, 10, 31)
    assert parse_day(2014, last=False) == day(2014, 1, 1)


def test_group_codes_carry_their_sector_and_people_files_are_split() -> None:
    """CAMEO group codes are country + sector + group (PSEREBHMS); transnational ones start IMG."""
    for entry in entries("groups"):
        code = entry["code"]
        assert code.startswith("IMG") or code[3:6] == entry["sector"], f"{code} vs sector {entry['sector']}"
    assert "INS" not in {e["sector"] for e in entries("groups")}, "armed groups are REB (CAMEO), not INS"
    assert len(PEOPLE_FILES) > 1 and "people" in PEOPLE_FILES
