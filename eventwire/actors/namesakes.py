"""A known surname after a different given name is another person ("Dan Keating" is not Paul Keating).

The dictionaries list people with short aliases ("Keating", "al-Maliki", "Mandela") so that later
mentions by surname are found. Inside a longer name the tagger found, such an alias is weaker: when
the words before it name someone the entry does not know ("Winnie Mandela", "Francis Beckett",
"Madikizela-Mandela"), the text is about a namesake, and the dictionary person's code would be
wrong. :func:`other_person` says so; the scanner then leaves the name to the mechanisms that code
unknown people (title, description, the article's country). Words that do not contradict: the
entry's own name words, initials, honorifics (data/actors/honorifics.txt) and spelling variants of
a known given name ("Steven" for "Stephen", "Mohammed" for "Mohamed").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from eventwire.actors.dictionary import Entry, normalize
from eventwire.extract.tables import read_words

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventwire.actors.units import Unit

__all__ = ["HONORIFICS_WORDS", "NAMESAKE", "honorifics", "namesake_surnames", "other_person", "same_given_name"]

# the words of address, a file under eventwire/data read by extract.tables.read_words
HONORIFICS_WORDS = "actors/honorifics.txt"
# the form of a person unit found to be a namesake: the article's memory finds it by its whole name
# only, not by the surname it shares with someone named before ("Nelson Mandela ... Zindzi Mandela")
NAMESAKE = "namesake"


@cache
def honorifics() -> frozenset[str]:
    """The words of address in :data:`HONORIFICS_WORDS`, folded."""
    return frozenset(_folded(word) for word in read_words(HONORIFICS_WORDS))


def other_person(doc: Doc, start: int, person: Unit) -> bool:
    """Whether the name words ``doc[start:person.start]`` before a dictionary person's partial alias
    say it is someone else: one capitalised proper noun that is none of the entries' name words nor
    a variant of one. Only for a partial alias (the surname, "al-Maliki"): a person's main name
    ("Ali Khamenei" in "Ayatollah Seyed Ali Khamenei") is the person whatever precedes it."""
    entries = person.entries
    if person.start <= start or not entries or not _partial(doc[person.start:person.end].text, entries):
        return False
    known = _name_words(entries)
    for token in doc[start:person.start]:
        word = _folded(token.text.rstrip("."))
        if token.pos_ != "PROPN" or not token.text[:1].isupper() or len(word) <= 1:
            continue  # "Should al-Maliki ...", a hyphen, an initial ("Paul J. Keating")
        if word in known or word in honorifics() or any(same_given_name(word, k) for k in known):
            continue
        return True
    return False


def namesake_surnames(doc: Doc, units: list[Unit], namesakes: Sequence[Unit]) -> list[Unit]:
    """``units`` with the dictionary person taken off the later bare mentions of a namesake's surname:
    after "Dan Keating", "Keating said" is Dan Keating (the resolver's memory of the article finds
    him), and a dictionary person's country counted for each would make the article Australian.
    Not when the article also names the dictionary person in full: then the surname is ambiguous,
    and left to the dictionary as before."""
    if not namesakes:
        return units
    taken = {_key(doc, u): u.start for u in reversed(namesakes)}
    named = {_key(doc, u)[1] for u in units if u.kind == "P" and u.entries and
             not _partial(doc[u.start:u.end].text, u.entries)}
    out = []
    for unit in units:
        first = taken.get(_key(doc, unit)) if unit.kind == "P" and unit.entries else None
        if first is not None and unit.start > first and _key(doc, unit)[1] not in named:
            unit = replace(unit, entries=())
        out.append(unit)
    return out


def _key(doc: Doc, unit: Unit) -> tuple[str, tuple[str, ...]]:
    """A person unit's text and whom it names, to compare mentions."""
    return _folded(doc[unit.start:unit.end].text), tuple(entry.name for entry in unit.entries)


def _partial(text: str, entries: Sequence[Entry]) -> bool:
    """Whether ``text`` is the end of a longer name the entries list ("Keating" of "Paul Keating",
    "al-Maliki" of "Nouri al-Maliki"), not an entry's main name."""
    found = _folded(text)
    if any(found == _folded(entry.name) for entry in entries):
        return False
    return any(name.endswith(" " + found) for name in _full_names(entries))


def same_given_name(word: str, known: str) -> bool:
    """Two spellings of one given name: same first letter and at most one edit apart, two for names
    of six letters or more ("Steven"/"Stephen"); "Dan" and "Paul" are different names."""
    if word[:1] != known[:1] or min(len(word), len(known)) < 3:
        return False
    limit = 2 if min(len(word), len(known)) >= 6 else 1
    return _distance(word, known, limit) <= limit


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, cut short at ``limit + 1``. Our own: no edit-distance library is among the
    dependencies, and a dozen lines that stop at the limit do not warrant one."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
        if min(row) > limit:
            return limit + 1
    return row[-1]


def _full_names(entries: Sequence[Entry]) -> list[str]:
    return [_folded(name) for entry in entries for name in (entry.name, *(p.text for p in entry.patterns))]


def _name_words(entries: Sequence[Entry]) -> set[str]:
    return {word for name in _full_names(entries) for word in name.replace("-", " ").split()}


def _folded(text: str) -> str:
    """Lower case without accents ("François" is "francois")."""
    return "".join(c for c in unicodedata.normalize("NFKD", normalize(text)) if not unicodedata.combining(c))
