"""warcio's record iterator with bounds on the lines it reads.

warcio reads every header line and every line between records with an unbounded ``readline``: one
line of a gigabyte (a few megabytes of gzip) is held whole in memory, and a run of millions of blank
lines is read one Python call per line. :class:`BoundedArchiveIterator` is warcio's own iterator
with two changes:

* every ``readline`` of the underlying reader is capped at :data:`MAX_LINE_BYTES`; a longer line
  raises :class:`WarcLineTooLong` (the reader stops the file there, the records before it are kept);
* the bytes between records (blank lines) are capped at :data:`MAX_GAP_BYTES`, and text there (a
  sign that the previous record's Content-Length was too short) is counted in ``bad_gaps`` instead
  of being written to stderr, so the reader can refuse the record it belongs to; that text is
  skipped up to the next record (warcio read it as a record and failed there, losing the rest).

warcio has no option for either; subclassing keeps its record parsing, gzip members and offsets.
"""

from __future__ import annotations

from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader

__all__ = ["BoundedArchiveIterator", "WarcLineTooLong", "MAX_LINE_BYTES", "MAX_GAP_BYTES", "MAX_RESYNC_BYTES"]

# Longer than any honest WARC or HTTP header line (long URLs and Set-Cookie or CSP headers stay under
# 100 KB) and small enough that holding one costs nothing.
MAX_LINE_BYTES = 1 << 20
# WARC writers put two CRLFs between records; a few kilobytes of blank lines is already odd.
MAX_GAP_BYTES = 64 * 1024
# the rest of a record whose Content-Length was too short, skipped to find the next record
MAX_RESYNC_BYTES = 64 * 1024 * 1024


class WarcLineTooLong(ValueError):
    """A header line, or the space between two records, longer than the bounds above."""


class _BoundedReader(DecompressingBufferedReader):
    def readline(self, length: int | None = None) -> bytes:
        cap = MAX_LINE_BYTES if not length or length < 0 else min(length, MAX_LINE_BYTES)
        line: bytes = super().readline(cap)
        if len(line) >= MAX_LINE_BYTES and not line.endswith(b"\n"):
            raise WarcLineTooLong(f"a line longer than {MAX_LINE_BYTES} bytes (not a WARC header or record gap)")
        return line


class BoundedArchiveIterator(ArchiveIterator):
    """warcio's ArchiveIterator reading through :class:`_BoundedReader` (see the module docstring)."""

    def __init__(self, fileobj: Any, **kwargs: Any) -> None:
        super().__init__(fileobj, **kwargs)
        # the generator built by __init__ reads self.reader lazily, so it can still be swapped here
        block_size: int = getattr(self.reader, "block_size")  # noqa: B009 - warcio's attribute, untyped
        self.reader: Any = _BoundedReader(self.fh, block_size=block_size)
        self.bad_gaps = 0

    def drain_unsized(self) -> None:
        """Read the current record's rest when it has no Content-Length, at most MAX_RESYNC_BYTES.

        Every WARC record declares its length; what warcio takes for a record without one is blank
        lines or garbage where a record should start, which it reads to the end of the gzip member
        (2 GB of blank lines, 2 MB compressed, took 17 s) or of the file. Records with a length are
        bounded by it (and by ``max_decompressed_bytes``, checked by the reader).
        """
        record = self.record
        if record is None or (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
            return
        drained = 0
        while chunk := record.raw_stream.read(64 * 1024):
            drained += len(chunk)
            if drained > MAX_RESYNC_BYTES:
                raise WarcLineTooLong(f"more than {MAX_RESYNC_BYTES} bytes without a WARC record header")

    def _consume_blanklines(self) -> tuple[bytes | None, int]:
        """warcio's loop, bounded: blank lines up to MAX_GAP_BYTES. Text right after a record (its
        Content-Length stopped short) is counted in ``bad_gaps`` (warcio wrote it to stderr and then
        read the rest of the record as the next one) and skipped up to the next ``WARC/`` line or
        the end of the gzip member, at most MAX_RESYNC_BYTES."""
        skipped = 0
        first_line = True
        resync = False
        while True:
            line: bytes = self.reader.readline()
            if not line:
                return None, skipped
            blank = not line.rstrip()
            if not blank and (first_line or resync) and not line.startswith(b"WARC/"):
                self.bad_gaps += 0 if resync else 1
                resync = True
            elif not blank:
                return line, skipped
            skipped += len(line)
            first_line = False
            limit = MAX_RESYNC_BYTES if resync else MAX_GAP_BYTES
            if skipped > limit:
                raise WarcLineTooLong(f"more than {limit} bytes between two records")
