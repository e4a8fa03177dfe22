"""Words and frames the lexicon had no rule for: a court's penalty is coercion, the
acts of a demonstration (unfurling a banner, a march), censoring anything, preparing a meeting, and
the month "March" that is no march. Sentences written for the eventwire project; the
shipped lexicon, actor dictionaries and parser, as a run codes them."""

from __future__ import annotations

import pytest
from events_support import shipped_events as _events

from eventwire.events.lexicon import get_lexicon

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _types(text: str) -> set[str]:
    return {kind for kind, _, _ in _events(text)}


@pytest.mark.parametrize(("text", "event"), [
    ("A military court in Damascus sentenced the opposition leader Ahmed Nasser to ten years in prison.",
     ("COERCE", "military court in Damascus", "opposition leader Ahmed Nasser")),
    ("The opposition leader was sentenced to death by a Syrian court on Monday.",
     ("COERCE", "Syrian court", "opposition leader")),
    ("The court handed down a ten-year prison sentence to the opposition leader.",
     ("COERCE", "court", "opposition leader")),
])
def test_a_sentence_handed_down_is_coercion(text: str, event: tuple[str, str, str]) -> None:
    assert event in _events(text)
    assert "ACCUSE" not in _types(text)


def test_the_verdict_itself_stays_an_accusation() -> None:
    assert ("ACCUSE", "jury", "governor") in _events("A jury convicted the former governor of fraud.")


def test_the_penalty_verbs_share_one_rule() -> None:
    rules = get_lexicon().entries
    assert {"sentence", "fine", "condemn to"} <= set(rules["173.sentence"].lemmas)
    assert not {"sentence", "fine"} & set(rules["116.convict"].lemmas)
    assert "fine" in rules["173.impose_penalty"].objects and "fine" not in rules["116.hand_down_sentence"].objects


@pytest.mark.parametrize(("text", "source"), [
    ("Greenpeace activists unfurled a huge banner outside the Indian embassy.", "Greenpeace activists"),
    ("The Bolivian farmers' march reached La Paz on Monday.", "Bolivian farmers"),
])
def test_acts_of_a_demonstration_are_protests(text: str, source: str) -> None:
    assert ("PROTEST", source, None) in _events(text)


@pytest.mark.parametrize("text", [
    "The Serbian army's march on Pristina alarmed Albania.",  # a force on the march does not protest
    "On March 3 Kenyan police arrested twelve students in Nairobi.",  # the month
])
def test_a_march_that_is_no_protest(text: str) -> None:
    assert "PROTEST" not in _types(text)


def test_censoring_anything_restricts_expression() -> None:
    from eventwire import nlp

    doc = nlp.parse("The ministry will censor the comedian's latest sketch.")
    verb = next(t for t in doc if t.lower_ == "censor")
    assert [m.rule_id for m in get_lexicon().match(verb)] == ["1721.censor_plain"]
    assert ("COERCE", "Iranian government", "Reuters") in _events("The Iranian government censored Reuters on Monday.")


def test_preparing_a_meeting_announces_it() -> None:
    assert ("AGREE", "South Africa", "Hamas") in _events(
        "The deputy foreign minister confirmed on Thursday that South Africa is preparing a meeting with Hamas.")


def test_dropping_charges_is_not_bringing_them() -> None:
    # "drop" sat among the verbs of bringing charges (1121.bring_charges): a prosecution ended was
    # coded as an accusation of the one it freed
    text = "Prosecutors in Kenya dropped the charges against the opposition leader on Monday."
    assert "ACCUSE" not in _types(text)
    assert "ACCUSE" in _types("Prosecutors in Kenya brought charges against the opposition leader on Monday.")
