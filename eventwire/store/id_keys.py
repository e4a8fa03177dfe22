"""``events.id_key``: a BIGINT that sorts like the event's id, stored beside it (schema 11, issue 16).

Every events listing is ordered ``key, id``: the id breaks ties. Ids are unique strings, and on 10
million events DuckDB decodes the id of every row a filtered sort reads (a filter that ORs two columns
is applied after the scan): a source + PLOVER type's top-N, 198 ms of CPU broken by id, 131 ms by
``id_key`` (bench/page_queries.py). ``id_key`` is a number that never sorts two ids the other
way round (``a < b`` implies ``id_key(a) <= id_key(b)``), so ``ORDER BY key, id_key`` is the order
``key, id`` except among rows that share both, which :mod:`eventwire.read.paging` orders by their ids
(they are rare: eventwire's ids are 20 hex digits, of which the key keeps 9).

The key is the id's first :data:`CHARS` characters written in base 128, each character's code point as
a digit: DuckDB compares strings by their UTF-8 bytes, which is the order of their code points. A code
point above 126 does not fit a digit: it counts as 127 and the characters after it as 0, which keeps
the order (two ids that agree up to such a character get the same key from there). A shorter id is
padded with 0, the lowest digit, as a shorter string sorts first. 9 digits of 7 bits fill a BIGINT.
"""

from __future__ import annotations

import duckdb

__all__ = ["CHARS", "COLUMN", "sql", "id_key", "fill"]

CHARS = 9  # 9 x 7 bits = 63: the largest key, 128**9 - 1, is BIGINT's largest value
COLUMN = "id_key"
_TOP = 127  # a digit's largest value, also what a code point above it counts as


def sql(column: str = "id") -> str:
    """The SQL expression of ``id_key`` for the string column ``column`` (a name from the code, not user
    input): the first :data:`CHARS` characters cut after the first one above 126, each character's code
    point (``ascii``; 0 past the end) at most 127, shifted into place. Written as a list over the positions,
    not as 9 terms: DuckDB plans it each time the writer inserts a batch, and the keys of 50 ids cost 1.5 ms
    of CPU this way, 7.1 ms written as 9 terms (bench/sorted_pages.py --batch 50)."""
    cut = f"regexp_extract(left({column}, {CHARS}), '^[^\\x{{7f}}-\\x{{10ffff}}]*.?')"
    digit = f"CAST(least(ascii(substr({cut}, k + 1, 1)), {_TOP}) AS BIGINT)"
    return f"CAST(list_sum(list_transform(range({CHARS}), lambda k: {digit} << (7 * ({CHARS - 1} - k)))) AS BIGINT)"


def id_key(value: str) -> int:
    """The same key computed in Python (tests, and a check of the SQL)."""
    key, topped = 0, False
    for i in range(CHARS):
        point = ord(value[i]) if i < len(value) else 0
        key = key * 128 + (0 if topped else min(point, _TOP))
        topped = topped or point >= _TOP
    return key


def fill(con: duckdb.DuckDBPyConnection) -> None:
    """Give ``id_key`` to the events that lack it (rows inserted without it, a migrated database)."""
    con.execute(f"UPDATE events SET {COLUMN} = {sql()} WHERE {COLUMN} IS NULL")
