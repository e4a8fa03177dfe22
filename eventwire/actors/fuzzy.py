"""One-letter slips in known names: "Mitterand", "Bouteflicka", "Ethopia", "Phillippines".

News copy misspells names, and the CAMEO manual's own examples do too. A capitalised name that the
dictionaries do not know is looked up once more, allowing one letter too many or too few against the
names of states (name, adjective, demonym, capital) and people (full names and surname aliases). Only names
of at least five letters are tried, and only a single candidate is accepted: a slip that could be
two different names is left unresolved. The index stores each known name with every one-letter
deletion, so a look-up is a handful of dict probes.
"""

from __future__ import annotations

from collections.abc import Iterable

from eventwire.actors.dictionary import STATE_KINDS, Entry, normalize

__all__ = ["FuzzyNames", "MIN_LENGTH"]

MIN_LENGTH = 5
_STATE_FORMS = frozenset({"name", "adjective", "demonym", "metonym"})


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class FuzzyNames:
    """Known names by normalised text, and by each one-letter deletion of that text."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.exact: dict[str, list[tuple[Entry, str]]] = {}
        for entry in entries:
            forms: frozenset[str]
            if entry.kind == "person":
                forms = frozenset({"alias"})
            elif entry.kind in STATE_KINDS:
                forms = _STATE_FORMS
            else:
                continue
            for pattern in entry.patterns:
                key = normalize(pattern.text.strip())
                if pattern.form in forms and len(key) >= MIN_LENGTH and key.replace(" ", "").isalpha():
                    self.exact.setdefault(key, []).append((entry, pattern.form))
        self.deleted: dict[str, set[str]] = {}
        for key in self.exact:
            for variant in _deletions(key):
                self.deleted.setdefault(variant, set()).add(key)

    def lookup(self, text: str, *, people: bool) -> tuple[tuple[Entry, ...], str] | None:
        """The entries (and pattern form) a misspelt ``text`` most likely means, or None.

        ``people`` selects person names (True) or state names (False).
        """
        query = normalize(text.strip())
        if len(query) < MIN_LENGTH or query in self.exact:
            return None
        keys = set(self.deleted.get(query, ()))  # a letter missing: "mitterand" <- "mitterrand"
        keys.update(v for v in _deletions(query) if v in self.exact)  # a letter too many
        found: list[tuple[str, tuple[Entry, ...], str]] = []
        for key in keys:
            hits = [(e, form) for e, form in self.exact[key] if (e.kind == "person") == people]
            if hits:
                found.append((key, tuple(e for e, _ in hits), hits[0][1]))
        identities = {e.identity for _, entries, _ in found for e in entries}
        if len(found) != 1 and len(identities) != 1:
            return None
        return found[0][1], found[0][2]
