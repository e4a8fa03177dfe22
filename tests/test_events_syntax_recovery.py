"""Subjects and targets the parse hides (issue 13, real-news recall): a time adjunct hung on a
subjectless infinitive, a name fused with a fronted date, the possessive subject of a judged gerund.
Sentences written for the eventwire project; the stand-in lexicon and actors of events_support with
the real parser."""

from __future__ import annotations

import pytest
from events_support import code, dyads, stand_in_lexicon

from eventwire import nlp
from eventwire.events.clauses import clause_subjects
from eventwire.stages import code_text


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lex")))


def test_time_adjunct_on_a_nouns_infinitive_is_done_by_the_clause_subject(lexicon: object) -> None:
    # the parser hangs "after meeting" on "attack" (the request's infinitive), which has no subject
    found = dyads(code("France rejected the plan to attack Syria after meeting with Iran in Paris.", lexicon))
    assert ("FRA", "IRN", "CONSULT") in found
    assert not any(d[0] == "SYR" for d in found)


@pytest.mark.parametrize(("text", "verb", "subject"), [
    ("On Friday Harper will meet with Angela Merkel in Berlin.", "meet", "Harper"),
    ("On Thursday Brown held talks with Nicolas Sarkozy.", "held", "Brown"),
])
def test_a_name_fused_with_a_fronted_weekday_is_the_subject(text: str, verb: str, subject: str) -> None:
    # no comma after "On Friday": the parser reads "Friday Harper" as one name, the object of "On"
    doc = nlp.parse(text)
    tokens, how = clause_subjects(next(t for t in doc if t.text == verb))
    assert [t.text for t in tokens] == [subject] and how == "subject"


def test_a_weekday_alone_is_no_subject() -> None:
    doc = nlp.parse("On Friday, the talks were held in Berlin.")
    assert clause_subjects(next(t for t in doc if t.text == "held"))[0] == []


def test_possessive_subject_of_a_judged_gerund_is_the_target(lexicon: object) -> None:
    found = dyads(code("France condemned Iran's using the vote to delay the elections.", lexicon))
    assert ("FRA", "IRN", "ACCUSE") in found


def test_the_participant_of_a_clause_set_in_talks_is_one_side(lexicon: object) -> None:
    assert ("IRN", "FRA", "CONSULT") in dyads(code("Iran spoke during talks with France in Geneva.", lexicon))


def test_a_clash_that_is_the_setting_of_its_victims_clause_is_reported() -> None:
    # a situation noun is background ("as the clashes continue") unless its participant's clause is set in it
    events = code_text("Several protesters were injured in clashes with police in Tehran.")
    assert [(e.source.text, e.target.text if e.target else None, e.plover.type) for e in events] == [
        ("protesters", "police in Tehran", "ASSAULT")]
    assert code_text("Prices rose as the clashes continued in Tehran.") == []


@pytest.mark.parametrize("text", [
    "Russia recalled the days when the OSCE was dissolved and met with Iran in Geneva.",
    "Russia recalled the occasions when the OSCE was dissolved and met with Iran that week.",
])
def test_an_active_verb_joined_to_a_subordinate_passive_continues_the_main_clause(text: str, lexicon: object) -> None:
    assert ("RUS", "IRN", "CONSULT") in dyads(code(text, lexicon))


def test_coordinated_passive_participles_keep_their_patient(lexicon: object) -> None:
    # "were attacked and routed": both passive; the second verb is not lent the main clause's subject
    found = dyads(code("France recalled the days when Georgian troops were attacked and routed in Syria.", lexicon))
    assert not any(d[0] == "FRA" and d[2] == "ASSAULT" for d in found)


@pytest.mark.parametrize("text", [
    "Russia has, in recent weeks, repeatedly criticized Georgia.",
    '"We have, in a number of ways, strongly urged Georgia to withdraw," said Russian President Dmitry Medvedev.',
])
def test_an_aside_between_auxiliary_and_participle_keeps_the_subject(text: str) -> None:
    doc = nlp.parse(text)
    verb = next(t for t in doc if t.text in ("criticized", "urged"))
    assert [t.text for t in clause_subjects(verb)[0]] in (["Russia"], ["We"])


def test_an_aside_in_a_quote_keeps_the_speaker_as_source(lexicon: object) -> None:
    text = '"We have, in a number of ways, strongly urged Iran to withdraw," said Russian President Dmitry Medvedev.'
    assert ("RUSGOV", "IRN", "REQUEST") in dyads(code(text, lexicon))
