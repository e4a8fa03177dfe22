"""Cutting the input into partitions that workers can run on their own, in a fixed order.

Plain files (HTML, text, JSONL, small WARCs) are grouped into partitions of roughly ``group_bytes``.
A big WARC is cut into byte ranges of ``split_bytes``, Hadoop-style: a range owns the records that
*start* inside it; a worker seeks to the range start, moves forward to the first record boundary
(a gzip member that inflates to ``WARC/`` for ``.warc.gz``, or ``WARC/1.`` after a blank line for
plain ``.warc``), and reads records until one starts at or after the range end. The planner reads no
records, so planning a 1 GB file costs one pass of hashing, not one pass of decompression.

A big uncompressed JSONL file is cut the same way, into ranges of whole lines: the planner reads it
anyway to hash it, so it cuts each range just after a newline and counts the lines before it; a worker
reads its range with the line numbers (``uri`` = ``file#line``) and record ids a read of the whole
file gives. (A text or HTML file is one document, and a gzip file cannot be entered in the middle
without inflating what comes before: those stay whole, grouped with others.)

Each partition has an id (what it covers) and a digest (what it contains): a rerun skips a
partition whose id, digest and coder version are in the manifest.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from eventwire.errors import ConfigError
from eventwire.records import RawDocument
from eventwire.settings import get_settings
from eventwire.sources.files import (
    GZIP_MAGIC,
    PEEK_BYTES,
    Location,
    capture_kind,
    expand_paths,
    location_size,
)
from eventwire.sources.jsonl import is_record_line, read_jsonl
from eventwire.sources.remote import open_named
from eventwire.sources.warc import read_warc

__all__ = ["Partition", "plan_partitions", "read_partition", "record_start_at_or_after"]

SCAN_BLOCK = 1 << 20
MIN_SPLIT = 1 << 20  # smaller WARC ranges would cost more in seeking and hashing than they balance
# JSONL ranges cost no seeking (the planner finds their ends); below this, a range holds fewer than
# ~100 news articles and the coordinator's per-partition cost (Parquet files, manifest) starts to show
MIN_LINE_SPLIT = 256 << 10
_PLAIN_MARK = b"WARC/1."


@dataclass(frozen=True)
class Partition:
    """Files read whole (``files``), one byte range of one WARC (``warc`` = (name, start, end)), or
    whole lines of one JSONL file (``lines`` = (name, start, end, lines before start))."""

    index: int
    id: str
    digest: str
    files: tuple[str, ...] = ()
    warc: tuple[str, int, int] | None = None
    size: int = 0
    lines: tuple[str, int, int, int] | None = None

    def describe(self) -> str:
        if self.warc:
            name, start, end = self.warc
            return f"{name} bytes {start}-{end}"
        if self.lines:
            name, start, end, before = self.lines
            return f"{name} bytes {start}-{end} (from line {before + 1})"
        return self.files[0] if len(self.files) == 1 else f"{self.files[0]} (+{len(self.files) - 1} files)"


def _is_warc_name(name: str) -> bool:
    lower = name.lower()
    return lower.endswith((".warc", ".warc.gz", ".arc.gz"))


def _open(location: Location) -> BinaryIO:
    """A file to seek in: a local one as ever (``Path.open``), a URL's through fsspec."""
    return location.open("rb") if isinstance(location, Path) else location.open()


def _hash_range(path: Location, start: int, end: int, digest: Any) -> None:
    with _open(path) as handle:
        handle.seek(start)
        left = end - start
        while left > 0:
            block = handle.read(min(SCAN_BLOCK, left))
            if not block:
                break
            digest.update(block)
            left -= len(block)


def plan_partitions(paths: Sequence[str], *, split_bytes: int = 16 << 20,
                    group_bytes: int = 4 << 20, min_partitions: int = 1) -> list[Partition]:
    """The partitions of ``paths`` in input order (the order a single-process run reads them).

    Groups of plain files shrink below ``group_bytes``, and WARC ranges below ``split_bytes`` (not
    below 1 MiB), when that is needed to give about ``min_partitions`` partitions (so a small input
    still keeps every worker busy to the end).
    """
    line_split = split_bytes
    entries = list(expand_paths(list(paths)))  # once: a URL's entries cost a request each to list
    if min_partitions > 1:
        total = sum(location_size(p) for _, p in entries if p is not None)
        group_bytes = max(1, min(group_bytes, total // min_partitions))
        split_bytes = min(split_bytes, max(MIN_SPLIT, total // min_partitions))
        line_split = min(line_split, max(MIN_LINE_SPLIT, total // min_partitions))
    parts: list[Partition] = []
    group: list[tuple[str, Location, int]] = []
    group_size = 0

    def close_group() -> None:
        nonlocal group, group_size
        if group:
            ident = hashlib.sha1("\n".join(n for n, _, _ in group).encode()).hexdigest()[:16]
            digest = hashlib.sha1()
            for name, path, size in group:
                digest.update(name.encode() + b"\0")
                if size:  # a regular file (nothing to hash in an empty one, a folder or a FIFO)
                    _hash_range(path, 0, size, digest)
            parts.append(Partition(len(parts), ident, digest.hexdigest(), files=tuple(n for n, _, _ in group),
                                   size=group_size))
        group, group_size = [], 0

    for name, path in entries:
        if path is None:
            raise ConfigError("standard input (-) cannot be split across workers; save it to a file first")
        size = location_size(path)
        if _is_warc_name(name) and size > split_bytes:
            close_group()
            for start in range(0, size, split_bytes):
                end = min(start + split_bytes, size)
                digest = hashlib.sha1(f"{name}\0{start}\0{end}\0".encode())
                _hash_range(path, start, end, digest)
                ident = hashlib.sha1(f"{name}#{start}-{end}".encode()).hexdigest()[:16]
                parts.append(Partition(len(parts), ident, digest.hexdigest(), warc=(name, start, end),
                                       size=end - start))
            continue
        if size > line_split and _cuttable_jsonl(name, path):
            close_group()
            for start, end, before in _line_ranges(path, line_split):
                digest = hashlib.sha1(f"{name}\0{start}\0{end}\0".encode())
                _hash_range(path, start, end, digest)
                ident = hashlib.sha1(f"{name}#lines@{start}-{end}".encode()).hexdigest()[:16]
                parts.append(Partition(len(parts), ident, digest.hexdigest(), lines=(name, start, end, before),
                                       size=end - start))
            continue
        group.append((name, path, size))
        group_size += size
        if group_size >= group_bytes:
            close_group()
    close_group()
    return parts


def _cuttable_jsonl(name: str, path: Location) -> bool:
    """An uncompressed file read as JSON Lines whose first non-blank line is a record: a reader that
    enters it after that line behaves as a read of the whole file does (that one stops early, with
    one reason, only on a file whose first lines are all bad)."""
    with _open(path) as handle:
        head = handle.read(PEEK_BYTES)
        if head[:2] == GZIP_MAGIC or capture_kind(name, head) != "jsonl":
            return False
        handle.seek(0)
        limit = get_settings().max_document_bytes
        line = handle.readline(limit + 1)
        while line and not line.strip():
            line = handle.readline(limit + 1)
        return line.endswith(b"\n") and is_record_line(line)


def _line_ranges(path: Location, split: int) -> list[tuple[int, int, int]]:
    """(start, end, newlines before start) of consecutive ranges of about ``split`` bytes covering
    ``path``, each ending just after a newline (or at the end of the file)."""
    ranges: list[tuple[int, int, int]] = []
    start = before = lines = offset = 0  # lines: newlines before ``offset``
    with _open(path) as handle:
        while block := handle.read(SCAN_BLOCK):
            pos = 0
            while (want := start + split - 1 - offset) < len(block):
                cut = block.find(b"\n", max(want, pos))
                if cut == -1:
                    break
                lines += block.count(b"\n", pos, cut + 1)
                pos = cut + 1
                ranges.append((start, offset + pos, before))
                start, before = offset + pos, lines
            lines += block.count(b"\n", pos)
            offset += len(block)
    if start < offset:
        ranges.append((start, offset, before))
    return ranges


class _Bounded:
    """The bytes of an open file from where it is to ``end``, for a line reader."""

    def __init__(self, handle: BinaryIO, end: int) -> None:
        self._handle = handle
        self._left = end - handle.tell()

    def readline(self, size: int = -1) -> bytes:
        if self._left <= 0:
            return b""
        line = self._handle.readline(self._left if size < 0 else min(size, self._left))
        self._left -= len(line)
        return line


def _read_line_range(name: str, start: int, end: int, before: int, settings: Any,
                     on_skip: Callable[[str, str], None]) -> Iterator[RawDocument]:
    with open_named(name) as handle:
        handle.seek(start)
        yield from read_jsonl(_Bounded(handle, end), name, settings.max_document_bytes,  # type: ignore[arg-type]
                              on_skip, lines_before=before, records_before=start > 0)


def _gzip_member_is_warc(handle: BinaryIO, pos: int) -> bool:
    handle.seek(pos)
    head = handle.read(64 * 1024)
    try:
        return zlib.decompressobj(31).decompress(head, 16).startswith(b"WARC/")
    except zlib.error:
        return False


def record_start_at_or_after(handle: BinaryIO, pos: int, limit: int, gzipped: bool) -> int | None:
    """The byte offset of the first WARC record starting in [pos, limit), or None."""
    if pos == 0:
        return 0
    mark = GZIP_MAGIC + b"\x08" if gzipped else _PLAIN_MARK
    scan = pos
    while scan < limit:
        handle.seek(scan)
        block = handle.read(SCAN_BLOCK + len(mark))
        if not block:
            return None
        found = block.find(mark)
        while found != -1 and scan + found < limit:
            candidate = scan + found
            if gzipped and _gzip_member_is_warc(handle, candidate):
                return candidate
            if not gzipped:
                handle.seek(max(candidate - 4, 0))
                if handle.read(4) == b"\r\n\r\n":
                    return candidate
            found = block.find(mark, found + 1)
        scan += SCAN_BLOCK
    return None


class _Window:
    """A file seen from ``start`` on, without ``fileno`` (read_warc then skips its whole-file size check)."""

    def __init__(self, handle: BinaryIO) -> None:
        self._handle = handle

    def read(self, size: int = -1) -> bytes:
        return self._handle.read(size)

    def close(self) -> None:
        self._handle.close()


def _offset_of(uri: str) -> int | None:
    _, _, tail = uri.rpartition("#")
    return int(tail) if tail.isdigit() else None


def _read_warc_range(name: str, start: int, end: int, settings: Any,
                     on_skip: Callable[[str, str], None]) -> Iterator[RawDocument]:
    with open_named(name) as handle:
        gzipped = handle.read(2) == GZIP_MAGIC
        first = record_start_at_or_after(handle, start, end, gzipped)
        if first is None:
            return
        handle.seek(first)

        def relocate(uri: str) -> tuple[str, int | None]:
            rel = _offset_of(uri)
            if rel is None:
                return uri, None
            return f"{name}#{first + rel}", first + rel

        def skip(uri: str, reason: str) -> None:
            fixed, offset = relocate(uri)
            if offset is None or offset < end:  # later offsets belong to the next range
                on_skip(fixed, reason)

        for raw in read_warc(_Window(handle), name, settings.max_document_bytes,  # type: ignore[arg-type]
                             settings.max_decompressed_bytes, skip):
            raw.uri, offset = relocate(raw.uri)
            if offset is not None and offset >= end:
                return
            yield raw


def read_partition(part: Partition, settings: Any, on_skip: Callable[[str, str], None]) -> Iterator[RawDocument]:
    """The documents of one partition, exactly as a single-process ``read_sources`` yields them."""
    if part.warc is not None:
        name, start, end = part.warc
        yield from _read_warc_range(name, start, end, settings, on_skip)
        return
    if part.lines is not None:
        yield from _read_line_range(*part.lines, settings, on_skip)
        return
    # lazy (start-up): the readers only in the worker that reads the partition
    from eventwire.sources import read_sources

    yield from read_sources(list(part.files), on_skip=on_skip, settings=settings)
