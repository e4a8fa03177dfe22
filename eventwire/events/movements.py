"""Forces a state moves are its own: the act is done to where they go or leave.

"Canada will pull its soldiers out of Afghanistan", "the US will move its troops from Syria": the
object is the source's own forces, which the act moves, not a party it acts toward (docs/annotation.md:
a withdrawal from Iraq is done to Iraq). When a verb's targets are all the source's own forces (of a
force sector, and of the source's country or under a possessive pronoun: "its troops") and the verb
names a place or party they leave or enter, that is the target. Without one the targets are kept, and
the candidate filters judge them (:func:`eventwire.events.admissible.is_own_side_target`). Read for
:class:`eventwire.events.arguments.Finder`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.admissible import OWN_POSSESSIVES
from eventwire.events.phrases import prep_objects
from eventwire.events.senses import FORCE_SECTORS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventwire.events.frames import Argument

__all__ = ["moved_own_forces", "movement_ends", "MOVEMENT_ROOTS"]

# CAMEO roots of moving forces: aid (07: "sent peacekeepers to"), yielding (08: "withdrew its troops
# from") and force posture (15: "deployed its forces to"); not an order ("ordered troops to the border
# with Colombia" is a command down the state's own chain, see admissible.is_own_side_target)
MOVEMENT_ROOTS = frozenset({"07", "08", "15"})
# prepositions of where moved forces go or come from ("from Syria", "into Crimea", "to the border")
MOVEMENT_PREPS = ("from", "into", "to")


def moved_own_forces(doc: Doc, targets: list[Argument], sources: list[Argument]) -> bool:
    """Whether every target is the sources' own forces: a force sector, of a source's country or
    owned through a possessive pronoun ("its soldiers")."""
    countries = {s.actor.country for s in sources if s.actor.country}
    if not targets or not sources:
        return False
    for target in targets:
        owned = any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in doc[target.token].children)
        if target.actor.sector not in FORCE_SECTORS or not (owned or target.actor.country in countries):
            return False
    return True


def movement_ends(verb: Token) -> list[tuple[Token, str]]:
    """The objects of the verb's phrases of where forces go or leave: "from", "into", "to", and "out
    of" (which the parser reads as "out" with an "of" phrase below it)."""
    ends = prep_objects(verb, MOVEMENT_PREPS)
    for out in (c for c in verb.children if c.lower_ == "out" and c.dep_ in ("prep", "prt", "advmod")):
        ends += prep_objects(out, ("of",))
    return ends
