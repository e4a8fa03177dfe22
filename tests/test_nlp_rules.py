"""The indexed attribute-ruler matcher gives exactly the stock ruler's matches and annotations."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from eventwire.nlp import load
from eventwire.nlp_rules import IndexedRuleMatcher, UnsupportedPattern, index_attribute_ruler
from eventwire.settings import get_settings
from eventwire.synthetic import generate

SAMPLES = Path(__file__).resolve().parent.parent / "eventwire" / "samples"

# written for the eventwire project: the exceptions the ruler's rules are about (contractions,
# "gonna", "let's", existential "there is", whitespace tokens) mixed with ordinary news prose
TRICKY = [
    "He ain't gonna let's go, and there are reports he gets what he got.   Gotta run.",
    "There is no deal.\n\n  \t There were talks; it's what they're doing, isn't it?",
    "  ",
    "\n\n\t x",
    "I'm sure you'll see we've done what we'd said. Y'all can't know.",
    "The minister said: \"We won't\u00a0yield\" \u2014 and   left.",
]


@pytest.fixture(scope="module")
def stock() -> spacy.language.Language:
    return spacy.load(get_settings().spacy_model)


def texts() -> list[str]:
    corpus = [r["text"] for r in generate(25, seed=3)]
    corpus += [p.read_text(encoding="utf-8", errors="replace")[:6000]
               for p in sorted(SAMPLES.rglob("*.txt"))[:15]]
    return corpus + TRICKY


def test_indexed_matches_equal_the_stock_matcher(stock: spacy.language.Language) -> None:
    ruler = stock.get_pipe("attribute_ruler")
    indexed = IndexedRuleMatcher(ruler.patterns, ruler.vocab.strings)
    docs = list(stock.pipe(texts(), disable=["attribute_ruler", "lemmatizer", "ner"]))
    compared = 0
    for doc in docs:
        assert indexed(doc) == ruler.match(doc), doc.text[:80]
        compared += len(doc)
    assert compared > 5000


def test_pipeline_annotations_unchanged(stock: spacy.language.Language) -> None:
    ours = load()
    assert ours.get_pipe("attribute_ruler").match.__class__ is IndexedRuleMatcher
    for theirs_doc, our_doc in zip(stock.pipe(texts()), ours.pipe(texts()), strict=True):
        assert [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in our_doc] == \
               [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in theirs_doc]


def test_unsupported_pattern_leaves_the_ruler_alone() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"LEMMA": "x"})
    before = ruler.match
    assert index_attribute_ruler(ruler) is False
    assert ruler.match == before
    with pytest.raises(UnsupportedPattern):
        IndexedRuleMatcher(ruler.patterns, ruler.vocab.strings)


def test_supported_rules_on_a_blank_pipeline() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"IN": ["gon", "wan"]}}, {"LOWER": {"REGEX": "^n?a$"}}]], {"LEMMA": "go"})
    ruler.add([[{"LOWER": "na"}]], {"LEMMA": "to"}, index=0)
    ruler.add([[{"IS_SPACE": True}]], {"TAG": "_SP"})
    assert index_attribute_ruler(ruler) is True
    doc = nlp("we gon na  wan a go")
    assert [t.lemma_ for t in doc][:3] == ["", "go", "to"]
    assert doc[3].tag_ == "_SP"
    assert doc[4].lemma_ == "go"
