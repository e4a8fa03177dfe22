"""Constructions that issue #4's miss analysis found widespread in news: reported obligations ("X said Y
must ..."), complement and condition subjects, places done to, document and intention clauses, the
speaker behind "it", coordinated modifiers, "a suspension of aid to X", acronym actors, specific rules
against the model, and deadlines. Every sentence here was written for the eventwire project.

The real lexicon, actor resolver and parser are used (no classifier, except a stand-in where the test
is about the model), so these tests also guard the shipped data for the constructions they name.
"""

from __future__ import annotations

from typing import Any

import pytest

from eventwire import nlp
from eventwire.events.clauses import clause_subjects
from eventwire.events.coder import code_doc, resolve_actors
from eventwire.events.combine import decide
from eventwire.events.ontology import PLOVER_TYPES
from eventwire.records import Article, Event

PUBLISHED = "2024-01-10"


def code(text: str, classifier: Any = None) -> list[Event]:
    doc = nlp.parse(text)
    article = Article(id="c", uri="c", text=text, published=PUBLISHED)
    return code_doc(doc, article, resolve_actors(doc, PUBLISHED), classifier=classifier)


def triples(events: list[Event]) -> set[tuple[str, str | None, str]]:
    return {(e.source.text, e.target.text if e.target else None, e.plover.type) for e in events}


def by_rule(events: list[Event], prefix: str) -> list[Event]:
    return [e for e in events if (e.rule or "").startswith(prefix)]


# ------------------------------------------------------------------ reported obligations

def test_said_that_y_must_is_a_demand_of_y() -> None:
    events = code("Turkey said on Friday that Greece must withdraw its warships from the disputed waters.")
    demands = [e for e in events if e.rule == "100.reported_must"]
    assert [(e.source.text, e.target.text if e.target else None, e.plover.type, e.cameo) for e in demands] == [
        ("Turkey", "Greece", "REQUEST", "100")]
    assert demands[0].trigger.text == "must"


def test_has_to_and_should_are_read_too() -> None:
    have_to = code("Japan says China has to stop its coast guard patrols near the islands.")
    assert ("Japan", "China", "REQUEST") in triples(by_rule(have_to, "100.reported_have_to"))
    should = code("The Egyptian foreign minister said Ethiopia should share data on the dam with Cairo.")
    assert {(e.target.text if e.target else None, e.cameo) for e in by_rule(should, "020.reported_should")} == {
        ("Ethiopia", "020")}


@pytest.mark.parametrize("text", [
    "Germany said the border crossing must be reopened.",  # passive: nobody named must act
    "Putin said Russia must defend its interests in the Arctic.",  # a speaker's own state
    "Paris believes Berlin should pay more into the common budget.",  # belief, not speech
    "Brazil said Argentina will host the next summit.",  # no obligation
])
def test_no_demand_without_an_obligation_laid_on_someone_else(text: str) -> None:
    assert by_rule(code(text), "100.reported") == [] and by_rule(code(text), "020.reported") == []


def test_a_belief_the_speaker_states_carries_the_obligation() -> None:
    # "said he believes Y should": the believer is the speaker, the demand the speaker's
    events = code("The Egyptian foreign minister said he believes Ethiopia should share data on the dam.")
    assert {(e.target.text if e.target else None, e.cameo) for e in by_rule(events, "020.reported_should")} == {
        ("Ethiopia", "020")}
    # someone else's belief is that person's view, not the speaker's demand
    other = code("The Egyptian foreign minister said Sudan believes Ethiopia should share data on the dam.")
    assert by_rule(other, "020.reported") == []


def test_should_have_done_is_a_reproach_not_a_demand() -> None:
    events = code("The Egyptian foreign minister said Ethiopia should have shared data on the dam years ago.")
    assert {(e.target.text if e.target else None, e.plover.type, e.cameo)
            for e in by_rule(events, "111.reported_should_have")} == {("Ethiopia", "ACCUSE", "111")}
    assert by_rule(events, "020.reported") == []


def test_ought_heading_its_clause_is_read_as_a_modal() -> None:
    # the parser heads "Ethiopia ought to share" with the modal itself
    demand = code("The Egyptian foreign minister said that Ethiopia ought to share data on the dam.")
    assert {(e.target.text if e.target else None, e.cameo) for e in by_rule(demand, "020.reported_ought")} == {
        ("Ethiopia", "020")}
    reproach = code("The Egyptian foreign minister said that Ethiopia ought to have shared data on the dam.")
    assert {(e.target.text if e.target else None, e.cameo) for e in by_rule(reproach, "111.reported_should_have")} == {
        ("Ethiopia", "111")}


class OneAnswerClassifier:
    """A stand-in classifier giving the same distribution to every candidate."""

    name = "one-answer"
    version = "1"

    def __init__(self, top: str, p: float) -> None:
        rest = (1.0 - p) / (len(PLOVER_TYPES) - 1)
        self.probs = {t: (p if t == top else rest) for t in PLOVER_TYPES}

    def predict_many(self, triples: list[tuple[str, Any, Any]]) -> list[dict[str, float]]:
        return [dict(self.probs) for _ in triples]


def test_wanting_someone_to_act_is_an_appeal_to_them() -> None:
    events = by_rule(code("Germany wants France to lower its tariffs on farm goods."), "020.wants_to")
    assert [(e.source.text, e.target.text if e.target else None, e.plover.type, e.cameo) for e in events] == [
        ("Germany", "France", "REQUEST", "020")]


@pytest.mark.parametrize("text", [
    "Germany wants to lower its tariffs on farm goods.",  # asks nothing of anyone
    "Germany wants the tariffs to be lowered by France.",  # a passive infinitive names no one asked
])
def test_no_appeal_when_no_one_is_wanted_to_act(text: str) -> None:
    assert by_rule(code(text), "020.wants_to") == []


@pytest.mark.parametrize(("text", "rule"), [
    ("Germany would like France to lower its tariffs on farm goods.", "020.wants_to"),
    ("\"We expect France to lower its tariffs,\" Germany said.", "020.wants_to"),
    ("Germany hopes that France will lower its tariffs on farm goods.", "020.hopes_that"),
    ("Germany wishes France would lower its tariffs on farm goods.", "020.hopes_that"),
])
def test_wanting_expecting_or_hoping_that_someone_acts_appeals_to_them(text: str, rule: str) -> None:
    assert [(e.source.text, e.target.text if e.target else None, e.plover.type) for e in by_rule(code(text), rule)] \
        == [("Germany", "France", "REQUEST")]


@pytest.mark.parametrize("text", [
    "Analysts expect France to lower its tariffs on farm goods.",  # a prediction, not a demand
    "\"We did not expect France to lower its tariffs,\" Germany said.",  # a surprise
    "Germany likes France to lower its tariffs.",  # a taste: "like" wants only under "would"
    "Germany hopes that France is doing well.",  # no act to come
    "Germany hopes that the France talks will resume soon.",  # an act hoped for, not a party asked
])
def test_no_appeal_from_a_prediction_a_taste_or_a_state(text: str) -> None:
    assert by_rule(code(text), "020.wants_to") == [] and by_rule(code(text), "020.hopes_that") == []


def test_a_construction_the_model_all_but_excludes_is_dropped_not_retyped() -> None:
    text = "Turkey said on Friday that Greece must withdraw its warships from the disputed waters."
    assert by_rule(code(text, OneAnswerClassifier("REQUEST", 0.9)), "100.reported_must")
    assert by_rule(code(text, OneAnswerClassifier("SUPPORT", 0.995)), "100.reported_must") == []


# ------------------------------------------------------------------ targets the parse hides

def test_small_clause_and_bare_complement_subjects_are_targets() -> None:
    convicted = code("A court in Madrid found the former mayor guilty of bribery.")
    assert ("court in Madrid", "mayor", "ACCUSE") in triples(convicted)
    demanded = code("The European Parliament passed a motion demanding Hungary restore judicial independence.")
    assert any(e.plover.type == "REQUEST" and e.target is not None and e.target.text == "Hungary" for e in demanded)


def test_a_refusal_waits_on_the_subject_of_its_condition() -> None:
    events = code("Washington will not lift the sanctions until Venezuela frees the jailed opposition leaders.")
    lifted = [e for e in events if e.trigger.text == "lift"]
    assert [(e.source.text, e.target.text if e.target else None) for e in lifted] == [("Washington", "Venezuela")]
    assert "negation" in lifted[0].plover.mode


def test_restrictions_are_done_to_the_place_they_bind_and_force_is_not() -> None:
    # "in Kashmir" hangs on the object: restrictions bind everyone there (place_bound_codes)
    restricted = code("The army imposed new restrictions in Kashmir on Monday.")
    assert ("army", "Kashmir", "COERCE") in triples(restricted)
    # places are never targets otherwise (docs/annotation.md, rulings from the training split): "in
    # Kashmir" is only where the shelling happened
    shelled = code("The army shelled rebel positions in Kashmir on Monday.")
    assert all(e.target is None or e.target.text != "Kashmir" for e in shelled), triples(shelled)
    # talks are not done to the place they are held in either
    talks = code("The Kenyan delegation resumed negotiations on the new constitution in Kashmir.")
    assert all(e.target is None or e.target.text != "Kashmir" for e in talks if e.plover.type == "CONSULT")


# ------------------------------------------------------------------ sources the parse hides

def test_a_document_speaks_for_its_author() -> None:
    events = code("Human Rights Watch published a report accusing the Ethiopian army of burning villages.")
    assert ("Human Rights Watch", "Ethiopian army", "ACCUSE") in triples(events)


def test_a_noun_doing_its_own_clause_lends_no_subject() -> None:
    doc = nlp.parse("Soldiers stopped a truck carrying weapons near the border.")
    carrying = next(t for t in doc if t.text == "carrying")
    subjects, _ = clause_subjects(carrying)
    assert [t.text for t in subjects] != ["Soldiers"]


def test_an_intention_belongs_to_its_owner() -> None:
    events = code("The European Union reaffirmed its commitment to support the Moldovan government.")
    assert any(e.source.text.endswith("European Union") and e.target is not None
               and e.target.text.endswith("Moldovan government") and e.plover.type == "SUPPORT" for e in events)


def test_it_in_a_reported_clause_is_the_speaker_even_unresolved() -> None:
    # an organisation no dictionary knows: "it" stands for the speaker, not for nobody
    events = code("The Northern Hills Defence Council said it will release the captured soldiers next week.")
    released = [e for e in events if e.trigger.text == "release"]
    assert released and released[0].source.text.endswith("Council")
    quoted = code("The Northern Hills Defence Council said they will release the captured soldiers.")
    assert all(e.source.text != "they" or e.source.code is not None for e in quoted)  # number must agree


def test_coordinated_modifiers_are_each_a_party() -> None:
    # "UK and EU negotiators": spaCy hangs UK as a modifier with "and", EU as a compound, no conjunct
    events = code("UK and EU negotiators signed a fisheries agreement on Tuesday.")
    parties = {(e.source.text, e.target.text if e.target else None) for e in events if e.trigger.text == "signed"}
    assert parties == {("UK", "EU negotiators")}  # symmetric: once, the first-named as source


def test_a_suspension_of_aid_is_done_by_the_announcer_to_the_recipient() -> None:
    events = code("Sweden on Monday announced a suspension of aid to Zimbabwe.")
    assert ("Sweden", "Zimbabwe", "SANCTION") in triples(events)


def test_an_event_noun_does_not_lend_its_support_verb_to_its_theme() -> None:
    # "a suspension of aid": the phase noun carries "announced"; "a condemnation of the attack": the
    # condemnation is the ministry's, the attack is not
    events = code("The ministry issued a strong condemnation of the attack.")
    assert all(e.plover.type != "ASSAULT" for e in events)


def test_drawing_criticism_from_someone_is_being_criticised_by_them() -> None:
    events = code("Israel drew condemnation from Turkey after the raid on the flotilla.")
    assert ("Turkey", "Israel", "ACCUSE") in triples(events)
    assert all(e.source.text != "Israel" or e.plover.type != "ACCUSE" for e in events)
    assert code("The president faced a backlash after the vote.") == []  # nobody named as the critic


def test_an_acronym_subject_is_an_actor() -> None:
    # the small model tags "ICE" as a common noun; in subject position an all-capital word is a name
    events = code("ICE handed back three stolen statues to Cambodia on Friday.")
    assert ("ICE", "Cambodia", "RETREAT") in triples(events)
    assert code("IT WAS A QUIET DAY IN THE CAPITAL.") == []


# ------------------------------------------------------------------ rule and model, dates

def test_a_rule_that_matched_its_object_keeps_its_type_against_a_confident_model() -> None:
    probs = {t: 0.0 for t in PLOVER_TYPES} | {"ASSAULT": 0.9, "COERCE": 0.08}
    specific = decide("1711", 0.8, probs, source_resolved=True, target_resolved=True, specific=True)
    generic = decide("1711", 0.8, probs, source_resolved=True, target_resolved=True)
    assert specific is not None and specific.plover_type == "COERCE" and not specific.switched
    assert generic is not None and generic.plover_type == "ASSAULT"  # without the object, the model may retype
    excluded = {t: 0.0 for t in PLOVER_TYPES} | {"ASSAULT": 0.99, "COERCE": 0.01}
    assert decide("1711", 0.8, excluded, source_resolved=True, target_resolved=True, specific=True).switched  # type: ignore[union-attr]


def test_a_deadline_is_not_the_event_date() -> None:
    events = code("Norway pledged to deliver two more frigates to Poland by March.")
    assert events and all(e.date == PUBLISHED and e.date_source == "publication" for e in events)
    dated = code("Norway delivered tanks to Poland on Monday.")
    assert dated and dated[0].date == "2024-01-08" and dated[0].date_source == "sentence"


# ------------------------------------------------------------------ lexicon entries from the codebooks

def test_a_mediator_acts_on_both_sides_between_which_it_mediates() -> None:
    events = code("Qatar launched a mediation effort between Israel and Hamas.")
    assert {(e.source.text, e.target.text if e.target else None, e.cameo) for e in events if e.cameo == "045"} == {
        ("Qatar", "Israel", "045"), ("Qatar", "Hamas", "045")}
    talks = code("Talks between Russia and Ukraine resumed in Istanbul.")  # symmetric: the sides face each other
    assert triples(talks) == {("Russia", "Ukraine", "CONSULT")} and talks[0].symmetric  # once, as written


def test_taking_in_refugees_is_granting_asylum() -> None:
    accepted = code("Canada will accept 5,000 more Afghan refugees this year.")
    assert [(e.source.text, e.cameo) for e in accepted] == [("Canada", "075")]
    opened = code("Poland opened its borders to refugees fleeing the war.")
    assert ("Poland", "refugees", "AID") in triples(opened)
    assert code("The two countries reopened their border to trade.") == []  # no one taken in


def test_a_sum_of_money_given_to_someone_is_economic_aid() -> None:
    # the amount is a MONEY entity ("$200,000"), not one of the rule's object words
    gave = code("The businessman gave $200,000 to the Labour Party, and Norway contributed $5 million to Kenya.")
    assert {(e.source.text, e.target.text if e.target else None, e.cameo) for e in gave} >= {
        ("Norway", "Kenya", "071")}
    assert any(e.cameo == "071" and e.target is not None and "Labour Party" in e.target.text for e in gave)
    assert code("The company paid $3 million to its former chief executive.") == []  # no aid verb


def test_a_symmetric_event_read_both_ways_in_one_sentence_is_kept_once() -> None:
    events = code("Russia met Ukraine in Minsk, and Ukraine held talks with Russia on gas.")
    assert triples(events) == {("Russia", "Ukraine", "CONSULT")}  # the direction named first
