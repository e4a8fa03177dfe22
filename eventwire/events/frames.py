"""The frame of one trigger: what the lexicon match gives the argument finder, the arguments found,
and the (source, target) pairs that become events.

Split from :mod:`eventwire.events.arguments` (which re-exports these names) so that each module stays
short: this one holds the records and the small helpers on them, that one reads the parse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Argument", "Frame", "MatchLike", "argument_head", "trigger_head", "trigger_words", "pairs_of"]


class MatchLike(Protocol):
    """What the argument finder reads from a lexicon match (see ``eventwire.events.lexicon.LexMatch``)."""

    @property
    def rule_id(self) -> str: ...
    @property
    def cameo(self) -> str: ...
    @property
    def trigger_start(self) -> int: ...
    @property
    def trigger_end(self) -> int: ...
    @property
    def target_preps(self) -> tuple[str, ...]: ...
    @property
    def object_is_target(self) -> bool: ...
    @property
    def symmetric(self) -> bool: ...
    @property
    def weight(self) -> float: ...


@dataclass(frozen=True)
class Argument:
    """An actor filling a role, with the token it was read from and how (for explanations)."""

    actor: Actor
    token: int
    via: str

    @property
    def preposition(self) -> str:
        """The word ``via`` ends in: the preposition it was read through ("prep:in", "inner:of" give
        "in", "of"), else the role itself ("object")."""
        return self.via.rsplit(":", 1)[-1]


@dataclass
class Frame:
    """The arguments of one trigger. ``pairs`` is what becomes events: (source, target or None)."""

    head: int
    nominal: bool
    sources: list[Argument] = field(default_factory=list)
    targets: list[Argument] = field(default_factory=list)
    pairs: list[tuple[Argument, Argument | None]] = field(default_factory=list)
    symmetric: bool = False  # a symmetric rule or phrase ("met", "talks between"): each pair stands for both


def argument_head(doc: Doc, arg: Argument) -> Token:
    """The head word of the argument's actor span ("scores of protesters" -> protesters when the
    span is "protesters"), else the token it was read from."""
    span = doc.char_span(arg.actor.start, arg.actor.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else doc[arg.token]


def trigger_head(doc: Doc, start: int, end: int) -> Token:
    """The token of a (multiword) trigger whose syntactic head lies outside the trigger."""
    for tok in doc[start:end]:
        if not (start <= tok.head.i < end) or tok.head.i == tok.i:
            return tok
    return doc[start]


def trigger_words(doc: Doc, match: MatchLike, head: Token) -> list[int]:
    """Token indices of the trigger's own words: the head plus the range's first and last tokens
    (a multiword trigger's further words hang below the head; what lies between may be its object)."""
    return sorted({head.i, match.trigger_start, match.trigger_end - 1})


def pairs_of(sources: list[Argument], targets: list[Argument], symmetric: bool) -> list[tuple[Argument, Argument | None]]:
    """Every source with every target; with no target, a symmetric trigger pairs its sources with
    each other once, in the order written ("X and Y met", "clashes between X and Y": one event, as
    coders list a symmetric event), any other gives each source alone."""
    if targets:
        return [(s, t) for s in sources for t in targets]
    if symmetric and len(sources) > 1:
        ordered = sorted(sources, key=lambda a: a.actor.start)
        return [(s, t) for k, s in enumerate(ordered) for t in ordered[k + 1:]]
    return [(s, None) for s in sources]
