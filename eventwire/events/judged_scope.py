"""Where a word of blame or praise inside what a speaker said judges no one (issue 13).

Written for the eventwire project. :mod:`eventwire.events.evaluations` reads "X said Y ... <cue>" as
X judging Y. On the train split, two readings of such sentences made false events in sentences the
annotators left uncoded:

- the cue lies in what a verb's subject *undergoes, receives or examines*, not in what is said of
  it: "our soldiers receive excellent training", "families are feeling pressure from aggression",
  "the head showed signs of torture", "experts are examining the damage". Such a verb
  (``opposing_verbs`` in ``data/events/evaluations.yaml``: act against, undergo, examine) governs
  the cue's whole noun phrase, not only a bare object noun, so the phrase is climbed to its verb;
- the one judged is the speaker's own voice: "we", "I", "our" in what a speaker says are the speaker
  or the body it speaks for ("to say no to terrorism, we want ...", "I could say 'weak'"), and a
  speaker judging itself is no event between two actors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.pronouns import FIRST_PERSON

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["NOUN_PHRASE_DEPS", "governing_verb", "in_undergone_phrase", "is_speakers_own_voice"]

# relations that keep a word inside the noun phrase (or the prepositional phrases hung on it) that a
# verb takes as its object: "excellent training", "pressure from insecurity and aggression"
NOUN_PHRASE_DEPS = frozenset({"amod", "compound", "conj", "pobj", "prep", "dobj", "appos", "nmod"})
# how far a cue's noun phrase is climbed to its verb
MAX_CLIMB = 6


def governing_verb(cue: Token) -> Token | None:
    """The verb whose object (or object's prepositional phrase) holds the cue, or None when the cue
    is reached through anything else (a subject, a clause, a predicate)."""
    node = cue
    for _ in range(MAX_CLIMB):
        if node.dep_ not in NOUN_PHRASE_DEPS or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ == "VERB":
            return node
    return None


def in_undergone_phrase(cue: Token, verbs: frozenset[str]) -> bool:
    """Whether a noun or adjective cue lies in the object phrase of one of ``verbs`` (lemmas)."""
    if cue.pos_ not in ("NOUN", "ADJ"):
        return False
    verb = governing_verb(cue)
    return verb is not None and verb.lemma_.lower() in verbs


def is_speakers_own_voice(token: Token) -> bool:
    """A first-person pronoun: in what a speaker says, the speaker or the body it speaks for."""
    return token.lower_ in FIRST_PERSON
