"""One actor mention being composed from its parts (:meth:`eventwire.actors.resolve.Resolver._compose`).

A :class:`Draft` holds what is known so far; the modifier (a state, an institution, a named body) says
whose, the roles what kind, and :meth:`Resolver._from_person` who. Each step refines the draft in
that order, so a later part can only narrow what an earlier one said.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.actors.dictionary import STATE_KINDS, Entry
from eventwire.actors.units import CLASS_SOURCE, Unit, counted_people, ethnic, located_in

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Draft", "from_modifier", "from_roles"]


@dataclass
class Draft:
    """What :meth:`eventwire.actors.resolve.Resolver._compose` knows so far about one mention."""

    sector: str | None
    has_title: bool
    user: bool
    code: str | None = None
    country: str | None = None
    name: str | None = None
    kind: str | None = None
    role_source: str = "dictionary"
    code_source: str | None = None  # set when a remembered person says how their code was got
    gender: str | None = None


def from_modifier(draft: Draft, doc: Doc, mod: Unit, roles: list[Unit], person: Unit | None) -> None:
    """Whose: a state or people ("Russian", "Moscow"), an institution, or a named body (an IGO, a party)."""
    entry = mod.entries[0]
    # agent words before a named body ("leaders of Hamas", "observers from the OSCE", "the terror group
    # Abu Sayyaf") are the body itself, as "EC foreign ministers" are below: its kind, name and sector,
    # so that "the group" or "the organisation" later still finds it
    owned = bool(roles) and not draft.has_title and mod.start >= roles[-1].end and entry.kind in ("group", "igo")
    draft.kind = "state" if entry.kind in STATE_KINDS else "agent" if entry.kind == "institution" else entry.kind
    draft.name = entry.name
    if entry.kind in STATE_KINDS:
        _from_state(draft, doc, mod, entry, roles)
    elif entry.kind == "institution":
        draft.country = entry.country
        draft.sector = draft.sector or entry.sector
        draft.code = f"{draft.country}{draft.sector}"
    else:
        draft.code, draft.country = entry.code, entry.country
        draft.sector = entry.sector if owned else entry.sector or draft.sector
        if draft.sector is None and draft.has_title and entry.kind == "igo":
            draft.sector = "GOV"  # "U.N. Secretary-General Kofi Annan": an IGO's officials govern it
        elif entry.kind == "igo" and not entry.sector and draft.sector == "GOV" and person is None and \
                roles and doc[roles[-1].end - 1].tag_ in ("NNS", "NNPS"):
            draft.sector = None  # "EC foreign ministers", "Red Cross officials": the body itself acts
    if roles and not owned:
        draft.kind, draft.name = ("person" if draft.has_title else "agent"), None
    if roles:
        draft.role_source = _role_source(draft, roles)


def _role_source(draft: Draft, roles: list[Unit]) -> str:
    """Where the role came from: a title, the hand list, or only WordNet's class of the noun ("class")."""
    if draft.has_title:
        return "title"
    return CLASS_SOURCE if all(u.form == CLASS_SOURCE for u in roles) else "dictionary"


def _from_state(draft: Draft, doc: Doc, mod: Unit, entry: Entry, roles: list[Unit]) -> None:
    draft.country = entry.code
    if ethnic(doc, mod):
        # "ethnic Albanians" are a people, not Albania (the walk adds a stated place)
        draft.country, draft.sector, draft.kind = None, draft.sector or "CVL", "agent"
    if draft.country is None:
        draft.code = None
    elif draft.sector is None and mod.form == "metonym" and not located_in(doc, mod):
        draft.sector = "GOV"  # "Moscow said": the capital stands for the government
    elif draft.sector is None and not roles and counted_people(doc, mod):
        draft.sector, draft.kind = "CVL", "agent"  # "168 Liberians", "thousands of Nigerians": civilians
    if draft.country is not None:
        draft.code = f"{draft.country}{draft.sector or ''}"


def from_roles(draft: Draft, roles: list[Unit], person: Unit | None) -> None:
    """Roles without a modifier: a title makes a person; "a human rights group" an unnamed body."""
    draft.kind = "person" if draft.has_title else "agent"
    draft.role_source = _role_source(draft, roles)
    owner = next((u.entries[0] for u in roles if u.kind == "A" and u.entries[0].code), None)
    if owner is not None and person is None:  # "a human rights group": an unnamed NGO
        draft.sector = owner.sector
        draft.code = f"{owner.code}{draft.sector or ''}"
