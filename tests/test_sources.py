"""eventwire.sources: files, directories, stdin, gzip, JSONL, WARC, and charset decoding."""

from __future__ import annotations

import gzip
import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from eventwire.records import RawDocument
from eventwire.sources import decode_bytes, read_sources
from eventwire.sources.decode import looks_binary, normalise_charset

PAGE = b"<!doctype html><html><head><title>Talks</title></head><body><p>Talks resumed.</p></body></html>"


def read_all(paths: list[str]) -> tuple[list[RawDocument], list[tuple[str, str]]]:
    skipped: list[tuple[str, str]] = []
    docs = list(read_sources(paths, on_skip=lambda uri, reason: skipped.append((uri, reason))))
    return docs, skipped


def write_warc(path: Path, records: list[tuple[str, str, bytes, str]], gz: bool) -> None:
    """records: (url, Content-Type, payload, HTTP status line)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for url, content_type, payload, status in records:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers)
            writer.write_record(record)


def test_html_text_and_gzip_files_by_suffix_and_magic(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(PAGE)
    (tmp_path / "b.txt").write_text("MOSCOW (Reuters) - Talks resumed.", "utf-8")
    (tmp_path / "c.html.gz").write_bytes(gzip.compress(PAGE))
    (tmp_path / "d.bin").write_bytes(gzip.compress(PAGE))  # gzip found by magic, HTML by sniffing
    docs, skipped = read_all([str(tmp_path)])
    assert [Path(d.uri).name for d in docs] == ["a.html", "b.txt", "c.html.gz", "d.bin"]
    assert [d.kind for d in docs] == ["html", "text", "html", "html"]
    assert docs[2].content == PAGE and docs[3].content == PAGE
    assert all(d.captured is None for d in docs)  # plain files have no capture time
    assert skipped == []


def test_directories_are_walked_recursively_sorted_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "b.txt").write_text("second text", "utf-8")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "a.txt").write_text("first text", "utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("hidden", "utf-8")
    (tmp_path / ".DS_Store").write_text("hidden", "utf-8")
    docs, _ = read_all([str(tmp_path)])
    assert [Path(d.uri).relative_to(tmp_path).as_posix() for d in docs] == ["a/a.txt", "z/b.txt"]


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page.dat").write_bytes(b"  \n<html><body><div>x</div></body></html>")
    (tmp_path / "note.dat").write_bytes(b"Just a plain note about the talks.")
    docs, _ = read_all([str(tmp_path / "page.dat"), str(tmp_path / "note.dat")])
    assert [d.kind for d in docs] == ["html", "text"]


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BufferedReader(io.BytesIO(gzip.compress(PAGE))))
    monkeypatch.setattr(sys, "stdin", fake)
    docs, _ = read_all(["-"])
    assert len(docs) == 1 and docs[0].uri == "<stdin>" and docs[0].kind == "html" and docs[0].content == PAGE


def test_missing_path_is_reported_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(PAGE)
    docs, skipped = read_all([str(tmp_path / "nope.html"), str(tmp_path / "a.html")])
    assert len(docs) == 1
    assert skipped == [(str(tmp_path / "nope.html"), "no such file or directory")]


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"url": "https://example.org/a", "html": "<p>Hello</p>", "title": "A",
                    "published": "2009-06-27", "captured": "2009-06-27T10:12:00Z"}),
        "{not json",
        json.dumps({"text": "Plain text body.", "url": "https://example.org/b"}),
        json.dumps([1, 2]),
        json.dumps({"url": "https://example.org/c"}),
        "",
        json.dumps({"text": "Last one.", "captured": "yesterday"}),
    ]
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode()))
    docs, skipped = read_all([str(path)])
    assert [d.uri for d in docs] == [f"{path}#1", f"{path}#3", f"{path}#7"]
    first = docs[0]
    assert (first.kind, first.content, first.charset) == ("html", b"<p>Hello</p>", "utf-8")
    assert (first.url, first.title, first.published) == ("https://example.org/a", "A", "2009-06-27")
    assert first.captured == datetime(2009, 6, 27, 10, 12, tzinfo=UTC)
    assert (docs[1].kind, docs[1].text) == ("text", "Plain text body.")
    assert docs[2].captured is None and "not ISO 8601" in docs[2].warnings[0]
    reasons = dict(skipped)
    assert "line 2 is not valid JSON" in reasons[f"{path}#2"]
    assert "line 4 is not a JSON object" in reasons[f"{path}#4"]
    assert "neither an 'html' nor a 'text'" in reasons[f"{path}#5"]


@pytest.mark.parametrize("gz", [True, False])
def test_warc_response_records(tmp_path: Path, gz: bool) -> None:
    cyrillic = "<html><body><p>Переговоры возобновились</p></body></html>".encode("cp1251")
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, [
        ("https://example.ru/1", "text/html; charset=windows-1251", cyrillic, "200 OK"),
        ("https://example.ru/logo.png", "image/png", b"\x89PNG\r\n\x1a\n", "200 OK"),
        ("https://example.ru/gone", "text/html", b"<html>not found</html>", "404 Not Found"),
        ("https://example.ru/2", "text/html", PAGE, "200 OK"),
    ], gz)
    docs, skipped = read_all([str(path)])
    assert skipped == []
    assert [d.url for d in docs] == ["https://example.ru/1", "https://example.ru/2"]
    assert docs[0].uri == f"{path}#0" and docs[1].uri.startswith(f"{path}#")
    assert int(docs[1].uri.rsplit("#", 1)[1]) > 0
    assert docs[0].charset == "windows-1251" and docs[0].content == cyrillic
    assert isinstance(docs[0].captured, datetime) and docs[0].captured.tzinfo is not None
    text, warnings = decode_bytes(docs[0].content or b"", docs[0].charset)
    assert "Переговоры" in text and warnings == []


def test_warc_offsets_point_at_records(tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [(f"https://example.org/{i}", "text/html", PAGE, "200 OK") for i in range(3)], True)
    docs, _ = read_all([str(path)])
    with open(path, "rb") as handle:
        for doc in docs:
            handle.seek(int(doc.uri.rsplit("#", 1)[1]))
            record = next(iter(ArchiveIterator(handle)))
            assert record.rec_headers.get_header("WARC-Target-URI") == doc.url


def test_document_cut_at_max_document_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_MAX_DOCUMENT_BYTES", "1000")
    (tmp_path / "long.html").write_bytes(b"<html><body>" + b"<p>word</p>" * 500 + b"</body></html>")
    docs, _ = read_all([str(tmp_path / "long.html")])
    assert len(docs[0].content or b"") == 1000
    assert any("max_document_bytes" in w for w in docs[0].warnings)


def test_decode_prefers_a_declared_charset_that_fits() -> None:
    text = "Говорит Москва. " * 20
    assert decode_bytes(text.encode("koi8-r"), "koi8-r") == (text, [])
    meta = b'<html><head><meta charset="windows-1251"></head><body>' + text.encode("cp1251") + b"</body></html>"
    decoded, warnings = decode_bytes(meta, None)
    assert text in decoded and warnings == []


def test_decode_bom_and_aliases() -> None:
    assert decode_bytes("\ufeffé".encode("utf-8"), "latin-1")[0] == "é"
    assert decode_bytes("é".encode("utf-16"), None)[0] == "é"
    assert normalise_charset("GB2312") == "gb18030"
    assert normalise_charset("ISO-8859-1") == "cp1252"
    assert normalise_charset("no-such-charset") is None


def test_looks_binary() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    assert looks_binary(bytes(range(256)) * 40)
    assert not looks_binary("Plain text, über nice".encode())
    assert not looks_binary("UTF-16 text".encode("utf-16-le"))


def test_json_file_records_and_non_record_json(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"url": "https://example.org/x", "text": "Body."}), "utf-8")
    (tmp_path / "many.json").write_text(json.dumps([{"html": "<p>a</p>"}, {"nothing": 1}, {"text": "b"}]), "utf-8")
    (tmp_path / "gold.json").write_text(json.dumps({"article": {"title": "x"}}, indent=2), "utf-8")
    docs, skipped = read_all([str(tmp_path)])
    assert [d.uri for d in docs] == [f"{tmp_path}/many.json#1", f"{tmp_path}/many.json#3", f"{tmp_path}/one.json"]
    assert list(skipped) == [(f"{tmp_path}/gold.json", "a JSON file without records having an 'html' or 'text' field")]


def test_a_file_that_is_not_json_lines_gives_one_reason_not_one_per_line(tmp_path: Path) -> None:
    path = tmp_path / "pretty.jsonl"
    path.write_text(json.dumps({"a": {"b": [1, 2, 3]}, "c": "d" * 10}, indent=2) * 20, "utf-8")
    docs, skipped = read_all([str(path)])
    assert docs == []
    assert skipped == [(str(path), "not JSON Lines (the first 20 lines are not JSON objects); file skipped")]


def test_bad_lines_before_the_first_record_or_at_the_end_are_still_reported(tmp_path: Path) -> None:
    path = tmp_path / "few.jsonl"
    path.write_text('oops\n{"text": "ok"}\n[1]\n', "utf-8")
    docs, skipped = read_all([str(path)])
    assert [d.text for d in docs] == ["ok"]
    assert [uri for uri, _ in skipped] == [f"{path}#1", f"{path}#3"]
    only_bad = tmp_path / "bad.jsonl"
    only_bad.write_text("oops\nagain\n", "utf-8")
    assert [uri for uri, _ in read_all([str(only_bad)])[1]] == [f"{only_bad}#1", f"{only_bad}#2"]
