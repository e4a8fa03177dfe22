"""Subjects of clauses in the dependency parse, including borrowed ones.

A verb without its own subject borrows one: from the controlling verb ("agreed to restart": the
subject of *agree*; "urged Y to leave": the object Y; "is willing to withdraw"), from the first of
coordinated verbs, or through a relative clause to its antecedent. A conjunct verb that spaCy hangs
inside a relative clause but whose tense or agreement does not fit the relative pronoun's antecedent
belongs to the main clause ("Russia routed troops who tried ... and has blocked ...": Russia blocked).
A clausal complement of a verb of saying keeps its own subject: the speaker is never lent. Which
nouns share a subject's role ("NATO and Russia", "Reinado, along with another attacker") is read by
:mod:`eventwire.events.coordination`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events import passive_adjuncts
from eventwire.events.animacy import asked_act, to_infinitive
from eventwire.events.control import UNREALIZED, called_on, charged_object, control_kind, controlled_subject
from eventwire.events.coordination import (
    NOMINAL_POS,
    is_accompanying,
    titles_before_names,
    titles_of_one_person,
    with_conjuncts,
)
from eventwire.events.fronted_subjects import attribution_apposition, fronted_subject
from eventwire.events.mentions import RELATIVE_PRONOUNS, in_list, noun_owners
from eventwire.events.passive_adjuncts import achievement_copula, owner_agents, passive_adjunct_doer
from eventwire.events.series import misread_series_subject, series_verb

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["clause_subjects", "clause_verb", "identifying_attributes", "is_accompanying", "misread_finite", "stranded_conjunct_subjects", "with_conjuncts", "VERBISH", "NOMINAL_POS", "SUBJECT_DEPS", "OBJECT_DEPS", "PASSIVE_DEPS", "UNREALIZED"]

VERBISH = frozenset({"VERB", "AUX"})
SUBJECT_DEPS = frozenset({"nsubj"})
OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "iobj"})
# a verb with any of these dependents is passive: its subject undergoes the act
PASSIVE_DEPS = frozenset({"auxpass", "nsubjpass", "agent"})
# "accused Y of attacking": the object of these prepositions' verb is the doer of the gerund
OBJECT_PCOMP_PREPS = frozenset({"of", "for", "into"})  # "pressured X into signing": X signs
MAX_DEPTH = 6
# auxiliaries of the perfect and the passive, which the parser may cut from their participle
PERFECT_AUXILIARIES = frozenset({"have", "be"})
# the syntax lists of verbs a speaker does by speaking: a second verb of the speaker's after a report
SPEAKING_LISTS = ("reporting_verbs", "speech_verbs", "judging_speech_verbs")
# prepositions of time: a participle after one ("after speaking with the juror") is done by whoever
# does the clause it is set in, even when the parser hangs it on a subjectless verb lower down
TEMPORAL_PREPS = frozenset({"after", "before", "while", "when", "since", "upon", "on"})
# prepositions whose gerund a passive clause's subject does ("Iran was punished for supporting X",
# "was sacked after defying"); not "from" ("was barred from entering": kept from it) nor "without"
PASSIVE_ADJUNCT_PREPS = frozenset({"for", "of", "into", "after", "before", "while", "since", "upon", "on", "with"})
def _finite_form(verb: Token) -> str:
    """The tag carrying tense/agreement: the first auxiliary's, else the verb's own."""
    for child in verb.lefts:
        if child.dep_ in ("aux", "auxpass"):
            return child.tag_
    return verb.tag_


def _antecedent_is_plural(antecedent: Token) -> bool:
    return antecedent.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in antecedent.children)


def _fits_relative(conjunct: Token, relcl_verb: Token) -> bool:
    """Whether a verb coordinated with a relative clause's verb can share its relative subject."""
    antecedent = relcl_verb.head
    form = _finite_form(conjunct)
    plural = _antecedent_is_plural(antecedent)
    if (form == "VBZ" and plural) or (form == "VBP" and not plural):
        return False
    relcl_form = _finite_form(relcl_verb)
    # a switch from simple past to a present (perfect) marks a new clause of the main subject
    return not (relcl_form == "VBD" and form in ("VBZ", "VBP"))


def _voice_breaks(conjunct: Token, first: Token) -> bool:
    """Whether a conjunct verb without a subject of its own is active while the first conjunct is a
    passive with its own patient: an active verb with an object or a preposition of its own."""
    passive_first = any(c.dep_ == "nsubjpass" for c in first.children) and any(c.dep_ == "auxpass" for c in first.children)
    own = {c.dep_ for c in conjunct.children}
    # a bare participle after a passive is passive too ("were attacked and routed in Syria") unless
    # it takes an object or a clause of its own; a past tense form needs only a preposition
    needs = {"dobj", "ccomp", "xcomp"} if conjunct.tag_ == "VBN" else {"dobj", "prep", "ccomp", "xcomp"}
    active = not own & PASSIVE_DEPS and conjunct.tag_ in ("VBD", "VBN", "VBZ", "VBP") \
        and bool(own & needs) and not any(c.dep_ == "prep" and c.lower_ == "by" for c in conjunct.children)
    return passive_first and active


def _continued_relative(conjunct: Token, first: Token) -> Token | None:
    """"Thaksin was removed by the military who cancelled the elections, suspended the Constitution
    and arrested Cabinet members": the parser joins the later verbs of the relative clause to the
    passive main verb. An active conjunct cannot share the passive's patient (:func:`_voice_breaks`);
    when the passive's agent has a relative clause of the same tense before the conjunct, the conjunct
    continues it, and its subject is the agent."""
    if not _voice_breaks(conjunct, first):
        return None
    for agent in (p for c in first.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"):
        for relative in agent.children:
            if relative.dep_ == "relcl" and relative.i < conjunct.i and _has_relative_subject(relative) \
                    and _finite_form(relative) == _finite_form(conjunct):
                return agent
    return None


def _continued_report(conjunct: Token, first: Token) -> Token | None:
    """"Chaindrawa states that Saakashvili tried to close a TV station, declared a state of emergency
    and committed fraud": the parser joins the later verbs of the reported clause to the verb of
    saying. A conjunct in another tense than the verb of saying, and in the tense of the reported
    clause before it, continues that clause: the clause's verb, whose subject it shares."""
    tense = _finite_form(conjunct)
    if tense == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in conjunct.children):
        tense = "VBD"  # "..., and arrested journalists": the tagger reads a past after "and" as a participle
    if not in_list(first, "reporting_verbs") or tense == _finite_form(first):
        return None
    reported = [c for c in first.children if c.dep_ == "ccomp" and c.i < conjunct.i
                and any(s.dep_ in SUBJECT_DEPS for s in c.children)]
    if not reported or _finite_form(reported[-1]) != tense:
        return None
    return reported[-1]


def _speakers_conjunct(conjunct: Token, first: Token) -> Token | None:
    """"Ahmadinejad said the soldiers had violated Iranian territory and praised the coast guards": the
    parser joins the speaker's second verb to the reported clause. A conjunct in the simple form and
    tense of the verb of saying (no auxiliary, tagged finite), after a reported verb in a compound
    tense the verb of saying does not share (a perfect or progressive, backshifted by the report),
    is the speaker's when it is itself an act of speaking (praising, urging, denying): the verb of
    saying, whose subject it takes. None otherwise ("said the bomb exploded and killed five": one
    tense; "said the rebels had attacked the village and killed ten": no act of speaking)."""
    saying = first.head
    if first.dep_ != "ccomp" or saying.pos_ not in VERBISH or not in_list(saying, "reporting_verbs"):
        return None
    if conjunct.tag_ not in ("VBD", "VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") for c in conjunct.children):
        return None
    if not any(in_list(conjunct, name) for name in SPEAKING_LISTS):
        return None  # "said the rebels had attacked the village and killed ten": the report goes on
    compound = any(c.dep_ == "aux" and c.lemma_ in PERFECT_AUXILIARIES for c in first.children) \
        and first.tag_ in ("VBN", "VBG")
    if not compound or any(c.dep_ in ("aux", "auxpass") for c in saying.children):
        return None
    return saying if _finite_form(conjunct) == saying.tag_ else None


def clause_verb(token: Token, steps: int = MAX_DEPTH * 2) -> Token | None:
    """The nearest verb at or above a token, within ``steps`` heads."""
    node = token
    for _ in range(steps):
        if node.pos_ in VERBISH:
            return node
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def clause_subjects(verb: Token, depth: int = 0) -> tuple[list[Token], str]:
    """Subject tokens of a verb, borrowed through control, coordination and relative clauses."""
    if depth > MAX_DEPTH:
        return [], ""
    series = series_verb(verb)
    if series is not None:  # "raided homes, arrested activists": the parser's participle is a verb of a series
        tokens, how = clause_subjects(series.governor, depth + 1)
        return tokens, _kept(how, "coordination" if tokens else how)
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and not misread_series_subject(child):
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                # with the parties "along with" joins to the pronoun ("X, who along with Y attacked")
                return [*with_conjuncts(verb.head), *with_conjuncts(child)[1:]], "relative"
            return _subject_parties(child, verb), (UNREALIZED if asked_act(verb) else "subject")  # "demanded X leave"
    if any(child.dep_ in ("nsubjpass", "csubj", "expl") for child in verb.children):
        return [], ""
    doer = passive_adjunct_doer(verb)  # "were arrested whilst protesting": a passive has no subject to lend
    if doer is not None:
        return with_conjuncts(doer), "adjunct"
    copula = achievement_copula(verb)  # "has been successful in fighting extremists"
    if copula is not None:
        tokens, how = clause_subjects(copula, depth + 1)
        return tokens, _kept(how, "adjunct")
    dep = verb.dep_
    head = verb.head
    if dep == "conj" and head.pos_ in VERBISH:
        first = head
        while first.dep_ == "conj" and first.head.pos_ in VERBISH:
            first = first.head
        if first.dep_ == "relcl" and _has_relative_subject(first) and not _fits_relative(verb, first):
            governor = clause_verb(first.head)
            if governor is not None:
                tokens, _ = clause_subjects(governor, depth + 1)
                return tokens, "main-clause"
        if first.dep_ in ("advcl", "relcl") and _voice_breaks(verb, first):
            # "He recalled the occasions when the Bundestag was dissolved and agreed with the
            # chancellor": an active verb cannot share a subordinate passive's patient; the parser
            # joined it to the wrong clause, and it continues the main one
            governor = clause_verb(first.head)
            if governor is not None:
                tokens, _ = clause_subjects(governor, depth + 1)
                return tokens, "main-clause"
        continued = _continued_relative(verb, first)
        if continued is not None:
            return with_conjuncts(continued), "relative"
        reported = _continued_report(verb, first)
        if reported is not None:
            return clause_subjects(reported, depth + 1)
        speaker_verb = _speakers_conjunct(verb, first)
        if speaker_verb is not None:
            tokens, how = clause_subjects(speaker_verb, depth + 1)
            return tokens, _kept(how, "coordination" if tokens else how)
        tokens, how = clause_subjects(first, depth + 1)
        return tokens, _kept(how, "coordination" if tokens else how)
    if dep == "relcl" and head.pos_ in NOMINAL_POS:
        return [head], "relative"
    if dep == "conj" and head.pos_ == "ADJ":
        return clause_subjects(head, depth + 1)  # "is critical of X and opposed to Y"
    if dep == "acomp" and verb.pos_ == "ADJ" and head.pos_ in VERBISH and in_list(head, "copulas"):
        # "the council is opposed to the plan": a predicate adjective is said of the copula's subject
        # (a participle there is a passive the parser missed: "they were armed with grenades")
        tokens, how = clause_subjects(head, depth + 1)
        return tokens, _kept(how, "subject")
    for aux in verb.lefts:
        if aux.dep_ in ("aux", "auxpass"):
            for child in aux.children:
                if child.dep_ in SUBJECT_DEPS:  # "Russia has, in recent weeks, criticized": hung on "has"
                    return _subject_parties(child, verb), "subject"
    participle = verb.tag_ == "VBN" or (verb.tag_ == "VBD" and head.lemma_ == "have")
    if dep == "dep" and participle and head.lemma_ in PERFECT_AUXILIARIES and head.i < verb.i \
            and not any(c.dep_ in OBJECT_DEPS for c in head.children):
        # "We have, in a number of ways, strongly urged the leaders": an aside cuts the perfect
        # auxiliary from its participle, and the parser reads "have" as the main verb
        tokens, how = clause_subjects(head, depth + 1)
        return tokens, _kept(how, "subject")
    if misread_finite(verb):  # "Khodorkovsky, a former oil tycoon, called for sanctions against ..."
        return _subject_parties(head, verb), "subject"
    if dep == "acl" and head.pos_ in NOMINAL_POS:
        return _noun_owner(verb, head, depth)
    if dep == "ccomp" and head.pos_ in VERBISH and verb.tag_ == "VB" and not _has_mark(verb) \
            and not any(c.dep_ == "aux" for c in verb.children) and not in_list(head, "reporting_verbs"):
        # a bare complement is controlled like an infinitive ("let free the prisoners", "helped
        # rebuild"); spaCy labels it ccomp. A quoted imperative under a verb of saying is not.
        tokens, how = clause_subjects(head, depth + 1)
        return tokens, _kept(how, "control")
    if dep == "xcomp" and head.pos_ == "ADJ" and head.dep_ == "acomp" and head.head.pos_ in VERBISH:
        tokens, how = clause_subjects(head.head, depth + 1)  # "is willing to withdraw"
        return tokens, _kept(how, "control")
    if dep == "xcomp" and head.pos_ in VERBISH:
        if verb.tag_ == "VBG" and in_list(head, "proposal_verbs"):
            # "recommended removing all U.S. troops": an act proposed, by whoever would do it
            tokens, _ = clause_subjects(head, depth + 1)
            return tokens, UNREALIZED
        controlled = controlled_subject(verb, head)  # "urged Y to leave", "Y was forced to", "Y is expected to"
        if controlled is not None:
            return controlled
        tokens, how = clause_subjects(head, depth + 1)
        return tokens, _kept(how, "control")
    charged = charged_object(verb)  # "accused the military of seizing": "of" hung on the one charged
    if charged is not None:
        return with_conjuncts(charged), control_kind(charged.head)
    if dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ in VERBISH:
        governor = head.head
        objects = [c for c in governor.children if c.dep_ in OBJECT_DEPS]
        if head.lower_ in OBJECT_PCOMP_PREPS and objects:
            return with_conjuncts(objects[0]), control_kind(governor)
        patients = [c for c in governor.children if c.dep_ == "nsubjpass"]
        if patients and head.lower_ in PASSIVE_ADJUNCT_PREPS and any(c.dep_ in OBJECT_DEPS for c in verb.children):
            # the surface subject controls an adjunct's gerund, in the passive as in the active ("Iran
            # was punished for supporting X"); one accused or urged is alleged or asked to act, unless
            # the act dates the clause ("was condemned after attacking": it attacked). Only a gerund with
            # its object: without one it may be passive ("was found dead hours before questioning")
            alleged = control_kind(governor) == UNREALIZED and head.lower_ not in TEMPORAL_PREPS
            return with_conjuncts(patients[0]), (UNREALIZED if alleged else "adjunct")
        tokens, how = clause_subjects(governor, depth + 1)
        if governor.dep_ == "acomp" and head.lower_ not in TEMPORAL_PREPS:
            # "the party is opposed to recognizing the crimes", "critical of holding talks": an
            # attitude towards an act, which is not reported done
            return tokens, UNREALIZED
        if not tokens and head.lower_ in TEMPORAL_PREPS and governor.dep_ == "acl":
            # "denied the request to dismiss the juror after speaking with him": the parser hangs the
            # time adjunct on the noun's infinitive; the one who speaks is the clause's subject
            above = clause_verb(governor.head)
            if above is not None:
                tokens, how = clause_subjects(above, depth + 1)
        return tokens, _kept(how, "adjunct")
    if dep == "advcl" and verb.tag_ == "VBN" and (any(c.dep_ == "auxpass" for c in verb.children)
                                                  or not any(c.dep_ == "aux" for c in verb.children)):
        # "When asked why he was dismissed, X stated", "Elected in 2004, X ...", "X tried Hamdan, once
        # being appealed to the Supreme Court": a bare or "being" past participle is passive, and the
        # main subject undergoes it; the asker is not named ("having attacked" is active)
        return [], ""
    if dep == "advcl" and head.pos_ in VERBISH and not _has_mark(verb) and verb.tag_ in ("VBG", "VBN"):
        # "..., alluding to fears": a participle shares the main subject; a finite verb without a
        # subject here is a misparse ("the deal struck on Corfu"), not a second clause of the subject
        tokens, how = clause_subjects(head, depth + 1)
        return tokens, _kept(how, "adjunct")  # an adjunct of an act only asked for is asked for too
    if dep == "advcl" and head.pos_ in VERBISH and verb.tag_ == "VB" and not _has_mark(verb) \
            and to_infinitive(verb):
        # "The statement also went on to accuse X", "sent troops to protect": an infinitive of
        # purpose or sequel is done by the main subject; the object of a verb of object control
        # ("recruits Belgians to commit attacks", which the parser reads as purpose) does it
        objects = [c for c in head.children if c.dep_ in OBJECT_DEPS] or called_on(head)  # "called on Y to"
        if objects and in_list(head, "object_control"):
            return with_conjuncts(objects[0]), control_kind(head)
        tokens, how = clause_subjects(head, depth + 1)
        return tokens, _kept(how, "adjunct")  # an adjunct of an act only asked for is asked for too
    fronted = fronted_subject(verb)  # "On Monday Smith will meet", "In Helmand, coalition and Afghan troops clashed"
    if fronted is not None:
        return with_conjuncts(fronted), "subject"
    return [], ""


def misread_finite(verb: Token) -> bool:
    """A sentence's main verb that the parser read as a participle modifying the subject, which it
    made the root ("Mikhail Khodorkovsky, a former oil tycoon, called for sanctions"): a past tense, or
    a verb with a direct object, hung on a root noun before it. Not a headline's passive ("Three
    soldiers killed in attack": a bare participle)."""
    head = verb.head
    if verb.dep_ != "acl" or head.dep_ != "ROOT" or head.pos_ not in NOMINAL_POS or verb.i < head.i:
        return False
    own = {c.dep_ for c in verb.children}
    return not own & PASSIVE_DEPS and (verb.tag_ == "VBD" or bool(own & OBJECT_DEPS))


def _subject_parties(subject: Token, verb: Token) -> list[Token]:
    """The parties a clause's subject names (:func:`with_conjuncts`, lists included), less a fronted
    source the parser ran into it and titles coordinated before the name of the one person they describe."""
    apposed = attribution_apposition(subject, verb)  # "According to a member, Smith, the police are"
    members = with_conjuncts(apposed if apposed is not None else subject, lists=True)
    if len(members) < 2:
        return members
    return _fronted_attribution(members, verb) or titles_of_one_person(members, _singular_agreement(verb)) \
        or titles_before_names(members)


def _singular_agreement(verb: Token) -> bool:
    """The verb, or a subjectless verb coordinated with it, is in the singular present ("wants")."""
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ in VERBISH
                     and not any(g.dep_ in SUBJECT_DEPS for g in c.children))]
    return any(_finite_form(v) == "VBZ" for v in verbs)


def _fronted_attribution(members: list[Token], verb: Token) -> list[Token]:
    """"According to a report from the British newspaper The Sun, Al-Qaeda members have issued": the
    parser reads the fronted phrase's last name as the subject and the real subject, after a comma and
    no conjunction, as its conjunct. The subject then starts where a phrase of the verb before it
    ends: the members after the first; else empty."""
    first, second, doc = members[0], members[1], verb.doc
    fronted = [c for c in verb.children if c.dep_ in ("prep", "advcl") and c.i < first.i]
    if not any(c.right_edge.i + 1 == first.left_edge.i for c in fronted):
        return []
    gap = doc[first.i:second.left_edge.i]
    if second.dep_ != "conj" or second.head.i != first.i or any(c.dep_ == "cc" for c in first.children) or \
            not any(t.text == "," for t in gap) or any(t.dep_ == "cc" for t in gap):
        return []
    return members[1:]


def stranded_conjunct_subjects(head: Token) -> list[tuple[Token, str]]:
    """"He agreed that the loss was genuine and urged the citizens to vote": the parser joins the
    second verb to the complement clause, whose subject names no actor. The verb then continues
    the governing clause, and takes its subject; not under a verb of saying, whose complement
    stays the speaker's report ("said the bomb exploded and killed five")."""
    first = head
    while first.dep_ == "conj" and first.head.pos_ in VERBISH:
        first = first.head
    governor = first.head
    if first.dep_ != "ccomp" or governor.pos_ not in VERBISH or in_list(governor, "reporting_verbs"):
        return []
    subjects, how = clause_subjects(governor)
    if how == UNREALIZED:
        return []
    return [(t, "main-clause") for t in subjects]


def identifying_attributes(subject: Token) -> list[Token]:
    """The actors a copula equates with a subject noun: "Countries expected to contribute troops are
    France, Italy and Spain", "those who voted against were the Greens". The copula is the subject's
    own verb or, in the parser's slip, a subjectless conjunct of it."""
    verb = subject.head
    if subject.dep_ not in SUBJECT_DEPS or verb.pos_ not in VERBISH:
        return []
    copulas = [verb] if in_list(verb, "copulas") else []
    copulas += [c for c in verb.children if c.dep_ == "conj" and c.lemma_.lower() == "be"
                and not any(g.dep_ in SUBJECT_DEPS for g in c.children)]
    for copula in copulas:
        attributes = [c for c in copula.children if c.dep_ == "attr" and c.pos_ in NOMINAL_POS]
        if attributes:
            return with_conjuncts(attributes[0], lists=True)
    return []


def _kept(inner: str, own: str) -> str:
    """How a borrowed subject is labelled: an act inside an act asked for or alleged is itself only
    asked for ("asked the US to cease torturing and mistreating detainees": no one mistreats here)."""
    return UNREALIZED if inner == UNREALIZED else own


def _noun_owner(verb: Token, noun: Token, depth: int) -> tuple[list[Token], str]:
    """The subject of a clause attached to a noun, when the noun speaks or acts for someone: a
    document's participle clause ("released a statement criticising X", "a lawsuit accusing X") is its
    author's act, an intention's infinitive ("its commitment to support X") its owner's. Other nouns
    do their own clause ("a man carrying weapons") and are left to the caller."""
    infinitive = to_infinitive(verb)
    if verb.tag_ == "VBG" and in_list(noun, "document_nouns"):
        how = "document-author"
    elif infinitive and in_list(noun, "intention_nouns"):
        how = "intention-owner"
    else:
        return [], ""
    owners = noun_owners(noun) or _agent_phrase(noun) or owner_agents(noun)  # or "... were made by X"
    if owners:
        # "its commitment to", "a United Nations plan to", "an attempt by protesters to storm"
        return with_conjuncts(owners[0]), how
    if noun.dep_ in OBJECT_DEPS and noun.head.pos_ in VERBISH and in_list(noun.head, "owner_verbs") \
            and not passive_adjuncts.given_chance(noun):  # "announced a plan"; not "disrupted a plan", "gave X a chance"
        tokens, _ = clause_subjects(noun.head, depth + 1)
        return tokens, (how if tokens else "")
    pursuer = _pursuing_verb(noun) if how == "intention-owner" else None
    if pursuer is not None:
        # "will press on with plans to withdraw its troops": the plan pursued is the subject's own
        tokens, _ = clause_subjects(pursuer, depth + 1)
        return tokens, (how if tokens else "")
    return [], ""


def _pursuing_verb(noun: Token) -> Token | None:
    """The verb of carrying on ("pursuit_verbs") whose "with" phrase holds a noun, hung on the verb or
    on its particle ("pressed ahead with", "went ahead with")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ != "with":
        return None
    verb = prep.head.head if prep.head.dep_ in ("advmod", "prt") else prep.head
    return verb if verb.pos_ in VERBISH and in_list(verb, "pursuit_verbs") else None


def _agent_phrase(noun: Token) -> list[Token]:
    """The doer a nominalisation names in its "by" phrase ("a bid by the rebels to seize the town",
    "a report by Amnesty accusing X"): the agent of the noun, as the possessor is ("the rebels' bid")."""
    return [obj for prep in noun.children if prep.dep_ == "prep" and prep.lower_ == "by"
            for obj in prep.children if obj.dep_ == "pobj"]


def _has_relative_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS and c.lower_ in RELATIVE_PRONOUNS for c in verb.children)


def _has_mark(verb: Token) -> bool:
    """A subordinate clause with its own conjunction ("if", "because") does not share a subject."""
    return any(c.dep_ == "mark" for c in verb.children)
