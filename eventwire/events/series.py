"""Verbs in a series that the parser read as modifiers of a noun.

"Police raided homes, arrested activists, seized computers and shut down newspapers" lists four acts
of the police, but spaCy often reads a past-tense verb that follows a comma as a participle: an
adjective of the next noun ("the constitution, *dissolved* parliament, arrested ...": ``amod``, the
noun hung on the object before as its apposition, or even as the subject of the next verb:
"dissolved Parliament, banned protests") or a reduced relative on the object before ("homes,
*arrested* activists": ``acl``). A participle used as an adjective describes ("the detained
journalist") and is no event (see :meth:`eventwire.events.lexicon.Lexicon.match`); in a series it is
the next finite verb of the subject's clause.

English marks the series, and each condition below is one of its marks, so that a real modifier
("the convoy, armoured vehicles ..."; "homes searched by police") is left alone:

- the verb is no participle of a person's standing ("the leader, *accused* rebels and their families,
  and released the others" describes whom was detained: ``status_participles`` in
  ``data/events/syntax.yaml``);
- the verb stands right after a comma, first in its phrase (no determiner before it: "the detained
  journalist" is a noun phrase), with the past tense's form: a ``VBD``, or a ``VBN`` on ``-ed``, where
  the two forms are one ("arrested"; not "taken", which cannot be finite);
- the phrase before the comma is the object of a verb of the same past tense (the governing verb);
- the series goes on after it: the governing verb has a verb conjunct further right ("..., seized
  computers and shut down newspapers"), or the noun the parser hung on the participle is the subject
  of that conjunct;
- the verb has a patient of its own: the noun it modifies (``amod``) or its direct object (``acl``);
  a reduced relative without an object ("homes, searched by police,") is a modifier.

The series verb's subject is the governing verb's (:func:`eventwire.events.clauses.clause_subjects`)
and its object the noun it was read as modifying; a verb conjunct whose subject the parser took from
the series ("dissolved Parliament, banned protests": not Parliament's ban) takes the governing
verb's subject too.

A series or number of things as a verb's object ("signed a series of accords") is read through to
the things counted (:func:`counted_objects`), as the lexicon's object specs name them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from eventwire.events.syntax_lists import in_list

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["SeriesVerb", "series_verb", "series_object", "misread_series_subject", "counted_objects"]

# dependency labels of a participle the parser read as a modifier of a noun
MODIFIER_DEPS = frozenset({"amod", "acl"})
# how the modified noun may hang on the object before the comma, or on the next verb of the series
NOUN_ATTACHMENTS = frozenset({"appos", "conj", "nsubj"})
PAST_TAGS = frozenset({"VBD", "VBN"})
OBJECT_DEPS = frozenset({"dobj", "obj"})


class SeriesVerb(NamedTuple):
    """A verb of a series: the verb of the series whose subject it shares (the one whose object the
    parser hung it on, or the next one), and the series verb's patient."""

    governor: Token
    patient: Token


def _past_form(verb: Token) -> bool:
    """A finite past tense could stand here: a VBD, or a participle identical to the past ("-ed")."""
    return verb.pos_ == "VERB" and (verb.tag_ == "VBD" or (verb.tag_ == "VBN" and verb.lower_.endswith("ed")))


def _after_comma(verb: Token) -> bool:
    return verb.i > 0 and verb.doc[verb.i - 1].text == ","


def _governing_verb(noun: Token) -> Token | None:
    """The past-tense verb whose object a noun is, or is in apposition or coordination with."""
    node = noun
    while node.dep_ in ("appos", "conj") and node.head.i != node.i and node.head.pos_ != "VERB":
        node = node.head
    verb = node.head
    if node.dep_ in OBJECT_DEPS and verb.pos_ == "VERB" and verb.tag_ in PAST_TAGS:
        return verb
    return None


def _continues(governor: Token, after: Token) -> bool:
    """The governing verb has a verb conjunct to the right of ``after``: the series goes on."""
    return any(c.dep_ == "conj" and c.pos_ == "VERB" and c.i > after.i for c in governor.children)


def series_verb(verb: Token) -> SeriesVerb | None:
    """The governing verb and the patient of a series verb the parser read as a modifier; else None."""
    if verb.dep_ not in MODIFIER_DEPS or not _past_form(verb) or not _after_comma(verb):
        return None
    if verb.dep_ == "amod" and in_list(verb, "status_participles"):
        return None  # "two men, suspected militants, and ...": a description of the object before
    noun = verb.head
    if verb.dep_ == "acl":
        # "raided homes, arrested activists": hung on the object before, its own object the patient
        patient = next((c for c in verb.children if c.dep_ in OBJECT_DEPS), None)
        governor = _governing_verb(noun)
        if patient is None or governor is None or not _continues(governor, verb):
            return None
        return SeriesVerb(governor, patient)
    if verb.i != noun.left_edge.i or noun.dep_ not in NOUN_ATTACHMENTS:
        return None  # "the detained journalist": a noun phrase of its own
    if noun.dep_ == "nsubj":
        # "suspended the Constitution, dissolved Parliament, banned protests": the next verb of the
        # series took the patient as its subject (:func:`misread_series_subject`) and continues the
        # series; that verb, whose subject is the series' own, lends it
        following = noun.head
        if following.dep_ != "conj" or following.pos_ != "VERB" or following.i < noun.i or following.head.i > verb.i:
            return None
        return SeriesVerb(following, noun) if following.tag_ in PAST_TAGS else None
    governor = _governing_verb(noun)
    if governor is None or not _continues(governor, verb):
        return None
    return SeriesVerb(governor, noun)


def series_object(verb: Token) -> list[Token]:
    """The patient of a series verb read as an adjective (``amod``): the noun it modifies, which is
    no child of the verb; empty for any other verb (an ``acl`` series verb keeps its own object)."""
    found = series_verb(verb) if verb.dep_ == "amod" else None
    return [found.patient] if found is not None else []


def misread_series_subject(subject: Token) -> bool:
    """Whether a clause's subject is the patient of a series verb the parser read as its adjective
    ("dissolved Parliament, banned protests"): the clause then borrows the series' subject."""
    return any(c.dep_ == "amod" and series_verb(c) is not None for c in subject.lefts)


def counted_objects(objects: list[Token]) -> list[Token]:
    """The nouns counted by quantity heads among a verb's objects: "expressed a number of concerns"
    voices concerns and "signed a series of accords" signs accords, but the parser makes the quantity
    ("number", "series": ``quantity_heads`` in ``data/events/syntax.yaml``) the object, which no
    ``objects`` spec of a lexicon rule names. The counted noun is the "of" object below it."""
    return [noun for head in objects if head.pos_ == "NOUN" and in_list(head, "quantity_heads")
            for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
            for noun in prep.children if noun.dep_ == "pobj"]
