"""Finding the units of an article: dictionary hits, NER spans, pronouns and proper-noun runs.

:class:`UnitScanner` holds what the scan needs (the dictionary automaton, lemma look-ups, context
rules) and turns a parsed article into sorted, non-overlapping :class:`Unit` pieces that the resolver
composes into actors. It also reads the article's title for the states it names, and turns "the
country" into the state named last before it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.actors.article import ArticleContext, context_words, org_sector, title_cities
from eventwire.actors.context import AmbiguityRules
from eventwire.actors.dictionary import BUILTIN_DIR, STATE_KINDS, ActorDictionary, Entry, normalize
from eventwire.actors.fuzzy import FuzzyNames
from eventwire.actors.matcher import DictionaryMatcher, select_longest
from eventwire.actors.namesakes import NAMESAKE, namesake_surnames, other_person
from eventwire.actors.units import CLASS_SOURCE, Unit
from eventwire.nlp import NAMED_THING_LABELS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["UnitScanner", "KIND_NAMED", "NER_LABELS", "PRONOUN_GENDER", "currency_prefix", "noun_classes"]

NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_UNIT_OF_KIND = {"person": "P", "title": "T", "agent": "A"}
PRONOUN_GENDER = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m"}
# "he"/"she" in any role; "him"/"her" only as objects ("her" before a noun is a possessive)
_SUBJECT_PRONOUNS = frozenset({"he", "she"})
_OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "obj", "iobj"})
# Definite descriptions that refer back: "the country" to the last state, "the group" to the last group.
# "the kingdom", "the emirate", "the republic" name a state by the kind of state it is, as "the country"
# does: the state named last before them ("Saudi Arabia denied it. The kingdom accused Canada ...").
_STATE_HEADS = frozenset({"country", "kingdom", "republic", "emirate", "sultanate", "principality"})
DEFINITE_HEADS = frozenset({"nation", "group", "organisation", "organization", "movement", "body",
                            "alliance", "bloc", *_STATE_HEADS})
# "the nation" is the country the article is about, not the state named last ("Australia will withdraw
# its troops from Iraq ... the nation's foreign minister" is Australia's; "an address to the nation").
_HOME_COUNTRY_HEADS = frozenset({"nation"})
DEFINITE_DETS = frozenset({"the", "this", "that"})
# Common nouns WordNet classes as people or groups (tools/wordnet_actor_nouns.py); their units carry
# the form CLASS_SOURCE (eventwire.actors.units)
NOUN_CLASSES_FILE = BUILTIN_DIR / "noun_classes.tsv"
# the file's classes of the nouns WordNet puts under no sector anchor: listed there, not used
_NO_SECTOR_CLASSES = frozenset({"person", "group"})
# the form of a modifier unit made from an organisation the dictionaries do not know whose name says
# its kind ("Meridian Broadcasting Corporation": MED): its country is the article's (the resolver's)
KIND_NAMED = "kind-named"
# a class noun inside a name the tagger found is part of that name ("the Heritage Foundation")
_NAME_LABELS = frozenset({*NER_LABELS, *NAMED_THING_LABELS, "FAC", "PRODUCT", "LOC"})


class UnitScanner:
    """The units of a parsed article (see the module docstring)."""

    def __init__(self, dictionary: ActorDictionary, rules: AmbiguityRules | None = None) -> None:
        self.dictionary = dictionary
        self.matcher = DictionaryMatcher(dictionary.entries)
        self.rules = rules or AmbiguityRules.load()
        self.fuzzy = FuzzyNames(dictionary.entries)
        self.equipment = context_words().equipment
        self.things = context_words().things
        self.state_by_code: dict[str, Entry] = {}
        for entry in dictionary.entries:
            if entry.kind == "state" and entry.code:
                self.state_by_code.setdefault(entry.code, entry)
        # single-word titles and agent terms by lemma, so "officials"/"troops" need no plural entry
        self.by_lemma: dict[str, Entry] = {}
        for entry in dictionary.entries:
            if entry.kind in ("title", "agent"):
                for pattern in entry.patterns:
                    key = normalize(pattern.text)
                    held = self.by_lemma.get(key)
                    if " " not in key and (held is None or entry.user or (held.kind, entry.kind) == ("agent", "title")):
                        self.by_lemma[key] = entry
        self.classes = noun_classes()

    # -- units -------------------------------------------------------------------------------
    def _units(self, doc: Doc) -> list[Unit]:
        """The article's units, in order: the dictionary's phrases, the tagger's names, then single words
        (pronouns, definite heads, agent terms and class nouns) and runs of unknown proper nouns."""
        units, owner = self._dictionary_units(doc)
        units = self._with_names(doc, units, owner)
        self._add_word_units(doc, units)
        units.sort(key=lambda u: u.start)
        return units

    def _dictionary_units(self, doc: Doc) -> tuple[list[Unit], list[int]]:
        """The dictionary's longest phrases as units, and the unit that owns each token (-1: none)."""
        text = doc.text
        starts = [t.idx for t in doc]
        owner: list[int] = [-1] * len(doc)
        units: list[Unit] = []
        for match in select_longest(self.matcher.find(text)):
            first = bisect_right(starts, match.start) - 1
            last = bisect_left(starts, match.end)
            if first < 0 or last <= first or any(owner[k] >= 0 for k in range(first, last)):
                continue
            kind = _UNIT_OF_KIND.get(match.entries[0].kind, "M")
            if kind == "T" and doc[last - 1].pos_ not in ("NOUN", "PROPN"):
                continue  # "major differences": a title word used as an adjective
            if kind == "M" and self.rules.reject(match.entries[0], doc, first, text[match.start:match.end]):
                continue
            if kind == "M" and currency_prefix(text, match.end):
                continue  # "US$5 million", "AU$1 million": a currency, not the state or the African Union
            for k in range(first, last):
                owner[k] = len(units)
            units.append(Unit(first, last, match.start, match.end, kind, match.entries, match.pattern.form))
        return units, owner

    def _with_names(self, doc: Doc, units: list[Unit], owner: list[int]) -> list[Unit]:
        """The units with the tagger's names: a name the dictionary did not see is a unit of its own; a
        person's name replaces the phrases inside it (its leading titles stay); a name "of <state>" is
        one organisation."""
        text = doc.text
        dropped: set[int] = set()
        added: list[Unit] = []
        namesakes: list[Unit] = []
        for ent in doc.ents:
            if ent.label_ not in NER_LABELS and ent.label_ != "WORK_OF_ART" or currency_prefix(text, ent.end_char):
                continue
            inside = sorted({owner[k] for k in range(ent.start, ent.end) if owner[k] >= 0})
            if any(units[i].start < ent.start or units[i].end > ent.end for i in inside):
                continue  # the dictionary saw a longer phrase: trust it
            if ent.label_ in ("ORG", "WORK_OF_ART") and _named_after_state(doc, ent.start, [units[i] for i in inside]):
                # "The Times of India": the state is part of a name, not the owner of what follows
                dropped.update(inside)
                added.append(Unit(ent.start, ent.end, ent.start_char, ent.end_char, "X",
                                  tuple(units[k].entries[0] for k in inside), label="ORG"))
                continue
            if ent.label_ not in NER_LABELS:
                continue
            inner = [units[i] for i in inside]
            body = _body_before_title(doc, ent, inner, units, owner)
            if body is not None:
                dropped.update(inside)
                added.append(body)
                continue
            if ent.label_ != "PERSON" and not _titled_name(doc, ent.start, ent.end, inner) and \
                    not _named_by_title(doc, ent.start, ent.end, inner, units, owner):
                if not inside:
                    added.append(self._unknown_name(doc, ent.start, ent.end, "X", ent.label_))
                continue
            cursor = ent.start  # leading modifiers and titles stay ("President Barack Obama" as one span)
            for i in inside:
                if units[i].start == cursor and units[i].kind in "MTA":
                    cursor = units[i].end
            if cursor >= ent.end:
                continue
            people = [units[i] for i in inside if units[i].start >= cursor and units[i].kind == "P"]
            entries = people[-1].entries if people else ()
            namesake = bool(people) and other_person(doc, cursor, people[-1])
            if namesake:
                entries = ()  # "Dan Keating" is not Paul Keating: a namesake, coded as an unknown person
                namesakes.append(people[-1])
            elif not entries:  # "Francois Mitterand": a one-letter slip in a known surname
                slip = self.fuzzy.lookup(doc[ent.end - 1].text, people=True)
                entries = slip[0] if slip else ()
            dropped.update(i for i in inside if units[i].start >= cursor)
            added.append(Unit(cursor, ent.end, doc[cursor].idx, ent.end_char, "P", entries,
                              NAMESAKE if namesake else None, label="PERSON"))
        return namesake_surnames(doc, [u for i, u in enumerate(units) if i not in dropped] + added, namesakes)

    def _add_word_units(self, doc: Doc, units: list[Unit]) -> None:
        """Adds to ``units`` the single words the phrases and names left (pronouns, definite heads, agent
        terms by lemma, class nouns) and the runs of proper nouns they left, as unknown names."""
        covered = bytearray(len(doc))
        for unit in units:
            covered[unit.start : unit.end] = b"\x01" * (unit.end - unit.start)
        run_start = -1
        for token in doc:
            i = token.i
            if covered[i]:
                run_start = self._close_run(doc, units, run_start, i)
                continue
            pos = token.pos_
            if pos == "PROPN":
                if run_start < 0:
                    run_start = i
                continue
            run_start = self._close_run(doc, units, run_start, i)
            lower = token.lower_
            if lower in PRONOUN_GENDER and (lower in _SUBJECT_PRONOUNS or token.dep_ in _OBJECT_DEPS or
                                            token.dep_ == "poss"):
                units.append(Unit(i, i + 1, token.idx, token.idx + len(token), "PRON", form=lower))
            elif pos == "NOUN" and lower in DEFINITE_HEADS and i > 0 and doc[i - 1].lower_ in DEFINITE_DETS and \
                    (lower != "body" or token.dep_ == "nsubj"):  # "the body was found" is a corpse
                units.append(Unit(i - 1, i + 1, doc[i - 1].idx, token.idx + len(token), "DEF", form=lower))
            elif pos == "NOUN":
                entry = self.by_lemma.get(token.lemma_.lower()) or self.by_lemma.get(lower)
                if entry is not None:
                    units.append(Unit(i, i + 1, token.idx, token.idx + len(token),
                                       _UNIT_OF_KIND[entry.kind], (entry,), "term"))
                elif (entry := self._class_noun(doc, i)) is not None:
                    units.append(Unit(i, i + 1, token.idx, token.idx + len(token), "A", (entry,), CLASS_SOURCE))
        self._close_run(doc, units, run_start, len(doc))

    def _class_noun(self, doc: Doc, i: int) -> Entry | None:
        """The class entry of a common noun the hand list does not know ("the regulators", "a coroner"),
        when it heads a phrase of its own: written in lower case (a capital is a name, except first in
        a sentence), not part of a name the tagger found, not modifying another noun ("committee
        hearings") nor modified by one ("an advertising agency"), and without an "of" phrase, which
        says whose it is ("members of the party", "one of the crew")."""
        token = doc[i]
        entry = self.classes.get(token.lemma_.lower()) or self.classes.get(token.lower_)
        if entry is None or not (token.is_lower or token.is_sent_start and token.is_title):
            return None
        if token.ent_type_ in _NAME_LABELS:
            return None
        if token.dep_ in ("compound", "amod", "nmod") and token.head.i > i:
            return None
        if any(child.dep_ == "prep" and child.lower_ == "of" for child in token.children):
            return None
        if any(child.dep_ == "compound" and child.pos_ == "NOUN" for child in token.children):
            return None  # "an advertising agency", "a university department": a kind the class does not say
        return entry

    def _close_run(self, doc: Doc, units: list[Unit], run_start: int, end: int) -> int:
        if run_start >= 0:
            units.append(self._unknown_name(doc, run_start, end, "C", None))
        return -1

    def _unknown_name(self, doc: Doc, start: int, end: int, kind: str, label: str | None) -> Unit:
        """A name the dictionaries miss: a state when it is a one-letter slip of one ("Ethopia",
        "Phillippines"), otherwise an unresolved NER span (X) or proper-noun run (C)."""
        cstart, cend = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
        if label != "PERSON" and doc[start].is_title:
            slip = self.fuzzy.lookup(doc[start:end].text, people=False)  # not doc.text: that joins the doc
            if slip is not None:
                return Unit(start, end, cstart, cend, "M", slip[0], slip[1])
        return Unit(start, end, cstart, cend, kind, label=label)

    # -- composition -------------------------------------------------------------------------
    def _names_a_thing(self, doc: Doc, unit: Unit) -> bool:
        """"Two Katyusha rockets": an unknown name that only modifies a weapon or vehicle is part of
        the thing's name, not an actor."""
        token = doc[unit.end - 1]
        head = token.head
        return token.dep_ == "compound" and head.i >= unit.end and head.lower_ in self.things

    def _equipment_modifier(self, doc: Doc, unit: Unit) -> bool:
        """"the artillery shelling", "tank fire": equipment modifying another noun is no actor."""
        token = doc[unit.end - 1]
        if token.lower_ not in self.equipment or token.i + 1 >= len(doc):
            return False
        if token.dep_ in ("compound", "nmod", "amod") and token.head.i >= unit.end:
            return True  # "tank fire", "the artillery shelling" (its head tagged noun or gerund)
        # the small parser reads "the artillery shelling killed" as artillery doing the shelling; a
        # gerund right after the word that does not govern it is the noun it modifies
        after = doc[token.i + 1]
        return after.lower_.endswith("ing") and token.head.i != after.i

    def _title_states(self, title: str | None) -> list[str]:
        """The states a headline names ("Pakistan", "Iranian"), in order."""
        if not title:
            return []
        matches = select_longest(self.matcher.find(title))
        states = [m.entries[0].code for m in matches if m.entries[0].kind in STATE_KINDS and m.entries[0].code]
        rest = list(title)  # words of dictionary names ("African Union") are not city names ("Union")
        for m in matches:
            rest[m.start:m.end] = " " * (m.end - m.start)
        return states + title_cities("".join(rest))

    def _definite_states(self, units: list[Unit], context: ArticleContext) -> list[Unit]:
        """"the country" (or "the kingdom", "the republic" ...) becomes the state named last before it,
        so "the country's foreign minister" composes as that state's minister, and "the nation" the
        article's country; each stays a DEF unit when no state is known."""
        out: list[Unit] = []
        for unit in units:
            if unit.kind == "DEF" and unit.form in (*_STATE_HEADS, *_HOME_COUNTRY_HEADS):
                code = context.main if unit.form in _HOME_COUNTRY_HEADS else \
                    context.last_state(unit.start, unit.form or "country")
                entry = self.state_by_code.get(code or "")
                if entry is None:
                    continue
                unit = replace(unit, kind="M", entries=(entry,), form="definite")
            out.append(unit)
        return out


def currency_prefix(text: str, end: int) -> bool:
    """Whether the name ending at character ``end`` is the prefix of a currency amount: "US$5",
    "AU$ 40", "US $200" (a dollar sign right after it, or after one space and before a digit)."""
    if text[end:end + 1] == "$":
        return True
    return text[end:end + 2] == " $" and text[end + 2:end + 3].isdigit()


def _titled_name(doc: Doc, start: int, end: int, inside: list[Unit]) -> bool:
    """"General Sonthi" tagged as an organisation: leading titles and then only names the dictionary
    does not know are a person with a title, whatever label the tagger gave."""
    if not inside or any(u.kind != "T" for u in inside) or inside[0].start != start or inside[-1].end >= end:
        return False
    return all(doc[k].pos_ == "PROPN" and doc[k].is_title for k in range(inside[-1].end, end))


def _body_before_title(doc: Doc, ent: Span, inside: list[Unit], units: list[Unit], owner: list[int]) -> Unit | None:
    """"Meridian Broadcasting Corporation spokesman Tom Reed": an organisation the dictionaries do not
    know (at most its kind word is a term: "Party"), whose name says what kind it is, before the title
    or name of someone it has is that person's owner, as a known party is ("Conservative Party leader
    David Cameron" is the party's). A modifier unit of the kind's sector and no country: the resolver
    gives it the article's (:data:`KIND_NAMED`)."""
    start, end = ent.start, ent.end
    if ent.label_ != "ORG" or any(u.kind != "A" for u in inside) or \
            not any(owner[k] < 0 and doc[k].pos_ == "PROPN" for k in range(start, end)):
        return None  # "Army spokesman": a term alone is no name
    sector = org_sector(ent.text)
    if sector is None or not _before_person(doc, end, units, owner):
        return None
    entry = Entry("group", ent.text, sector=sector, origin="the kind its name says")
    return Unit(start, end, ent.start_char, ent.end_char, "M", (entry,), KIND_NAMED, label="ORG")


def _before_person(doc: Doc, end: int, units: list[Unit], owner: list[int]) -> bool:
    """Whether the name ending at token ``end`` modifies a title or a person's name after it, with only
    adjectives and nouns between ("presidential nominee")."""
    last = doc[end - 1]
    if last.dep_ not in ("compound", "nmod", "amod") or last.head.i < end:
        return False
    for token in doc[end:end + 5]:
        if owner[token.i] >= 0:
            return units[owner[token.i]].kind == "T"
        if token.ent_type_ == "PERSON":
            return True
        if token.pos_ not in ("SPACE", "ADJ", "NOUN") and token.text != "-":
            return False
    return False


def _named_by_title(doc: Doc, start: int, end: int, inside: list[Unit], units: list[Unit], owner: list[int]) -> bool:
    """"Guinean opposition leader Mamadou Diallo" with the name tagged as an organisation, a place or
    a people: a title right before a name it modifies, of capitalised proper nouns no dictionary knows
    and none of which says what kind of body it is, is a person named after that title ("opposition
    leader Liberation Front" stays a body's name)."""
    if inside or start == 0 or owner[start - 1] < 0:
        return False
    title, last = units[owner[start - 1]], doc[start - 1]
    if title.kind != "T" or title.end != start:
        return False
    if last.dep_ != "compound" or not start <= last.head.i < end:
        return False  # "deputy White House chief of staff": the title is of a noun after the name
    words = doc[start:end]
    if not all(t.pos_ == "PROPN" and t.is_title or t.text == "-" for t in words) or words[-1].text == "-":
        return False
    return org_sector(words.text) is None


def _named_after_state(doc: Doc, ent_start: int, inside: list[Unit]) -> bool:
    """A name that ends "of <state>" ("The Times of India", "Bank of Korea"): only states inside it,
    the first after an "of" that is itself inside the name."""
    if not inside or any(u.kind != "M" or u.entries[0].kind not in STATE_KINDS for u in inside):
        return False
    first = inside[0].start
    return first - 1 > ent_start and doc[first - 1].lower_ == "of"


@lru_cache(maxsize=2)
def noun_class_table(path: Path = NOUN_CLASSES_FILE) -> dict[str, str]:
    """noun -> its WordNet class (a sector code, or ``person`` / ``group``), as noun_classes.tsv lists
    them; empty when the file is missing."""
    if not path.is_file():
        return {}
    table: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            noun, noun_class = line.split("\t")[:2]
            table[noun] = noun_class
    return table


@lru_cache(maxsize=1)
def noun_classes(path: Path = NOUN_CLASSES_FILE) -> dict[str, Entry]:
    """noun -> the agent entry of its WordNet class, one entry shared by the nouns of a sector. The
    nouns of class ``person`` or ``group`` (under no sector anchor) are left out: with no sector and
    a country they would be coded as the bare state (eventwire/data/actors/README.md)."""
    by_class: dict[str, Entry] = {}
    table: dict[str, Entry] = {}
    for noun, noun_class in noun_class_table(path).items():
        if noun_class in _NO_SECTOR_CLASSES:
            continue
        if noun_class not in by_class:
            by_class[noun_class] = Entry("agent", f"{noun_class} (WordNet class)", sector=noun_class, origin=path.name)
        table[noun] = by_class[noun_class]
    return table
