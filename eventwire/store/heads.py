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

Each head starts at about :func:`head_rows` events (a share of the table, at most :data:`HEAD_ROWS`). The
writer keeps them exact batch by batch (:func:`apply`): the batch's events leave every head, and those
within a head's bound come back; a head that has grown past twice its size is cut back to about that many
events by moving its bound (the events before the new bound are all in it already). A bound of NULL is an open head (a database with
fewer events than a head holds): every event with a key belongs to it until it is cut.

*Quad heads* and *type heads* (v12) are heads of the Goldstein orders over the events of one QuadClass
(``goldstein_desc_q3``) or one PLOVER type (``goldstein_desc_THREATEN``): the Goldstein score follows the
event type, so the matches of a filter on QuadClass 2 sorted by Goldstein ascending sit in the middle of the
whole order (after every conflict), never in its head, and those of THREATEN sorted descending after the
milder verbal conflicts; in the head of their own QuadClass or type they come first. A filter whose matches
all have one PLOVER type or one QuadClass reads that head (:mod:`eventwire.read.head_pages`).

``event_heads`` has the columns of ``events`` (plus ``head``): :func:`rebuild` recreates it from the
current ``events``, so a migration that changes the events' columns rebuilds the heads
(:data:`eventwire.store.schema.CHANGES_HEADS` names those steps). It stores each head's rows in the head's
order (v12): a page's 50 rows are then neighbours, one or two of DuckDB's vectors (2,048 rows of every
column) to decode instead of fifty, as when the head's rows were stored in no order.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import duckdb

from eventwire.events.ontology import PLOVER_TYPES
from eventwire.store import compression, id_keys

__all__ = ["HEAD_ROWS", "HEAD_FLOOR", "HEAD_SHARE", "QUAD_SHARE", "TYPE_SHARE", "KEYS", "QUAD_KEYS", "QUADS",
           "Order", "ORDERS", "TABLES", "order_name", "head_rows", "within", "create_table", "recreate_table", "start",
           "rebuild", "apply"]

# events per head of a whole order when it is cut, at most: 8 heads, 24% of a 10-million-event table. A filter's
# page comes from a head when the head's events hold offset + limit matches: with 300,000 events, a filter
# matching one event in 1,200 (8,300 of 10 million) has its first five pages of 50 there
HEAD_ROWS = 300_000
HEAD_FLOOR = 100_000  # below 3.3 million events the heads keep this many (as before v12), not a share
HEAD_SHARE = 33  # else one event in HEAD_SHARE: the heads stay about half the table's size, not 4.8 times at 1M
QUAD_SHARE = 3  # a quad head holds a third of that: 8 of them, another 8% of 10 million
TYPE_SHARE = 6  # a type head a sixth: 32 of them, another 16% of 10 million
TIES_SORTED = 1_000_000  # up to this many events tied on the bound's key, its id is found by sorting theirs
SAMPLE = 20_000  # else from a sample of this many of them
KEYS = {"goldstein": "goldstein", "mentions": "num_mentions", "sources": "num_sources", "confidence": "confidence"}
QUAD_KEYS = ("goldstein",)  # the orders with quad and type heads: the key the event type decides
QUADS = (1, 2, 3, 4)


class Order(NamedTuple):
    """What a head is the beginning of: ``ORDER BY key [DESC] NULLS LAST, id`` over all events, or over
    the events of one QuadClass or one PLOVER type."""

    key: str
    descending: bool
    quad: int | None = None
    plover: str | None = None


def order_name(sort: str, descending: bool, quad: int | None = None, plover: str | None = None) -> str:
    """The head of ``ORDER BY key [DESC] NULLS LAST, id`` (``sort`` as the read layer names it), over the
    events of QuadClass ``quad`` or PLOVER type ``plover`` when given."""
    over = f"_q{quad}" if quad is not None else f"_{plover}" if plover is not None else ""
    return f"{sort}_{'desc' if descending else 'asc'}{over}"


ORDERS: dict[str, Order] = {
    **{order_name(sort, d): Order(key, d) for sort, key in KEYS.items() for d in (True, False)},
    **{order_name(sort, d, q): Order(KEYS[sort], d, q) for sort in QUAD_KEYS for d in (True, False) for q in QUADS},
    **{order_name(sort, d, plover=p): Order(KEYS[sort], d, plover=p)
       for sort in QUAD_KEYS for d in (True, False) for p in PLOVER_TYPES},
}


def head_rows(head: str, events: int) -> int:
    """How many events ``head`` holds when it is cut, in a table of ``events`` events (the constants read when
    asked: the tests make heads small)."""
    order = ORDERS[head]
    share = QUAD_SHARE if order.quad is not None else TYPE_SHARE if order.plover is not None else 1
    return max(1, min(HEAD_ROWS, max(HEAD_FLOOR, events // HEAD_SHARE)) // share)


def _events(con: duckdb.DuckDBPyConnection) -> int:
    """How many events the table holds (metadata for DuckDB: about 1 ms at 10 million)."""
    row = con.execute("SELECT count(*) FROM events").fetchone()
    return int(row[0]) if row else 0


def _among(head: str) -> str:
    """SQL true for the events ``head`` is the beginning of (a QuadClass or a PLOVER type from ORDERS: a
    number, or a name of capital letters)."""
    order = ORDERS[head]
    if order.quad is not None:
        return f"quad_class = {int(order.quad)}"
    if order.plover is not None and order.plover.isalpha():
        return f"plover_type = '{order.plover}'"
    return "true"

TABLES: dict[str, str] = {
    # event_heads: the columns of events, whatever they are now (create_table)
    # size (v12): the events the head holds now, kept by apply() (a count of 5 million rows cost 30 ms a batch)
    "event_head_bounds": """CREATE TABLE IF NOT EXISTS event_head_bounds (
    head VARCHAR, bound_key DOUBLE, bound_id VARCHAR, size BIGINT
)""",
}


def create_table(con: duckdb.DuckDBPyConnection, name: str = "event_heads") -> None:
    """Create ``event_heads`` if it does not exist (or a table ``name`` like it): ``head`` and the columns
    ``events`` has now, the long strings stored as in ``events`` (v14, store/compression.py: a ``q=``
    filter scans the sentences of a head; ``CREATE TABLE AS`` would let DuckDB choose)."""
    columns = con.execute("SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = current_database() "
                          "AND schema_name = current_schema() AND table_name = 'events' ORDER BY column_index").fetchall()
    body = ", ".join(f'"{column}" {kind}{compression.using(column)}' for column, kind in columns)
    con.execute(f"CREATE TABLE IF NOT EXISTS {name} (head VARCHAR, {body})")  # names from the code and the catalog


def recreate_table(con: duckdb.DuckDBPyConnection) -> None:
    """``event_heads`` created anew by :func:`create_table`, holding the rows it held, in their stored order
    (each head's rows in its order): a migration that changes how the columns are stored, not what the
    heads hold (at 10 million events, 4.8 million rows copied, not the heads rebuilt from the events)."""
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() AND "
                       "schema_name = current_schema() AND table_name = 'event_heads'").fetchall()[0][0]:
        create_table(con)
        return
    compression.recreate(con, "event_heads", lambda name: create_table(con, name))


def within(head: str, key_value: Any, bound_id: str | None) -> tuple[str, list[Any]]:
    """SQL (and parameters) true for the events of ``head`` with this bound (None: an open head)."""
    if bound_id is None:
        return f"({_among(head)} AND {ORDERS[head].key} IS NOT NULL)", []
    # one parenthesised condition: _cut negates it
    return f"({_among(head)} AND {_before(head, '?', '?')})", [key_value, key_value, bound_id]


def _before(head: str, bound_key: str, bound_id: str) -> str:
    """SQL true for an event whose ``(key, id)`` comes at or before the bound in ``head``'s order, the bound's
    key and id given as SQL (parameters or columns); its key is then not NULL."""
    key, descending = ORDERS[head][:2]
    better = ">" if descending else "<"
    return f"({key} {better} {bound_key} OR ({key} = {bound_key} AND id <= {bound_id}))"


def _bound(con: duckdb.DuckDBPyConnection, head: str, table: str, size: int, extra: str = "") -> tuple[Any, str | None]:
    """The key and id of about the ``size``-th event of ``head``'s order in ``table``, or (None, None) when
    it has fewer events with a key. Any event would do as a bound (the head is what comes before it);
    this one keeps heads about that long without sorting millions of ids: the key first, from the
    key alone, then the id among the events tied on it, from a sample of them when they are many."""
    key, descending = ORDERS[head][:2]
    extra = f" AND {_among(head)}{extra}"
    where = f"{key} IS NOT NULL{extra}"
    rows = con.execute(f"SELECT {key} FROM {table} WHERE {where} ORDER BY {key} {'DESC' if descending else 'ASC'} "
                       "LIMIT 1 OFFSET ?", [size - 1]).fetchall()
    if not rows:
        return None, None
    key_value = rows[0][0]
    counted = con.execute(f"SELECT count(*) FILTER (WHERE {key} {'>' if descending else '<'} ?), "
                          f"count(*) FILTER (WHERE {key} = ?) FROM {table} WHERE {where}", [key_value, key_value]).fetchall()
    before, tied = counted[0]
    wanted = max(1, size - before)  # among the tied events, in id order
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
    con.executemany("INSERT INTO event_head_bounds VALUES (?, NULL, NULL, 0)", [[head] for head in ORDERS])


def rebuild(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute every head from all events (migrations, bulk-built databases, rows changed behind the
    writer's back), with the columns ``events`` has now."""
    for table in ("event_heads", *TABLES):  # recreated: the bounds' columns too (v12 added size)
        con.execute(f"DROP TABLE IF EXISTS {table}")
    create_table(con)
    for ddl in TABLES.values():
        con.execute(ddl)
    # each head's row ids from its key and id columns; then the rows of every head in one pass over the events
    # (a head's rows are spread over the whole table: a pass per head decoded every column eight times)
    con.execute("CREATE OR REPLACE TEMP TABLE _ew_head_rows (head VARCHAR, event_rowid BIGINT, place BIGINT)")
    events = _events(con)
    for head in ORDERS:
        key_value, bound_id = _bound(con, head, "events", head_rows(head, events))
        con.execute("INSERT INTO event_head_bounds VALUES (?, ?, ?, 0)", [head, key_value, bound_id])
        sql, params = within(head, key_value, bound_id)
        key, descending = ORDERS[head][:2]  # the order by id_key: the order by id but among rare ties, enough here
        con.execute(f"INSERT INTO _ew_head_rows SELECT ?, rowid, row_number() OVER (ORDER BY {key} "
                    f"{'DESC' if descending else 'ASC'}, id_key) FROM events WHERE {sql}", [head, *params])
    # stored head by head (a page's query skips the row groups of the other heads by their min/max head),
    # each in its order (a page's rows are neighbours: see the module's docstring)
    con.execute("INSERT INTO event_heads BY NAME SELECT h.head, e.* FROM events e "
                "JOIN _ew_head_rows h ON e.rowid = h.event_rowid ORDER BY h.head, h.place")
    con.execute("UPDATE event_head_bounds b SET size = n.size FROM (SELECT head, count(*) AS size FROM _ew_head_rows "
                "GROUP BY head) n WHERE b.head = n.head")
    con.execute("DROP TABLE _ew_head_rows")


def _member(head: str) -> str:
    """SQL true for an event (of ``_ew_head_batch``) within ``head``'s bound as read from the bounds' row ``b``:
    :func:`within` over the bounds table, so that one join finds the heads of a batch's events."""
    key = ORDERS[head].key
    return (f"{_among(head)} AND ((b.bound_id IS NULL AND {key} IS NOT NULL) "
            f"OR {_before(head, 'b.bound_key', 'b.bound_id')})")


def _leave(con: duckdb.DuckDBPyConnection, event_ids: list[str]) -> dict[str, int]:
    """Take these events out of every head; how many rows each head lost. Found by ``id_key`` (a number: the
    ids of 5 million head rows are not decoded, 42 ms against 180 ms at 10 million events), then by id."""
    # (a row without id_key, which the writer never stores, is still found: by its id; 46 ms against 39)
    rows = con.execute(f"SELECT rowid, id, head FROM event_heads WHERE {id_keys.COLUMN} IN "
                       f"(SELECT {id_keys.sql('i')} FROM unnest(?::VARCHAR[]) t(i)) OR {id_keys.COLUMN} IS NULL",
                       [event_ids]).fetchall()
    wanted = set(event_ids)
    doomed = [(rowid, head) for rowid, event_id, head in rows if event_id in wanted]
    if doomed:
        con.execute("DELETE FROM event_heads WHERE rowid IN (SELECT unnest(?::BIGINT[]))", [[r for r, _ in doomed]])
    lost: dict[str, int] = {}
    for _, head in doomed:
        lost[head] = lost.get(head, 0) + 1
    return lost


def apply(con: duckdb.DuckDBPyConnection, event_ids: list[str]) -> None:
    """After a batch rewrote these events (inside its transaction): their rows as they are now in every
    head whose bound they are within, none elsewhere; a head grown past twice its size is cut back."""
    change = {head: -n for head, n in _leave(con, event_ids).items()}
    marks = ", ".join("?" * len(event_ids))  # one parameter per id: the primary key's index, not a scan
    con.execute(f"CREATE OR REPLACE TEMP TABLE _ew_head_batch AS SELECT * FROM events WHERE id IN ({marks})", event_ids)
    # every head in one join of the batch with the bounds (names from ORDERS): one statement per head cost 60 ms
    member = "CASE b.head " + " ".join(f"WHEN '{head}' THEN {_member(head)}" for head in ORDERS) + " ELSE false END"
    con.execute(f"CREATE OR REPLACE TEMP TABLE _ew_head_new AS SELECT b.head, e.* FROM _ew_head_batch e, "
                f"event_head_bounds b WHERE {member}")
    con.execute("INSERT INTO event_heads BY NAME SELECT * FROM _ew_head_new")
    for head, n in con.execute("SELECT head, count(*) FROM _ew_head_new GROUP BY head").fetchall():
        change[head] = change.get(head, 0) + n
    con.execute("DROP TABLE _ew_head_batch")
    con.execute("DROP TABLE _ew_head_new")
    if change:
        con.execute("UPDATE event_head_bounds b SET size = b.size + c.n FROM (SELECT unnest(?::VARCHAR[]) AS head, "
                    "unnest(?::BIGINT[]) AS n) c WHERE b.head = c.head", [list(change), list(change.values())])
    events = _events(con)
    for head, size in con.execute("SELECT head, size FROM event_head_bounds").fetchall():
        if size > 2 * head_rows(head, events):
            _cut(con, head, head_rows(head, events))


def _cut(con: duckdb.DuckDBPyConnection, head: str, size: int) -> None:
    """Move ``head``'s bound back to its ``size``-th event and drop the events after it. The head
    holds every event before its old bound (of its QuadClass), so that event is the whole table's."""
    key_value, bound_id = _bound(con, head, "event_heads", size, f" AND head = '{head}'")  # a name from ORDERS
    sql, params = within(head, key_value, bound_id)
    con.execute(f"DELETE FROM event_heads WHERE head = ? AND NOT {sql}", [head, *params])
    con.execute("UPDATE event_head_bounds SET bound_key = ?, bound_id = ?, size = (SELECT count(*) FROM event_heads "
                "WHERE head = ?) WHERE head = ?", [key_value, bound_id, head, head])
