"""Small readings of the dependency parse shared by the argument finder: prepositional objects,
chains of actor modifiers, the support verb that carries a nominal event, and whether a word can name
an actor on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.clauses import NOMINAL_POS, OBJECT_DEPS, VERBISH, with_conjuncts
from eventwire.events.mentions import in_list

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["prep_objects", "modifier_chain", "support_verb", "of_carrier", "is_agentive", "PLACE_KINDS"]

#: actor kinds that are places (see eventwire.actors.dictionary.STATE_KINDS)
PLACE_KINDS = frozenset({"state", "territory", "region"})


def prep_objects(token: Token, preps: tuple[str, ...] | frozenset[str]) -> list[tuple[Token, str]]:
    """(object, "prep:<word>") for each object (and its conjuncts) of the named prepositions below a token."""
    out: list[tuple[Token, str]] = []
    for child in token.children:
        if (child.dep_ in ("prep", "agent") or (child.dep_ == "dative" and child.pos_ == "ADP")) and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.extend((t, f"prep:{child.lower_}") for t in with_conjuncts(pobj))
    return out


def modifier_chain(token: Token) -> list[Token]:
    """An actor modifier and the actor modifiers it carries ("Russia-NATO thaw" -> Russia, NATO)."""
    out = [token]
    for child in token.children:
        if child.dep_ in ("compound", "amod", "conj"):
            out.extend(modifier_chain(child))
    return out


def support_verb(noun: Token, words: dict[str, frozenset[str]]) -> Token | None:
    """The support verb whose subject performs a nominal event ("launched an attack", "hoped for talks")."""
    node = noun
    while node.dep_ == "conj" and node.head.pos_ in NOMINAL_POS:
        node = node.head
    node = of_carrier(node) or node  # "announced a suspension of aid": the suspension is announced
    head = node.head
    if node.dep_ in OBJECT_DEPS and head.pos_ in VERBISH:
        verb = head
    elif node.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in VERBISH:
        verb = head.head
    else:
        return None
    return verb if in_list(verb, "support_verbs") else None


def of_carrier(noun: Token) -> Token | None:
    """The phase, scale or series noun a nominal trigger is the "of" object of ("a suspension of aid",
    "the resumption of talks"): it carries the trigger's support verb and target phrase. None when
    there is none, or when the noun above is an event of its own ("a condemnation of the attack")."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and prep.dep_ == "prep" and prep.head.pos_ in NOMINAL_POS \
            and in_list(prep.head, "carrier_nouns"):
        return prep.head
    return None


def is_agentive(token: Token, words: dict[str, frozenset[str]]) -> bool:
    """Whether an uncovered prepositional object still names an actor (a name or an institution)."""
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if token.pos_ == "PROPN":
        return True
    return token.lemma_.lower() in words["institutional_heads"]

