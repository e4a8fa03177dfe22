"""What "it"/"its" and a quoted "we"/"I" stand for as an event's actor.

Written for the eventwire project (issue 13).

**We and I.** Inside a quotation, "I/me/my" is its speaker and "we/us/our" the body the speaker
speaks for: the code a person carries is that body's (AUSGOV for a minister), so the actor keeps the
code and drops the person's name (:func:`first_person`). A speaker coded by country only gives
nothing (draw A: 25 of 174 quotes with a first-person pronoun had one; letting their "I" through
added 6 events on draws B and C, none right with both codes).

**It and its.** Much "it" in news is no actor: a thing acted on ("the
tank ... it was attacked", "opponents criticised it"), or a thing doing ("the plane ... before it took
off", "bird flu ... it could harm"). Off the gold, "it" read as the nearest singular mention before it
was mostly wrong (bench/realnews_pronouns.py --offgold). So (:func:`neuter_reading`):

* a passive or object "it" is no actor;
* the subject of a predication ("it's absolute nonsense", "it's a great idea") is the matter just
  named, and keeps the nearest mention before it, as a possessive "its" does ("ties with Iran over
  its crackdown") -- except "its" in a phrase fronted before its sentence's subject ("During its
  campaign the LRA has been accused"), which looks ahead to that subject (cataphora,
  :func:`fronted_possessor`);
* a subject "it" that does something is the nearest subject before it that could be an "it" (people
  and plurals are passed over: "Asked what Russia must do, the President said that it must ..."), in
  its own sentence or the one before, when a coded non-person mention covers that subject -- a
  subject that is a thing ("the plane", "bird flu") stops the search and gives nothing
  (:func:`subject_antecedent`); with no subject there but an "it" of the same line before it ("The
  alliance created a forum. It has a task force. It accuses ..."), that one's reading.

**A run of "they".** "They said ... They blame Bush": a subject "they" whose window holds no plural
mention continues the subject "they" before it, which a reader takes for the same group
(:func:`chained_plural`); not through an object or a possessive ("telling them they are").

**A bare number.** "151 deputies supported Schröder, 296 voted against him": a number standing as
a subject with its noun left out counts the group a parallel subject of its sentence names
(:func:`counted_group`). A quantifier or number subject whose noun is left out and named nowhere
near ("Many blamed Musharraf", "The four urged the committee"), and a noun that only counts people
("Thousands marched", "hundreds of thousands rallied"), still counts people who act: it is the
source as written, unresolved (:func:`elliptical_group`).

The reporting speaker ("France said it will send troops") is read before this, in
:class:`eventwire.events.mentions.ActorIndex`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.events.syntax_lists import in_list
from eventwire.records import Actor

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Token

    ActorOf = Callable[[Token], Actor | None]

__all__ = ["FIRST_PERSON", "NEUTER_PRONOUNS", "PLURAL_PRONOUNS", "PLURAL_TAGS", "RELATIVE", "SUBJECT_DEPS",
           "counted_group", "elliptical_group", "first_person", "fronted_possessor", "neuter_reading",
           "chained_plural", "previous_plural_pronoun", "previous_sentence_start", "read_as", "subject_antecedent"]

# pronouns of the speaker's own voice: inside a quotation, "we" and "I" are its speaker
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "myself", "ourselves"})
_FIRST_PERSON_PLURAL = frozenset({"we", "us", "our", "ourselves"})

NEUTER_PRONOUNS = frozenset({"it", "its", "itself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
RELATIVE = frozenset({"which", "that", "who"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# words before an elliptical quantifier that belong to its span ("The four", "almost all")
_QUANTIFIER_DEPS = frozenset({"det", "advmod", "quantmod", "amod", "nummod"})
# children of a verb that make its subject the subject of a predication, not a doer: "it is
# nonsense", "it was a mistake", "should it prove necessary"
_PREDICATE_DEPS = frozenset({"acomp", "attr", "oprd"})


def read_as(actor: Actor, token: Token) -> Actor:
    """``actor`` reported under the pronoun ``token``'s own text and offsets, coded by coreference
    (docs/annotation.md: the pronoun is the span, with the code of whom it refers to)."""
    return replace(actor, text=token.text, start=token.idx, end=token.idx + len(token.text), code_source="coref")


def first_person(token: Token, speaker: Actor | None) -> Actor | None:
    """The quoted first-person pronoun ``token`` as an actor, under its own text and offsets: the
    speaker for "I", the speaker's body for "we" (the person's code, no name; an IGO or NGO code is
    an organisation, any other a state's agent). None for an uncoded speaker, a state ("We ...,"
    Japan said: the quote is attributed too loosely) and a speaker coded by country only (mostly an
    unknown person the article's country was given: off the gold, their "I" events were wrong)."""
    if speaker is None or speaker.code is None or speaker.kind == "state" or len(speaker.code) <= 3:
        return None
    plural = token.lower_ in _FIRST_PERSON_PLURAL
    voice = read_as(speaker, token)
    if not plural or speaker.kind != "person":
        return voice
    return replace(voice, name=None, kind="igo" if speaker.code[:3] in ("IGO", "NGO") else "agent")


def counted_group(token: Token, covering: ActorOf) -> Actor | None:
    """The coded group a bare number subject counts (see the module docstring), under the number's
    own text and offsets; ``covering`` gives the mention covering a token. None when no parallel
    subject "N <plural noun>" of the sentence is a coded group, and for a number that is no subject or
    heads its own phrase ("one of the aircraft" is a partitive, read by the caller)."""
    if token.dep_ not in SUBJECT_DEPS or any(c.dep_ == "prep" or c.pos_ in ("NOUN", "PROPN") for c in token.children):
        return None
    for other in token.sent:
        noun = other.head
        if other.dep_ != "nummod" or other is token or noun.dep_ not in SUBJECT_DEPS or noun.tag_ not in PLURAL_TAGS:
            continue
        group = covering(noun)
        if group is not None and group.code is not None and group.kind != "person":
            return read_as(group, token)
    return None


def elliptical_group(token: Token) -> Actor | None:
    """"Many blamed Musharraf", "The four urged the committee": a quantifier or number (no noun: a
    pronoun, determiner, adjective or numeral tag) standing as the active subject of a verb, with no
    noun, name or prepositional phrase of its own, is a group of people whose noun is left out; only
    people act, so it is the source, as written and unresolved (code None: who they are is not
    said). A noun of ``crowd_counts`` is such a quantifier too, with a count of its own ("hundreds of
    thousands", "tens of thousands", whether parsed as an "of" phrase or as modifiers). Its determiner and quantifier words belong to the span ("The four", "Several"); None
    otherwise ("some of the leaders" is read through its "of" phrase, "Some were killed" is passive)."""
    counted = in_list(token, "crowd_counts")  # "Thousands marched", "hundreds of thousands rallied"
    if token.dep_ != "nsubj" or (token.pos_ in ("NOUN", "PROPN") and not counted):
        return None
    end = token.i
    for child in token.children:
        if counted and child.dep_ == "prep" and child.lower_ == "of" and all(
                in_list(c, "crowd_counts") for c in child.children):  # a count of a count: still no noun
            end = max(end, child.right_edge.i)
        elif counted and child.dep_ == "quantmod" and (child.lower_ == "of" or in_list(child, "crowd_counts")):
            continue  # "Tens of thousands" parsed as two modifiers of "thousands": a count, no noun
        elif child.pos_ in ("NOUN", "PROPN") or child.dep_ == "prep":
            return None
    start = min((c.left_edge.i for c in token.lefts if c.dep_ in _QUANTIFIER_DEPS), default=token.i)
    span = token.doc[start:end + 1]
    return Actor(text=span.text, start=span.start_char, end=span.end_char, code=None)


def neuter_reading(token: Token) -> str | None:
    """How "it"/"its" is read: None (no actor), ``"subject"`` (the subject line, see
    :func:`subject_antecedent`) or ``"nearest"`` (the nearest fitting mention before it).

    A passive "it" is a thing acted on ("it was attacked", "it is opposed by unions", "it is expected
    that"); an object "it" the thing just named ("criticised it", "signed it into law"): no actor.
    The subject of a predication ("as for the council banning the flag, it's nonsense", "I think
    it's a great idea") is the matter just named, which the nearest mention stands for, as is a
    possessive "its" ("ties with Iran over its crackdown"). A subject "it" that does something
    follows the subject line."""
    lower = token.lower_
    if lower == "its":
        return "nearest"
    if lower not in NEUTER_PRONOUNS or token.dep_ == "nsubjpass" or token.dep_ != "nsubj" and lower == "it":
        return None
    head = token.head
    if head.lemma_ == "be" or any(c.dep_ in _PREDICATE_DEPS for c in head.children):
        return "nearest"
    return "subject"


def fronted_possessor(token: Token, actor_of: ActorOf) -> Actor | None:
    """"During its campaign the LRA has been accused": a possessive "its" in a phrase fronted before
    its sentence's subject stands for that subject (cataphora) -- the coded organisation or state
    there, else None; ``actor_of`` gives the actor a noun stands for (its mention or an inner one)."""
    ahead = _fronted_subject(token) if token.lower_ == "its" else None
    return _organisation(actor_of(ahead), ahead) if ahead is not None else None


def previous_sentence_start(token: Token) -> int:
    """The first token of the sentence before the token's own (its own in the first sentence): how far
    back a pronoun's antecedent is looked for."""
    start = token.sent.start
    return token.doc[start - 1].sent.start if start > 0 else start


def previous_plural_pronoun(token: Token) -> Token | None:
    """"They said ... They blame ...": the nearest plural pronoun before a subject "they", in its
    sentence or the one before, when that one is a subject too -- the group a run of subjects keeps
    talking about; None otherwise. An object or possessive between ("telling them they are",
    "criticised the answers to their questions") is as often another group: no chain through it."""
    if token.dep_ not in SUBJECT_DEPS:
        return None
    doc = token.doc
    for k in range(token.i - 1, previous_sentence_start(token) - 1, -1):
        if doc[k].lower_ in PLURAL_PRONOUNS:
            return doc[k] if doc[k].dep_ in SUBJECT_DEPS else None
    return None


def chained_plural(token: Token, actor_of: ActorOf) -> Actor | None:
    """"They said that ... They blame Bush": a subject "they" with no fitting mention in its window (the
    caller's search came back empty) continues the subject "they" before it (:func:`previous_plural_pronoun`):
    that one's coded reading, itself perhaps through the chain, under this pronoun's text and offsets.
    On the train even half this found 2 right events, no wrong one."""
    earlier = previous_plural_pronoun(token) if token.lower_ in PLURAL_PRONOUNS else None
    found = actor_of(earlier) if earlier is not None else None
    if found is None or found.code is None:
        return None
    return read_as(found, token)


def subject_antecedent(token: Token, actor_of: ActorOf) -> Actor | None:
    """The coded organisation or state "it" refers to along the subject line (see the module
    docstring), or None; ``actor_of`` gives the actor a noun stands for ("The Syrian army command says
    it ...": the army, an inner mention). One in an
    earlier sentence is reported under the pronoun's own text and offsets."""
    sent = token.sent
    doc = token.doc
    earlier_it: Token | None = None
    for k in range(token.i - 1, previous_sentence_start(token) - 1, -1):
        candidate = doc[k]
        if candidate.dep_ not in SUBJECT_DEPS:
            continue
        if candidate.lower_ in NEUTER_PRONOUNS or candidate.lower_ in RELATIVE:
            if earlier_it is None and candidate.lower_ == "it" and neuter_reading(candidate) == "subject":
                earlier_it = candidate
            continue  # "it ... and it", "the body, which ...": the same referent, further back
        actor = actor_of(candidate)
        if candidate.pos_ == "PRON" or candidate.tag_ in PLURAL_TAGS or candidate.ent_type_ == "PERSON" or \
                actor is not None and actor.kind == "person" and actor.start <= candidate.idx < actor.end:
            continue  # "the President said that it must": a person or a plural is never "it"
        found = _organisation(actor, candidate)
        if found is not None and found.start < sent.start_char:  # reported as written, like "they"
            return read_as(found, token)
        return found
    # "The alliance created a forum. It has a task force. It accuses ...": no subject but the "it"
    # before it in the window; that one's reading along its own window, as a run of "they" is read
    found = _organisation(actor_of(earlier_it), earlier_it) if earlier_it is not None else None
    return read_as(found, token) if found is not None else None


def _fronted_subject(token: Token) -> Token | None:
    """The subject of the sentence's main verb when the possessive ``token`` stands before it, in a
    phrase hung on that verb ("During its campaign the LRA has been accused"), not inside the subject."""
    root = token.sent.root
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.left_edge.i <= token.i <= subject.right_edge.i or subject.i < token.i:
        return None
    return subject


def _organisation(actor: Actor | None, head: Token) -> Actor | None:
    """The mention, when it is a coded organisation, group or state named in the singular."""
    if actor is None or actor.code is None or actor.kind == "person" or head.tag_ in PLURAL_TAGS:
        return None
    return actor
