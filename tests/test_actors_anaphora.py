"""A definite description repeating the head noun of a coded mention just before is that actor
(eventwire.actors.anaphora). Sentences written for the eventwire project; the shipped dictionaries,
the real parser and resolver."""

from __future__ import annotations

from eventwire import nlp
from eventwire.actors import get_resolver
from eventwire.stages import code_text


def _mentions(text: str) -> dict[str, tuple[str | None, str | None]]:
    return {a.text: (a.code, a.code_source) for a in get_resolver().resolve(nlp.parse(text), "2007-01-05")}


def test_the_station_is_the_tv_station_named_before() -> None:
    text = "Protests went on in Kinshasa, Congo. A local TV station broadcast images. The station was raided by police."
    found = _mentions(text)
    assert found.get("The station") == (found["TV station"][0], "coref")
    assert found["TV station"][0] is not None
    assert any(e.target is not None and e.target.text == "The station" for e in code_text(text, "2007-01-05"))


def test_the_mission_is_the_peacekeeping_mission() -> None:
    text = "Rebels attacked a UN peacekeeping mission near Goma in Congo. The mission said two soldiers were wounded."
    found = _mentions(text)
    assert found.get("The mission") == (found["UN peacekeeping mission"][0], "coref")


def test_no_antecedent_with_that_head_leaves_the_noun_alone() -> None:
    text = "Police in Lagos arrested a journalist. The station was closed on Monday."
    assert "The station" not in _mentions(text)


def test_a_description_with_a_name_of_its_own_is_not_read_back() -> None:
    # "the Kenyan station" names its own owner: not the Congolese TV station of the sentence before
    text = "A local TV station in Congo broadcast images. The Kenyan station was raided by police."
    assert "The Kenyan station" not in _mentions(text)


def test_a_description_with_an_of_phrase_brings_in_its_own_group() -> None:
    text = "A local human rights group in Iraq criticised the police. Police charged into the group of activists."
    assert not any(a.startswith("the group") for a in _mentions(text))


def test_an_antecedent_out_of_reach_is_not_taken() -> None:
    filler = " ".join(["The talks went on for many hours without any result at all."] * 8)
    text = f"A local TV station in Congo broadcast images. {filler} The station was raided by police."
    assert "The station" not in _mentions(text)


def test_the_agency_is_the_named_agency_whose_name_ends_in_agency() -> None:
    # an organisation's last word says what it is (the agency's name is invented for the project)
    text = "In Norway, the Coastal Fisheries Agency fined a trawler company. The agency said the firm broke the law."
    found = _mentions(text)
    assert found["the Coastal Fisheries Agency"][0] == "NORGOV"
    assert found.get("The agency") == ("NORGOV", "coref")
