"""Hostile captures through the real commands (`eventwire extract`, `eventwire run`), each in bounded
time and memory (measured on the child process with psutil), each skipped or cut with a clear reason,
and the run goes on with the next document. tests/test_bad_input.py covers the same dangers at the
library level (50 MB page, gzip bombs, 100,000-deep tags, charsets, NUL, truncated WARC)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from fuzz_support import gzip_stream, warc_record

GOOD_TEXT = ("Russia and Ukraine agreed on Monday to hold peace talks in Geneva next week, "
             "the foreign ministry said in a statement. ") * 3
GOOD_HTML = ("<html><head><title>Talks agreed</title></head><body><article><p>" + GOOD_TEXT +
             "</p><p>" + GOOD_TEXT + "</p></article></body></html>").encode()
MB = 1 << 20


def run_cli(args: list[str], env: dict[str, str] | None = None, limit: float = 120) -> tuple[int, str, str, float, int]:
    """Run ``eventwire ARGS``; return (exit code, stdout, stderr, seconds, peak RSS bytes)."""
    started = time.perf_counter()
    with subprocess.Popen([sys.executable, "-m", "eventwire.cli", *args], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env={**os.environ, **(env or {})}) as proc:
        watched = psutil.Process(proc.pid)
        peak = 0
        out_chunks: list[bytes] = []
        import threading

        reader = threading.Thread(target=lambda: out_chunks.append(proc.stdout.read()))  # type: ignore[union-attr]
        err_reader_chunks: list[bytes] = []
        err_reader = threading.Thread(target=lambda: err_reader_chunks.append(proc.stderr.read()))  # type: ignore[union-attr]
        reader.start()
        err_reader.start()
        while proc.poll() is None:
            try:
                peak = max(peak, watched.memory_info().rss)
            except psutil.Error:
                break
            if time.perf_counter() - started > limit:
                proc.kill()
                pytest.fail(f"eventwire {' '.join(args)} ran past {limit}s")
            time.sleep(0.05)
        reader.join()
        err_reader.join()
    seconds = time.perf_counter() - started
    return (proc.returncode, b"".join(out_chunks).decode("utf-8", "replace"),
            b"".join(err_reader_chunks).decode("utf-8", "replace"), seconds, peak)


def write_good(folder: Path, text: str = GOOD_TEXT) -> Path:
    path = folder / "zz-good.html"
    path.write_bytes(GOOD_HTML.replace(GOOD_TEXT.encode(), text.encode()))
    return path


def extracted(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_100mb_single_html_page_through_extract(tmp_path: Path) -> None:
    page = tmp_path / "a-huge.html"
    paragraph = "<p>{} The minister said talks on the ceasefire would resume in Geneva next week.</p>\n"
    block = "".join(paragraph.format(i) for i in range(5_000)).encode()
    with open(page, "wb") as handle:
        handle.write(b"<html><head><title>Huge</title></head><body><article>")
        while handle.tell() < 100 * MB:
            handle.write(block)
        handle.write(b"</article></body></html>")
    write_good(tmp_path)
    code, out, err, seconds, peak = run_cli(["extract", str(tmp_path)])
    records = extracted(out)
    assert [Path(str(r["uri"])).name for r in records] == ["a-huge.html", "zz-good.html"], err
    assert any("max_document_bytes" in w for w in records[0]["warnings"])  # type: ignore[attr-defined]
    assert seconds < 90, f"{seconds:.0f}s"
    assert peak < 1500 * MB, f"peak RSS {peak / MB:.0f} MB for a page cut at 8 MB"


def test_gzip_bombs_through_extract(tmp_path: Path) -> None:
    # 2 GB of spaces inside an HTML page (about 2 MB compressed), and 512 MB of JSON Lines
    (tmp_path / "a-bomb.html.gz").write_bytes(gzip_stream(b" ", 2048 * MB, head=b"<html><body><p>"))
    line = json.dumps({"text": GOOD_TEXT}).encode() + b"\n"
    (tmp_path / "b-bomb.jsonl.gz").write_bytes(gzip_stream(line, 512 * MB))
    write_good(tmp_path)
    cap = MB // 4
    env = {"EVENTWIRE_MAX_DECOMPRESSED_BYTES": str(cap)}
    code, out, err, seconds, peak = run_cli(["extract", str(tmp_path)], env=env)
    assert code == 1  # something was skipped
    assert "a-bomb.html.gz" in err and "b-bomb.jsonl.gz" in err and "max_decompressed_bytes" in err
    names = [Path(str(r["uri"]).split("#")[0]).name for r in extracted(out)]
    assert names[-1] == "zz-good.html" and len(names) <= cap // len(line) + 1, len(names)
    assert seconds < 60 and peak < 1000 * MB, (seconds, peak / MB)


def test_warc_decompression_bomb_stops_the_file(tmp_path: Path) -> None:
    good = warc_record("https://example.org/good", GOOD_HTML, gz=True)
    # a record whose gzip member expands to 64 MB of spaces: over the 16 MB cap
    bomb_payload = b"<html><body><p>" + b" " * (64 * MB) + b"</p></body></html>"
    bomb = warc_record("https://example.org/bomb", bomb_payload, gz=True)
    (tmp_path / "a.warc.gz").write_bytes(good + bomb + good)
    write_good(tmp_path)
    env = {"EVENTWIRE_MAX_DECOMPRESSED_BYTES": str(16 * MB)}
    code, out, err, seconds, peak = run_cli(["extract", str(tmp_path)], env=env)
    urls = [r["url"] for r in extracted(out)]
    assert urls[0] == "https://example.org/good" and "https://example.org/bomb" not in urls
    assert "max_decompressed_bytes" in err
    assert Path(str(extracted(out)[-1]["uri"])).name == "zz-good.html"
    assert seconds < 60 and peak < 1000 * MB, (seconds, peak / MB)


MALFORMED_WARC_TAILS = [
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: -5\r\n\r\nxx\r\n\r\n",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999999999999\r\n\r\nxx\r\n\r\n",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: abc\r\n\r\nxx\r\n\r\n",
    b"WARC/9.9\r\n" + b"X-Header: " + b"a" * 200_000 + b"\r\n\r\n",
    b"WARC/1.0\r\n" + b"WARC-Type: response\r\n" * 50_000 + b"\r\n",
    b"WARC/1.0\r\nno colon here\r\n\x00\x00\x00\r\n\r\n",
    b"\x1f\x8b\x08\x00garbage-after-a-gzip-magic" * 100,
]


def test_malformed_warc_headers_keep_earlier_records(tmp_path: Path) -> None:
    good = warc_record("https://example.org/first", GOOD_HTML, gz=False)
    for index, damage in enumerate(MALFORMED_WARC_TAILS):
        (tmp_path / f"damaged-{index}.warc").write_bytes(good + damage)
    write_good(tmp_path)
    code, out, err, seconds, _ = run_cli(["extract", str(tmp_path)], limit=120)
    records = extracted(out)
    firsts = {Path(str(r["uri"]).split("#")[0]).name for r in records if r["url"] == "https://example.org/first"}
    assert firsts == {f"damaged-{i}.warc" for i in range(len(MALFORMED_WARC_TAILS))}, err[-2000:]
    assert Path(str(records[-1]["uri"])).name == "zz-good.html"
    assert code == 1 and "Traceback" not in err
    for index in range(len(MALFORMED_WARC_TAILS)):
        if index == 5:
            continue  # warcio reads a header line without a colon leniently: a record of no type, passed over
        assert f"damaged-{index}.warc" in err, f"damage {index} was not reported"


def test_deep_nesting_in_json_and_html_through_extract(tmp_path: Path) -> None:
    (tmp_path / "a-deep.jsonl").write_bytes(b"[" * 10_000 + b"\n" + json.dumps({"text": GOOD_TEXT}).encode() + b"\n")
    (tmp_path / "b-deep.json").write_bytes(b'{"text": ' + b"[" * 10_000 + b"]" * 10_000 + b"}")
    (tmp_path / "c-deep.html").write_bytes(b"<html><body>" + b"<div><table><tr><td>" * 10_000 + GOOD_HTML
                                           + b"</td></tr></table></div>" * 10_000)
    write_good(tmp_path)
    code, out, err, seconds, peak = run_cli(["extract", str(tmp_path)])
    assert "Traceback" not in err and "nested too deeply" in err
    uris = [Path(str(r["uri"])).name for r in extracted(out)]
    assert "a-deep.jsonl#2" in uris and uris[-1] == "zz-good.html"
    assert seconds < 60 and peak < 1000 * MB


def test_nul_bytes_and_mixed_encodings_through_extract(tmp_path: Path) -> None:
    mixed = ("<html><body><article><p>" + GOOD_TEXT + "</p><p>").encode() + \
        "Министр заявил, что переговоры возобновятся.".encode("cp1251") + b"\x00\x00" + \
        "外交部发言人表示".encode("gb18030") + "</p><p>Café déjà vu.".encode() + \
        b"\xff\xfe\x00<\x00p\x00>" + b"</p></article></body></html>"
    (tmp_path / "a-mixed.html").write_bytes(mixed)
    (tmp_path / "b-nul.txt").write_bytes(GOOD_TEXT.encode().replace(b"talks", b"ta\x00lks") + b"\x00\x00")
    (tmp_path / "c-utf16-liar.html").write_bytes(b'<meta charset="utf-8">' + GOOD_HTML.decode().encode("utf-16"))
    write_good(tmp_path)
    code, out, err, seconds, _ = run_cli(["extract", str(tmp_path)])
    records = {Path(str(r["uri"])).name: r for r in extracted(out)}
    assert "Traceback" not in err
    assert "zz-good.html" in records and "a-mixed.html" in records and "b-nul.txt" in records, err
    for record in records.values():
        assert "\x00" not in str(record["text"])
    assert "Russia and Ukraine" in str(records["a-mixed.html"]["text"])


def test_hostile_inputs_through_run_keep_going(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a-bomb.html.gz").write_bytes(gzip_stream(b" ", 1024 * MB, head=b"<html><body><p>"))
    (inputs / "b-deep.jsonl").write_bytes(b"[" * 10_000 + b"\n")
    page = b"<html><body><article>" + (b"<p>" + GOOD_TEXT.encode() + b"</p>") * 60_000 + b"</article></body></html>"
    (inputs / "c-big.html").write_bytes(page)  # about 14 MB: cut at 8 MB
    (inputs / "d-garbage.warc").write_bytes(b"WARC/1.0\r\nContent-Length: zz\r\n\r\n" + os.urandom(5000))
    # a different story from c-big.html, which the run would otherwise keep as a near-duplicate of it
    write_good(inputs, "Iran and Saudi Arabia restored diplomatic relations on Friday after talks in Beijing, "
                       "officials from both countries said. " * 3)
    db = tmp_path / "run.duckdb"
    # full stages (spaCy) with a smaller text cap so the test stays quick
    env = {"EVENTWIRE_MAX_DECOMPRESSED_BYTES": str(4 * MB), "EVENTWIRE_MAX_TEXT_CHARS": "20000"}
    code, out, err, seconds, peak = run_cli(["run", "--db", str(db), "-q", str(inputs)], env=env, limit=240)
    assert code in (0, 1) and "Traceback" not in err, err[-2000:]
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        uris = {Path(r[0]).name for r in con.execute("SELECT uri FROM articles").fetchall()}
    assert "zz-good.html" in uris and "c-big.html" in uris, (uris, err[-1000:])
    assert seconds < 240 and peak < 2000 * MB, (seconds, peak / MB)
