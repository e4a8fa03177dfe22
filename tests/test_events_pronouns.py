"""What "it"/"its" and a quoted "we"/"I" stand for as event actors (eventwire.events.pronouns)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from events_support import code, stand_in_lexicon

from eventwire import nlp
from eventwire.events.pronouns import first_person, neuter_reading, subject_antecedent
from eventwire.records import Actor


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lexicon")))


def _reading(text: str) -> str | None:
    doc = nlp.parse(text)
    return neuter_reading(next(t for t in doc if t.lower_ == "it"))


@pytest.mark.parametrize("text", [
    "It is expected that talks will resume.",
    "The tank burned when it was attacked near Basra.",
    "Opponents criticised it as an amnesty.",
])
def test_passive_and_object_it_is_no_actor(text: str) -> None:
    assert _reading(text) is None


def test_a_predication_keeps_the_matter_just_named() -> None:
    assert _reading("As for the council banning the flag, it's absolute nonsense.") == "nearest"


def test_it_doing_something_follows_the_subject_line() -> None:
    assert _reading("Russia said it attacked the positions.") == "subject"


def test_it_takes_the_previous_sentence_subject(lexicon: object) -> None:
    events = code("Russia rejected the plan on Monday. It attacked Georgian troops on Tuesday.", lexicon)
    attacks = [e for e in events if e.trigger.text == "attacked"]
    assert attacks and attacks[0].source.code == "RUS" and attacks[0].source.text == "It"


def test_it_after_a_subject_that_is_a_thing_is_nothing(lexicon: object) -> None:
    # the nearest subject is the convoy, no actor: "it" is not Russia, named further back
    events = code("Russia sent a convoy. The convoy crossed the border before it attacked Georgian troops.", lexicon)
    assert not any(e.trigger.text == "attacked" and e.source.code == "RUS" for e in events)


def test_the_subject_line_passes_over_things_to_nothing() -> None:
    australia = Actor("Australia", 0, 9, "AUS", "AUS", None, "Australia", "state")
    said = nlp.parse("Australia rejected the plan. It said the talks failed.")
    found = subject_antecedent(next(t for t in said if t.text == "It"), lambda t: australia if t.i == 0 else None)
    assert found is not None and (found.code, found.text, found.code_source) == ("AUS", "It", "coref")
    flu = nlp.parse("Australia met on Monday. Bird flu is a concern because it could harm people.")
    assert subject_antecedent(next(t for t in flu if t.text == "it"), lambda t: australia if t.i == 0 else None) is None


def test_fronted_its_looks_ahead_to_the_subject(lexicon: object) -> None:
    events = code("Iran met officials on Monday. During its crackdown on opposition protesters, Hamas attacked Israel.",
                  lexicon)
    crackdowns = [e for e in events if e.trigger.text == "crackdown"]
    assert all(e.source.code != "IRN" for e in crackdowns)


def test_it_passes_over_a_person_subject(lexicon: object) -> None:
    events = code("Asked what Russia must do, President Barack Obama said that it must attack Hamas.", lexicon)
    assert any(e.trigger.text == "attack" and e.source.code == "RUS" for e in events)


def test_quoted_we_is_the_speakers_body_and_i_the_speaker() -> None:
    doc = nlp.parse('"We will help and I will go," the minister said.')
    minister = Actor("the minister", 30, 42, "AUSGOV", "AUS", "GOV", "Alexander Downer", "person")
    we = first_person(doc[1], minister)
    assert we is not None and (we.text, we.code, we.name, we.kind, we.code_source) == ("We", "AUSGOV", None, "agent", "coref")
    i = first_person(next(t for t in doc if t.text == "I"), minister)
    assert i is not None and (i.text, i.name, i.kind) == ("I", "Alexander Downer", "person")
    un = replace(minister, code="IGOUNO", country=None)
    assert getattr(first_person(doc[1], un), "kind", None) == "igo"


def test_it_takes_the_actor_inside_the_subjects_phrase(lexicon: object) -> None:
    # "command" is no mention, but "Russian" inside its phrase is (as for any argument)
    events = code("The Russian army command said it attacked Georgian troops.", lexicon)
    assert any(e.trigger.text == "attacked" and e.source.code == "RUS" for e in events)


def test_a_person_inside_the_subjects_phrase_does_not_make_it_a_person() -> None:
    # the tagger's "Bird" (a person) inside "Bird flu": the subject is a thing, the search stops there
    apec = Actor("APEC", 0, 4, "IGOASABUSAPE", None, None, "APEC", "igo")
    doc = nlp.parse("APEC met on Monday. Bird flu is an issue because it could harm people.")
    bird = Actor("Bird", doc[5].idx, doc[5].idx + 4, "KOR", "KOR", None, "Bird", "person")
    it = next(t for t in doc if t.text == "it")
    assert subject_antecedent(it, lambda t: apec if t.i == 0 else bird if t.text in ("Bird", "flu") else None) is None


def test_a_speaker_coded_by_country_only_or_a_state_is_no_voice() -> None:
    doc = nlp.parse('"We will win and I will stay," Smith said.')
    smith = Actor("Smith", 31, 36, "USA", "USA", None, "Smith", "person")
    assert first_person(doc[1], smith) is None
    assert first_person(next(t for t in doc if t.text == "I"), smith) is None
    assert first_person(doc[1], replace(smith, code="USAGOV", kind="state")) is None
    assert first_person(doc[1], replace(smith, code=None)) is None


def test_a_run_of_they_subjects_keeps_the_group_named_before_it(lexicon: object) -> None:
    # the second "They" has no plural mention in its window: it continues the "They" before it
    text = ("Georgian troops crossed the border on Monday. They said the talks had failed. "
            "They attacked Russia on Tuesday.")
    attacks = [e for e in code(text, lexicon) if e.trigger.text == "attacked"]
    assert [(e.source.text, e.source.code) for e in attacks] == [("They", "GEOMIL")]


def test_no_chain_through_an_object_they(lexicon: object) -> None:
    # "them" is what Russia warned, as often another group as the one acting next: no reading
    text = ("Georgian troops crossed the border on Monday. Russia warned them on Tuesday that talks had failed. "
            "They attacked Iran on Wednesday.")
    attacks = [e for e in code(text, lexicon) if e.trigger.text == "attacked"]
    assert not any(e.source.text == "They" and e.source.code == "GEOMIL" for e in attacks)


def test_a_run_of_it_subjects_keeps_the_organisation_named_before_it(lexicon: object) -> None:
    # the last "It" has only the "It" before it as a subject in its window: that one's reading, Hamas
    text = "Hamas rejected the plan on Monday. It has a large office in Damascus. It attacked Georgian troops on Tuesday."
    attacks = [e for e in code(text, lexicon) if e.trigger.text == "attacked"]
    assert [(e.source.text, e.source.code) for e in attacks] == [("It", "PSEHMS")]
