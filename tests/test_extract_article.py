"""extract_article / extract_text / extract_with_trace, the seed capture, and the extract command."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import COMMANDS, main
from eventwire.errors import InputError
from eventwire.extract import extract_article, extract_text, extract_with_trace
from eventwire.extract.ids import article_id, source_from_url
from eventwire.records import Actor, Event, Location, Plover, RawDocument, Span
from eventwire.urls import normalize_url, site_host, url_host

SEED = "seed/000_59cc4f673b5911df.txt"

STORY = (
    "Officials from both countries met in the capital on Tuesday to discuss the border dispute, "
    "according to a statement released after the meeting.\n\n"
    "The two sides agreed to meet again next month, the statement said.\n"
)


def test_seed_capture_gives_the_gold_article(shared: Path) -> None:
    gold = json.loads((shared / "seed" / "seed_gold.json").read_text())["article"]
    raw = RawDocument(uri=SEED, kind="text", content=(shared / SEED).read_bytes())
    extraction = extract_with_trace(raw)
    article = extraction.article
    assert article.title == gold["title"]
    assert article.published == gold["published"]
    assert article.dateline.to_dict() == gold["dateline"]
    for role, names in gold["credits"].items():
        assert getattr(article.credits, role) == names
    assert article.credits.authors == []
    assert article.text.startswith(gold["body_starts_with"])
    assert article.text.endswith(gold["body_ends_with"])
    for junk in gold["body_must_not_contain"]:
        assert junk not in article.text
    assert extraction.dateline_text == "CORFU, Greece (Reuters) - "
    assert article.language == "en"
    assert article.source == "Reuters"
    # paragraphs stay paragraphs: the NLP stage parses them separately
    assert article.text.count("\n\n") == 16  # 17 paragraphs


def test_trace_lists_every_removal_in_reading_order(shared: Path) -> None:
    raw = RawDocument(uri=SEED, kind="text", content=(shared / SEED).read_bytes())
    removed = extract_with_trace(raw).removed
    reasons = [reason for reason, _ in removed]
    assert reasons[:3] == ["date header", "title", "dateline"]
    assert reasons[-1] == "layout class names"
    assert ("share counter", "0 : 0") in removed


def test_extract_text_keeps_a_lone_sentence() -> None:
    article = extract_text("Russia attacked Georgia.")
    assert article.text == "Russia attacked Georgia."
    assert article.title is None


def test_extract_text_never_raises_on_empty_input() -> None:
    assert extract_text("").text == ""
    assert extract_text("0 : 0\n\nAdvertisement").text == ""


def test_extract_article_skips_empty_captures() -> None:
    with pytest.raises(InputError, match="no article text"):
        extract_article(RawDocument(uri="x.txt", kind="text", content=b"Advertisement\n\n0 : 0\n"))
    with pytest.raises(InputError, match="no content"):
        extract_article(RawDocument(uri="y.txt", kind="text"))


def test_html_without_main_text_is_skipped() -> None:
    with pytest.raises(InputError, match="x.html"):
        extract_article(RawDocument(uri="x.html", kind="html", content=b"<html><body></body></html>"))


def test_explicit_published_and_title_win() -> None:
    article = extract_text("June 1, 2001\n\n" + STORY, title="Border talks", published="2020-05-04T08:00:00Z")
    assert article.published == "2020-05-04T08:00+00:00"
    assert article.title == "Border talks"
    assert "June 1, 2001" not in article.text


@pytest.mark.parametrize(("content", "charset", "expected"), [
    ("Le président a déclaré que la réunion était terminée.".encode("latin-1"), "utf-8", "président"),
    ("Президент заявил, что переговоры завершены в понедельник.".encode("cp1251"), None, "Президент"),
    ("外交部发言人表示，双方将于下月举行新一轮会谈。".encode("gb2312"), "gb2312", "外交部发言人"),
])
def test_mislabelled_and_legacy_charsets_decode(content: bytes, charset: str | None, expected: str) -> None:
    article = extract_article(RawDocument(uri="c.txt", kind="text", content=content, charset=charset))
    assert expected in article.text


def test_nul_bytes_are_stripped_with_a_warning() -> None:
    raw = RawDocument(uri="n.txt", kind="text", content=STORY.replace("capital", "capi\x00tal").encode())
    article = extract_article(raw)
    assert "\x00" not in article.text and "capital" in article.text
    assert any("NUL" in w for w in article.warnings)


def test_long_text_is_cut_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_MAX_TEXT_CHARS", "300")
    article = extract_text(STORY * 10)
    assert len(article.text) <= 300
    assert any("EVENTWIRE_MAX_TEXT_CHARS" in w for w in article.warnings)


def test_id_is_stable_and_ignores_whitespace() -> None:
    first = extract_text(STORY, url="https://www.example.com/a?utm_source=x")
    again = extract_text(STORY.replace(" ", "  "), url="http://example.com/a/")
    assert first.id == again.id
    assert len(first.id) == 32
    assert extract_text(STORY, url="https://www.example.com/b").id != first.id
    assert extract_text(STORY + "\nOne more line here for the record.", url="https://www.example.com/a").id != first.id
    assert article_id(None, "x") == article_id(None, "x")


def test_url_normalisation_and_publishers() -> None:
    assert normalize_url("HTTPS://WWW.Reuters.com/a/b/?utm_source=x&id=3#frag") == "http://reuters.com/a/b?id=3"
    assert source_from_url("https://uk.reuters.com/article/x") == "Reuters"
    assert source_from_url("http://news.bbc.co.uk/2/hi/europe") == "BBC"
    assert source_from_url("https://unknown.example.org/x") is None
    assert site_host("https://WWW.Reuters.com/a") == "reuters.com" and site_host("http://uk.reuters.com") == "uk.reuters.com"
    assert site_host("http://[::1") is None and site_host(None) is None and url_host("http://WWW.x.org") == "www.x.org"


def test_source_falls_back_to_agency_then_host() -> None:
    text = "LONDON (Reuters) - " + STORY
    assert extract_text(text, url="https://news.example.org/x").source == "Reuters"
    assert extract_text(STORY, url="https://www.example.org/x").source == "example.org"


def test_language_is_detected() -> None:
    german = ("Die Außenminister beider Länder trafen sich am Dienstag in Berlin, um über den Grenzstreit "
              "zu sprechen, wie es in einer Erklärung hieß.")
    assert extract_text(german).language == "de"
    assert extract_text(STORY).language == "en"


def test_relative_header_uses_capture_time() -> None:
    article = extract_text("3 hours ago\n\n" + STORY, captured=datetime(2021, 5, 1, 12, 0))
    assert article.published == "2021-05-01T09:00"


def test_cli_extract_writes_the_article_fields(shared: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(main, ["extract", str(shared / SEED), "-o", str(out)])
    assert result.exit_code == 0, result.output
    record = json.loads(out.read_text().splitlines()[0])
    assert list(record) == ["id", "uri", "url", "source", "title", "text", "published", "dateline", "credits",
                            "language", "warnings"]
    assert record["dateline"] == {"place": "Corfu", "country": "GRC", "agency": "Reuters"}


def test_cli_text_format_and_failures(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Border talks resume\n\n" + STORY)
    empty = tmp_path / "empty.txt"
    empty.write_text("Advertisement\n\n0 : 0\n")
    result = CliRunner().invoke(main, ["extract", "--format", "text", str(good), str(empty)])
    assert result.exit_code == 1
    assert "# Border talks resume" in result.stdout
    assert "Officials from both countries" in result.stdout
    assert "empty.txt" in result.stderr and "no article text" in result.stderr


def test_cli_usage_errors_exit_2() -> None:
    assert CliRunner().invoke(main, ["extract"]).exit_code == 2
    assert CliRunner().invoke(main, ["extract", "--format", "xml", "x"]).exit_code == 2


def test_records_doc_lists_every_article_field() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "records.md").read_text()
    article = extract_text(STORY).to_dict()
    for key, value in article.items():
        if isinstance(value, dict):
            for sub in value:
                assert f"`{key}.{sub}`" in doc, f"{key}.{sub}"
        else:
            assert f"`{key}`" in doc, key


def _documented_keys(record: dict[str, object]) -> list[str]:
    """Every key of a record's JSON form, nested ones as ``outer.inner``."""
    keys = []
    for key, value in record.items():
        if isinstance(value, dict):
            keys += [f"{key}.{sub}" for sub in value]
        else:
            keys.append(key)
    return keys


def test_records_doc_lists_every_event_field() -> None:
    doc = (Path(__file__).resolve().parent.parent / "docs" / "records.md").read_text()
    actor = Actor(text="Russia", start=0, end=6, code="RUS")
    event = Event(
        id="e", article_id="a", sentence_index=0, sentence="Russia met Ukraine.",
        trigger=Span("met", 7, 10), source=actor, target=actor, cameo="040", cameo_root="04",
        plover=Plover("CONSULT"), goldstein=1.0, quad_class=1, location=Location(name="Kyiv"),
    )
    missing = [key for key in _documented_keys(event.to_dict()) if f"`{key}`" not in doc]
    assert not missing, f"document these Event fields in docs/records.md: {missing}"


def test_readme_lists_every_command() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    missing = [name for name in COMMANDS if f"`eventwire {name}" not in readme]
    assert not missing, f"add these commands to the README's command table: {missing}"
