"""The word lists of ``data/events/syntax.yaml`` and the test of a token against one.

Split from :mod:`eventwire.events.mentions` (which re-exports them): modules that the mention index
itself reads (:mod:`eventwire.events.animacy`) need the lists without importing the index.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.data_files import read_shipped_yaml

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["SYNTAX_FILE", "ROLE_LISTS", "syntax_words", "in_list"]

SYNTAX_FILE = Path(__file__).resolve().parent.parent / "data" / "events" / "syntax.yaml"
# word lists read off a mapping of words to their roles, so that a word playing two roles is listed once:
# list name -> (the mapping's name in the file, the role)
ROLE_LISTS = {"harm_act_nouns": ("harm_noun_roles", "act"), "harm_nouns": ("harm_noun_roles", "victim")}


@cache
def syntax_words() -> dict[str, frozenset[str]]:
    """The word lists of ``data/events/syntax.yaml`` as frozensets (lemmas, lower case), with those of
    :data:`ROLE_LISTS`."""
    raw = read_shipped_yaml(SYNTAX_FILE)
    lists = {key: frozenset(str(v).lower() for v in values) for key, values in raw.items() if isinstance(values, list)}
    for name, (mapping, role) in ROLE_LISTS.items():
        lists[name] = frozenset(str(word).lower() for word, roles in raw[mapping].items() if role in roles)
    return lists


def _forms(token: Token) -> set[str]:
    """The lemma plus naive de-inflections of the word: the small model's lemmatizer slips on some
    verbs ("hoped" -> "hop"), and a word list should still recognise them."""
    lower = token.lower_
    forms = {token.lemma_.lower(), lower}
    if lower.endswith("ied"):
        forms.add(lower[:-3] + "y")
    if lower.endswith(("ed", "es")):
        forms.update((lower[:-1], lower[:-2]))
    elif lower.endswith("s"):
        forms.add(lower[:-1])
    if lower.endswith("ing"):
        forms.update((lower[:-3], lower[:-3] + "e"))
    return forms


def in_list(token: Token, name: str) -> bool:
    """Whether a token's lemma (or an obvious inflection of it) is in the named word list."""
    words = syntax_words()[name]
    return token.lemma_.lower() in words or not words.isdisjoint(_forms(token))
