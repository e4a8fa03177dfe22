"""Actors in context: what the whole article says about a mention the phrase leaves open.

Generic agents and unknown people take the country the article is about, named organisations are
coded by their kind, pronouns and definite descriptions refer back, and ``code_source`` says how
each code was obtained. Sentences and names are written for the eventwire project (the people are
invented, the states real).
"""

from __future__ import annotations

import pytest
from actors_support import find_actor

from eventwire.actors import get_resolver
from eventwire.actors.article import org_sector
from eventwire.events.mentions import ActorIndex
from eventwire.nlp import parse


def _actors(text, title=None, dateline=None):
    doc = parse(text)
    actors = get_resolver().resolve(doc, "2006-03-01", title, dateline)
    for actor in actors:
        assert doc.text[actor.start:actor.end] == actor.text
        assert (actor.code is None) == (actor.code_source is None), actor
    return actors


def _codes(actor):
    return actor.code, actor.code_source


# -- generic agents -------------------------------------------------------------------------------

def test_a_generic_agent_takes_the_country_the_article_is_about():
    actors = _actors("A bomb killed 20 people in Karachi on Monday. Police arrested two men. "
                     "The government promised an inquiry.", title="Pakistan bombing kills 20")
    assert _codes(find_actor(actors, "Police")) == ("PAKCOP", "context")
    assert _codes(find_actor(actors, "government")) == ("PAKGOV", "context")


def test_the_dateline_country_counts_like_two_mentions():
    actors = _actors("Officials said the talks would go on. The government agreed.", dateline="KEN")
    assert find_actor(actors, "government").code == "KENGOV"
    actors = _actors("Officials said the talks would go on. The government agreed.")
    assert find_actor(actors, "government").code is None


def test_the_nearest_state_named_on_its_own_before_the_agent_in_the_sentence_wins():
    actors = _actors("Chile protested. Chile and Peru met in Lima. In Bolivia, the government "
                     "rejected the plan.")
    assert find_actor(actors, "government").code == "BOLGOV"


def test_a_state_owning_another_actor_does_not_place_the_victims():
    actors = _actors("Lebanon and Lebanese officials protested. Israeli troops shot three villagers on Monday.")
    assert find_actor(actors, "villagers").code == "LBNCVL"  # the article's, not the troops' country


def test_foreign_and_led_agents_keep_no_country():
    actors = _actors("Iraq held elections. Iraqi voters went to the polls. Foreign troops guarded the "
                     "stations while Kurdish-led forces patrolled the north.")
    assert find_actor(actors, "troops").code is None
    assert find_actor(actors, "forces").code is None
    actors = _actors("Iraq held elections. Iraqi voters went to the polls. Observers from 30 countries watched.")
    assert find_actor(actors, "Observers").code is None


def test_a_coordinated_place_after_the_agent_places_it():
    actors = _actors("Egypt offered support to the government and people of Saudi Arabia.")
    assert find_actor(actors, "government").code == "SAUGOV"


def test_an_article_about_no_state_leaves_generic_agents_uncoded():
    actors = _actors("The government said the police would act.")
    assert find_actor(actors, "government").code is None


# -- people ---------------------------------------------------------------------------------------

def test_a_title_anywhere_codes_a_person_and_later_surname_mentions():
    actors = _actors("Cuban Foreign Minister Tomas Perovar met Brazilian officials. Later Perovar said "
                     "the minister was pleased.")
    assert _codes(find_actor(actors, "Cuban Foreign Minister Tomas Perovar")) == ("CUBGOV", "title")
    assert _codes(find_actor(actors, "Perovar")) == ("CUBGOV", "title")
    assert _codes(find_actor(actors, "minister")) == ("CUBGOV", "coref")


def test_a_titled_stranger_takes_the_article_country_and_a_later_title_overrides_a_guess():
    text = ("Canada's parliament met. Canadian voters waited. Canada watched. Senator Ann Dorvell spoke first. "
            "Dorvell said little.")
    actors = _actors(text)
    assert _codes(find_actor(actors, "Senator Ann Dorvell")) == ("CANLEG", "context")
    assert find_actor(actors, "Dorvell").code == "CANLEG"
    actors = _actors("Canada's parliament met. Canadian voters waited. Canada watched. Ann Dorvell spoke. "
                     "Later, Indian Foreign Minister Ann Dorvell left.")
    assert _codes(find_actor(actors, "Ann Dorvell")) == ("CAN", "context")
    assert _codes(find_actor(actors, "Indian Foreign Minister Ann Dorvell")) == ("INDGOV", "title")


def test_an_unknown_person_takes_the_country_only_of_an_article_clearly_about_one_state():
    one = _actors("Kenya voted. Kenyan officials counted. Kenya's parliament met. Otieno Marwa won the seat.")
    assert _codes(find_actor(one, "Otieno Marwa")) == ("KEN", "context")
    two = _actors("Kenya and Uganda talked. Uganda and Kenya agreed. Otieno Marwa spoke.")
    assert find_actor(two, "Otieno Marwa").code is None


def test_an_object_of_a_state_action_is_not_its_national():
    actors = _actors("Ecuador has granted asylum to Milo Tarsk.")
    assert find_actor(actors, "Milo Tarsk").code is None


def test_an_apposition_with_a_party_codes_the_leader():
    actors = _actors("Tom Vessel, the leader of the opposition Labour Party, said the plan had failed.")
    leader = [a for a in actors if a.text.startswith("Tom Vessel")][0]
    assert (leader.country, leader.kind, leader.code_source) == ("GBR", "person", "title")


def test_pronouns_refer_to_the_latest_person_named():
    actors = _actors("Cuban Foreign Minister Tomas Perovar met Lula. Perovar said he was pleased. "
                     "Lula thanked him.")
    assert _codes(find_actor(actors, "he")) == ("CUBGOV", "coref")
    assert _codes(find_actor(actors, "him")) == ("CUBGOV", "coref")


# -- definite descriptions ------------------------------------------------------------------------

def test_the_country_is_the_state_named_last():
    actors = _actors("Iran rejected the offer. The country's foreign minister said the country would wait.")
    assert _codes(find_actor(actors, "The country's foreign minister")) == ("IRNGOV", "coref")
    assert _codes(find_actor(actors, "the country")) == ("IRN", "coref")


def test_a_region_is_not_read_as_its_namesake_town_abroad():
    # Virginia is also a town in South Africa, Ontario one in California: the state and the province
    from eventwire.actors.cities import city_country
    assert (city_country("Virginia"), city_country("Ontario"), city_country("Karachi")) == (None, None, "PAK")
    actors = _actors("The Virginia voted for a resolution. The Senate approved it on Monday.")
    assert not any((a.code or "").startswith("ZAF") for a in actors)


def test_the_nation_is_the_country_the_article_is_about_not_the_state_named_last():
    actors = _actors("Australia will withdraw its troops from Iraq, although the nation's foreign minister "
                     "said Australia would stay. Australia's president then made an address to the nation.")
    assert _codes(find_actor(actors, "the nation's foreign minister")) == ("AUSGOV", "coref")
    assert _codes(find_actor(actors, "the nation")) == ("AUS", "coref")


def test_protest_organisers_are_the_opposition():
    actors = _actors("Protest organisers in Kenya said the police attacked the marchers.")
    assert find_actor(actors, "Protest organisers in Kenya").code == "KENOPP"


def test_the_group_and_the_rebels_refer_to_the_group_just_named():
    actors = _actors("The FARC attacked a town in Colombia. The rebels said the group would fight on.")
    assert _codes(find_actor(actors, "rebels")) == ("COLREBFRC", "coref")
    assert _codes(find_actor(actors, "the group")) == ("COLREBFRC", "coref")


def test_a_generic_word_does_not_refer_back_to_a_transnational_group():
    actors = _actors("Afghanistan voted. Afghan police guarded Kabul. Al-Qaeda threatened the vote. "
                     "The insurgents attacked a school.")
    assert find_actor(actors, "insurgents").code == "AFGREB"


def test_a_group_pronoun_resolved_on_the_event_side_says_coref():
    doc = parse("Iran rejected the offer on Monday. It said talks were over.")
    actors = get_resolver().resolve(doc, "2006-03-01")
    index = ActorIndex(doc, actors)
    it = next(t for t in doc if t.text == "It")
    found = index.actor_for(it)
    assert (found.code, found.code_source) == ("IRN", "coref")


# -- organisations by kind ------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "sector"), [
    ("Democratic Renewal Party", "PTY"), ("Ministry of Water Resources", "GOV"), ("Lanark News Agency", "MED"),
    ("Supreme Court of Justice", "JUD"), ("Popular Liberation Army", "REB"), ("Northern Tribune", "MED"),
    ("Bloomfield University", "EDU"), ("Arcadia", None),
])
def test_organisation_kinds_from_their_names(name, sector):
    assert org_sector(name) == sector


def test_a_media_outlet_named_after_a_state_does_not_own_the_next_actor():
    actors = _actors("According to The Times of India outgoing President Leonid Kuchma met Putin.")
    outlet = [a for a in actors if "Times of India" in a.text][0]
    assert outlet.sector == "MED" and outlet.country == "IND"
    kuchma = [a for a in actors if "Kuchma" in a.text][0]
    assert kuchma.country == "UKR"


# -- not actors -----------------------------------------------------------------------------------

def test_weapons_are_not_actors_but_the_forces_using_them_are():
    actors = _actors("Two Katyusha rockets exploded. Israel condemned the artillery shelling. "
                     "Israeli aircraft struck Tyre.")
    texts = [a.text for a in actors]
    assert "Katyusha" not in texts and "artillery" not in texts
    assert find_actor(actors, "Israeli aircraft").code == "ISRMIL"


def test_every_code_says_how_it_was_obtained():
    actors = _actors("Russian President Dmitry Medvedev met Pakistani officials in Islamabad. "
                     "He said the government agreed.", title="Pakistan talks")
    sources = {a.text: a.code_source for a in actors if a.code}
    assert sources["Russian President Dmitry Medvedev"] == "title"
    assert sources["He"] == "coref"
    assert sources["government"] == "context"
    assert set(sources.values()) <= {"dictionary", "title", "context", "coref", "user"}


def test_a_shared_code_is_one_actor_only_for_the_same_named_actor():
    from eventwire.events.identity import same_actor
    from eventwire.records import Actor

    klaus = Actor("Klaus", 0, 5, "CZEGOV", "CZE", "GOV", "Vaclav Klaus", "person", "dictionary", "dictionary")
    rival = Actor("Mirek Vonda", 20, 31, "CZEGOV", "CZE", "GOV", "Mirek Vonda", "person", "title", "title")
    government = Actor("government", 40, 50, "CZEGOV", "CZE", "GOV", None, "agent", "dictionary", "context")
    he = Actor("he", 60, 62, "CZEGOV", "CZE", "GOV", "Vaclav Klaus", "person", "dictionary", "coref")
    assert not same_actor(klaus, rival)  # two people of one government
    assert not same_actor(klaus, government)  # a person and the government the article gave its country
    assert same_actor(klaus, he)  # "Klaus said he ..." is Klaus
    assert same_actor(klaus, klaus)


def test_a_possessive_pronoun_gives_the_person_country_to_the_agent():
    actors = _actors("Cuban Foreign Minister Tomas Perovar met Brazilian officials. He said his government "
                     "would help.")
    assert _codes(find_actor(actors, "government")) == ("CUBGOV", "coref")


def test_a_region_is_no_persons_country_and_no_agents_owner():
    # the region before a title ("Middle East envoy") says where a person works, not whose he is;
    # and "the Middle East" gives no "government" its country
    actors = _actors("In Abu Dhabi, Middle East envoy President Bush spoke. Bush met the government of Iran. "
                     "The Middle East was calm. The government said so.")
    assert all(a.code == "USAGOV" for a in actors if "Bush" in a.text)
    assert not any((a.code or "").startswith("MEA") for a in actors if a.text.lower().startswith("government"))


def test_regular_demonyms_of_a_state_are_known_without_stealing_listed_ones():
    actors = _actors("Thousands of Somalians protested. Dominican officials and Kenyans met.")
    assert find_actor(actors, "Somalians").code.startswith("SOM")
    assert find_actor(actors, "Dominican officials").code == "DOMGOV"  # not Dominica's ("Dominica" + "n")


def test_former_before_a_place_in_the_title_makes_an_elite():
    actors = _actors("Nigerian police in Nigeria arrested former Delta State governor James Ibori on Wednesday. "
                     "Nigeria said so.")
    ibori = next(a for a in actors if "Ibori" in a.text)
    assert ibori.code == "NGAELI"
