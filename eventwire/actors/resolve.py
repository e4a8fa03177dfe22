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
  what the person was introduced as;
* what the phrase leaves open the article fills (``code_source`` says which way): "the president"
  or "the rebels" refer back to the last fitting actor (coref), and a generic agent ("the
  government", "police"), a titled stranger ("Senator Smith") or a person no dictionary knows takes
  the country the article puts it in (context; see :mod:`eventwire.actors.article`).

Everything is linear in the article length: one automaton pass, one token pass, dict look-ups.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from eventwire.actors.article import ArticleContext, area_codes, context_words, org_sector
from eventwire.actors.cities import city_country
from eventwire.actors.descriptions import (
    apposed_name,
    described_person,
    office_holder,
    owned_by_body,
    participle_after,
    reporting_subject,
    stated_owners,
)
from eventwire.actors.dictionary import STATE_KINDS, Entry, Role, normalize
from eventwire.actors.draft import Draft, from_modifier, from_roles
from eventwire.actors.namesakes import NAMESAKE
from eventwire.actors.people import ArticleMemory, role_at
from eventwire.actors.references import (
    bound_possessive,
    clause_subject,
    last_group,
    last_of_sector,
    portfolio_title,
    previous_subject,
    refers_within_sentence,
    short_form,
)
from eventwire.actors.scan import DEFINITE_DETS, KIND_NAMED, PRONOUN_GENDER, UnitScanner
from eventwire.actors.units import (
    Unit,
    absorb_modifiers,
    comma_gap,
    ethnic,
    former,
    joins,
    located_in,
    modifies_noun,
    name_like,
    noun_end,
    people_of,
    place_modifiers,
    postmodifier,
)
from eventwire.dates import parse_day
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Resolver", "role_at"]

# Sectors of named groups that "the rebels", "the party", "the militants" refer back to.
_GROUP_SECTORS = frozenset({"REB", "PTY", "SEP", "OPP", "UAF", "CRM"})
# A generic sector loses to a more specific one in the same phrase ("opposition protesters").
_GENERIC_SECTORS = frozenset({"CVL"})


class Resolver(UnitScanner):
    """Resolves the actor mentions of a parsed article; see the module docstring for the method."""

    def resolve(self, doc: Doc, published: str | None = None, title: str | None = None,
                dateline: str | None = None) -> list[Actor]:
        """Actor mentions of ``doc``; ``title`` and ``dateline`` (ISO3) tell what the article is about."""
        try:
            day = parse_day(published) if published else None
        except ValueError:
            day = None
        units = absorb_modifiers(doc, self._units(doc))
        context = ArticleContext.build(doc, units, self._title_states(title), dateline, day)
        units = place_modifiers(doc, self._definite_states(units, context), self.state_by_code)
        text = doc.text  # Doc.text joins every token on each access: read it once
        memory = ArticleMemory()
        out: list[Actor] = []
        i, n = 0, len(units)
        while i < n:  # one phrase per turn: a pronoun, a remembered/unresolved name, or a composition
            unit = units[i]
            if unit.kind in ("PRON", "DEF"):
                found = (reporting_subject(doc, unit, out) or
                         memory.pronoun(PRONOUN_GENDER[unit.form or "he"], clause_subject(doc, unit, out),
                                        previous_subject(doc, unit.start, out))) \
                    if unit.kind == "PRON" else last_group(out, unit.cstart, doc=doc)
                if found is not None and not bound_possessive(doc, unit, out):
                    out.append(replace(found, text=text[unit.cstart:unit.cend], start=unit.cstart,
                                       end=unit.cend, code_source="coref" if found.code else None))
                i += 1
                continue
            if unit.kind in ("C", "X"):
                found = memory.lookup(text[unit.cstart:unit.cend])
                if found is not None:
                    out.append(replace(found, text=text[unit.cstart:unit.cend], start=unit.cstart,
                                       end=unit.cend))
                    memory.touch(found)
                elif unit.kind == "X" and not self._names_a_thing(doc, unit):
                    short = short_form(doc, unit, Actor(text[unit.cstart:unit.cend], unit.cstart, unit.cend), out)
                    if short is not None:
                        out.append(replace(short, text=text[unit.cstart:unit.cend], start=unit.cstart,
                                           end=unit.cend, code_source="coref"))
                    else:
                        named = self._unresolved(doc, text, unit, context)
                        titled = portfolio_title(doc, out, named) if unit.label == "PERSON" else None
                        if titled is not None:  # remembered, so that "Mobolaji" alone later is coded too
                            memory.remember(titled, [titled.text], None)
                        out.append(titled or named)
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
                while j < n and units[j].kind == "A" and joins(doc, units[j - 1], units[j], possessive=False):
                    actor = replace(actor, text=text[actor.start:units[j].cend], end=units[j].cend)
                    j += 1  # "Bush administration officials": the officials of that administration
            titles = [u.entries[0].name for u in roles if u.kind == "T"] + self._inline_title(text, person)
            if person is not None and (actor.sector is None or actor.country is None):
                actor = described_person(doc, units, person, actor)
            actor = _sourced(actor, "coref" if mod is not None and mod.form == "definite" else
                             actor.code_source or actor.role_source or "dictionary")
            if (mod is None or mod.kind == "A" or mod.form == KIND_NAMED) and actor.code is None:
                # "chief executive of a firm": whose firm; "Meridian Broadcasting Corporation spokesman X":
                # whose corporation
                actor = self._in_article(doc, units[i], actor, titles, person, not roles, memory, out, context)
            if person is not None and not roles and mod is None:
                actor = portfolio_title(doc, out, actor) or actor
            out.append(actor)
            if names:
                memory.remember(actor, names, gender, titles, person is not None and person.form == NAMESAKE)
            elif person is None and office_holder(doc, actor, roles):
                if actor.name and actor.code_source == "coref":
                    memory.touch(actor)  # "the president" again: the one named so, most recent for he/she
                else:
                    memory.remember_holder(actor, gender)
            i = j
        return stated_owners(doc, out)

    def _inline_title(self, text: str, person: Unit | None) -> list[str]:
        """The title a person's alias carries ("President Bush"), so that "the president" refers back."""
        if person is None or not person.entries:
            return []
        inline = self.by_lemma.get(normalize(text[person.cstart:person.cend].split()[0]))
        return [inline.name] if inline is not None and inline.kind == "title" else []

    @staticmethod
    def _in_article(doc: Doc, first: Unit, actor: Actor, titles: list[str], person: Unit | None, untitled: bool,
                    memory: ArticleMemory, out: list[Actor], context: ArticleContext) -> Actor:
        """What the article says about a phrase with no modifier and no code: "the president" is the
        last person introduced so, "the rebels" a rebel group just named (coref); else a generic agent
        or an unknown person takes the country the article puts it in (context)."""
        if person is None:
            short = short_form(doc, first, actor, out)
            if short is not None:  # "the Council's Parliamentary Assembly" after "the Council of Europe"
                return replace(short, text=actor.text, start=actor.start, end=actor.end, code_source="coref")
            known = memory.titled(titles[-1]) if titles else None
            if known is not None and known.code is None:
                known = None  # an uncoded namesake tells nothing; the article's country may
            # "the rebels", "the party" refer back; "the Liberals" is a name of its own
            if known is None and first.start > 0 and doc[first.start - 1].lower_ in DEFINITE_DETS and \
                    actor.sector in _GROUP_SECTORS and doc[first.start].is_lower:
                known = last_group(out, actor.start, actor.sector)
            if known is not None:
                return replace(known, text=actor.text, start=actor.start, end=actor.end, code_source="coref")
        owner = doc[first.start - 1] if first.start > 0 else None
        if owner is not None and owner.lower_ in PRONOUN_GENDER and owner.dep_ == "poss" and actor.sector:
            known = memory.pronoun(PRONOUN_GENDER[owner.lower_])  # "his government": the person's country's
            if known is not None and known.country:
                return replace(actor, country=known.country, code=f"{known.country}{actor.sector}",
                               code_source="coref")
        if actor.sector and actor.country is None:
            # "the government and people of Saudi Arabia" first, then "the government" in the article
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            head = span.end - 1 if span is not None else first.start
            if context.from_elsewhere(doc, head):
                return actor  # "lawmakers from 46 European countries" are not the article's own
            country = context.stated_place(doc, head)
            if country is None and actor.kind == "agent" and not context.is_foreign(doc, first.start):
                # "the United States Army forces in Iraq said that troops helped": a plain agent refers
                # back to the one of its kind just named in its sentence, before a state named there
                # (across sentences the topic shifts too often: "British forces ... wounded soldiers")
                known = last_of_sector(out, actor.start, actor.sector, doc[first.start].sent.start_char)
                if known is not None and not refers_within_sentence(doc, known, head):
                    known = None  # "government troops fought troops loyal to X": two sides, not one actor
                country = known.country if known is not None else None
            return _in_context(actor, country or context.country_at(doc, first.start))
        if (untitled or actor.sector is None) and person is not None and person.label == "PERSON" and name_like(doc, person) and \
                not any(c.isdigit() for c in actor.text):
            # a local figure: untitled, or titled with no sector ("Secretary-General X" of no named body)
            return _in_context(actor, context.person_country(doc, first.start))
        return actor

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
        while not bound and j < n and units[j].kind in ("T", "A") and not participle_after(doc, units[j], j > i) and (
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
        if mod is None and j < n and (self._place_after(doc, roles, person, units[j]) or person is None and roles
                                      and roles[-1].kind in ("T", "A") and owned_by_body(doc, roles[-1], units[j])):
            mod, j = units[j], j + 1  # "King Hassan of Morocco", "the Speaker of the Bundestag"
        if mod is None and not roles and person is None:
            return None
        return mod, roles, person, j

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
        # the phrase ends after an owner it took ("the Speaker of the Bundestag, Wolfgang Thierse,")
        end = max(u.end for u in (mod, last) if u is not None) if last is not None else 0
        if last is None or not comma_gap(doc, noun_end(doc, end) if mod is not None else end, nxt.start):
            return phrase  # (an owner may name the body its title is of: "Leader of the Greenpeace expedition,")
        if person is None and any(u.kind == "T" for u in roles) and nxt.kind == "P" and \
                apposed_name(doc, roles[-1], nxt):
            return mod, roles, nxt, j + 1
        if person is not None and mod is None and not roles and not person.entries and nxt.kind in "MT":
            after = self._phrase(doc, units, j)
            if after is not None and after[2] is None and any(u.kind == "T" for u in after[1]) and \
                    any(doc[k].dep_ == "appos" for k in range(after[1][0].start, after[1][-1].end)):
                owner, end = after[0], after[3]
                if owner is None and end < len(units) and owned_by_body(doc, after[1][-1], units[end]):
                    owner, end = units[end], end + 1  # "X, the leader of the opposition Y party"
                return owner, after[1], person, end
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
            named = next((e.code for e in unit.entries if e.kind in STATE_KINDS), None)
            country = named or context.country_at(doc, unit.start)
            if sector is not None and country is not None:
                return _in_context(Actor(text, unit.cstart, unit.cend, None, None, sector, text, "group"), country)
        return Actor(text, unit.cstart, unit.cend)

    def _compose(
        self, doc: Doc, full: str, span: list[Unit], mod: Unit | None, roles: list[Unit], person: Unit | None,
        day: date | None, memory: ArticleMemory,
    ) -> tuple[Actor, list[str], str | None]:
        """One mention from its parts: the modifier (a state, institution or body) says whose, the
        roles what, the person who; each step refines a :class:`~eventwire.actors.draft.Draft`, in this order."""
        start, end = min(u.cstart for u in span), max(u.cend for u in span)
        if mod is not None and person is not None and person.entries and mod.entries[0].code in area_codes():
            mod = None  # "Middle East envoy Tony Blair": a region says where, not whose; his own country stands
        sectors = [u.entries[0].sector for u in roles if u.entries[0].sector]
        draft = Draft(sector=next((s for s in sectors if s not in _GENERIC_SECTORS), sectors[0] if sectors else None),
                       has_title=any(u.kind == "T" for u in roles),
                       user=any(e.user for u in span for e in u.entries[:1]))
        if roles and former(doc, span[0], roles[0]):
            draft.sector = "ELI"  # CAMEO codes former office holders as elites
        if mod is not None:
            from_modifier(draft, doc, mod, roles, person)
        elif roles:
            from_roles(draft, roles, person)
        draft.gender = next((u.entries[0].gender for u in roles if u.entries[0].gender), None)
        names: list[str] = []
        if person is not None:
            names = self._from_person(draft, full, person, mod, roles, day, memory)
        elif draft.kind == "person" and mod is None:
            draft.code = None
        actor = Actor(full[start:end], start, end, draft.code, draft.country, draft.sector, draft.name, draft.kind,
                      "user" if draft.user else draft.role_source, draft.code_source)
        return actor, names, draft.gender

    def _from_person(self, draft: Draft, full: str, person: Unit, mod: Unit | None, roles: list[Unit],
                     day: date | None, memory: ArticleMemory) -> list[str]:
        """A named person: remembered from earlier in the article, or listed in the dictionary with the
        role in force on ``day``; returns the names the article may use for them later."""
        person_text = full[person.cstart:person.cend]
        known = memory.lookup(person_text, whole=person.form == NAMESAKE)  # "Zindzi Mandela" after Nelson
        if known is not None and draft.has_title and (known.code_source == "context" or known.sector is None):
            # a title now says what a plain name earlier only suggested ("Barack Obama" in 2008 was
            # American, not yet in office: "Senator Obama" then is a lawmaker)
            known = None
        listed: Entry | None = None
        role: Role | None = None
        if known is None and person.entries:
            listed, role = role_at(person.entries, day)
            inline = self.by_lemma.get(normalize(person_text.split()[0]))
            if not draft.has_title and inline is not None and inline.kind == "title" and inline.sector:
                draft.has_title, draft.sector = True, inline.sector  # an alias that carries its title: "President Bush"
        draft.kind = "person"
        draft.name = known.name if known else listed.name if listed else person_text
        if listed is not None:
            names = [listed.name, *(p.text for p in listed.patterns), person_text]
            draft.gender = draft.gender or listed.gender
        else:
            names = [draft.name or person_text, person_text]
        countries = {r.country for e in person.entries for r in e.roles} | {draft.country, role.country if role else None}
        if not countries.isdisjoint(context_words().family_first) and len((draft.name or "").split()) >= 2:
            names.append((draft.name or "").split()[0])  # "Ban Ki-moon" ... "Mr. Ban"
        if mod is None and known is not None:
            draft.code, draft.country, draft.sector = known.code, known.country, known.sector
            draft.role_source = known.role_source or "dictionary"
            draft.code_source = known.code_source
            draft.user = False
        elif mod is None and role is not None and draft.has_title and role.country:
            # "President Obama": the dictionary knows the country, the text states the role
            draft.country = role.country
            draft.code = f"{draft.country}{draft.sector or ''}"
            draft.role_source = "title"
            draft.user = draft.user or bool(listed and listed.user)
        elif mod is None and role is not None:
            draft.code, draft.country, draft.sector = role.code, role.country, role.sector
            draft.role_source = "dictionary"
            draft.user = draft.user or bool(listed and listed.user)
        elif mod is not None and not roles and role is not None and role.country == draft.country:
            draft.sector = role.sector
            draft.code = role.code
        elif mod is None:
            draft.code = draft.country = None
        return names


def _sourced(actor: Actor, how: str) -> Actor:
    """The actor with ``code_source`` set (None when it has no code)."""
    return replace(actor, code_source=how if actor.code else None)


def _in_context(actor: Actor, country: str | None) -> Actor:
    """A generic agent or kind-coded name given the country the article puts it in."""
    if country is None:
        return actor
    return replace(actor, country=country, code=f"{country}{actor.sector or ''}", code_source="context")

