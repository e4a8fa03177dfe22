"""A known surname after a different given name is another person (eventwire.actors.namesakes).

Uses the builtin dictionaries (Paul Keating, Stephen Harper, Margaret Thatcher, Nouri al-Maliki are
listed with their surnames as aliases). Sentences are written for the eventwire project; the
namesakes in them are invented.
"""

from __future__ import annotations

import pytest

from eventwire.actors import ActorResolver
from eventwire.actors.namesakes import honorifics, same_given_name
from eventwire.nlp import parse


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()


def _names(resolver, text, published="2009-06-27"):
    return {a.text: a.name for a in resolver.resolve(parse(text), published)}


@pytest.mark.parametrize(("text", "mention", "listed"), [
    ("Farmers cheered when Declan Keating opened the new creamery in Cork.", "Declan Keating", "Paul Keating"),
    ("The court heard that Orla Harper had signed the lease in Galway.", "Orla Harper", "Stephen Harper"),
    ("Villagers said Tomasz Thatcher-Nowak had repaired the bridge.", "Tomasz Thatcher-Nowak", "Margaret Thatcher"),
])
def test_a_different_given_name_is_a_namesake(resolver, text, mention, listed):
    names = _names(resolver, text)
    assert names.get(mention) != listed


@pytest.mark.parametrize(("text", "mention", "listed"), [
    ("Critics said Steven Harper had ignored the report on pensions.", "Steven Harper", "Stephen Harper"),
    ("Reporters said Lady Thatcher had praised the new envoy.", "Lady Thatcher", "Margaret Thatcher"),
    ("Former leader Paul J. Keating criticised the budget on Tuesday.", "Paul J. Keating", "Paul Keating"),
])
def test_the_same_person_stays(resolver, text, mention, listed):
    names = _names(resolver, text, "2010-03-02")
    assert any(listed == name and mention in text_ for text_, name in names.items())


def test_spelling_variants_of_a_given_name():
    assert same_given_name("steven", "stephen")
    assert same_given_name("mohammed", "mohamed")
    assert not same_given_name("dan", "paul")
    assert not same_given_name("winnie", "nelson")
    assert not same_given_name("ian", "dan")


def test_honorifics_are_read_from_the_data_file():
    assert {"lady", "sir", "mr"} <= honorifics()
    assert "don" not in honorifics()


def test_the_later_surname_is_the_namesake(resolver):
    names = _names(resolver, "Irish poet Declan Keating died on Monday. Keating had lived in Tralee all his life.")
    assert names["Keating"] == "Declan Keating"


def test_a_main_name_after_other_words_stays(resolver):
    names = _names(resolver, "Supreme leader Sayyid Ali Khamenei praised the guards on Friday.", "2012-05-04")
    assert "Ali Khamenei" in names.values()


def test_an_alias_in_the_dictionary_stays(resolver):
    names = _names(resolver, "In exile, Nuri al-Maliki had lived in Damascus for years.", "2008-05-04")
    assert "Nouri al-Maliki" in names.values()


def test_a_namesake_after_the_dictionary_person_is_not_him(resolver):
    text = ("Paul Keating opened the hall on Monday. Later Declan Keating, a local farmer, spoke to the crowd."
            " Keating thanked the builders.")
    names = _names(resolver, text, "2008-05-04")
    assert names["Paul Keating"] == "Paul Keating"
    assert [n for t, n in names.items() if "Declan" in t] != ["Paul Keating"]
    assert names["Keating"] == "Paul Keating"  # the surname the article gave first stays his
