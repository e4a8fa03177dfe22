"""Opening inputs: paths to files, gzip by magic bytes, size caps, and what kind of capture a file is.

Everything here reads through bounded streams: a single document is read up to
``max_document_bytes`` (then cut, with a warning) and a gzip stream stops with
:class:`DecompressionLimit` once it has produced ``max_decompressed_bytes`` (a decompression bomb
costs at most that much work, never that much memory).
"""

from __future__ import annotations

import io
import os
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, TypeAlias

from eventwire.sources import remote
from eventwire.sources.decode import looks_binary
from eventwire.sources.regular import NotRegularFile, open_regular
from eventwire.sources.remote import RemoteFile, is_url

__all__ = [
    "stream_problem",
    "expand_paths",
    "open_input",
    "sniff_kind",
    "read_capped",
    "capture_kind",
    "GZIP_MAGIC",
    "NotRegularFile",
    "Location",
    "open_location",
    "location_size",
]

GZIP_MAGIC = b"\x1f\x8b"
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"}
WARC_SUFFIXES = {".warc"}
_HTML_HINTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<div", b"<p>", b"<article", b"<title")
PEEK_BYTES = 8192
# a local file, or an entry named by an fsspec URL (eventwire.sources.remote)
Location: TypeAlias = Path | RemoteFile


class _CappedGzip(io.RawIOBase):
    """Gzip (all members) decompressed in bounded steps.

    Problems do not raise (a raising raw stream makes ``BufferedReader.read`` lose the data it had
    gathered): the stream just ends and ``problem`` says why, a cut download ("truncated gzip") or
    a decompression bomb (``max_decompressed_bytes`` reached).
    """

    def __init__(self, raw: BinaryIO, limit: int) -> None:
        self._raw = raw
        self._limit = limit
        self._decompressor = zlib.decompressobj(31)
        self._input = b""
        self._member_started = False
        self.produced = 0
        self.problem: str | None = None

    def readable(self) -> bool:
        return True

    def _next_output(self, size: int) -> bytes:
        while True:
            if self._decompressor.eof:
                leftover = self._decompressor.unused_data
                self._decompressor = zlib.decompressobj(31)
                self._member_started = False
                self._input = leftover if leftover.strip(b"\x00") else b""
            if not self._input:
                self._input = self._raw.read(64 * 1024)
                if not self._input:
                    if self._member_started:
                        self.problem = "truncated gzip: the file ends before its end marker"
                    return b""
            self._member_started = True
            output = self._decompressor.decompress(self._input, size)
            # the rest of this member's input; past its end marker, unused_data feeds the next member
            self._input = self._decompressor.unconsumed_tail
            if output:
                return output

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.problem:
            return 0
        if self.produced >= self._limit:
            self.problem = f"expanded past {self._limit} bytes (max_decompressed_bytes); reading stopped"
            return 0
        try:
            chunk = self._next_output(min(len(buffer), self._limit - self.produced))
        except zlib.error as exc:
            self.problem = f"corrupt gzip data ({exc})"
            return 0
        buffer[: len(chunk)] = chunk
        self.produced += len(chunk)
        return len(chunk)

    def close(self) -> None:
        self._raw.close()
        super().close()


def stream_problem(stream: BinaryIO) -> str | None:
    """What cut a decompressed stream short (truncation, bomb cap), or None."""
    raw = getattr(stream, "raw", None)
    return getattr(raw, "problem", None)


def expand_paths(paths: list[str], on_error: Callable[[str, str], None] | None = None
                 ) -> Iterator[tuple[str, Location | None]]:
    """(name, location) for every input: files as given, directories walked recursively in sorted order.

    Hidden files and directories (``.git``, ``.DS_Store``) inside a walked directory are skipped;
    ``-`` yields ("-", None) for standard input. A folder that cannot be listed is reported through
    ``on_error(folder, reason)`` (the walk goes on with the others). A URL (``s3://...``) yields
    :class:`~eventwire.sources.remote.RemoteFile` entries, walked the same way.
    """

    def unreadable(exc: OSError) -> None:
        if on_error is not None:
            on_error(str(exc.filename or "?"), f"cannot read this folder ({exc.strerror or exc}); "
                     "its files were not read: check its permissions")

    for name in paths:
        if name == "-":
            yield "-", None
            continue
        if is_url(name):
            yield from ((entry.name, entry) for entry in remote.expand_url(name, on_error))
            continue
        path = Path(name)
        if path.is_dir():
            for root, dirs, files in os.walk(path, onerror=unreadable):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for file_name in sorted(files):
                    if not file_name.startswith("."):
                        yield str(Path(root) / file_name), Path(root) / file_name
        else:
            yield name, path


def open_location(location: Location) -> BinaryIO:
    """A seekable binary stream over a file: a local path (regular files only) or a URL's entry."""
    return open_regular(location) if isinstance(location, Path) else location.open()


def location_size(location: Location) -> int:
    """The size of a regular file in bytes; 0 for anything else (a folder, a FIFO, a missing file)."""
    if isinstance(location, Path):
        return location.stat().st_size if location.is_file() else 0
    return (location.size or 0) if location.kind == "file" else 0


def open_input(path: Location | None, max_decompressed: int) -> tuple[Any, bool]:
    """A peekable stream (``io.BufferedReader``) over the (decompressed) content, and whether it was gzip."""
    raw: Any = open_location(path) if path is not None else _stdin()
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        return io.BufferedReader(_CappedGzip(buffered, max_decompressed), buffer_size=64 * 1024), True
    return buffered, False


def _stdin() -> BinaryIO:
    return sys.stdin.buffer


def suffix_kind(name: str) -> str | None:
    """The capture kind a file name promises (``.gz`` looked through), or None when it promises nothing."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    suffix = Path(lower).suffix
    for kind, suffixes in (("html", HTML_SUFFIXES), ("text", TEXT_SUFFIXES), ("jsonl", JSONL_SUFFIXES),
                           ("json", JSON_SUFFIXES), ("warc", WARC_SUFFIXES)):
        if suffix in suffixes:
            return kind
    return None


def sniff_kind(head: bytes) -> str | None:
    """The kind of capture by its first bytes: warc, jsonl, html or text; None for binary content."""
    if head.startswith(b"WARC/"):
        return "warc"
    if looks_binary(head):
        return None
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") and b'"' in stripped[:200]:
        return "jsonl"
    lowered = stripped[:2048].lower()
    if any(hint in lowered for hint in _HTML_HINTS):
        return "html"
    return "text"


def capture_kind(name: str | None, head: bytes) -> str | None:
    """What a capture is: WARC when its first bytes say so, else what its name promises (``name`` is
    None for standard input), else what its first bytes look like; None for binary content."""
    sniffed = sniff_kind(head)
    if sniffed == "warc":
        return "warc"
    return (suffix_kind(name) if name is not None else None) or sniffed


def read_capped(stream: BinaryIO, limit: int) -> tuple[bytes, bool, str | None]:
    """Read at most ``limit`` bytes: (data, cut, problem).

    ``cut`` says there was more than ``limit``; ``problem`` describes a truncated or over-expanding
    compressed stream, in which case ``data`` holds what could be read before it.
    """
    data = stream.read(limit + 1)
    problem = stream_problem(stream)
    if len(data) > limit:
        return data[:limit], True, problem
    return data, False, problem
