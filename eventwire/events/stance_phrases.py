"""Whom a protest is against when a stance phrase says so: "demonstrated in opposition to Syrian
forces", "marched in protest against the government", "rallied in defiance of the junta".

Written for the eventwire project (issue 13). A protest verb's own prepositions ("protested against
X") name its target; a prepositional phrase of manner whose noun is a stance (``protest_stance_nouns`` of
data/events/syntax.yaml: opposition, protest, defiance) carries it one level down, in that noun's
own "to"/"against"/"at"/"of"/"over" phrase. Read by :func:`eventwire.events.fallback.fallback_target`
for protests only: "in response to the ruling" or "in support of the bill" say why or for whom, not
whom the protest is against.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.phrases import prep_objects
from eventwire.events.syntax_lists import in_list

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.arguments import Finder
    from eventwire.events.frames import Argument

__all__ = ["stance_target"]

# the prepositions of a stance noun that name whom the stance is taken against
STANCE_TARGET_PREPS = ("to", "against", "at", "of", "over")


def stance_target(finder: Finder, head: Token) -> Argument | None:
    """The first actor of a stance noun's own phrase in an "in" phrase of the protest verb ``head``
    ("demonstrated in opposition to Syrian forces" -> Syrian forces), else None."""
    for stance, _ in prep_objects(head, ("in",)):
        if in_list(stance, "protest_stance_nouns"):
            found = finder._args(prep_objects(stance, STANCE_TARGET_PREPS), source=False, loose=False)
            if found:
                return found[0]
    return None
