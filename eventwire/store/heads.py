"""The heads of the events' sorted orders, kept at ingest: a page of events sorted by another column than the
date, on 10 million events, from a hundred thousand rows instead of all of them (issue 16).

``/api/events?sort=goldstein`` is ``ORDER BY goldstein DESC NULLS LAST, id LIMIT 50 OFFSET o`` over the
matching events. The events are stored in date order, so the rows of such a page are spread over the
whole table: finding them is a top-N over every match (0.1-0.5 s of CPU at 10 million events, the ids of
millions of ties decoded), and fetching 50 rows spread over 10 million costs 2-5 ms each.

A *head* is the beginning of one order (a sort key and a direction) over **all** events: the events
whose ``(key, id)`` comes at or before the head's bound in that order (``event_head_bounds``), copied
whole into ``event_heads``. Whatever the filter, the matches inside a head are
the first matches of the whole order, since every event outside it comes after all of them; so when a
head holds at least ``offset + limit`` matches, the page is the same slice of the head's matches
(:mod:`eventwire.read.head_pages`), read from a small table where the page's rows are neighbours.
Events without a key (NULLs sort last) are never in a head.

Each head starts at about :data:`HEAD_ROWS` events. The writer keeps them exact batch by batch
(:func:`apply`): the batch's events leave every head, and those within a head's bound come back; a head
that has grown past twice its size is cut back to about :data:`HEAD_ROWS` events by moving its bound (the
events before the new bound are all in it already). A bound of NULL is an open head (a database with
fewer events than a head holds): every event with a key belongs to it until it is cut.

``event_heads`` has the columns of ``events`` (plus ``head``): :func:`rebuild` recreates it from the
current ``events``, so a migration that changes the events' columns rebuilds the heads
(:func:`eventwire.store.schema.migrate` does after any step).
"""

from __future__ import annotations

from typing import Any

import duckdb

__all__ = ["HEAD_ROWS", "KEYS", "ORDERS", "TABLES", "order_name", "within", "start", "rebuild", "apply"]

HEAD_ROWS = 100_000  # events per head when it is cut: 8 heads, about 8% of a 10-million-event table
TIES_SORTED = 1_000_000  # up to this many events tied on the bound's key, its id is found by sorting theirs
SAMPLE = 20_000  # else from a sample of this many of them
KEYS = {"goldstein": "goldstein", "mentions": "num_mentions", "sources": "num_sources", "confidence": "confidence"}


def order_name(sort: str, descending: bool) -> str:
    """The head of ``ORDER BY key [DESC] NULLS LAST, id`` (``sort`` as the read layer names it)."""
    return f"{sort}_{'desc' if descending else 'asc'}"


ORDERS: dict[str, tuple[str, bool]] = {order_name(sort, d): (key, d) for sort, key in KEYS.items() for d in (True, False)}

TABLES: dict[str, str] = {
    # the columns of events, whatever they are now (see rebuild)
    "event_heads": "CREATE TABLE IF NOT EXISTS event_heads AS SELECT CAST(NULL AS VARCHAR) AS head, * FROM events LIMIT 0",
    "event_head_bounds": """CREATE TABLE IF NOT EXISTS event_head_bounds (
    head VARCHAR, bound_key DOUBLE, bound_id VARCHAR
)""",
}


def within(head: str, key_value: Any, bound_id: str | None) -> tuple[str, list[Any]]:
    """SQL (and parameters) true for the events of ``head`` with this bound (None: an open head)."""
    key, descending = ORDERS[head]
    if bound_id is None:
        return f"{key} IS NOT NULL", []
    better = ">" if descending else "<"
    return f"({key} {better} ? OR ({key} = ? AND id <= ?))", [key_value, key_value, bound_id]


def _order(head: str) -> str:
    key, descending = ORDERS[head]
    return f"{key} {'DESC' if descending else 'ASC'} NULLS LAST, id"


def _bound(con: duckdb.DuckDBPyConnection, head: str, table: str, extra: str = "") -> tuple[Any, str | None]:
    """The key and id of about the HEAD_ROWS-th event of ``head``'s order in ``table``, or (None, None) when
    it has fewer events with a key. Any event would do as a bound (the head is what comes before it);
    this one keeps heads about HEAD_ROWS long without sorting millions of ids: the key first, from the
    key alone, then the id among the events tied on it, from a sample of them when they are many."""
    key, descending = ORDERS[head]
    where = f"{key} IS NOT NULL{extra}"
    rows = con.execute(f"SELECT {key} FROM {table} WHERE {where} ORDER BY {key} {'DESC' if descending else 'ASC'} "
                       "LIMIT 1 OFFSET ?", [HEAD_ROWS - 1]).fetchall()
    if not rows:
        return None, None
    key_value = rows[0][0]
    counted = con.execute(f"SELECT count(*) FILTER (WHERE {key} {'>' if descending else '<'} ?), "
                          f"count(*) FILTER (WHERE {key} = ?) FROM {table} WHERE {where}", [key_value, key_value]).fetchall()
    before, tied = counted[0]
    wanted = max(1, HEAD_ROWS - before)  # among the tied events, in id order
    if tied <= TIES_SORTED:
        found = con.execute(f"SELECT id FROM {table} WHERE {key} = ?{extra} ORDER BY id LIMIT 1 OFFSET ?",
                            [key_value, min(wanted, tied) - 1]).fetchall()
        return key_value, found[0][0]
    sample = sorted(row[0] for row in con.execute(
        f"SELECT id FROM (SELECT id FROM {table} WHERE {key} = ?{extra}) USING SAMPLE reservoir({SAMPLE} ROWS) "
        "REPEATABLE (7)", [key_value]).fetchall())
    return key_value, sample[min(len(sample) - 1, wanted * len(sample) // tied)]


def start(con: duckdb.DuckDBPyConnection) -> None:
    """A new database's heads: open (every event with a key belongs to each until it is cut)."""
    con.executemany("INSERT INTO event_head_bounds VALUES (?, NULL, NULL)", [[head] for head in ORDERS])


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute every head from all events (migrations, bulk-built databases, rows changed behind the
    writer's back), with the columns ``events`` has now."""
    con.execute("DROP TABLE IF EXISTS event_heads")
    for ddl in TABLES.values():
        con.execute(ddl)
    con.execute("DELETE FROM event_head_bounds")
    # each head's row ids from its key and id columns; then the rows of every head in one pass over the events
    # (a head's rows are spread over the whole table: a pass per head decoded every column eight times)
    con.execute("CREATE OR REPLACE TEMP TABLE _ew_head_rows (head VARCHAR, event_rowid BIGINT)")
    for head in ORDERS:
        key_value, bound_id = _bound(con, head, "events")
        con.execute("INSERT INTO event_head_bounds VALUES (?, ?, ?)", [head, key_value, bound_id])
        sql, params = within(head, key_value, bound_id)
        con.execute(f"INSERT INTO _ew_head_rows SELECT ?, rowid FROM events WHERE {sql}", [head, *params])
    # stored head by head: a page's query skips the row groups of the other heads by their min/max head
    con.execute("INSERT INTO event_heads BY NAME SELECT h.head, e.* FROM events e "
                "JOIN _ew_head_rows h ON e.rowid = h.event_rowid ORDER BY h.head")
    con.execute("DROP TABLE _ew_head_rows")


def apply(con: duckdb.DuckDBPyConnection, event_ids: list[str]) -> None:
    """After a batch rewrote these events (inside its transaction): their rows as they are now in every
    head whose bound they are within, none elsewhere; a head grown past twice its size is cut back."""
    marks = ", ".join("?" * len(event_ids))  # one parameter per id: the primary key's index, not a scan
    con.execute(f"DELETE FROM event_heads WHERE id IN ({marks})", event_ids)
    con.execute(f"CREATE OR REPLACE TEMP TABLE _ew_head_batch AS SELECT * FROM events WHERE id IN ({marks})", event_ids)
    bounds = con.execute("SELECT head, bound_key, bound_id FROM event_head_bounds").fetchall()
    for head, key_value, bound_id in bounds:
        sql, params = within(head, key_value, bound_id)
        con.execute(f"INSERT INTO event_heads BY NAME SELECT ? AS head, * FROM _ew_head_batch WHERE {sql}",
                    [head, *params])
    con.execute("DROP TABLE _ew_head_batch")
    sizes = dict(con.execute("SELECT head, count(*) FROM event_heads GROUP BY head").fetchall())
    for head, _, _ in bounds:
        if sizes.get(head, 0) > 2 * HEAD_ROWS:
            _cut(con, head)


def _cut(con: duckdb.DuckDBPyConnection, head: str) -> None:
    """Move ``head``'s bound back to its HEAD_ROWS-th event and drop the events after it. The head holds
    every event before its old bound, so its HEAD_ROWS-th event is the whole table's."""
    key_value, bound_id = _bound(con, head, "event_heads", f" AND head = '{head}'")  # a name from ORDERS
    sql, params = within(head, key_value, bound_id)
    con.execute(f"DELETE FROM event_heads WHERE head = ? AND NOT {sql}", [head, *params])
    con.execute("UPDATE event_head_bounds SET bound_key = ?, bound_id = ? WHERE head = ?", [key_value, bound_id, head])
