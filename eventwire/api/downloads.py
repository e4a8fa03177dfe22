"""Whole answers as files (``format=csv|jsonl|parquet``), streamed batch by batch, never cut to a page.

The cursor stays open for as long as the client reads: it is taken inside the stream's generator and
released when the last chunk has been sent (or the client went away), so a download of any size holds
one batch in memory and one consistent state of the database.

CSV cells that a spreadsheet would run as a formula are neutralised (see
:func:`eventwire.read.tables.flat`): downloads carry untrusted article text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import duckdb
import pyarrow as pa
from fastapi.responses import StreamingResponse

from eventwire.api.params import Format
from eventwire.api.source import DatabaseSource
from eventwire.read import questions as ask
from eventwire.read.tables import csv_chunks, jsonl_chunks, parquet_chunks

__all__ = ["download", "MEDIA"]

MEDIA = {Format.csv: "text/csv; charset=utf-8", Format.jsonl: "application/x-ndjson",
         Format.parquet: "application/vnd.apache.parquet"}

Rows = Callable[[duckdb.DuckDBPyConnection], pa.Table | pa.RecordBatchReader]


def _chunks(data: pa.Table | pa.RecordBatchReader, fmt: Format, provenance: dict[str, str] | None) -> Iterator[bytes]:
    if fmt is Format.csv:
        return csv_chunks(data)  # neutralised: the one CSV policy of read.tables
    if fmt is Format.jsonl:
        return jsonl_chunks(data)
    return parquet_chunks(data, provenance)


def download(source: DatabaseSource, rows: Rows, fmt: Format, name: str, *, provenance: bool = False) -> StreamingResponse:
    """``rows(cursor)`` as a file named ``name.<format>``; with ``provenance``, a Parquet file carries the
    data set's versions (the ``meta`` table) in its metadata."""

    def stream() -> Iterator[bytes]:
        with source.cursor() as con:
            versions = ask.versions(con) if provenance else None
            yield from _chunks(rows(con), fmt, versions)

    return StreamingResponse(stream(), media_type=MEDIA[fmt],
                             headers={"Content-Disposition": f'attachment; filename="{name}.{fmt.value}"'})
