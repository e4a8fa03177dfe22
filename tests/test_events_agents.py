"""Doers named another way: agentless passives inside an event noun, documents as the voice of their
issuer, weapons standing for their owner, products for their maker, the article's people. Sentences written for the eventwire project; stand-in actors
of events_support plus a lexicon with the rules used here, the real parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from events_support import LEXICON_YAML, code

from eventwire.events.lexicon import Lexicon

EXTRA = """\
  - {id: t.arrest, cameo: "173", pos: VERB, lemmas: [arrest, detain]}
  - {id: t.accuse_of, cameo: "112", pos: VERB, lemmas: [blame], weight: 0.9}
  - {id: t.strike, cameo: "190", pos: VERB, lemmas: [strike, hit]}
  - {id: t.fire, cameo: "190", pos: VERB, lemmas: [fire], objects: [rocket], target_preps: [into, at]}
  - {id: t.reject, cameo: "120", pos: VERB, lemmas: [reject]}
  - {id: t.protest, cameo: "111", pos: VERB, lemmas: [protest]}
  - {id: t.order, cameo: "173", pos: VERB, lemmas: [order], objects: [arrest]}
  - {id: t.clash, cameo: "190", pos: VERB, lemmas: [clash], target_preps: [with]}
  - {id: t.deploy, cameo: "150", pos: VERB, lemmas: [deploy, send]}
  - {id: t.oppose, cameo: "120", pos: VERB, lemmas: [object], target_preps: [to]}
  - {id: t.welcome, cameo: "051", pos: VERB, lemmas: [welcome], objects: [decision], object_is_target: false}
  - {id: t.arrive, cameo: "042", pos: VERB, lemmas: [arrive in], object_is_target: false, target_preps: [to, in]}
"""


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    path = Path(tmp_path_factory.mktemp("lex")) / "lex.yaml"
    path.write_text(LEXICON_YAML + EXTRA, encoding="utf-8")
    return Lexicon.load(builtin=False, extra_files=[path])


def _pairs(text: str, lexicon: object) -> list[tuple[str, str | None, str | None, str]]:
    return [(e.source.text, e.source.code, e.target.text if e.target else None, e.plover.type)
            for e in code(text, lexicon)]


def test_an_agentless_passive_takes_the_agent_of_the_event_it_happened_in(lexicon: object) -> None:
    found = _pairs("Three Georgian ministers were arrested on Wednesday in a military coup.", lexicon)
    assert [(s, t) for s, _, t, _ in found] == [("military", "Three Georgian ministers")]
    found = _pairs("Georgian troops were attacked on Tuesday in a Russian offensive.", lexicon)
    assert [(c, t) for _, c, t, _ in found] == [("RUS", "Georgian troops")]


def test_a_passive_with_no_agent_anywhere_is_not_coded(lexicon: object) -> None:
    assert _pairs("Three Georgian ministers were arrested on Wednesday.", lexicon) == []
    assert _pairs("Three Georgian ministers were arrested on Wednesday in a hotel.", lexicon) == []


def test_a_document_speaks_for_its_issuer(lexicon: object) -> None:
    text = "Iran issued a statement on Monday. The statement also went on to accuse France of lying."
    assert ("The statement", "IRN", "France", "ACCUSE") in _pairs(text, lexicon)
    # no issuer named: no event
    assert _pairs("The statement also went on to accuse France of lying.", lexicon) == []


def test_a_weapon_stands_for_the_actor_that_fired_it(lexicon: object) -> None:
    found = _pairs("The missiles fired by Russia struck Georgia after midnight.", lexicon)
    assert [(c, t) for _, c, t, _ in found] == [("RUS", "Georgia")]
    assert _pairs("The missiles struck Georgia after midnight.", lexicon) == []


def test_a_weapon_as_passive_subject_is_not_the_target(lexicon: object) -> None:
    found = _pairs("Ten rockets were fired into Georgia by Russia on Tuesday.", lexicon)
    assert [(c, t) for _, c, t, _ in found] == [("RUS", "Georgia")]


def test_a_product_stands_for_its_maker(lexicon: object) -> None:
    # the maker named in the phrase
    found = _pairs("Iran rejected the reforms Russia introduced.", lexicon)
    assert [(t, c, p) for _, c, t, p in found] == [("the reforms", "IRN", "REJECT")]
    assert [e.target.code for e in code("Iran rejected the reforms Russia introduced.", lexicon) if e.target] == ["RUS"]
    # no maker named: the government of the country the article names most
    events = code("Russia warned Georgia. Russia rejected the bill.", lexicon)
    assert [(e.target.text, e.target.code) for e in events if e.plover.type == "REJECT" and e.target] == [
        ("the bill", "RUSGOV")]


def test_a_product_the_sentence_brings_in_is_not_the_governments(lexicon: object) -> None:
    # written for the project: "rejected a bill" introduces the bill; no maker named before stands behind
    # it, and the government of the article is not guessed (docs/annotation.md: a product is coded as its
    # maker only when the article says who made it)
    events = code("Russia warned Georgia. Russia rejected a bill.", lexicon)
    assert [e for e in events if e.plover.type == "REJECT"] == []
    # what an "of" phrase carries decides ("a spate of arrests" is arrests made by someone)
    events = code("Russia warned Georgia. Iran rejected a resolution of Russia.", lexicon)
    assert [(e.target.code, e.plover.type) for e in events if e.plover.type == "REJECT" and e.target] == [("RUS", "REJECT")]


def test_a_product_judged_through_a_preposition_or_as_the_rules_object_stands_for_its_maker(lexicon: object) -> None:
    # "objected to the bill": the preposition names what is judged
    events = code("Russia warned Georgia. Russia said so. Iran objected to the bill.", lexicon)
    assert [(e.target.text, e.target.code) for e in events if e.plover.type == "REJECT" and e.target] == [
        ("the bill", "RUSGOV")]
    # a rule that names its object ("welcomed the decision"): the decision is judged, its maker is the target
    events = code("Russia warned Georgia. Russia said so. Iran welcomed the decision.", lexicon)
    assert [(e.target.text, e.target.code) for e in events if e.plover.type == "SUPPORT" and e.target] == [
        ("the decision", "RUSGOV")]
    # where or why it was judged is no target; nor a thing that is no product
    assert [e for e in code("Russia warned Georgia. Iran objected in a statement.", lexicon) if e.plover.type == "REJECT"] == []
    assert [e for e in code("Russia warned Georgia. Iran objected to the weather.", lexicon) if e.plover.type == "REJECT"] == []


def test_a_move_or_a_step_is_a_product_of_whoever_took_it(lexicon: object) -> None:
    # written for the project: "the move", "the step", "the action" name what an actor did, as "the
    # decision" does; judged, they stand for its maker
    events = code("Russia warned Georgia. Russia said so. Iran objected to the move.", lexicon)
    assert [(e.target.text, e.target.code) for e in events if e.plover.type == "REJECT" and e.target] == [
        ("the move", "RUSGOV")]
    events = code("Russia warned Georgia. Russia said so. Iran rejected the step.", lexicon)
    assert [(e.target.text, e.target.code) for e in events if e.plover.type == "REJECT" and e.target] == [
        ("the step", "RUSGOV")]


def test_an_act_done_to_someone_is_judged_against_its_doer(lexicon: object) -> None:
    text = "Georgia attacked Russia. Iran protested the arrest of Hamas leaders."
    targets = [(e.target.text, e.target.code) for e in code(text, lexicon) if e.plover.type == "ACCUSE" and e.target]
    assert targets and all(t.startswith("the arrest") and c and c.startswith("GEO") for t, c in targets)
    # ordering an arrest is done to the one arrested
    found = code("Iran ordered the arrest of Hamas leaders.", lexicon)
    assert [e.target.code for e in found if e.target] == ["PSEHMS"]


def test_people_named_by_a_common_noun_are_the_articles(lexicon: object) -> None:
    # the article names Georgia most; neither side is coded by the dictionaries
    text = "Georgia attacked Russia. Georgia said so. Moscow attacked fans on Sunday."
    found = [(e.target.text, e.target.code) for e in code(text, lexicon) if e.source.code == "RUSGOV" and e.target]
    assert found == [("fans", "GEO")]
    found = [(e.target.text, e.target.code) for e in code(text.replace("attacked fans", "attacked foreign fans"), lexicon)
             if e.source.code == "RUSGOV" and e.target]
    assert found == [("foreign fans", None)]


def test_a_mobilisation_does_not_target_the_forces_it_moves(lexicon: object) -> None:
    for text in ("Russia sent Russian troops to Georgia.", "Russia deployed troops over Tbilisi."):
        events = code(text, lexicon)
        assert [(e.source.code, e.target) for e in events if e.plover.type == "MOBILIZE"] == [("RUS", None)]


def test_a_visit_to_a_place_no_one_codes_is_a_visit_to_its_state(lexicon: object) -> None:
    found = _pairs("President Barack Obama arrived in Baghdad's Green Zone for a visit to Israel.", lexicon)
    assert [(t, p) for _, _, t, p in found] == [("Israel", "CONSULT")]


def test_a_passive_of_harm_is_done_by_the_subject_of_a_clause_of_force_at_that_moment() -> None:
    from events_support import shipped_events

    found = shipped_events("Four students were shot dead as riot police broke up a rally in the capital.")
    assert ("ASSAULT", "riot police", "students") in found
    # a clause of no force names no doer
    assert not any(kind == "ASSAULT" for kind, _, _ in shipped_events("Four soldiers were killed as the troops withdrew from the town."))


def test_a_when_clause_of_force_names_the_doer_of_coordinated_passives() -> None:
    # written for the eventwire project: the parser makes "when" an adverb of the clause's verb (not a
    # mark) and hangs the clause on the last of the coordinated passives
    from events_support import shipped_events

    found = shipped_events("Two soldiers were killed and three others injured when rebels opened fire in Kabul.")
    assert any(kind == "ASSAULT" and source == "rebels" and target and "soldiers" in target for kind, source, target in found)
    found = shipped_events("Three villagers were wounded when the army shelled the village.")
    assert any(kind == "ASSAULT" and source and "army" in source and target == "villagers" for kind, source, target in found)
    # a clause of no force names no doer
    assert not any(kind == "ASSAULT" for kind, _, _ in shipped_events("Two policemen were killed when the convoy arrived."))


def test_those_who_died_when_an_act_of_force_hit_a_building_are_its_target() -> None:
    # written for the eventwire project: the bombing's object is a building; the clause of time hung on
    # "died" names the ones it harmed (eventwire.events.harmed_parties)
    from events_support import shipped_events

    found = shipped_events("Last year, 30 tourists died when Islamic militants bombed several hotels in the resort area.")
    assert any(kind == "ASSAULT" and source and "militants" in source and target == "tourists" for kind, source, target in found)
    # a clause of no force names no one harmed
    assert not any(kind == "ASSAULT" for kind, _, _ in shipped_events("Ten people died when the old bridge collapsed."))
    # the subject of an active "killed" with its own object harmed others, not itself
    found = shipped_events("Two suicide bombers killed 23 people when they blew themselves up in the city.")
    assert not any(target and "bombers" in target for _, _, target in found)


def _shipped(text: str) -> set[tuple[str, str | None, str]]:
    from eventwire.stages import code_text

    return {(e.source.text, e.target.text if e.target else None, e.plover.type) for e in code_text(text, "2007-01-05")}


@pytest.mark.parametrize(("text", "doer", "done_to", "kind"), [
    ("Hamas launched an attack that killed five Israeli soldiers.", "Hamas", "soldiers", "ASSAULT"),
    ("The Malian armed forces led a coup which deposed President Amadou Toure.", "armed forces", "Amadou Toure", "COERCE"),
])
def test_an_act_carried_out_does_what_its_relative_clause_says(text: str, doer: str, done_to: str, kind: str) -> None:
    # written for the eventwire project: the support verb's subject did the act its relative clause reads back
    found = _shipped(text)
    assert any(doer in s and t is not None and done_to in t and k == kind for s, t, k in found), found


def test_an_act_only_asked_for_lends_no_doer_to_its_relative_clause() -> None:
    found = _shipped("Israel urged Hamas to halt an attack that killed five Israeli soldiers.")
    assert not any(k == "ASSAULT" for _, _, k in found), found
