"""How the event lexicon reads a trigger's words off the parse: the lemma keys a token is looked up by,
the words of a candidate object's phrase, conjuncts and compound modifiers of objects, a predicate
adjective, the "for" of a for-to clause and an object read through an excluded preposition.

Split from ``eventwire/events/lexicon.py`` (which loads the rules and matches them) so that each stays
within the project's file size; the functions are unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["token_keys", "phrase_context", "is_predicate", "lemma_is", "with_conjuncts", "for_to_marks",
           "through_prep_not", "compounds"]


def token_keys(token: Token) -> tuple[str, ...]:
    """Lookup keys, best first; the later ones are tried only when the first finds no rule."""
    lemma = token.lemma_.lower()
    if token.pos_ == "PROPN" and lemma.endswith("s") and len(lemma) > 3:
        # Capitalised headline words ("Talks", "Sanctions") are tagged PROPN and keep their plural.
        return (lemma, lemma[:-1])
    if token.pos_ == "NOUN" and token.lower_ != lemma:
        return (lemma, token.lower_)
    if token.pos_ in ("VERB", "AUX") and not lemma.endswith("e") and token.tag_ != "MD":
        # The lemmatizer sometimes drops a final e ("staged" -> "stag"); never for a modal ("can"
        # is not "cane", "will" not "wille")
        return (lemma, lemma + "e")
    return (lemma,)


def phrase_context(token: Token, trigger: Token, context: dict[int, set[str]]) -> set[str]:
    """The words of a candidate object's phrase: its subtree and the words up to the trigger.

    A multiword spec ("human rights abuse", "release of prisoners", "lift the ban") matches when the
    object is one of its content words and the others occur here."""
    if token.i not in context:
        around = list(token.subtree)
        head = token
        while head.head.i != head.i and head.head.i != trigger.i and len(around) < 200:
            head = head.head
            around.append(head)
        context[token.i] = {t.lemma_.lower() for t in around} | {t.lower_ for t in around}
    return context[token.i]


def is_predicate(adjective: Token) -> bool:
    """Whether an adjective is said of a clause's subject ("X is critical of Y and opposed to Z"): the
    complement of a copula or a conjunct of one; before a noun it describes a kind ("critical infrastructure")."""
    while adjective.dep_ == "conj" and adjective.head.pos_ == "ADJ":
        adjective = adjective.head
    return adjective.dep_ == "acomp"


def lemma_is(token: Token, word: str) -> bool:
    return token.lemma_.lower() == word or token.lower_ == word


def with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        out.append(tok)
        out.extend(tok.conjuncts)
    return out


def for_to_marks(verb: Token) -> list[Token]:
    """The "for" of a for-to clause below a verb ("called for Israel to withdraw": the parser makes
    "for" the mark of "withdraw", not a preposition of "called"), so "call for" still matches."""
    return [m for c in verb.children if c.dep_ in ("advcl", "ccomp", "xcomp") and c.tag_ == "VB"
            for m in c.children if m.dep_ == "mark" and m.lower_ == "for" and m.i < c.i]


def through_prep_not(obj: Token, token: Token, parts: list[Token], preps_not: tuple[str, ...]) -> bool:
    """Whether a rule's object is read through one of its ``preps_not`` below the trigger ("fired *on*
    the officers"), not a word of the trigger itself ("went *on* strike")."""
    prep = obj.head
    return obj.dep_ == "pobj" and prep.lower_ in preps_not and prep.head.i == token.i and prep not in parts


def compounds(tokens: list[Token]) -> list[Token]:
    """Noun modifiers of the objects, tried last: "rejected an *extradition* request"."""
    return [c for t in tokens for c in t.lefts if c.dep_ == "compound"]
