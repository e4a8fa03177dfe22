"""Which two states "both countries", "the two nations" stand for, when the passage around the phrase
does not name them: the two parties the article is about.

A distributive pronoun takes the pair one member at a time, so "sever ties with either of the two
countries" is read from "the two countries" (:func:`counted_noun`). docs/annotation.md codes an actor
as the span written with the code of whom it refers to, and a counted plural ("both countries") as
one actor per party.
:func:`eventwire.events.fallback.state_pair_args` reads the two states most named in the few
sentences before the phrase (a paragraph of wire copy). Two agreement rules make that reading
general rather than local:

* **a party is not its own counterpart**: the subject of the clause a pair description is the object
  of is not one of the pair ("Colombia will not sever ties with either of the two countries",
  "France and Belgium have yet to ratify the entry of the two countries"): the states of that
  subject are passed over, as an object "them" passes over its own clause's subject
  (:mod:`eventwire.events.plural_reference`).
* **the article's pair when the passage names none**: a definite "the two countries" that the
  passage does not name (fewer than two other states in it) refers back to the two states the article
  keeps naming before it ("Bulgaria and Romania" in an article about their accession, when the last
  paragraph spoke of the EU): each named at least :data:`ARTICLE_PAIR_MIN_NAMED` times and no third as
  often as the second (:func:`article_pair`); a pair named once, paragraphs back, is no reading.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from eventwire.events.clauses import SUBJECT_DEPS
from eventwire.events.syntax_lists import in_list

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Token

    from eventwire.events.mentions import ActorIndex
    from eventwire.records import Actor

__all__ = ["ARTICLE_PAIR_MIN_NAMED", "article_pair", "clause_subject_states", "counted_noun", "ranked_states"]

# links by which a clause without a subject of its own takes its head's ("have yet to ratify": the
# subject of "have"; "decided not to send ... or sever": the subject of "decided")
_SUBJECT_SHARING_DEPS = frozenset({"xcomp", "conj", "acomp"})
# how often each of the article's two states must be named for "the two countries" to mean them when
# the passage around the phrase names none: the parties the article is about recur, a state named once
# in passing does not make the pair
ARTICLE_PAIR_MIN_NAMED = 2
# how many words up the parse a pair description's governing subject is looked for (about six clauses)
_MAX_CLIMB = 18


def counted_noun(token: Token) -> Token:
    """The noun a pair description is read from: ``token`` itself, or for a distributive pronoun
    (``pair_distributives``: "either of the two countries") the plural noun of its "of" phrase, whose
    members it takes in turn; ``token`` when it has none."""
    if not in_list(token, "pair_distributives"):
        return token
    nouns = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
             for o in p.children if o.dep_ == "pobj" and o.tag_ == "NNS"]
    return nouns[0] if len(nouns) == 1 else token


def clause_subject_states(index: ActorIndex, token: Token) -> set[str]:
    """The countries of the coded actors that are the subject (with its conjuncts) of the clause a
    pair description is an object in; empty for a description that is itself a subject, and for a
    plural common noun subject."""
    if token.dep_ in SUBJECT_DEPS:
        return set()
    verb = _governing_verb(token)
    if verb is None:
        return set()
    # a plural common noun subject ("The leaders agreed on the two nations meeting") may be the pair
    # itself, so only a named subject, a pronoun or a coordination is a party apart from it
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and (c.tag_ != "NNS" or c.conjuncts)]
    members = [m for s in subjects for m in (s, *s.conjuncts)]
    actors = [index.actor_for(m, allow_unresolved=False) for m in members]
    return {a.country for a in actors if a is not None and a.code is not None and a.country}


def _governing_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` that has a subject, climbing through clauses that share
    their head's subject (:data:`_SUBJECT_SHARING_DEPS`); None when there is none."""
    node = token
    for _ in range(_MAX_CLIMB):
        if node.head.i == node.i:
            break
        shares = node.dep_ in _SUBJECT_SHARING_DEPS
        node = node.head
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ in SUBJECT_DEPS for c in node.children):
            return node
        if node.pos_ in ("VERB", "AUX") and not shares and node.dep_ not in _SUBJECT_SHARING_DEPS:
            return None  # a clause with no subject of its own that takes none from its head
    return None


def ranked_states(mentions: list[Actor], is_state: Callable[[Actor], bool], skip: set[str]) -> list[str]:
    """The countries of the state mentions among ``mentions`` (in text order), those of ``skip`` left
    out, the most named first and the nearer (later) first on a tie."""
    return _ranked(_counts(mentions, is_state, skip))


def article_pair(mentions: list[Actor], is_state: Callable[[Actor], bool], skip: set[str]) -> list[str]:
    """The two states an article keeps naming (each at least :data:`ARTICLE_PAIR_MIN_NAMED` times,
    and a third named less than the second: a tie is a guess), those of ``skip`` left out; [] when
    there are no such two. A state named once in the opening is not what "both countries" means
    several paragraphs on; two the article is about are."""
    counts = _counts(mentions, is_state, skip)
    named = sorted((n for n, _ in counts.values()), reverse=True)
    if len(named) < 2 or named[1] < ARTICLE_PAIR_MIN_NAMED or len(named) > 2 and named[2] == named[1]:
        return []
    return _ranked(counts)[:2]


def _ranked(counts: dict[str, tuple[int, int]]) -> list[str]:
    """Countries by times named, the nearer (later) first on a tie."""
    return sorted(counts, key=lambda c: (-counts[c][0], -counts[c][1]))


def _counts(mentions: list[Actor], is_state: Callable[[Actor], bool], skip: set[str]) -> dict[str, tuple[int, int]]:
    """Country -> (times named, offset of its last mention) over the state mentions of ``mentions``."""
    counts: Counter[str] = Counter()
    last_seen: dict[str, int] = {}
    for actor in mentions:
        if is_state(actor) and str(actor.country) not in skip:
            counts[str(actor.country)] += 1
            last_seen[str(actor.country)] = actor.start
    return {c: (n, last_seen[c]) for c, n in counts.items()}
