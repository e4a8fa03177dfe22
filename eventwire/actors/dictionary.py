"""Actor dictionaries: load, validate and merge the YAML files (PETRARCH files: ``actors/loading.py``).

Every entry becomes one :class:`Entry` whatever file it came from: a state, IGO, group, national
institution, person (with date-bounded roles), title or agent term. Each entry keeps the file and
line it came from so that problems can be reported as ``file:line: what is wrong``. A bad entry is
reported and skipped, never fatal: one typo in a user file must not stop a run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from eventwire.dates import parse_day
from eventwire.errors import ConfigError

__all__ = [
    "BUILTIN_DIR",
    "Role",
    "Pattern",
    "Entry",
    "ActorDictionary",
    "load_yaml_entries",
    "normalize",
    "add_derived_demonyms",
]

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"

_ISO3 = re.compile(r"^[A-Z]{3}$")
_CODE = re.compile(r"^[A-Z0-9]{3,}$")
_SECTOR = re.compile(r"^[A-Z0-9]{3}(?:[A-Z0-9]{3})*$")
# Apostrophe and dash variants are folded so "Iran’s" matches "Iran's"; every fold keeps the length.
_FOLD = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "–": "-"})

# Kinds of entry. "institution" is a named national body (the Argentine Congress): country + sector.
STATE_KINDS = frozenset({"state", "territory", "region"})
# CAMEO role codes a group code may carry in its second block (the sectors agents.yaml uses).
ROLE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "INS", "SEP", "SPY", "BUS",
                          "MED", "REF", "CVL", "EDU", "LAB", "HLH", "REL", "ELI", "CRM", "AGR", "ENV", "HRI",
                          "DEV", "UAF", "MOD", "RAD"})
NAMED_KINDS = frozenset({"state", "territory", "region", "igo", "group", "institution", "person"})


def normalize(text: str) -> str:
    """Lower-case and fold apostrophes/dashes, keeping the length so offsets still line up."""
    folded = text.translate(_FOLD)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    # Rare letters (Turkish dotted I) grow when lowered: lower those one by one, keeping the others.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


@dataclass(frozen=True)
class Role:
    """A code an entry carries over a period (open ends are None): RUSGOV 2008-05-07..2012-05-07."""

    code: str | None  # the full code (RUSGOV, IGOWSTNAT); None for a PETRARCH null code (---)
    country: str | None
    sector: str | None
    title: str | None = None
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def active(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Pattern:
    """One surface form of an entry.

    ``form``: name | adjective | demonym | metonym | alias | title | term. ``case``: exact (acronyms),
    capitals (each capitalised word of the pattern must be capitalised in the text), initial (first
    letter capitalised: PETRARCH's all-caps patterns) or any. ``prefix``: the last word may continue
    (PETRARCH stems such as ``ARGENTIN``).
    """

    text: str
    form: str
    case: str
    prefix: bool = False


@dataclass
class Entry:
    kind: str  # state|territory|region|igo|group|institution|person|title|agent
    name: str
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    patterns: list[Pattern] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None  # "m" | "f" when known (pronoun linking)
    role: str | None = None  # for titles: what the title means (foreign_minister)
    user: bool = False  # from a user file: role_source "user"
    origin: str = ""  # file:line

    @property
    def identity(self) -> tuple[str, str]:
        """Two entries with the same identity are the same actor (a user entry replaces a builtin one)."""
        if self.kind in STATE_KINDS:
            return ("state", self.code or self.name)
        if self.kind in ("igo", "group", "institution"):
            return (self.kind, (self.code or "") + "|" + self.name.lower())
        return (self.kind, self.name.lower())


def case_for(text: str, *, default: str) -> str:
    """Acronyms (no lower-case letter) must match exactly; the rest follow ``default``."""
    letters = [c for c in text if c.isalpha()]
    if letters and not any(c.islower() for c in letters):
        return "exact"
    return default


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A YAML loader that records the line of every mapping under the key ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay strings (parse_day reads them): a bad date is then one bad entry, not an unreadable file.
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _strings(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v is not None and str(v).strip()]


def _check_code(value: Any, what: str, pattern: re.Pattern[str] = _CODE) -> str | None:
    if value is None:
        return None
    text = str(value)
    if not pattern.match(text):
        raise ValueError(f"{what} {text!r} must be upper-case letters/digits ({pattern.pattern})")
    return text


def _code_sector(code: str) -> str | None:
    """The sector a group code carries in its second block (PSEREBHMS -> REB, IMGMOSALQ -> None)."""
    block = code[3:6]
    return block if block in ROLE_SECTORS else None


def _role(raw: Any) -> Role:
    if not isinstance(raw, dict):
        raise ValueError("a role must be a mapping with country or code, sector, title, start, end")
    country = _check_code(raw.get("country"), "country", _ISO3)
    code = _check_code(raw.get("code"), "code")
    sector = _check_code(raw.get("sector"), "sector", _SECTOR)
    if not country and not code:
        raise ValueError("a role needs country (ISO3) or code (an IGO code such as IGOWSTNAT)")
    start = parse_day(raw.get("start"))
    end = parse_day(raw.get("end"), end=True)
    if start and end and end < start:
        raise ValueError(f"role ends ({end}) before it starts ({start})")
    full = code or f"{country}{sector or ''}"
    if code and sector is None and not code.startswith(("IGO", "NGO")):
        # a group code carries its sector (PSEREBHMS -> REB); it is never appended again (the old
        # LBNINSHEZINS); codes such as IMGMOSALQ take it from the group entry (ActorDictionary)
        sector = _code_sector(code)
    return Role(full, country or (code[:3] if code and not code.startswith(("IGO", "NGO")) else None),
                sector, raw.get("title"), start, end)


def add_derived_demonyms(entries: list[Entry]) -> None:
    """The regular "-n"/"-ns" forms of a state whose name ends in "a" ("Somalia" -> "Somalian",
    "Somalians"), when no entry lists them (news writes both "Somalis" and "Somalians"; "Dominican"
    stays the Dominican Republic's, which lists it)."""
    taken = {p.text.lower() for e in entries for p in e.patterns}
    for entry in entries:
        if entry.kind not in STATE_KINDS or entry.user or not entry.name.endswith("a") or " " in entry.name:
            continue
        for text, form in ((f"{entry.name}n", "adjective"), (f"{entry.name}ns", "demonym")):
            if text.lower() not in taken:
                entry.patterns.append(Pattern(text, form, case_for(text, default="capitals")))
                taken.add(text.lower())


def _entry_from_yaml(raw: dict[str, Any], origin: str, user: bool) -> list[Entry]:
    """Turn one YAML mapping into entries (a country also yields its institutions)."""
    kind = str(raw.get("kind") or "").lower()
    if "iso3" in raw:
        iso3 = _check_code(raw["iso3"], "iso3", _ISO3)
        parent = _check_code(raw.get("parent"), "parent", _ISO3)
        name = str(raw.get("name") or iso3)
        entry = Entry(kind if kind in STATE_KINDS else "state", name, code=iso3, country=iso3,
                      user=user, origin=origin)
        for text in [name, *_strings(raw.get("names"))]:
            entry.patterns.append(Pattern(text, "name", case_for(text, default="capitals")))
        for key, form in (("adjectives", "adjective"), ("demonyms", "demonym"), ("metonyms", "metonym")):
            for text in _strings(raw.get(key)):
                entry.patterns.append(Pattern(text, form, case_for(text, default="capitals")))
        out = [entry]
        for inst in raw.get("institutions") or []:
            sector = _check_code(inst.get("sector"), "sector", _SECTOR) if isinstance(inst, dict) else None
            names = _strings(inst.get("names")) if isinstance(inst, dict) else []
            if not names or not sector:
                raise ValueError("an institution needs names and sector")
            out.append(Entry("institution", names[0], code=f"{iso3}{sector}", country=iso3, sector=sector,
                             patterns=[Pattern(t, "name", case_for(t, default="capitals")) for t in names],
                             user=user, origin=origin))
        _ = parent  # validated; a territory keeps its own code
        return out
    if "terms" in raw:
        sector = _check_code(raw.get("sector"), "sector", _SECTOR)
        if not sector:
            raise ValueError("an agent entry needs sector")
        terms = _strings(raw.get("terms"))
        owner = _check_code(raw.get("code"), "code")  # NGO: unnamed organisations of this kind
        return [Entry("agent", str(raw.get("name") or f"agent {sector}"), code=owner, sector=sector, user=user,
                      origin=origin,
                      patterns=[Pattern(t, "term", case_for(t, default="any")) for t in terms])]
    if "title" in raw:
        title = str(raw["title"])
        sector_raw = raw.get("sector")
        sector = None if sector_raw in (None, "IGO") else _check_code(sector_raw, "sector", _SECTOR)
        texts = [title, *_strings(raw.get("names")), *_strings(raw.get("aliases")),
                 *_strings(raw.get("variants"))]
        # "foreign ministers": the plural of a multiword title (single words are lemmatised instead)
        texts += [_plural_phrase(t) for t in texts if " " in t.strip() and not t.isupper()]
        return [Entry("title", title, sector=sector, role=raw.get("role"), gender=raw.get("gender"),
                      user=user, origin=origin,
                      patterns=[Pattern(t, "title", case_for(t, default="any")) for t in texts])]
    if "roles" in raw or kind == "person":
        name = str(raw.get("name") or "")
        if not name:
            raise ValueError("a person needs name")
        roles = [_role(r) for r in raw.get("roles") or []]
        if not roles:
            raise ValueError("a person needs at least one role")
        texts = [name, *_strings(raw.get("names")), *_strings(raw.get("aliases"))]
        return [Entry("person", name, roles=roles, gender=raw.get("gender"), user=user, origin=origin,
                      patterns=[Pattern(t, "alias", case_for(t, default="capitals")) for t in texts])]
    code = _check_code(raw.get("code"), "code")
    name = str(raw.get("name") or "")
    if not code or not name:
        raise ValueError("an entry needs iso3 (country), code and name (IGO/group), terms (agent), "
                         "title, or roles (person)")
    country = _check_code(raw.get("country"), "country", _ISO3)
    sector = _check_code(raw.get("sector"), "sector", _SECTOR)
    if kind not in ("igo", "group"):
        kind = "igo" if code.startswith(("IGO", "NGO")) else "group"
    texts = [name, *_strings(raw.get("names")), *_strings(raw.get("aliases")), *_strings(raw.get("variants"))]
    return [Entry(kind, name, code=code, country=country, sector=sector, user=user, origin=origin,
                  patterns=[Pattern(t, "name", case_for(t, default="capitals")) for t in texts])]


def _plural_phrase(text: str) -> str:
    words = text.strip().split(" ")
    last = words[-1]
    if last.endswith(("s", "x", "ch", "sh")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in ("a", "e", "o", "u"):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return " ".join([*words[:-1], last])


def load_yaml_entries(path: Path, *, user: bool, problems: list[str]) -> list[Entry]:
    """Read one YAML dictionary; bad entries go to ``problems`` as ``file:line: message``."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 (safe subclass)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read actor dictionary {path}: {exc}. Fix the file or leave it out.") from exc
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ConfigError(f"{path}: an actor dictionary is a YAML mapping with `version: 1` and `entries:` "
                          f"(a list); see docs/actors.md")
    entries: list[Entry] = []
    for raw in data["entries"]:
        line = raw.get("__line__", 0) if isinstance(raw, dict) else 0
        origin = f"{path}:{line}"
        try:
            if not isinstance(raw, dict):
                raise ValueError("each entry must be a mapping")
            entries.extend(_entry_from_yaml(raw, origin, user))
        except (ValueError, TypeError, AttributeError) as exc:
            problems.append(f"{origin}: {exc}; entry skipped")
    return entries


@dataclass
class FileStats:
    path: str
    entries: int = 0
    patterns: int = 0
    roles: int = 0
    dated_roles: int = 0
    skipped: int = 0


class ActorDictionary:
    """All entries in force, builtin first then user files (a user entry replaces a builtin one)."""

    def __init__(self, entries: Sequence[Entry], problems: Sequence[str] = (),
                 stats: Sequence[FileStats] = ()) -> None:
        self.problems = list(problems)
        self.stats = list(stats)
        replaced = {e.identity for e in entries if e.user}
        self.entries = [e for e in entries if e.user or e.identity not in replaced]
        _group_sectors(self.entries)
        self.problems.extend(self._conflicts())

    def _conflicts(self) -> list[str]:
        """Names that mean two different actors, unless both are people with date-disjoint roles."""
        seen: dict[str, Entry] = {}
        found: list[str] = []
        for entry in self.entries:
            if entry.kind not in NAMED_KINDS:
                continue
            for pattern in entry.patterns:
                key = normalize(pattern.text)
                other = seen.setdefault(key, entry)
                if other is entry or other.identity == entry.identity or other.user != entry.user:
                    continue
                if other.kind == entry.kind == "person" and _disjoint(other.roles, entry.roles):
                    continue
                if other.kind in STATE_KINDS and entry.kind in STATE_KINDS and other.code == entry.code:
                    continue
                found.append(f"{entry.origin}: {pattern.text!r} also names {other.name!r} ({other.origin}); "
                             f"the first entry wins")
        return found


def _group_sectors(entries: Sequence[Entry]) -> None:
    """A person's role under a group code without a sector takes the group's (al-Qaeda's REB)."""
    sectors = {e.code: e.sector for e in entries if e.kind == "group" and e.code and e.sector}
    for entry in entries:
        if entry.kind == "person" and any(r.sector is None and r.code in sectors for r in entry.roles):
            entry.roles = [replace(r, sector=sectors[r.code]) if r.sector is None and r.code in sectors else r
                           for r in entry.roles]


def _disjoint(first: Iterable[Role], second: Iterable[Role]) -> bool:
    for a in first:
        for b in second:
            a_start, a_end = a.start or date.min, a.end or date.max
            b_start, b_end = b.start or date.min, b.end or date.max
            if a_start <= b_end and b_start <= a_end:
                return False
    return True


def builtin_files() -> list[Path]:
    return sorted(BUILTIN_DIR.glob("*.yaml")) if BUILTIN_DIR.is_dir() else []
