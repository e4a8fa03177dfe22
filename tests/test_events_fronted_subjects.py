"""Subjects the parser hung inside a fronted phrase (eventwire.events.fronted_subjects). Sentences
written for the project; the parse-free tests build the misparse by hand, so that they do not depend on
what the small model does with one sentence."""

from __future__ import annotations

import pytest
from events_support import rule_pairs
from spacy.tokens import Doc
from spacy.vocab import Vocab

from eventwire.events.clauses import clause_subjects
from eventwire.events.fronted_subjects import fronted_subject


@pytest.mark.parametrize(("text", "rule", "pair"), [
    ("Out of the meeting with Andrei Stratan, Lazar Comanescu also held talks with Moldovan Prime Minister "
     "Zinaida Grechany.", "040.", ("Lazar Comanescu", "Moldovan Prime Minister Zinaida Grechany")),
    ("After the meeting with Hosni Mubarak, Ehud Olmert also praised Jordan.", "051.", ("Ehud Olmert", "Jordan")),
    ("In Kunar, coalition and Afghan troops led by the U.S. clashed with Taliban fighters.", "190.",
     ("Afghan troops", "Taliban fighters")),
])
def test_a_subject_hung_on_the_fronted_phrase_is_the_verbs(text: str, rule: str, pair: tuple[str, str]) -> None:
    assert pair in rule_pairs(text, rule)


# (word, head index, dependency, part of speech, tag, entity type)
Row = tuple[str, int, str, str, str, str]


def _doc(rows: list[Row]) -> Doc:
    words, heads, deps, pos, tags, ents = zip(*rows, strict=True)
    ent_tags = [f"B-{e}" if e else "O" for e in ents]
    return Doc(Vocab(), words=list(words), heads=list(heads), deps=list(deps), pos=list(pos), tags=list(tags),
               ents=ent_tags)


# "With Jan Novak, the foreign minister, praised Austria": the parser's reading of a verb whose subject
# the writer left out; the determined common noun in apposition restates Novak and is no subject
RESTATING: list[Row] = [
    ("With", 8, "prep", "ADP", "IN", ""), ("Jan", 2, "compound", "PROPN", "NNP", "PERSON"),
    ("Novak", 0, "pobj", "PROPN", "NNP", "PERSON"), (",", 2, "punct", "PUNCT", ",", ""),
    ("the", 6, "det", "DET", "DT", ""), ("foreign", 6, "amod", "ADJ", "JJ", ""),
    ("minister", 2, "appos", "NOUN", "NN", ""), (",", 8, "punct", "PUNCT", ",", ""),
    ("praised", 8, "ROOT", "VERB", "VBD", ""), ("Austria", 8, "dobj", "PROPN", "NNP", "GPE"),
]

# "With Jan Novak, Petr Svoboda praised Austria": the name after the comma is the subject
NAMED: list[Row] = [
    ("With", 6, "prep", "ADP", "IN", ""), ("Jan", 2, "compound", "PROPN", "NNP", "PERSON"),
    ("Novak", 0, "pobj", "PROPN", "NNP", "PERSON"), (",", 2, "punct", "PUNCT", ",", ""),
    ("Petr", 5, "compound", "PROPN", "NNP", "PERSON"), ("Svoboda", 2, "appos", "PROPN", "NNP", "PERSON"),
    ("praised", 6, "ROOT", "VERB", "VBD", ""), ("Austria", 6, "dobj", "PROPN", "NNP", "GPE"),
]

# "In Lyon, Nantes and Lille marched": a list of places stays inside the phrase (the parser's shape of
# "In Kunar, coalition and Afghan troops clashed", where the conjunct is no place and is the subject)
LISTED: list[Row] = [
    ("In", 6, "prep", "ADP", "IN", ""), ("Lyon", 0, "pobj", "PROPN", "NNP", "GPE"),
    (",", 1, "punct", "PUNCT", ",", ""), ("Nantes", 1, "conj", "PROPN", "NNP", "GPE"),
    ("and", 3, "cc", "CCONJ", "CC", ""), ("Lille", 3, "conj", "PROPN", "NNP", "GPE"),
    ("marched", 6, "ROOT", "VERB", "VBD", ""),
]


def test_a_name_the_comma_opens_is_the_subject() -> None:
    doc = _doc(NAMED)
    found = fronted_subject(doc[6])
    assert found is not None and found.i == 5
    assert [t.text for t in clause_subjects(doc[6])[0]] == ["Svoboda"]


def test_a_restating_apposition_is_no_subject() -> None:
    assert fronted_subject(_doc(RESTATING)[8]) is None


def test_a_list_of_like_conjuncts_is_no_subject() -> None:
    assert fronted_subject(_doc(LISTED)[6]) is None


def test_a_passive_takes_no_comma_joined_doer() -> None:
    rows = [*NAMED[:6], ("was", 7, "auxpass", "AUX", "VBD", ""), ("praised", 7, "ROOT", "VERB", "VBN", "")]
    rows[0] = ("With", 7, "prep", "ADP", "IN", "")
    assert fronted_subject(_doc(rows)[7]) is None


# written for the eventwire project: "In Prague, Petr Svoboda praised Austria", read with the name as an
# apposition of the place; a person's name does not restate a place, "In Prague, the capital," would
BESIDE_PLACE: list[Row] = [
    ("In", 5, "prep", "ADP", "IN", ""), ("Prague", 0, "pobj", "PROPN", "NNP", "GPE"),
    (",", 1, "punct", "PUNCT", ",", ""), ("Petr", 4, "compound", "PROPN", "NNP", "PERSON"),
    ("Svoboda", 1, "appos", "PROPN", "NNP", "PERSON"), ("praised", 5, "ROOT", "VERB", "VBD", ""),
    ("Austria", 5, "dobj", "PROPN", "NNP", "GPE"),
]


def test_a_name_beside_a_fronted_place_is_the_subject() -> None:
    found = fronted_subject(_doc(BESIDE_PLACE)[5])
    assert found is not None and found.text == "Svoboda"


def test_a_place_beside_a_fronted_place_is_no_subject() -> None:
    rows = list(BESIDE_PLACE)
    rows[3], rows[4] = ("Czech", 4, "compound", "PROPN", "NNP", "GPE"), ("Republic", 1, "appos", "PROPN", "NNP", "GPE")
    assert fronted_subject(_doc(rows)[5]) is None
