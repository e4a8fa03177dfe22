"""A trip by people who travel for themselves is no visit (CAMEO 042 is an official's, to a host:
docs/annotation.md). Sentences written for the eventwire project; the real parser, lexicon and actors."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from eventwire.events.senses import is_private_trip
from eventwire.records import Actor


def _trip(sector: str | None, cameo: str = "042") -> bool:
    source = SimpleNamespace(actor=Actor("X", 0, 1, code="NGA" + (sector or ""), country="NGA", sector=sector))
    return is_private_trip(SimpleNamespace(cameo=cameo, source=source))  # type: ignore[arg-type]


@pytest.mark.parametrize(("sector", "private"), [
    ("CVL", True), ("REF", True), ("MED", True), ("BUS", True),
    ("GOV", False), ("MIL", False), ("COP", False), ("REL", False), (None, False),
])
def test_who_travels_decides_whether_a_trip_is_a_visit(sector: str | None, private: bool) -> None:
    assert _trip(sector) is private


def test_only_a_visit_is_judged() -> None:
    assert not _trip("CVL", cameo="040")  # civilians meeting someone still meet


def test_refugees_arriving_make_no_visit_but_a_minister_does() -> None:
    from eventwire.stages import code_text

    assert [e for e in code_text("Hundreds of Nigerian refugees arrived in Niger on Tuesday.", "2008-03-01")
            if (e.cameo or "").startswith("042")] == []
    visits = code_text("The Nigerian foreign minister arrived in Niger on Tuesday.", "2008-03-01")
    assert [(e.source.code, e.target.code if e.target else None) for e in visits] == [("NGAGOV", "NER")]
