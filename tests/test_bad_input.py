"""Hostile and broken captures: each is skipped or read with a warning, in bounded time and memory,
and the run goes on with the next input."""

from __future__ import annotations

import gzip
import io
import os
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from eventwire.extract.html import html_to_parts
from eventwire.records import RawDocument
from eventwire.sources import decode_bytes, read_sources

GOOD = b"<html><head><title>Ceasefire</title></head><body><article><p>" + b"The two sides agreed a ceasefire. " * 20 + b"</p></article></body></html>"
RUSSIAN = "Министр иностранных дел заявил, что переговоры возобновятся на следующей неделе в Женеве. " * 8
CHINESE = "外交部发言人表示，双方将于下周在日内瓦恢复谈判，并讨论停火问题。" * 8
FRENCH = "Le ministre des Affaires étrangères a déclaré que les négociations reprendraient à Genève. " * 8


def read_all(paths: list[str]) -> tuple[list[RawDocument], dict[str, str]]:
    skipped: dict[str, str] = {}
    docs = list(read_sources(paths, on_skip=lambda uri, reason: skipped.__setitem__(uri, reason)))
    return docs, skipped


def gzip_of_zeros(size: int, byte: bytes = b" ") -> bytes:
    """A gzip stream expanding to ``size`` bytes, built without holding them in memory."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = byte * (1 << 20)
    parts = [compressor.compress(block) for _ in range(size >> 20)]
    return b"".join(parts) + compressor.flush()


def test_empty_and_binary_files_are_skipped_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "1-empty.html").write_bytes(b"")
    (tmp_path / "2-blank.txt").write_bytes(b"  \n\n ")
    (tmp_path / "3-image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(4000))
    (tmp_path / "4-random.bin").write_bytes(os.urandom(20000))
    (tmp_path / "5-good.html").write_bytes(GOOD)
    docs, skipped = read_all([str(tmp_path)])
    assert [Path(d.uri).name for d in docs] == ["5-good.html"]
    reasons = {Path(uri).name: reason for uri, reason in skipped.items()}
    assert reasons["1-empty.html"] == "empty file"
    assert reasons["2-blank.txt"] == "empty file"
    assert reasons["3-image.html"].startswith("binary content")
    assert reasons["4-random.bin"].startswith("binary content")


@pytest.mark.parametrize(("text", "codec"), [(RUSSIAN, "cp1251"), (CHINESE, "gb2312"), (FRENCH, "latin-1")])
def test_undeclared_charsets_are_guessed(text: str, codec: str) -> None:
    decoded, warnings = decode_bytes(text.encode(codec), None)
    assert decoded == text
    assert warnings and "guessed" in warnings[0]


@pytest.mark.parametrize(("text", "codec"), [(RUSSIAN, "cp1251"), (FRENCH, "latin-1")])
def test_wrong_declared_charset_is_not_believed(text: str, codec: str) -> None:
    decoded, warnings = decode_bytes(text.encode(codec), "utf-8")
    assert decoded == text
    assert "declared charset utf-8 does not fit" in warnings[0]


def test_gb2312_declared_in_meta_reads_as_gb18030() -> None:
    page = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>'
    decoded, warnings = decode_bytes(page + CHINESE.encode("gb18030") + b"</body></html>", None)
    assert CHINESE in decoded and warnings == []


def test_nul_bytes_are_removed_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "nul.html").write_bytes(GOOD.replace(b"ceasefire", b"cease\x00fire"))
    docs, _ = read_all([str(tmp_path / "nul.html")])
    text, warnings = decode_bytes(docs[0].content or b"", None)
    assert "\x00" not in text and "ceasefire" in text
    assert warnings == ["NUL characters removed"]
    assert "ceasefire" in html_to_parts(text, None).text


def test_truncated_gzip_keeps_what_was_readable(tmp_path: Path) -> None:
    whole = gzip.compress(GOOD * 50)
    (tmp_path / "cut.html.gz").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "header-only.html.gz").write_bytes(whole[:12])
    docs, skipped = read_all([str(tmp_path / "cut.html.gz"), str(tmp_path / "header-only.html.gz")])
    assert len(docs) == 1 and (docs[0].content or b"").startswith(b"<html>")
    assert any("truncated gzip" in w for w in docs[0].warnings)
    assert "truncated gzip" in skipped[str(tmp_path / "header-only.html.gz")]


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_yields_earlier_records_then_reports(tmp_path: Path, gz: bool) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for index in range(3):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://example.org/{index}", "response", payload=io.BytesIO(GOOD * 3), http_headers=headers))
    data = buffer.getvalue()
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data[: len(data) - 300])
    docs, skipped = read_all([str(path)])
    assert [d.url for d in docs][:2] == ["https://example.org/0", "https://example.org/1"]
    assert any("truncated" in reason for reason in skipped.values())


def test_gzip_bomb_stops_at_max_decompressed_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_MAX_DECOMPRESSED_BYTES", str(4 << 20))
    line = b'{"text": "' + b"a" * 100 + b'"}\n'
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = b"".join(compressor.compress(line * 10_000) for _ in range(64)) + compressor.flush()  # 64 MB of JSONL
    (tmp_path / "bomb.jsonl.gz").write_bytes(bomb)
    (tmp_path / "zeros.html.gz").write_bytes(gzip_of_zeros(64 << 20))
    started = time.perf_counter()
    tracemalloc.start()
    count = 0
    skipped: dict[str, str] = {}
    for _ in read_sources([str(tmp_path)], on_skip=lambda uri, reason: skipped.__setitem__(uri, reason)):
        count += 1
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert time.perf_counter() - started < 20
    assert peak < 64 << 20
    assert 0 < count < 64 * 10_000
    assert "max_decompressed_bytes" in skipped[str(tmp_path / "bomb.jsonl.gz")]
    assert "max_decompressed_bytes" in skipped[str(tmp_path / "zeros.html.gz")] or str(tmp_path / "zeros.html.gz") in skipped


def test_gzip_bomb_page_is_cut_at_max_document_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_MAX_DOCUMENT_BYTES", str(1 << 20))
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    bomb = compressor.compress(b"<html><body>") + b"".join(
        compressor.compress(b"<p>spam</p>" * 100_000) for _ in range(30)) + compressor.flush()
    (tmp_path / "bomb.html.gz").write_bytes(bomb)
    docs, _ = read_all([str(tmp_path / "bomb.html.gz")])
    assert len(docs[0].content or b"") == 1 << 20
    assert any("max_document_bytes" in w for w in docs[0].warnings)


def test_50mb_page_is_cut_and_extracted_in_seconds(tmp_path: Path) -> None:
    paragraph = "<p>{} The minister said talks on the ceasefire would resume in Geneva next week.</p>\n"
    path = tmp_path / "huge.html"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("<html><head><title>Huge</title><script>var a = 1;</script></head><body><article>")
        block = "".join(paragraph.format(i) for i in range(10_000))
        while handle.tell() < 50_000_000:
            handle.write(block)
        handle.write("</article></body></html>")
    started = time.perf_counter()
    docs, _ = read_all([str(path)])
    assert any("max_document_bytes" in w for w in docs[0].warnings)
    text, _ = decode_bytes(docs[0].content or b"", None)
    parts = html_to_parts(text, None)
    assert time.perf_counter() - started < 30  # a few seconds alone; generous for a busy CI machine
    assert "ceasefire" in parts.text
    assert any("cut" in w for w in parts.warnings)


@pytest.mark.parametrize("depth", [10_000, 100_000])
def test_deeply_nested_tags_do_not_blow_up(depth: int) -> None:
    page = "<html><body>" + "<div><span>" * depth + "<p>Deep inside.</p>" + "</span></div>" * depth
    page += "<article><p>" + "Talks resumed after the ceasefire. " * 20 + "</p></article></body></html>"
    started = time.perf_counter()
    parts = html_to_parts(page, None)
    assert time.perf_counter() - started < 10
    assert isinstance(parts.text, str)


def test_garbage_html_gives_warnings_not_exceptions() -> None:
    for page in ["", "<", "<html>", "\x00\x00\x00", "<<<<>>>>" * 1000, "<p>" * 50_000, "<!--" + "x" * 10_000]:
        parts = html_to_parts(page, None)
        assert isinstance(parts.text, str)
        if not parts.text:
            assert parts.warnings
