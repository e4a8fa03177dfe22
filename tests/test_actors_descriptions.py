"""What the words around a name say about it: hyphenated titles, a title's body, appositive
descriptions, titles carried by an alias, pronouns in reported clauses.

Uses the builtin dictionaries (the mechanisms read titles and agent words that only they hold).
Sentences are written for the eventwire project; the people in them are invented.
"""

from __future__ import annotations

import pytest

from eventwire.actors import ActorResolver
from eventwire.nlp import parse


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


def _by_text(resolver, text, published="2009-06-27"):
    doc = parse(text)
    return {a.text: a for a in resolver.resolve(doc, published)}


def test_hyphenated_title_is_the_title_not_the_agent_word(resolver):
    actors = _by_text(resolver, "Lawyers said the Kenyan attorney-general had delayed the inquiry.")
    assert "general" not in actors
    assert actors["Kenyan attorney-general"].country == "KEN"


def test_title_of_a_named_body_takes_the_body(resolver):
    actors = _by_text(resolver, "The Speaker of the Bundestag, Karl Brenner, opened the session.")
    brenner = next(a for text, a in actors.items() if "Karl Brenner" in text)
    assert brenner.code == "DEULEG"


def test_title_of_an_unnamed_business_is_business(resolver):
    text = "Canadian police questioned staff. Tom Harlow, chief executive of software firm Quillsoft, gave money to the party."
    actors = _by_text(resolver, text)
    harlow = next(a for t, a in actors.items() if t.startswith("Tom Harlow"))
    assert harlow.sector == "BUS"


def test_description_after_a_name_gives_its_sector(resolver):
    actors = _by_text(resolver, "Paul Venner, an Ottawa New Democrat MP, criticised the government.")
    assert actors["Paul Venner"].code == "CANLEG"


def test_description_owned_by_an_unknown_body_gives_no_government(resolver):
    actors = _by_text(resolver, "Tom Harlow, the Quillsoft Corporation chairman, warned Australians.")
    assert actors["Tom Harlow"].sector != "GOV"


def test_the_president_refers_back_to_an_alias_carrying_the_title(resolver):
    text = "George W. Bush spoke in Abu Dhabi. President Bush said Iran sends money to extremists. " \
           "Later the president visited Kuwait."
    actors = _by_text(resolver, text, published="2008-01-13")
    assert actors["president"].code == "USAGOV"


def test_he_in_a_reported_clause_is_the_reporting_subject(resolver):
    text = "Chancellor Gerhard Schröder lost the vote. At least one deputy has announced he will appeal."
    actors = _by_text(resolver, text, published="2005-07-01")
    assert actors["he"].sector == "LEG"


def test_he_in_a_clause_a_conjoined_verb_reports_is_that_verbs_subject(resolver):
    # "expressed" shares the subject of "paid"; the last man named (Kessler) is not the speaker
    text = ("German Chancellor Hans Brenner paid his respect to President Otto Kessler, calling his decision "
            "wise, and expressed that he intends to resume reforms.")
    actors = _by_text(resolver, text, published="2005-07-22")
    assert actors["he"].name == actors["German Chancellor Hans Brenner"].name

@pytest.mark.parametrize("text", [
    "Queensland's opposition leader, Karl Brenner said the government had waited too long.",
    "He saw a cabal between the Vice President of the United States, Karl Brenner, and the Secretary of Defense.",
])
def test_a_name_after_a_title_and_a_comma_is_its_holder_however_parsed(resolver, text):
    actors = _by_text(resolver, text)
    holder = next(a for span, a in actors.items() if span.endswith("Karl Brenner"))
    assert "," in holder.text and holder.sector is not None


def test_a_title_and_a_name_joined_by_and_are_two_people(resolver):
    actors = _by_text(resolver, "The Vice President, and Karl Brenner met the press.")
    assert "Karl Brenner" in actors

def test_participle_after_a_noun_is_not_part_of_the_span(resolver):
    actors = _by_text(resolver, "Troops helped 300 families displaced by the floods.")
    assert "families displaced" not in actors
    assert "families" in actors
