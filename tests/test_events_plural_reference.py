"""Plural pronouns and counted pair descriptions whose antecedent is a coordination of actors
(eventwire.events.plural_reference), and the venue a description does not refer back to
(eventwire.actors.references.names_a_venue).

Every sentence here was written for the eventwire project (issue 13); none is taken from the gold
or the corpus.
"""

from __future__ import annotations

import pytest
from events_support import code, stand_in_actors, stand_in_lexicon

from eventwire import nlp
from eventwire.events.mentions import ActorIndex
from eventwire.events.plural_reference import coordinated_antecedents
from eventwire.records import Event


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lexicon")))


def _readings(text: str, word: str) -> list[tuple[str, str | None]]:
    """(text, code) of each member the first token ``word`` is read as."""
    doc = nlp.parse(text)
    index = ActorIndex(doc, stand_in_actors(text))
    token = next(t for t in doc if t.text == word)
    return [(a.actor.text, a.actor.code) for a in coordinated_antecedents(index, token)]


def _by(events: list[Event], trigger: str) -> set[tuple[str, str | None, str | None, str | None]]:
    return {(e.source.text, e.source.code, e.target.text if e.target else None, e.target.code if e.target else None)
            for e in events if e.trigger.text == trigger}


def test_they_after_a_coordinated_subject_is_each_member(lexicon: object) -> None:
    events = code("Russia and China blocked the plan on Monday. They accused France of hypocrisy.", lexicon)
    assert _by(events, "accused") == {("They", "RUS", "France", "FRA"), ("They", "CHN", "France", "FRA")}
    assert all(e.source.code_source == "coref" for e in events if e.trigger.text == "accused")


def test_an_object_them_passes_over_its_own_clause_subject(lexicon: object) -> None:
    events = code("Russia and China blocked the plan on Monday. France condemned them on Tuesday.", lexicon)
    assert _by(events, "condemned") == {("France", "FRA", "them", "RUS"), ("France", "FRA", "them", "CHN")}


def test_they_stated_by_the_coordination_keeps_its_own_span() -> None:
    assert _readings("Russia and China said they would attack Georgia.", "they") == [("they", "RUS"), ("they", "CHN")]


def test_a_singular_subject_disagrees_in_number_and_is_passed_over() -> None:
    text = "Russia and China blocked the plan. The United States said they had attacked Georgia."
    assert _readings(text, "they") == [("they", "RUS"), ("they", "CHN")]


def test_two_coordinations_are_ambiguous_and_give_nothing() -> None:
    # "they" could be either pair: equally compatible, so no reading (no guess)
    assert _readings("Russia and China condemned France and Israel. They accused Iran of lying.", "They") == []


def test_a_plural_mention_between_makes_it_ambiguous() -> None:
    assert _readings("Russia and China met opposition protesters. They accused Iran of lying.", "They") == []


def test_a_plural_subject_is_the_nearer_antecedent() -> None:
    # the nearest subject agrees in number and is one mention: the pronoun's reading by number, not this one
    assert _readings("Russia and China blocked the plan. Opposition protesters said they would attack Syria.",
                     "they") == []


def test_both_sides_is_the_pair_just_named(lexicon: object) -> None:
    events = code("Israel and Hamas met in Cairo on Monday. Both sides accused Iran of lying.", lexicon)
    assert _by(events, "accused") == {("Both sides", "ISR", "Iran", "IRN"), ("Both sides", "PSEHMS", "Iran", "IRN")}


def test_both_sides_after_two_pairs_is_no_reading() -> None:
    assert _readings("Israel and Hamas met Russia and China. Both sides accused Iran of lying.", "sides") == []


def test_an_uncounted_plural_noun_is_no_pair() -> None:
    assert _readings("Israel and Hamas met in Cairo on Monday. Some sides accused Iran of lying.", "sides") == []


def test_it_after_a_person_is_no_actor(lexicon: object) -> None:
    # "it" is never a person: the subject line passes over Obama and finds nothing to be "it"
    events = code("President Barack Obama spoke on Monday. It said it would attack Syria.", lexicon)
    assert not any(e.source.code == "USAGOV" and e.trigger.text == "attack" for e in events)


def test_both_governments_are_the_members_governments() -> None:
    from eventwire.stages import code_text

    events = code_text("Kenya and Uganda met in Nairobi on Monday. Both governments accused Somalia of harbouring "
                       "rebels.", published="2015-06-01")
    sources = {e.source.code for e in events if e.trigger.text == "accused"}
    assert sources == {"KENGOV", "UGAGOV"}


def test_the_alliance_is_not_the_city_it_met_in() -> None:
    from eventwire.actors import resolve_actors

    text = "NATO met in Brussels on Thursday. The alliance condemned Russia for the attack."
    actors = resolve_actors(nlp.parse(text), "2015-06-01", None, None)
    alliance = next(a for a in actors if a.text == "The alliance")
    assert alliance.code == "IGOWSTNAT"


def test_they_after_a_meeting_is_both_sides_of_it(lexicon: object) -> None:
    # "meet" is a symmetric rule: its singular subject and its one singular counterpart are a pair
    events = code("Russian President Dmitry Medvedev met President Barack Obama on Monday. They condemned Iran.",
                  lexicon)
    assert {(s, c) for s, c, _, _ in _by(events, "condemned")} == {("They", "RUSGOV"), ("They", "USAGOV")}


def test_they_after_an_act_that_is_not_mutual_is_no_pair() -> None:
    assert _readings("Russia attacked Georgia on Monday. They accused Iran of lying.", "They") == []


def test_they_after_a_named_organisation_is_that_organisation() -> None:
    # a collective: a party, group, IGO or NGO named in the singular takes "they"
    text = "Hamas posted a rebuttal on Monday. They accused Israel of lying."
    assert _readings(text, "They") == [("They", "PSEHMS")]


def test_they_after_a_state_named_in_the_singular_is_no_collective() -> None:
    assert _readings("Russia posted a rebuttal on Monday. They accused Israel of lying.", "They") == []


def test_they_after_a_named_body_the_agent_words_code_is_that_body() -> None:
    from eventwire.stages import code_text

    events = code_text("The Liberal Party of Canada posted a rebuttal on Monday. They accused Prime Minister Stephen "
                       "Harper of lying.", published="2015-06-01")
    assert {(e.source.text, e.source.code) for e in events if e.trigger.text == "accused"} == {("They", "CANPTY")}


def test_they_after_a_generic_agent_word_is_no_collective() -> None:
    from eventwire.stages import code_text

    events = code_text("The Japanese government posted a rebuttal on Monday. They accused China of lying.",
                       published="2015-06-01")
    assert not any(e.trigger.text == "accused" for e in events)


def test_their_is_mostly_its_own_clause_subject() -> None:
    # the possessive is bound to "local villagers" (a plural, uncoded): not to Russia and China
    text = "Russia and China blocked the plan. Local villagers voiced their anger at Iran."
    assert _readings(text, "their") == []


def test_they_inside_a_quotation_is_not_read_from_outside_it() -> None:
    text = 'Hamas met Iran on Monday. "They will attack Israel," Hamas said.'
    doc = nlp.parse(text)
    index = ActorIndex(doc, stand_in_actors(text))
    they = next(t for t in doc if t.text == "They")
    assert [a.actor.code for a in coordinated_antecedents(index, they)] == ["PSEHMS", "IRN"]  # no quotation known
    index.set_voices([(text.index('"'), text.rindex('"') + 1, None)])
    assert coordinated_antecedents(index, they) == []


def test_a_passive_they_is_no_collective() -> None:
    assert _readings("Hamas posted a rebuttal on Monday. They were attacked by Israel.", "They") == []


def test_a_plural_thing_between_is_a_rival_too() -> None:
    # "they" may be the demands: a plural noun as an argument between makes it ambiguous
    assert _readings("Russia and China rejected the demands of France. They accused Iran of lying.", "They") == []


def test_a_pair_of_one_code_is_no_two_sides() -> None:
    text = "President Barack Obama and the United States met Iran. Both sides accused Israel of lying."
    doc = nlp.parse(text)
    actors = [a if a.text != "the United States" else a.__class__(a.text, a.start, a.end, "USAGOV", "USA", "GOV",
                                                                   None, "agent") for a in stand_in_actors(text)]
    index = ActorIndex(doc, actors)
    assert coordinated_antecedents(index, next(t for t in doc if t.text == "sides")) == []


def test_the_sides_of_a_mutual_act_are_not_read_again() -> None:
    text = "Israel and Hamas met in Cairo on Monday. Egypt welcomed the agreement between both sides."
    doc = nlp.parse(text)
    index = ActorIndex(doc, stand_in_actors(text))
    sides = next(t for t in doc if t.text == "sides")
    assert len(coordinated_antecedents(index, sides)) == 2
    assert coordinated_antecedents(index, sides, "prep:between") == []


def test_both_sides_with_no_pair_named_is_the_phrase_unresolved() -> None:
    # the two parties are actors whoever they are: the phrase as written, code None (no guess)
    assert _readings("The Red Cross appealed to both sides to respect the truce.", "sides") == [("both sides", None)]


def test_both_sides_with_no_pair_named_is_a_target() -> None:
    from eventwire.stages import code_text

    events = code_text("The Red Cross called on both sides to respect the truce.", published="2015-06-01")
    assert any(e.source.text.endswith("Red Cross") and e.target and e.target.text == "both sides" for e in events)
