"""Common-noun and pronoun actors (issue 13): role nouns with no name of their own are coded
mentions (eventwire/data/actors/agents.yaml), and "he"/"she" refer back to an office holder the
article named by title alone (eventwire/actors/people.py ``remember_holder``). Sentences and names
are written for the eventwire project (the people are invented, the states real).
"""

from __future__ import annotations

from actors_support import find_actor, resolve_text

from eventwire.stages import code_text

# -- role nouns ---------------------------------------------------------------------------------------

def test_investigators_are_police_of_the_state_that_owns_them():
    actors = resolve_text("South Korean investigators questioned the head of the shipping firm on Monday.")
    assert find_actor(actors, "South Korean investigators").code == "KORCOP"


def test_regulators_and_a_city_council_are_government():
    actors = resolve_text("Brazilian regulators fined the mining company after the dam broke in Minas Gerais.")
    assert find_actor(actors, "Brazilian regulators").code == "BRAGOV"
    actors = resolve_text("In Kenya, the city council banned the march that opposition activists had planned.")
    assert find_actor(actors, "city council").code == "KENGOV"


def test_a_committee_of_a_parliament_is_the_legislature():
    actors = resolve_text("A British parliamentary committee summoned the chief executive of the social network.")
    assert find_actor(actors, "British parliamentary committee").code == "GBRLEG"


def test_owners_of_businesses_are_business():
    actors = resolve_text("Bangladeshi factory owners rejected the demands of the striking garment workers.")
    assert find_actor(actors, "Bangladeshi factory owners").code == "BGDBUS"


def test_a_tv_channel_is_media():
    actors = resolve_text("Brazilian farmers blocked the highways, and a Brazilian TV channel filmed the blockade.")
    assert find_actor(actors, "Brazilian TV channel").code == "BRAMED"


def test_a_bare_agency_is_no_government_body():
    # an advertising agency is a firm: the word alone says no sector
    actors = resolve_text("The Liberal Party of Canada hired the advertising agency Harcourt Vale for its campaign.")
    assert not any(a.text.lower().startswith("agency") and a.sector == "GOV" for a in actors)


def test_a_treasurer_of_a_state_governs_and_a_shadow_one_is_the_opposition():
    # "Treasurer" is the finance portfolio in Westminster-style cabinets; its shadow is the opposition's
    actors = resolve_text("Australian Treasurer Mark Kellow defended the budget, and the shadow treasurer "
                          "Dina Wells called it reckless.")
    assert find_actor(actors, "Australian Treasurer Mark Kellow").code == "AUSGOV"
    assert find_actor(actors, "shadow treasurer Dina Wells").sector == "OPP"


def test_a_backbencher_is_a_lawmaker():
    actors = resolve_text("Australian backbencher Tom Kellow said the reform went too far.")
    assert find_actor(actors, "Australian backbencher Tom Kellow").code == "AUSLEG"


# -- he and she ---------------------------------------------------------------------------------------

def test_he_refers_back_to_an_office_holder_named_by_title_alone():
    actors = resolve_text("Japan's prime minister met the Chinese ambassador in Tokyo on Friday. He praised "
                     "the ambassador for his work.")
    he = find_actor(actors, "He")
    assert he.code == "JPNGOV" and he.code_source == "coref"


def test_an_object_pronoun_is_not_the_subject_of_its_own_clause():
    actors = resolve_text("A Chinese envoy arrived in Tokyo on Friday. Japan's prime minister thanked him for the visit.")
    assert find_actor(actors, "him").code == "CHNGOV"


def test_a_title_said_of_a_named_person_is_no_second_person():
    # "as interior minister" is Ortega's role: the "he" after it is Ortega himself
    actors = resolve_text("Juan Ortega resigned as Spain's interior minister on Monday, after it emerged that he "
                     "had met the smugglers.")
    assert find_actor(actors, "he").name == "Juan Ortega"


def test_a_pronoun_with_no_one_before_it_stays_no_mention():
    actors = resolve_text("He said the reform of the pension system would be delayed until next year.")
    assert not any(a.text == "He" for a in actors)


def test_a_pronoun_source_for_a_titled_holder_makes_an_event():
    events = code_text("MADRID — Spain's top judge ordered the arrest of the separatist leader on Monday. "
                       "She accused him of rebellion.", "2019-03-01")
    accused = [e for e in events if e.source.text == "She"]
    assert accused and accused[0].source.code == "ESPJUD"


def test_a_title_word_inside_a_body_name_is_no_office_holder():
    # "Justice" names the department, not a judge: the "he" after it is nobody named before
    actors = resolve_text("Thousands marched in Washington against the Justice Department on Friday. People "
                     "said he was leading the march.")
    assert not any(a.text == "he" and a.code_source == "coref" for a in actors)


def test_a_title_owned_by_a_pronoun_is_no_office_holder():
    # "his lawyer" speaks for Kaspar Velden: the "he" of what he said is Velden, not the lawyer
    actors = resolve_text("Italy put five bankers on trial on Monday. One of the defendants Kaspar Velden , a former "
                     "bank manager in Milan, said via his lawyer that he did not recognize the court.")
    assert not any(a.text == "he" and a.sector == "JUD" for a in actors)


# -- the kingdom, the republic ------------------------------------------------------------------------

def test_the_kingdom_is_the_last_kingdom_named_not_the_last_state():
    actors = resolve_text("Saudi Arabia expelled the envoy of Canada on Monday. The kingdom accused Canada of meddling.")
    kingdom = find_actor(actors, "The kingdom")
    assert kingdom.code == "SAU" and kingdom.code_source == "coref"


def test_the_republic_passes_over_a_monarchy_named_after_it():
    actors = resolve_text("Belarus and Canada signed a trade deal in Minsk. The republic's president praised the deal.")
    assert find_actor(actors, "The republic's president").code == "BLRGOV"


def test_the_emirate_with_no_emirate_named_is_no_mention():
    actors = resolve_text("France and Germany signed a deal on Monday. The emirate criticised the deal.")
    assert not any(a.text.lower() == "the emirate" for a in actors)


# -- guards found on the off-gold draws (sentences written for the project) -----------------------------

def test_an_object_pronoun_in_a_relative_clause_is_not_the_noun_the_clause_describes():
    actors = resolve_text("In Chile, Tomas Reyes, the opposition leader, sued a former police chief who had beaten him "
                     "in custody in 1998.")
    him = find_actor(actors, "him")
    assert him.name == "Tomas Reyes"


def test_a_holder_coordinated_with_a_name_leaves_he_to_the_name():
    actors = resolve_text("Australian Labor leader and premier Mark Dawlish said that Labor had made the state strong. "
                     "\"We won,\" he said.")
    he = find_actor(actors, "he")
    assert he.name == "Mark Dawlish"


def test_a_pronoun_for_a_holder_is_not_the_subject_of_a_clause_nobody_reports():
    # the teacher is arrested, the parents complain: "she" is written as the target, not "British teacher"
    events = code_text("KHARTOUM — A British teacher working in Sudan was arrested on Sunday after parents "
                       "complained that she had insulted the school.", "2019-03-01")
    assert not any(e.target is not None and e.target.text == "British teacher" for e in events)
