"""A description and the name set off after it by a comma are one actor (eventwire.events.apposition,
read through eventwire.events.mentions.ActorIndex). All sentences are written for the eventwire project."""

from __future__ import annotations

import pytest

from eventwire import nlp
from eventwire.events.mentions import ActorIndex
from eventwire.records import Actor


def _mention(text: str, phrase: str, code: str, kind: str) -> Actor:
    start = text.index(phrase)
    return Actor(phrase, start, start + len(phrase), code, code[:3], code[3:6] or None, None, kind)


def _source(text: str, mentions: list[tuple[str, str, str]], head: str) -> Actor | None:
    doc = nlp.parse(text)
    index = ActorIndex(doc, [_mention(text, *m) for m in mentions])
    token = next(t for t in doc if t.text == head)
    return index.actor_for(token, as_source=True)


def test_a_party_described_then_named_is_the_named_party_with_its_code() -> None:
    text = "Germany's largest opposition party, the Christian Democratic Union, rejected the budget."
    found = _source(text, [("Germany's largest opposition party", "DEUOPP", "agent"),
                           ("Christian Democratic Union", "DEUPTY", "group")], "party")
    assert found is not None
    assert found.text == "Germany's largest opposition party, the Christian Democratic Union"
    assert found.code == "DEUPTY"


def test_a_name_no_dictionary_knows_after_a_titled_description_keeps_the_title_code() -> None:
    text = "The bishop of Leeds, Arthur Penrose, criticised the plan."
    found = _source(text, [("bishop", "GBRREL", "agent")], "bishop")
    assert found is not None
    assert found.text.endswith("Arthur Penrose") and found.code == "GBRREL"


@pytest.mark.parametrize(("text", "mentions", "head"), [
    # a plural before the comma starts a list of its members
    ("The two parties, Labour and the Greens, signed the pact.",
     [("parties", "GBRPTY", "agent"), ("Labour", "GBRPTY", "group"), ("Greens", "GBRPTY", "group")], "parties"),
    # a place set off after the description is where, not who
    ("The mayor of the capital, Kabul, criticised the plan.", [("mayor", "AFGGOV", "agent"), ("Kabul", "AFG", "state")],
     "mayor"),
    # common nouns in a row are a list
    ("The ministry, the army and the police rejected the plan.",
     [("ministry", "AFGGOV", "agent"), ("army", "AFGMIL", "agent"), ("police", "AFGCOP", "agent")], "ministry"),
])
def test_no_name_is_joined_to_a_list_a_place_or_a_plural(text: str, mentions: list[tuple[str, str, str]],
                                                         head: str) -> None:
    found = _source(text, mentions, head)
    assert found is not None and found.text == head


def test_a_description_no_mention_covers_is_joined_with_its_name_too() -> None:
    text = "The rally was organised by the junior coalition partner, the Green Party, on Sunday."
    found = _source(text, [], "partner")
    assert found is not None and found.text == "the junior coalition partner, the Green Party"


def test_a_name_set_before_the_description_the_parse_takes_as_subject_is_joined_to_it() -> None:
    # the parser makes "Minister" the subject and leaves the name beside it: the name is who acts
    text = "Ibrahim al-Rawi, the Prime Minister of Jordan condemned the attack."
    found = _source(text, [("Ibrahim al-Rawi", "JORGOV", "person"), ("Prime Minister of Jordan", "JORGOV", "agent")],
                    "Minister")
    assert found is not None
    assert found.text == "Ibrahim al-Rawi, the Prime Minister of Jordan" and found.code == "JORGOV"


def test_an_unknown_name_before_its_coded_description_is_reported_with_it() -> None:
    text = "Tomas Varga, the Slovak defence minister visited his Czech counterpart on Monday."
    found = _source(text, [("Slovak defence minister", "SVKGOV", "person")], "Varga")
    assert found is not None
    assert found.text == "Tomas Varga, the Slovak defence minister" and found.code == "SVKGOV"


def test_a_word_beside_a_state_is_not_a_persons_name_joined_to_it() -> None:
    text = "Rivera, the United States will send teams to the region."
    found = _source(text, [("United States", "USA", "state")], "Rivera")
    assert found is None or found.text in ("Rivera", "United States")
