"""Who does a participle hung on a clause that has no subject to lend it.

Split from :mod:`eventwire.events.clauses` (whose ``clause_subjects`` asks it for a verb without a
subject of its own). A passive verb has no ``nsubj`` to lend, so an adjunct participle under it found
no source and its trigger made no candidate ("trigger, no arguments" in bench/realnews_misses.py).
The one the passive is about does the participle's act:

* a bare participle complement: "eleven protesters were arrested demonstrating outside the
  conference" (they demonstrated), "he was caught smuggling arms", "was killed fighting the rebels";
* a participle after "while", "whilst" or "when", as a marked clause or as the object of the word
  the parser reads as a preposition: "were arrested on Friday whilst protesting against the king",
  "was shot when trying to flee";
* and the gerund of a predicate adjective of achievement is done by the copula's subject, which
  ``clause_subjects`` reads through :func:`achievement_copula` ("Pakistan has been successful in
  fighting extremists", "was instrumental in brokering the truce"; ``achievement_adjectives``).

Not an infinitive of purpose ("was arrested to stop the march": the arresters' purpose), nor a
participle after "before"/"after" without an object ("was found dead hours before questioning": it
may be passive, see ``PASSIVE_ADJUNCT_PREPS`` in clauses), nor a participle with a passive
auxiliary of its own ("while being questioned": undergone, not done).

An intention noun made or carried out in the passive (:func:`owner_agents`) is its ``by`` agent's, as
its possessor's would be: "attempts to disperse the protest were carried out by police", "the efforts
being made by the government to persuade the rebels" (the police disperse, the government persuades);
only through a verb of owning or carrying out (``owner_verbs``): "the attempts to storm the town
were foiled by the army" are not the army's. A chance given to someone (:func:`given_chance`) is
nobody's act yet: "gave the rebels a chance to surrender" is no surrender, and no act of the giver.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.syntax_lists import in_list

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["SIMULTANEITY_WORDS", "achievement_copula", "given_chance", "owner_agents", "passive_adjunct_doer"]

# words that set a participle at the time of the main act, so that the main clause's subject does it
SIMULTANEITY_WORDS = frozenset({"while", "whilst", "when"})
_PASSIVE_MARKS = frozenset({"auxpass", "nsubjpass"})


def _passive_subject(verb: Token) -> Token | None:
    """The surface subject of a passive verb (one with a passive auxiliary and subject), else None."""
    deps = {c.dep_ for c in verb.children}
    if not deps >= _PASSIVE_MARKS or "nsubj" in deps:
        return None
    return next(c for c in verb.children if c.dep_ == "nsubjpass")


def _simultaneous_governor(verb: Token) -> Token | None:
    """The verb a participle is set beside by "while/whilst/when": as the participle's own mark or adverb
    ("while protesting", advcl) or as the word the parser reads as a preposition (pcomp)."""
    if verb.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in SIMULTANEITY_WORDS for c in verb.children):
        return verb.head
    if verb.dep_ == "pcomp" and verb.head.lower_ in SIMULTANEITY_WORDS and verb.head.dep_ in ("prep", "advcl", "advmod"):
        return verb.head.head
    return None


def passive_adjunct_doer(verb: Token) -> Token | None:
    """The passive subject that does a participle adjunct ``verb`` (see the module docstring), or None."""
    if verb.tag_ != "VBG" or any(c.dep_ in ("auxpass", "nsubj", "nsubjpass") for c in verb.children):
        return None
    if verb.dep_ == "xcomp":
        governor: Token | None = verb.head
    else:
        governor = _simultaneous_governor(verb)
    if governor is None or governor.pos_ not in ("VERB", "AUX"):
        return None
    return _passive_subject(governor)


def achievement_copula(verb: Token) -> Token | None:
    """The copula whose subject did the gerund ``verb`` of "<copula> successful in <gerund>", or None."""
    prep = verb.head
    adjective = prep.head
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or prep.dep_ != "prep" or prep.lower_ != "in":
        return None
    if adjective.pos_ != "ADJ" or adjective.dep_ != "acomp" or not in_list(adjective, "achievement_adjectives"):
        return None
    copula = adjective.head
    return copula if copula.pos_ in ("VERB", "AUX") else None


def owner_agents(noun: Token) -> list[Token]:
    """The ``by`` agents of a verb of owning or carrying out (``owner_verbs``) whose passive subject the
    intention noun is ("attempts ... were carried out by police"), or which follows it as a participle
    ("the efforts being made by the government"); see the module docstring."""
    verbs = [noun.head] if noun.dep_ == "nsubjpass" else []
    verbs += [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    for verb in verbs:
        if verb.pos_ in ("VERB", "AUX") and in_list(verb, "owner_verbs"):
            agents = [o for by in verb.children if by.dep_ == "agent" or (by.dep_ == "prep" and by.lower_ == "by")
                      for o in by.children if o.dep_ == "pobj"]
            if agents:
                return agents
    return []


def given_chance(noun: Token) -> bool:
    """Whether an intention noun is a chance (``opportunity_nouns``) given to someone, the object of a
    verb with a dative ("gave the rebels a chance to surrender"): its infinitive is nobody's act."""
    return noun.dep_ in ("dobj", "obj") and in_list(noun, "opportunity_nouns") and any(
        c.dep_ in ("dative", "iobj") for c in noun.head.children)
