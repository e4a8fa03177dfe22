"""The records that flow between pipeline stages.

Their JSON form (``to_dict``) is the public contract of ``--format jsonl`` and of the HTTP API:
field names and nesting here must match ``docs/records.md``. ``from_dict`` accepts what ``to_dict``
wrote, and tolerates missing optional fields so older files still load.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import datetime
from types import NoneType, UnionType
from typing import Any, Self, get_args, get_origin, get_type_hints

__all__ = [
    "RawDocument",
    "Dateline",
    "Credits",
    "Article",
    "Span",
    "Actor",
    "Plover",
    "Location",
    "Event",
    "Quote",
    "Place",
]

# how a field travels to and from JSON: as is, as a list (copied), as a record, or as a record or null
_VALUE, _LIST, _RECORD, _OPTIONAL = "value", "list", "record", "optional"


class _Record:
    """``to_dict``/``from_dict`` of every record, read from its dataclass fields (one mechanism for all).

    Not ``dataclasses.asdict``: on Python 3.11 it deep-copies every value, several times slower on the
    hot path (every event of every document is serialised for the database), and it cannot read back.
    ``to_dict`` keeps the field order; lists are copied; nested records become dicts, a missing one
    ``null``. ``from_dict`` ignores unknown keys, leaves missing ones to the field defaults, reads a
    missing or null list as ``[]`` and a missing, null or empty nested record as ``null`` (or as its
    empty form when the field is not optional: ``dateline``, ``credits``).
    """

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, kind, _ in _plan(type(self)):
            value = getattr(self, name)
            if kind == _LIST:
                value = list(value)
            elif kind != _VALUE and value is not None:
                value = value.to_dict()
            out[name] = value
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> Self:
        data = data or {}
        values: dict[str, Any] = {}
        for name, kind, record in _plan(cls):
            if kind == _OPTIONAL:
                found = data.get(name)
                values[name] = record.from_dict(found) if found and record else None
            elif name not in data:
                continue  # the field's default, or the constructor names the missing field
            elif kind == _LIST:
                values[name] = list(data[name] or [])
            elif kind == _RECORD and record:
                values[name] = record.from_dict(data[name])
            else:
                values[name] = data[name]
        return cls(**values)


_Plan = tuple[tuple[str, str, "type[_Record] | None"], ...]
_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    """(field, how it travels, its record class) for each field of ``cls``, read once from the hints."""
    found = _PLANS.get(cls)
    if found is None:
        found = _PLANS[cls] = _read_plan(cls)
    return found


def _read_plan(cls: type) -> _Plan:
    hints = get_type_hints(cls)
    plan: list[tuple[str, str, type[_Record] | None]] = []
    for f in fields(cls):
        hint = hints[f.name]
        members = [a for a in get_args(hint) if a is not NoneType] if isinstance(hint, UnionType) else [hint]
        record = members[0] if len(members) == 1 and isinstance(members[0], type) else None
        if record is not None and issubclass(record, _Record):
            plan.append((f.name, _OPTIONAL if isinstance(hint, UnionType) else _RECORD, record))
        elif get_origin(hint) is list:
            plan.append((f.name, _LIST, None))
        else:
            plan.append((f.name, _VALUE, None))
    return tuple(plan)


@dataclass
class RawDocument:
    """One capture as read by :mod:`eventwire.sources`, before extraction.

    ``content`` holds the undecoded bytes; ``text`` is set instead when the source already gave text
    (a JSONL record's ``text`` field). ``kind`` says how to extract it: ``html`` or ``text``.
    """

    uri: str
    kind: str = "html"
    content: bytes | None = None
    text: str | None = None
    url: str | None = None
    captured: datetime | None = None
    title: str | None = None
    published: str | None = None
    charset: str | None = None  # declared by the transport (HTTP header, WARC record), if any
    source: str | None = None  # the publisher named by the capture itself (a JSONL record's "source")
    warnings: list[str] = field(default_factory=list)


@dataclass
class Dateline(_Record):
    place: str | None = None
    country: str | None = None  # ISO 3166 alpha-3
    agency: str | None = None


@dataclass
class Credits(_Record):
    authors: list[str] = field(default_factory=list)
    reporting: list[str] = field(default_factory=list)
    writing: list[str] = field(default_factory=list)
    editing: list[str] = field(default_factory=list)


@dataclass
class Article(_Record):
    """A clean article: the output of :mod:`eventwire.extract`.

    ``published`` is ISO 8601 (``2009-06-27T10:12`` or with a UTC offset when the zone is known, or
    just a date). ``warnings`` lists what was odd about the capture (truncated, charset guessed, ...).
    """

    id: str
    uri: str
    url: str | None = None
    source: str | None = None
    title: str | None = None
    text: str = ""
    published: str | None = None
    dateline: Dateline = field(default_factory=Dateline)
    credits: Credits = field(default_factory=Credits)
    language: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Span(_Record):
    """A piece of text with character offsets (``end`` exclusive)."""

    text: str
    start: int
    end: int


@dataclass
class Actor(_Record):
    """An actor mention resolved to CAMEO-style codes.

    ``code`` is the full CAMEO actor code (``RUSGOV``, ``GEOMIL``, ``IGOWSTNAT``); ``country`` the
    ISO3 country (None for IGOs and unknowns); ``sector`` the role block (GOV, MIL, REB, ...);
    ``name`` the canonical name (a person's full name, a state's short name); ``kind`` one of
    state|igo|group|person|agent; ``role_source`` one of dictionary|title|user|class (``class``: the
    role is the sector of WordNet's class of a common noun no hand list has, ``noun_classes.tsv``).
    ``code_source`` says how the code was obtained, so users can filter on it: ``dictionary`` (the
    name is in an actor dictionary), ``title`` (a title or description in the article: "Cuban Foreign
    Minister ... Roque"), ``context`` (a generic agent or kind given its country by the article: "the
    government" in a story about Pakistan), ``coref`` (a pronoun or definite description resolved to
    an earlier actor: "he", "the minister"), ``user`` (a user dictionary), ``class`` (a common noun coded
    by its WordNet class, its country stated in the phrase: "Pakistani regulators"; with the country
    from the article it is ``context``); None when uncoded.
    Offsets are into the article text, or into the sentence when the actor is part of an Event.
    """

    text: str
    start: int
    end: int
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    name: str | None = None
    kind: str | None = None
    role_source: str | None = None
    code_source: str | None = None


@dataclass
class Plover(_Record):
    type: str
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)


@dataclass
class Location(_Record):
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str | None = None  # city | admin1 | country


@dataclass
class Event(_Record):
    """One coded event, with the evidence: sentence, trigger span, rule and/or model.

    Both verdicts are kept: ``rule_type`` is the PLOVER type the lexicon rule gave (None for a
    model-only event), ``model_type`` and ``model_prob`` the classifier's top type and its probability
    (None without a model), ``decided_by`` which of them set ``plover.type`` (``rule`` or ``model``).
    ``reported`` is true when the event is a claim inside someone's reported speech ("Mugabe says the
    U.S. has provided $70 million to the MDC"), not asserted by the article itself. ``symmetric`` is
    true when the event is done by each side to the other ("A and B met", "A met B", "talks between A
    and B"): it is coded once, the first-named actor as source, and stands for both directions.
    """

    id: str
    article_id: str
    sentence_index: int
    sentence: str
    trigger: Span
    source: Actor
    target: Actor | None
    cameo: str
    cameo_root: str
    plover: Plover
    goldstein: float
    quad_class: int
    date: str | None = None
    date_source: str | None = None  # sentence | publication | dateline | unknown
    location: Location | None = None
    rule: str | None = None
    model: str | None = None
    confidence: float = 0.0
    rule_type: str | None = None
    model_type: str | None = None
    model_prob: float | None = None
    decided_by: str | None = None
    reported: bool = False
    symmetric: bool = False


@dataclass
class Quote(_Record):
    """A direct quotation; offsets are into the article text."""

    article_id: str
    text: str
    start: int
    end: int
    speaker: Actor | None = None


@dataclass
class Place(_Record):
    """A toponym in the article text (offsets into the text; -1 for the dateline place)."""

    name: str
    start: int
    end: int
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str | None = None  # city | admin1 | country
