"""The holder of a stance noun named by its "of" phrase ("the support of the rebel warlords", "over the
veto of the president", "with the backing of France").

A noun of a stance given to someone (support, backing, approval, consent, veto: ``holder_nouns`` in
``data/events/syntax.yaml``) takes the one who gives it in an "of" phrase when that phrase names an
actor; what is supported, approved or vetoed is a thing ("the approval of the plan", "the veto of the
bill"), not a party. So when nothing else names the doer (no possessor, actor modifier or "by" phrase:
"Russia's support of Iran", "the veto of the bill by the president" keep "of" for the target), an
actor in the "of" phrase is the doer. The one it is given to is then named by the clause that carries
the noun: the subject of a verb of having or receiving (``holding_verbs``: "she does not have the
support of the warlords") or of a verb the noun's "with" phrase sets its act in ("National formed a
government with the support of ACT"). A share a poll measures ("had 48 percent support of the
public") is no stance given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.clauses import UNREALIZED, VERBISH, clause_subjects
from eventwire.events.mentions import in_list
from eventwire.events.phrases import prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.arguments import Finder

__all__ = ["HOLDER_PREP", "of_holders", "holder_recipients"]

# the preposition through which a stance noun names its holder
HOLDER_PREP = "of"
# entity types of a share measured by a poll ("48 percent support of voters")
SHARE_ENTITIES = frozenset({"PERCENT"})
# the preposition that sets a clause's act in a stance given to its subject ("with the support of")
WITH_PREP = "with"


def of_holders(finder: Finder, head: Token) -> list[tuple[Token, str]]:
    """The actors of a stance noun's "of" phrase (``holder_nouns``), its holders; [] for other nouns
    or an "of" phrase that names no actor ("the approval of the plan")."""
    if not in_list(head, "holder_nouns") or any(c.ent_type_ in SHARE_ENTITIES for c in head.lefts):
        return []  # "the team had 48 percent support of the public": a poll's share, not a stance given
    named = prep_objects(head, (HOLDER_PREP,))
    actors = {a.token for a in finder._args(named, source=True, loose=False)}
    return [(t, "of-holder") for t, _ in named if t.i in actors]


def holder_recipients(head: Token) -> list[tuple[Token, str]]:
    """To whom a stance noun with an "of" holder is given: the subject of the verb of having that takes
    it as object ("the mayor does not have the support of the council"), or of the clause whose "with"
    phrase holds it ("the army advanced with the backing of France"). A subject only asked for names
    no one given it."""
    verb = head.head
    if head.dep_ in ("dobj", "obj") and in_list(verb, "holding_verbs"):
        how = "holder-recipient"
    elif head.dep_ == "pobj" and verb.lower_ == WITH_PREP and verb.head.pos_ in VERBISH:
        verb, how = verb.head, "holder-with"
    else:
        return []
    subjects, kind = clause_subjects(verb)
    return [] if kind == UNREALIZED else [(t, how) for t in subjects]
