"""The arguments of a verbal trigger ("Iran accused the US of spying", "was arrested by the police",
"imposed sanctions on Iran"), read off the verb's subject, objects and prepositions.

Split from :mod:`eventwire.events.arguments` (whose :class:`~eventwire.events.arguments.Finder` calls
it, as it calls :mod:`eventwire.events.nominal_frame` for nouns) so that each module stays short: that
one holds the finder's shared readings of a token as an actor and the filters every frame goes
through, this one the order in which a verb's slots are tried. A verb takes its subject (borrowed
through control, coordination or a relative clause, :mod:`eventwire.events.clauses`) as source, and
its object or the object of one of the rule's prepositions as target; a passive takes its ``by`` agent
and its patient; when the slots are empty, the first actor acted upon elsewhere in the clause
(:mod:`eventwire.events.fallback`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events import nominal_args
from eventwire.events.admissible import is_actor_argument
from eventwire.events.agents import FORCE_ROOTS, judged_product, visited_state
from eventwire.events.aimed_targets import aimed_at
from eventwire.events.animacy import asked_through_preposition
from eventwire.events.clauses import (
    OBJECT_DEPS,
    SUBJECT_DEPS,
    UNREALIZED,
    clause_subjects,
    misread_finite,
    stranded_conjunct_subjects,
    with_conjuncts,
)
from eventwire.events.control import copula_patients
from eventwire.events.fallback import (
    blamed_parties,
    condition_target,
    doer_preps,
    fallback_target,
    locative_target,
    patient_object,
    state_pair_args,
)
from eventwire.events.frames import Argument, trigger_words
from eventwire.events.harmed_parties import harmed_parties
from eventwire.events.mentions import in_list
from eventwire.events.movements import MOVEMENT_ROOTS, moved_own_forces, movement_ends
from eventwire.events.nominal_frame import DEFAULT_NOMINAL_PREPS
from eventwire.events.phrase_heads import is_location_modifier, names_own_event, own_act
from eventwire.events.phrases import (
    document_addressees,
    misplaced_agents,
    noun_owners,
    own_preps,
    passive_agents,
    passive_patients,
    prep_objects,
    relative_object,
    stranded_recipients,
)
from eventwire.events.plural_reference import coordinated_antecedents
from eventwire.events.senses import VISIT_CAMEO
from eventwire.events.series import series_object, series_verb
from eventwire.events.surrounding_parties import summarised_doers
from eventwire.events.target_lists import with_coordinated
from eventwire.events.unnamed_agents import unnamed_agent

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.arguments import Finder
    from eventwire.events.frames import Frame, MatchLike

__all__ = ["fill_verbal", "CHARGE_ROOTS", "SIGNING_CAMEO"]

# CAMEO roots of charging someone with an act (disapprove, reject, coerce): "accused China of interference",
# "stripped him of his citizenship" name the act in a preposition and the one charged as the object
CHARGE_ROOTS = frozenset({"11", "12", "17"})
# CAMEO code of signing an agreement: the signer becomes a party to the text, it does not judge its maker
SIGNING_CAMEO = "057"


def fill_verbal(finder: Finder, head: Token, match: MatchLike, frame: Frame) -> None:
    """Fill a verbal trigger's sources and targets, trying its slots in order (the passive's agent and
    patient or the subject; the rule's prepositions; the object; an actor inside the object; a
    document's addressee; the fallback of :mod:`eventwire.events.fallback`)."""
    object_i = getattr(match, "object_i", None)
    own = object_i if object_i is not None and own_act(head, finder.index.doc[object_i]) else None  # "filed a suit"
    patients_written = passive_patients(head)
    passive = [t for t in patients_written if t.i != own]
    # "an attack was launched by Hamas against Israel": the passive's patient is the rule's own
    # act, so the verb has an agent and no patient of its own
    own_passive = bool(patients_written) and not passive
    # "rebels, which Ecuador accused of ...": a relative pronoun object stands for its antecedent
    objects = [obj for c in head.children if c.dep_ in OBJECT_DEPS for obj in with_conjuncts(relative_object(c, head, finder._coded))]
    objects += series_object(head)  # "the constitution, dissolved parliament, arrested ...": a verb, not an adjective
    objects += asked_through_preposition(head)  # "called on Y to stop", "appealed to Y to end"
    # "after being deposed", "was to be arraigned", "expected to be released": a passive participle
    # whose patient is the governing clause's (controlling) subject
    gerund = not passive and head.dep_ in ("pcomp", "xcomp") and any(c.dep_ == "auxpass" for c in head.children)
    # "positions held by Ukraine": a participle modifying a noun is a passive; not a clause with
    # a subject of its own that the parser hangs on a noun ("the fact that X have endorsed Y")
    participle = head.dep_ == "acl" and head.tag_ == "VBN" and not any(c.dep_ in SUBJECT_DEPS for c in head.children) \
        and series_verb(head) is None and not misread_finite(head)  # not a verb of a series, nor a main verb
    if passive or gerund or participle or own_passive:
        agents = passive_agents(head)
        frame.sources = finder._args(agents, source=True, loose=False)
        # "were arrested in a military coup", "... as police quelled a demonstration", "..., according to police"
        unnamed = unnamed_agent(head, finder.index, match.cameo) if not frame.sources else None
        frame.sources = [unnamed] if unnamed is not None else frame.sources
        patients = [(t, "passive-subject") for t in passive]
        if gerund:
            # "are expected to be attacked": a raised patient is the governing passive's
            controllers = clause_subjects(head)[0] or (passive_patients(head.head) if head.dep_ == "xcomp" else []) \
                or noun_owners(head)  # "the minister's resignation after being accused"
            patients = [(t, "passive-subject") for t in controllers]
        elif participle:
            patients = [(head.head, "modified-noun")] if head.head.i != own else []
        frame.targets = [a for a in finder._args(patients, source=False, loose=True)
                         if is_actor_argument(finder.index.doc, a)]  # "rockets were fired into Israel": not the rockets
        if not frame.targets and match.cameo[:2] in nominal_args.ADDRESSED_ROOTS:  # "Iran responded to the
            # package, which was offered by X": an offer is made to whoever answers it
            answered = [t for t, _ in patients] + ([head.head] if head.dep_ in ("relcl", "acl") else [])
            frame.targets = finder._args([r for t in answered for r in nominal_args.respondents(t)], source=False, loose=False)
    elif (blamed := copula_patients(head)) is not None:
        # "the minister said the opposition was to blame": the opposition is blamed, by the minister
        frame.targets = finder._args([(t, "copula-patient") for t in blamed[0]], source=False, loose=False)
        speakers = clause_subjects(blamed[1])[0] if blamed[1] is not None else []
        frame.sources = finder._args([(t, "speaker") for t in speakers], source=True, loose=True)
    else:
        subjects, how = clause_subjects(head)
        if how == UNREALIZED:
            subjects = []  # "asked the US to stop torturing detainees": an act asked for, not done
        frame.sources = finder._args([(t, how) for t in subjects], source=True, loose=True)
        if not frame.sources and how == "coordination":
            frame.sources = finder._args(stranded_conjunct_subjects(head), source=True, loose=True)
        if not subjects and how != UNREALIZED:  # "Iran's withdrawal after attacking Iraq": Iran attacked
            frame.sources = finder._args([(t, "noun-owner") for t in noun_owners(head)], source=True, loose=True)
    # "returned a painting taken by soldiers to Egypt": the parser hangs the verb's "to" in the object
    by_prep = finder._args(prep_objects(head, match.target_preps) or stranded_recipients(head, match.target_preps),
                         source=False, loose=False) if match.target_preps else []
    if not frame.targets and match.symmetric and by_prep:
        frame.targets = by_prep  # "discussed Libya with Trump": the counterpart, not the topic
    frame.targets = frame.targets or blamed_parties(finder, head, objects)  # "blamed the attack on Hamas"
    if not frame.targets and finder.judging:  # "Iran expelled them, a move condemned by France": at Iran
        frame.targets = finder._args(summarised_doers(head, [*patients_written, *objects], object_i), source=False, loose=False)
    topic = in_list(head, "topic_verbs")  # "discussed Afghanistan": what, not with whom
    if not frame.targets and match.object_is_target and not passive and not topic:
        for obj in (o for o in objects if o.i != own):  # "urged both countries": each state
            pair: list[Argument | None] = [*(state_pair_args(finder.index, obj) or coordinated_antecedents(finder.index, obj))]
            for arg in pair or [finder._object_target(obj, match.target_preps, phrase_ok=False)]:
                if arg is not None and all(a.actor != arg.actor for a in frame.targets):
                    frame.targets.append(arg)
    if not frame.targets and object_i is not None and not passive and not topic and match.cameo[:2] in CHARGE_ROOTS \
            and all(o.i != object_i for o in objects) and not getattr(match, "subject_is_target", False):
        # "accused China of interference": the rule's act is named in a preposition, so the verb's own
        # object is whom it is done to, not a matter that stands for its maker (not "won the
        # leadership of the party with 2,521 votes", whose doer is the rule's own preposition)
        frame.targets = [a for o in objects for a in [finder._object_target(o, (), phrase_ok=False)]
                         if a is not None and a.via == "object"]
    if not frame.targets and not passive and match.cameo[:2] in FORCE_ROOTS:  # "34 people died when militants bombed hotels"
        frame.targets = finder._args(harmed_parties(head), source=False, loose=False)
    if not frame.targets:
        # "stood behind the senator", "disapproved of the ruling": a preposition that is one of the
        # trigger's own words names whom the act is done to, whatever it means as an adjunct elsewhere
        lemma_preps = own_preps(head, trigger_words(finder.index.doc, match, head))
        # not the act the rule is named by ("went on strike": the strike is what they did; "moved troops
        # into Abkhazia" names a place its dictionaries know)
        by_lemma = [(t, v) for t, v in prep_objects(head, lemma_preps)
                    if t.i != object_i or finder.index.actor_for(t, allow_unresolved=False) is not None]
        frame.targets = by_prep or finder._args(by_lemma, source=False, loose=False)
    if not frame.targets and (match.target_preps or object_i is not None):
        # "imposed sanctions on Iran", "resumed cooperation with NATO": the preposition hangs on
        # the object noun, which (for a rule naming its object) is the event itself
        preps = match.target_preps or DEFAULT_NOMINAL_PREPS
        for obj in objects:
            frame.targets = finder._args(prep_objects(obj, doer_preps(obj, preps, finder.judging)), source=False, loose=False)
            if not frame.targets and obj.i == object_i:
                found = finder.index.actor_for(obj, allow_unresolved=False)  # "seized the Iranian tanker"
                located = is_location_modifier(finder.index, obj, found, places=finder.places)  # "Toronto home"
                named = None if located else finder._target(obj, found) or finder.index.unresolved(obj, named_only=True)
                if named is None:
                    named = patient_object(finder, obj, match.cameo)  # "barring several popular candidates"
                inner = Argument(named, obj.i, "object") if named else finder._inner_actor(obj, preps)
                if inner is None and not passive:
                    # "rejected the accusations by Britain": the parser hangs the noun's agent on the verb
                    inner = next(iter(finder._args(misplaced_agents(head), source=False, loose=False)), None)
                if inner is None and finder.judging and not match.cameo.startswith(SIGNING_CAMEO) \
                        and obj.i != own and not names_own_event(obj, match.cameo):
                    inner = judged_product(finder.index, finder.sent, obj, "object")  # "welcomed the decision": its maker
                frame.targets = with_coordinated(finder, inner)  # "accepted Bulgaria and Romania"
            if frame.targets:
                break
    if not frame.targets and object_i is not None and match.cameo[:2] in nominal_args.ASKING_ROOTS:
        frame.targets = finder._args(nominal_args.asked_sides(finder.index.doc[object_i]), source=False, loose=False)
    if not frame.targets and not passive and not any(finder.index.actor_for(o, allow_unresolved=False) for o in objects):
        # "sent a letter to Congress demanding funding": the act a document states is addressed to its
        # recipient (one it names as its object is its target: "a letter to X asking Y to")
        frame.targets = finder._args(document_addressees(head), source=False, loose=False)
    if not frame.targets and not passive:  # "planted bombs, aiming at American soldiers"
        frame.targets = finder._args(aimed_at(head, match.cameo), source=False, loose=False)
    if not frame.targets and not passive and not topic and not (match.symmetric and len(frame.sources) > 1):
        fallback = fallback_target(finder, head, object_i)
        if fallback is None and match.object_is_target:
            fallback = next((a for o in objects if o.i != object_i
                             for a in [finder._object_target(o, (), phrase_ok=True)] if a), None)
        if fallback is None:
            fallback = condition_target(finder, head)
        if fallback is None and match.cameo[:2] in finder.words["locative_target_roots"]:
            fallback = locative_target(finder, head, objects, frame.sources, match.cameo)
        frame.targets = with_coordinated(finder, fallback)
    if not passive and match.cameo[:2] in MOVEMENT_ROOTS and moved_own_forces(finder.index.doc, frame.targets, frame.sources):
        # "will pull its soldiers out of Afghanistan": its own forces moved, done to where they go or leave
        frame.targets = finder._args(movement_ends(head), source=False, loose=False) or frame.targets
    if match.cameo == VISIT_CAMEO and all(t.actor.code is None for t in frame.targets):
        # "arrived in Baghdad's Green Zone for a visit to Iraq", "arrived in Mecca, Saudi Arabia": the state visited
        places = [finder.index.doc[t.token] for t in frame.targets] or [t for t, _ in prep_objects(head, match.target_preps)]
        visited = visited_state(head, places[0], finder.index) if places else None
        frame.targets = [Argument(visited[0], visited[1], "visit")] if visited is not None else frame.targets
