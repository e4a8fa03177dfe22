"""Answers (Arrow tables and batch streams) as pandas, CSV, JSONL, Parquet or a terminal table.

One writer per format for the CLI, the exports and the API downloads, so a number is written the same
way everywhere: integers as integers, a missing value as an empty cell (never ``NaN``), dates as
``YYYY-MM-DD``, lists (PLOVER modes) joined with ``|``. Streams are written batch by batch, so a
download or an export of any size never holds more than one batch in memory.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

__all__ = ["to_pandas", "batches_of", "csv_chunks", "jsonl_chunks", "parquet_chunks", "write_text_table",
           "flat", "PROVENANCE_KEY"]

PROVENANCE_KEY = b"eventwire"  # Parquet key-value metadata: the data set's versions (JSON)
_INTS = {pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(), pa.uint64()}


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """A DataFrame with nullable integers (``Int64``, so a count is never ``1.0``) and dates as
    ``datetime64`` (so ``.dt``, resampling and plotting work)."""
    return table.to_pandas(types_mapper=lambda t: pd.Int64Dtype() if t in _INTS else None, date_as_object=False)


def batches_of(data: pa.Table | pa.RecordBatchReader | Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    if isinstance(data, pa.Table):
        yield from data.to_batches()
    else:
        yield from data


def flat(batch: pa.RecordBatch, *, neutralise: bool = False) -> pa.RecordBatch:
    """Lists joined with ``|``; with ``neutralise``, text starting with ``= + - @`` TAB or CR gets a
    leading ``'`` so a spreadsheet never runs a cell of untrusted text as a formula (OWASP's list: some
    spreadsheets skip a leading TAB or CR, so "\t=cmd|..." ran as well)."""
    columns = []
    for column in batch.columns:
        if pa.types.is_list(column.type) or pa.types.is_large_list(column.type):
            column = pc.binary_join(pc.cast(column, pa.list_(pa.string())), "|")
        if neutralise and pa.types.is_string(column.type):
            risky = pc.fill_null(pc.match_substring_regex(column, r"^[=+\-@\t\r]"), False)
            column = pc.if_else(risky, pc.binary_join_element_wise("'", column, ""), column)
        columns.append(column)
    return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)


def csv_chunks(data: pa.Table | pa.RecordBatchReader | Iterable[pa.RecordBatch], names: list[str] | None = None,
               *, neutralise: bool = True) -> Iterator[bytes]:
    """CSV with one header row, then one chunk per batch. ``names`` gives the header when there may be
    no batch at all (an empty answer still has its columns).

    Cells are neutralised (see :func:`flat`) by default, wherever the CSV goes (API download, ``query``,
    ``dyad``, ``export``): a CSV is opened in spreadsheets, and the text cells are untrusted news text,
    so one policy keeps the files identical whichever way they were made. ``neutralise=False`` is
    for callers that write for programs only."""
    header_done = False
    if names is None and isinstance(data, pa.Table | pa.RecordBatchReader):
        names = data.schema.names
    if names is not None:
        yield (",".join(names) + "\n").encode()
        header_done = True
    options = pa_csv.WriteOptions(include_header=False, quoting_style="needed")
    for batch in batches_of(data):
        if not header_done:
            yield (",".join(batch.schema.names) + "\n").encode()
            header_done = True
        if batch.num_rows:
            sink = io.BytesIO()
            pa_csv.write_csv(flat(batch, neutralise=neutralise), sink, options)
            yield sink.getvalue()


def _jsonable(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def jsonl_chunks(data: pa.Table | pa.RecordBatchReader | Iterable[pa.RecordBatch]) -> Iterator[bytes]:
    """One JSON object per row and line; dates ISO, missing values ``null``."""
    for batch in batches_of(data):
        lines = [json.dumps(row, ensure_ascii=False, default=_jsonable) + "\n" for row in batch.to_pylist()]
        if lines:
            yield "".join(lines).encode("utf-8")


class _Chunks(io.RawIOBase):
    """A write-only file that hands over what was written since the last :meth:`take`."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        out, self.parts = b"".join(self.parts), []
        return out


def parquet_chunks(data: pa.Table | pa.RecordBatchReader, provenance: dict[str, str] | None = None) -> Iterator[bytes]:
    """A Parquet file, streamed: one row group per batch; the data set's versions in its metadata."""
    # lazy (start-up): pyarrow's Parquet module only for Parquet output
    import pyarrow.parquet as pq

    schema = data.schema
    if provenance:
        schema = schema.with_metadata({**(schema.metadata or {}), PROVENANCE_KEY: json.dumps(provenance).encode()})
    sink = _Chunks()
    with pq.ParquetWriter(pa.PythonFile(sink, mode="w"), schema) as writer:
        for batch in batches_of(data):
            if batch.num_rows:
                writer.write_table(pa.Table.from_batches([batch], schema=schema))
                yield sink.take()
    yield sink.take()


def _cell(value: Any, width: int) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".") if value == value else ""
    elif isinstance(value, list):
        text = "|".join(map(str, value))
    else:
        text = str(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def write_text_table(table: pa.Table, out: IO[str], max_width: int = 28) -> None:
    """A plain table for a terminal: numbers right-aligned, missing values blank."""
    names = table.schema.names
    rows = [[_cell(v, max_width) for v in row.values()] for row in table.to_pylist()]
    numeric = [pa.types.is_integer(f.type) or pa.types.is_floating(f.type) for f in table.schema]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if num else c.ljust(w)
                         for c, w, num in zip(cells, widths, numeric, strict=True)).rstrip() + "\n"

    out.write(line(list(names)))
    for row in rows:
        out.write(line(row))
