"""Verbs of joining another in an act ("partner_verbs"): the one joined is a second doer of the act the
"in" phrase names, not the verb's target (eventwire.events.coordination.act_partners). Sentences
written for the eventwire project; stand-in lexicon and actors of events_support, the real parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from events_support import LEXICON_YAML, code, dyads, stand_in_actors

from eventwire import nlp
from eventwire.events.linked import linked_pairs
from eventwire.events.mentions import ActorIndex

# the stand-in lexicon plus a rule on a verb of joining, so that it could pair its subject with its object
SIDE_WITH = '  - {id: t.side_with, cameo: "051", pos: VERB, lemmas: [side with, back]}\n'


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    from eventwire.events.lexicon import Lexicon

    path = Path(tmp_path_factory.mktemp("partners")) / "lexicon.yaml"
    path.write_text(LEXICON_YAML + SIDE_WITH, encoding="utf-8")
    return Lexicon.load([path], builtin=False)


def _linked(text: str) -> list[tuple[str, str]]:
    doc = nlp.parse(text)
    index = ActorIndex(doc, stand_in_actors(text))
    return [(source.actor.text, target.actor.text) for _, source, target in linked_pairs(next(iter(doc.sents)), index, set())]


def test_the_one_joined_in_condemning_condemns_too(lexicon: object) -> None:
    found = dyads(code("France joined Russia in condemning Syria on Monday.", lexicon))
    assert {("FRA", "SYR", "ACCUSE"), ("RUS", "SYR", "ACCUSE")} <= found
    assert not any(s == "FRA" and t == "RUS" for s, t, _ in found)


def test_the_one_joined_in_talks_is_a_second_side(lexicon: object) -> None:
    found = dyads(code("France will join Russia in talks with Iran next week.", lexicon))
    assert {("FRA", "IRN", "CONSULT"), ("RUS", "IRN", "CONSULT")} <= found


def test_siding_with_another_in_an_act_is_no_act_towards_it(lexicon: object) -> None:
    found = dyads(code("Japan sided with China in criticizing Israel.", lexicon))
    assert ("JPN", "CHN", "SUPPORT") not in found
    assert {("JPN", "ISR", "ACCUSE"), ("CHN", "ISR", "ACCUSE")} <= found


def test_siding_with_another_without_an_act_stays_an_act_towards_it(lexicon: object) -> None:
    assert ("JPN", "CHN", "SUPPORT") in dyads(code("Japan sided with China on Monday.", lexicon))


def test_a_verb_of_joining_offers_no_model_pair_with_its_partner() -> None:
    assert ("France", "Russia") not in _linked("France joined Russia in condemning the coup.")


def test_what_is_joined_in_a_year_is_still_a_pair() -> None:
    # "in 1999" says when: NATO is what France joined, and the model may type the pair
    assert ("France", "NATO") in _linked("France joined NATO in 1999.")
