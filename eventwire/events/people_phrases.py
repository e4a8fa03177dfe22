"""Targets named without a noun of people: a pronoun of people made particular by what follows it
("cracked down on those who marched", "thanked those in the room", "did not recognise someone who
claims the office") and a person named by age alone ("arrested a 34-year-old").

The actor dictionaries and the mention index know nouns; these phrases have a pronoun or an adjective
as their head, so no mention covers them and an act done to them lost its target. They name particular
people, which the gold codes (docs/annotation.md: "each actor has a span in it (a pronoun ... count)").
A bare pronoun is not one of them: "rejected those" points back to things as often as to people, so the
pronoun needs a modifier that says which people (a relative clause, a participle, a place or group
phrase); nor a universal one ("everyone who supported me", "all those who believed"), whoever fits,
nor one a relative clause in the simple present describes as a kind ("those who are guilty"). Only targets: a generic doer ("those who attack") is a kind, not an actor
(:func:`eventwire.events.asserted.is_generic_kind`). The pronouns are data (``people_pronouns`` in
``data/events/syntax.yaml``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.mentions import in_list
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["people_phrase", "PARTICULAR_DEPS"]

# how a modifier that says which people a pronoun means hangs on it: "those who marched" (relcl),
# "everyone involved" (acl or amod), "those in the room" (prep)
PARTICULAR_DEPS = frozenset({"relcl", "acl", "amod", "prep"})
# a quantifier over all the people a pronoun describes ("all those who"), and how it hangs on the pronoun
UNIVERSAL_WORDS = frozenset({"all", "any", "every"})
UNIVERSAL_DEPS = frozenset({"det", "predet", "amod", "quantmod"})
# tags of a present-tense finite verb or auxiliary
PRESENT_TAGS = frozenset({"VBP", "VBZ"})
# the word that ends an age used as a noun ("a 34-year-old"), and the units before it
AGE_HEAD = "old"
AGE_UNITS = frozenset({"year", "years", "month", "months"})


def _aged(token: Token) -> bool:
    """"a 34-year-old", "a 16 year old": an age with no noun after it is the person of that age."""
    if token.lower_ != AGE_HEAD and not token.lower_.endswith(f"-{AGE_HEAD}"):
        return False
    if token.dep_ == "amod":  # "a 21-year-old woman": the noun is the person
        return False
    words = [t.lower_ for t in token.subtree]
    return any(w in AGE_UNITS or w.endswith(("-year", "-year-old")) for w in words) and \
        any(t.like_num for t in token.subtree)


def _kind_clause(clause: Token) -> bool:
    """A relative clause in the simple present says what anyone of a kind does or is ("those who are
    guilty must be punished"), as :func:`eventwire.events.asserted.is_generic_kind` reads it of a doer;
    a past, perfect or future one names the people who did or will ("those who marched")."""
    auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if clause.dep_ != "relcl" or any(a.lemma_.lower() == "have" or a.tag_ == "MD" for a in auxes):
        return False
    return clause.tag_ in PRESENT_TAGS or any(a.tag_ in PRESENT_TAGS for a in auxes)


def _particular(token: Token) -> bool:
    """A pronoun of people with a modifier that says which people: not quantified over all of them
    ("all those who believed in me": whoever did), nor a kind ("those who are guilty")."""
    modifiers = [c for c in token.children if c.dep_ in PARTICULAR_DEPS]
    return in_list(token, "people_pronouns") and bool(modifiers) and not any(_kind_clause(c) for c in modifiers) \
        and not any(c.dep_ in UNIVERSAL_DEPS and c.lower_ in UNIVERSAL_WORDS for c in token.children)


def people_phrase(token: Token) -> Actor | None:
    """An uncoded actor for the people ``token`` names (see the module), spanning the pronoun and its
    modifiers or the whole age phrase; None for anything else."""
    if not (_aged(token) or _particular(token)):
        return None
    # not a pronoun coordinated with it ("those who remain and those who left"): each is its own phrase
    end = max([token.i, *(c.right_edge.i for c in token.children if c.dep_ not in ("conj", "cc"))])
    while end > token.i and token.doc[end].dep_ in ("cc", "punct"):  # the "and" a modifier's clause ends on
        end -= 1
    span = token.doc[token.left_edge.i:end + 1]
    return Actor(text=span.text, start=span.start_char, end=span.end_char, code=None, kind="person")
