"""eventwire.nlp_index.entities_in gives what ``Span.ents`` gives, without walking the document."""

from __future__ import annotations

from eventwire.nlp import parse
from eventwire.nlp_index import entities_in

TEXT = ("On Monday, Russia said that talks in Geneva would resume in March 2009. The United Nations met "
        "on 3 June in New York. Nothing happened yesterday. Last year, France and Germany signed a treaty "
        "that expires on Tuesday.")


def test_entities_in_matches_span_ents_for_sentences_and_other_spans() -> None:
    doc = parse(TEXT)
    spans = [*doc.sents, doc[0:5], doc[3:12], doc[:], doc[7:7]]
    for span in spans:
        for label in ("DATE", "GPE", "ORG"):
            expected = [(e.start, e.end, e.label_) for e in span.ents if e.label_ == label]
            assert [(e.start, e.end, e.label_) for e in entities_in(span, label)] == expected


def test_another_document_is_indexed_anew() -> None:
    first, second = parse("Russia met Iran on Friday."), parse("Nothing here. On Sunday, Chile voted.")
    assert [e.text for e in entities_in(first[:], "DATE")] == ["Friday"]
    assert [e.text for e in entities_in(second[:], "DATE")] == ["Sunday"]
    assert [e.text for e in entities_in(first[:], "DATE")] == ["Friday"]
