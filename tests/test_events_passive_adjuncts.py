"""A clause's subject does the participle hung on it (issue 13, "trigger, no arguments"): "were arrested
whilst protesting", "were caught attacking", "has been successful in fighting";
eventwire/events/passive_adjuncts.py. And "pay" as the support verb of tributes and visits ("tributes
were paid to X by Y"; data/events/syntax.yaml). Sentences written for the eventwire project, coded with
the stand-in lexicon and actors of events_support and the real parser, or with the shipped components
where the stand-ins lack a word."""

from __future__ import annotations

import pytest
from events_support import code, dyads, stand_in_lexicon

from eventwire import nlp
from eventwire.events.passive_adjuncts import given_chance, owner_agents, passive_adjunct_doer
from eventwire.stages import code_text


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lex")))


@pytest.mark.parametrize("text", [
    "Georgian troops were stopped on Friday whilst attacking Russia.",
    "Georgian troops were caught attacking Russia near the border.",
    "Georgian troops were stopped by the police when attacking Russia.",
])
def test_a_passive_subject_does_its_participle_adjunct(lexicon: object, text: str) -> None:
    assert ("GEOMIL", "RUS", "ASSAULT") in dyads(code(text, lexicon))


def test_a_participle_with_a_passive_of_its_own_is_undergone(lexicon: object) -> None:
    # "whilst being attacked by Russia": the troops are attacked, they attack no one
    found = dyads(code("Georgian troops were stopped whilst being attacked by Russia.", lexicon))
    assert not any(s == "GEOMIL" and k == "ASSAULT" for s, _, k in found), found


def test_an_active_clause_lends_its_own_subject_not_its_object() -> None:
    doc = nlp.parse("The police stopped the marchers whilst protesting against the law.")
    assert passive_adjunct_doer(next(t for t in doc if t.lower_ == "protesting")) is None


def test_the_passive_subject_is_the_doer_read_off_the_parse() -> None:
    doc = nlp.parse("Eleven students were arrested whilst protesting against the president.")
    doer = passive_adjunct_doer(next(t for t in doc if t.lower_ == "protesting"))
    assert doer is not None and doer.lower_ == "students"


def _coded(text: str) -> set[tuple[str, str | None, str]]:
    return {(e.source.text, e.target.text if e.target else None, e.plover.type) for e in code_text(text, "2007-01-05")}


def test_tributes_paid_by_someone_are_their_praise() -> None:
    found = _coded("Tributes were paid to the late senator by the Japanese prime minister on Monday.")
    assert any("prime minister" in s and t is not None and "senator" in t and k == "SUPPORT" for s, t, k in found), found


def test_paying_money_is_no_tribute() -> None:
    assert not any(k == "SUPPORT" for _, _, k in _coded("The Japanese government paid compensation to the farmers."))


# the gerund of a predicate adjective of achievement is the copula subject's act (achievement_copula)
def test_one_successful_in_an_act_did_it(lexicon: object) -> None:
    assert ("RUS", "GEO", "ASSAULT") in dyads(code("Russia has been successful in attacking Georgia.", lexicon))


def test_one_only_interested_in_an_act_did_not_do_it(lexicon: object) -> None:
    assert not any(s == "RUS" and k == "ASSAULT" for s, _, k in dyads(
        code("Russia is interested in attacking Georgia.", lexicon)))


@pytest.mark.parametrize("text", [
    "Efforts to persuade Russia were made by Georgian troops on Friday.",
    "The efforts being made by Georgian troops to persuade Russia were praised.",
])
def test_an_intention_made_in_the_passive_is_its_agents(text: str) -> None:
    # written for the eventwire project: the by-agent of a passive verb of making owns the intention
    doc = nlp.parse(text)
    noun = next(t for t in doc if t.lower_ in ("efforts", "effort"))
    assert [t.lower_ for t in owner_agents(noun)] == ["troops"]


def test_an_intention_foiled_by_someone_is_not_theirs() -> None:
    doc = nlp.parse("The attempts to storm the town were foiled by the army.")
    assert owner_agents(next(t for t in doc if t.lower_ == "attempts")) == []


def test_the_agent_of_a_passive_effort_does_its_infinitive() -> None:
    found = _coded("The efforts being made by the Peruvian government to persuade the rebels to disarm were praised.")
    assert any("government" in s and t is not None and "rebels" in t and k == "REQUEST" for s, t, k in found), found


def test_an_act_charged_with_is_the_charged_ones_and_reported() -> None:
    # written for the eventwire project: "charged with" names the act as "accused of" does
    events = code_text("The Polish journalist was charged with assaulting a police officer.", "2007-01-05")
    found = [e for e in events if e.plover.type == "ASSAULT"]
    assert found and "journalist" in found[0].source.text and found[0].target is not None, events
    assert found[0].reported


def test_the_one_taking_an_opportunity_does_its_infinitive() -> None:
    # written for the eventwire project: "opportunity" and "chance" are intention nouns (opportunity_nouns)
    found = _coded("Kenya took the opportunity to condemn its neighbour Uganda.")
    assert ("Kenya", "Uganda", "ACCUSE") in found, found


def test_a_chance_given_to_someone_is_nobodys_act() -> None:
    doc = nlp.parse("Eritrea gave Ethiopia a chance to condemn the Somali government.")
    assert given_chance(next(t for t in doc if t.lower_ == "chance"))
    assert not any(k == "ACCUSE" for _, _, k in _coded("Eritrea gave Ethiopia a chance to condemn the Somali government."))
