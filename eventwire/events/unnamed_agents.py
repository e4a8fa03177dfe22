"""The doer of an agentless passive, named elsewhere in its sentence.

A passive trigger with no ``by`` phrase ("five students were detained") names no doer in its own
phrase, yet the sentence often does, in one of three general ways, tried in this order:

* the event noun the act happened in names its agent ("were arrested in a military coup": the
  military; :func:`eventwire.events.agents.implied_agent`);
* an adverbial clause of time has its subject using force at that moment ("three people were shot
  dead as police quelled a demonstration"; :func:`eventwire.events.agents.clause_doer`), for triggers
  of force only;
* the police report an arrest they made: an arrest or detention attributed to the police ("the
  attackers were arrested, according to police", "two men were detained, a police spokesman said")
  was made by them. Arresting is what the police do, and when they report an arrest with no one
  else named as its agent, the arrest is theirs. Only for arrests (CAMEO 173) and only for a police
  reporter (sector ``COP``): "were killed, according to police" or "were arrested, according to the
  ministry" name no doer;
* a verdict or penalty passed in a court is the court's: "was sentenced in a Syrian court", "were
  found guilty of fraud at Liverpool Crown Court" (:func:`court_doer`). A court passes sentences and
  verdicts and nothing else here, so only verbs of ``judicial_verbs`` ("was arrested in court" is done
  by the police), and only a court named in an "in", "at" or "before" phrase of the verb's own clause
  (the parser often hangs it deeper: "guilty of conspiracy to defraud at the Crown Court");
* one expelled or deported (CAMEO 174) "from" a state was expelled by that state: "Zündel was expelled
  from Canada" (:func:`expelling_state`). Only a state (a place the tagger names, with a code): "was
  expelled from the party" names the body, which stays unread here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.agents import FORCE_ROOTS, clause_doer, implied_agent
from eventwire.events.frames import Argument
from eventwire.events.mentions import in_list
from eventwire.events.phrases import prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.mentions import ActorIndex
    from eventwire.records import Actor

__all__ = ["ARREST_CAMEO", "REPORTING_ARRESTERS", "court_doer", "expelling_state", "police_reporter", "unnamed_agent"]

# CAMEO code of arresting and detaining: the one act a police report names its own doer of
ARREST_CAMEO = "173"
# CAMEO code of expelling or deporting people, and the entity labels of a state that does it
EXPEL_CAMEO = "174"
STATE_ENTITIES = frozenset({"GPE"})
# actor sectors that make the arrests they report
REPORTING_ARRESTERS = frozenset({"COP"})
# how a clause hangs below the verb of saying that reports it ("were arrested, police said")
REPORTED_DEPS = frozenset({"ccomp", "parataxis"})
# prepositions naming the court a verdict is passed in
COURT_PREPS = frozenset({"in", "at", "before"})
# dependents that start another clause or name the one judged: a court there is not where the verb happened
OTHER_CLAUSE_DEPS = frozenset({"relcl", "ccomp", "advcl", "parataxis", "conj", "nsubj", "nsubjpass", "appos"})


def unnamed_agent(head: Token, index: ActorIndex, cameo: str) -> Argument | None:
    """The doer of the agentless passive ``head`` (a trigger of CAMEO code ``cameo``), or None."""
    implied = implied_agent(head, index)
    if implied is not None:  # "were arrested in a military coup": the military
        return Argument(implied[0], implied[1], "implied-agent")
    doer = clause_doer(head, index) if cameo[:2] in FORCE_ROOTS else None
    if doer is not None:  # "were shot dead as police quelled a demonstration": the police
        return Argument(doer[0], doer[1], "clause-doer")
    if cameo.startswith(ARREST_CAMEO):
        for reporter in _reporters(head):
            police = police_reporter(reporter, index)
            if police is not None:
                return Argument(police[0], police[1], "police-report")
    court = court_doer(head, index)
    if court is not None:  # "was sentenced in a Syrian court": the court
        return Argument(court[0], court[1], "court")
    return expelling_state(head, index) if cameo.startswith(EXPEL_CAMEO) else None


def expelling_state(head: Token, index: ActorIndex) -> Argument | None:
    """The state a passive of expelling ``head`` names after "from" ("was expelled from Canada"), else None."""
    for token, _ in prep_objects(head, ("from",)):
        actor = index.actor_for(token, allow_unresolved=False)
        if actor is not None and actor.code and token.ent_type_ in STATE_ENTITIES:
            return Argument(actor, token.i, "expelling-state")
    return None


def court_doer(head: Token, index: ActorIndex) -> tuple[Actor, int] | None:
    """The court a verdict or penalty ``head`` (a verb of ``judicial_verbs``) was passed in: the first
    court noun after "in", "at" or "before" within the verb's own clause, as (actor, token), else None."""
    if not in_list(head, "judicial_verbs"):
        return None
    stack = [c for c in head.children if c.dep_ not in OTHER_CLAUSE_DEPS]
    while stack:
        token = stack.pop(0)
        if token.dep_ == "pobj" and token.head.lower_ in COURT_PREPS and in_list(token, "court_nouns"):
            actor = index.covering(token) or index.actor_for(token, allow_unresolved=False) \
                or index.unresolved(token, as_source=True)
            return (actor, token.i) if actor is not None else None
        stack.extend(c for c in token.children if c.dep_ not in OTHER_CLAUSE_DEPS)
    return None


def _reporters(head: Token) -> list[Token]:
    """Who the clause of ``head`` is attributed to: the object of an "according to" on it (or on the
    verb it is coordinated with), or the subject of the verb of saying that reports it."""
    verbs = [head, head.head] if head.dep_ == "conj" else [head]
    found = [obj for verb in verbs for according in verb.children if according.lower_ == "according"
             for to in according.children if to.lower_ == "to" for obj in to.children if obj.dep_ == "pobj"]
    speeches = [head.head] if head.dep_ in REPORTED_DEPS else []
    speeches += [c for c in head.children if c.dep_ in REPORTED_DEPS and c.i > head.i]  # "..., police said"
    found += [s for verb in speeches if in_list(verb, "speech_verbs") for s in verb.children if s.dep_ == "nsubj"]
    return found


def police_reporter(reporter: Token, index: ActorIndex) -> tuple[Actor, int] | None:
    """The police body a reporter is or speaks for ("police", "a police spokesman", "a spokesman of the
    Kenyan police": the police, not the person who speaks for them): (actor, token), or None."""
    candidates = [obj for obj, _ in prep_objects(reporter, ("of", "for", "from"))] + [reporter]
    for token in candidates:
        actor = index.actor_for(token, allow_unresolved=False)
        if actor is not None and actor.sector in REPORTING_ARRESTERS:
            return actor, token.i
    return None
