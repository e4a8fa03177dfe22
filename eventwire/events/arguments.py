"""Who did it to whom: the source and target actors of a trigger, read off the dependency parse.

The :class:`Finder` here reads a token as a source or target actor and puts every frame through the
same filters (:func:`find_arguments`); the order in which a verb's slots are tried is
:func:`eventwire.events.verbal_frame.fill_verbal`, a noun's :func:`eventwire.events.nominal_frame.fill_nominal`.
Verbal triggers take their subject (a subject borrowed through control, coordination or a relative
clause, see :mod:`eventwire.events.clauses`) as source, and their object or the object of one of the
rule's prepositions as target; when those slots are empty, the first actor acted upon elsewhere in the
clause (:mod:`eventwire.events.fallback`), with the parties coordinated with it ("urged Iran and Syria
to stop"; a list a target heads names one target per party, :mod:`eventwire.events.target_lists`). A passive takes its ``by`` agent as source and its patient as target; coordinated
participles share both ("who was shot and killed by the guards", see
:func:`eventwire.events.phrases.passive_patients`); a passive whose patient is the rule's own act has
an agent and no patient ("an attack was launched by Hamas against Israel"). Nominal triggers take the possessor (then an actor
modifier is the target: "Russia's Georgia intervention"), an actor modifier, a ``by`` phrase, or the
subject of the support verb that carries them ("resumed cooperation", "hoped for cooperation");
"talks between X and Y" gives X and Y as each other's target (one event, see
:func:`eventwire.events.frames.pairs_of`). Reported speech never lends the speaker: a clausal
complement of *say* keeps its own subject; an act asked for or alleged ("urged Y to leave", "accused Y
of plotting") is not an event of Y's. A product named as a target ("rejected the bill") stands for its
maker, and a visit to a place no one codes for the state it is in (:mod:`eventwire.events.agents`).
A place is never a target: not one an act happens in ("rallied in Taipei"), nor a town or district no
dictionary codes (:func:`eventwire.events.fallback.is_setting_place`, :func:`~eventwire.events.fallback.is_unknown_place`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.events import nominal_args
from eventwire.events.agents import (
    act_doer,
    document_issuer,
    judged_product,
    made_target,
    product_maker,
    weapon_owner,
)
from eventwire.events.animacy import animate_by_position, controlled_object
from eventwire.events.clauses import (
    NOMINAL_POS,
    VERBISH,
    clause_subjects,
    identifying_attributes,
)
from eventwire.events.combine import rule_plover_type
from eventwire.events.coordination import co_agents, coordinated_modifiers, member_sides, without_partners
from eventwire.events.fallback import (
    ACCUSATION_CAMEO,
    CONCERN_ROOTS,
    OBJECT_INNER_PREPS,
    PROTEST_ROOT,
    concerned_actor,
    doer_preps,
    is_harm_noun,
    is_setting_place,
    is_unknown_place,
    place_bound,
    plural_states,
    state_pair_args,
)
from eventwire.events.frames import Argument, Frame, MatchLike, pairs_of, trigger_head, trigger_words
from eventwire.events.mentions import ActorIndex, in_list, syntax_words
from eventwire.events.nominal_frame import fill_nominal
from eventwire.events.people_doers import people_doer
from eventwire.events.people_phrases import people_phrase
from eventwire.events.phrase_heads import (
    is_location_modifier,
    target_actor,
    town_of_an_act,
)
from eventwire.events.phrases import (
    is_agentive,
    prep_objects,
    relative_object,
)
from eventwire.events.plural_reference import coordinated_antecedents
from eventwire.events.senses import VISIT_CAMEO
from eventwire.events.target_lists import listed_owners
from eventwire.events.verbal_frame import fill_verbal

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from eventwire.records import Actor


__all__ = ["Argument", "Frame", "Finder", "MatchLike", "find_arguments", "trigger_head", "trigger_words",
           "clause_subjects", "role_argument", "JUDGING_ROOTS"]

# prepositions inside an object phrase that lead to whom it concerns ("an extension of an OSCE
# mission", "a request by the president", "an offer from Iran")
INNER_PREPS = ("of", "by", "from")
# CAMEO roots of judging someone's act (support, disapprove, reject, protest): "protested the
# arrest of Granda" is against the arrester; "ordered the arrest of Granda" is done to Granda
JUDGING_ROOTS = frozenset({"05", "11", "12", "14"})
# how a judging trigger names what it judges besides its object: "opposed to the plan", "supportive of
# plans", "angry over the ruling", or as a passive's patient ("the bill was rejected by"); not where,
# when or why ("condemned in a statement", "praised for the decision")
JUDGED_VIAS = frozenset({"prep:to", "prep:of", "prep:with", "prep:at", "prep:against", "prep:over", "prep:on",
                         "prep:upon", "prep:about", "prep:toward", "prep:towards", "passive-subject"})


class Finder:
    def __init__(self, index: ActorIndex, sent: Span) -> None:
        self.index = index
        self.sent = sent
        self.words = syntax_words()
        self.judging = False  # the trigger judges an act (criticise, protest, welcome): see JUDGING_ROOTS
        self.concern = False  # the trigger investigates or disapproves of a matter: see fallback.CONCERN_ROOTS
        self.protest = False  # a protest: its demand names whom it is against (fallback.demand_target)
        self.places = False  # a type done to places: a town modifying a thing stands for its people
        # judging, not accusing (the accused is named: "blamed the attack on Hamas"): an act of violence
        self.harm_judged = False  # judged stands for its doer ("condemned the attack on Israel")

    def _target(self, token: Token, found: Actor | None) -> Actor | None:  # see eventwire.events.phrase_heads
        # "cracked down on those who marched", "arrested a 34-year-old": people no mention covers
        actor = target_actor(self.index, token, found, places=self.places)
        return actor if actor is not None or found is not None else people_phrase(token)

    def _coded(self, token: Token) -> bool:
        actor = self.index.actor_for(token, allow_unresolved=False)
        return actor is not None and actor.code is not None

    def _arg(self, token: Token, via: str, *, source: bool, loose: bool) -> Argument | None:
        if not (self.sent.start <= token.i < self.sent.end):
            return None
        if loose:
            actor = self.index.actor_for(token, as_source=source)
            actor = (None if town_of_an_act(self.index, token, actor) else actor) if source else self._target(token, actor)
            if actor is None and source:
                actor = document_issuer(token, self.index)  # "The statement accused ...": its issuer
            if source and (actor is None or actor.code is None):
                # "the missiles fired by the Israeli military struck ...": the weapon's owner
                actor = weapon_owner(token, self.index) or actor
            if source:
                # "an attack by the rebels killed ...": the act's doer, before any party inside its
                # phrase ("the bombing of the Serbian embassy by NATO": not the embassy)
                actor = act_doer(token, self.index) or actor
        else:
            actor = self.index.actor_for(token, allow_unresolved=False)
            actor = actor if source else self._target(token, actor)
            if actor is None and source:
                # "killed by a roadside bomb planted by Taliban militants", "wounded by an attack by rebels"
                actor = weapon_owner(token, self.index) or act_doer(token, self.index) or people_doer(self.index, token)
            if actor is None and (is_agentive(token, self.words) or (not source and plural_states(token, via))):
                actor = self.index.unresolved(token, as_source=source)
        return Argument(actor, token.i, via) if actor is not None else None

    def _args(self, tokens: list[tuple[Token, str]], *, source: bool, loose: bool) -> list[Argument]:
        out: list[Argument] = []
        for token, via in tokens:
            if not source and via.startswith("prep:"):  # "the public, to whom I promised better"
                token = relative_object(token, token.head.head, self._coded)
            # "both countries", "they" after "Russia and China": one argument per member (events.plural_reference)
            pair = state_pair_args(self.index, token, via) or coordinated_antecedents(self.index, token, via) \
                if self.sent.start <= token.i < self.sent.end else []
            arg = pair[0] if pair else self._arg(token, via, source=source, loose=loose)
            if arg is None and not source and via.startswith("prep:") and not in_list(token, "address_nouns"):
                # (not "refused, in an interview for Sky News, to ...": a speech's audience or outlet)
                # "conceded to the demands of the drivers", "called for sanctions against the US"
                arg = self._inner_actor(token, OBJECT_INNER_PREPS)
            if arg is None and not source and self.judging and via in JUDGED_VIAS:
                arg = judged_product(self.index, self.sent, token, via)
            found = [arg, *pair[1:], *self._coordinated_modifiers(token)]
            if arg is None and source:
                # "Countries expected to contribute troops are France, Italy and Spain": each of them
                found += [self._arg(t, "attribute", source=True, loose=loose) for t in identifying_attributes(token)]
            for arg in found:
                if arg is not None and all(a.actor != arg.actor for a in out):
                    out.append(arg)
        return out

    def _coordinated_modifiers(self, token: Token) -> list[Argument]:
        """"Russian and Ukrainian delegations": each coordinated actor modifier is a party of its own."""
        out = [Argument(actor, part.i, "coordinated-modifier") for part in coordinated_modifiers(token)
               for actor in [self.index.covering(part)] if actor is not None]
        return out if len(out) > 1 else []

    def _object_target(self, obj: Token, preps: tuple[str, ...], *, phrase_ok: bool) -> Argument | None:
        """The target inside a direct object: the object itself, an actor within it, or (with
        ``phrase_ok``) the object phrase as an unresolved actor ("condemned the attack")."""
        found = self.index.actor_for(obj, allow_unresolved=False)
        located = is_location_modifier(self.index, obj, found, places=self.places)  # "the Kyoto protocol"
        direct = None if located else self._target(obj, found)
        if direct is not None:
            return Argument(direct, obj.i, "object")
        # "criticised the officials over ...": people are the ones judged, not a matter to read into; one
        # asked to act is the noun itself, not its owner ("called on its members to"; not "allow the return of")
        asked = controlled_object(obj) and animate_by_position(obj)
        inner = None if asked else self._inner_actor(obj, preps, matter=not is_agentive(obj, self.words))
        if inner is not None or not (phrase_ok or asked) or located:  # "asked the whalers to stop"
            return inner
        arg = self._arg(obj, "object", source=False, loose=True)
        if arg is None and self.sent.start <= obj.i < self.sent.end and obj.pos_ != "PRON":
            phrase = self.index.unresolved(obj, any_head=True)
            arg = Argument(phrase, obj.i, "object-phrase") if phrase is not None else None
        return arg

    def _inner_actor(self, obj: Token, preps: tuple[str, ...], *, matter: bool = True) -> Argument | None:
        """An actor inside an object noun phrase: "an extension of an OSCE mission" -> OSCE,
        "Iran's bid" -> Iran."""
        harm = self.harm_judged and in_list(obj, "harm_act_nouns")
        if self.judging and (in_list(obj, "patient_nouns") or harm):
            # "protested the arrest of Granda", "condemned the attack on Israel": the doer, never the victim
            made = product_maker(obj, self.index, judged=harm)
            return Argument(made, obj.i, "object-product") if made is not None else None
        for inner, via in prep_objects(obj, doer_preps(obj, tuple(preps) + INNER_PREPS, self.judging)):
            found = self._target(inner, self.index.actor_for(inner, allow_unresolved=False))
            if found is None and not (self.judging and is_harm_noun(inner)):
                # "an attack on West Bengal's government": the owner of the phrase acted upon
                found = next((a for c in inner.children if c.dep_ == "poss"
                              for a in [self.index.actor_for(c, allow_unresolved=False)] if a), None)
            if found is None:
                for grand, _ in prep_objects(inner, doer_preps(inner, ("of",), self.judging)):
                    found = self.index.actor_for(grand, allow_unresolved=False)
                    if found is not None:
                        break
            if found is not None:
                return Argument(found, inner.i, f"object-{via}")
        for child in obj.children:
            if child.dep_ == "poss" and not (self.judging and is_harm_noun(obj)):
                owner = self.index.actor_for(child, allow_unresolved=False)
                if owner is not None:
                    return Argument(owner, child.i, "object-possessor")
            if child.dep_ == "acl" and child.tag_ == "VBN":  # "positions held by Ukraine"
                for agent, _ in prep_objects(child, ("by",)):
                    owner = self.index.actor_for(agent, allow_unresolved=False)
                    if owner is not None:
                        return Argument(owner, agent.i, "object-holder")
        if self.concern and matter:
            # "an investigation of cases involving the U.S. Army": the party deeper in the matter
            return concerned_actor(self, obj)
        return None

    def verbal(self, head: Token, match: MatchLike, frame: Frame) -> None:
        """Fill a verbal trigger's frame (:func:`eventwire.events.verbal_frame.fill_verbal`)."""
        fill_verbal(self, head, match, frame)

    def nominal(self, head: Token, match: MatchLike, frame: Frame) -> bool:
        """Fill a nominal trigger's frame (:func:`eventwire.events.nominal_frame.fill_nominal`); True when
        its arguments came from a symmetric phrase."""
        return fill_nominal(self, head, match, frame)

def find_arguments(doc: Doc, match: MatchLike, index: ActorIndex, head: Token | None = None) -> Frame:
    """Sources, targets and the (source, target) pairs for one lexicon match (``head``: the token the
    lexicon fired on; by default the trigger token whose syntactic head lies outside the trigger)."""
    if head is None:
        head = trigger_head(doc, match.trigger_start, match.trigger_end)
    sent = head.sent
    nominal = head.pos_ in NOMINAL_POS or (head.pos_ not in VERBISH and head.dep_ in ("dobj", "pobj", "nsubj"))
    frame = Frame(head=head.i, nominal=nominal)
    finder = Finder(index, sent)
    finder.judging = match.cameo[:2] in JUDGING_ROOTS
    finder.concern = match.cameo[:2] in CONCERN_ROOTS and not match.cameo.startswith(ACCUSATION_CAMEO)
    finder.protest = match.cameo[:2] == PROTEST_ROOT
    finder.harm_judged = finder.judging and not match.cameo.startswith(ACCUSATION_CAMEO)
    finder.places = (rule_plover_type(match.cameo) or "").lower() in finder.words["place_target_types"]
    symmetric = match.symmetric
    if nominal:
        symmetric = finder.nominal(head, match, frame) or symmetric
    else:
        finder.verbal(head, match, frame)
        sides = [t for t in frame.targets if t.via in ("prep:between", "prep:among")]
        if not frame.sources and match.symmetric and len(sides) > 1:
            frame.sources, frame.targets = sides, []  # "a deal negotiated between X, Y and Z": each with the others
        if getattr(match, "subject_is_target", False):
            # "Iran drew criticism from the UN", "won the votes of 189 members": only the rule's own
            # prepositions, on the verb or in its object, name the doer ("enjoyed support under Franco":
            # when, not who); without one nobody is named, and there is no event
            doers = [t for t in frame.targets if t.via.removeprefix("object-")[5:] in match.target_preps
                     and t.via.removeprefix("object-").startswith("prep:")]
            frame.sources, frame.targets = doers, [replace(s, via=f"undergoer-{s.via}") for s in frame.sources]
    if not nominal and not frame.targets and len(frame.sources) > 1 and in_list(head, "mutual_act_verbs"):
        symmetric = True  # "X and Y exchanged fire": each fired on the other, one mutual event
        # "North Korean and South Korean guards": the sides are the modifiers, the head is both of them
        sides = [s for s in frame.sources if s.via == "coordinated-modifier"]
        frame.sources = sides if len(sides) > 1 else frame.sources
    if symmetric and not frame.targets and len(frame.sources) == 1:
        # "Representatives from both X and Y are in talks": the parties its only doers come from are its sides
        sides = finder._args(member_sides(doc[frame.sources[0].token]), source=True, loose=False)
        frame.sources = sides if len(sides) > 1 else frame.sources
    if match.cameo[:2] == nominal_args.THREAT_ROOT and not frame.targets:
        # "issued a threat that Prince Harry will be killed": aimed at whom the threatened act harms
        frame.targets = finder._args(nominal_args.threatened_patients(head), source=False, loose=False)
    # "France joined Germany in condemning the coup": Germany condemns it too, and is not joined against
    frame.sources += finder._args([(t, "partner") for t in co_agents(head)], source=True, loose=True) if frame.sources else []
    frame.targets = without_partners(head, frame.targets)
    # an actor mention that contains a trigger word ("opposition protesters" firing on "protesters")
    # names the participants, not an event they did. Only the trigger's own words count: a multiword
    # trigger's range can enclose its object ("found Barbarin guilty").
    words = {doc[i] for i in trigger_words(doc, match, head)}

    def apart(arg: Argument) -> bool:
        return not any(arg.actor.start < w.idx + len(w.text) and w.idx < arg.actor.end for w in words)

    frame.targets = listed_owners(index, frame.targets)  # "met the leaders of Colombia and Spain": each state
    # "rejected the bill": a product stands for its maker (eventwire.events.agents.product_maker)
    frame.targets = [made for t in frame.targets for made in [made_target(doc, t, index)] if made is not None]
    if not place_bound(match.cameo):  # "imposed a curfew in Basra" binds everyone there: Basra is its target
        visit = match.cameo.startswith(VISIT_CAMEO)  # a visit is to its host ("arrived in New Zealand")
        # "shelled positions in Chad", "rallied in Taipei": where it happened, not whom it was done to
        frame.targets = [a for a in frame.targets if visit or not is_setting_place(doc, a) or doc[a.token].head in words]
        # "stormed the Musa Qala district": no one it was done to. Not for sources: the tagger names people
        # and bodies places too often ("The South and the North have agreed"), and a doer is an actor anyway
        frame.targets = [a for a in frame.targets if not is_unknown_place(doc, a)]
    frame.sources = [a for a in frame.sources if apart(a)]
    frame.targets = [a for a in frame.targets if apart(a) and all(a.actor != s.actor for s in frame.sources)]
    frame.pairs = pairs_of(frame.sources, frame.targets, symmetric)
    frame.symmetric = symmetric
    return frame


def role_argument(index: ActorIndex, sent: Span, token: Token, via: str, *, source: bool) -> Argument | None:
    """The actor a token stands for in a role outside a lexicon frame (see
    :mod:`eventwire.events.constructions`): a source may be an unresolved noun phrase of a doer, a
    target must be a dictionary actor, a name or an institution."""
    return Finder(index, sent)._arg(token, via, source=source, loose=source)
