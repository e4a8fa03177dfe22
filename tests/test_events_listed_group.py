"""A plural common noun naming a group, with its members listed after it ("talks between the four
parties, Israel, Egypt, Jordan and Syria"), is not a party beside its members: the parser makes
the first name its apposition (with the rest hung on the noun) or its conjunct, and the first name
is now the first member in the noun's place (issue 13). Sentences written for the eventwire project; the shipped
lexicon, dictionaries, parser and models."""

from __future__ import annotations

from events_support import shipped_events


def test_the_group_noun_of_a_listed_group_is_no_party() -> None:
    events = shipped_events("The talks between the four parties, Israel, Egypt, Jordan and Syria, could restart in May.")
    parties = {p for kind, s, t in events if kind == "CONSULT" for p in (s, t)}
    assert {"Israel", "Egypt", "Jordan", "Syria"} <= parties and "parties" not in parties, events
