"""Golden pages written for the project (tests/fixtures/pages): HTML with navigation, share buttons,
cookie banners and related links, and text dumps with the junk of real captures."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from eventwire.extract import extract_with_trace
from eventwire.records import RawDocument

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
EXPECTATIONS = sorted(PAGES.glob("*.expect.json"))


def _page_for(expect: Path) -> Path:
    stem = expect.name.removesuffix(".expect.json")
    return next(p for p in PAGES.iterdir() if p.stem == stem and p.suffix in (".html", ".txt"))


def test_there_are_enough_golden_pages() -> None:
    kinds = [json.loads(p.read_text())["kind"] for p in EXPECTATIONS]
    assert len(kinds) >= 6 and kinds.count("html") >= 4 and kinds.count("text") >= 2


@pytest.mark.parametrize("expect_path", EXPECTATIONS, ids=lambda p: p.name.removesuffix(".expect.json"))
def test_golden_page(expect_path: Path) -> None:
    expect = json.loads(expect_path.read_text(encoding="utf-8"))
    page = _page_for(expect_path)
    captured = datetime.fromisoformat(expect["captured"]) if expect.get("captured") else None
    raw = RawDocument(uri=page.name, kind=expect["kind"], content=page.read_bytes(), url=expect.get("url"),
                      captured=captured)
    article = extract_with_trace(raw).article
    text = article.text
    for key in ("title", "source", "language", "published"):
        if key in expect:
            assert getattr(article, key) == expect[key], key
    if "published_prefix" in expect:
        assert (article.published or "").startswith(expect["published_prefix"])
    if "dateline" in expect:
        assert article.dateline.to_dict() == expect["dateline"]
    for role, names in expect.get("credits", {}).items():
        assert getattr(article.credits, role) == names, role
    for name in expect.get("authors_include", []):
        assert name in article.credits.authors
    assert text.startswith(expect["starts_with"])
    assert text.endswith(expect["ends_with"])
    if "paragraphs" in expect:
        assert len(text.split("\n\n")) == expect["paragraphs"]
    for needle in expect.get("must_contain", []):
        assert needle in text, needle
    for needle in expect.get("must_not_contain", []):
        assert needle not in text, needle
