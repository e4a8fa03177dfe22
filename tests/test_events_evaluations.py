"""Statements that judge someone (eventwire/events/evaluations.py) and "we" in a quotation. Sentences
written for the eventwire project; stand-in lexicon and actors of events_support, the real parser,
no classifier."""

from __future__ import annotations

import pytest
from events_support import code, coded_triples, dyads, rule_pairs, stand_in_lexicon

from eventwire import nlp
from eventwire.events.identity import actor_key
from eventwire.events.judged_scope import governing_verb, in_undergone_phrase, is_speakers_own_voice
from eventwire.events.judgement_cues import evaluation_words as _lexicon
from eventwire.records import Actor
from eventwire.stages import code_text


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lex")))


def _triples(text: str, lexicon: object) -> list[tuple[str | None, str | None, str, str]]:
    return coded_triples(text, lexicon)


def test_blame_in_what_was_said_is_an_accusation_of_whom_it_is_about(lexicon: object) -> None:
    assert _triples("France said the policy of Iran was wrong and dangerous.", lexicon) == [
        ("FRA", "IRN", "ACCUSE", "111")]
    assert _triples("France said that Iran had acted illegally.", lexicon) == [("FRA", "IRN", "ACCUSE", "112")]


def test_a_quotation_before_its_speaker_is_read_too(lexicon: object) -> None:
    assert _triples('"Iran has failed its people," France said.', lexicon) == [("FRA", "IRN", "ACCUSE", "111")]


def test_praise_is_support_and_negated_praise_is_blame(lexicon: object) -> None:
    assert _triples("France said Iran was a loyal and reliable neighbour.", lexicon) == [
        ("FRA", "IRN", "SUPPORT", "051")]
    assert _triples("France said Iran never got the fundamentals right.", lexicon) == [
        ("FRA", "IRN", "ACCUSE", "111")]


def test_naming_someone_a_threat_denounces_it(lexicon: object) -> None:
    assert _triples("France said that it considered Iran a threat to the stability of the region.", lexicon) == [
        ("FRA", "IRN", "ACCUSE", "111")]
    assert _triples("France said the money will help Iran counter the threat.", lexicon) == []
    # a threat made or used is a thing, not a judgement of its maker
    assert _triples("France said that Iran made the threat last week.", lexicon) == []


def test_those_a_judged_noun_names_as_making_it_are_judged(lexicon: object) -> None:
    assert _triples("France said there was collusion between Iran and Syria.", lexicon) == [
        ("FRA", "IRN", "ACCUSE", "112"), ("FRA", "SYR", "ACCUSE", "112")]
    # a good relationship between two others judges neither
    assert _triples("France said the good relationship between Iran and Syria would last.", lexicon) == []


def test_a_plain_statement_or_mixed_judgement_is_not_coded_by_rule(lexicon: object) -> None:
    assert _triples("France said Iran will hold elections in June.", lexicon) == []
    assert _triples("France said Iran was a good partner but its record was disappointing.", lexicon) == []


def test_no_judgement_in_a_condition_in_another_holders_opinion_or_against_terrorism(lexicon: object) -> None:
    assert _triples("France said that if Iran turns the talks into a provocation, they will end.", lexicon) == []
    assert _triples("France said the money will help Iran fight terrorism.", lexicon) == []
    assert _triples("France said Russia believes Iran is wrong.", lexicon) == []


def test_the_one_spoken_to_is_not_the_one_judged(lexicon: object) -> None:
    assert _triples("France told Iran that Syria was a disgrace.", lexicon) == [("FRA", "SYR", "ACCUSE", "111")]


def test_a_claimed_attack_accuses_its_doer(lexicon: object) -> None:
    triples = _triples("France claimed that Syria attacked Israel.", lexicon)
    assert ("FRA", "SYR", "ACCUSE", "112") in triples
    assert ("SYR", "ISR", "ASSAULT", "190") in triples


def test_we_in_a_quotation_is_its_speaker(lexicon: object) -> None:
    events = code('"We urge Iran to stop," said President Barack Obama.', lexicon)
    assert [(e.source.text, e.source.code, e.target.code if e.target else None, e.plover.type) for e in events] == [
        ("We", "USAGOV", "IRN", "REQUEST")]


def test_the_cue_lexicon_has_no_word_both_ways() -> None:
    words = _lexicon()
    assert not set(words["negative"]) & set(words["positive"])


def test_a_judged_act_stands_for_its_maker_and_a_described_thing_is_no_judgement(lexicon: object) -> None:
    events = code("France said the arrest was illegal.", lexicon)
    assert [(e.source.code, e.target.text if e.target else None, e.plover.type) for e in events] == [
        ("FRA", "the arrest", "ACCUSE")]
    assert _triples("France said the war against illegal arms is being won by Iran.", lexicon) == []


def test_a_product_the_speakers_feeling_is_about_stands_for_its_maker(lexicon: object) -> None:
    events = code("France said it was disappointed by the decision.", lexicon)
    assert [(e.source.code, e.target.text if e.target else None, e.plover.type) for e in events] == [
        ("FRA", "the decision", "ACCUSE")]
    # what is no product made by anyone is judged by no one
    assert _triples("France said it was disappointed by the weather.", lexicon) == []


def test_two_people_sharing_a_code_are_two_actors_for_the_dedupe() -> None:
    bush = Actor(text="Bush", start=0, end=4, code="USAGOV", name="George W. Bush", kind="person")
    cheney = Actor(text="Cheney", start=9, end=15, code="USAGOV", name="Dick Cheney", kind="person")
    he = Actor(text="he", start=20, end=22, code="USAGOV", name="George W. Bush", kind="person")
    assert actor_key(bush) != actor_key(cheney)
    assert actor_key(bush) == actor_key(he)


def test_describing_someone_as_something_judges_the_one_described(lexicon: object) -> None:
    assert _triples("France described Iran as weak and dangerous.", lexicon) == [("FRA", "IRN", "ACCUSE", "111")]
    assert _triples("France described Iran as a loyal partner of Russia.", lexicon) == [("FRA", "IRN", "SUPPORT", "051")]


def test_general_verbs_of_the_shipped_lexicon_found_missing_on_real_news() -> None:
    from eventwire.events.lexicon import get_lexicon

    lexicon = get_lexicon()
    assert ("OPP", "USAGOV", "PROTEST") in dyads(code("President Barack Obama was mobbed by opposition protesters.", lexicon))
    assert ("PSEHMS", "FRA", "THREATEN") in dyads(code("France received a warning from Hamas.", lexicon))



@pytest.mark.parametrize(("text", "expected"), [
    ("France said Iran was a principled neighbour.", ("FRA", "IRN", "SUPPORT", "051")),
    ("France said Iran was not an honest neighbour.", ("FRA", "IRN", "ACCUSE", "111")),
])
def test_praise_of_qualities_is_support(lexicon: object, text: str, expected: tuple[str, str, str, str]) -> None:
    assert _triples(text, lexicon) == [expected]


@pytest.mark.parametrize(("text", "judged"), [
    ("Obama said Putin was a dangerous leader.", "Putin"),
    ("Obama said Merkel was a principled leader.", "Merkel"),
])
def test_a_predicate_noun_naming_an_actor_is_said_of_the_subject(text: str, judged: str) -> None:
    # the shipped actors read "leader" as an actor mention: it is what is said of the subject, not whom
    targets = [e.target.text for e in code_text(text) if e.target is not None]
    assert targets == [judged]


def test_not_just_widens_praise_rather_than_negating_it(lexicon: object) -> None:
    assert _triples('France said Iran was "a principled neighbour, not just for Russia but for all."', lexicon) \
        == [("FRA", "IRN", "SUPPORT", "051")]


def test_a_speakers_praise_of_its_own_body_is_no_event() -> None:
    text = "The Romanian Prime Minister said that the outcome shows that the government is capable of defending its citizens."
    assert not [e for e in code_text(text) if e.plover.type == "SUPPORT"]


def _judged_texts(text: str, lexicon: object) -> list[str | None]:
    return [e.target.text if e.target else None for e in code(text, lexicon) if e.plover.type == "ACCUSE"]


@pytest.mark.parametrize("text", [
    "France said the Syrian ambassador had been kidnapped.",
    "France said the Syrian prisoners were likely to be tortured.",
])
def test_whom_a_wrong_is_done_to_is_not_the_one_judged(lexicon: object, text: str) -> None:
    # the speaker reports a wrong done to them (passive subject, or one a passive borrows through
    # "likely to be"): they are its victims, not whom it blames
    assert _judged_texts(text, lexicon) == []


def test_the_doer_of_a_judged_wrong_is_judged_not_its_victim(lexicon: object) -> None:
    assert _judged_texts("France said Iran had betrayed the Syrian students.", lexicon) == ["Iran"]
    # a passive names its victim and, in a "by" phrase, whom the speaker reports as the doer: not judged here
    assert "the Syrian students" not in _judged_texts("France said the Syrian students had been kidnapped by Iran.", lexicon)


@pytest.mark.parametrize("text", [
    "France said the Syrian students receive excellent training in Paris.",
    "France said the Syrian villagers were feeling pressure from insecurity and aggression.",
    "France said the Syrian inspectors were examining the damage.",
])
def test_a_cue_in_what_the_subject_undergoes_or_examines_judges_no_one(lexicon: object, text: str) -> None:
    # sentences written for the eventwire project: the praise or blame is of what the subject
    # receives, feels or examines, not said of the subject (judged_scope.in_undergone_phrase)
    assert [e for e in code(text, lexicon) if e.plover.type in ("ACCUSE", "SUPPORT")] == []



def test_a_speakers_own_voice_is_not_the_one_judged() -> None:
    # written for the eventwire project: "our" and "I" in what a speaker says are the speaker itself,
    # a third party named beside them is not
    doc = nlp.parse('"I could say our rivals are weak," the senator said.')
    assert [t.text for t in doc if is_speakers_own_voice(t)] == ["I", "our"]


def test_the_verb_governing_a_cue_is_found_through_its_noun_phrase() -> None:
    # written for the eventwire project
    doc = nlp.parse("The villagers were feeling pressure from insecurity and aggression.")
    aggression = next(t for t in doc if t.text == "aggression")
    verb = governing_verb(aggression)
    assert verb is not None and verb.lemma_ == "feel"
    assert in_undergone_phrase(aggression, frozenset({"feel"}))
    subject = nlp.parse("Aggression by the army was condemned.")[0]
    assert governing_verb(subject) is None  # a subject is what the clause is about, not an object phrase


def test_a_quoted_we_is_not_judged_by_its_own_speaker() -> None:
    # written for the eventwire project: the blame word is about what "we" oppose; "We" is the
    # speaker's own voice (judged_scope.is_speakers_own_voice), not someone the speaker accuses
    text = 'Marco Rossi, leader of the Democratic Party, said: "We march to say no to terrorism and violence."'
    assert not [e for e in code_text(text) if e.plover.type == "ACCUSE"]


def test_a_noun_naming_a_kind_of_person_judges_as_the_predicate() -> None:
    # "liar" is also a common noun naming an actor (a wrongdoer, data/actors/noun_classes.tsv): said of
    # someone, it is the judgement, not a third party; shipped actors, so that the noun is a mention
    judged = "112.judged_statement"
    assert rule_pairs("Senator Maria Lopez called Governor John Smith a liar.", judged) == {
        ("Senator Maria Lopez", "Governor John Smith")}
    assert rule_pairs("Senator Maria Lopez said Governor John Smith was a liar.", judged) == {
        ("Senator Maria Lopez", "Governor John Smith")}
    assert rule_pairs("Senator Maria Lopez said the liar had left the country.", judged) == set()


def test_referring_to_someone_as_and_the_passive_of_describing_judge_their_object(lexicon: object) -> None:
    assert _triples("France referred to Iran as a disgrace.", lexicon) == [("FRA", "IRN", "ACCUSE", "111")]
    assert _triples("Iran was described as a disgrace by France.", lexicon) == [("FRA", "IRN", "ACCUSE", "111")]
    # no one named as describing: no speaker, no event
    assert _triples("Iran has been described as a disgrace.", lexicon) == []
