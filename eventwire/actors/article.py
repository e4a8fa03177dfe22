"""The article as context: which country a generic agent or an unknown organisation belongs to.

A sentence-level dictionary leaves "the government", "police" or "Senator Smith" without a country.
A reader takes it from the article: the state named just before in the same sentence, else the
country the article is about (the states its title, dateline and text name most, counting the people
the dictionaries know by their country). This module
builds that picture once per article from the resolver's units and answers ``country_at(token)``.

It also codes named organisations the dictionaries do not know by the kind their name says ("...
Party" PTY, "Ministry of ..." GOV, "... News Agency" MED), from the word lists in
``eventwire/data/actor_context.yaml``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.actors.cities import city_country, region_country
from eventwire.actors.context import RULES_FILE
from eventwire.actors.dictionary import STATE_KINDS
from eventwire.actors.people import role_at
from eventwire.actors.units import Unit, ethnic, joins
from eventwire.data_files import read_shipped_yaml, shipped_file_error

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["ArticleContext", "ContextWords", "context_words", "has_form", "org_sector", "title_cities", "area_codes"]

REGIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "actors" / "regions.yaml"

# A title names what the article is about more surely than one mention in the text: it counts as this
# many mentions; so does a dateline (the place the story was filed from).
TITLE_WEIGHT = 3
DATELINE_WEIGHT = 2
# A state named fewer times than this (title and dateline included) does not make an article "about"
# it: one passing mention in a long article is no evidence for whose government "the government" is.
MIN_MAIN_MENTIONS = 2
# A person no dictionary knows is given the article's country only when the article is clearly about
# one state: named this often, and this share of all state mentions (a two-country story does not say
# which side an unknown "Roberts" is on).
PERSON_MAIN_MENTIONS = 3
PERSON_MAIN_SHARE = 0.4
# "Kurdish-led forces", "UN-backed government": the word before the hyphen owns the agent.
OWNER_PARTICIPLES = frozenset({"led", "backed", "sponsored", "funded", "supported", "controlled", "run", "allied"})


@lru_cache(maxsize=1)
def area_codes() -> frozenset[str]:
    """The codes of world regions and blocs (data/actors/regions.yaml: MEA, ASA, WST ...): they load
    like states, but no one's government or police is theirs, and they are no person's country."""
    data = read_shipped_yaml(REGIONS_FILE)
    return frozenset(str(e["iso3"]) for e in data.get("entries") or () if e.get("kind") == "area" and e.get("iso3"))


@dataclass(frozen=True)
class ContextWords:
    """Word lists of ``actor_context.yaml`` used here (lower case)."""

    foreign: frozenset[str] = frozenset()
    org_kinds: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = ()  # (sector, heads, words in name)
    equipment: frozenset[str] = frozenset()
    things: frozenset[str] = frozenset()
    family_first: frozenset[str] = frozenset()  # ISO3 of countries whose names put the family name first
    # form of government -> ISO3 of the states that have it ("kingdom" -> SAU, JOR ...)
    state_forms: tuple[tuple[str, frozenset[str]], ...] = ()
    outsiders: frozenset[str] = frozenset()  # sectors of agent words no named body owns ("supporters of X")
    owned_roles: frozenset[str] = frozenset()  # people who act for the body their "of" phrase names


@lru_cache(maxsize=4)
def context_words(path: Path = RULES_FILE) -> ContextWords:
    if not path.is_file():
        return ContextWords()
    try:
        data = read_shipped_yaml(path)
        kinds = tuple(
            (str(row["sector"]), frozenset(str(w).lower() for w in row.get("heads") or ()),
             frozenset(str(w).lower() for w in row.get("words_in_name") or ()))
            for row in data.get("org_kinds") or ()
        )
        return ContextWords(
            foreign=frozenset(str(w).lower() for w in data.get("foreign_markers") or ()),
            org_kinds=kinds,
            equipment=frozenset(str(w).lower() for w in data.get("equipment_terms") or ()),
            things=frozenset(str(w).lower() for w in data.get("thing_heads") or ()),
            family_first=frozenset(str(w).upper() for w in data.get("family_name_first") or ()),
            state_forms=tuple((str(form).lower(), frozenset(str(c).upper() for c in codes or ()))
                              for form, codes in (data.get("state_forms") or {}).items()),
            outsiders=frozenset(str(w).upper() for w in data.get("outsider_sectors") or ()),
            owned_roles=frozenset(str(w).lower() for w in data.get("owned_roles") or ()),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise shipped_file_error(path, exc) from exc


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
    present = set(lowered)
    for sector, _heads, name_words in words.org_kinds:
        if name_words and not name_words.isdisjoint(present):
            return sector
    for size in (3, 2, 1):  # the longest head first: "News Agency" is media, a bare "Agency" government
        head = " ".join(lowered[max(0, head_index - size + 1):head_index + 1])
        for sector, head_words, _words in words.org_kinds:
            if head in head_words:
                return sector
    return None


@dataclass
class ArticleContext:
    """States named in an article, in order, and the one the article is about."""

    anchors: list[tuple[int, str]] = field(default_factory=list)  # (token index, ISO3), in text order
    # states named on their own ("Lebanon", "in Karachi"), not as the owner of another actor: "Israeli
    # troops killed villagers" does not make the villagers Israeli
    bare: list[tuple[int, str]] = field(default_factory=list)
    state_at: dict[int, str] = field(default_factory=dict)  # every token of a state mention -> ISO3
    sentence_of: list[int] = field(default_factory=list)  # token index -> sentence start token
    main: str | None = None
    person_main: str | None = None  # main, when the article is clearly about it (for unknown people)
    words: ContextWords = field(default_factory=ContextWords)

    @classmethod
    def build(cls, doc: Doc, units: list[Unit], title_states: Sequence[str] = (), dateline: str | None = None,
              day: date | None = None) -> ArticleContext:
        anchors: list[tuple[int, str]] = []
        bare: list[tuple[int, str]] = []
        state_at: dict[int, str] = {}
        people: list[str] = []  # countries of the people the dictionaries know: Obama speaks for the USA
        for index, unit in enumerate(units):
            if unit.kind == "P" and unit.entries:
                role = role_at(unit.entries, day)[1]
                if role is not None and role.country:
                    people.append(role.country)
            name = doc[unit.start:unit.end].text if unit.kind == "X" and unit.label == "GPE" else None
            city = (city_country(name) or region_country(name)) if name else None
            if city is not None:  # "in Karachi", "Oxford": a known city says where the story is
                anchors.append((unit.start, city))
                bare.append((unit.start, city))
                continue
            if unit.kind != "M" or not unit.entries:
                continue
            entry = unit.entries[0]
            if entry.kind not in STATE_KINDS or not entry.code or ethnic(doc, unit) or entry.code in area_codes():
                continue  # "the Middle East" is where things happen, not whose "government" it is
            if unit.start > 0 and doc[unit.start - 1].text == "-" and not doc[unit.start - 1].whitespace_:
                continue  # "pro-Russian": not a mention of whose story this is
            anchors.append((unit.start, entry.code))
            state_at.update((k, entry.code) for k in range(unit.start, unit.end))
            following = units[index + 1] if index + 1 < len(units) else None
            owned = following is not None and (following.kind in ("T", "A", "P") or following.kind == "M" and
                                               following.entries[0].kind in ("group", "institution"))
            if following is None or not owned or not joins(doc, unit, following, possessive=True):  # "British Conservative Party"
                bare.append((unit.start, entry.code))
        counts: Counter[str] = Counter(code for _, code in anchors)
        counts.update(people)
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
        total = sum(counts.values())
        person_main = main if main and counts[main] >= PERSON_MAIN_MENTIONS and \
            counts[main] >= PERSON_MAIN_SHARE * total else None
        sentence_of = [0] * len(doc)
        for sent in doc.sents:
            for k in range(sent.start, sent.end):
                sentence_of[k] = sent.start
        return cls(anchors, bare, state_at, sentence_of, main, person_main, context_words())

    def country_at(self, doc: Doc, start: int) -> str | None:
        """The country of a generic agent whose phrase starts at token ``start``: the nearest state
        named before it in the same sentence, else the country the article is about. None when the
        agent is marked as foreign ("foreign troops") or the article names no state clearly."""
        if self.is_foreign(doc, start):
            return None
        return self.sentence_state(doc, start) or self.main

    def sentence_state(self, doc: Doc, start: int) -> str | None:
        """The nearest state named on its own before token ``start`` in the same sentence, if any
        (what :meth:`country_at` tries before the article's country); None for a foreign agent."""
        if self.is_foreign(doc, start):
            return None
        at = bisect_right(self.bare, start - 1, key=lambda pair: pair[0]) - 1
        if at >= 0 and self.sentence_of[self.bare[at][0]] == self.sentence_of[start]:
            return self.bare[at][1]
        return None

    def stated_place(self, doc: Doc, head: int) -> str | None:
        """The state a coordinated phrase places the agent in: "the government and people of Saudi
        Arabia", "officials and advocates in the UK" (the parser hangs "of"/"in" on the last conjunct)."""
        token = doc[head]
        for word in (token, *token.conjuncts):
            for prep in word.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
                    for obj in prep.children:
                        if obj.dep_ == "pobj" and obj.i in self.state_at:
                            return self.state_at[obj.i]
        return None

    def from_elsewhere(self, doc: Doc, head: int) -> bool:
        """"lawmakers from 46 European countries", "observers from other nations": an origin given
        after the agent that is no single state."""
        after = doc[head + 1] if head + 1 < len(doc) else None
        if after is None or after.lower_ != "from":
            return False
        objects = [c for c in after.children if c.dep_ == "pobj"]
        return bool(objects) and objects[0].lemma_.lower() in ("country", "nation", "state", "continent", "world")

    def person_country(self, doc: Doc, start: int) -> str | None:
        """The country of a person named without a title or dictionary entry: the article's (people
        in a story are mostly its own). Not the state named just before: "Ecuador granted asylum to
        Julian Assange" does not make him Ecuadorian."""
        return None if self.is_foreign(doc, start) else self.person_main

    def is_foreign(self, doc: Doc, start: int) -> bool:
        """"foreign troops", "international observers": the words just before the phrase say the
        agent is not the article's own."""
        if start > 0 and doc[start - 1].lower_ in OWNER_PARTICIPLES:
            return True  # "Kurdish-led forces": someone else's
        return any(doc[k].lower_ in self.words.foreign for k in range(max(0, start - 2), start))

    def last_state(self, before: int, form: str = "country") -> str | None:
        """The state named last before token ``before`` ("the country" refers to it), of the form of
        government a description names ("the kingdom": the last kingdom; :func:`has_form`)."""
        positions = [k for k, _ in self.anchors]
        at = bisect_right(positions, before - 1) - 1
        forms = self.words.state_forms
        while at >= 0 and not has_form(self.anchors[at][1], form, forms):
            at -= 1
        if at >= 0:
            return self.anchors[at][1]
        return self.main if self.main is not None and has_form(self.main, form, forms) else None


def has_form(code: str, form: str, forms: tuple[tuple[str, frozenset[str]], ...]) -> bool:
    """Whether a state has the form of government a head noun names, by ``forms`` (a context-rule file's
    ``state_forms``): any state is a "country"; a "kingdom", "emirate" ... is one of the states listed so;
    a "republic" is none of them."""
    for name, codes in forms:
        if name == form:
            return code in codes
    if form == "republic":
        return not any(code in codes for _, codes in forms)
    return True


def title_cities(title: str) -> list[str]:
    """Countries of the known cities a headline names ("Oxford march supports animal testing")."""
    words = [w.strip(".,:;!?'\"()") for w in title.split()]
    found: list[str] = []
    for k, word in enumerate(words):
        if len(word) < 4 or not word[:1].isupper():
            continue
        pair = f"{word} {words[k + 1]}" if k + 1 < len(words) else ""
        country = (city_country(pair) if pair else None) or city_country(word)
        if country:
            found.append(country)
    return found
