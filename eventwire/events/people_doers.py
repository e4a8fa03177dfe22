"""Doers named by a common noun of people that no dictionary codes: "she was released by her captors",
"a street demonstration by tobacco shop owners".

The mention index takes a common noun as a doer only when it names an institution or a well-known
group (``institutional_heads``: "the court ruled", "gunmen opened fire"), so that "the decision
supported" or "the measures restricted" name no one. A noun whose ordinary sense is a person or a
group of people names someone as surely, whatever its sector: WordNet classes thousands of them
(``data/actors/noun_classes.tsv``, made by tools/wordnet_actor_nouns.py; the actor scanner codes only
those under a sector anchor), and ``people_nouns`` lists the ones met most in the news ("mother",
"owner"). Such a noun where the argument finder reads a doer strictly (the ``by`` agent of a passive,
the ``by`` phrase, possessor or modifier of an event noun) is the event's source with no code: the
scorer and the user see who acted, and the coder guesses no country beyond the article's. A clause's
subject is not read this way: nouns of people there are too often generic ("partners must support
one another"; measured on train: as many wrong events as right ones)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.actors.scan import noun_class_table
from eventwire.events.syntax_lists import in_list

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.mentions import ActorIndex
    from eventwire.records import Actor

__all__ = ["people_doer", "names_people"]


def names_people(token: Token) -> bool:
    """Whether a common noun's ordinary sense is a person or a group of people."""
    if token.pos_ != "NOUN" or token.ent_type_ or not token.is_lower:
        return False  # a capital or a tagged name is the dictionaries' and the tagger's to read
    # every noun of noun_classes.tsv: the ones with a sector name people as much as the others
    nouns = noun_class_table()
    return token.lemma_.lower() in nouns or token.lower_ in nouns or in_list(token, "people_nouns")


def people_doer(index: ActorIndex, token: Token) -> Actor | None:
    """The uncoded actor of a common noun of people in a doer's position, or None."""
    if not names_people(token) or index.covering(token) is not None:
        return None
    return index.unresolved(token, any_head=True)
