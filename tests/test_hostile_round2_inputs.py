"""Issue 17, input side: each attack that got through in the second red-team round, rebuilt small by
the test. A1 WARC lines, A3 quadratic HTML pre-pass, A4 batches of long texts, A5 lone surrogates,
A7 FIFOs and devices, A10 unreadable folders, A11 a too-short WARC Content-Length; and a JSONL line
with an empty text gets its own reason."""

from __future__ import annotations

import gzip
import json
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner
from fuzz_support import gzip_stream, warc_record
from test_hostile_inputs import (
    GOOD_HTML,
    GOOD_TEXT,
    MB,
    extracted,
    run_cli,
    write_good,
)

from eventwire.records import RawDocument
from eventwire.sources import read_sources
from eventwire.sources.warc_limits import MAX_LINE_BYTES, MAX_RESYNC_BYTES


def _read(paths: list[str]) -> tuple[list[RawDocument], dict[str, str]]:
    skipped: dict[str, str] = {}
    documents = list(read_sources(paths, on_skip=lambda uri, reason: skipped.__setitem__(uri, reason)))
    return documents, skipped


# -- A1: WARC lines without a bound ----------------------------------------------------------------
def test_a1_huge_warc_lines_are_bounded_and_earlier_records_kept(tmp_path: Path) -> None:
    good = warc_record("https://example.org/good", GOOD_HTML, gz=True)
    # each about 260 KB on disk, 256 MB once inflated: one header line, one line after a record,
    # and a gap of blank lines where a record should start (warcio drained it to the member's end)
    header = gzip_stream(b"a", 256 * MB, head=b"WARC/1.0\r\nWARC-Type: response\r\nX-Junk: ")
    (tmp_path / "a-header.warc.gz").write_bytes(good + header + good)
    (tmp_path / "b-trailing.warc.gz").write_bytes(good + gzip_stream(b"b", 256 * MB) + good)
    (tmp_path / "c-gap.warc.gz").write_bytes(good + gzip_stream(b"\r\n", 256 * MB) + good)
    write_good(tmp_path)
    code, out, err, seconds, peak = run_cli(["extract", str(tmp_path)], limit=120)
    names = [Path(str(r["uri"])).name for r in extracted(out)]
    assert names[0] == "a-header.warc.gz#0" and "b-trailing.warc.gz#0" in names and names[-1] == "zz-good.html"
    assert "c-gap.warc.gz#0" in names
    for name, reason in (("a-header", f"longer than {MAX_LINE_BYTES} bytes"), ("b-trailing", "longer than"),
                         ("c-gap", f"more than {MAX_RESYNC_BYTES} bytes without a WARC record header")):
        line = next(x for x in err.splitlines() if name in x)
        assert reason in line and "#-" not in line, line
    assert code == 1 and "Traceback" not in err
    assert peak < 1000 * MB and seconds < 60, (peak / MB, seconds)


# -- A11: a record whose Content-Length stops short ------------------------------------------------
@pytest.mark.parametrize("gz", [False, True])
def test_a11_short_content_length_is_skipped_not_stored_as_a_fragment(tmp_path: Path, gz: bool) -> None:
    # a page of many lines: warcio read the lines after the first as the next record and lost the rest
    lines = GOOD_HTML.replace(b"><", b">\r\n<").replace(b". ", b".\n")
    record = warc_record("https://example.org/short", lines, gz=False)
    body_start = record.index(b"<html")
    http_start = record.index(b"\r\n\r\n") + 4
    declared = re.search(rb"Content-Length: \d+", record)
    assert declared is not None
    short = record.replace(declared.group(0), b"Content-Length: %d" % (body_start - http_start + 1))
    good = warc_record("https://example.org/good", GOOD_HTML, gz=gz)
    path = tmp_path / ("a.warc.gz" if gz else "a.warc")
    path.write_bytes(good + (gzip.compress(short) if gz else short) + good)
    documents, skipped = _read([str(path)])
    assert [d.url for d in documents] == ["https://example.org/good"] * 2
    assert all(b"Geneva" in (d.content or b"") for d in documents)
    [reason] = skipped.values()
    assert "Content-Length is shorter" in reason


# -- A3: the HTML pre-pass is linear ---------------------------------------------------------------
def test_a3_a_megabyte_of_empty_comments_is_stripped_in_linear_time() -> None:
    from eventwire.extract.html import _strip_heavy, html_to_parts

    page = "<html><body>" + "<!---->" * 150_000 + "<p>" + GOOD_TEXT + "</p></body></html>"
    done = threading.Event()
    parts: list[Any] = []
    worker = threading.Thread(target=lambda: (parts.append(html_to_parts(page)), done.set()), daemon=True)
    worker.start()
    # the quadratic scan took 116 s on a megabyte; the linear one well under a second
    assert done.wait(60), "the HTML pre-pass ran past 60 s on 1 MB of comments"
    assert "Geneva" in parts[0].text
    assert _strip_heavy("a<SCRIPT type='application/ld+json'>{}</script>b<style>x</style>c<!-- d -->e<svg>f</svg>g") \
        == "a<SCRIPT type='application/ld+json'>{}</script>bceg"
    assert _strip_heavy("\u0130<script>x</script>y<!-- open") == "\u0130y"  # lower() changes the length of \u0130


# -- A4: a batch of long texts --------------------------------------------------------------------
def test_a4_nlp_batches_are_held_to_the_character_budget() -> None:
    from eventwire.nlp import _chunks

    items = [("x" * n, i) for i, n in enumerate([120_000, 120_000, 10, 300_000, 5, 5])]
    chunks = [[i for _, i in chunk] for chunk in _chunks(items, 64, 250_000)]
    assert chunks == [[0, 1, 2], [3], [4, 5]]  # a text longer than the budget is a batch of its own
    assert [[i for _, i in c] for c in _chunks(items, 2, 10**9)] == [[0, 1], [2, 3], [4, 5]]


def test_a4_a_very_long_paragraph_is_parsed_in_pieces_cut_at_sentence_ends(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire import nlp

    text = " ".join(f"Police in city {i} arrested {i} protesters on Monday." for i in range(40))
    pieces = nlp.split_long(text, 300)
    assert "".join(pieces) == text and len(pieces) > 1 and all(len(p) <= 300 for p in pieces)
    assert all(p.rstrip().endswith(".") for p in pieces)
    assert nlp.split_long("x" * 700, 300) == ["x" * 300, "x" * 300, "x" * 100]  # no sentence end, no space
    monkeypatch.setattr(nlp, "MAX_PIECE_CHARS", 300)
    monkeypatch.setattr(nlp, "PARSE_BATCH_CHARS", 600)
    (doc, context), = nlp.parse_with_context([(text, "c")])
    assert doc.text == text and context == "c" and len(list(doc.sents)) >= 40


def test_a4_run_closes_batches_at_the_budget_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.pipeline import run
    from eventwire.stages import light_stages

    monkeypatch.setenv("EVENTWIRE_MAX_BATCH_CHARS", "10000")
    stages = light_stages()
    parse = stages.parse
    batches: list[int] = []

    def counting_parse(items: Iterator[tuple[str, Any]], batch_size: int | None = None) -> Any:
        listed = list(items)
        batches.append(sum(len(text) for text, _ in listed))
        return parse(iter(listed), batch_size)

    stages.parse = counting_parse
    documents = [RawDocument(uri=f"long-{i}", kind="text", text=f"Report {i}. " + GOOD_TEXT * 16) for i in range(6)]
    summary = run(documents=documents, db=tmp_path / "db.duckdb", stages=stages)
    assert summary.added == 6 and len(batches) >= 3
    assert max(batches) <= 10_000, batches  # a batch is closed before a text would take it past
    assert summary.batches_capped >= 2 and "EVENTWIRE_MAX_BATCH_CHARS" in summary.line()


def test_a4_light_stages_cut_a_long_text_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.stages import light_stages

    monkeypatch.setenv("EVENTWIRE_MAX_TEXT_CHARS", "500")
    article = light_stages().extract(RawDocument(uri="long", kind="text", text=GOOD_TEXT * 20))
    assert len(article.text) == 500
    assert any("cut at 500" in w and "EVENTWIRE_MAX_TEXT_CHARS" in w for w in article.warnings)
    assert light_stages().extract(RawDocument(uri="short", kind="text", text=GOOD_TEXT)).warnings == []


# -- A5: lone surrogates, and one bad record never stops a run --------------------------------------
def _jsonl_with_surrogates(path: Path) -> None:
    lines = [
        {"url": "https://example.org/1", "title": "fine", "text": GOOD_TEXT},
        {"url": "https://example.org/\ud83d", "title": "bad \ud83d title", "text": "France and Germany " + GOOD_TEXT},
        {"url": "https://example.org/3", "html": "<p>\udc00" + GOOD_TEXT + "</p>", "published": "\ud800"},
    ]
    # json.dumps writes a lone surrogate as the escape "\ud83d", exactly what the attack file holds
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="ascii")


def test_a5_lone_surrogates_are_replaced_and_every_record_is_stored(tmp_path: Path) -> None:
    from eventwire.pipeline import run
    from eventwire.stages import light_stages

    path = tmp_path / "s.jsonl"
    _jsonl_with_surrogates(path)
    documents, skipped = _read([str(path)])
    assert len(documents) == 3 and not skipped
    assert documents[1].url == "https://example.org/\ufffd" and documents[1].title == "bad \ufffd title"
    assert any("surrogate" in w for w in documents[1].warnings)
    db = tmp_path / "db.duckdb"
    first = run([str(path)], db=db, stages=light_stages())
    assert (first.added, first.failed) == (3, 0), first.failures
    again = run([str(path)], db=db, stages=light_stages())
    assert (again.added, again.skipped) == (0, 3)


def test_a5_a_batch_the_database_rejects_is_stored_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.pipeline import run
    from eventwire.stages import light_stages
    from eventwire.store.writer import Writer

    original = Writer.write_batch

    def picky(self: Writer, run_id: str, results: Any, *args: Any, **kwargs: Any) -> int:
        if any("poison" in r.article.uri for r in results):
            raise duckdb.ConversionException("a value this column cannot hold")
        return original(self, run_id, results, *args, **kwargs)

    monkeypatch.setattr(Writer, "write_batch", picky)
    documents = [RawDocument(uri=name, kind="text", text=f"{name}: " + GOOD_TEXT)
                 for name in ("one", "poison", "three")]
    db = tmp_path / "db.duckdb"
    summary = run(documents=documents, db=db, stages=light_stages())
    assert summary.added == 2 and [(f.uri, f.stage) for f in summary.failures] == [("poison", "store")]
    with duckdb.connect(str(db), read_only=True) as con:
        assert sorted(r[0] for r in con.execute("SELECT uri FROM articles").fetchall()) == ["one", "three"]
        assert con.execute("SELECT status FROM runs").fetchall() == [("complete",)]


def test_a_jsonl_line_with_an_empty_text_gets_its_own_reason(tmp_path: Path) -> None:
    path = tmp_path / "e.jsonl"
    path.write_text(json.dumps({"text": GOOD_TEXT}) + "\n" + json.dumps({"url": "u", "text": " "}) + "\n"
                    + json.dumps({"url": "v"}) + "\n", encoding="utf-8")
    _, skipped = _read([str(path)])
    assert skipped[f"{path}#2"] == "line 2 'text' is empty or not a string"
    assert "neither an 'html' nor a 'text' field" in skipped[f"{path}#3"]


# -- A7: FIFOs and devices -------------------------------------------------------------------------
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a7_fifos_and_device_symlinks_are_skipped_with_a_reason(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a-fifo.html")
    (tmp_path / "b-zero.jsonl").symlink_to("/dev/zero")
    write_good(tmp_path)
    found: list[tuple[list[RawDocument], dict[str, str]]] = []
    reader = threading.Thread(target=lambda: found.append(_read([str(tmp_path)])), daemon=True)
    reader.start()
    reader.join(30)
    assert found, "reading a folder with a FIFO and /dev/zero blocked"
    documents, skipped = found[0]
    assert [Path(d.uri).name for d in documents] == ["zz-good.html"]
    assert "FIFO" in skipped[str(tmp_path / "a-fifo.html")]
    assert "character device" in skipped[str(tmp_path / "b-zero.jsonl")]


# -- A10: unreadable folders -----------------------------------------------------------------------
def _unreadable(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make listing ``folder`` fail as it does without permission (chmod does not stop root)."""
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path) == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_a10_an_unreadable_folder_is_reported_and_fails_the_command(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.cli import main

    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "page.html").write_bytes(GOOD_HTML)
    write_good(tmp_path)
    _unreadable(monkeypatch, locked)
    documents, skipped = _read([str(tmp_path)])
    assert [Path(d.uri).name for d in documents] == ["zz-good.html"]
    assert "cannot read this folder (Permission denied)" in skipped[str(locked)]
    result = CliRunner().invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == 1 and "locked" in result.output and "Permission denied" in result.output
