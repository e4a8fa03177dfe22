"""How ``events`` (and ``event_heads``, its copies) store their long strings (schema 14, issue 16).

DuckDB picks each column's compression when it writes it; for strings that is mostly a dictionary with
FSST, whose segments decode a whole vector, or their dictionary, to read one row. A page's 50 rows
spread over 10 million events are read one by one, so these columns cost most of a page's fetch: at 10
million events, story_id, first_article_id and sentence 24, 23 and 38 ms of CPU for 50 rows, against
about 7 ms for a column of codes (bench/page_fetch.py, rows read with empty buffers). The sentence and
the story, which filters scan (``q=``, ``story=``), are stored as they are: a row is read in place and
a scan decodes nothing (``q=strike`` counted to 10,001 matches: 116 -> 76 ms of CPU); the first article,
never scanned, with zstd (smaller on disk). DuckDB sets a column's compression only when its table is
created (``USING COMPRESSION``), so the tables are created with it (:mod:`eventwire.store.schema`,
:func:`eventwire.store.heads.create_table`), and a table stored otherwise is copied into a new one
(:func:`recreate`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

__all__ = ["PLAIN_COLUMNS", "ZSTD_COLUMNS", "WIDE_COLUMNS", "using", "recreate"]

PLAIN_COLUMNS = ("story_id", "sentence")
ZSTD_COLUMNS = ("first_article_id",)
WIDE_COLUMNS = PLAIN_COLUMNS + ZSTD_COLUMNS


def using(column: str) -> str:
    """`` USING COMPRESSION ...`` for a column of ``events`` stored so, else nothing."""
    if column in PLAIN_COLUMNS:
        return " USING COMPRESSION uncompressed"
    if column in ZSTD_COLUMNS:
        return " USING COMPRESSION zstd"
    return ""


def recreate(con: duckdb.DuckDBPyConnection, table: str, create: Callable[[str], None]) -> None:
    """``table`` replaced by a table ``create`` makes under the name it is given, holding the rows ``table``
    held, in their stored order (copied by column name): the only way to change how an existing table's
    columns are stored (schema v14)."""
    new = f"_ew_{table}_new"  # table names from the code, not from input
    create(new)
    con.execute(f"INSERT INTO {new} BY NAME SELECT * FROM {table}")
    con.execute(f"DROP TABLE {table}")
    con.execute(f"ALTER TABLE {new} RENAME TO {table}")
