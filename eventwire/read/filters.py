"""The one filter vocabulary of eventwire: the same names in Python, the CLI and the HTTP API.

``FILTERS`` lists every name with its meaning (docs/api.md prints the same table). ``parse_filters``
turns a mapping of user values (keyword arguments, query parameters, CLI options) into an
:class:`EventFilter`: unknown names are refused with the list of valid ones, deprecated spellings
(``from``/``to``) are accepted and reported. An :class:`EventFilter` builds the SQL conditions over
the ``events`` table; every question of :mod:`eventwire.read.questions` starts from it.

Every user value reaches SQL as a bound parameter; LIKE wildcards in it are escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from eventwire import dates
from eventwire.errors import ConfigError

__all__ = ["FILTERS", "ALIASES", "passes_quality", "MODES", "QUADS", "FACETS", "EventFilter", "Predicate", "Term",
           "parse_filters", "like_escape", "escape_clause", "actor_predicate", "dyad_condition", "parse_day", "where_of"]

# name -> what it matches (the table of docs/api.md); the order is the order of --help and docs
FILTERS: dict[str, str] = {
    "source": "source actor: a name, a CAMEO code or a code prefix (Russia, RUS, RUSGOV, NATO)",
    "target": "target actor: a name, a code or a code prefix",
    "actor": "either side: a name, a code or a code prefix",
    "actor2": "with actor: the dyad, both directions (actor2 alone acts as actor)",
    "plover": "PLOVER event type(s), comma-separated (ASSAULT,COERCE)",
    "cameo": "CAMEO event code prefix(es), comma-separated (19,172)",
    "quad": "QuadClass(es) 1-4, comma-separated (1 verbal coop., 2 material coop., 3 verbal conflict, "
            "4 material conflict)",
    "date_from": "events on or after this date (YYYY-MM-DD; YYYY-MM or YYYY = its first day)",
    "date_to": "events on or before this date (YYYY-MM-DD; YYYY-MM or YYYY = its last day)",
    "mode": "events with any of these PLOVER modes (negation, hypothetical, future, historical, or a "
            "type's own mode such as disapprove), or 'none' for events with no mode",
    "exclude_mode": "events with none of these PLOVER modes",
    "min_confidence": "events whose confidence is at least this (0-1)",
    "coded_only": "true: only events whose actors all have a CAMEO actor code (the source, and the target "
                  "when there is one)",
    "place": "location name (substring) or ISO3 country of the event",
    "q": "words in the evidence sentence (substring, any case)",
    "story": "story id (near-duplicate articles grouped)",
}
# deprecated spelling -> name (accepted with a warning; `from` is a Python keyword)
ALIASES: dict[str, str] = {"from": "date_from", "to": "date_to"}
MODES = ("negation", "hypothetical", "future", "historical")
QUADS = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}

# Which columns of `events` each kind of condition reads. The API's in-memory index evaluates a
# condition on the distinct values of its facet's columns only, so a condition must stay inside them.
FACETS: dict[str, tuple[str, ...]] = {
    "source": ("source_code", "source_country", "source_name", "source_text"),
    "target": ("target_code", "target_country", "target_name", "target_text"),
    "plover": ("plover_type",),
    "cameo": ("cameo",),
    "quad": ("quad_class",),
    "date": ("event_date",),
    "mode": ("plover_mode",),
    "confidence": ("confidence",),
    "coded": ("source_code", "target_code", "target_key"),
    "place": ("location_name", "location_country"),
    "text": ("sentence",),
    "story": ("story_id",),
}


@dataclass(frozen=True)
class Predicate:
    """One SQL condition over the columns of one facet, with its bound parameters."""

    facet: str
    sql: str
    params: tuple[Any, ...]


# A filter is an AND of terms; a term is an OR of alternatives; an alternative is an AND of predicates
# (the dyad filter needs the OR: A->B or B->A).
Term = tuple[tuple[Predicate, ...], ...]


def like_escape(value: str) -> str:
    """Escape LIKE wildcards so user text matches literally (used with :func:`escape_clause`)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def escape_clause(value: str) -> str:
    """`` ESCAPE '\\'`` when user text has a character :func:`like_escape` escapes, else nothing: the
    pattern means the same either way then, and DuckDB runs ``ILIKE '%x%'`` without ESCAPE as a fast
    substring test (a place filter over 10 million events: 0.15 s of CPU with ESCAPE, 0.02 s without)."""
    return " ESCAPE '\\'" if like_escape(value) != value else ""


def _words(column: str, value: str) -> str:
    # a name matches on whole words: "Putin" finds "Vladimir Putin", "US" does not find "Russia"
    return f"(' ' || lower({column}) || ' ') LIKE ?{escape_clause(value)}"


def actor_predicate(side: str, value: str) -> Predicate:
    """``side`` (source/target) is the actor ``value`` names, resolved by :func:`eventwire.read.names.resolve`:
    a code (or prefix) matches the actor's code or ISO3 country; a person or an actor the dictionaries
    do not know matches whole words of the resolved name or of the text as written."""
    # lazy (start-up): the actor dictionaries only when a filter names an actor
    from eventwire.read.names import resolve

    if side not in ("source", "target"):
        raise ValueError(f"side must be source or target, not {side!r}")
    found = resolve(value)
    if found.code is not None:
        # a prefix test, not LIKE 'code%': half the CPU per row (no pattern to interpret), same rows
        return Predicate(side, f"(starts_with({side}_code, ?) OR {side}_country = ?)", (found.code, found.code))
    words = "% " + like_escape(found.words.lower()) + " %"
    name, text = _words(side + "_name", found.words), _words(side + "_text", found.words)
    return Predicate(side, f"({name} OR {text})", (words, words))


def dyad_condition(a: str, b: str) -> tuple[str, list[Any]]:
    """SQL (and parameters) true for events from ``a`` to ``b``, with the same actor matching as filters."""
    source, target = actor_predicate("source", a), actor_predicate("target", b)
    return f"({source.sql} AND {target.sql})", [*source.params, *target.params]


def parse_day(value: str | date, *, end: bool = False) -> date:
    """``YYYY-MM-DD`` (or a longer ISO timestamp), ``YYYY-MM`` or ``YYYY``: the first day, or the last
    when ``end`` (so ``date_to=2024-03`` keeps all of March)."""
    try:
        day = dates.parse_day(value, end=end)
    except ValueError:
        day = None
    if day is None:
        raise ConfigError(f"{value!r} is not a date; write it as YYYY-MM-DD (or YYYY-MM, YYYY)")
    return day


def _items(value: Any) -> tuple[str, ...]:
    """A list of values from a comma-separated string, one number, or an iterable; blanks dropped."""
    if value is None:
        return ()
    if isinstance(value, (int, float)):  # Python callers write quad=4 as readily as quad="4"
        return (str(value),)
    parts = value.split(",") if isinstance(value, str) else [str(v) for v in value]
    return tuple(p.strip() for p in parts if p.strip())


def _plover_types() -> tuple[str, ...]:
    # lazy (start-up): the ontology tables only when a PLOVER filter is given
    from eventwire.events.ontology import PLOVER_TYPES

    return PLOVER_TYPES


@dataclass(frozen=True)
class EventFilter:
    """Filters on aggregated events; every one given must hold. Hashable: it keys answer caches.

    The names and their meaning are ``FILTERS`` (docs/api.md). Values are normalised and checked when
    the filter is made (a bad value raises :class:`ConfigError` naming the filter): blank text means
    "any", lists may be given as comma-separated text, dates as ISO text.
    """

    source: str | None = None
    target: str | None = None
    actor: str | None = None
    actor2: str | None = None
    plover: tuple[str, ...] = ()
    cameo: tuple[str, ...] = ()
    quad: tuple[int, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    mode: tuple[str, ...] = ()
    exclude_mode: tuple[str, ...] = ()
    min_confidence: float | None = None
    coded_only: bool = False
    place: str | None = None
    q: str | None = None
    story: str | None = None

    def __post_init__(self) -> None:
        put = object.__setattr__  # frozen: normalise once, here
        for name in ("source", "target", "actor", "actor2", "place", "q", "story"):
            value = getattr(self, name)
            put(self, name, " ".join(str(value).split()) or None if value is not None else None)
        plover = tuple(p.upper() for p in _items(self.plover))
        unknown = [p for p in plover if p not in _plover_types()]
        if unknown:
            raise ConfigError(f"plover: {', '.join(unknown)} is not a PLOVER type; use one of "
                              f"{', '.join(_plover_types())}")
        put(self, "plover", plover)
        cameo = _items(self.cameo)
        if any(not re.fullmatch(r"\d{2,4}", c) for c in cameo):
            raise ConfigError("cameo: give CAMEO event codes or prefixes of 2-4 digits (19, 190, 1823)")
        put(self, "cameo", cameo)
        try:
            quad = tuple(int(q) for q in _items(self.quad))
        except ValueError:
            quad = (0,)
        if any(q not in QUADS for q in quad):
            raise ConfigError("quad: give QuadClass numbers 1-4")
        put(self, "quad", quad)
        for name in ("mode", "exclude_mode"):
            modes = tuple(m.lower() for m in _items(getattr(self, name)))
            if any(not re.fullmatch(r"[a-z][a-z-]*", m) for m in modes):
                raise ConfigError(f"{name}: give PLOVER modes such as {', '.join(MODES)} or disapprove")
            put(self, name, modes)
        put(self, "date_from", parse_day(self.date_from) if self.date_from not in (None, "") else None)
        put(self, "date_to", parse_day(self.date_to, end=True) if self.date_to not in (None, "") else None)
        given: Any = self.min_confidence  # callers may pass text ("0.5", "") as with the other filters
        if given not in (None, ""):
            try:
                confidence = float(given)
            except ValueError:
                confidence = -1.0
            if not 0.0 <= confidence <= 1.0:
                raise ConfigError("min_confidence: give a number from 0 to 1")
            put(self, "min_confidence", confidence)
        else:
            put(self, "min_confidence", None)
        put(self, "coded_only", _truth(self.coded_only))

    def given(self) -> dict[str, Any]:
        """The filters that are set, by name (what a download or a report can echo back). ``min_confidence=0``
        is set (it leaves out events without a confidence): ``0.0 in (None, (), False)`` is true, so the
        test is by identity."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return {name: value for name, value in values.items() if value is not None and value != () and value is not False}

    def terms(self) -> list[Term]:
        terms: list[Term] = []

        def one(facet: str, sql: str, *params: Any) -> None:
            terms.append(((Predicate(facet, sql, params),),))

        if self.source:
            terms.append(((actor_predicate("source", self.source),),))
        if self.target:
            terms.append(((actor_predicate("target", self.target),),))
        first, second = self.actor or self.actor2, self.actor2 if self.actor else None
        if first and second:
            terms.append(((actor_predicate("source", first), actor_predicate("target", second)),
                          (actor_predicate("source", second), actor_predicate("target", first))))
        elif first:
            terms.append(((actor_predicate("source", first),), (actor_predicate("target", first),)))
        if self.plover:
            one("plover", f"plover_type IN ({_marks(self.plover)})", *self.plover)
        if self.cameo:
            one("cameo", " OR ".join(["cameo LIKE ?"] * len(self.cameo)),  # digits only: nothing to escape
                *(like_escape(c) + "%" for c in self.cameo))
        if self.quad:
            one("quad", f"quad_class IN ({_marks(self.quad)})", *self.quad)
        if self.date_from:
            one("date", "event_date >= ?", self.date_from)
        if self.date_to:
            one("date", "event_date <= ?", self.date_to)
        if self.mode:
            wanted = [m for m in self.mode if m != "none"]
            # list_contains per mode: half the CPU of list_has_any(coalesce(...)) over 10 million events
            # (0.07 s against 0.11 s for a mode); a NULL list gives NULL, which WHERE drops as it drops false
            parts = ["list_contains(plover_mode, ?)" for _ in wanted]
            parts += ["len(coalesce(plover_mode, [])) = 0"] if "none" in self.mode else []
            one("mode", "(" + " OR ".join(parts) + ")", *wanted)
        if self.exclude_mode:
            one("mode", f"NOT list_has_any(coalesce(plover_mode, []), [{_marks(self.exclude_mode)}])",
                *self.exclude_mode)
        if self.min_confidence is not None:
            one("confidence", "confidence >= ?", self.min_confidence)
        if self.coded_only:
            # the same rule as passes_quality() for events not yet stored
            one("coded", "(source_code IS NOT NULL AND (coalesce(target_key, '') = '' OR target_code IS NOT NULL))")
        if self.place:
            one("place", f"(location_name ILIKE ?{escape_clause(self.place)} OR location_country = ?)",
                "%" + like_escape(self.place) + "%", self.place.upper())
        if self.q:
            one("text", f"sentence ILIKE ?{escape_clause(self.q)}", "%" + like_escape(self.q) + "%")
        if self.story:
            one("story", "story_id = ?", self.story)
        return terms

    def where(self, *extra: str) -> tuple[str, list[Any]]:
        """`` WHERE ...`` (or ``""``) and its parameters, for a query over ``events``; ``extra`` are
        fixed conditions (no parameters) added with AND."""
        return where_of(self.terms(), *extra)


def where_of(terms: list[Term], *extra: str) -> tuple[str, list[Any]]:
    """:meth:`EventFilter.where` of these terms (a filter's, some of them rewritten: read.narrow)."""
    clauses: list[str] = []
    params: list[Any] = []
    for term in terms:
        alternatives = []
        for conjunction in term:
            alternatives.append("(" + " AND ".join(p.sql for p in conjunction) + ")")
            params.extend(v for p in conjunction for v in p.params)
        clauses.append("(" + " OR ".join(alternatives) + ")")
    clauses.extend(extra)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _marks(values: Iterable[Any]) -> str:
    """``?, ?, ?``: one bound parameter per value (parameters stay scalars, so predicates are hashable)."""
    return ", ".join("?" for _ in values)


def passes_quality(event: Any, min_confidence: float | None = None, coded_only: bool = False) -> bool:
    """``min_confidence`` and ``coded_only`` on an event that is not stored yet (an :class:`Event`),
    by the same rule as the SQL of :class:`EventFilter`: what `code` and `run` keep is what `query`
    would return."""
    if min_confidence is not None and event.confidence < min_confidence:
        return False
    if coded_only:
        return bool(event.source.code) and (event.target is None or bool(event.target.code))
    return True


def _truth(value: Any) -> bool:
    if isinstance(value, str):
        lowered = value.strip().lower()
        if lowered in ("", "0", "false", "no", "off"):
            return False
        if lowered in ("1", "true", "yes", "on"):
            return True
        raise ConfigError(f"coded_only: {value!r} is not true or false")
    return bool(value)


def parse_filters(params: Mapping[str, Any], *, allowed_extra: Iterable[str] = (),
                  on_alias: Callable[[str, str], None] | None = None) -> EventFilter:
    """An :class:`EventFilter` from user values by name. ``None`` values are ignored.

    Unknown names raise :class:`ConfigError` listing the valid ones; ``allowed_extra`` are other
    names the caller handles itself (``sort``, ``limit``) and are skipped here. A deprecated spelling
    (``from``, ``to``) is accepted and reported through ``on_alias(old, new)``.
    """
    extra = set(allowed_extra)
    chosen: dict[str, Any] = {}
    for name, value in params.items():
        if name in extra or value is None:
            continue
        if name in ALIASES:
            if on_alias is not None:
                on_alias(name, ALIASES[name])
            name = ALIASES[name]
        if name not in FILTERS:
            valid = ", ".join([*FILTERS, *sorted(extra)])
            raise ConfigError(f"unknown filter {name!r}; valid filters are: {valid} (docs/api.md)")
        chosen[name] = value
    return EventFilter(**chosen)
