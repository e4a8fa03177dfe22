"""CAMEO conventions of the builtin actor data and resolver rules (issue "Actors").

Sentences are written for the eventwire project; they exercise general rules (metonym or place,
IGO officials, counted people, ethnic groups placed by their sentence, one-letter slips, unnamed
NGOs, group codes that already carry their sector) with the builtin dictionaries.
"""

from __future__ import annotations

import pytest

from eventwire.actors import ActorResolver
from eventwire.actors.dictionary import BUILTIN_DIR
from eventwire.actors.fuzzy import FuzzyNames
from eventwire.actors.loading import load_dictionary
from eventwire.nlp import parse


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


def _find(resolver, text, mention, published="2009-06-27"):
    actors = resolver.resolve(parse(text), published)
    found = [a for a in actors if a.text == mention]
    assert found, f"{mention!r} not among {[(a.text, a.code) for a in actors]}"
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "mention", "code", "sector", "published"),
    [
        # capitals: the government when they act, the country (no sector) when they are the place
        ("Moscow rejected the proposal on Monday.", "Moscow", "RUSGOV", "GOV", "2009-06-27"),
        ("The minister imposed a curfew in Algiers on Friday.", "Algiers", "DZA", None, "2009-06-27"),
        ("Power lines leading into Kabul were cut.", "Kabul", "AFG", None, "2009-06-27"),
        # armed groups are rebels (CAMEO REB); the group code is not extended with its sector again
        ("Hamas fired rockets at the town.", "Hamas", "PSEREBHMS", "REB", "2009-06-27"),
        ("Palestinian militants fired rockets.", "Palestinian militants", "PSEREB", "REB", "2009-06-27"),
        ("Hassan Nasrallah gave a speech.", "Hassan Nasrallah", "LBNREBHEZ", "REB", "2009-06-27"),
        # officials of an IGO: a titled head governs it; its members acting together are the body
        ("U.N. Secretary-General Kofi Annan arrived.", "U.N. Secretary-General Kofi Annan", "IGOUNO", "GOV",
         "2000-01-01"),
        ("European Community foreign ministers met in Brussels.", "European Community foreign ministers",
         "IGOEUREEC", None, "1990-01-01"),
        ("The Security Council voted on Friday.", "Security Council", "IGOUNO", "GOV", "2009-06-27"),
        # counted people of a nation are civilians; the nation as a party is not
        ("Soldiers arrested more than 100 Palestinians on Saturday.", "Palestinians", "PSECVL", "CVL",
         "2009-06-27"),
        ("Thousands of Kenyans marched on Thursday.", "Kenyans", "KENCVL", "CVL", "2009-06-27"),
        ("The Palestinians rejected the proposal.", "Palestinians", "PSE", None, "2009-06-27"),
        ("Albanians of southern Serbia demanded autonomy.", "Albanians of southern Serbia", "SRBCVL", "CVL",
         "2009-06-27"),
        # an ethnic group takes the state its sentence puts it in
        ("Ethnic Hungarians rallied on Sunday in Romania.", "Hungarians", "ROUCVL", "CVL", "2009-06-27"),
        # the leader of a force owns it; "security forces" and "government forces" are the military
        ("Saudi-led forces struck the port.", "Saudi-led forces", "SAUMIL", "MIL", "2016-01-01"),
        ("Algerian security forces raided the village.", "Algerian security forces", "DZAMIL", "MIL",
         "2009-06-27"),
        ("Iraqi helicopters attacked the convoy.", "Iraqi helicopters", "IRQMIL", "MIL", "2009-06-27"),
        # unnamed NGOs
        ("A human rights group protested on Wednesday.", "human rights group", "NGOHRI", "HRI", "2009-06-27"),
        ("Iranian rights groups protested on Wednesday.", "Iranian rights groups", "IRNHRI", "HRI", "2009-06-27"),
        # peoples living mainly in one state, and historic names
        ("Yoruba leaders met on Monday.", "Yoruba leaders", "NGAGOV", "GOV", "2009-06-27"),
        ("Kampuchean guerrillas attacked the village.", "Kampuchean guerrillas", "KHMREB", "REB", "1984-01-01"),
        # people of the 1980s and 1990s, by the article's date
        ("Reagan met Gorbachev in Geneva.", "Reagan", "USAGOV", "GOV", "1985-11-19"),
        ("Reagan met Gorbachev in Geneva.", "Gorbachev", "RUSGOV", "GOV", "1985-11-19"),
        ("President Laurent Gbagbo spoke on television.", "President Laurent Gbagbo", "CIVGOV", "GOV",
         "2005-01-01"),
        ("Mandela spoke in Soweto.", "Mandela", "ZAFELI", "ELI", "2005-01-01"),
    ],
)
def test_conventions(resolver, sentence, mention, code, sector, published):
    actor = _find(resolver, sentence, mention, published)
    assert (actor.code, actor.sector) == (code, sector)


def test_one_letter_slips_in_known_names_resolve(resolver):
    assert _find(resolver, "Officials in Afghanstan said the road was closed.", "Officials in Afghanstan").code \
        == "AFGGOV"
    person = _find(resolver, "President Nelson Mandella spoke on Monday.", "President Nelson Mandella",
                   "1995-01-01")
    assert (person.code, person.name) == ("ZAFGOV", "Nelson Mandela")


def test_unknown_names_are_not_forced_onto_near_misses(resolver):
    actor = _find(resolver, "Tom Fenwick met the press on Monday.", "Tom Fenwick")
    assert actor.code is None


def test_fuzzy_index_rejects_short_ambiguous_and_exact_names():
    dictionary = load_dictionary()
    fuzzy = FuzzyNames(dictionary.entries)
    assert fuzzy.lookup("Ethopia", people=False) is not None
    assert fuzzy.lookup("Ethiopia", people=False) is None  # exact names are the matcher's job
    assert fuzzy.lookup("Iraan", people=False) is None  # shorter than five letters before the slip
    assert fuzzy.lookup("Ethopia", people=True) is None  # a state is not a person


def test_group_roles_never_repeat_the_sector():
    dictionary = load_dictionary()
    for entry in dictionary.entries:
        for role in entry.roles:
            if role.code and role.sector and not role.code.startswith(("IGO", "NGO")):
                assert not role.code.endswith(role.sector + role.sector), (entry.name, role.code)
                assert role.code[3:6] == role.sector or role.code.startswith("IMG"), (entry.name, role.code)
    hezbollah = next(e for e in dictionary.entries if e.name == "Hassan Nasrallah")
    assert {(r.code, r.sector) for r in hezbollah.roles} == {("LBNREBHEZ", "REB")}
    bin_laden = next(e for e in dictionary.entries if e.name == "Osama bin Laden")
    assert {(r.code, r.sector) for r in bin_laden.roles} == {("IMGMOSALQ", "REB")}


def test_every_people_file_is_loaded():
    dictionary = load_dictionary()
    origins = {e.origin.rsplit(":", 1)[0] for e in dictionary.entries if e.kind == "person"}
    files = {str(p) for p in BUILTIN_DIR.glob("people*.yaml")}
    assert len(files) > 1 and files <= origins
