"""Which candidates are events: political actors as arguments, a target when the type needs one
(docs/annotation.md rules 2 and 3). Sentences written for the eventwire project; stand-in lexicon and
actors of events_support, the real parser."""

from __future__ import annotations

import pytest
from events_support import code, dyads, stand_in_lexicon

from eventwire.events.admissible import needs_target


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lex")))


def test_a_weapon_is_not_a_source(lexicon: object) -> None:
    assert code("A missile attacked Georgia on Tuesday.", lexicon) == []
    # an actor modifier makes an actor of it: the weapon stands for its owner
    assert ("RUS", "GEO", "ASSAULT") in dyads(code("A Russian missile attacked Georgia on Tuesday.", lexicon))


def test_an_object_or_a_place_is_not_a_target_of_force(lexicon: object) -> None:
    assert code("Russia attacked the building on Tuesday.", lexicon) == []
    assert code("Russia attacked the artillery near the border.", lexicon) == []


def test_a_target_named_through_what_it_produced_stays_for_statements(lexicon: object) -> None:
    events = code("France condemned the decision.", lexicon)
    assert [(e.source.code, e.target.text if e.target else None, e.plover.type) for e in events] == [
        ("FRA", "the decision", "ACCUSE")]


def test_an_event_without_a_recipient_is_dropped_unless_its_type_takes_none(lexicon: object) -> None:
    assert code("Russia attacked overnight.", lexicon) == []
    assert needs_target("ACCUSE") and needs_target("ASSAULT") and needs_target("CONSULT")
    assert not needs_target("PROTEST") and not needs_target("MOBILIZE")
