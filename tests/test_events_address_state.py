"""The state of a "town, state" address that the parser makes a second subject of a passive ("The
French and German embassies in Tehran, Iran have been set on fire by crowds") says where the town is;
it is not a patient of its own (issue 13). Sentences written for the eventwire project; the shipped
lexicon, dictionaries, parser and models."""

from __future__ import annotations

import pytest
from events_support import shipped_events


@pytest.mark.parametrize(("text", "state"), [
    ("The French and German embassies in Tehran, Iran have been set on fire by crowds of protesters.", "Iran"),
    ("The British and Italian embassies in Caracas, Venezuela were attacked by crowds on Sunday.", "Venezuela"),
])
def test_the_state_of_an_address_is_no_patient(text: str, state: str) -> None:
    events = shipped_events(text)
    assert events and not any(t == state for _, _, t in events), events
