"""Which noun of an argument phrase is the party (issue 13, eventwire.events.phrase_heads): the trigger's own
act is not its target, a town modifying a thing is no party (unless the type is done to places), a town
modifying an event is where it happened, people of a person are not the person, a name with "and" in
it is one party, and a "to" phrase of "lead" is a result. Sentences written for the eventwire project;
the shipped lexicon, dictionaries and the real parser."""

from __future__ import annotations

import pytest

from eventwire.stages import code_text


def _pairs(text: str) -> set[tuple[str, str | None]]:
    return {(e.source.text, e.target.text if e.target else None) for e in code_text(text, "2007-01-05")}


def _targets(text: str) -> set[str | None]:
    return {target for _, target in _pairs(text)}


@pytest.mark.parametrize(("text", "wrong"), [
    ("A lawsuit filed by the opposition party has shed light on the case.", ("opposition party", "A lawsuit")),
    ("The opposition filed a new petition in the capital.", ("opposition", "a new petition")),
    ("The raids, conducted by over 300 armed police officers, focused on activists.", ("police officers", "The raids")),
])
def test_the_triggers_own_act_is_not_its_target(text: str, wrong: tuple[str, str]) -> None:
    assert wrong not in _pairs(text)


def test_the_act_keeps_the_party_it_is_against() -> None:
    assert ("opposition", "ruling party") in _pairs("The opposition filed a complaint against the ruling party.")


def test_a_judged_product_still_stands_for_its_maker() -> None:
    # "rejected the bill": what is judged is not the judge's own act
    assert any(target == "The complaint" for _, target in _pairs(
        "The Bolivian embassy filed a complaint. The complaint was rejected by the Chilean government."))


@pytest.mark.parametrize(("text", "wrong"), [
    ("The Labor leader reiterated his support for the Kyoto protocol.", "Kyoto"),
    ("Fatmah and Mohammad Elsamnah again offered their $300,000 Toronto home as surety for his release.", "Toronto"),
    ("Union members were picketing on the Brooklyn entrance to the bridge.", "Brooklyn"),
])
def test_a_town_modifying_a_thing_is_no_target(text: str, wrong: str) -> None:
    assert wrong not in _targets(text)


@pytest.mark.parametrize(("text", "pair"), [
    # force and coercion are done to places: the town stands for its people (CAMEO; plv_train's convention)
    ("Burmese authorities announced they will extend the curfew order in Maungtaw district.", ("Burmese authorities", "Maungtaw")),
    # an act's town is whom it was done to
    ("The spokesman strongly condemned the Quetta suicide attack.", ("spokesman", "Quetta")),
    ("Rebels attacked an Israeli army base.", ("Rebels", "Israeli army")),
])
def test_a_town_or_state_that_stands_for_its_people_is_kept(text: str, pair: tuple[str, str]) -> None:
    assert pair in _pairs(text)


def test_people_of_a_person_are_not_the_person() -> None:
    targets = _targets("A grand jury indicted three of DeLay's political associates.")
    assert "DeLay" not in targets
    assert "three of DeLay's political associates" in targets


def test_a_name_with_and_is_one_party_and_an_apposition_no_second_one() -> None:
    targets = _targets("The Prince has requested his regiment, the Blues and Royals, to treat him like any other soldier.")
    assert "Royals" not in targets


def test_a_list_of_objects_stays_a_list() -> None:
    assert {"mayor", "governor", "minister"} <= set(_targets("Police arrested the mayor, the governor and the minister."))


def test_a_result_of_lead_to_is_not_the_subjects_act() -> None:
    text = "The warlord factions that drove UN troops out of Mogadishu led to the withdrawal of American forces from Somalia."
    assert "Somalia" not in _targets(text)


@pytest.mark.parametrize("text", [
    "The Geneva talks between Iran and the European Union ended on Monday.",
    "Maliki attended a Baghdad meeting with Rice on Monday.",
    "The Baghdad bombing killed 20 people on Monday.",
])
def test_a_town_modifying_an_event_is_where_it_happened_not_its_doer(text: str) -> None:
    assert not {source for source, _ in _pairs(text)} & {"Geneva", "Baghdad"}


def test_a_town_modifying_people_or_an_institution_is_kept() -> None:
    assert ("Baghdad government", "United States") in _pairs("The Baghdad government criticised the United States.")
