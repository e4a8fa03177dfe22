"""Targets named as a list: each party of "A, B and C" that one target slot names is a target of its own.

A target slot read once gives one party; the list it heads names more. Two shapes are read here:

* the parties coordinated with a target ("accepted Bulgaria and Romania", "requested assistance from
  Australia, Malaysia and Portugal", "urged Iran and Syria to stop"): each conjunct that is an actor
  is a target too (:func:`with_coordinated`);
* people of several states named as one phrase ("met the leaders of Colombia, Venezuela and Spain",
  "officials of the UK and Nigeria"): the annotation counts one actor per state (docs/annotation.md,
  Codes), so each coordinated state of the phrase's "of" is a target beside the phrase
  (:func:`listed_owners`).

Split from :mod:`eventwire.events.arguments`, which calls both.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.admissible import SETTING_PREPS
from eventwire.events.clauses import with_conjuncts
from eventwire.events.frames import Argument

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.arguments import Finder
    from eventwire.events.mentions import ActorIndex

__all__ = ["with_coordinated", "listed_owners", "OWNER_PREP"]

# the preposition of a phrase naming whose people they are ("the leaders of Colombia")
OWNER_PREP = "of"


def with_coordinated(finder: Finder, arg: Argument | None) -> list[Argument]:
    """A target and the parties coordinated with it: "urged Iran and Syria to stop", "called on
    Israel and Hamas to end", "accepted Bulgaria and Romania" act on each of them; a list the parser
    read as an apposition ("from Australia, Malaysia, New Zealand and Portugal") lists them too."""
    if arg is None or arg.preposition in SETTING_PREPS:
        # "marched in Jena and Washington": a setting names where, more often than whom; kept once
        return [arg] if arg is not None else []
    out = [arg]
    for token in with_conjuncts(finder.index.doc[arg.token], lists=True)[1:]:
        more = finder._arg(token, arg.via, source=False, loose=False)
        if more is not None and all(a.actor != more.actor for a in out):
            out.append(more)
    return out


def _owner_list(index: ActorIndex, target: Argument) -> list[Token]:
    """The states coordinated after the first in the "of" phrase of a target's own mention ("the
    leaders of Colombia, Venezuela and Spain": Venezuela, Spain); empty unless that first one is a
    coded party inside the mention (so the phrase is people of that state, not "a plan of X")."""
    head = index.doc[target.token]
    owners = [pobj for prep in head.children if prep.dep_ == "prep" and prep.lower_ == OWNER_PREP
              for pobj in prep.children if pobj.dep_ == "pobj"]
    if not owners or not target.actor.code:
        return []
    first = owners[0]
    inside = target.actor.start <= first.idx < target.actor.end
    owner = index.actor_for(first, allow_unresolved=False)
    if not inside or owner is None or not owner.code:
        return []
    return with_conjuncts(first, lists=True)[1:]


def listed_owners(index: ActorIndex, targets: list[Argument]) -> list[Argument]:
    """The targets and, for each whose phrase names people of several states ("met the leaders of
    Colombia, Venezuela and Spain"), one target per further state, each a coded actor."""
    out = list(targets)
    for target in targets:
        for token in _owner_list(index, target):
            actor = index.actor_for(token, allow_unresolved=False)
            if actor is not None and actor.code and all(a.actor != actor for a in out):
                out.append(Argument(actor, token.i, f"{target.via}-owner"))
    return out
