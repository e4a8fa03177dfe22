"""WARC captures (``.warc``, ``.warc.gz``) read record by record with warcio, never whole.

Kept: ``response`` records whose HTTP status is 2xx and whose Content-Type is HTML (or missing but
the payload looks like HTML), and ``resource`` records with an HTML or plain-text type. Other
records (requests, metadata, images, scripts, redirects) are passed over silently: they are not
documents. ``uri`` is ``path#offset`` (the record's byte offset, usable with ``warcio extract``),
``url`` the WARC-Target-URI, ``captured`` the WARC-Date, ``charset`` the HTTP Content-Type's.

A record's payload is read up to ``max_document_bytes`` (then cut, with a warning). A record that
declares more than ``max_decompressed_bytes`` stops the file (a decompression bomb would otherwise
be inflated just to be skipped). A truncated or corrupt file yields the records before the damage,
then reports it through ``on_skip``. Lines are bounded (:mod:`eventwire.sources.warc_limits`): a
header line or a gap between records longer than a megabyte stops the file there, with its reason.
A record followed by text (its Content-Length stops short of the record) is skipped, not stored as
the fragment its Content-Length covers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from eventwire.records import RawDocument
from eventwire.sources.decode import looks_binary
from eventwire.sources.files import sniff_kind
from eventwire.sources.jsonl import parse_timestamp

__all__ = ["read_warc"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _media_type(content_type: str | None) -> tuple[str, str | None]:
    """('text/html', 'utf-8') from 'text/html; charset=UTF-8'."""
    if not content_type:
        return "", None
    parts = [p.strip() for p in content_type.split(";")]
    charset = None
    for part in parts[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return parts[0].lower(), charset


def _kind_of(record: Any) -> tuple[str | None, str | None]:
    """(kind, charset) for a record worth reading, (None, reason-or-None) otherwise."""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None:
            return None, None
        status = http.get_statuscode() or ""
        if not status.startswith("2"):
            return None, None
        media, charset = _media_type(http.get_header("Content-Type"))
        if media in _HTML_TYPES or not media:
            return "html", charset
        return None, None
    if record.rec_type == "resource":
        media, charset = _media_type(record.rec_headers.get_header("Content-Type"))
        if media in _HTML_TYPES:
            return "html", charset
        if media == "text/plain":
            return "text", charset
    return None, None


def read_warc(
    stream: BinaryIO,
    name: str,
    max_document_bytes: int,
    max_decompressed_bytes: int,
    on_skip: Callable[[str, str], None],
) -> Iterator[RawDocument]:
    # lazy (start-up): warcio only for WARC inputs
    from eventwire.sources.warc_limits import BoundedArchiveIterator

    records = BoundedArchiveIterator(stream, no_record_parse=False, arc2warc=True)
    offset = end = 0
    try:
        for record in records:
            kind, charset = _kind_of(record)
            if kind is None:
                offset, end = _advance(records)
                continue
            bad_gaps = records.bad_gaps
            declared = record.rec_headers.get_header("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_decompressed_bytes:
                on_skip(f"{name}#{end}", f"record declares {declared} bytes, over max_decompressed_bytes; "
                        "rest of the file not read")
                return
            content = record.content_stream().read(max_document_bytes + 1)
            offset, end = _advance(records)
            uri = f"{name}#{offset}"
            if records.bad_gaps > bad_gaps:
                # text right after the record's block: its Content-Length stopped short of the record,
                # so what was read is a fragment ("<"), not the page
                on_skip(uri, "the record's Content-Length is shorter than the record (text follows its "
                        "end); record skipped")
                continue
            warnings: list[str] = []
            if getattr(record.raw_stream, "limit", 0):
                warnings.append("truncated WARC record; kept what could be read")
                on_skip(uri, "truncated WARC: the file ends inside this record")
            if len(content) > max_document_bytes:
                content = content[:max_document_bytes]
                warnings.append(f"cut at {max_document_bytes} bytes (max_document_bytes)")
            if not content.strip():
                on_skip(uri, "empty record")
                continue
            if looks_binary(content):
                on_skip(uri, "binary content")
                continue
            if kind == "html" and not charset and sniff_kind(content[:8192]) == "text":
                kind = "text"
            yield RawDocument(
                uri=uri,
                kind=kind,
                content=content,
                url=record.rec_headers.get_header("WARC-Target-URI"),
                captured=parse_timestamp(record.rec_headers.get_header("WARC-Date")),
                charset=charset,
                warnings=warnings,
            )
    except Exception as exc:  # warcio raises many types on damaged input; the records before it are kept
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        on_skip(f"{name}#{end}", f"truncated or damaged WARC after this offset ({detail}); earlier records kept")
        return
    size = _size(stream)
    # warcio ends quietly on a gzip member cut short: bytes left after the last whole record betray it
    if size is not None and size - end > 4:
        on_skip(f"{name}#{end}", f"truncated WARC: {size - end} bytes after the last complete record could not be read")


def _advance(records: Any) -> tuple[int, int]:
    """(offset, end) of the current record; warcio knows them only once it has read the record to its end."""
    records.drain_unsized()
    offset = records.get_record_offset()
    return offset, offset + records.get_record_length()


def _size(stream: BinaryIO) -> int | None:
    try:
        return os.fstat(stream.fileno()).st_size
    except (OSError, AttributeError, ValueError):
        # a remote file (eventwire.sources.remote) has no descriptor but knows its size
        size = getattr(stream, "size", None)
        return size if isinstance(size, int) else None
