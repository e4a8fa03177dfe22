"""What "they", "them" and "both sides" stand for when their antecedent is a coordination of actors.

Written for the eventwire project (issue 13).

"Russia and China vetoed the resolution. They accused the United States of hypocrisy." Each
conjunct is singular, so the number test of :meth:`eventwire.events.mentions.ActorIndex._pronoun_antecedent`
(a plural pronoun takes a plural mention) finds nothing, yet a reader knows "they" is both states. A
coder writes one event per actor pair (docs/annotation.md: "the NDP and the Bloc accused the
Liberals" is two events), so the pronoun gives one argument per conjunct, as "both countries" gives
one per state (:func:`eventwire.events.fallback.state_pair_args`). The rules are general agreement
rules, not phrases:

* **number**: only a plural pronoun (:data:`PLURAL_PRONOUNS`) or a counted description of a pair
  ("both sides", "the two leaders": a head noun of ``pair_nouns`` with "both" or "the two") looks for
  a coordination; a coordination of two or more coded actors is plural, though each member is not.
* **salience**: a plural pronoun follows the subject line, as "it" does
  (:func:`eventwire.events.pronouns.subject_antecedent`): the nearest subject before it, in its own
  sentence or the one before, that agrees in number (a singular subject, "Britain said they ...", is
  passed over; a plural one stops the search). An object pronoun passes over the subject of its own
  clause ("Britain criticised them": not Britain); a possessive does not ("... voiced their dissent"). A description of a pair takes
  the coordination of exactly two coded actors nearest before it in that window, in any role.
* **kind**: any coded actor may be a member, people included ("Obama and Merkel ... they"); a
  named organisation in the singular is a collective and takes "they" as well ("The Labour Party
  posted a rebuttal. They claim ..."), a state or a person does not.
* **ambiguity**: when a second plural candidate (another coordination, a plural mention, or any
  plural noun as an argument: "they" may be things) stands between the coordination and the
  pronoun ("Russia and China met the rebels. They ..."), the
  two are equally compatible and no reading is given here: leaving it uncoded is better than a guess
  (the pronoun is then read as before, by number alone).

Each member is reported under the pronoun's own text and offsets, with the member's code
(``code_source`` "coref"), as a group pronoun is (docs/annotation.md: the pronoun is the span), also
in a clause its antecedent states ("Russia and China said they would veto", as "Greenpeace say they
have asked"); a possessive bound in its own sentence ("... began their own protests") is the member
where it is named, as "Israel finished its air assault" is Israel.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.events.coordination import with_conjuncts
from eventwire.events.fallback import SIDES_VIAS
from eventwire.events.frames import Argument
from eventwire.events.lexicon import lexicon_in_use
from eventwire.events.mentions import in_list
from eventwire.events.pronouns import (
    PLURAL_PRONOUNS,
    PLURAL_TAGS,
    RELATIVE,
    SUBJECT_DEPS,
    previous_sentence_start,
)
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.mentions import ActorIndex

__all__ = ["PLURAL_PRONOUNS", "UNNAMED_PAIR_VIA", "coordinated_antecedents"]

#: how an argument that is a counted pair no one pair of the text names is found ("both sides")
UNNAMED_PAIR_VIA = "unnamed-pair"

# a pair is counted by "both" or by "two" after a determiner ("the two sides", "their two leaders")
_PAIR_COUNTS = frozenset({"both", "two"})
# positions of a plural noun between the antecedent and the pronoun that make it a rival antecedent
_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr"})
# kinds of mention a plural pronoun may stand for when named in the singular (collective agreement)
_COLLECTIVE_KINDS = frozenset({"group", "igo"})


def coordinated_antecedents(index: ActorIndex, token: Token, via: str = "") -> list[Argument]:
    """One argument per member of the coordination a plural pronoun or a counted pair description
    refers back to (see the module docstring); [] when it is no such word, when its antecedent is no
    coordination of coded actors, when another plural candidate makes it ambiguous, or when ``via``
    names the sides of a mutual act ("an agreement between the two governments": its own sides, as
    for :func:`eventwire.events.fallback.state_pair_args`)."""
    if via in SIDES_VIAS:
        return []
    if token.lower_ in PLURAL_PRONOUNS:
        members = _subject_line(index, token)
    elif _counted_pair(index, token):
        pairs = _pairs_before(index, token)
        if not pairs:
            return _unnamed_pair(index, token)  # none named: the parties, unresolved (two named: ambiguous)
        members = pairs[0] if len(pairs) == 1 and len(pairs[0]) == 2 else []
    else:
        return []
    if not members:
        return []
    actors = [index.actor_for(m, allow_unresolved=False) for m in members]
    coded = [a for a in actors if a is not None and a.code is not None]
    if len(coded) != len(members) or len({(a.code, a.name) for a in coded}) != len(coded):
        return []  # a member left uncoded, or two naming one actor: not a reading to report
    if token.lower_ not in PLURAL_PRONOUNS and len({a.code for a in coded}) != len(coded):
        return []  # "the two governments" are two sides: "Gusmao and the Timorese government" are one
    if token.lower_ in PLURAL_PRONOUNS and _bound_possessor(token, members[0]):
        return [Argument(actor, m.i, "coordinated-antecedent") for actor, m in zip(coded, members, strict=True)]
    start, end = _own_span(token)
    text = index.text[start:end]
    sector = _described_sector(index, token)
    return [Argument(replace(_in_sector(actor, sector), text=text, start=start, end=end, code_source="coref"),
                     token.i, "coordinated-antecedent") for actor in coded]


def _unnamed_pair(index: ActorIndex, token: Token) -> list[Argument]:
    """"appealed to both sides to halt the clashes" with no pair named before: the two parties are
    still actors, whoever they are, so the phrase is one argument, as written and unresolved (once the
    event is decided the article's country codes it, as it codes other people named by a common noun:
    ``agents.of_the_article``); [] for a phrase a mention covers ("both governments"), whose code the
    actor layer gave."""
    if index.covering(token) is not None:
        return []
    start, end = _own_span(token)
    return [Argument(Actor(text=index.text[start:end], start=start, end=end, code=None), token.i, UNNAMED_PAIR_VIA)]


def _described_sector(index: ActorIndex, token: Token) -> str | None:
    """The sector a counted description names ("both governments": GOV), from the generic agent
    mention covering it; None for a pronoun or a description that names none ("both sides")."""
    covering = index.covering(token) if token.pos_ != "PRON" else None
    return covering.sector if covering is not None and covering.kind == "agent" else None


def _in_sector(actor: Actor, sector: str | None) -> Actor:
    """A state member of "both governments" is its government: the state's code and the sector."""
    if sector is None or actor.kind != "state" or not actor.country or actor.code != actor.country:
        return actor
    return replace(actor, code=actor.country + sector, sector=sector, kind="agent")


def _subject_line(index: ActorIndex, token: Token) -> list[Token]:
    """The members of the coordination that is the nearest number-agreeing subject before a plural
    pronoun, in its sentence or the one before; [] when that subject is no coordination or a rival
    plural candidate stands between it and the pronoun."""
    own = _own_clause_subjects(token)
    for k in range(token.i - 1, _search_start(index, token) - 1, -1):
        candidate = token.doc[k]
        if candidate.dep_ not in SUBJECT_DEPS or candidate in own or candidate.lower_ in RELATIVE:
            continue
        if candidate.lower_ in PLURAL_PRONOUNS:
            continue  # "They ... and they": the same referent, further back
        members = _members(candidate)
        if len(members) < 2:
            if _plural(index, candidate) or candidate.pos_ == "PRON":
                return []  # a plural subject ("the rebels") or a pronoun: the pronoun's reading by number
            members = _met_pair(index, candidate) or _collective(index, candidate, token)
            if not members:
                continue  # a singular subject disagrees in number ("The US said they ...")
        return [] if _rival_between(index, members, token) else members
    return []


def _collective(index: ActorIndex, subject: Token, pronoun: Token) -> list[Token]:
    """"The Labour Party posted a rebuttal. They claim ...": a named organisation (a party, group,
    IGO or NGO the dictionaries code, or a body named in several words and coded by its sector; not a
    state, a person, a generic or one-word agent, nor a media outlet that reports) takes a plural
    pronoun as a collective; [subject] then, else []. Not for a passive "they" ("After Cabinet signed
    off, they were released": the papers), which is more often what was acted upon."""
    actor = index.covering(subject)
    if actor is None or actor.code is None or actor.sector == "MED" or pronoun.dep_ == "nsubjpass":
        return []
    # a named body the agent dictionary codes by its sector ("the Liberal Party of Canada" PTY, whose
    # head is the subject), not a generic agent word ("the government") nor a name that only modifies one
    span = index.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    named = actor.kind == "agent" and subject.pos_ == "PROPN" and span is not None and span.root == subject \
        and sum(t.pos_ == "PROPN" for t in span) >= 2
    return [subject] if actor.kind in _COLLECTIVE_KINDS or named else []


def _met_pair(index: ActorIndex, subject: Token) -> list[Token]:
    """"Obama met Merkel in Berlin. They ...": the singular subject of a mutual act (a symmetric rule
    of the lexicon: meet, negotiate, sign with) and its one singular counterpart (the object, or
    the object of a "with"), both coded, are a pair as a coordination is; [] otherwise."""
    verb = subject.head
    if subject.dep_ != "nsubj" or not any(m.symmetric for m in lexicon_in_use().match(verb)):
        return []
    # "signed a deal with Uganda": the counterpart is the "with" object, the direct object what was signed
    counterparts = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "with"
                    for o in p.children if o.dep_ == "pobj"] or [c for c in verb.children if c.dep_ == "dobj"]
    if len(counterparts) != 1 or len(_members(counterparts[0])) != 1 or _plural(index, counterparts[0]):
        return []
    other = index.actor_for(counterparts[0], allow_unresolved=False)
    return [subject, counterparts[0]] if other is not None and other.code is not None else []


def _counted_pair(index: ActorIndex, token: Token) -> bool:
    """"both sides", "the two leaders": a plural pair noun counted as two, that no name covers."""
    if token.tag_ not in PLURAL_TAGS or not in_list(token, "pair_nouns"):
        return False
    lefts = [c.lower_ for c in token.lefts]
    counted = "both" in lefts or "two" in lefts and any(c.dep_ in ("det", "poss") for c in token.lefts)
    # a generic agent word the article's country coded ("the two leaders" GOV) names no one of its own
    covering = index.covering(token)
    return counted and (covering is None or covering.code is None or covering.kind == "agent")


def _pairs_before(index: ActorIndex, token: Token) -> list[list[Token]]:
    """The coordinations of two or more members, and the two sides of mutual acts (:func:`_met_pair`),
    before ``token`` in its sentence or the one before: the reading is the one pair of exactly two
    members; none when there are several (which pair is meant is then a guess)."""
    pairs: list[list[Token]] = []
    seen: set[int] = set()
    for k in range(_search_start(index, token), token.i):
        candidate = token.doc[k]
        if k in seen or candidate.pos_ not in ("NOUN", "PROPN") or candidate.dep_ == "conj":
            continue
        members = _members(candidate)
        if len(members) < 2:
            members = _met_pair(index, candidate)
        seen.update(m.i for m in members)
        if len(members) >= 2:
            pairs.append(members)
    return pairs


def _members(token: Token) -> list[Token]:
    """The token and the nouns coordinated with it, when it heads a coordination of nouns."""
    if token.dep_ == "conj":
        return [token]  # a member, not the head: its coordination is read from the first member
    return [m for m in with_conjuncts(token) if m.pos_ in ("NOUN", "PROPN")]


def _rival_between(index: ActorIndex, members: list[Token], token: Token) -> bool:
    """Whether a plural candidate other than the coordination stands after it and before the pronoun:
    another coordination, or a coded mention of a plural noun ("met the rebels")."""
    last = max(m.right_edge.i for m in members)
    for k in range(last + 1, token.i):
        other = token.doc[k]
        if other.pos_ not in ("NOUN", "PROPN") or other.dep_ == "conj":
            continue
        if len(_members(other)) >= 2:
            return True
        actor = index.covering(other)
        if _plural(index, other) and actor is not None and (actor.code is not None or actor.country is not None):
            return True
        if other.tag_ == "NNS" and other.dep_ in _ARGUMENT_DEPS:
            return True  # "has not met a dozen demands made by the Front. They include ...": things too
    return False


def _plural(index: ActorIndex, token: Token) -> bool:
    """A plural noun, unless it names a state ("the United States", "the Philippines" are one)."""
    actor = index.covering(token)
    return token.tag_ in PLURAL_TAGS and (actor is None or actor.kind != "state")


def _own_clause_subjects(token: Token) -> set[Token]:
    """The subjects of the clause an object pronoun is in: they are not what it means ("Britain
    criticised them"); none for a subject pronoun, nor for a possessive, which is mostly its own
    clause's subject ("the owners voiced their dissent")."""
    if token.dep_ in SUBJECT_DEPS or token.dep_ == "poss":
        return set()
    verb = token.head
    # up to the root, whose head is itself: spaCy makes a new Token per access, so positions, not identity
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return {c for c in verb.children if c.dep_ in SUBJECT_DEPS} | {
        c for s in verb.children if s.dep_ in SUBJECT_DEPS for c in s.conjuncts}


def _bound_possessor(token: Token, head: Token) -> bool:
    """"Teachers and nurses began their own protests": a possessive bound in its own sentence is the
    members named there (as "Israel finished its air assault" is Israel)."""
    return token.dep_ == "poss" and head.sent == token.sent


def _search_start(index: ActorIndex, token: Token) -> int:
    """The first token an antecedent is looked for from: the sentence before the pronoun's, but no
    further back than the start of a quotation the pronoun is in. Inside a quotation the speaker's
    side says "we" and "they" are others ("If they don't meet these demands," the group said): a
    reading from outside the quotation would be the speaker or whom the narrator named."""
    start = previous_sentence_start(token)
    for quote_start, quote_end, _speaker in index.voices:
        if quote_start <= token.idx < quote_end:
            first = next((t.i for t in token.doc[start:token.i] if t.idx >= quote_start), token.i)
            return max(start, first)
    return start


def _own_span(token: Token) -> tuple[int, int]:
    """Character offsets of the pronoun, or of the counted description from its first word."""
    if token.pos_ == "PRON":
        return token.idx, token.idx + len(token.text)
    return token.left_edge.idx, token.idx + len(token.text)

