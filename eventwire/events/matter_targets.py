"""A protest against a matter, not a party: "The dozens who marched to protest the fuel price
increase", "rallied against the new tax".

Written for the eventwire project (issue 13). A type that takes no target (PROTEST, MOBILIZE:
``targetless_types``) is coded with none when it has no party to be against; docs/annotation.md
counts an abstract noun, an act or an object never as an actor. When the only "target" a trigger
finds is such a matter -- an uncoded common noun that names no people -- the event read from another
trigger of the same sentence without a target ("marched") is not a poorer reading of the same act,
and :func:`eventwire.events.building.dedupe` keeps it beside the one with the matter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.admissible import PEOPLE_LISTS, needs_target
from eventwire.events.syntax_lists import in_list

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventwire.events.candidates import Candidate

__all__ = ["against_a_matter"]


def against_a_matter(doc: Doc, cand: Candidate, plover_type: str) -> bool:
    """Whether ``cand``, read as ``plover_type``, is a targetless type whose target is a matter: an
    uncoded common noun, no name or entity, in no list of people ("the fuel price increase")."""
    if cand.target is None or needs_target(plover_type) or cand.target.actor.code is not None:
        return False
    head = doc[cand.target.token]
    if head.pos_ != "NOUN" or head.ent_type_:
        return False
    return not any(in_list(head, name) for name in PEOPLE_LISTS)
