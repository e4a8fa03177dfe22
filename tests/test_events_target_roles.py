"""Targets whose role shows they are no party to the act (events.target_roles): a bare settlement, a
predicate nominal, where a mobilisation goes, a protest's own organisers or people, the captive of a
demanded release. Sentences written
for the eventwire project; the shipped lexicon, actor dictionaries and parser."""

from __future__ import annotations

import pytest
from events_support import shipped_events as _events

from eventwire.events.mentions import syntax_words

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _targets(text: str) -> list[str | None]:
    return [target for _, _, target in _events(text)]


def test_the_data_lists_are_there() -> None:
    words = syntax_words()
    assert {"town", "village", "neighbourhood"} <= words["settlement_nouns"]
    assert "near" in words["mobilized_place_preps"] and "in" not in words["mobilized_place_preps"]
    assert {"organize", "hold", "attend"} <= words["staging_verbs"]
    assert "hostage" in words["predicative_nouns"]


@pytest.mark.parametrize("text", [
    "Rebel fighters overran the town on Thursday after a week of fighting.",
    "Government troops attacked villages near the northern border on Monday.",
    "The militia seized a key town in the east of the country on Sunday.",
])
def test_a_bare_settlement_is_no_target(text: str) -> None:
    assert not any(t and ("town" in t or "village" in t) for t in _targets(text))


def test_a_settlement_that_names_its_country_stays_its_people() -> None:
    from eventwire import nlp
    from eventwire.events.arguments import Argument
    from eventwire.events.target_roles import is_settlement
    from eventwire.records import Actor

    doc = nlp.parse("Iran threatened to shell Iraqi towns on Monday.")
    token = next(t for t in doc if t.lower_ == "towns")
    span = doc[token.i - 1:token.i + 1]
    arg = Argument(actor=Actor(text=span.text, start=span.start_char, end=span.end_char, code="IRQ", country="IRQ"),
                   token=token.i, via="object")
    assert not is_settlement(doc, arg)
    doc2 = nlp.parse("The rebels shelled towns on Monday.")
    towns = next(t for t in doc2 if t.lower_ == "towns")
    bare = Argument(actor=Actor(text="towns", start=towns.idx, end=towns.idx + 5, code=None), token=towns.i, via="object")
    assert is_settlement(doc2, bare)


def _argument(text: str, word: str) -> tuple[object, object]:
    from eventwire import nlp
    from eventwire.events.arguments import Argument
    from eventwire.records import Actor

    doc = nlp.parse(text)
    token = next(t for t in doc if t.lower_ == word)
    actor = Actor(text=token.text, start=token.idx, end=token.idx + len(token), code="USACVL", country="USA")
    return doc, Argument(actor=actor, token=token.i, via="object")


def test_a_predicate_nominal_is_no_target() -> None:
    from eventwire.events.target_roles import is_predicate_nominal

    assert is_predicate_nominal(*_argument("The police said that most of the victims were children.", "children"))
    assert is_predicate_nominal(*_argument("He said the dead were women and children.", "children"))
    assert not is_predicate_nominal(*_argument("The police said that gunmen killed two children.", "children"))


def test_a_mobilisation_near_a_place_has_no_target() -> None:
    assert _events("Turkey is moving forces near Syria.") == [("MOBILIZE", "Turkey", None)]


def test_a_staged_protest_is_not_against_its_own_people() -> None:
    events = _events("The opposition party held a rally of 5,000 supporters in the capital on Sunday.")
    assert events and all(target is None for kind, _, target in events if kind == "PROTEST")


def test_a_protest_against_someone_keeps_its_target() -> None:
    assert any(t and "government" in t for t in _targets("Students protested against the government in Manila."))


def test_a_bare_noun_of_captivity_is_predicative() -> None:
    from eventwire.events.target_roles import is_predicate_nominal

    assert is_predicate_nominal(*_argument("The reporter has been held hostage by the rebels since May.", "hostage"))
    assert not is_predicate_nominal(*_argument("The rebels killed the hostage on Monday.", "hostage"))


def test_an_investigated_act_is_no_target() -> None:
    # what is looked into, not who: no event ("investigating the poisoning")
    assert not [e for e in _events("Detectives are investigating the stabbing.") if e[0] == "ACCUSE"]
    assert not [e for e in _events("The minister failed to investigate the warnings.") if e[0] == "ACCUSE"]


def test_an_investigated_actor_or_gathering_stays_the_target() -> None:
    assert ("ACCUSE", "IAEA", "Iran") in _events("The IAEA is investigating Iran.")
    # a gathering stands for its people, as for force ("broke up the riots")
    assert [e for e in _events("Police detectives are investigating the riots in Sydney.") if e[0] == "ACCUSE"]


@pytest.mark.parametrize("text", [
    "The African Union said that Karkoj, a northern village, has been attacked by Sudanese government troops.",
    "Officials said Tawila, a small town in the west, was shelled by rebel fighters on Sunday.",
])
def test_a_name_described_as_a_settlement_is_no_target(text: str) -> None:
    assert not any(t in ("Karkoj", "Tawila") for t in _targets(text))


def test_a_state_described_beside_its_name_stays_a_target() -> None:
    assert "Chad" in _targets("Government troops attacked Chad, a neighbouring country, on Sunday.")


@pytest.mark.parametrize("text", [
    "The Press Freedom Council called for the immediate release of the kidnapped reporter.",
    "Thousands marched through the capital, demanding the journalist's release.",
    "Iran's foreign minister demanded the release of the detained Iranian diplomats.",
    "The opposition party called for the freedom of the jailed activists.",
])
def test_the_captive_of_a_demanded_release_is_not_the_one_asked(text: str) -> None:
    assert not [e for e in _events(text) if e[0] == "REQUEST"]


def test_the_one_asked_to_release_stays_the_target() -> None:
    assert ("REQUEST", "Amnesty", "Iran") in _events("Amnesty urged Iran to release the students.")


def test_a_release_ordered_keeps_its_captive() -> None:
    assert ("RETREAT", "Spanish court", "Russian") in _events("A Spanish court ordered the Russian trawler's release on Monday.")


# written for the eventwire project: a town force is used in is where, not whom
def test_a_town_force_is_used_in_is_no_target() -> None:
    assert "Paris" not in _targets("Youths torched four buses in eastern Paris suburbs on Sunday.")
    # the force whose building was struck stays the target
    targets = _targets("A suicide bomber set off a bomb inside the Sri Lankan army barracks in Colombo on Tuesday.")
    assert "Sri Lankan army" in targets and "Colombo" not in targets


def _place(text: str, word: str, country: str) -> tuple[object, object]:
    from eventwire import nlp
    from eventwire.events.arguments import Argument
    from eventwire.records import Actor

    doc = nlp.parse(text)
    token = next(t for t in doc if t.lower_ == word)
    actor = Actor(text=token.text, start=token.idx, end=token.idx + len(token), code=country, country=country)
    return doc, Argument(actor=actor, token=token.i, via="prep:in")


def test_a_state_force_is_used_in_keeps_its_role() -> None:
    from eventwire.events.target_roles import is_force_setting

    assert is_force_setting(*_place("Rioters burned two police cars in Lyon on Friday.", "lyon", "FRA"), "ASSAULT")
    # the gold codes the state that holds a camp struck in it
    assert not is_force_setting(*_place("The air force bombed a camp in Pakistan on Friday.", "pakistan", "PAK"), "ASSAULT")
    assert not is_force_setting(*_place("Rioters burned two police cars in Lyon on Friday.", "lyon", "FRA"), "PROTEST")


# written for the eventwire project: a medium is how something was said, not to whom
def test_a_medium_spoken_on_is_no_target() -> None:
    assert "television" not in _targets("The prime minister made an appeal on national television for calm in the capital.")
    assert "radio" not in _targets("The governor made an appeal over the radio for calm in the province.")


def test_the_medium_test_reads_the_preposition() -> None:
    from eventwire.events.target_roles import is_medium

    doc, arg = _argument("The minister criticised the state television for its coverage.", "television")
    assert not is_medium(doc, arg, "ACCUSE")  # an object: the broadcaster judged
