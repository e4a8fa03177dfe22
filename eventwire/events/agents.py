"""Doers the sentence names another way: the agent of an agentless passive, and the author of a
statement or document that speaks for it.

- "Thaksin was deposed in a military coup", "four men were killed in a police action": a passive
  without a ``by`` phrase is done by the agent of the event noun it happens in (its actor modifier,
  possessor or ``by`` phrase; a coup is the military's). With no such phrase the passive is not coded
  (docs/annotation.md rule 4). A passive of harm with an adverbial clause of the same moment whose
  verb is an act of force ("were shot dead as police quelled a demonstration") was done by that
  clause's subject.
- "rejected the bill", "welcomed the decision", "protested the arrest of Granda": a product named
  as a target stands for its maker: an actor in its phrase ("Schröder's reforms", "the reforms
  Schröder introduced", "a motion by the Liberals"), else the maker named where the text mentioned
  it before (:mod:`eventwire.events.producers`), else, for the nouns of ``product_nouns``, the
  government of the country the article is mostly about; a made noun of producers.yaml with no maker
  named is no target. The argument keeps the product's span.
- "fans clashed with militiamen", "opponents charged that ...": a group of people named by a common
  noun the dictionaries do not know belongs to the country the article is about (docs/annotation.md:
  a generic agent takes its country from the text), unless marked as foreign ("foreign troops").
- "The statement also went on to accuse the United States", "the measure also expressed regret": a
  document is the voice of its issuer, the subject of the verb that issued it ("North Korea issued a
  statement"), an actor inside its phrase ("a note released by the FARC", "letters to the editor from
  students": named as the author, even uncoded), the actor that moved it
  earlier in the paragraph, or its maker named before (events.producers: "The claim ..."). The argument keeps the document's own span and takes the issuer's code.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.actors.article import OWNER_PARTICIPLES, context_words
from eventwire.events.admissible import INDEFINITE_DETERMINERS, is_product_noun
from eventwire.events.clauses import OBJECT_DEPS, SUBJECT_DEPS, VERBISH, clause_subjects
from eventwire.events.control import UNREALIZED
from eventwire.events.frames import Argument
from eventwire.events.harmed_parties import opened_by
from eventwire.events.lexicon import lexicon_in_use
from eventwire.events.mentions import RELATIVE_PRONOUNS, in_list, noun_phrase_bounds, syntax_words
from eventwire.events.nominal_args import relative_doers, stray_agents
from eventwire.events.phrases import prep_objects, support_verb
from eventwire.events.producers import earlier_maker, is_made_noun, unmade
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from eventwire.events.mentions import ActorIndex

__all__ = ["implied_agent", "clause_doer", "document_issuer", "weapon_owner", "act_doer", "product_maker", "made_target", "of_the_article",
           "visited_state", "judged_product"]

# prepositions that put a passive inside the event that did it ("in a military coup", "during the
# raid", "in a police operation")
IMPLIED_AGENT_PREPS = ("in", "during", "through")
# marks of an adverbial clause of the same moment, whose subject may be the doer of an agentless
# passive of harm ("were shot dead as police quelled a demonstration"): see clause_doer
CLAUSE_DOER_MARKS = frozenset({"as", "when", "while", "before"})
# CAMEO roots of acts of force (coerce, assault, fight, mass violence)
FORCE_ROOTS = frozenset({"17", "18", "19", "20"})
# entity types of a name that makes or owns the noun it modifies ("the Supreme Court decision")
MAKER_ENTITIES = frozenset({"ORG", "PERSON", "NORP", "GPE"})
# sentences back from a document subject in which its issuing verb is looked for
ISSUER_WINDOW = 3
# prepositions of a document's phrase whose object may carry its author's "from" or "by" phrase
ISSUER_NESTING_PREPS = ("to", "including")


def _mention_actor(index: ActorIndex, token: Token) -> Actor | None:
    return index.covering(token) or index.actor_for(token, allow_unresolved=False)


def implied_agent(head: Token, index: ActorIndex) -> tuple[Actor, int] | None:
    """The agent of an agentless passive named by the event noun it happened in: (actor, token)."""
    words = syntax_words()
    # coordinated passives share an adjunct at the end ("were killed and six arrested in a police action")
    verbs = [head, *(c for c in head.children if c.dep_ == "conj" and c.pos_ in VERBISH)]
    if head.dep_ == "conj" and head.head.pos_ in VERBISH:
        verbs.append(head.head)
    verbs += [c for v in verbs for c in v.children if c.dep_ in ("aux", "auxpass")]  # "During X, Y was banned"
    nouns = [noun for verb in verbs for noun, _ in prep_objects(verb, IMPLIED_AGENT_PREPS)]
    for noun in nouns:
        if not (in_list(noun, "agentive_event_nouns") or _borrowed_event_phrase(noun)):
            continue
        for child in noun.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod"):
                actor = _mention_actor(index, child)
                if actor is not None:
                    return actor, child.i
                if child.lemma_.lower() in words["agent_modifiers"] or child.lower_ in words["agent_modifiers"]:
                    return Actor(text=child.text, start=child.idx, end=child.idx + len(child.text), kind="agent"), child.i
        for agent, _ in prep_objects(noun, ("by",)) + _setting_doers(noun):
            actor = _mention_actor(index, agent) or index.unresolved(agent, as_source=True)
            if actor is not None:
                return actor, agent.i
        if in_list(noun, "military_event_nouns"):
            start, end = noun_phrase_bounds(noun)
            span = index.doc[start:end]
            return Actor(text=span.text, start=span.start_char, end=span.end_char, kind="agent", sector="MIL"), noun.i
    return None


def _setting_doers(noun: Token) -> list[tuple[Token, str]]:
    """"were wounded in the attack, in which two attackers drove a lorry into the station": a relative
    clause set *in* the event noun ("in which", "during which") whose verb acts on something names the
    ones carrying the event out as its subject. Not an intransitive clause ("in which two soldiers
    died": those it befell) nor a passive one."""
    out: list[tuple[Token, str]] = []
    for clause in (c for c in noun.children if c.dep_ == "relcl" and c.pos_ in VERBISH):
        setting = any(p.dep_ == "prep" and any(w.lower_ in RELATIVE_PRONOUNS for w in p.children) for p in clause.children)
        acting = any(c.dep_ in OBJECT_DEPS for c in clause.children)
        if setting and acting:
            out += [(c, "setting-clause-subject") for c in clause.children if c.dep_ == "nsubj"]
    return out


def clause_doer(head: Token, index: ActorIndex) -> tuple[Actor, int] | None:
    """The agent of an agentless passive of harm that an adverbial clause of time names doing force at
    that moment: "three people were shot dead as police quelled a demonstration", "was shot before the
    bomber blew himself up". The clause's subject is acting by force right then, and the passive names
    no one else: it did the harm. Only when the clause's verb is itself a trigger of force (coerce,
    assault, fight, mass violence), so "was killed as the troops withdrew" names no doer. Coordinated
    passives share the clause ("were killed and two others injured when insurgents opened fire")."""
    # coordinated passives share a clause at the end ("were killed and two others injured when
    # insurgents opened fire": the parser hangs it on the last verb)
    verbs = [head, *(c for c in head.children if c.dep_ == "conj" and c.pos_ in VERBISH)]
    for clause in (c for verb in verbs for c in verb.children):
        if not opened_by(clause, CLAUSE_DOER_MARKS):
            continue
        if not any(m.cameo[:2] in FORCE_ROOTS for m in lexicon_in_use().match(clause)):
            continue
        for subject in (c for c in clause.children if c.dep_ == "nsubj"):
            actor = _mention_actor(index, subject) or index.unresolved(subject, as_source=True)
            if actor is not None:
                return actor, subject.i
    return None


def _borrowed_event_phrase(noun: Token) -> bool:
    """"a military coup d'état": the parser heads a borrowed phrase on its last, foreign word, with the
    event noun as its compound."""
    return any(c.dep_ == "compound" and "FW" in (c.tag_, noun.tag_) and in_list(c, "agentive_event_nouns")
               for c in noun.children)


def document_issuer(token: Token, index: ActorIndex) -> Actor | None:
    """For a document noun as a subject ("The statement ... accused"): an actor with the document's
    span and its issuer's code, or None when no issuer is named."""
    if not (in_list(token, "document_nouns") or is_made_noun(token)) or token.pos_ not in ("NOUN", "PROPN"):
        return None
    inside = _issuer_inside(token, index)  # named as the author: kept even uncoded ("letters from students")
    issuer = inside or _issuer_before(token, index) or earlier_maker(token, index)  # "The claim ...": who made it before
    if issuer is None or (issuer is not inside and issuer.code is None and issuer.country is None):
        return None
    start, end = noun_phrase_bounds(token)
    span = index.doc[start:end]
    return replace(issuer, text=span.text, start=span.start_char, end=span.end_char, code_source="coref")


def _issuer_inside(token: Token, index: ActorIndex) -> Actor | None:
    """"a note released by the FARC", "the FARC's statement", "a statement from the ministry"."""
    for child in token.children:
        if child.dep_ == "poss":
            found = _mention_actor(index, child)
            if found is not None:
                return found
        if child.dep_ == "acl" and child.tag_ == "VBN":
            for agent, _ in prep_objects(child, ("by",)):
                found = _mention_actor(index, agent)
                if found is not None:
                    return found
    # "letters to the editor from students", "letters, including those from alumni": the parser hangs the
    # author's "from" on the noun of the phrase before it
    nested = [t for between, _ in prep_objects(token, ISSUER_NESTING_PREPS) for t, _ in prep_objects(between, ("by", "from"))]
    for inner in [t for t, _ in prep_objects(token, ("by", "from", "of"))] + nested:
        found = _mention_actor(index, inner)
        if found is not None:
            return found
    return None


def _issuer_before(token: Token, index: ActorIndex) -> Actor | None:
    """The subject of an issuing verb whose object is the same kind of document, in this sentence or
    the ISSUER_WINDOW - 1 before it ("North Korea issued a statement ... The statement accused")."""
    doc = index.doc
    sent = token.sent
    first = sent.start
    for _ in range(ISSUER_WINDOW - 1):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    for i in range(token.i - 1, first - 1, -1):
        noun = doc[i]
        if noun.dep_ not in OBJECT_DEPS or not in_list(noun, "document_nouns"):
            continue
        verb = noun.head
        if verb.pos_ in VERBISH and in_list(verb, "owner_verbs"):
            for child in verb.children:
                if child.dep_ in SUBJECT_DEPS:
                    found = _mention_actor(index, child)
                    if found is not None:
                        return found
    return None


def weapon_owner(token: Token, index: ActorIndex) -> Actor | None:
    """The actor behind a weapon or strike as a subject ("the missiles fired by the Israeli military
    struck ...", "Hezbollah's rockets hit ..."): its possessor or the agent of its participle; None
    for a weapon with no owner named (it is then no actor at all)."""
    if not (in_list(token, "non_actor_nouns") or in_list(token, "weapon_event_nouns")):
        return None
    return _issuer_inside(token, index)


def act_doer(token: Token, index: ActorIndex) -> Actor | None:
    """The doer of an act of violence as a subject ("a suicide attack by Islamic State militants killed
    eight officers", "an ambush carried out by the rebels killed"): its "by" agent, on the noun or on
    its participle, or the subject of a relative clause that carries it out ("the attack that the rebels
    launched killed", :func:`eventwire.events.nominal_args.relative_doers`); never its "of" phrase or possessor, which name whom it was done to ("the killing
    of two soldiers", "Calipari's murder")."""
    if not in_list(token, "harm_act_nouns") or token.pos_ not in ("NOUN", "PROPN"):
        return None
    carriers = [token, *(c for c in token.children if c.dep_ == "acl" and c.tag_ == "VBN")]
    agents = [agent for carrier in carriers for agent, _ in prep_objects(carrier, ("by",))]
    agents += [t for t, _ in relative_doers(token)]  # "the attack that the rebels launched killed"
    for agent in agents + _support_subjects(token):  # "Hamas launched an attack that killed five"
        doer = _mention_actor(index, agent)
        if doer is not None:
            return doer
    return None


def _support_subjects(act: Token) -> list[Token]:
    """The subject of the support verb that carries an act of violence as its object ("Hamas launched
    an attack that killed five soldiers", "the armed forces led a coup which deposed the president"):
    the act read back from its relative clause is theirs; not one asked for ("urged X to launch")."""
    support = support_verb(act, syntax_words())
    if support is None or act.dep_ not in OBJECT_DEPS:
        return []
    subjects, how = clause_subjects(support)
    return [] if how == UNREALIZED else subjects


def product_maker(token: Token, index: ActorIndex, *, judged: bool = False) -> Actor | None:
    """For a product or an act done to someone, as a target ("rejected the bill", "protested the
    arrest of Granda"): an actor with the product's span and its maker's code, or None when the token
    is no such noun or no maker can be told. ``judged``: the target of a verb judging it, for which
    an act of violence stands for its doer too ("condemned the attack")."""
    guessable = in_list(token, "product_nouns") or in_list(token, "patient_nouns")
    # an act of violence judged ("condemned the Israeli attack on Gaza"): never guessed; an adjective
    # of nationality names its doer
    harm = judged and in_list(token, "harm_act_nouns")
    if token.pos_ not in ("NOUN", "PROPN") or not (guessable or harm or is_made_noun(token)):
        return None
    # a name inside the product's own name ("The Comprehensive Immigration Reform Bill") is no maker
    names = [] if token.ent_type_ else [
        c for c in token.lefts if c.dep_ in (("compound", "nmod", "amod") if harm else ("compound", "nmod"))
        and c.ent_type_ in MAKER_ENTITIES]
    maker = next((a for c in names for a in [_mention_actor(index, c)] if a is not None and a.code), None)
    if maker is None and names:
        return None  # "the Supreme Court decision": its maker is named but not known; no guess
    maker = maker or _maker_inside(token, index) or (_stray_doer(token, index) if harm else None) \
        or earlier_maker(token, index)
    if maker is None or (maker.code is None and maker.country is None):
        country = index.main_country()
        if country is None or not guessable or _introduced(token):
            # a new made noun ("the donation") is coded only when its maker is named; so is a product the
            # sentence brings in ("proposed a bill", "voted against a bill"): not one the government made
            return None
        maker = Actor(text="", start=0, end=0, code=f"{country}GOV", country=country, sector="GOV", kind="agent",
                      role_source="dictionary", code_source="context")
    start, end = noun_phrase_bounds(token)
    span = index.doc[start:end]
    return replace(maker, text=span.text, start=span.start_char, end=span.end_char,
                   code_source=maker.code_source or "coref")


def _introduced(token: Token) -> bool:
    """An indefinite noun ("a bill", "another motion") brings a new thing into the text: no maker named
    before stands behind it. One with an "of" phrase ("a spate of arrests") carries what that names."""
    if not any(c.dep_ == "det" and c.lower_ in INDEFINITE_DETERMINERS for c in token.children):
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


def judged_harm_spans(head: Token) -> list[tuple[int, int]]:
    """Character ranges of the acts of violence a judging verb takes as object or prepositional object
    ("condemned the attack on Israel", "protested against the killing of civilians"): whoever they name
    besides their doer is a victim, never the judging's target."""
    preps = [c.lower_ for c in head.children if c.dep_ == "prep"]
    nouns = [c for c in head.children if c.dep_ in OBJECT_DEPS] + [t for t, _ in prep_objects(head, tuple(preps))]
    doc = head.doc
    return [(doc[n.left_edge.i].idx, doc[n.right_edge.i].idx + len(doc[n.right_edge.i])) for n in nouns
            if in_list(n, "harm_act_nouns")]


def _stray_doer(token: Token, index: ActorIndex) -> Actor | None:
    """"condemned the rocket attack on Israel by Hamas": the parser hangs the act's ``by`` phrase on
    the verb that judges it (:func:`eventwire.events.nominal_args.stray_agents`)."""
    found = (_mention_actor(index, t) for t, _ in stray_agents(token))
    return next((a for a in found if a is not None and a.code), None)


def _maker_inside(token: Token, index: ActorIndex) -> Actor | None:
    """"Schröder's reforms", "the reforms Schröder introduced", "a motion introduced by X"; for an act
    done to someone ("the arrest of Granda") the "of" phrase is the patient and is skipped."""
    for child in token.children:
        if child.dep_ == "poss":
            found = _mention_actor(index, child)
            if found is not None:
                return found
        if child.dep_ in ("relcl", "acl"):
            for grand in child.children:
                if grand.dep_ in SUBJECT_DEPS or (grand.dep_ == "agent" and grand.lower_ == "by"):
                    subject = grand if grand.dep_ in SUBJECT_DEPS else next(
                        (g for g in grand.children if g.dep_ == "pobj"), None)
                    found = _mention_actor(index, subject) if subject is not None else None
                    if found is not None and found.code:
                        return found
            for agent, _ in prep_objects(child, ("by",)):
                found = _mention_actor(index, agent)
                if found is not None:
                    return found
    preps = ("by", "from") if in_list(token, "patient_nouns") or in_list(token, "harm_act_nouns") else ("by", "from", "of")
    for inner, _ in prep_objects(token, preps):
        found = _mention_actor(index, inner)
        if found is not None and found.code:
            return found
    return None


def of_the_article(actor: Actor, doc: Doc, country: str | None) -> Actor:
    """An uncoded group of people named by a common noun ("fans", "senior members", "the station"),
    given ``country`` (the article's) as a bare country code with ``code_source`` context; other
    actors unchanged. Done once the event is decided, so that confidence still sees it uncoded."""
    if country is None or actor.code is not None or actor.country is not None or actor.kind == "person":
        return actor
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or not len(span):
        return actor
    head = span.root
    if span.end < len(doc) and doc[span.end].lower_ == "from":
        return actor  # "lawmakers from 46 European countries": their origin is stated, not the article's
    crowd = in_list(head, "crowd_counts")  # "hundreds of thousands demonstrated": people, not a number
    if head.pos_ != "NOUN" or (head.ent_type_ and not crowd) or _foreign(doc, span.start) or _named_maker(head):
        return actor  # "the Supreme Court decision" is the court's, which no dictionary codes here
    if (in_list(head, "product_nouns") or in_list(head, "patient_nouns")) and not _introduced(head):
        # "FARC claims the arrest is illegal": an act or product no maker is named for is the
        # government's, as product_maker codes it (docs/annotation.md: a target named by its product)
        return replace(actor, code=f"{country}GOV", country=country, sector="GOV", code_source="context")
    if not _people(head):
        return actor
    # an implied agent keeps the sector its event noun says ("during the coup" -> the military)
    return replace(actor, code=f"{country}{actor.sector or ''}", country=country, code_source="context")


# word lists of weapons, objects and places: a noun in one names no group of people. Event nouns
# and documents are left to stand for their doers, as coders read them ("other protests were broken
# up", "the station was raided")
_THING_LISTS = ("non_actor_nouns", "place_nouns")


def _named_maker(head: Token) -> bool:
    """A name modifies the noun ("the Supreme Court decision" is the court's)."""
    return any(c.dep_ in ("compound", "nmod") and c.ent_type_ in MAKER_ENTITIES for c in head.lefts)


def _people(head: Token) -> bool:
    """A noun that no list calls a weapon, an object or a place ("fans", "senior members", "the
    station")."""
    return not any(in_list(head, name) for name in _THING_LISTS)


def _foreign(doc: Doc, start: int) -> bool:
    """"foreign troops", "international observers", "Kurdish-led forces": someone else's."""
    words = context_words()
    before = [doc[k].lower_ for k in range(max(0, start - 2), start)]
    return any(w in words.foreign or w in OWNER_PARTICIPLES for w in before) or any(
        t.lower_ in words.foreign for t in doc[start:start + 2])


def visited_state(verb: Token, place: Token, index: ActorIndex) -> tuple[Actor, int] | None:
    """A visit whose target is a place no one codes ("arrived in Baghdad's Green Zone for a visit to
    Iraq", "visited the Western Wall in Jerusalem") is a visit to the state the sentence names for it:
    a "visit to X" phrase of the verb, else the place's owner, the town it is in or the state set after
    it as its address ("arrived in Mecca, Saudi Arabia"): (actor, token)."""
    for noun, _ in prep_objects(verb, ("for", "on", "during")):
        for state, _ in prep_objects(noun, ("to",)):
            found = index.actor_for(state, allow_unresolved=False)
            if found is not None and found.country:
                return found, state.i
    owners = [c for c in place.children if c.dep_ in ("poss", "appos")] + [t for t, _ in prep_objects(place, ("in",))]
    owners += _address_state(verb, place)
    for owner in owners:
        found = index.actor_for(owner, allow_unresolved=False)
        if found is not None and found.country:
            return found, owner.i
    return None


def _address_state(verb: Token, place: Token) -> list[Token]:
    """"arrived in Mecca, Saudi Arabia": the parser may hang the state of a "town, state" address on the
    verb (as a bare noun phrase) rather than on the town; the noun phrase right after the town's comma."""
    doc = verb.doc
    after = place.right_edge.i + 1
    if after + 1 >= len(doc) or doc[after].text != ",":
        return []
    return [c for c in verb.children if c.dep_ == "npadvmod" and c.left_edge.i == after + 1]


def made_target(doc: Doc, arg: Argument, index: ActorIndex) -> Argument | None:
    """A target that is a product ("rejected the bill") as its maker (:func:`product_maker`); a made noun
    whose maker no one names ("welcomed the explanation") is no target at all, never a guess."""
    if arg.actor.code is not None:
        return arg
    token = doc[arg.token]
    made = product_maker(token, index)
    if made is None and (unmade(token) or in_list(token, "harm_act_nouns")) and arg.actor.start <= token.idx < arg.actor.end:
        return None  # "condemned the attack on Israel", no attacker named: no target (never the victim)
    return replace(arg, actor=made) if made is not None else arg


def judged_product(index: ActorIndex, sent: Span, token: Token, via: str) -> Argument | None:
    """A product judged through a preposition or as a passive's patient stands for its maker, as a
    judged direct object does ("rejected the bill"; docs/annotation.md): the maker's code when it
    can be told (:func:`product_maker`), else the product's phrase unresolved, which
    :func:`eventwire.events.admissible.admitted_candidate` keeps for a judging type."""
    if not (sent.start <= token.i < sent.end) or not (is_product_noun(token) or is_made_noun(token)):
        return None
    made = product_maker(token, index)
    if made is None and not unmade(token):  # a made noun with no maker named is no target
        made = index.unresolved(token, any_head=True)
    return Argument(made, token.i, f"product-{via}") if made is not None else None
