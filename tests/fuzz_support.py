"""Output invariants shared by the fuzz tests and bench/fuzz.py: what "well-formed" means for an
Article and for coded Events, whatever the input was."""

from __future__ import annotations

import io
import re
import struct
import zlib
from datetime import date, datetime

from eventwire.records import Actor, Article, Event


def check_iso(value: str | None, what: str, *, reduced: bool = False) -> None:
    """None, an ISO date, or an ISO date-time (with or without a UTC offset); with ``reduced``, also
    ISO 8601 reduced precision ("2014", "2024-01"), which event dates use for "in 2014", "last month"."""
    if value is None:
        return
    assert isinstance(value, str) and value, f"{what} is an empty string"
    if reduced and re.fullmatch(r"\d{4}(-\d{2})?", value):
        assert len(value) == 4 or 1 <= int(value[5:]) <= 12, f"{what} {value!r} has no such month"
    elif len(value) == 10:
        date.fromisoformat(value)
    else:
        datetime.fromisoformat(value)


def check_article(article: Article) -> None:
    assert isinstance(article.id, str) and len(article.id) >= 16, f"bad id {article.id!r}"
    assert isinstance(article.text, str)
    assert "\x00" not in article.text, "NUL in article text"
    assert "\x00" not in (article.title or ""), "NUL in title"
    check_iso(article.published, "published")
    for name in (*article.credits.authors, *article.credits.reporting, *article.credits.editing):
        assert isinstance(name, str) and name.strip(), f"empty credit name {name!r}"
    assert all(isinstance(w, str) for w in article.warnings)
    country = article.dateline.country
    assert country is None or (len(country) == 3 and country.isupper()), f"dateline country {country!r}"


def _check_span(actor: Actor | None, sentence: str, what: str) -> None:
    if actor is None:
        return
    assert 0 <= actor.start < actor.end <= len(sentence), f"{what} offsets {actor.start}:{actor.end} out of range"
    assert sentence[actor.start:actor.end] == actor.text, f"{what} text {actor.text!r} != sentence slice"


def _squeeze(text: str) -> str:
    """Text without whitespace and format characters: extraction may normalise those (zero-width
    spaces, NBSP, runs of blanks), so a coded sentence is compared with its input modulo them."""
    import unicodedata

    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def check_events(events: list[Event], text: str) -> None:
    from eventwire.events.ontology import PLOVER_TYPES, cameo_info

    for event in events:
        sentence = event.sentence
        assert sentence and _squeeze(sentence) in _squeeze(text), "event sentence is not part of the article text"
        trigger = event.trigger
        assert 0 <= trigger.start < trigger.end <= len(sentence), f"trigger {trigger.start}:{trigger.end} out of range"
        assert sentence[trigger.start:trigger.end] == trigger.text, "trigger text != sentence slice"
        _check_span(event.source, sentence, "source")
        _check_span(event.target, sentence, "target")
        info = cameo_info(event.cameo)
        assert event.cameo_root == info.root, f"cameo_root {event.cameo_root} for {event.cameo}"
        assert event.plover.type in PLOVER_TYPES, f"PLOVER type {event.plover.type!r}"
        assert -10.0 <= event.goldstein <= 10.0 and event.quad_class in (1, 2, 3, 4)
        assert 0.0 <= event.confidence <= 1.0, f"confidence {event.confidence}"
        check_iso(event.date, "event date", reduced=True)


def gzip_stream(chunk: bytes, total: int, head: bytes = b"", block_bytes: int = 1 << 20) -> bytes:
    """A valid gzip stream of ``head`` + ``chunk`` repeated to about ``total`` bytes, built in a second:
    a block of ``block_bytes`` is deflated once after a full flush (so its compressed form does not
    depend on what came before) and that compressed block is repeated; the trailer's CRC covers the
    whole content. Shared by the hostile-input tests, bench/hostile.py and the fuzzer."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = chunk * max(1, block_bytes // len(chunk))
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    packed = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = max(1, total // len(block))
    crc = zlib.crc32(head)
    for _ in range(count):
        crc = zlib.crc32(block, crc)
    size = len(head) + count * len(block)
    return (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff" + first + packed * count + compressor.flush()
            + struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF))


def warc_record(url: str, payload: bytes, *, gz: bool = True) -> bytes:
    """One WARC response record (gzipped as its own member when ``gz``) carrying ``payload`` as HTML."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers))
    return buffer.getvalue()
