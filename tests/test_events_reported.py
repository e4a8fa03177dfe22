"""Claims inside someone's speech are marked reported (docs/annotation.md rule 6). Sentences written
for the eventwire project; stand-in lexicon and actors of events_support, the real parser."""

from __future__ import annotations

import pytest
from events_support import code, stand_in_lexicon


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lex")))


def _reported(text: str, lexicon: object) -> list[tuple[str | None, str | None, bool]]:
    return [(e.source.code, e.target.code if e.target else None, e.reported) for e in code(text, lexicon)]


def test_a_complement_of_saying_is_the_speakers_claim(lexicon: object) -> None:
    assert ("RUS", "GEO", True) in _reported("France said Russia attacked Georgia.", lexicon)


def test_an_event_the_article_asserts_is_not_reported(lexicon: object) -> None:
    assert _reported("Russia attacked Georgia on Tuesday.", lexicon) == [("RUS", "GEO", False)]


def test_a_quotation_is_its_speakers_claim_unless_the_speaker_does_it(lexicon: object) -> None:
    assert ("RUS", "GEO", True) in _reported('"Russia attacked Georgia last night," France said.', lexicon)
    assert ("IRN", "FRA", False) in _reported("Iran said it would meet France in Geneva.", lexicon)


def test_according_to_attributes_the_sentence(lexicon: object) -> None:
    assert ("RUS", "GEO", True) in _reported("According to France, Russia attacked Georgia.", lexicon)


def test_an_act_someone_is_charged_with_is_the_chargers_claim(lexicon: object) -> None:
    assert ("RUS", "GEO", True) in _reported("France accused Russia of attacking Georgia.", lexicon)
    assert ("RUS", "GEO", True) in _reported("Russia was accused of attacking Georgia.", lexicon)
    # the charge itself is the article's report
    assert ("FRA", "RUS", False) in _reported("France accused Russia of attacking Georgia.", lexicon)


def test_the_classifier_does_not_turn_the_accused_into_an_accuser() -> None:
    # the shipped model reads "accused" around the act and types it ACCUSE; the act keeps its rule's type
    from eventwire import code_text

    events = code_text("Georgian officials accused Russia of bombing the town of Gori on Monday.")
    by_source = {(e.source.text, e.plover.type, e.reported) for e in events}
    assert ("Russia", "ASSAULT", True) in by_source
    assert not any(source == "Russia" and kind == "ACCUSE" for source, kind, _ in by_source)
