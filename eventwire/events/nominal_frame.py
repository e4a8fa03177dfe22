"""The arguments of a nominal trigger ("Russia's intervention in Georgia", "talks between X and Y",
"the sanctions imposed by the UN on Iran"), read off the noun's own dependents.

Split from :mod:`eventwire.events.arguments` (whose :class:`~eventwire.events.arguments.Finder` calls
it) so that each module stays short: that one reads verbal triggers, this one nouns, and
:mod:`eventwire.events.nominal_args` the parties the parser hangs outside the noun phrase. A noun takes
the possessor (then an actor modifier is the target: "Russia's Georgia intervention"), an actor
modifier, a ``by`` phrase (for an appeal, offer, demand or threat also a ``from`` one), or the
subject of the support verb that carries it ("resumed cooperation"); "talks between X and Y" gives X
and Y as each other's target (one event, see :func:`eventwire.events.frames.pairs_of`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events import nominal_args
from eventwire.events.mentions import in_list
from eventwire.events.phrase_heads import is_town_modifier
from eventwire.events.phrases import modifier_chain, prep_objects
from eventwire.events.senses import VISIT_CAMEO
from eventwire.events.stance_holders import HOLDER_PREP, holder_recipients, of_holders
from eventwire.events.surrounding_parties import (
    charged_doers,
    offered_partners,
    origin_doers,
    role_holders,
    shared_possessor,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.arguments import Finder
    from eventwire.events.frames import Frame, MatchLike

__all__ = ["fill_nominal", "DEFAULT_NOMINAL_PREPS", "SYMMETRIC_PREPS"]

# prepositions that a nominal trigger takes its target with when the rule names none
DEFAULT_NOMINAL_PREPS = ("against", "on", "with", "upon")
SYMMETRIC_PREPS = frozenset({"between", "among", "amongst"})


def _role_preps(match: MatchLike, *, named_maker: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The prepositions naming a nominal trigger's targets and those naming its doers. A noun of an act
    addressed to someone (an appeal, offer, demand or threat) comes *from* its maker ("despite calls
    from the opposition for his resignation", "a warning from Moscow"), so there "from" names the doer
    as "by" does, and not the one addressed; unless a possessor or modifier already names the maker
    ("Iran's request from Russia for jets" asks Russia), and outside those acts ("seizure from")."""
    preps = match.target_preps or DEFAULT_NOMINAL_PREPS
    if named_maker or match.cameo[:2] not in nominal_args.ADDRESSED_ROOTS:
        return preps, ("by",)
    return tuple(p for p in preps if p != "from"), ("by", "from")


def fill_nominal(finder: Finder, head: Token, match: MatchLike, frame: Frame) -> bool:
    """Fill a nominal trigger's frame; True when its arguments came from a symmetric phrase."""
    symmetric_phrase = False
    sources: list[tuple[Token, str]] = []
    between = prep_objects(head, SYMMETRIC_PREPS) or nominal_args.stray_sides(head)
    if len(between) == 1:  # "between X, <apposition>, and Y": the parser hung Y elsewhere
        between += nominal_args.lost_between_party(between[0][0])
    for child in head.lefts:
        if child.dep_ == "poss":
            sources.append((child, "possessor"))
    sources = sources or shared_possessor(head)  # "the voters' anger and resentment of the parties"
    modifiers: list[tuple[Token, str]] = []
    for child in head.lefts:
        if child.dep_ in ("compound", "amod", "nmod") and finder.index.actor_for(child, allow_unresolved=False):
            modifiers.extend((t, "modifier") for t in modifier_chain(child))
    modifier_args = finder._args(modifiers, source=True, loose=False)
    # "the Liberal party claims": an unknown word of a coded modifier's own name is no second party
    named = {a.token for a in modifier_args if a.actor.code}
    inside = {a.token for a in modifier_args if not a.actor.code and finder.index.doc[a.token].head.i in named}
    modifier_args = [a for a in modifier_args if a.token not in inside]
    modifiers = [(t, v) for t, v in modifiers if t.i not in inside]
    situation = in_list(head, "situation_nouns")
    if len(modifier_args) > 1 and not sources:
        # "the Russia-NATO thaw", "the Russia-Georgia conflict": the two sides face each other
        symmetric_phrase = True
    elif situation:
        modifiers = []  # "the Georgia conflict" happens in Georgia; Georgia did not do it
    owned: list[tuple[Token, str]] = []
    if modifier_args and any(t.pos_ == "PRON" or finder.index.actor_for(t, allow_unresolved=False) for t, _ in sources):
        # "his first US visit", "Israel's Gaza offensive": the possessor does it, the actor named
        # as a modifier is what it is done to
        coded = {a.token for a in modifier_args if a.actor.code}
        owned, modifiers = [(t, "modifier-target") for t, _ in modifiers if t.i in coded], []
    # "the Geneva talks between X and Y", "The Quetta bombing killed": where it happened, not who did it
    sources.extend(m for m in modifiers if symmetric_phrase or not is_town_modifier(finder.index, m[0]))
    preps, agent_preps = _role_preps(match, named_maker=bool(sources))
    agents = prep_objects(head, agent_preps)
    # "the support of the rebel warlords", "the veto of the president": a stance noun's "of" actor holds it
    holders = [] if sources or agents else of_holders(finder, head)
    preps = tuple(p for p in preps if p != HOLDER_PREP) if holders else preps
    doers, done_to = nominal_args.participle_agents(head, preps)  # "the sanctions imposed by the UN on Iran"
    undergone: list[tuple[Token, str]] = []
    if any(finder.index.actor_for(t, allow_unresolved=False) for t, _ in agents) and not prep_objects(head, preps):
        # "the mayor's arrest by federal agents": with a named doer and no one else it is done to, the
        # possessor undergoes the act (not "Canada's visit by helicopter to Haiti")
        undergone = [(t, "possessor-undergoer") for t, v in sources if v == "possessor"]
        sources = [(t, v) for t, v in sources if v != "possessor"]
    sources.extend(agents or doers or holders or ([] if sources else (
        nominal_args.stray_agents(head) or nominal_args.under_doers(head)
        or origin_doers(head))))  # "the invitation came from Norway"
    frame.sources = finder._args(sources, source=True, loose=False)
    if not frame.sources:  # "a leader of last year's coup": the role noun names the doers
        frame.sources = finder._args(role_holders(head), source=True, loose=False)
    targets = [(t, v) for t, v in prep_objects(head, preps) if t.lower_ not in SYMMETRIC_PREPS] + owned + done_to + undergone
    targets = targets or nominal_args.shared_trailing_phrase(head, preps)  # "the torture and ill-treatment of"
    targets = targets or (holder_recipients(head) if holders else [])  # "she does not have the support of"
    for doer, _ in agents:
        # "attacks by Georgian units against South Ossetia": spaCy hangs the target on the doer
        if finder.index.actor_for(doer, allow_unresolved=False) is not None:
            targets.extend((t, f"agent-{v}") for t, v in prep_objects(doer, preps) if v != "prep:with")
    pairing = bool(between) and not symmetric_phrase
    if pairing and not frame.sources and match.symmetric:
        # "talks between X and Y": the two sides are each other's counterpart
        frame.sources = finder._args(between, source=True, loose=False)
        symmetric_phrase = len(frame.sources) > 1
    if not frame.sources:
        frame.sources = nominal_args.support_sources(finder, head, match, preps, targets)
    if not frame.sources:  # "the rebels were accused of the kidnap of 200 children": the one charged
        frame.sources = finder._args(charged_doers(head), source=True, loose=True)
    relative = nominal_args.relative_doers(head)  # "the attack that Hamas launched", "a meeting which X attended"
    if not frame.sources:
        frame.sources, relative = finder._args(relative, source=True, loose=True), []
    if not frame.sources and match.cameo.startswith(VISIT_CAMEO):
        # "are touring Chile after an official visit to Argentina": whoever the clause is about made it
        frame.sources = finder._args(nominal_args.setting_visitors(head), source=True, loose=True)
        if frame.sources and not targets:  # "questioned officials during a visit": the clause names the hosts
            targets = nominal_args.setting_hosts(head)
    if not frame.sources and not between and (match.symmetric or any(v == "prep:with" for _, v in targets)):
        # "wounded in clashes with the police": an event done *with* someone is mutual
        frame.sources = finder._args(nominal_args.setting_participants(head), source=True, loose=True)
    if pairing and frame.sources and not symmetric_phrase:
        # "Oman launched a mediation effort between X and Y": done to both sides
        targets = between + targets
    elif pairing and not frame.sources:
        frame.sources = finder._args(between, source=True, loose=False)
        symmetric_phrase = len(frame.sources) > 1
    targets = targets or (relative if match.symmetric else []) or nominal_args.undergoer_subjects(head, finder.index) \
        or nominal_args.held_subjects(head, match.cameo) \
        or (nominal_args.recipients(head) if any(a.via == "prep:from" for a in frame.sources) else [])  # "received threats from X"
    if not targets and frame.sources and match.cameo[:2] in nominal_args.ADDRESSED_ROOTS:
        # "the MTA would not accept the union's demands", "extended an offer of talks to Ukraine"
        targets = nominal_args.respondents(head) or nominal_args.content_addressees(head, preps) \
            or offered_partners(head, match.cameo)  # "an invitation for talks with the rebels": to them
    frame.targets = finder._args(targets, source=False, loose=False)
    return symmetric_phrase
