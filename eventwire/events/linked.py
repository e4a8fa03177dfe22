"""Verbs that link two actors without a lexicon trigger: the candidates of the classifier's model-only
path ("Russia bombarded Georgia" when no rule knows "bombard"). The source is the verb's (possibly
borrowed) subject; the target its object (or an actor inside it), the subject of its infinitive
complement, or a prepositional object, read as a rule's fallback target is
(:mod:`eventwire.events.fallback`), but not a place the act is set in. A verb of receiving turns the
pair round: "received weapons from Russia" is Russia's act (``receiving_verbs``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.events.admissible import SETTING_PREPS
from eventwire.events.arguments import Argument, Finder, clause_subjects
from eventwire.events.clauses import OBJECT_DEPS, UNREALIZED
from eventwire.events.coordination import act_partners
from eventwire.events.fallback import fallback_target
from eventwire.events.mentions import ActorIndex, in_list

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["linked_pairs", "NAMED_TYPES"]

#: entity types of a named actor (a model-only event needs its target to be one, or a dictionary actor)
NAMED_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def linked_pairs(sent: Span, index: ActorIndex, skip_heads: set[int]) -> list[tuple[Token, Argument, Argument]]:
    """(verb, source, target) for verbs that link two actors but carry no lexicon trigger: the
    candidates of the classifier's model-only path. The source is the verb's (possibly borrowed)
    subject; the target its object (or an actor inside it), the subject of its infinitive
    complement, or a prepositional object (see :func:`eventwire.events.fallback.fallback_target`), else its object phrase."""
    finder = Finder(index, sent)
    out: list[tuple[Token, Argument, Argument]] = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.i in skip_heads:
            continue
        if in_list(verb, "non_event_verbs") or in_list(verb, "reporting_verbs"):
            continue
        if act_partners(verb):
            continue  # "France joined Germany in condemning the coup": a partner in the act, not its target
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            continue
        subjects, how = clause_subjects(verb)
        if how == UNREALIZED:
            continue  # an act someone asked for or alleged, not one reported done
        sources = finder._args([(t, how) for t in subjects], source=True, loose=True)
        if not sources:
            continue
        target = fallback_target(finder, verb, None)
        if target is None:
            objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
            target = next((a for o in objects for a in [finder._object_target(o, (), phrase_ok=False)] if a), None)
        # with no trigger word as evidence, the model reads the whole sentence and gives its main
        # event to any pair: the target must be an actor (a dictionary actor or a named entity), not
        # a thing ("struck targets", "take countermeasures"), and one side a dictionary actor
        if target is None or not (target.actor.code is not None or sent.doc[target.token].ent_type_ in NAMED_TYPES):
            continue
        if _set_in(sent.doc[target.token], verb):
            # where the act happened, not whom it was done to ("US soldiers burning bodies in a region of
            # Afghanistan", "protesters camped in the grounds of Government House"): a rule may name a
            # place of force as its target, but with no trigger the model would type the place as a party
            continue
        source, target = _giver_first(verb, sources[0], target)
        if not (target.actor.code is not None or sent.doc[target.token].ent_type_ in NAMED_TYPES):
            continue  # a recipient turned target must be an actor too (an unswapped target passed above)
        resolved = source.actor.code is not None or target.actor.code is not None
        if resolved and target.actor != source.actor:
            out.append((verb, source, target))
    return out


def _giver_first(verb: Token, source: Argument, target: Argument) -> tuple[Argument, Argument]:
    """The pair the other way round when the verb takes something from its target ("troops received
    transfusions from American donors", "benefited from the government's budget"): the giver acts."""
    if target.preposition != "from" or not in_list(verb, "receiving_verbs"):
        return source, target
    return replace(target, via=f"giver-{target.via}"), replace(source, via=f"recipient-{source.via}")


def _set_in(token: Token, verb: Token) -> bool:
    """The actor is reached from the verb through a preposition of setting (``SETTING_PREPS``): "burning
    bodies in a region of Afghanistan", "camped in the grounds of Government House"."""
    node = token
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ in SETTING_PREPS:
            return True
        node = node.head
    return False
