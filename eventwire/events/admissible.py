"""Which candidate events are events at all: both arguments political actors, a target when the
type needs one.

The annotation guidelines (docs/annotation.md, rules 2 and 3) and sentence-level coders agree: a
weapon, an object, a place or an abstract noun is never an actor ("two Katyusha rockets exploded" has
no source; "threatened Israel with response to the artillery shelling" has no target 'artillery'),
and a statement or act without a recipient is not an event unless its type takes none (PROTEST,
MOBILIZE). Only arguments the dictionaries do not know are judged here: a dictionary actor, or a thing
an actor modifier resolved ("Israeli jets" -> Israel), is an actor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.mentions import syntax_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventwire.events.arguments import Argument

__all__ = ["is_actor_argument", "needs_target", "admissible_target"]

# entity types of things, never actors on their own ("the Western Wall", "a Boeing 747"). A named
# region (LOC: "the Strip", "the Niger Delta") stands for the people or state that hold it, as a GPE does.
THING_ENTITIES = frozenset({"FAC", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "MONEY", "QUANTITY"})
NAMED_ACTOR_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC"})


def _words(name: str) -> frozenset[str]:
    return syntax_words()[name]


def is_actor_argument(doc: Doc, arg: Argument) -> bool:
    """False for an unresolved argument that names a thing, a place or an abstract noun (its head
    word is one of ``non_actor_nouns``, or a named thing or place) rather than a political actor."""
    actor = arg.actor
    if actor.code is not None or actor.country is not None:
        return True
    token = _head(doc, arg)
    if token.ent_type_ in THING_ENTITIES:
        return False
    if token.ent_type_ in NAMED_ACTOR_ENTITIES:
        return True
    return not _listed(token, "non_actor_nouns")


def _head(doc: Doc, arg: Argument) -> Token:
    """The head word of the argument's actor span ("scores of protesters" -> protesters when the
    span is "protesters"), else the token it was read from."""
    span = doc.char_span(arg.actor.start, arg.actor.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else doc[arg.token]


def _listed(token: Token, name: str) -> bool:
    words = _words(name)
    return token.lemma_.lower() in words or token.lower_ in words


def needs_target(plover_type: str) -> bool:
    """Whether an event of this type needs a recipient to be coded (all but PROTEST, MOBILIZE)."""
    return plover_type.upper() not in {t.upper() for t in _words("targetless_types")}


def admissible_target(doc: Doc, arg: Argument, plover_type: str) -> bool:
    """A target is an actor, or, for types that may name their target through what it produced
    ("rejected the bill"), an unresolved noun phrase that is not a weapon, object, place or abstract
    noun. For the other types (force, aid, meetings) an unresolved common-noun phrase read off an
    object ("struck targets") is not enough: it must be a name or an institution."""
    if not is_actor_argument(doc, arg):
        return False
    actor = arg.actor
    if actor.code is not None or actor.country is not None:
        return True
    if plover_type.upper() in {t.upper() for t in _words("product_target_types")}:
        return True
    token = _head(doc, arg)
    if token.ent_type_ in NAMED_ACTOR_ENTITIES or token.pos_ in ("PROPN", "PRON"):
        return True
    return _listed(token, "institutional_heads") or _listed(token, "people_nouns")
