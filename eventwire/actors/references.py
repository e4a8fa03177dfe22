"""What a phrase with no code of its own refers back to, among the mentions resolved before it.

"the group", "the organisation" -> the named group or IGO just mentioned; "the rebels" -> a recent
rebel group; "the Agency" -> the organisation whose name has that word; "troops" -> the same-sector
mention of its sentence in another clause; the name after "Minister of Housing," -> that office.
Each helper reads the resolver's output so far (``out``, in text order) and the parse.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.actors.article import area_codes
from eventwire.actors.people import holder_key
from eventwire.actors.scan import PRONOUN_GENDER
from eventwire.nlp import PLACE_ENTITY_LABELS
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventwire.actors.units import Unit

# Relative pronouns that stand as the subject of their clause for the noun the clause describes.
RELATIVE_SUBJECTS = frozenset({"who", "that", "which"})

__all__ = ["GROUP_REFERENCE_REACH", "RELATIVE_SUBJECTS", "SHORT_FORM_REACH", "bound_possessive", "clause_subject", "refers_within_sentence",
           "last_group", "last_of_sector", "names_a_venue", "portfolio_title", "previous_subject", "short_form"]

# Sectors whose plain plural is a name of its own ("the Liberals", "the Greens"), not a reference back.
_NAMED_FAMILY_SECTORS = frozenset({"PTY"})
# Sectors of unnamed armed groups that "the group" refers back to ("rebel soldiers ... the group").
_ARMED_SECTORS = frozenset({"REB", "SEP", "UAF"})

# "the rebels" refers back to a named group only while it is still the topic: within about three
# sentences (characters, to stay independent of the parse); "the group" alone reaches further.
GROUP_REFERENCE_REACH = 400


# Words that may stand between an office and its holder's name: "Minister of Housing, Alice
# Mobolaji", "MP for Clarence Steve Cansdell", "Secretary of the Air Force James Roche".
_PORTFOLIO_LINKS = frozenset({"of", "for", "the", "and", "&", ","})
_PORTFOLIO_MAX_TOKENS = 7


def portfolio_title(doc: Doc, out: list[Actor], person: Actor) -> Actor | None:
    """The person named right after an office and its portfolio takes the office's code: the title
    phrase ends before "of Housing" and the name after it would otherwise stand uncoded. None when
    the mention before is no such office or the name already has a code the text gave."""
    if not out or not person.name or person.kind not in (None, "person"):
        return None
    title = out[-1]
    if title.kind != "person" or title.name or not title.code or not title.sector:
        return None
    if person.code and person.code_source not in ("context", None) and person.sector:
        return None  # the dictionary or the name's own title says more
    if person.country and title.country and person.country != title.country and person.code_source != "context":
        return None
    gap = doc.char_span(title.end, person.start, alignment_mode="expand")
    if gap is None or not 2 <= len(gap) <= _PORTFOLIO_MAX_TOKENS or gap[0].lower_ not in ("of", "for"):
        return None
    if not all(t.lower_ in _PORTFOLIO_LINKS or (t.is_title or t.is_upper) and t.pos_ == "PROPN" for t in gap):
        return None
    return replace(person, code=title.code, country=title.country, sector=title.sector, kind="person",
                   role_source="title", code_source="title")


def refers_within_sentence(doc: Doc, known: Actor, head: int) -> bool:
    """Whether the agent noun at token ``head`` may stand for a same-sector mention of its sentence:
    as its conjunct ("Israeli police and soldiers": the modifier is shared), or from a clause the
    mention's clause reports ("the US Army forces in Iraq said that troops helped"). Two arguments
    of one verb, of conjoined verbs or of a participle ("attacked an army base and killed soldiers",
    "a court rejected an appeal filed by lawyers") are not read as one actor."""
    span = doc.char_span(known.start, known.end, alignment_mode="expand")
    if span is None:
        return False
    if doc[head] in span.root.conjuncts:
        return True
    verb = doc[_clause_verb(doc[head])]
    return verb.dep_ == "ccomp" and verb.head.i == _clause_verb(span.root)


def _clause_verb(token: Token) -> int:
    """The token index of the verb whose clause ``token`` is in (the sentence root at the top)."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token.i


# mentions back in which a short form ("the Agency") looks for the organisation it abbreviates
SHORT_FORM_REACH = 300


def short_form(doc: Doc, first: Unit, actor: Actor, out: list[Actor]) -> Actor | None:
    """A capitalised agent word alone ("the Agency", "the Council") is the short form of the named
    organisation before it whose name has that word ("International Atomic Energy Agency")."""
    token = doc[first.start]
    if first.end - first.start != 1 or not token.is_title or token.is_sent_start:
        return None  # "Police said": capitalised only because the sentence starts there
    word = token.lower_
    for known in reversed(out[-SHORT_FORM_REACH:]):  # bounded: a long text must stay linear
        if known.kind in ("igo", "group") and known.code and known.end - known.start > len(token.text) and \
                word in (known.name or known.text).lower().split():
            return known
    return None


def last_group(out: list[Actor], before: int, sector: str | None = None, doc: Doc | None = None) -> Actor | None:
    """The named group mentioned last before ``before`` ("the group"; "the rebels" to a recent
    rebel group); a media outlet that reported it is not what "the organisation" means, nor a place
    the dictionaries code as a body, where something happened (:func:`names_a_venue`, given ``doc``)."""
    for actor in reversed(out):
        if sector is None and actor.sector == "MED":
            continue
        if doc is not None and names_a_venue(doc, actor):
            continue
        if sector is not None and before - actor.end > GROUP_REFERENCE_REACH:
            return None
        # a generic word ("the insurgents") refers back to a national group, not to a transnational one
        if actor.kind == "group" and actor.code and (sector is None or actor.sector == sector and actor.country):
            return actor
        if sector is None and actor.kind == "igo" and actor.code:
            return actor  # "the organisation", "the body", "the alliance": an IGO or NGO just named
        if sector is None and actor.kind == "agent" and actor.sector in _ARMED_SECTORS and actor.country and \
                before - actor.end <= GROUP_REFERENCE_REACH:
            return actor  # "rebel soldiers ... the group": an unnamed armed group just mentioned
    return None


# prepositions that make a place name the venue of what happened ("met in Brussels")
_VENUE_PREPS = frozenset({"in", "at"})


def names_a_venue(doc: Doc, actor: Actor) -> bool:
    """"NATO met in Brussels. The alliance ...": a place name the dictionaries code as the body seated
    there (Brussels as the EU), written as where something happened, is no antecedent of "the
    alliance" or "the organisation": the body a description refers back to is one that acts."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.ent_type_ in PLACE_ENTITY_LABELS and root.dep_ == "pobj" and root.head.lower_ in _VENUE_PREPS


def last_of_sector(out: list[Actor], before: int, sector: str | None, since: int) -> Actor | None:
    """The nearest mention between ``since`` (its sentence's start) and ``before`` of ``sector`` whose
    country the text stated (a modifier, a title, the dictionary), not one the article's country filled."""
    for actor in reversed(out):
        if actor.start < since:
            return None
        if actor.sector == sector and sector not in _NAMED_FAMILY_SECTORS and actor.country and actor.code_source not in ("context", "coref") \
                and actor.country not in area_codes():
            return actor
    return None


def previous_subject(doc: Doc, pronoun: int, out: list[Actor]) -> str | None:
    """The person (its :func:`~eventwire.actors.people.holder_key`: a name, or an office holder named
    by title alone) who is the subject of the sentence before, for a "he"/"she" subject that
    opens its own main clause ("President Bush met Prime Minister Olmert on Tuesday. He later
    criticized Iran": Bush, not Olmert, named last): a pronoun subject continues the topic, the
    subject before it. None when the pronoun is no subject, when a person is named before it in its
    own sentence (that one is nearer) or names that subject again after it (its speaker), or when the
    sentence before has no named person as subject."""
    token = doc[pronoun]
    sent = token.sent
    if token.dep_ not in ("nsubj", "nsubjpass") or sent.start == 0:
        return None
    before = doc[sent.start - 1].sent
    subject_tokens = [c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")]
    subjects = [c.idx for c in subject_tokens]
    # a subject coordinated with another ("Labor leader and premier Paul Lennon said") is no lone holder
    lone = [c.idx for c in subject_tokens if not any(g.dep_ == "conj" for g in c.children)]
    for actor in reversed(out):  # text order: the mentions of this sentence, then of the one before
        if actor.end <= before.start_char:
            break
        if actor.kind != "person":
            continue
        if actor.start >= sent.start_char:
            return None  # "After meeting Olmert, he said": a person named in its own sentence is nearer
        if not actor.name and actor.code and any(actor.start <= idx < actor.end for idx in lone):
            return holder_key(actor)  # "The prime minister met the emperor. He ...": the office holder
        if actor.name and any(actor.start <= idx < actor.end for idx in subjects):
            # named again after the pronoun, the person is its sentence's speaker, whom a quoted "he"
            # does not mean ("'Otherwise, he should quit religion,' Rao said")
            surname = actor.name.split()[-1].lower()
            return None if any(t.lower_ == surname for t in doc[token.i + 1:sent.end]) else actor.name
    return None


def clause_subject(doc: Doc, pronoun: Unit, out: list[Actor]) -> str | None:
    """The person who is the subject of an object pronoun's clause ("Lula thanked him": Lula), whom
    the pronoun cannot mean."""
    token = doc[pronoun.start]
    if token.dep_ in ("nsubj", "nsubjpass"):
        return None
    verb = token.head.head if token.dep_ == "pobj" else token.head
    offsets = [c.idx for c in _subjects(verb)]
    for actor in reversed(out):
        if any(actor.start <= idx < actor.end for idx in offsets):
            return holder_key(actor)
    return None


def bound_possessive(doc: Doc, unit: Unit, out: list[Actor]) -> bool:
    """A possessive "his"/"her" in a clause whose subject is a person named before it ("Brown announced
    during his trip", "Merkel announced her resignation") is that person, whomever the pronoun memory
    would pick: the subject is the actor the sentence names, as a bound "its"/"their" is
    (eventwire.events.mentions); a second mention would make events of their own acts or take the
    place of the name. A pronoun subject of its gender binds it too, even after it ("On her trip to
    Bali, she flew ..."). Named elsewhere in the sentence ("wanted Spitzer to resign and politicians called for his
    resignation") it is a mention."""
    token = doc[unit.start]
    if token.dep_ != "poss":
        return False
    subjects = _clause_subjects(token)
    gender = PRONOUN_GENDER[token.lower_]
    if any(t.pos_ == "PRON" and PRONOUN_GENDER.get(t.lower_) == gender for t in subjects):
        return True  # "She defended her protest"
    # "opposition leaders called for his resignation": a plural subject is not who "his" is
    spans = [(t.left_edge.idx, t.right_edge.idx + len(t.right_edge)) for t in subjects if t.tag_ not in ("NNS", "NNPS")]
    return any(start <= actor.start and actor.end <= end and actor.end <= token.idx
               for actor in out for start, end in spans if actor.kind == "person")


def _clause_subjects(token: Token) -> list[Token]:
    """The subject of the nearest clause above ``token`` that has one ("Romney decided to end his
    bid": the clause of "decided"; one further up is another act: "He was jailed after his unit was
    seized"); for a relative "who", the noun the clause is about ("the MP, who backed him in her
    first meeting")."""
    for verb in token.ancestors:
        subjects = _subjects(verb) if verb.pos_ in ("VERB", "AUX") else []
        if subjects:
            return subjects
    return []


def _subjects(verb: Token) -> list[Token]:
    """A verb's subjects, and for a relative clause whose subject is "who"/"that"/"which" the noun the
    clause describes ("a police chief who had beaten him": the chief is the clause's subject)."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and any(c.lower_ in RELATIVE_SUBJECTS for c in subjects):
        subjects.append(verb.head)
    return subjects
