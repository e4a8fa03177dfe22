"""Verbs that link two actors with no trigger word: the (source, target) pair the model-only path
offers (eventwire.events.linked). Sentences written for the eventwire project; stand-in actors of
events_support, the real parser."""

from __future__ import annotations

import pytest
from events_support import stand_in_actors

from eventwire import nlp
from eventwire.events.linked import linked_pairs
from eventwire.events.mentions import ActorIndex


def _pairs(text: str) -> list[tuple[str, str, str]]:
    doc = nlp.parse(text)
    index = ActorIndex(doc, stand_in_actors(text))
    return [(verb.lemma_, source.actor.text, target.actor.text)
            for verb, source, target in linked_pairs(next(iter(doc.sents)), index, set())]


@pytest.mark.parametrize(("text", "pair"), [
    ("Syria received weapons from Russia last year.", ("Russia", "Syria")),
    ("Syria bought tanks from China in the spring.", ("China", "Syria")),
    ("Syria shipped tanks to China in the spring.", ("Syria", "China")),
])
def test_whoever_a_subject_takes_something_from_is_the_source(text: str, pair: tuple[str, str]) -> None:
    # the giver acts: "received weapons from Russia" is Russia's act towards Syria, as the rules code it
    assert [(s, t) for _, s, t in _pairs(text)] == [pair]
