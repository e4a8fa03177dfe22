"""The target an act of force names through a participle of aiming.

"Insurgents planted bombs, aiming at American soldiers", "the rebels opened fire, targeting a police
convoy": a participial clause of aiming hangs on the trigger and names whom the act is done to when
the trigger's own phrase names no one (its object is the weapon, or it has none). Aiming is the
meaning of these verbs, so their "at"/"against"/"on" phrase (or, for "target", their object) is the
target whatever the trigger's verb. Only for acts of force (CAMEO 17-20): "campaigned, aiming at
re-election" aims at no party. The verbs are data (``aiming_verbs`` in ``data/events/syntax.yaml``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.agents import FORCE_ROOTS
from eventwire.events.clauses import OBJECT_DEPS
from eventwire.events.mentions import in_list
from eventwire.events.phrases import prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["AIMED_PREPS", "aimed_at"]

# prepositions by which a verb of aiming names its mark ("aiming at", "directed against", "trained on")
AIMED_PREPS = ("at", "against", "on", "upon")
# how a participial clause of aiming hangs on the trigger
AIMING_DEPS = frozenset({"advcl", "acl", "xcomp"})


def aimed_at(head: Token, cameo: str) -> list[tuple[Token, str]]:
    """The (token, via) marks of the participles of aiming below an act of force ``head``."""
    if cameo[:2] not in FORCE_ROOTS:
        return []
    out: list[tuple[Token, str]] = []
    for clause in head.children:
        if clause.dep_ not in AIMING_DEPS or clause.tag_ not in ("VBG", "VBN") or not in_list(clause, "aiming_verbs"):
            continue
        out += [(obj, f"aimed-{via}") for obj, via in prep_objects(clause, AIMED_PREPS)]
        if clause.tag_ == "VBG":  # "targeting a police convoy"
            out += [(obj, "aimed-object") for obj in clause.children if obj.dep_ in OBJECT_DEPS]
    return out
