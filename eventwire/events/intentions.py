"""The act an intention names, and whom it is done to.

A noun of intention ("willingness", "pledge", "plan", "offer"; ``intention_nouns`` in
``data/events/syntax.yaml``) carries its act as a to-infinitive: "declared its willingness to supply
weapons to Pakistan", "a pledge by Israel to release 500 prisoners". The intention is an event of its
owner (an AGREE-like promise or offer), and its recipient is whom the intended act is done to, as it
is for a verb of intention ("agreed to supply weapons to Pakistan": the complement's party, see
:func:`eventwire.events.fallback.complement_target`). Read for :class:`eventwire.events.arguments.Finder`.

Only an intention of the event's own source lends its act's party: a noun that is the trigger itself
and one party's (not a mutual "agreement to", whose act may be either side's or a third's),
or the object a rule matched on a verb that makes its subject the owner ("declared", "reiterated",
"announced": ``owner_verbs``) and that names no other owner ("accepted Iran's offer to mediate" is
done to Iran, not to whom Iran would mediate for; "rejected a plan to" judges the plan's maker).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.clauses import OBJECT_DEPS, SUBJECT_DEPS, VERBISH
from eventwire.events.fallback import complement_target
from eventwire.events.lexicon import get_lexicon
from eventwire.events.mentions import in_list

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.arguments import Finder
    from eventwire.events.frames import Argument

__all__ = ["intended_act", "intended_target", "own_intention"]


def intended_act(noun: Token) -> Token | None:
    """The to-infinitive an intention noun carries, when it has no subject of its own ("its
    willingness to supply"; not "a plan for Iran to supply", whose act is Iran's)."""
    if not in_list(noun, "intention_nouns"):
        return None
    for child in noun.children:
        if child.dep_ == "acl" and child.pos_ in VERBISH and child.tag_ == "VB" \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children) \
                and not any(c.dep_ in SUBJECT_DEPS for c in child.children):
            return child
    return None


def own_intention(verb: Token, noun: Token) -> bool:
    """Whether an object noun is the intention of the verb's own subject: the verb makes its subject
    the owner ("declared its willingness", "reiterated its commitment") and the noun names no other
    owner than a pronoun (no "Iran's offer", "a US plan", "an offer by the rebels")."""
    if noun.dep_ not in OBJECT_DEPS or noun.head.i != verb.i or not in_list(verb, "owner_verbs"):
        return False
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return False
        if child.dep_ in ("compound", "nmod") and child.i < noun.i and child.pos_ == "PROPN":
            return False
        if child.dep_ == "prep" and child.lower_ == "by":
            return False
    return True


def intended_target(finder: Finder, noun: Token) -> Argument | None:
    """The party the act of an intention is done to ("willingness to supply weapons to Pakistan" ->
    Pakistan, "a pledge to release 500 prisoners" -> the prisoners); None without an infinitive, or
    when the act is no event the lexicon knows ("their intention to construct a temple": a temple
    built is done to no one)."""
    act = intended_act(noun)
    if act is None or not get_lexicon().match(act):
        return None
    return complement_target(finder, act)
