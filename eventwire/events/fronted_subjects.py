"""Subjects the parser hung inside a phrase fronted before them.

English closes a fronted adverbial with a comma and starts the subject after it ("On Monday, Smith
met ..."). The small parser often runs the subject into the fronted phrase instead: as part of a
date name ("On Monday Smith will meet"), as an apposition of a date ("During a summit on Saturday,
November 10, the King of Spain told"), or as an apposition or conjunct of the phrase's last noun
("Out of the meeting with Andrei Stratan, Lazar Comanescu also held talks"; "In Helmand, coalition
and Afghan troops led by the U.S. clashed with ..."). The finite verb is then left without a subject,
and :func:`fronted_subject` gives it back the noun the parser took from it. When the parser instead
ends the fronted phrase early and makes its last name the subject, with the real subject beside it
("According to a council member, David Franczyk, the police force is staging"),
:func:`attribution_apposition` finds the real one.

An -ing verb takes its doer right before it, without a preposition ("evidence of the government
offering to help"), and an -ing form right before a plural noun may be an adjective of that noun
("founded by protesting sheep shearers"). The parser reads the first as a noun modified by its subject
("government" a compound of "offering") and the second as a gerund with its object ("by protesting
[the shearers]"). Either way the verb is left without a subject, and :func:`gerund_subject` gives it
back the noun that does it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.coordination import NOMINAL_POS
from eventwire.events.people_doers import names_people
from eventwire.events.syntax_lists import in_list
from eventwire.nlp import DATE_ENTITY_LABELS, PLACE_ENTITY_LABELS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["fronted_subject", "attribution_apposition", "gerund_subject", "participle_noun"]

# dependents of the verb that may stand between its subject and it ("Smith also met", "has met")
BETWEEN_DEPS = frozenset({"advmod", "neg", "aux", "punct"})
# names that cannot restate a place set before them ("In his visit to Saudi Arabia, Iran's President
# Mahmoud Ahmadinejad met ...": the parser's apposition of the place is the subject)
AGENT_ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP"})
# dependencies of an -ing verb the parser read as a noun: the object of a preposition or a verb
NOUN_POSITIONS = frozenset({"pobj", "dobj"})
# dependencies by which a noun modifies the -ing form after it ("the government offering")
MODIFIER_DEPS = frozenset({"compound", "nmod"})
# modifiers that may stand between an -ing adjective and its bare noun ("protesting sheep shearers");
# a determiner or possessor there makes the noun an object ("by protesting the decision")
BARE_PHRASE_DEPS = frozenset({"amod", "compound", "nmod", "nummod"})


def fronted_subject(verb: Token) -> Token | None:
    """The subject of a finite main verb that has none in the parse, recovered from a prepositional
    phrase fronted before it; None when there is no such phrase or subject. A comma-joined subject
    is taken for an active verb only: a passive's lost subject would be its patient, not its doer. An
    -ing form read into a noun phrase gets back the noun that does it (:func:`gerund_subject`)."""
    gerund = gerund_subject(verb)  # "evidence of the government offering to help", "by protesting farmers"
    if gerund is not None:
        return gerund
    finite = verb.tag_ in ("VBD", "VBZ", "VBP") or any(c.dep_ == "aux" for c in verb.children)
    if not finite or verb.dep_ not in ("ROOT", "conj", "ccomp"):
        return None
    active = not any(c.dep_ == "auxpass" for c in verb.children)
    for prep in verb.lefts:
        if prep.dep_ != "prep":
            continue
        found = _date_fused_subject(prep) or _date_apposed_subject(prep, verb) or \
            (_comma_joined_subject(prep, verb) if active else None)
        if found is not None:
            return found
    return None


def _date_fused_subject(prep: Token) -> Token | None:
    """"On Monday Smith will meet ...": without a comma the parser reads "Monday Smith" as one name, the
    object of "On". A name in a fronted time phrase whose own modifier is the date is the subject."""
    for name in prep.children:
        if name.dep_ == "pobj" and name.pos_ == "PROPN" and name.ent_type_ != "DATE" and any(
                c.dep_ == "compound" and c.ent_type_ in DATE_ENTITY_LABELS for c in name.lefts):
            return name
    return None


def _date_apposed_subject(prep: Token, verb: Token) -> Token | None:
    """"During a summit on Saturday, November 10, the King of Spain, Juan Carlos I, told ...": the
    parser sets the subject beside the fronted date as its apposition. A noun in apposition to a date
    that is no date itself, and whose phrase runs up to the verb, is the verb's subject."""
    for date in prep.subtree:
        if date.dep_ != "pobj" or date.ent_type_ not in DATE_ENTITY_LABELS:
            continue
        beside = [c for c in date.children if c.dep_ == "appos" and c.i > date.i]
        named = [c for c in beside if c.ent_type_ not in DATE_ENTITY_LABELS and c.pos_ in NOMINAL_POS]
        if named and all(t.is_punct for t in verb.doc[beside[-1].right_edge.i + 1:verb.i]):
            return named[0]
    return None


def _comma_joined_subject(prep: Token, verb: Token) -> Token | None:
    """"Out of the meeting with Andrei Stratan, Lazar Comanescu also held talks", "In Helmand, coalition
    and Afghan troops led by the U.S. clashed": the parser makes the subject an apposition or a
    conjunct of a noun in the fronted phrase. When the phrase runs on to the verb, the first noun
    phrase in it that a comma opens is the subject: the comma closes the fronted adverbial. Only a
    conjunct unlike its head is taken (troops joined to a place): one of the same kind continues a
    list inside the phrase ("In Lyon, Nantes and Lille"). A determined common noun in apposition
    ("with Stratan, the foreign minister,") or one set beside a place ("In Kabul, the capital,")
    restates the noun before it, and is passed over; a person's or body's name beside a place does not
    ("In his visit to Saudi Arabia, Iran's President Mahmoud Ahmadinejad met King Abdullah")."""
    doc = verb.doc
    if not all(t.head.i == verb.i and t.dep_ in BETWEEN_DEPS for t in doc[prep.right_edge.i + 1:verb.i]):
        return None
    for noun in prep.subtree:
        if noun.dep_ not in ("appos", "conj") or noun.pos_ not in NOMINAL_POS or noun.ent_type_ in DATE_ENTITY_LABELS \
                or noun.left_edge.i == 0 or doc[noun.left_edge.i - 1].text != ",":
            continue
        if noun.dep_ == "conj" and noun.ent_type_ == noun.head.ent_type_:
            return None  # a list of like things inside the phrase ("In Lyon, Nantes and Lille")
        restating = noun.pos_ == "NOUN" and any(c.dep_ in ("det", "poss") for c in noun.children)
        beside_place = noun.head.ent_type_ in PLACE_ENTITY_LABELS and noun.ent_type_ not in AGENT_ENTITY_LABELS
        if noun.dep_ == "appos" and (restating or beside_place):
            continue  # it restates the place or noun before it ("In Kabul, the capital, ..."; not a person's name)
        return noun
    return None


def _runs_to(noun: Token, verb: Token) -> bool:
    """Nothing but the verb's own adverbs and auxiliaries stands between a noun phrase and the verb."""
    return all(t.dep_ in BETWEEN_DEPS and t.text != "," for t in noun.doc[noun.right_edge.i + 1:verb.i])


def attribution_apposition(subject: Token, verb: Token) -> Token | None:
    """"According to one council member, David Franczyk, the city police force is staging a sickout":
    the parser ends the fronted phrase before the name that closes it, reads the name as the subject
    and the real subject as its apposition. An apposition no comma closes before its verb (a true one
    is closed: "Smith, a farmer, was arrested"), after a subject that starts right where a phrase fronted
    before the verb ends, is the subject; None otherwise."""
    doc = subject.doc
    fronted = [c for c in verb.children if c.dep_ in ("prep", "advcl") and c.i < subject.i]
    if not any(c.right_edge.i + 1 == subject.left_edge.i for c in fronted):
        return None
    apposed = [c for c in subject.children if c.dep_ == "appos" and c.i > subject.i]
    if not apposed or apposed[-1].left_edge.i < 1 or doc[apposed[-1].left_edge.i - 1].text != ",":
        return None
    return apposed[-1] if _runs_to(apposed[-1], verb) else None


def gerund_subject(verb: Token) -> Token | None:
    """The doer of a subjectless -ing verb read into a noun phrase, or None."""
    if verb.tag_ != "VBG":
        return None
    return _modifier_subject(verb) or participle_noun(verb)


def _modifier_subject(verb: Token) -> Token | None:
    """"evidence of the Venezuelan government offering to help": an -ing form in a noun's position whose
    compound modifier, a name or a noun right before it, is its subject."""
    if verb.dep_ not in NOUN_POSITIONS or verb.i == 0:
        return None
    before = verb.doc[verb.i - 1]
    if before.head.i != verb.i or before.dep_ not in MODIFIER_DEPS or before.pos_ not in NOMINAL_POS:
        return None
    return before


def participle_noun(verb: Token) -> Token | None:
    """"was founded by protesting sheep shearers": the parser makes the -ing form the gerund of a
    passive's ``by`` and the bare plural noun after it its object. A passive's ``by`` names who did
    the act, so the -ing form is an adjective of that noun, and the noun is the one doing it. A
    determiner before the noun ("by protesting the decision"), a singular one, or one that names no
    people ("blocked by delaying votes") keeps the gerund."""
    by = verb.head
    if verb.dep_ != "pcomp" or by.dep_ != "agent":
        return None
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if len(objects) != 1 or len(list(verb.children)) != 1:
        return None
    noun = objects[0]
    plural = noun.tag_ in ("NNS", "NNPS")
    tight = all(t.head.i == noun.i and t.dep_ in BARE_PHRASE_DEPS for t in verb.doc[verb.i + 1:noun.i])
    people = names_people(noun) or in_list(noun, "institutional_heads")
    return noun if plural and tight and people else None
