"""The records that flow between pipeline stages.

Their JSON form (``to_dict``) is the public contract of ``--format jsonl`` and of the HTTP API:
field names and nesting here must match ``docs/records.md``. ``from_dict`` accepts what ``to_dict``
wrote, and tolerates missing optional fields so older files still load.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any

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


def _pick(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """Keep only the keys that are fields of ``cls`` (unknown keys are ignored, not an error)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


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
class Dateline:
    place: str | None = None
    country: str | None = None  # ISO 3166 alpha-3
    agency: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Dateline:
        return cls(**_pick(cls, data or {}))


@dataclass
class Credits:
    authors: list[str] = field(default_factory=list)
    reporting: list[str] = field(default_factory=list)
    writing: list[str] = field(default_factory=list)
    editing: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Credits:
        return cls(**{k: list(v or []) for k, v in _pick(cls, data or {}).items()})


@dataclass
class Article:
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "uri": self.uri,
            "url": self.url,
            "source": self.source,
            "title": self.title,
            "text": self.text,
            "published": self.published,
            "dateline": self.dateline.to_dict(),
            "credits": self.credits.to_dict(),
            "language": self.language,
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        values = _pick(cls, data)
        values["dateline"] = Dateline.from_dict(data.get("dateline"))
        values["credits"] = Credits.from_dict(data.get("credits"))
        values["warnings"] = list(data.get("warnings") or [])
        return cls(**values)


@dataclass
class Span:
    """A piece of text with character offsets (``end`` exclusive)."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Span:
        return cls(**_pick(cls, data))


@dataclass
class Actor:
    """An actor mention resolved to CAMEO-style codes.

    ``code`` is the full CAMEO actor code (``RUSGOV``, ``GEOMIL``, ``IGOWSTNAT``); ``country`` the
    ISO3 country (None for IGOs and unknowns); ``sector`` the role block (GOV, MIL, REB, ...);
    ``name`` the canonical name (a person's full name, a state's short name); ``kind`` one of
    state|igo|group|person|agent; ``role_source`` one of dictionary|title|user.
    ``code_source`` says how the code was obtained, so users can filter on it: ``dictionary`` (the
    name is in an actor dictionary), ``title`` (a title or description in the article: "Cuban Foreign
    Minister ... Roque"), ``context`` (a generic agent or kind given its country by the article: "the
    government" in a story about Pakistan), ``coref`` (a pronoun or definite description resolved to
    an earlier actor: "he", "the minister"), ``user`` (a user dictionary); None when uncoded.
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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return cls(**_pick(cls, data))


@dataclass
class Plover:
    type: str
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "mode": list(self.mode), "context": list(self.context)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plover:
        return cls(
            type=data["type"], mode=list(data.get("mode") or []), context=list(data.get("context") or [])
        )


@dataclass
class Location:
    name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    precision: str | None = None  # city | admin1 | country

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Location | None:
        return cls(**_pick(cls, data)) if data else None


@dataclass
class Event:
    """One coded event, with the evidence: sentence, trigger span, rule and/or model.

    Both verdicts are kept: ``rule_type`` is the PLOVER type the lexicon rule gave (None for a
    model-only event), ``model_type`` and ``model_prob`` the classifier's top type and its probability
    (None without a model), ``decided_by`` which of them set ``plover.type`` (``rule`` or ``model``).
    ``reported`` is true when the event is a claim inside someone's reported speech ("Mugabe says the
    U.S. has provided $70 million to the MDC"), not asserted by the article itself.
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

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "sentence_index": self.sentence_index,
            "sentence": self.sentence,
            "trigger": self.trigger.to_dict(),
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover.to_dict(),
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "date": self.date,
            "date_source": self.date_source,
            "location": self.location.to_dict() if self.location else None,
            "rule": self.rule,
            "model": self.model,
            "confidence": self.confidence,
            "rule_type": self.rule_type,
            "model_type": self.model_type,
            "model_prob": self.model_prob,
            "decided_by": self.decided_by,
            "reported": self.reported,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        values = _pick(cls, data)
        values["trigger"] = Span.from_dict(data["trigger"])
        values["source"] = Actor.from_dict(data["source"])
        values["target"] = Actor.from_dict(data["target"]) if data.get("target") else None
        values["plover"] = Plover.from_dict(data["plover"])
        values["location"] = Location.from_dict(data.get("location"))
        return cls(**values)


@dataclass
class Quote:
    """A direct quotation; offsets are into the article text."""

    article_id: str
    text: str
    start: int
    end: int
    speaker: Actor | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker.to_dict() if self.speaker else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        values = _pick(cls, data)
        values["speaker"] = Actor.from_dict(data["speaker"]) if data.get("speaker") else None
        return cls(**values)


@dataclass
class Place:
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

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Place:
        return cls(**_pick(cls, data))
