"""A counted plural noun heading the list of names after it ("the six parties, North Korea, China,
...") is no party of its own: the names are its members (eventwire.events.coordination.is_list_heading,
read by eventwire.events.admissible). Sentences written for the eventwire project; the shipped
lexicon, actor dictionaries and parser, as a run codes them."""

from __future__ import annotations

import pytest
from events_support import shipped_events as _events

from eventwire import nlp
from eventwire.events.coordination import is_list_heading

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def test_the_counted_heading_is_no_side_of_the_meeting() -> None:
    events = _events("The two leaders, Bush and Putin, met in Moscow on Friday.")
    assert ("CONSULT", "Bush", "Putin") in events
    assert not [e for e in events if "leaders" in (e[1], e[2])]


def test_the_counted_parties_of_talks_are_their_members() -> None:
    events = _events("The negotiations between the six parties, North Korea, China, South Korea, Russia, "
                     "and Japan, could restart in November.")
    assert events and not [e for e in events if "parties" in (e[1], e[2])]


def test_a_counted_noun_joined_without_a_comma_stays_a_party() -> None:
    doc = nlp.load()("The two parties and the Greens formed a coalition.")
    assert not is_list_heading(doc[2])
    doc = nlp.load()("The two leaders, Bush and Putin, met in Moscow.")
    assert is_list_heading(doc[2])
