"""Generic group and role nouns coded from the phrase that says whose they are: a named body after
"of"/"for"/"from" ("Leaders of Hezbollah"), a coded body a bare noun's phrase names ("Representatives
of all major parties"), a city or region written before the role ("Mumbai police"), and "the head of"
a body on the event side. People around a body ("supporters of") and former holders keep their own.

Uses the builtin dictionaries. Sentences are written for the eventwire project.
"""

from __future__ import annotations

import pytest

from eventwire import nlp
from eventwire.actors import ActorResolver
from eventwire.actors.cities import major_city_country
from eventwire.events.mentions import ActorIndex
from eventwire.records import Actor


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


def _by_text(resolver: ActorResolver, text: str) -> dict[str, Actor]:
    return {a.text: a for a in resolver.resolve(nlp.parse(text), "2009-06-27")}


def test_leaders_of_a_named_group_are_the_group(resolver):
    actors = _by_text(resolver, "Russia talked to Moscow's allies. Leaders of Hezbollah met Qatari mediators in Doha.")
    assert actors["Leaders of Hezbollah"].code == "LBNREBHEZ"


def test_officials_from_a_national_institution_take_its_country_and_their_sector(resolver):
    actors = _by_text(resolver, "Officials from the Palestinian Authority criticised Egypt over the border.")
    assert actors["Officials from the Palestinian Authority"].code == "PSEGOV"


def test_supporters_of_a_group_are_not_the_group_itself(resolver):
    actors = _by_text(resolver, "Supporters of Hezbollah marched through the capital on Sunday.")
    assert "Supporters of Hezbollah" not in actors
    assert actors["Hezbollah"].code == "LBNREBHEZ"


def test_a_bare_role_takes_the_code_of_the_body_its_phrase_names(resolver):
    text = ("Germany's parliament passed the law on Friday. The German cabinet had proposed it. "
            "Representatives of all major parties welcomed the decision.")
    actors = _by_text(resolver, text)
    assert actors["Representatives"].code == "DEUPTY"


def test_a_former_holder_keeps_the_elite_sector(resolver):
    text = ("Chile's government opened an inquiry. Chilean courts have acted too. "
            "Many of the former officials of the regime were detained.")
    actors = _by_text(resolver, text)
    assert actors["officials"].sector == "ELI"


def test_a_city_before_a_role_gives_its_country(resolver):
    text = ("Pakistan denied the report on Monday. Pakistan's army said the same. "
            "Mumbai police arrested two men on Tuesday.")
    actors = _by_text(resolver, text)
    assert actors["Mumbai police"].code == "INDCOP"


def test_a_small_town_named_like_a_word_gives_no_country():
    assert major_city_country("Karachi") == "PAK"
    assert major_city_country("Federal") is None  # a town in Argentina, and the start of many names


def test_the_head_of_a_body_stands_for_the_body():
    text = "The head of the Arab League urged Israel to lift the blockade."
    doc = nlp.parse(text)
    start = text.index("the Arab League")
    league = Actor("the Arab League", start, start + len("the Arab League"), "IGOMEAARL", None, None,
                   "Arab League", "igo")
    found = ActorIndex(doc, [league]).actor_for(next(t for t in doc if t.text == "head"))
    assert found is not None and found.code == "IGOMEAARL"


def test_a_group_its_agents_are_named_by_is_still_the_group_referred_to_later(resolver):
    text = "Egypt hosted the talks in Cairo. Officials of Fatah met Egyptian mediators on Sunday. The group rejected the offer."
    actors = _by_text(resolver, text)
    assert actors["Officials of Fatah"].code == "PSEPTYFTH"
    assert actors["The group"].code == "PSEPTYFTH"


def test_agents_of_an_igo_are_the_body_itself(resolver):
    actors = _by_text(resolver, "Observers from the OSCE criticised the election in Belarus.")
    observers = actors["Observers from the OSCE"]
    assert (observers.code, observers.sector, observers.kind) == ("IGOEUROSC", None, "igo")
