"""The article as context: which country a generic agent or an unknown organisation belongs to.

A sentence-level dictionary leaves "the government", "police" or "Senator Smith" without a country.
A reader takes it from the article: the state named just before in the same sentence, else the
country the article is about (the states its title, dateline and text name most). This module
builds that picture once per article from the resolver's units and answers ``country_at(token)``.

It also codes named organisations the dictionaries do not know by the kind their name says ("...
Party" PTY, "Ministry of ..." GOV, "... News Agency" MED), from the word lists in
``eventwire/data/actor_context.yaml``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from eventwire.actors.context import RULES_FILE
from eventwire.actors.dictionary import STATE_KINDS
from eventwire.actors.units import Unit, ethnic
from eventwire.errors import ConfigError

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ArticleContext", "ContextWords", "context_words"]

# A title names what the article is about more surely than one mention in the text: it counts as this
# many mentions; so does a dateline (the place the story was filed from).
TITLE_WEIGHT = 3
DATELINE_WEIGHT = 2
# A state named fewer times than this (title and dateline included) does not make an article "about"
# it: one passing mention in a long article is no evidence for whose government "the government" is.
MIN_MAIN_MENTIONS = 2


@dataclass(frozen=True)
class ContextWords:
    """Word lists of ``actor_context.yaml`` used here (lower case)."""

    foreign: frozenset[str] = frozenset()
    org_kinds: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = ()  # (sector, heads, words in name)
    equipment: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def context_words(path: Path = RULES_FILE) -> ContextWords:
    if not path.is_file():
        return ContextWords()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        kinds = tuple(
            (str(row["sector"]), frozenset(str(w).lower() for w in row.get("heads") or ()),
             frozenset(str(w).lower() for w in row.get("words_in_name") or ()))
            for row in data.get("org_kinds") or ()
        )
        return ContextWords(
            foreign=frozenset(str(w).lower() for w in data.get("foreign_markers") or ()),
            org_kinds=kinds,
            equipment=frozenset(str(w).lower() for w in data.get("equipment_terms") or ()),
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path} is not a valid context-rule file ({exc}); restore it from the release") from exc


def org_sector(name: str, words: ContextWords | None = None) -> str | None:
    """The sector a named organisation's name says it is: "Democratic Progressive Party" -> PTY,
    "Ministry of Defence" -> GOV, "Xinhua News Agency" -> MED; None when the name says nothing."""
    words = words or context_words()
    lowered = [w.strip(".,'\"").lower() for w in name.split()]
    lowered = [w[:-2] if w.endswith("'s") else w for w in lowered if w]
    if not lowered:
        return None
    # "Ministry of Defence", "Supreme Court of Justice": the head is the word before "of"
    head_index = lowered.index("of", 1) - 1 if "of" in lowered[1:] else len(lowered) - 1
    heads = {lowered[head_index], " ".join(lowered[max(0, head_index - 1):head_index + 1]),
             " ".join(lowered[max(0, head_index - 2):head_index + 1])}
    present = set(lowered)
    for sector, head_words, name_words in words.org_kinds:
        if name_words and not name_words.isdisjoint(present):
            return sector
        if head_words and not head_words.isdisjoint(heads):
            return sector
    return None


@dataclass
class ArticleContext:
    """States named in an article, in order, and the one the article is about."""

    anchors: list[tuple[int, str]] = field(default_factory=list)  # (token index, ISO3), in text order
    sentence_of: list[int] = field(default_factory=list)  # token index -> sentence start token
    main: str | None = None
    words: ContextWords = field(default_factory=ContextWords)

    @classmethod
    def build(cls, doc: Doc, units: list[Unit], title_states: list[str] = (), dateline: str | None = None
              ) -> ArticleContext:
        anchors: list[tuple[int, str]] = []
        for unit in units:
            if unit.kind != "M" or not unit.entries:
                continue
            entry = unit.entries[0]
            if entry.kind not in STATE_KINDS or not entry.code or ethnic(doc, unit):
                continue
            if unit.start > 0 and doc[unit.start - 1].text == "-" and not doc[unit.start - 1].whitespace_:
                continue  # "pro-Russian": not a mention of whose story this is
            anchors.append((unit.start, entry.code))
        counts: Counter[str] = Counter(code for _, code in anchors)
        for code in title_states:
            counts[code] += TITLE_WEIGHT
        if dateline:
            counts[dateline] += DATELINE_WEIGHT
        first_seen = {code: k for k, code in reversed(list(enumerate([*title_states, *(c for _, c in anchors)])))}
        main = None
        if counts:
            best = max(counts.items(), key=lambda item: (item[1], -first_seen.get(item[0], 10**9)))
            if best[1] >= MIN_MAIN_MENTIONS:
                main = best[0]
        sentence_of = [0] * len(doc)
        for sent in doc.sents:
            for k in range(sent.start, sent.end):
                sentence_of[k] = sent.start
        return cls(anchors, sentence_of, main, context_words())

    def country_at(self, doc: Doc, start: int) -> str | None:
        """The country of a generic agent whose phrase starts at token ``start``: the nearest state
        named before it in the same sentence, else the country the article is about. None when the
        agent is marked as foreign ("foreign troops") or the article names no state clearly."""
        if self.is_foreign(doc, start):
            return None
        positions = [k for k, _ in self.anchors]
        at = bisect_right(positions, start - 1) - 1
        if at >= 0 and self.sentence_of[self.anchors[at][0]] == self.sentence_of[start]:
            return self.anchors[at][1]
        return self.main

    def person_country(self, doc: Doc, start: int) -> str | None:
        """The country of a person named without a title or dictionary entry: the article's (people
        in a story are mostly its own), else the state named just before in the sentence."""
        if self.is_foreign(doc, start):
            return None
        return self.main or self.country_at(doc, start)

    def is_foreign(self, doc: Doc, start: int) -> bool:
        """"foreign troops", "international observers": the words just before the phrase say the
        agent is not the article's own."""
        return any(doc[k].lower_ in self.words.foreign for k in range(max(0, start - 2), start))

    def last_state(self, before: int) -> str | None:
        """The state named last before token ``before`` ("the country" refers to it)."""
        positions = [k for k, _ in self.anchors]
        at = bisect_right(positions, before - 1) - 1
        return self.anchors[at][1] if at >= 0 else self.main
