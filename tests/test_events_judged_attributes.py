"""Words of praise or blame that judge no one: an attribute of a thing a verb makes or acts on ("said
Germany was creating good jobs" praises the jobs, not Germany), blame in what no evidence shows.
Sentences written for the eventwire project; stand-in lexicon and actors of events_support."""

from __future__ import annotations

import pytest
from events_support import code, stand_in_lexicon


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lex")))


def _judgements(text: str, lexicon: object) -> list[tuple[str | None, str | None, str]]:
    return [(e.source.code, e.target.text if e.target else None, e.plover.type) for e in code(text, lexicon)
            if e.plover.type in ("SUPPORT", "ACCUSE")]


@pytest.mark.parametrize("text", [
    "France said Germany was creating good jobs in the north.",
    "France said Germany would build great roads across the region.",
])
def test_an_attribute_of_a_thing_made_judges_no_one(lexicon: object, text: str) -> None:
    assert _judgements(text, lexicon) == []


@pytest.mark.parametrize("text", [
    # a product judged stands for whoever acts on it
    "France said Germany had passed a good law.",
    # "do a good job" is said of the doer
    "France said Germany had done a good job.",
])
def test_a_judged_product_or_job_still_judges_its_doer(lexicon: object, text: str) -> None:
    assert _judgements(text, lexicon) == [("FRA", "Germany", "SUPPORT")]


def test_blame_in_what_no_evidence_shows_is_not_asserted(lexicon: object) -> None:
    assert _judgements("France said there was no evidence that Iran was responsible for the attack.", lexicon) == []
    assert _judgements("France said there was no doubt that Iran was responsible for the attack.", lexicon) == [
        ("FRA", "Iran", "ACCUSE")]
