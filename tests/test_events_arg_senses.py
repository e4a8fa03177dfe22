"""Senses the arguments' syntax tells apart (events.arg_senses, the lexicon's "make up"): an ownerless
vehicle as the doer, going back read as giving back, the outcome of an accident, "make up" composing.
Sentences written for the eventwire project; the shipped lexicon, actor dictionaries and parser."""

from __future__ import annotations

import pytest
from events_support import shipped_events as _events

from eventwire.events.mentions import syntax_words

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _sources(text: str) -> list[str]:
    return [source for _, source, _ in _events(text)]


def test_the_data_lists_are_there() -> None:
    words = syntax_words()
    assert {"aircraft", "helicopter", "jet"} <= words["vehicle_nouns"]
    assert "bomber" not in words["vehicle_nouns"]  # "a suicide bomber" is a person
    assert "return" in words["going_back_verbs"]
    assert "crash" in words["accident_verbs"]


@pytest.mark.parametrize("text", [
    "The helicopter was shadowing a convoy carrying the president near Kabul, Afghan officials said.",
    "Coalition soldiers supported by fighter jets and gunships stormed the rebel camps near the Iraqi border.",
    "Helicopter gunships supported the Iraqi troops in the battle for the town.",
])
def test_a_vehicle_with_no_owner_is_no_doer(text: str) -> None:
    assert not any(s in ("helicopter", "fighter jets", "gunships", "Helicopter gunships") for s in _sources(text))


def test_a_vehicle_whose_owner_is_named_stays_its_owners() -> None:
    assert ("ASSAULT", "Syrian fighter planes", "Israeli jets") in _events(
        "Syrian fighter planes fired on Israeli jets near the border on Tuesday.")


def _returned(text: str, cameo: str = "0841") -> bool:
    """is_going_back for a release code read off "returned" in ``text``."""
    from types import SimpleNamespace

    from eventwire import nlp
    from eventwire.events.arg_senses import is_going_back

    head = next(t for t in nlp.parse(text) if t.lower_ == "returned")
    return is_going_back(SimpleNamespace(cameo=cameo, head=head))  # type: ignore[arg-type]


def test_going_back_is_no_release() -> None:
    assert _returned("The exiled general returned to Colombia from Cuba on Monday.")
    assert _returned("The envoy returned to the prisoners in the camp with a new offer.", cameo="084")
    assert not _returned("The rebels returned the hostages to the Colombian government.")
    assert not _returned("The hostages were returned to their families by the rebels.")


def test_giving_back_someone_stays_a_release() -> None:
    assert ("RETREAT", "rebels", "hostages") in _events("The rebels returned the hostages to the Colombian government.")
    assert ("RETREAT", "rebels", "hostages") in _events("The hostages were returned to their families by the rebels.")


def test_what_an_accident_did_is_no_attack() -> None:
    assert _events("A British military helicopter crashed in Basra on Saturday, killing four crew members.") == []


def test_a_killing_after_an_attack_stays_an_attack() -> None:
    assert ("ASSAULT", "Rebels", "soldiers") in _events("Rebels attacked the convoy near Basra on Saturday, killing four soldiers.")


def test_make_up_with_an_object_composes() -> None:
    assert _events("Together the three senators make up the remaining candidates of the Democratic party.") == []


def test_ones_own_forces_given_are_not_the_recipient() -> None:
    assert _events("Australia has committed 300 Australian troops.") == []
    assert _events("Britain pledged 500 more British soldiers on Monday.") == []


def test_a_gift_to_anothers_forces_stays() -> None:
    # the event stays; its rule reads the pledge as AGREE (033), and the type model may read it as AID at
    # about 0.94, so the test asks for the rule's reading, not the decided type
    from eventwire import code_text

    events = code_text("The United States pledged aid to the Iraqi army.")
    assert [(e.rule_type, e.source.text, e.target.text if e.target else None) for e in events] == \
        [("AGREE", "United States", "Iraqi army")]


def test_where_a_meeting_met_is_not_whom_it_met() -> None:
    assert _events("African politicians met at the World Economic Forum in Cape Town, where they discussed Zimbabwe.") == []


def test_whom_a_meeting_met_stays() -> None:
    assert ("CONSULT", "Pakistani leader", "Tony Blair") in _events(
        "The Pakistani leader held talks with Tony Blair at the World Economic Forum in Davos.")


def test_a_protester_noun_takes_no_source_from_its_clause() -> None:
    # people_event_nouns: the army fires on the protesters, it does not protest
    events = _events("The army opened fire on the protesters.")
    assert ("ASSAULT", "army", "protesters") in events
    assert not [e for e in events if e[0] == "PROTEST"]
    assert not [e for e in _events("Troops carried the demonstrators out of the square.") if e[0] == "PROTEST"]


@pytest.mark.parametrize("text", [
    "The leaders of Kenya and Somalia met in Nairobi.",
    "The president of Kenya met in Nairobi on Monday.",
])
def test_a_meeting_place_is_no_target_when_the_model_proposes_it(text: str) -> None:
    # a proposed target keeps the preposition it hangs on (candidates._proposal_via)
    assert "Nairobi" not in [target for _, _, target in _events(text)]


@pytest.mark.parametrize("text", [
    "Venezuela and Ecuador have ordered troops to the border with Colombia.",
    "Kabul asked NATO for more troops.",
])
def test_forces_a_demand_names_as_its_object_are_not_asked(text: str) -> None:
    assert not any(kind == "REQUEST" and target == "troops" for kind, _, target in _events(text))


def test_forces_asked_to_act_are_asked() -> None:
    assert ("REQUEST", "president", "troops") in _events("The president urged the troops to withdraw from the city.")
