"""A definite noun phrase that repeats the head noun of an actor named just before refers back to it.

"A local TV station broadcast images of the victims. The station was raided by police.": "the
station" is no actor word on its own (only "TV station" is), so no dictionary codes it, yet a reader
knows which station it is. A definite description whose head noun is the head of a coded mention a
few sentences before (same lemma) is a second mention of that actor: the same code, kind and name,
with the description's own span and ``code_source`` "coref" (how the code was obtained, as for
pronouns). This is the plainest case of definite-description anaphora (the head-match rule of
coreference resolvers); a description that brings a name or a state of its own ("the Japanese
station"), an "of" phrase ("the group of activists"), or a head the resolver reads itself ("the
group", "the country": :mod:`eventwire.actors.references`) is left to the resolver's other readings.
The head of a named organisation counts too: its last word says what it is ("the Environmental
Protection Agency ... the agency").
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.actors.references import GROUP_REFERENCE_REACH
from eventwire.actors.scan import DEFINITE_DETS, DEFINITE_HEADS
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["ANTECEDENT_KINDS", "definite_references"]

# kinds of mention a repeated head noun refers back to: an agent ("a local TV station"), a named
# group or organisation; not a person (titles repeat across people) or a state
ANTECEDENT_KINDS = frozenset({"agent", "group", "igo"})
# kinds whose names end in the noun of what they are ("... Agency", "... Commission")
NAMED_BODY_KINDS = frozenset({"group", "igo"})
# left modifiers a definite description may carry and still repeat its antecedent ("the local station")
PLAIN_MODIFIER_DEPS = frozenset({"det", "amod", "advmod"})


def definite_references(doc: Doc, actors: list[Actor]) -> list[Actor]:
    """``actors`` (sorted, non-overlapping) with the definite descriptions that refer back to one of
    them added, in text order."""
    starts = [a.start for a in actors]
    added: list[Actor] = []
    for token in doc:
        if token.pos_ != "NOUN" or token.ent_type_ or token.lower_ in DEFINITE_HEADS or not _definite(token) \
                or _covered(token, actors, starts):
            continue  # "the group", "the country": the resolver's own reading (references.last_group)
        antecedent = _antecedent(doc, token, actors, starts)
        if antecedent is not None:
            start = min(c.idx for c in token.lefts)  # the determiner: only plain modifiers follow it
            end = token.idx + len(token.text)
            added.append(replace(antecedent, text=doc.text[start:end], start=start, end=end, code_source="coref"))
    return sorted([*actors, *added], key=lambda a: (a.start, a.end)) if added else actors


def _definite(token: Token) -> bool:
    """"the station", "this local station": a definite determiner and no modifier but plain adjectives;
    no "of" phrase ("the group of activists" brings in a group of its own)."""
    lefts = list(token.lefts)
    return any(c.dep_ == "det" and c.lower_ in DEFINITE_DETS for c in lefts) and all(
        c.dep_ in PLAIN_MODIFIER_DEPS and c.pos_ != "PROPN" and not c.ent_type_ for c in lefts) and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in token.rights)


def _covered(token: Token, actors: list[Actor], starts: list[int]) -> bool:
    """Whether a mention already spans the token."""
    i = bisect_left(starts, token.idx + 1) - 1
    return i >= 0 and actors[i].start <= token.idx < actors[i].end


def _antecedent(doc: Doc, token: Token, actors: list[Actor], starts: list[int]) -> Actor | None:
    """The nearest coded mention before the token, within reach, whose head noun has its lemma."""
    lemma = token.lemma_.lower()
    for k in range(bisect_left(starts, token.idx) - 1, -1, -1):
        actor = actors[k]
        if token.idx - actor.end > GROUP_REFERENCE_REACH:
            return None
        if actor.code is None or actor.kind not in ANTECEDENT_KINDS:
            continue
        head = _head(doc, actor)
        if head is not None and head.i != token.i and _class_noun(head, actor) and head.lemma_.lower() == lemma:
            return actor
    return None


def _class_noun(head: Token, actor: Actor) -> bool:
    """Whether a mention's head is a noun of a kind of body: a common noun ("a local TV station"), or
    the last word of an organisation's name, which says what the organisation is ("the Environmental
    Protection Agency" ... "the agency"; "the Federal Communications Commission" ... "the commission")."""
    return head.pos_ == "NOUN" or head.pos_ == "PROPN" and actor.kind in NAMED_BODY_KINDS and \
        head.i > 0 and head.doc[head.i - 1].pos_ == "PROPN"


def _head(doc: Doc, actor: Actor) -> Token | None:
    span: Span | None = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None
