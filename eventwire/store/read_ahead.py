"""Reading a database's tables into the OS page cache before the queries ask for them (issue 16).

A server started on a database nobody has read since the machine started reads every block its first
answers touch from the disk: a page of events sorted by another column reads its 50 rows from all over
the table, one 256 KB block per column and row group, and a scan of a filter's columns reads them
whole. On 10 million events the first run of bench/api_latency.py read 2.1 GB from the disk during its
440 timed requests (the next server on the same file: 14 MB), the slowest request 567 MB.

:func:`read_ahead` reads the blocks of the tables it is given, in that order, from the file into the
page cache, where DuckDB's reads then find them, by advising the kernel (``posix_fadvise(WILLNEED)``) a
chunk of :data:`CHUNK` bytes at a time and waiting for the chunk's last byte: the kernel reads into the
cache and copies nothing (7.4 GB in 3.8 s of wall clock and 0.65 s of CPU on this machine; reading into a
buffer cost 15 s of CPU). Pages put there by ``sendfile`` to ``/dev/null``, as cheap, cost DuckDB's first
reads twice the CPU of pages it had read itself (a CAMEO code sorted by Goldstein: 822-846 ms against
298-311 ms, the same file and process; from the disk 443-458 ms), pages advised the same as those.

The blocks of a table are those ``pragma_storage_info`` names (its columns' segments). The indexes are
not listed there, nor is the file's free list, so the rest of the file comes after the tables: an
events page fetched through the primary key (:mod:`eventwire.read.paging`) read 17-37 MB of its blocks
from the disk when the tables alone had been read ahead. DuckDB's file is a header of a few KB followed by blocks of
``block_size`` bytes in the order of their ids (``PRAGMA database_size`` counts them): a file of
another shape (a DuckDB whose layout changed) is not read at all rather than read wrong. The bytes read
are bounded (``budget``): the page cache is the machine's memory, shared with everything else.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import duckdb

__all__ = ["CHUNK", "MAX_HEADER", "Layout", "layout", "table_blocks", "byte_ranges", "plan", "read_ranges",
           "read_ahead"]

CHUNK = 8 * 2**20
MAX_HEADER = 2**20  # DuckDB's header is 3 x 4 KB; a larger gap before the blocks is a layout not known here


class Layout(NamedTuple):
    """Where DuckDB's blocks sit in the file: block ``n`` at ``start + n * block_size``, ``blocks`` of them."""

    start: int
    block_size: int
    blocks: int


def layout(con: duckdb.DuckDBPyConnection, path: str | Path) -> Layout | None:
    """The layout of the database ``con`` has open from ``path``, or None when the file's size does not
    fit a header followed by the blocks DuckDB counts."""
    row = con.execute("SELECT block_size, total_blocks FROM pragma_database_size() "
                      "WHERE database_name = current_database()").fetchone()
    if row is None:
        return None
    block_size, blocks = int(row[0]), int(row[1])
    start = os.path.getsize(path) - blocks * block_size
    return Layout(start, block_size, blocks) if 0 < start <= MAX_HEADER and block_size > 0 else None


def table_blocks(con: duckdb.DuckDBPyConnection, table: str) -> list[int]:
    """The ids of the blocks holding ``table``'s stored columns, sorted (none for a table not there)."""
    found = con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
                        "AND schema_name = current_schema() AND table_name = ?", [table]).fetchall()
    if not found[0][0]:
        return []
    quoted = table.replace("'", "''")  # a table function takes no parameter: the name written out
    rows = con.execute(f"SELECT DISTINCT block_id FROM pragma_storage_info('{quoted}') "
                       "WHERE persistent AND block_id >= 0 ORDER BY block_id").fetchall()
    return [int(row[0]) for row in rows]


def byte_ranges(blocks: Iterable[int], where: Layout) -> list[tuple[int, int]]:
    """``(offset, length)`` of the file holding ``blocks``, neighbouring blocks in one range, in the order
    the blocks come (a block already named is not named again)."""
    ranges: list[tuple[int, int]] = []
    seen: set[int] = set()
    for block in blocks:
        if block in seen:
            continue
        seen.add(block)
        offset = where.start + block * where.block_size
        if ranges and ranges[-1][0] + ranges[-1][1] == offset:
            ranges[-1] = (ranges[-1][0], ranges[-1][1] + where.block_size)
        else:
            ranges.append((offset, where.block_size))
    return ranges


def plan(con: duckdb.DuckDBPyConnection, path: str | Path, tables: Iterable[str], *,
         rest: bool = True) -> list[tuple[int, int]]:
    """The byte ranges of ``path`` (the file ``con`` has open) holding the blocks of ``tables`` (the first
    first), then with ``rest`` every other block of the file in its order; none for a layout not known.
    Only this step needs the connection: the reading (:func:`read_ranges`) holds no cursor."""
    where = layout(con, path)
    if where is None:
        return []
    blocks: list[int] = []
    for table in tables:
        blocks.extend(table_blocks(con, table))
    if rest:
        blocks.extend(range(where.blocks))  # those named already are not read again (byte_ranges)
    return byte_ranges(blocks, where)


def read_ranges(path: str | Path, ranges: Iterable[tuple[int, int]], budget: int,
                stop: threading.Event | None = None) -> int:
    """Read ``ranges`` of ``path`` into the OS page cache in their order, at most ``budget`` bytes, until
    ``stop`` is set; how many bytes were read (0 where ``posix_fadvise`` is missing)."""
    if not hasattr(os, "posix_fadvise"):
        return 0
    done = 0
    with open(path, "rb") as source:
        for offset, length in ranges:
            end = offset + min(length, budget - done)
            while offset < end and not (stop is not None and stop.is_set()):
                step = min(CHUNK, end - offset)
                os.posix_fadvise(source.fileno(), offset, step, os.POSIX_FADV_WILLNEED)
                # the chunk's last byte waits for the reads the advice queued (one chunk at a time) and reads
                # that page itself if the kernel dropped the advice (a busy disk queue: 1.3 of 2.2 GB were read
                # when the advice for every table came at once)
                os.pread(source.fileno(), 1, offset + step - 1)
                offset, done = offset + step, done + step
            if done >= budget or (stop is not None and stop.is_set()):
                break
    return done


def read_ahead(con: duckdb.DuckDBPyConnection, path: str | Path, tables: Iterable[str], budget: int,
               stop: threading.Event | None = None, *, rest: bool = True) -> int:
    """:func:`plan` then :func:`read_ranges`: the bytes read."""
    return read_ranges(path, plan(con, path, tables, rest=rest), budget, stop)
