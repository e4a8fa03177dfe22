"""Modes (negation, hypothetical, future, historical) and event dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from events_support import code, stand_in_lexicon
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.events.dates import parse_date_expression
from eventwire.events.modality import date_modes


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lex")))


def modes_of(text: str, lexicon: object, trigger: str) -> list[list[str]]:
    return [e.plover.mode for e in code(text, lexicon) if e.trigger.text.startswith(trigger)]


@pytest.mark.parametrize(
    ("text", "trigger", "mode"),
    [
        ("NATO and Russia failed to bridge major differences over Georgia.", "bridge", "negation"),
        ("Russia did not attack Georgia.", "attack", "negation"),
        ("Russia never attacked Georgia.", "attack", "negation"),
        ("Russia refused to meet France.", "meet", "negation"),
        ("Russia reached no agreement with France.", "agreement", "negation"),
        ("Russia might attack Georgia.", "attack", "hypothetical"),
        ("Diplomats fear Russia could attack Georgia.", "attack", "hypothetical"),
        # (an event inside the condition itself, "If Russia attacks Georgia, ...", is not listed at all:
        # tests/test_events_asserted.py)
        ("Russia will meet France next week.", "meet", "future"),
        ("Russia plans to meet France.", "meet", "future"),
        ("Russia is to meet France.", "meet", "future"),
        # a noun of asking governs the act asked for (docs/annotation.md rule 7)
        ("France ignored calls from Iran for Russia to attack Georgia.", "attack", "hypothetical"),
    ],
)
def test_mode_is_read_from_the_parse(text: str, trigger: str, mode: str, lexicon: object) -> None:
    found = modes_of(text, lexicon, trigger)
    assert found, f"no event on {trigger!r}"
    assert all(mode in m for m in found)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Russia attacked Georgia on Saturday.", "attack"),
        ("France said Russia attacked Georgia.", "attack"),
        ("Russia resumed cooperation with NATO but failed to win support.", ""),
        # readiness states an intent, an event of its own (CAMEO 03), not a hypothetical act
        ("Russia is willing to meet France.", "meet"),
    ],
)
def test_asserted_events_carry_no_mode(text: str, trigger: str, lexicon: object) -> None:
    found = modes_of(text, lexicon, trigger)
    assert found and all(m == [] for m in found)


def test_dated_sentence_gives_historical_event(lexicon: object) -> None:
    events = code("Russia routed Georgian troops in August 2008.", lexicon, published="2009-06-27T10:12")
    assert [(e.date, e.date_source, e.plover.mode) for e in events] == [("2008-08", "sentence", ["historical"])]


def test_weekday_of_past_event_is_on_or_before_publication(lexicon: object) -> None:
    # 2009-06-27 is a Saturday
    events = code("Russia attacked Georgia on Tuesday.", lexicon, published="2009-06-27T10:12")
    assert [(e.date, e.date_source) for e in events] == [("2009-06-23", "sentence")]
    events = code("Russia attacked Georgia on Saturday.", lexicon, published="2009-06-27T10:12")
    assert [e.date for e in events] == ["2009-06-27"]


def test_weekday_of_future_event_is_after_publication(lexicon: object) -> None:
    events = code("Russia will meet France on Tuesday.", lexicon, published="2009-06-27T10:12")
    assert [(e.date, "future" in e.plover.mode) for e in events] == [("2009-06-30", True)]


def test_undated_sentence_takes_publication_date_else_unknown(lexicon: object) -> None:
    events = code("Russia attacked Georgia.", lexicon, published="2009-06-27T10:12")
    assert [(e.date, e.date_source) for e in events] == [("2009-06-27", "publication")]
    events = code("Russia attacked Georgia.", lexicon, published=None)
    assert [(e.date, e.date_source) for e in events] == [(None, "unknown")]


def test_date_in_another_relative_clause_does_not_date_the_event(lexicon: object) -> None:
    text = "Russia has blocked an extension of an OSCE mission in Georgia, which expires on Tuesday."
    events = code(text, lexicon, published="2009-06-27T10:12")
    assert [(e.date_source) for e in events] == ["publication"]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("August 2008", "2008-08"),
        ("last August", "2008-08"),
        ("June 3", "2009-06-03"),
        ("3 June 2007", "2007-06-03"),
        ("December 12", "2008-12-12"),  # past story in June: last December
        ("yesterday", "2009-06-26"),
        ("last month", "2009-05"),
        ("2008", "2008"),
        ("2008-08-12", "2008-08-12"),
        ("a week", None),
    ],
)
def test_parse_date_expression(expression: str, expected: str | None) -> None:
    assert parse_date_expression(expression, "2009-06-27T10:12") == expected


def test_relative_expressions_need_a_publication_date() -> None:
    assert parse_date_expression("on Tuesday", None) is None
    assert parse_date_expression("in August 2008", None) == "2008-08"


@settings(max_examples=60, deadline=None)
@given(day=st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)),
       weekday=st.sampled_from(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
       future=st.booleans())
def test_weekday_resolves_within_a_week_of_publication(day: date, weekday: str, future: bool) -> None:
    value = parse_date_expression(f"on {weekday}", day.isoformat(), future=future)
    assert value is not None
    found = date.fromisoformat(value)
    assert found.strftime("%A") == weekday
    if future:
        assert day <= found < day + timedelta(days=7)
    else:
        assert day - timedelta(days=7) < found <= day


def test_date_modes() -> None:
    assert date_modes("2008-08", "2009-06-27") == ["historical"]
    assert date_modes("2009-06-20", "2009-06-27") == []
    assert date_modes("2009-07-01", "2009-06-27") == ["future"]
    assert date_modes(None, "2009-06-27") == []


def test_an_act_charged_is_coded_as_its_doers_without_a_hypothetical_mode(lexicon: object) -> None:
    # docs/annotation.md: "X accused Y of Z" is X ACCUSE Y, and Y-Z a reported event (not a hypothetical one)
    events = code("Russia accused Georgia of attacking Syria.", lexicon)
    charged = [e for e in events if e.trigger.text == "attacking"]
    assert [(e.source.code, e.target.code if e.target else None) for e in charged] == [("GEO", "SYR")]
    assert "hypothetical" not in charged[0].plover.mode
    assert ("RUS", "GEO") in {(e.source.code, e.target.code if e.target else None) for e in events}


def test_date_of_a_reported_clause_does_not_date_the_reporting_clause(lexicon: object) -> None:
    text = "France, which attacked Syria, said Iran will meet Russia on Tuesday."
    events = {e.trigger.text: e for e in code(text, lexicon, published="2009-06-27T10:12")}
    assert events["attacked"].date_source == "publication"
    assert events["meet"].date == "2009-06-30"


def test_syntax_word_lists_hold_only_words() -> None:
    """YAML reads a bare no/on/yes as a boolean: every entry of the word lists must stay a string."""
    import yaml

    from eventwire.events.mentions import SYNTAX_FILE

    raw = yaml.safe_load(SYNTAX_FILE.read_text(encoding="utf-8"))
    bad = {key: [v for v in values if not isinstance(v, str)] for key, values in raw.items()}
    assert not {k: v for k, v in bad.items() if v}


def test_an_attempt_is_the_act_not_a_wish(lexicon: object) -> None:
    # written for the project: "tried to" reports an attempt that happened (docs/annotation.md codes it)
    assert ["hypothetical" in m for m in modes_of("Russia tried to attack Georgia.", lexicon, "attack")] == [False]
    assert ["hypothetical" in m for m in modes_of("Russia wants to attack Georgia.", lexicon, "attack")] == [True]


def test_the_setting_of_a_clause_is_not_qualified_by_it(lexicon: object) -> None:
    # "refused ... after talks with Georgia": the talks took place
    text = "Russia refused to condemn France after talks with Georgia."
    assert ["negation" in m for m in modes_of(text, lexicon, "condemn")] == [True]
    assert ["negation" in m for m in modes_of(text, lexicon, "talks")] == [False]


def test_a_reported_would_is_the_speakers_will(lexicon: object) -> None:
    # written for the project: "said Russia would meet France" reports "Russia will meet France"
    reported = modes_of("Lavrov said Russia would meet France.", lexicon, "meet")
    assert ["hypothetical" in m for m in reported] == [False]
    assert ["hypothetical" in m for m in modes_of("Russia would meet France.", lexicon, "meet")] == [True]


def _modes_at(text: str, word: str) -> list[str]:
    from eventwire import nlp
    from eventwire.events.modality import event_modes

    doc = nlp.parse(text)
    return event_modes(next(t for t in doc if t.text == word))


def test_a_predicate_adjective_takes_its_copulas_negation() -> None:
    assert "negation" in _modes_at("The minister said he was not concerned about Uganda.", "concerned")
    assert _modes_at("The minister said he was concerned about Uganda.", "concerned") == []


def test_a_conjunct_with_its_own_tense_does_not_share_the_first_conjuncts_would() -> None:
    assert _modes_at("The party would not join the coalition, but its leader met the prime minister.", "met") == []
    assert "hypothetical" in _modes_at("The party would join the coalition and meet the prime minister.", "meet")


def test_a_bare_conjunct_of_or_takes_the_first_conjuncts_negation() -> None:
    # "not A or B": neither happens; "not A but B": B does
    assert "negation" in _modes_at("Turkey will not invade Cyprus or threaten Greece.", "threaten")
    assert "negation" in _modes_at("The soldiers did not arrest or detain the farmers.", "detain")
    assert "negation" not in _modes_at("The farmer was not charged but released by the police.", "released")
