"""Who does the act of an infinitive that its governing verb controls, when it is not the governor's subject.

Split from :mod:`eventwire.events.clauses` (which asks it first for every ``xcomp``):

- **object control**: in "X urged Y to leave" or "X called on Y to stop", Y is the subject of the
  infinitive (``object_control`` in ``data/events/syntax.yaml``);
- **a subject given by "for"**: in "X asked for Y to co-operate with Z" or "X called for Y to withdraw",
  English marks the infinitive's own subject with "for", whatever the governing verb: Y co-operates;
- **the passive of a control or raising verb**: the passive's surface subject is the infinitive's
  subject, whatever the active verb's own subject would have been. "Y was forced to resign" (Y
  resigns), "Y is expected to meet Z", "Y is believed to have killed Z", "Y is reported to be sending
  troops" (the raising verbs, ``raising_passives``): Y meets, kills, sends. A news report states these
  as the act, predicted or reported by others (docs/annotation.md rule 8: "is expected to contribute
  troops" is coded, ``future``); the modes come from the governor as for any control verb. Without
  this the infinitive borrowed the passive verb's subject, which it does not have, and lost its source.

A passive of an asking or alleging verb ("Y was urged to leave") keeps the asked-for act unrealised,
as the active does.

- **a gerund charged on an object noun**: in "accused the military of seizing his property" the parser
  may hang "of" on the object noun instead of the verb; the one charged still does the act
  (:func:`charged_object`, asked by clauses.clause_subjects), as when "of" hangs on the verb;
- **an infinitive of a copula with a passive sense** (``patient_infinitives``): in "Y is to blame for
  the violence" Y is blamed, not blaming; the one who blames is whoever says so, the subject of the
  verb of saying whose clause it is ("the minister said Y was to blame": the minister; none when
  nobody says it) (:func:`copula_patients`, read by events.verbal_frame).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.coordination import with_conjuncts
from eventwire.events.mentions import RELATIVE_PRONOUNS
from eventwire.events.syntax_lists import in_list

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["ADDRESS_PREPS", "UNREALIZED", "called_on", "charged_holder", "charged_object", "control_kind", "controlled_subject",
           "copula_patients", "for_subject"]

# how a subject borrowed from the object of an asking or alleging verb is labelled
UNREALIZED = "unrealized-control"
# prepositions of the party an object-control verb addresses ("called on X to", "appealed to X to")
ADDRESS_PREPS = frozenset({"on", "upon", "to"})
_OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "iobj"})
# how the one charged hangs on the verb of charging when the parser hangs the charge's "of" on it
CHARGED_HOLDER_DEPS = frozenset({"dobj", "obj"})
# the preposition that gives an infinitive its own subject ("asked for Y to act")
SUBJECT_PREP = "for"
# how a clause hangs on the verb of saying that reports it ("said Y was to blame", "Y is to blame, he said")
_REPORTED_DEPS = frozenset({"ccomp", "parataxis"})


def called_on(verb: Token) -> list[Token]:
    """The object of "on"/"upon"/"to" that an object-control verb addresses when it takes no direct
    object: "called on these states to offer aid", "appealed to Iran to release": they are to act."""
    return [pobj for prep in verb.children if prep.dep_ in ("prep", "dative") and prep.lower_ in ADDRESS_PREPS
            for pobj in prep.children if pobj.dep_ == "pobj"][:1]


def for_subject(verb: Token, governor: Token) -> list[Token]:
    """The party that "for" names before an active to-infinitive of ``governor``: "asked for the
    opposition to co-operate with the ruling party" (the opposition co-operates). A passive infinitive
    ("called for gangs to be outlawed") has its patient there, not a doer: nothing then."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return []
    doc = verb.doc
    for prep in governor.children:
        if prep.dep_ != "prep" or prep.lower_ != SUBJECT_PREP or prep.i > verb.i:
            continue
        for pobj in prep.children:
            # the marker "to" right after the party, on the verb or on the first part of a split
            # word ("to co-operate", which the parser cuts into "co", "-", "operate")
            between = doc[pobj.right_edge.i + 1:verb.i]
            if pobj.dep_ == "pobj" and between and between[0].lower_ == "to" and between[0].dep_ == "aux":
                return [pobj]
    return []


def control_kind(governor: Token) -> str:
    """``object-control``, or ``unrealized-control`` when the governor asks for or alleges the act
    ("urged Y to leave", "accused Y of plotting") rather than reports it done ("forced Y to leave")."""
    return UNREALIZED if in_list(governor, "unrealized_control") else "object-control"


def controlled_subject(verb: Token, governor: Token) -> tuple[list[Token], str] | None:
    """The subject of ``verb``, the infinitive that ``governor`` takes as its ``xcomp``, with how it is
    borrowed, when the governor lends it from elsewhere than its own subject: its object ("urged Y to"),
    the party it calls on ("called on Y to"), or its passive subject ("Y was forced to", "Y is expected
    to"). None when the infinitive shares the governor's subject ("agreed to restart")."""
    own = for_subject(verb, governor)
    if own:
        return with_conjuncts(own[0]), control_kind(governor)
    patients = [_antecedent(c, governor) for c in governor.children if c.dep_ == "nsubjpass"]
    if patients and governor.tag_ == "VBN":
        if verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
            return None  # "X was reported killed": a bare participle is passive, X its patient
        if in_list(governor, "raising_passives"):
            return with_conjuncts(patients[0]), "control"
        if in_list(governor, "object_control"):
            return with_conjuncts(patients[0]), control_kind(governor)
        return None
    if in_list(governor, "object_control"):
        objects = [c for c in governor.children if c.dep_ in _OBJECT_DEPS] or called_on(governor)
        if objects:
            return with_conjuncts(objects[0]), control_kind(governor)
    return None


def _antecedent(patient: Token, governor: Token) -> Token:
    """The noun a relative pronoun stands for when it is the passive subject of a relative clause
    ("soldiers who were believed to be taken captive": the soldiers), as clauses.clause_subjects reads
    an active relative clause's subject; any other patient as it is."""
    if patient.lower_ in RELATIVE_PRONOUNS and governor.dep_ == "relcl":
        return governor.head
    return patient


def charged_object(verb: Token) -> Token | None:
    """The object noun of a verb of charging (``charging_verbs``) whose "of" or "for" phrase holds the
    gerund ``verb`` ("accused [the military of seizing ...]", as the parser may read it), else None."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
        return None
    return charged_holder(prep, _OBJECT_DEPS)


def charged_holder(prep: Token, holder_deps: frozenset[str] = CHARGED_HOLDER_DEPS) -> Token | None:
    """The noun the charge's preposition ``prep`` hangs on when that noun is the object of a verb of
    charging: "accused [the rebels of attacking]", as the parser may read "accused X of". The one place
    that reads this parse, for the act's doer (here, events.surrounding_parties) and for who charges
    (events.reported)."""
    noun = prep.head
    if noun.dep_ not in holder_deps or not in_list(noun.head, "charging_verbs"):
        return None
    return noun


def copula_patients(verb: Token) -> tuple[list[Token], Token | None] | None:
    """For an infinitive of ``patient_infinitives`` after a copula ("Y is to blame"): the copula's
    subjects, who undergo the act, and the verb of saying that reports the clause (its subject does
    the act), or None when it has none. None when ``verb`` is no such infinitive."""
    copula = verb.head
    if verb.dep_ != "xcomp" or not in_list(verb, "patient_infinitives") or not in_list(copula, "copulas") \
            or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    subjects = [t for c in copula.children if c.dep_ == "nsubj" for t in with_conjuncts(c)]
    if not subjects:
        return None
    speech = copula.head if copula.dep_ in _REPORTED_DEPS and in_list(copula.head, "speech_verbs") else None
    speech = speech or next((c for c in copula.children if c.dep_ in _REPORTED_DEPS and c.i > verb.i
                             and in_list(c, "speech_verbs")), None)  # "Y is to blame, the minister said"
    return subjects, speech or _stranded_speech(subjects[0])


def _stranded_speech(subject: Token) -> Token | None:
    """"countered it by saying, Y was to blame": after a comma the parser cuts the reported clause from
    the verb of saying right before its subject, which is then left with no complement."""
    i = subject.left_edge.i - 1
    if i > 0 and subject.doc[i].is_punct:
        i -= 1
    before = subject.doc[i] if i >= 0 else None
    if before is not None and in_list(before, "speech_verbs") \
            and not any(c.dep_ in ("ccomp", "dobj", "obj") for c in before.children):
        return before
    return None
