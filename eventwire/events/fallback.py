"""The targets a rule's own slots leave empty: the first actor acted upon elsewhere in the clause (an
actor in a direct object, the subject or object of a complement clause, a prepositional object), the
party a refusal's condition waits on, and the place an act of force, coercion or aid is done in. Read
for :class:`eventwire.events.arguments.Finder` and the model-only verbs of :mod:`eventwire.events.linked`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.clauses import OBJECT_DEPS, SUBJECT_DEPS, VERBISH
from eventwire.events.frames import Argument
from eventwire.events.mentions import in_list
from eventwire.events.phrases import PLACE_KINDS, prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.arguments import Finder

__all__ = ["OBJECT_INNER_PREPS", "fallback_target", "complement_subject", "condition_target", "locative_target"]

# prepositions of a complement verb ("threatened to impose sanctions on Iran") that name the party
COMPLEMENT_TARGET_PREPS = ("on", "against", "with", "to", "from")
# prepositions on an object noun that lead to the party concerned ("a dinner for Netanyahu")
OBJECT_INNER_PREPS = ("for", "to", "with", "against", "on", "into", "toward", "towards")
# prepositions that place an event of force, coercion or aid in the place it is done to
LOCATIVE_PREPS = ("in", "into", "inside", "across", "throughout")
# subordinators of the condition a refusal waits on
CONDITION_MARKS = frozenset({"until", "unless", "till"})
# prepositions of time, manner and accompaniment that do not introduce what an event is done to
FALLBACK_SKIP_PREPS = frozenset({"by", "since", "during", "after", "before", "until", "despite", "amid", "like",
                                 "as", "of", "about", "because", "without", "than", "via", "per",
                                 # a path or the surroundings: "marching through the streets of Kinshasa"
                                 # is not done to Kinshasa (force done in a place: locative_target)
                                 "through", "along", "near", "beside", "behind", "beyond", "past",
                                 "across", "throughout", "within"})


def condition_target(finder: Finder, head: Token) -> Argument | None:
    """A refusal's condition names the party it waits on: "will not end the strike until the
    government meets its demands", "will not lift the embargo unless Cuba frees prisoners"."""
    governor = head.head if head.dep_ == "xcomp" else head
    if not any(c.dep_ == "neg" for c in (*head.children, *governor.children)):
        return None
    for child in head.children:
        if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in child.children):
            subjects = [c for c in child.children if c.dep_ in SUBJECT_DEPS]
            found = finder._args([(s, "condition-subject") for s in subjects], source=False, loose=False)
            if found:
                return found[0]
    return None


def locative_target(finder: Finder, head: Token, objects: list[Token], sources: list[Argument]) -> Argument | None:
    """Force, coercion and aid done *in* a place are done to it ("imposed a curfew in Kashmir",
    "killed 48 people in Afghanistan", "deployed troops in Syria"): a state or region named by a
    locative preposition of the verb or its object, one level of nesting deep ("in two attacks in
    Afghanistan"); not the source's own country unless the source is a state's agent there."""
    own = {a.actor.country for a in sources if a.actor.kind in PLACE_KINDS}
    places = prep_objects(head, LOCATIVE_PREPS)
    for obj in objects:
        places.extend(prep_objects(obj, LOCATIVE_PREPS))
    places.extend(inner for place, _ in list(places) for inner in prep_objects(place, LOCATIVE_PREPS))
    for token, via in places:
        actor = finder.index.actor_for(token, allow_unresolved=False)
        if actor is not None and actor.kind in PLACE_KINDS and actor.country not in own:
            return Argument(actor, token.i, f"locative-{via}")
    return None


def complement_subject(finder: Finder, verb: Token) -> Argument | None:
    """The subject of a complement clause of ``verb`` that the verb acts on: an infinitive
    ("ordered the army to withdraw": spaCy makes the object the subject of the infinitive), a
    "that" clause ("demanded that the United States match ..."), a bare verb ("demanding the
    government cut aid"), a small clause ("found the bishop guilty") or a gerund with a possessive
    subject ("attacked Schröder's using the vote")."""
    for child in verb.children:
        if child.dep_ not in ("ccomp", "xcomp"):
            continue
        marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
        auxiliaries = [c for c in child.children if c.dep_ in ("aux", "auxpass")]
        infinitive = child.tag_ == "VB" and any(c.lower_ == "to" for c in child.lefts)
        that_clause = child.dep_ == "ccomp" and "that" in marks
        bare = child.dep_ == "ccomp" and not marks and not auxiliaries and (
            child.tag_ == "VB" or child.pos_ == "ADJ")
        # "attacked Schröder's using the vote", "condemned Iran's building of ...": the owner of
        # the act judged or acted on is written as the possessive subject of a gerund
        gerund = child.tag_ == "VBG" and any(
            c.dep_ in SUBJECT_DEPS and (c.tag_ == "PRP$" or any(g.dep_ == "case" for g in c.children))
            for c in child.children)
        if infinitive or that_clause or bare or gerund:
            for grand in child.children:
                if grand.dep_ in SUBJECT_DEPS:
                    arg = finder._arg(grand, "complement-subject", source=False, loose=False)
                    if arg is not None:
                        return arg
    return None


def fallback_target(finder: Finder, head: Token, object_i: int | None) -> Argument | None:
    """When the rule's own target slots are empty: the first actor acted upon elsewhere in the
    clause: an actor in a direct object, the subject of an infinitive complement, a prepositional
    object, or the object of a complement verb ("agreed to allow aid workers ...")."""
    children = list(head.children)
    for child in children:
        if child.dep_ in OBJECT_DEPS:
            arg = finder._object_target(child, OBJECT_INNER_PREPS, phrase_ok=False)
            if arg is not None and (child.i != object_i or arg.token != child.i):
                return arg
    arg = complement_subject(finder, head)
    if arg is not None:
        return arg
    preps = tuple(c.lower_ for c in children if c.dep_ in ("prep", "dative") and c.lower_ not in FALLBACK_SKIP_PREPS)
    # "arrested in a police action", "deposed in a military coup": an act named by its doer is the
    # agent's (eventwire.events.agents.implied_agent), not what the event is done to
    found = finder._args([(t, via) for t, via in prep_objects(head, preps) if not in_list(t, "agentive_event_nouns")],
                         source=False, loose=False)
    if found:
        return found[0]
    for child in children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in VERBISH and not any(
                c.dep_ in SUBJECT_DEPS for c in child.children):
            for grand in child.children:
                if grand.dep_ in OBJECT_DEPS:
                    arg = finder._arg(grand, "complement-object", source=False, loose=False)
                    if arg is not None:
                        return arg
            arg = complement_subject(finder, child)  # "refused to allow the plane to land"
            if arg is not None:
                return arg
            # "threatened to impose sanctions on Iran": the party the complement acts on
            inner = finder._args(prep_objects(child, COMPLEMENT_TARGET_PREPS), source=False, loose=False)
            if not inner:
                for grand in child.children:
                    if grand.dep_ in OBJECT_DEPS:
                        inner = finder._args(prep_objects(grand, COMPLEMENT_TARGET_PREPS), source=False, loose=False)
                        if inner:
                            break
            if inner:
                return inner[0]
    return None
