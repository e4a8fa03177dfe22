"""Cutting the input into partitions that workers can run on their own, in a fixed order.

Plain files (HTML, text, JSONL, small WARCs) are grouped into partitions of roughly ``group_bytes``.
A big WARC is cut into byte ranges of ``split_bytes``, Hadoop-style: a range owns the records that
*start* inside it; a worker seeks to the range start, moves forward to the first record boundary
(a gzip member that inflates to ``WARC/`` for ``.warc.gz``, or ``WARC/1.`` after a blank line for
plain ``.warc``), and reads records until one starts at or after the range end. The planner reads no
records, so planning a 1 GB file costs one pass of hashing, not one pass of decompression.

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
from eventwire.sources.files import GZIP_MAGIC, expand_paths
from eventwire.sources.warc import read_warc

__all__ = ["Partition", "plan_partitions", "read_partition", "record_start_at_or_after"]

SCAN_BLOCK = 1 << 20
MIN_SPLIT = 1 << 20  # smaller WARC ranges would cost more in seeking and hashing than they balance
_PLAIN_MARK = b"WARC/1."


@dataclass(frozen=True)
class Partition:
    """Files read whole (``files``), or one byte range of one WARC (``warc`` = (name, start, end))."""

    index: int
    id: str
    digest: str
    files: tuple[str, ...] = ()
    warc: tuple[str, int, int] | None = None
    size: int = 0

    def describe(self) -> str:
        if self.warc:
            name, start, end = self.warc
            return f"{name} bytes {start}-{end}"
        return self.files[0] if len(self.files) == 1 else f"{self.files[0]} (+{len(self.files) - 1} files)"


def _is_warc_name(name: str) -> bool:
    lower = name.lower()
    return lower.endswith((".warc", ".warc.gz", ".arc.gz"))


def _hash_range(path: Path, start: int, end: int, digest: Any) -> None:
    with path.open("rb") as handle:
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
    if min_partitions > 1:
        total = sum(p.stat().st_size for _, p in expand_paths(list(paths)) if p is not None and p.is_file())
        group_bytes = max(1, min(group_bytes, total // min_partitions))
        split_bytes = min(split_bytes, max(MIN_SPLIT, total // min_partitions))
    parts: list[Partition] = []
    group: list[tuple[str, Path]] = []
    group_size = 0

    def close_group() -> None:
        nonlocal group, group_size
        if group:
            ident = hashlib.sha1("\n".join(n for n, _ in group).encode()).hexdigest()[:16]
            digest = hashlib.sha1()
            for name, path in group:
                digest.update(name.encode() + b"\0")
                if path.is_file():
                    _hash_range(path, 0, path.stat().st_size, digest)
            parts.append(Partition(len(parts), ident, digest.hexdigest(), files=tuple(n for n, _ in group),
                                   size=group_size))
        group, group_size = [], 0

    for name, path in expand_paths(list(paths)):
        if path is None:
            raise ConfigError("standard input (-) cannot be split across workers; save it to a file first")
        size = path.stat().st_size if path.is_file() else 0
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
        group.append((name, path))
        group_size += size
        if group_size >= group_bytes:
            close_group()
    close_group()
    return parts


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
    path = Path(name)
    with path.open("rb") as handle:
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
    from eventwire.sources import read_sources

    yield from read_sources(list(part.files), on_skip=on_skip, settings=settings)
