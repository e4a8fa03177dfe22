"""Who made a product, or said a statement, that the sentence names without its maker.

docs/annotation.md codes a target named through what it produced ("rejected the bill" -> the
government behind the bill) and a statement or document as the voice of its author ("The statement
... accused" -> the issuer), *when the article says who made it*. Its own phrase often does ("Chile's
proposal", "a donation by Ashcroft", "the plan X announced": see :mod:`eventwire.events.agents`).
When it does not, a definite noun ("the explanation", "the plan", "the claim") points back to where
the maker was named, which is how a reader finds it (definite descriptions corefer by their head
noun; the "strict head match" of rule-based coreference):

- an earlier mention of the same noun with its maker in its phrase ("demanding an explanation from
  Russia ... satisfied with the explanation"), or as the subject of a verb of making or handing over
  whose object it is ("Ashcroft made a record donation ... alarm at the foreign donation"), or as the
  object of a verb of passing whose subject it is ("The resolution passed the Virginia House ... The
  measure also expressed regret");
- for a generic noun ("the measure", "the document"), any earlier document or product noun;
- a verb of the noun's own stem ("Russia has proposed talks ... welcomed the proposal"), or for an
  act, a noun of its doer ("The attackers were described as terrorists ... denounced the attack");
- for a noun of something said, the speaker of a reporting verb in the same or the previous
  sentence ("The government reports that 200 were detained. The claim is disputed by ...").

The nearest such mention wins. None is found: no maker (never a guess from the article's country).
The word lists are data: ``data/events/producers.yaml`` (``stem_verbs`` and ``doer_nouns`` map a
noun to verbs and to doers' nouns).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.data_files import read_shipped_yaml
from eventwire.events.clauses import OBJECT_DEPS, VERBISH, clause_subjects
from eventwire.events.mentions import in_list
from eventwire.events.phrases import prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.mentions import ActorIndex
    from eventwire.records import Actor

__all__ = ["earlier_maker", "is_made_noun", "is_assertion_noun", "unmade", "producer_words"]

PRODUCERS_FILE = Path(__file__).resolve().parent.parent / "data" / "events" / "producers.yaml"
# sentences back from the definite noun in which an earlier mention of it, or its stem verb, is looked
# for: a news paragraph; further back the same noun may be another one ("a plan" of another party)
MAKER_WINDOW = 5
# sentences back in which the speaker of "the claim" is looked for: it is what was just said
SPEAKER_WINDOW = 1
# how clauses.clause_subjects found a subject that made the verb's object: its own, shared with a
# coordinated verb, or the noun a relative clause hangs on (not one only asked for, UNREALIZED)
READ_SUBJECTS = frozenset({"subject", "coordination", "relative"})
# determiners of a noun that refers back to one named before ("the plan", "this proposal")
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "such"})

@cache
def producer_words() -> dict[str, Any]:
    """The lists of ``data/events/producers.yaml``: sets of lemmas; ``stem_verbs`` and ``doer_nouns`` as
    noun -> lemmas."""
    raw = read_shipped_yaml(PRODUCERS_FILE)
    words: dict[str, Any] = {key: frozenset(str(v).lower() for v in values)
                             for key, values in raw.items() if isinstance(values, list)}
    for key in ("stem_verbs", "doer_nouns"):
        words[key] = {str(noun).lower(): frozenset(str(v).lower() for v in values)
                      for noun, values in (raw.get(key) or {}).items()}
    return words


def _noun_lemma(token: Token) -> str:
    """The noun's singular: the lemma, or the word without its plural "s" when the lemma slips."""
    lemma = token.lemma_.lower()
    lower = token.lower_
    return lemma if lemma != lower or not lower.endswith("s") else lower[:-1]


def _listed(token: Token, name: str) -> bool:
    return token.pos_ == "NOUN" and _noun_lemma(token) in producer_words()[name]


def is_made_noun(token: Token) -> bool:
    """A noun of ``made_nouns`` (an explanation, a donation, a claim): it stands for its maker."""
    return _listed(token, "made_nouns")


def unmade(token: Token) -> bool:
    """A made noun whose own phrase names no maker at all, no possessor and no "by"/"from" phrase
    ("welcomed the explanation"): with none found before it either, it is no actor. One that names
    a maker the dictionaries miss ("Tuckey's suggestion", "her remark") still stands for that maker."""
    if not is_made_noun(token) or any(c.dep_ == "poss" for c in token.children):
        return False
    return not prep_objects(token, tuple(producer_words()["maker_preps"]))


def is_assertion_noun(token: Token) -> bool:
    """A noun of something said (``assertion_nouns``): its author may be the speaker just before it."""
    return _listed(token, "assertion_nouns")


def _definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in token.children)


def _coded(actor: Actor | None) -> Actor | None:
    return actor if actor is not None and (actor.code is not None or actor.country is not None) else None


def _actor(index: ActorIndex, token: Token) -> Actor | None:
    return _coded(index.covering(token) or index.actor_for(token, allow_unresolved=False))


def _verb_subject(verb: Token, index: ActorIndex) -> Actor | None:
    """The coded subject of a verb, one it shares with a verb it is coordinated with ("we came
    together and passed this resolution"), or the agent of its passive ("was proposed by Chile")."""
    for agent, _ in prep_objects(verb, ("by",)):
        found = _actor(index, agent)
        if found is not None:  # not "by Monday"
            return found
    subjects, how = clause_subjects(verb)
    if how not in READ_SUBJECTS:
        return None  # "urged X to propose a plan": asked for, not made; a controller is not read
    return next((a for a in (_actor(index, s) for s in subjects) if a is not None), None)


def _phrase_maker(noun: Token, index: ActorIndex) -> Actor | None:
    """The maker an earlier mention names in its own phrase: "Chile's proposal", "an explanation from
    Russia", "the donation by Ashcroft", "the plan X announced", "a bill introduced by X". Not an "of"
    phrase: at a first mention it is as often the matter ("a report of abuses") as the maker."""
    for child in noun.children:
        if child.dep_ == "poss":
            return _actor(index, child)
        if child.dep_ in ("relcl", "acl"):
            found = _verb_subject(child, index)
            if found is not None:
                return found
    for named, _ in prep_objects(noun, tuple(producer_words()["maker_preps"])):
        found = _actor(index, named)
        if found is not None:
            return found
    return None


def _maker_of_object(noun: Token, index: ActorIndex) -> Actor | None:
    """The maker named by the verb a noun is the object of: the subject of a verb of making ("made a
    donation"), else a "from"/"by" phrase of any verb ("demanded an explanation from Russia")."""
    verb = noun.head
    if noun.dep_ not in OBJECT_DEPS or verb.pos_ not in VERBISH:
        return None
    words = producer_words()
    if verb.lemma_.lower() in words["making_verbs"]:
        found = _verb_subject(verb, index)
        if found is not None:
            return found
    for named, _ in prep_objects(verb, tuple(words["maker_preps"])):
        found = _actor(index, named)
        if found is not None:
            return found
    return None


def _passing_body(noun: Token, index: ActorIndex) -> Actor | None:
    """"The resolution passed the Virginia House", "the bill cleared the Senate": a product that is the
    subject of a verb of passing was adopted by the body that verb names as its object."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.pos_ not in VERBISH or verb.lemma_.lower() not in producer_words()["passed_by_verbs"]:
        return None
    return next((a for a in (_actor(index, c) for c in verb.children if c.dep_ == "dobj") if a is not None), None)


def _stem_maker(token: Token, noun: str, index: ActorIndex) -> Actor | None:
    """"Russia has proposed ..." for "the proposal": the subject of a verb of the noun's own stem."""
    if token.pos_ not in VERBISH or not any(_is_verb(token, verb) for verb in producer_words()["stem_verbs"].get(noun, ())):
        return None
    return _verb_subject(token, index)


def _is_verb(token: Token, verb: str) -> bool:
    """Whether a verb token is ``verb``: a lemma, or a lemma and its preposition ("call for")."""
    lemma, _, prep = verb.partition(" ")
    if token.lemma_.lower() != lemma:
        return False
    return not prep or any(c.dep_ in ("prep", "prt") and c.lower_ == prep for c in token.children)


def _speaker(token: Token, index: ActorIndex) -> Actor | None:
    """The speaker of a reporting verb ("The government reports that ...")."""
    if token.pos_ not in VERBISH or not in_list(token, "reporting_verbs"):
        return None
    return _verb_subject(token, index)


def _any_product(token: Token) -> bool:
    """A noun of a document or product of any kind ("the resolution", "a bill", "the plan")."""
    return in_list(token, "document_nouns") or in_list(token, "product_nouns") or is_made_noun(token)


def _first_token(token: Token, sentences_back: int) -> int:
    """The first token of the sentence ``sentences_back`` before the token's own."""
    doc = token.doc
    first = token.sent.start
    for _ in range(sentences_back):
        if first == 0:
            break
        first = doc[first - 1].sent.start
    return first


def earlier_maker(token: Token, index: ActorIndex) -> Actor | None:
    """The maker of a definite product or statement noun named before it (see the module docstring),
    or None."""
    if not _definite(token):
        return None
    noun = _noun_lemma(token)
    speech = is_assertion_noun(token)
    generic = noun in producer_words()["generic_nouns"]
    speaker_from = _first_token(token, SPEAKER_WINDOW)
    # the verbs the noun itself hangs on judge or carry it ("X said the claim is false", "criticised
    # the proposal"): their subject is no maker
    governors = {t.i for t in token.ancestors}
    for i in range(token.i - 1, _first_token(token, MAKER_WINDOW) - 1, -1):
        earlier = index.doc[i]
        if earlier.pos_ == "NOUN" and (_noun_lemma(earlier) == noun or (generic and _any_product(earlier))):
            found = _phrase_maker(earlier, index) or _maker_of_object(earlier, index) or _passing_body(earlier, index)
        elif earlier.pos_ == "NOUN" and _noun_lemma(earlier) in producer_words()["doer_nouns"].get(noun, ()):
            found = _actor(index, earlier)  # "the attackers ... the attack": its doer, named by what they did
        elif i in governors:
            continue
        else:
            found = _stem_maker(earlier, noun, index)
            if found is None and speech and speaker_from <= i < token.sent.start:
                found = _speaker(earlier, index)
        if found is not None:
            return found
    return None
