"""Statements about someone go to the classifier as candidates (speaker -> actor spoken about), and
stand only with a confident model and a type a statement can carry. Sentences written for the
eventwire project; stand-in lexicon and actors of events_support, the real parser."""

from __future__ import annotations

from typing import Any

import pytest
from events_support import stand_in_actors, stand_in_lexicon

from eventwire import nlp
from eventwire.events.coder import code_doc
from eventwire.events.combine import MODEL_ONLY_MIN, STATEMENT_MIN
from eventwire.events.ontology import PLOVER_TYPES
from eventwire.records import Actor, Article, Event


class OneAnswer:
    name = "fake"
    version = "1"

    def __init__(self, top: str, p: float) -> None:
        rest = (1.0 - p) / (len(PLOVER_TYPES) - 1)
        self.probs = {t: (p if t == top else rest) for t in PLOVER_TYPES}

    def predict_many(self, triples: list[Any]) -> list[dict[str, float]]:
        return [dict(self.probs) for _ in triples]


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lex")))


def _code(text: str, lexicon: object, classifier: Any) -> list[Event]:
    doc = nlp.parse(text)
    article = Article(id="s", uri="s", text=text, published="2009-06-27")
    return code_doc(doc, article, stand_in_actors(text), lexicon=lexicon, classifier=classifier)  # type: ignore[arg-type]


def test_a_statement_about_another_actor_is_coded_with_the_models_type(lexicon: object) -> None:
    text = "France said Iran is the largest buyer of Russian arms in the region."
    events = _code(text, lexicon, OneAnswer("ACCUSE", 0.9))
    assert [(e.source.code, e.target.code if e.target else None, e.plover.type, e.rule, e.decided_by)
            for e in events] == [("FRA", "IRN", "ACCUSE", None, "model")]


def test_a_statement_is_no_assault_and_needs_a_confident_model(lexicon: object) -> None:
    # a statement that only says what Iran is asks less (test_a_statement_that_says_what_someone_is_...)
    text = "France said Iran buys most of its arms abroad."
    assert _code(text, lexicon, OneAnswer("ASSAULT", 0.95)) == []
    assert _code(text, lexicon, OneAnswer("ACCUSE", STATEMENT_MIN - 0.05)) == []
    assert _code(text, lexicon, None) == []


def test_a_statement_asks_less_of_the_model_than_a_verb_between_two_actors(lexicon: object) -> None:
    # written for the project: on the real-news train split the statements the model typed 0.7-0.8 were
    # mostly right, verb-linked model-only events were not (eventwire.events.combine.STATEMENT_MIN)
    between = (STATEMENT_MIN + MODEL_ONLY_MIN) / 2
    text = "France said Iran buys most of its arms abroad."
    assert _code(text, lexicon, OneAnswer("ACCUSE", STATEMENT_MIN - 0.05)) == []
    said = _code(text, lexicon, OneAnswer("ACCUSE", between))
    assert [(e.source.code, e.target.code if e.target else None, e.plover.type) for e in said] == [
        ("FRA", "IRN", "ACCUSE")]
    linked = "France bombarded Iran."
    assert _code(linked, lexicon, OneAnswer("ASSAULT", between)) == []
    assert [e.plover.type for e in _code(linked, lexicon, OneAnswer("ASSAULT", MODEL_ONLY_MIN + 0.05))] == ["ASSAULT"]


def test_telling_someone_to_act_is_a_request_of_them_and_telling_reporters_is_not(lexicon: object) -> None:
    # written for the project: an object and a to-infinitive make "tell" an instruction (CAMEO 100)
    told = _code("France told Iran to halt its enrichment programme.", lexicon, OneAnswer("REQUEST", 0.9))
    assert [(e.source.code, e.target.code if e.target else None, e.plover.type, e.cameo) for e in told] == [
        ("FRA", "IRN", "REQUEST", "100")]
    assert _code("France told reporters that the talks went well.", lexicon, OneAnswer("REQUEST", 0.9)) == []


def test_a_statement_that_something_is_not_so_is_no_rejection(lexicon: object) -> None:
    # written for the project: a denial of a fact rejects no one; REJECT has its own verbs
    text = "France said Iran did not enrich any uranium last year."
    assert _code(text, lexicon, OneAnswer("REJECT", 0.95)) == []
    assert [e.plover.type for e in _code(text, lexicon, OneAnswer("ACCUSE", 0.9))] == ["ACCUSE"]


def test_an_actor_named_in_a_relative_clause_of_the_content_is_not_spoken_about(lexicon: object) -> None:
    # written for the project: "the deal which Iran signed" names Iran in passing; the claim is about the deal
    passing = _code("France said the ships which Iran sent reached the port on Monday.", lexicon, OneAnswer("ACCUSE", 0.9))
    assert [e for e in passing if e.target and e.target.code == "IRN"] == []
    direct = _code("France said Iran signed the deal in secret.", lexicon, OneAnswer("ACCUSE", 0.9))
    assert [(e.source.code, e.target.code if e.target else None) for e in direct] == [("FRA", "IRN")]


@pytest.mark.parametrize(("text", "asks"), [
    ("Dewar said the minister should resign.", True),
    ("Delmulle told VTM he wanted the minister to act.", True),
    ("Pastika said that three men were being questioned over the bombings.", False),
    ("The United Nations says that 9.8 million people need such care.", False),
])
def test_a_statement_is_a_request_only_when_it_asks_for_something(text: str, asks: bool) -> None:
    from eventwire.events.statements import asks_for_something, is_statement_type

    doc = nlp.parse(text)
    verb = next(t for t in doc if t.lemma_ in ("say", "tell"))
    assert asks_for_something(verb) is asks
    assert is_statement_type("REQUEST", verb) is asks
    assert is_statement_type("ACCUSE", verb)  # the cue is asked of requests only


def test_a_statement_about_what_was_done_to_an_actor_is_no_event_of_the_speaker(lexicon: object) -> None:
    # written for the project: Iran undergoes what is said; France neither accuses nor backs it
    assert _code("France said Iran was hit by floods on Monday.", lexicon, OneAnswer("ACCUSE", 0.9)) == []


def _person(text: str, surface: str, name: str) -> Actor:
    start = text.index(surface)
    return Actor(text=surface, start=start, end=start + len(surface), code="USAGOV", country="USA", sector="GOV",
                 name=name, kind="person", role_source="title")


@pytest.mark.parametrize(("target_name", "coded"), [("Tom Baker", True), ("Ann Carter", False)])
def test_a_statement_about_another_person_of_the_speakers_code_is_about_someone_else(
        lexicon: object, target_name: str, coded: bool) -> None:
    # written for the project: two people of one code are two actors (a pronoun speaker is often coded by its
    # country alone, as is the person it speaks of); the same person named again is the speaker's own side
    text = "Senator Ann Carter said Governor Tom Baker is the largest buyer of farm land in the region."
    actors = [_person(text, "Senator Ann Carter", "Ann Carter"), _person(text, "Governor Tom Baker", target_name)]
    doc = nlp.parse(text)
    article = Article(id="s", uri="s", text=text, published="2009-06-27")
    events = code_doc(doc, article, actors, lexicon=lexicon, classifier=OneAnswer("ACCUSE", 0.9))  # type: ignore[arg-type]
    pairs = [(e.source.text, e.target.text if e.target else None, e.plover.type) for e in events]
    assert pairs == ([("Senator Ann Carter", "Governor Tom Baker", "ACCUSE")] if coded else [])


def test_we_in_a_quote_a_participle_of_saying_introduces_is_its_clause_subject(lexicon: object) -> None:
    # written for the project: "X rejected ..., saying: "... We condemn ..."": the quote is X's, so is "we"
    text = ('Hamas rejected the offer on Tuesday, saying: "Our fighters did not fire at the village. '
            'We condemn the raid by Israel on the border post."')
    events = _code(text, lexicon, None)
    assert [(e.source.text, e.source.code, e.target.code if e.target else None) for e in events
            if e.plover.type == "ACCUSE"] == [("We", "PSEHMS", "ISR")]


@pytest.mark.parametrize("verb", ["believes", "thinks", "noted", "explained"])
def test_a_verb_of_opinion_or_remark_offers_a_statement_too(lexicon: object, verb: str) -> None:
    # written for the project: what a speaker believes or notes of another actor is a statement about it
    events = _code(f"France {verb} that Iran is the largest buyer of Russian arms in the region.", lexicon,
                   OneAnswer("ACCUSE", 0.9))
    assert [(e.source.code, e.target.code if e.target else None, e.plover.type) for e in events] == [
        ("FRA", "IRN", "ACCUSE")]


def test_a_verb_of_saying_inside_what_another_reports_offers_no_second_statement() -> None:
    # written for the project: "France said Russia claims ...": one statement, offered by the outer verb
    from eventwire.events.mentions import ActorIndex
    from eventwire.events.statements import statement_pairs

    text = "France said Russia claims Iran is the largest buyer of farm land in the region."
    doc = nlp.parse(text)
    pairs = statement_pairs(next(iter(doc.sents)), ActorIndex(doc, stand_in_actors(text)), set())
    assert [(verb.text, speaker.actor.text) for verb, speaker, _, _ in pairs] == [("said", "France")]


def test_the_actor_spoken_about_is_reported_with_the_name_set_beside_its_description() -> None:
    from eventwire.events.mentions import ActorIndex
    from eventwire.events.statements import statement_pairs

    text = "Pinto claimed that the elected leader of Peru, Manuel Ortega was a dangerous man."
    mentions = [("Pinto", "CHLGOV", "person"), ("leader of Peru", "PERGOV", "agent")]
    actors = [Actor(p, text.index(p), text.index(p) + len(p), c, c[:3], c[3:6] or None, None, k) for p, c, k in mentions]
    doc = nlp.parse(text)
    pairs = statement_pairs(next(iter(doc.sents)), ActorIndex(doc, actors), set())
    assert [(s.actor.text, t.actor.text, t.actor.code) for _, s, t, _ in pairs] == [
        ("Pinto", "leader of Peru, Manuel Ortega", "PERGOV")]


class Answer:
    """A classifier that gives every input the same distribution."""

    name = "fake"
    version = "1"

    def __init__(self, probs: dict[str, float]) -> None:
        rest = (1.0 - sum(probs.values())) / (len(PLOVER_TYPES) - len(probs))
        self.probs = {t: probs.get(t, rest) for t in PLOVER_TYPES}

    def predict_many(self, triples: list[Any]) -> list[dict[str, float]]:
        return [dict(self.probs) for _ in triples]


@pytest.mark.parametrize(("text", "shape"), [
    ("France said Iran is the largest buyer of Russian arms in the region.", "characterizes"),
    ("France said that Iran remained a loyal partner.", "characterizes"),
    ("France said the Iran government was an obstacle.", "characterizes"),
    ("France said Iran was in the region.", ""),
    ("France said Iran buys most of its arms abroad.", ""),
    ("France said that the plan would isolate Iran for years.", "acted-on"),
    ("France said the new rules would weaken the Iran government.", "acted-on"),
])
def test_a_statement_says_what_someone_is_or_what_is_done_to_them(text: str, shape: str) -> None:
    # written for the eventwire project: the actor spoken about is the subject of a copula with a noun or
    # adjective predicate (what it is); a place ("was in the region") or an act says nothing of what it
    # is; the object of a verb of the content is what is done to it
    from eventwire.events.mentions import ActorIndex
    from eventwire.events.statements import statement_pairs

    doc = nlp.parse(text)
    pairs = statement_pairs(next(iter(doc.sents)), ActorIndex(doc, stand_in_actors(text)), set())
    assert [(t.actor.code, found) for _, _, t, found in pairs] == [("IRN", shape)]


def test_a_statement_that_says_what_someone_is_stands_as_praise_or_blame(lexicon: object) -> None:
    # written for the eventwire project: "X said Y is Z" judges Y by its shape (docs/annotation.md rule 3),
    # so the model only says which way: the likelier of ACCUSE and SUPPORT, from JUDGING_MIN, even when
    # another type is its top answer; an act reported of Y still needs a confident model of a statement type
    from eventwire.events.combine import JUDGING_MIN

    unsure = Answer({"REJECT": 0.45, "ACCUSE": JUDGING_MIN + 0.02, "SUPPORT": 0.05})
    said = _code("France said Iran is the largest buyer of Russian arms in the region.", lexicon, unsure)
    assert [(e.source.code, e.target.code if e.target else None, e.plover.type, e.decided_by) for e in said] == [
        ("FRA", "IRN", "ACCUSE", "model")]
    assert _code("France said Iran buys most of its arms abroad.", lexicon, unsure) == []
    weak = Answer({"REJECT": 0.6, "ACCUSE": JUDGING_MIN - 0.05, "SUPPORT": 0.0})
    assert _code("France said Iran is the largest buyer of Russian arms in the region.", lexicon, weak) == []


def test_statements_are_read_by_what_they_say_of_their_actor() -> None:
    # written for the eventwire project: within the statement budget, the statements judged by their shape go
    # first, those about what is done to someone last (none of 30 on the real-news train even half was a gold pair)
    from eventwire.events.candidates import query
    from eventwire.events.coder import _statement_candidate
    from eventwire.events.mentions import ActorIndex
    from eventwire.events.statements import statement_pairs

    text = ("France said the plan would isolate Iran. France said Iran buys Russian arms. "
            "France said Iran is a buyer of Russian arms.")
    doc = nlp.parse(text)
    index = ActorIndex(doc, stand_in_actors(text))
    priorities = []
    for si, sent in enumerate(doc.sents):
        for verb, source, target, shape in statement_pairs(sent, index, set()):
            found = query(_statement_candidate(si, sent, verb, source, target, shape))
            assert found is not None
            priorities.append(found.priority)
    # what Iran is first, what Iran does next, what is done to Iran last
    assert len(priorities) == 3 and priorities[2] < priorities[1] < priorities[0]
