"""What a phrase with no code of its own refers back to (eventwire/actors/references.py and the
event side's ActorIndex): same-sector agents within a sentence, organisations by short form or by
"the organisation", office holders named after their portfolio, family-name-first names, regions
as context, partitives and organisations that take "they". Sentences and names are written for the
eventwire project (the people are invented unless the dictionary lists them, the states real).
"""

from __future__ import annotations

from actors_support import find_actor

from eventwire.actors import get_resolver
from eventwire.events.mentions import ActorIndex
from eventwire.nlp import parse


def _actors(text, published="2006-03-01"):
    doc = parse(text)
    return doc, get_resolver().resolve(doc, published)


def _actor_for(text, word):
    """The actor the event side's ActorIndex gives the first token ``word`` of ``text`` as a source."""
    doc, actors = _actors(text)
    token = next(t for t in doc if t.text == word)
    return ActorIndex(doc, actors).actor_for(token, as_source=True)


def test_a_plain_agent_refers_to_the_same_sector_mention_of_another_clause():
    _, actors = _actors("In Iraq, a release from the United States Army forces in Baghdad said that troops "
                        "helped 300 families.")
    assert find_actor(actors, "troops").code == "USAMIL"


def test_two_arguments_of_one_verb_are_two_sides():
    _, actors = _actors("Pakistan held talks. Afghan soldiers fired at soldiers near the border.")
    assert find_actor(actors, "soldiers").code != "AFGMIL"


def test_the_agent_does_not_reach_into_the_sentence_before():
    _, actors = _actors("Britain spoke. British forces will leave Basra in a year. In Washington, Murtha "
                        "told of visiting wounded soldiers at a hospital.")
    assert find_actor(actors, "soldiers").code != "GBRMIL"


def test_the_organisation_refers_back_to_an_igo_not_to_the_outlet_that_reported_it():
    _, actors = _actors("The Council of Europe condemned the detentions, the Associated Press reported. "
                        "The body said the practice was unlawful.")
    assert find_actor(actors, "The body").code == "IGOEURCOE"


def test_a_capitalised_short_form_is_the_named_organisation():
    _, actors = _actors("The International Atomic Energy Agency sent inspectors to Iran. The Agency will "
                        "report to the Security Council.")
    assert find_actor(actors, "Agency").code.startswith("IGOUNO")


def test_the_name_after_an_office_and_its_portfolio_takes_the_office():
    _, actors = _actors("Nigeria's Minister of Housing, Alice Mobolaji, criticised the plan. Mobolaji "
                        "met the governors.")
    assert find_actor(actors, "Alice Mobolaji").code == "NGAGOV"
    assert find_actor(actors, "Mobolaji").code == "NGAGOV"


def test_a_family_name_first_name_is_remembered_by_its_family_name():
    _, actors = _actors("Chinese President Hu Jintao met the Japanese prime minister. Hu said Japan "
                        "should apologise.")
    assert find_actor(actors, "Hu").code == "CHNGOV"


def test_a_us_state_places_the_story_in_its_country():
    _, actors = _actors("California State Senator Joseph Dunn threatened the Guard with subpoenas.")
    assert find_actor(actors, "Senator Joseph Dunn").code == "USALEG"


def test_the_niger_delta_is_in_nigeria():
    _, actors = _actors("Residents of the Niger Delta accused the oil companies.")
    assert find_actor(actors, "Residents of the Niger Delta").code == "NGACVL"


def test_supporters_and_fans_are_civilians():
    _, actors = _actors("In Tehran, fans clashed with police.")
    assert find_actor(actors, "fans").code == "IRNCVL"


def test_some_of_them_is_read_as_a_partitive():
    found = _actor_for("Iranian students protested in Tehran on Monday. Some of them began a hunger strike.", "Some")
    assert found is not None and found.code == "IRNEDU"


def test_an_organisation_speaker_takes_they():
    found = _actor_for("Greenpeace say they have asked the Japanese government to stop whaling.", "they")
    assert found is not None and (found.text, found.code) == ("they", "NGOENVGRP")


def test_supporters_of_a_group_stand_for_the_group():
    found = _actor_for("Thousands of supporters of Hamas marched in Gaza on Friday.", "supporters")
    assert found is not None and found.code.startswith("PSE") and "REB" in found.code
