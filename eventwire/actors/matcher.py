"""Word-bounded, case-aware multi-pattern matching of dictionary entries (one Aho-Corasick pass).

All surface forms go into one automaton keyed by their normalised (lower-cased, folded) text, so a
text is scanned once whatever the dictionary size. Each hit is then checked for word boundaries and
for the entry's case rule: acronyms exactly ("US" is not "us"), names with their capitals ("Turkey"
the country, not the bird; "China", "Chad", "Jordan"), titles and agent terms in any case.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import ahocorasick

from eventwire.actors.dictionary import Entry, Pattern, normalize

__all__ = ["Match", "DictionaryMatcher", "select_longest"]


@dataclass(frozen=True)
class Match:
    start: int
    end: int  # exclusive
    entries: tuple[Entry, ...]  # several only for people sharing a name (picked later by date)
    pattern: Pattern
    stem: bool = False  # a stem pattern that ran on to the end of a longer word


@dataclass(frozen=True)
class _Payload:
    length: int
    pattern: Pattern
    entries: tuple[Entry, ...]
    initials: tuple[int, ...]  # offsets of the capitalised word starts in the pattern


def _initials(text: str) -> tuple[int, ...]:
    return tuple(i for i, c in enumerate(text) if c.isupper() and (i == 0 or not text[i - 1].isalnum()))


class DictionaryMatcher:
    """Finds every entry's surface forms in a text: ``find(text) -> list[Match]`` (overlaps included)."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        # key -> pattern text variant -> payload; a user entry's form replaces builtin ones for that key
        table: dict[str, dict[tuple[str, str, bool], list[tuple[Pattern, Entry]]]] = {}
        for entry in entries:
            for pattern in entry.patterns:
                key = normalize(pattern.text.strip())
                if not key:
                    continue
                variants = table.setdefault(key, {})
                if entry.user and any(not e.user for group in variants.values() for _, e in group):
                    variants.clear()
                elif not entry.user and any(e.user for group in variants.values() for _, e in group):
                    continue
                variants.setdefault((pattern.text.strip(), pattern.case, pattern.prefix), []).append((pattern, entry))
        self.automaton = ahocorasick.Automaton()
        self.size = 0
        for key, variants in table.items():
            payloads: list[_Payload] = []
            for (text, _, _), group in variants.items():
                chosen = _choose(group)
                payloads.append(_Payload(len(key), chosen[0][0], tuple(e for _, e in chosen), _initials(text)))
            self.automaton.add_word(key, tuple(payloads))
            self.size += 1
        if self.size:
            self.automaton.make_automaton()

    def find(self, text: str) -> list[Match]:
        if not self.size:
            return []
        folded = normalize(text)
        original = text.translate(_QUOTES)
        limit = len(folded)
        out: list[Match] = []
        for last, payloads in self._hits(folded):
            for payload in payloads:
                start = last - payload.length + 1
                end = last + 1
                if start > 0 and _word(folded[start - 1]):
                    continue
                stem = False
                if end < limit and _word(folded[end]):
                    if not payload.pattern.prefix:
                        continue
                    stem = True
                    while end < limit and _word(folded[end]):  # a stem runs to the end of its word
                        end += 1
                if not _case_ok(payload, original, start, last + 1):
                    continue
                out.append(Match(start, end, payload.entries, payload.pattern, stem))
        out.sort(key=lambda m: (m.start, -(m.end - m.start)))
        return out

    def _hits(self, folded: str) -> list[tuple[int, tuple[_Payload, ...]]]:
        """Automaton hits on the text, plus those of a spaced term written with a hyphen:
        "attorney-general", "Governor-General" are the titles "attorney general", "governor general",
        not the agent word "general" (the hyphen becomes a space, so offsets still line up)."""
        hits = list(self.automaton.iter(folded))
        spaced = _HYPHEN_IN_WORD.sub(" ", folded)
        if spaced == folded:
            return hits
        hyphens = [i for i, c in enumerate(folded) if c == "-"]
        for last, payloads in self.automaton.iter(spaced):
            kept = tuple(p for p in payloads if any(last - p.length < i < last for i in hyphens))
            if kept:
                hits.append((last, kept))
        return hits


# a hyphen joining two letters ("attorney-general"), not a dash between words or a leading "pro-"
_HYPHEN_IN_WORD = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "–": "-"})


def _word(char: str) -> bool:
    return char.isalnum()


def _case_ok(payload: _Payload, original: str, start: int, end: int) -> bool:
    case = payload.pattern.case
    if case == "any":
        return True
    if case == "exact":
        return original[start:end] == payload.pattern.text.strip().translate(_QUOTES)
    if case == "initial":
        return original[start].isupper()
    span = original[start:end]
    if span.isupper() and len(span) > 3:  # an all-caps headline still names the country
        return True
    return all(span[i].isupper() for i in payload.initials if i < len(span))


def _choose(group: list[tuple[Pattern, Entry]]) -> list[tuple[Pattern, Entry]]:
    """Several entries for one form: people are kept together (the date decides); else the first wins."""
    people = [(p, e) for p, e in group if e.kind == "person"]
    if people and len(people) == len(group):
        unique: dict[int, tuple[Pattern, Entry]] = {}
        for pattern, entry in people:
            unique.setdefault(id(entry), (pattern, entry))
        return list(unique.values())
    # Prefer a non-person entry (a country name over a namesake), a title over the same agent word
    # (a title makes a person), then file order.
    ranked = sorted(group, key=lambda pe: (pe[1].kind == "person", pe[1].kind == "agent"))
    return [ranked[0]]


def select_longest(matches: Sequence[Match]) -> list[Match]:
    """Non-overlapping matches, left to right, the longest at each start (matches sorted as find() does).

    Whole-word matches are chosen first; a stem that ran into a longer word ("THE_KU" in "The
    Kuwait") only fills what they leave free.
    """
    chosen: list[Match] = []
    taken_until = -1
    stems: list[Match] = []
    for match in matches:
        if match.stem:
            stems.append(match)
            continue
        if match.start < taken_until:
            continue
        chosen.append(match)
        taken_until = match.end
    if not stems:
        return chosen
    for match in stems:
        if all(match.end <= other.start or other.end <= match.start for other in chosen):
            chosen.append(match)
    chosen.sort(key=lambda m: m.start)
    return chosen
