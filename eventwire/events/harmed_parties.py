"""Whom an act of force harmed, named by the clause it explains.

Written for the eventwire project (issue 13). "34 people died when Islamic militants bombed several
hotels": the bombing's object is a building, no actor, and the act is said to have killed the
people of the main clause. An adverbial clause of the same moment or just before ("when", "as",
"while", "after") hung on a verb of dying or being hurt (``harm_outcomes`` in
``data/events/syntax.yaml``: "died", "were killed", "are dead", "were wounded") gives the cause of that
harm: its act of force was done to the ones who died or were hurt, the main clause's subject (not
the subject of an active "killed" with an object of its own, who harmed others). This is
the converse of agents.clause_doer, which names the doer of an agentless passive of harm from such a
clause; here the clause's own verb is the trigger and lacks an actor target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.clauses import VERBISH, with_conjuncts
from eventwire.events.syntax_lists import in_list

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["harmed_parties", "opened_by"]

# words that open a clause of the same moment or just before, as a mark ("as", "after") or as the
# clause verb's adverb ("when")
CAUSE_MARKS = frozenset({"when", "as", "while", "after"})
# how the harmed party hangs on the verb of harm: the subject, or the patient of a passive
HARMED_DEPS = frozenset({"nsubj", "nsubjpass"})


def opened_by(clause: Token, marks: frozenset[str]) -> bool:
    """Whether ``clause`` is an adverbial clause opened by one of ``marks``: "as", "while", "after" are
    its marks; the parser makes "when" an adverb of the clause's verb. Read here and by
    agents.clause_doer."""
    return clause.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in marks for c in clause.children)


def harmed_parties(verb: Token) -> list[tuple[Token, str]]:
    """The subjects of the verb of dying or being hurt that ``verb``'s clause of time hangs on, as
    (token, how) pairs; none when ``verb`` heads no such clause."""
    if not opened_by(verb, CAUSE_MARKS):
        return []
    outcome = verb.head
    if outcome.pos_ not in VERBISH | {"ADJ"}:
        return []
    # "Four soldiers were killed and two others injured when ...": the clause hangs on the last conjunct
    outcomes = [outcome]
    while outcomes[-1].dep_ == "conj" and outcomes[-1].head.pos_ in VERBISH | {"ADJ"}:
        outcomes.append(outcomes[-1].head)
    for word in outcomes:
        harmed = word if in_list(word, "harm_outcomes") else None
        if harmed is None and word.lemma_.lower() == "be":  # "four are dead"
            harmed = next((c for c in word.children if c.dep_ == "acomp" and in_list(c, "harm_outcomes")), None)
        if harmed is None or any(c.dep_ in ("dobj", "obj") for c in word.children):
            continue  # "bombers killed 23 people when they blew themselves up": the subject harmed others
        subjects = [c for c in word.children if c.dep_ in HARMED_DEPS]
        if subjects:
            return [(t, "harmed-subject") for t in with_conjuncts(subjects[0])]
    return []
