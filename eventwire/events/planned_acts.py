"""An act only planned or pushed for is no event of its owner (issue 13).

Written for the eventwire project. :mod:`eventwire.events.clauses` lends the owner of an intention
noun to its infinitive ("a plan by the United States to establish a free trade zone", "the White
House's push to invade Iraq", "their government's intentions to send troops"): the owner is who
would act. But a plan, a proposal or a push is not the act, and nobody acts now: the guidelines code
no planning with nobody acting (docs/annotation.md, rulings from the training split), and a statement
of intent is its own event, coded from the words that state it ("announced", "pledged"). Nouns that
report a decision taken or an attempt made ("its decision to withdraw", "an attempt to storm") are not
in the list: those acts are under way. A plan to withdraw or give way (``announced_concession_types``)
is the concession announced, which the CAMEO sets code as the act itself: kept.

So is an act noun that a planning verb takes as its object ("al-Qaeda is planning a dirty bomb attack
on New York", "was planning a test launch"): the guidelines' own example of planning with nobody
acting; and so is an act noun warned of ("China has warned of unrest"): the guidelines code no warning
of a possible act with nobody acting now, and the one who warns is not who would act. An infinitive ("Merkel plans to discuss the measures") is the subject's act to come, coded
with the future mode: kept.

The word lists are ``planned_act_nouns``, ``announced_concession_types``, ``planning_verbs`` and
``warning_verbs`` in ``data/events/syntax.yaml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.syntax_lists import in_list, syntax_words

if TYPE_CHECKING:
    from eventwire.events.candidates import Candidate

__all__ = ["OWNER_VIAS", "is_planned_act"]

# how eventwire.events.clauses names a source lent by an intention noun: to its infinitive, or to the
# support verb of a nominal trigger in it ("Sharon's plan to end the conflict")
OWNER_VIAS = frozenset({"intention-owner", "support-intention-owner"})
# how a nominal trigger's doer is read off the verb that carries it ("X is planning an attack")
SUPPORT_VIA = "support-subject"
# the relation of an act noun to the verb that plans it
PLANNED_DEPS = frozenset({"dobj", "obj"})
# prepositions by which a verb of warning names the act it warns of
WARNED_PREPS = frozenset({"of", "about"})
# relations climbed from the trigger to the intention noun: the infinitive hangs on the noun ("acl"),
# a nominal trigger on its support verb ("dobj")
CLIMB_DEPS = frozenset({"acl", "xcomp", "dobj", "conj"})
MAX_CLIMB = 3


def is_planned_act(cand: Candidate, plover_type: str) -> bool:
    """The source is the owner of a plan, proposal, intention or push (``planned_act_nouns``) whose
    infinitive is the candidate's act, not a concession (``announced_concession_types``); or a nominal
    act that a planning verb (``planning_verbs``) takes as its object or a verb of warning
    (``warning_verbs``) names through "of" or "about"."""
    if plover_type.lower() in syntax_words()["announced_concession_types"]:
        return False
    head = cand.head
    if cand.nominal and cand.source.via == SUPPORT_VIA and head.dep_ in PLANNED_DEPS \
            and in_list(head.head, "planning_verbs"):
        return True
    if cand.nominal and cand.source.via == SUPPORT_VIA and head.dep_ == "pobj" and head.head.lower_ in WARNED_PREPS \
            and in_list(head.head.head, "warning_verbs"):
        return True
    if cand.source.via not in OWNER_VIAS:
        return False
    node = cand.head
    for _ in range(MAX_CLIMB):
        if node.dep_ not in CLIMB_DEPS or node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ == "NOUN" and in_list(node, "planned_act_nouns"):
            return True
    return False
