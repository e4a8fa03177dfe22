"""NER + dictionaries -> CAMEO actor mentions, composed and remembered across the article.

One left-to-right pass over "units" (dictionary hits, NER spans, pronouns, proper-noun runs):

* a unit is a modifier ``M`` (a state, its adjective or metonym, an IGO, a group, an institution),
  a role ``T`` (title) or ``A`` (agent term), a person ``P``, an unresolved NER span ``X``, a
  proper-noun run ``C`` (only used when it names a person met earlier) or a subject pronoun;
* adjacent units compose as ``M? (T|A)* P?`` ("Russian President Dmitry Medvedev" -> RUSGOV person,
  "Georgian troops" -> GEOMIL agent, "a senior U.S. official" -> USAGOV), with a possessive or one
  or two adjectives allowed in between ("Iran's opposition protesters");
* a person's code comes from the text when it states country and title, otherwise from the
  dictionary role in force on the article's date; later surname mentions and he/she subjects reuse
  what the person was introduced as.

Everything is linear in the article length: one automaton pass, one token pass, dict look-ups.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from eventwire.actors.article import ArticleContext, context_words, org_sector
from eventwire.actors.cities import city_country
from eventwire.actors.context import AmbiguityRules
from eventwire.actors.dictionary import STATE_KINDS, ActorDictionary, Entry, Role, normalize, parse_day
from eventwire.actors.fuzzy import FuzzyNames
from eventwire.actors.matcher import DictionaryMatcher, select_longest
from eventwire.actors.people import ArticleMemory, role_at
from eventwire.actors.units import (
    Unit,
    absorb_modifiers,
    comma_gap,
    counted_people,
    ethnic,
    former,
    joins,
    located_in,
    modifies_noun,
    name_like,
    people_of,
    postmodifier,
)
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Resolver", "role_at"]

NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_UNIT_OF_KIND = {"person": "P", "title": "T", "agent": "A"}
_PRONOUN_GENDER = {"he": "m", "she": "f", "him": "m", "her": "f"}
# "he"/"she" in any role; "him"/"her" only as objects ("her" before a noun is a possessive)
_SUBJECT_PRONOUNS = frozenset({"he", "she"})
_OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "obj", "iobj"})
# Definite descriptions that refer back: "the country" to the last state, "the group" to the last group.
_DEFINITE_HEADS = frozenset({"country", "group", "organisation", "organization", "movement"})
_DEFINITE_DETS = frozenset({"the", "this", "that"})
# Sectors of named groups that "the rebels", "the party", "the militants" refer back to.
_GROUP_SECTORS = frozenset({"REB", "PTY", "SEP", "OPP", "UAF", "CRM"})
# A generic sector loses to a more specific one in the same phrase ("opposition protesters").
_GENERIC_SECTORS = frozenset({"CVL"})


class Resolver:
    """Resolves the actor mentions of a parsed article; see the module docstring for the method."""

    def __init__(self, dictionary: ActorDictionary, rules: AmbiguityRules | None = None) -> None:
        self.dictionary = dictionary
        self.matcher = DictionaryMatcher(dictionary.entries)
        self.rules = rules or AmbiguityRules.load()
        self.fuzzy = FuzzyNames(dictionary.entries)
        self.equipment = context_words().equipment
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

    # -- units -------------------------------------------------------------------------------
    def _units(self, doc: Doc) -> list[Unit]:
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
            for k in range(first, last):
                owner[k] = len(units)
            units.append(Unit(first, last, match.start, match.end, kind, match.entries, match.pattern.form))
        dropped: set[int] = set()
        added: list[Unit] = []
        for ent in doc.ents:
            if ent.label_ not in NER_LABELS and ent.label_ != "WORK_OF_ART":
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
            if ent.label_ != "PERSON":
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
            if not entries:  # "Francois Mitterand": a one-letter slip in a known surname
                slip = self.fuzzy.lookup(doc[ent.end - 1].text, people=True)
                entries = slip[0] if slip else ()
            dropped.update(i for i in inside if units[i].start >= cursor)
            added.append(Unit(cursor, ent.end, doc[cursor].idx, ent.end_char, "P", entries, label="PERSON"))
        units = [u for i, u in enumerate(units) if i not in dropped] + added
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
            if lower in _PRONOUN_GENDER and (lower in _SUBJECT_PRONOUNS or token.dep_ in _OBJECT_DEPS):
                units.append(Unit(i, i + 1, token.idx, token.idx + len(token), "PRON", form=lower))
            elif pos == "NOUN" and lower in _DEFINITE_HEADS and i > 0 and doc[i - 1].lower_ in _DEFINITE_DETS:
                units.append(Unit(i - 1, i + 1, doc[i - 1].idx, token.idx + len(token), "DEF", form=lower))
            elif pos == "NOUN":
                entry = self.by_lemma.get(token.lemma_.lower()) or self.by_lemma.get(lower)
                if entry is not None:
                    units.append(Unit(i, i + 1, token.idx, token.idx + len(token),
                                       _UNIT_OF_KIND[entry.kind], (entry,), "term"))
        self._close_run(doc, units, run_start, len(doc))
        units.sort(key=lambda u: u.start)
        return units

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
    def resolve(self, doc: Doc, published: str | None = None, title: str | None = None,
                dateline: str | None = None) -> list[Actor]:
        """Actor mentions of ``doc``; ``title`` and ``dateline`` (ISO3) tell what the article is about."""
        try:
            day = parse_day(published) if published else None
        except ValueError:
            day = None
        units = absorb_modifiers(doc, self._units(doc))
        context = ArticleContext.build(doc, units, self._title_states(title), dateline)
        units = self._definite_states(units, context)
        text = doc.text  # Doc.text joins every token on each access: read it once
        memory = ArticleMemory()
        out: list[Actor] = []
        i, n = 0, len(units)
        while i < n:  # one phrase per turn: a pronoun, a remembered/unresolved name, or a composition
            unit = units[i]
            if unit.kind in ("PRON", "DEF"):
                found = memory.pronoun(_PRONOUN_GENDER[unit.form or "he"]) if unit.kind == "PRON" else \
                    _last_group(out, unit.cstart)
                if found is not None:
                    out.append(replace(found, text=text[unit.cstart:unit.cend], start=unit.cstart,
                                       end=unit.cend, code_source="coref" if found.code else None))
                i += 1
                continue
            if unit.kind in ("C", "X"):
                found = memory.lookup(text[unit.cstart:unit.cend])
                if found is not None:
                    out.append(replace(found, text=text[unit.cstart:unit.cend], start=unit.cstart,
                                       end=unit.cend))
                elif unit.kind == "X":
                    out.append(self._unresolved(doc, text, unit, context))
                i += 1
                continue
            phrase = self._phrase(doc, units, i)
            if phrase is None:
                i += 1  # a lone agent word that only modifies a noun
                continue
            mod, roles, person, j = self._apposition(doc, units, phrase)
            actor, names, gender = self._compose(doc, text, units[i:j], mod, roles, person, day, memory)
            if mod is not None and not roles and person is None and (ethnic(doc, mod) or people_of(doc, mod)) \
                    and j < n and postmodifier(doc, mod, units[j]):
                place = units[j].entries[0]  # "ethnic Albanians in Serbia", "Albanians of Serbia" -> SRBCVL
                actor = replace(actor, text=text[actor.start:units[j].cend], end=units[j].cend, sector="CVL",
                                country=place.code, code=f"{place.code}CVL", kind="agent")
                j += 1
            elif mod is not None and actor.country is None and ethnic(doc, mod):
                where = self._sentence_place(doc, units, mod)  # "ethnic Albanians ... in Serbia"
                if where is not None:
                    actor = replace(actor, country=where.code, code=f"{where.code}{actor.sector or ''}")
            if person is not None and not roles and j < n and units[j].kind == "A" and actor.country and \
                    joins(doc, person, units[j], possessive=False) and \
                    not modifies_noun(doc, units[j]):
                # "the Bush administration": the person's country with the agent's sector
                sector = units[j].entries[0].sector
                actor = replace(actor, text=text[actor.start:units[j].cend], end=units[j].cend,
                                code=f"{actor.country}{sector or ''}", sector=sector, kind="agent", name=None)
                names = []
                j += 1
            titles = [u.entries[0].name for u in roles if u.kind == "T"]
            actor = _sourced(actor, "coref" if mod is not None and mod.form == "definite" else
                             actor.code_source or actor.role_source or "dictionary")
            if person is None and mod is None and actor.code is None:
                known = memory.titled(titles[-1]) if titles else None  # "the president", after "President X"
                if known is None and units[i].start > 0 and doc[units[i].start - 1].lower_ in _DEFINITE_DETS and \
                        actor.sector in _GROUP_SECTORS:
                    known = _last_group(out, actor.start, actor.sector)  # "the rebels", after "the FARC"
                if known is not None:
                    actor = replace(known, text=actor.text, start=actor.start, end=actor.end,
                                    code_source="coref" if known.code else None)
            if mod is None and actor.code is None and actor.sector and actor.country is None:
                actor = _in_context(actor, context.country_at(doc, units[i].start))  # "the government"
            elif mod is None and not roles and person is not None and person.label == "PERSON" and actor.code is None:
                actor = _in_context(actor, context.person_country(doc, units[i].start))  # a local figure
            out.append(actor)
            if names:
                memory.remember(actor, names, gender, titles)
            i = j
        return out

    def _phrase(self, doc: Doc, units: list[Unit], i: int) -> tuple[Unit | None, list[Unit], Unit | None, int] | None:
        """The longest ``modifier? (title|agent)* person?`` phrase starting at unit ``i``:
        (modifier, roles, person, index after the phrase), or None when unit ``i`` is no actor."""
        n = len(units)
        j = i
        mod = units[j] if units[j].kind == "M" else None
        if mod is not None:
            j += 1
        roles: list[Unit] = []
        # "NATO-Russia Council", "pro-Russian rebels": a hyphen-bound modifier is not the owner
        bound = mod is not None and mod.start > 0 and doc[mod.start - 1].text == "-" and \
            not doc[mod.start - 1].whitespace_
        while not bound and j < n and units[j].kind in ("T", "A") and (
            j == i or joins(doc, units[j - 1], units[j], possessive=mod is not None and j == i + 1)
        ):
            roles.append(units[j])
            j += 1
        person: Unit | None = None
        if j < n and (j == i or joins(doc, units[j - 1], units[j], possessive=not roles)):
            nxt = units[j]
            if nxt.kind == "P" or (nxt.kind == "C" and roles and name_like(doc, nxt) and (
                    roles[-1].kind == "T" or doc[roles[-1].start].is_title)):
                person, j = nxt, j + 1
        if person is None and roles and roles[-1].kind == "A" and (
                modifies_noun(doc, roles[-1]) or self._equipment_modifier(doc, roles[-1])):
            roles.pop()
            j = i + (1 if mod else 0) + len(roles)
        if mod is not None and not roles and person is None:
            roles = self._coordinated_roles(doc, units, i)
        if mod is None and j < n and self._place_after(doc, roles, person, units[j]):
            mod, j = units[j], j + 1
        if mod is None and not roles and person is None:
            return None
        return mod, roles, person, j

    def _equipment_modifier(self, doc: Doc, unit: Unit) -> bool:
        """"the artillery shelling", "tank fire": equipment modifying another noun is no actor."""
        token = doc[unit.end - 1]
        if token.lower_ not in self.equipment or token.i + 1 >= len(doc):
            return False
        if token.dep_ in ("compound", "nmod", "amod") and token.head.i >= unit.end and token.head.pos_ == "NOUN":
            return True
        # the small parser reads "the artillery shelling killed" as artillery doing the shelling; a
        # gerund right after the word that does not govern it is the noun it modifies
        after = doc[token.i + 1]
        return after.lower_.endswith("ing") and token.head.i != after.i

    def _apposition(
        self, doc: Doc, units: list[Unit], phrase: tuple[Unit | None, list[Unit], Unit | None, int]
    ) -> tuple[Unit | None, list[Unit], Unit | None, int]:
        """Join a title phrase and a name set off by a comma: "Germany's foreign minister, Hans
        Mustermann," and "Hans Mustermann, the German foreign minister," are one person."""
        mod, roles, person, j = phrase
        if j >= len(units):
            return phrase
        nxt = units[j]
        last = person or (roles[-1] if roles else None)
        if last is None or not comma_gap(doc, last.end, nxt.start):
            return phrase
        if person is None and any(u.kind == "T" for u in roles) and nxt.kind == "P" and \
                doc[nxt.end - 1].dep_ == "appos":
            return mod, roles, nxt, j + 1
        if person is not None and mod is None and not roles and not person.entries and nxt.kind in "MT":
            after = self._phrase(doc, units, j)
            if after is not None and after[2] is None and any(u.kind == "T" for u in after[1]) and \
                    doc[after[1][-1].end - 1].dep_ == "appos":
                return after[0], after[1], person, after[3]
        return phrase

    @staticmethod
    def _sentence_place(doc: Doc, units: list[Unit], mod: Unit) -> Entry | None:
        """Where the sentence puts an ethnic group named without a state: the first other state it
        names as a place ("in Serbia"), else the first other state it names at all ("Macedonia's")."""
        sent = doc[mod.start].sent
        own = mod.entries[0].code
        states = [u for u in units if sent.start <= u.start < sent.end and u.kind == "M" and u is not mod
                  and u.entries[0].kind in STATE_KINDS and u.entries[0].code != own]
        placed = [u for u in states if located_in(doc, u)]
        chosen = placed or states
        return chosen[0].entries[0] if chosen else None

    def _place_after(self, doc: Doc, roles: list[Unit], person: Unit | None, candidate: Unit) -> bool:
        """"lawmakers in Georgia", "King Hassan of Morocco": a state after the phrase is its owner,
        except that troops or a person "in" a country may be someone else's (only "of" attaches them)."""
        if person is not None:  # "King Hassan of Morocco"; a person "in" a place is only there
            return bool(roles or not person.entries) and person.end < len(doc) and \
                doc[person.end].lower_ == "of" and postmodifier(doc, person, candidate)
        if not roles or not postmodifier(doc, roles[-1], candidate):
            return False
        return doc[roles[-1].end].lower_ == "of" or all(u.entries[0].sector != "MIL" for u in roles)

    def _coordinated_roles(self, doc: Doc, units: list[Unit], i: int) -> list[Unit]:
        """"French and Egyptian warships": a modifier coordinated with a modified one shares its roles."""
        if i + 2 >= len(units) or units[i + 1].kind != "M" or units[i + 2].kind not in ("T", "A"):
            return []
        if units[i].form not in ("adjective", "demonym"):
            return []  # "Syria and Palestinian leader Arafat": a country name is not distributed
        gap = doc[units[i].end : units[i + 1].start]
        if len(gap) != 1 or gap[0].lower_ not in ("and", "or", ","):
            return []
        if not joins(doc, units[i + 1], units[i + 2], possessive=False):
            return []
        k = i + 2
        roles = []
        while k < len(units) and units[k].kind in ("T", "A") and (
            k == i + 2 or joins(doc, units[k - 1], units[k], possessive=False)
        ):
            roles.append(units[k])
            k += 1
        if roles and roles[-1].kind == "A" and modifies_noun(doc, roles[-1]):
            roles.pop()
        return roles

    def _unresolved(self, doc: Doc, full: str, unit: Unit, context: ArticleContext) -> Actor:
        """An NER name the dictionaries do not know: a known city stands for its country; a named
        organisation is coded by the kind its name says ("... Party", "Ministry of ..."), with the
        country its name carries ("The Times of India") or else the article's."""
        text = full[unit.cstart:unit.cend]
        if unit.label == "GPE":
            country = city_country(text)
            if country:  # a town named as an actor stands for its people, as the CAMEO manual codes it
                return Actor(text, unit.cstart, unit.cend, f"{country}CVL", country, "CVL", text, "agent",
                             "dictionary", "dictionary")
        if unit.label == "ORG":
            sector = org_sector(text, context.words)
            if sector is not None:
                named = next((e.code for e in unit.entries if e.kind in STATE_KINDS), None)
                country = named or context.country_at(doc, unit.start)
                return _in_context(Actor(text, unit.cstart, unit.cend, None, None, sector, text, "group"), country)
        return Actor(text, unit.cstart, unit.cend)

    def _title_states(self, title: str | None) -> list[str]:
        """The states a headline names ("Pakistan", "Iranian"), in order."""
        if not title:
            return []
        return [m.entries[0].code for m in select_longest(self.matcher.find(title))
                if m.entries[0].kind in STATE_KINDS and m.entries[0].code]

    def _definite_states(self, units: list[Unit], context: ArticleContext) -> list[Unit]:
        """"the country" becomes the state named last before it, so "the country's foreign minister"
        composes as that state's minister; it stays a DEF unit when no state is known."""
        out: list[Unit] = []
        for unit in units:
            if unit.kind == "DEF" and unit.form == "country":
                code = context.last_state(unit.start)
                entry = self.state_by_code.get(code or "")
                if entry is None:
                    continue
                unit = replace(unit, kind="M", entries=(entry,), form="definite")
            out.append(unit)
        return out

    def _compose(
        self, doc: Doc, full: str, span: list[Unit], mod: Unit | None, roles: list[Unit], person: Unit | None,
        day: date | None, memory: ArticleMemory,
    ) -> tuple[Actor, list[str], str | None]:
        start, end = min(u.cstart for u in span), max(u.cend for u in span)
        text = full[start:end]
        sectors = [u.entries[0].sector for u in roles if u.entries[0].sector]
        sector = next((s for s in sectors if s not in _GENERIC_SECTORS), sectors[0] if sectors else None)
        has_title = any(u.kind == "T" for u in roles)
        if roles and former(doc, span[0], roles[0]):
            sector = "ELI"  # CAMEO codes former office holders as elites
        user = any(e.user for u in span for e in u.entries[:1])
        code = country = name = kind = None
        role_source = "dictionary"
        code_source: str | None = None  # set when a remembered person says how their code was got
        if mod is not None:
            entry = mod.entries[0]
            kind = "state" if entry.kind in STATE_KINDS else "agent" if entry.kind == "institution" else entry.kind
            name = entry.name
            if entry.kind in STATE_KINDS:
                country = entry.code
                if ethnic(doc, mod):
                    # "ethnic Albanians" are a people, not Albania (the walk adds a stated place)
                    country, sector, kind = None, sector or "CVL", "agent"
                if country is None:
                    code = None
                elif sector is None and mod.form == "metonym" and not located_in(doc, mod):
                    sector = "GOV"  # "Moscow said": the capital stands for the government
                elif sector is None and not roles and counted_people(doc, mod):
                    sector, kind = "CVL", "agent"  # "168 Liberians", "thousands of Nigerians": civilians
                if country is not None:
                    code = f"{country}{sector or ''}"
            elif entry.kind == "institution":
                country = entry.country
                sector = sector or entry.sector
                code = f"{country}{sector}"
            else:
                code, country = entry.code, entry.country
                sector = entry.sector or sector
                if sector is None and has_title and entry.kind == "igo":
                    sector = "GOV"  # "U.N. Secretary-General Kofi Annan": an IGO's officials govern it
                elif entry.kind == "igo" and not entry.sector and sector == "GOV" and person is None and \
                        roles and doc[roles[-1].end - 1].tag_ in ("NNS", "NNPS"):
                    sector = None  # "EC foreign ministers", "Red Cross officials": the body itself acts
            if roles:
                kind, name = ("person" if has_title else "agent"), None
                role_source = "title" if has_title else "dictionary"
        elif roles:
            kind = "person" if has_title else "agent"
            owner = next((u.entries[0] for u in roles if u.kind == "A" and u.entries[0].code), None)
            if owner is not None and person is None:  # "a human rights group": an unnamed NGO
                sector = owner.sector
                code = f"{owner.code}{sector or ''}"
        gender = next((u.entries[0].gender for u in roles if u.entries[0].gender), None)
        names: list[str] = []
        if person is not None:
            person_text = full[person.cstart:person.cend]
            known = memory.lookup(person_text)
            if known is not None and has_title and known.code_source == "context":
                known = None  # a title now says what a plain name earlier only suggested
            listed: Entry | None = None
            role: Role | None = None
            if known is None and person.entries:
                listed, role = role_at(person.entries, day)
                inline = self.by_lemma.get(normalize(person_text.split()[0]))
                if not has_title and inline is not None and inline.kind == "title" and inline.sector:
                    has_title, sector = True, inline.sector  # an alias that carries its title: "President Bush"
            kind = "person"
            name = known.name if known else listed.name if listed else person_text
            if listed is not None:
                names = [listed.name, *(p.text for p in listed.patterns), person_text]
                gender = gender or listed.gender
            else:
                names = [name or person_text, person_text]
            if mod is None and known is not None:
                code, country, sector = known.code, known.country, known.sector
                role_source = known.role_source or "dictionary"
                code_source = known.code_source
                user = False
            elif mod is None and role is not None and has_title and role.country:
                # "President Obama": the dictionary knows the country, the text states the role
                country = role.country
                code = f"{country}{sector or ''}"
                role_source = "title"
                user = user or bool(listed and listed.user)
            elif mod is None and role is not None:
                code, country, sector = role.code, role.country, role.sector
                role_source = "dictionary"
                user = user or bool(listed and listed.user)
            elif mod is not None and not roles and role is not None and role.country == country:
                sector = role.sector
                code = role.code
            elif mod is None:
                code = country = None
        elif kind == "person" and mod is None:
            code = None
        actor = Actor(text, start, end, code, country, sector, name, kind,
                      "user" if user else role_source, code_source)
        return actor, names, gender


def _sourced(actor: Actor, how: str) -> Actor:
    """The actor with ``code_source`` set (None when it has no code)."""
    return replace(actor, code_source=how if actor.code else None)


def _in_context(actor: Actor, country: str | None) -> Actor:
    """A generic agent or kind-coded name given the country the article puts it in."""
    if country is None:
        return actor
    return replace(actor, country=country, code=f"{country}{actor.sector or ''}", code_source="context")


# "the rebels" refers back to a named group only while it is still the topic: within about three
# sentences (characters, to stay independent of the parse); "the group" alone reaches further.
GROUP_REFERENCE_REACH = 400


def _last_group(out: list[Actor], before: int, sector: str | None = None) -> Actor | None:
    """The named group mentioned last before ``before`` ("the group"; "the rebels" to a recent
    rebel group)."""
    for actor in reversed(out):
        if sector is not None and before - actor.end > GROUP_REFERENCE_REACH:
            return None
        if actor.kind == "group" and actor.code and (sector is None or actor.sector == sector):
            return actor
    return None


def _named_after_state(doc: Doc, ent_start: int, inside: list[Unit]) -> bool:
    """A name that ends "of <state>" ("The Times of India", "Bank of Korea"): only states inside it,
    the first after an "of" that is itself inside the name."""
    if not inside or any(u.kind != "M" or u.entries[0].kind not in STATE_KINDS for u in inside):
        return False
    first = inside[0].start
    return first - 1 > ent_start and doc[first - 1].lower_ == "of"
