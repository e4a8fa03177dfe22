"""The database schema: versioned DDL and the migrations between versions.

``SCHEMA_VERSION`` is stored in the ``meta`` table (key ``schema_version``) together with
``app = eventwire``, which is how :mod:`eventwire.store.db` recognises one of our databases.
``docs/schema.md`` describes every table; keep it in step with ``TABLES`` below.

To change the schema: bump ``SCHEMA_VERSION``, edit ``TABLES`` (what a new database gets), and add
a function to ``MIGRATIONS`` keyed by the *old* version that brings an existing database one step up.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from eventwire.store import compression, heads, id_keys, rollups
from eventwire.store.compression import using

__all__ = ["SCHEMA_VERSION", "APP_NAME", "TABLES", "MIGRATIONS", "CHANGES_HEADS", "create_all", "migrate"]

APP_NAME = "eventwire"
SCHEMA_VERSION = 14

# Actor columns repeat for source/target/speaker: one definition keeps them identical.
_ACTOR_COLUMNS = (
    "text", "start", "end", "code", "country", "sector", "name", "kind", "role_source", "code_source",
)


def _actor_ddl(prefix: str) -> str:
    types = {"start": "INTEGER", "end": "INTEGER"}
    return ",\n    ".join(f'"{prefix}_{c}" {types.get(c, "VARCHAR")}' for c in _ACTOR_COLUMNS)


_LOCATION_DDL = """location_name VARCHAR,
    location_country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    geonameid BIGINT,
    location_precision VARCHAR"""

TABLES: dict[str, str] = {
    "meta": """CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
)""",
    "runs": """CREATE TABLE IF NOT EXISTS runs (
    id VARCHAR PRIMARY KEY,
    started TIMESTAMP,
    finished TIMESTAMP,
    status VARCHAR,
    command VARCHAR,
    coder_version VARCHAR,
    documents_seen INTEGER,
    articles_added INTEGER,
    articles_skipped INTEGER,
    articles_recoded INTEGER,
    documents_failed INTEGER,
    mentions_added INTEGER
)""",
    "run_failures": """CREATE TABLE IF NOT EXISTS run_failures (
    run_id VARCHAR,
    uri VARCHAR,
    stage VARCHAR,
    reason VARCHAR,
    failed_at TIMESTAMP
)""",
    "inputs": """CREATE TABLE IF NOT EXISTS inputs (
    digest VARCHAR PRIMARY KEY,
    uri VARCHAR,
    article_id VARCHAR
)""",
    "articles": """CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    uri VARCHAR,
    url VARCHAR,
    source VARCHAR,
    publisher VARCHAR,
    title VARCHAR,
    text VARCHAR,
    published VARCHAR,
    published_date DATE,
    dateline_place VARCHAR,
    dateline_country VARCHAR,
    dateline_agency VARCHAR,
    credits JSON,
    language VARCHAR,
    warnings JSON,
    story_id VARCHAR,
    coder_version VARCHAR,
    run_id VARCHAR
)""",
    "stories": """CREATE TABLE IF NOT EXISTS stories (
    id VARCHAR PRIMARY KEY,
    title VARCHAR,
    first_published VARCHAR,
    num_articles INTEGER,
    num_sources INTEGER
)""",
    "article_signatures": """CREATE TABLE IF NOT EXISTS article_signatures (
    article_id VARCHAR PRIMARY KEY,
    story_id VARCHAR,
    signature BLOB
)""",
    "event_mentions": f"""CREATE TABLE IF NOT EXISTS event_mentions (
    id VARCHAR PRIMARY KEY,
    event_id VARCHAR,
    coder_event_id VARCHAR,
    article_id VARCHAR,
    story_id VARCHAR,
    publisher VARCHAR,
    sentence_index INTEGER,
    sentence VARCHAR,
    trigger_text VARCHAR,
    trigger_start INTEGER,
    trigger_end INTEGER,
    {_actor_ddl("source")},
    {_actor_ddl("target")},
    source_key VARCHAR,
    target_key VARCHAR,
    cameo VARCHAR,
    cameo_root VARCHAR,
    plover_type VARCHAR,
    plover_mode VARCHAR[],
    plover_context VARCHAR[],
    goldstein DOUBLE,
    quad_class INTEGER,
    date VARCHAR,
    event_date DATE,
    date_precision VARCHAR,
    date_source VARCHAR,
    {_LOCATION_DDL},
    rule VARCHAR,
    model VARCHAR,
    confidence DOUBLE,
    coder_version VARCHAR,
    rule_type VARCHAR,
    model_type VARCHAR,
    model_prob DOUBLE,
    decided_by VARCHAR,
    reported BOOLEAN,
    "symmetric" BOOLEAN
)""",
    "events": f"""CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,
    event_date DATE,
    date_precision VARCHAR,
    source_key VARCHAR,
    target_key VARCHAR,
    cameo VARCHAR,
    story_id VARCHAR{using('story_id')},
    cameo_root VARCHAR,
    plover_type VARCHAR,
    plover_mode VARCHAR[],
    goldstein DOUBLE,
    quad_class INTEGER,
    {_actor_ddl("source")},
    {_actor_ddl("target")},
    {_LOCATION_DDL},
    num_mentions INTEGER,
    num_sources INTEGER,
    num_articles INTEGER,
    first_article_id VARCHAR{using('first_article_id')},
    first_mention_id VARCHAR,
    sentence VARCHAR{using('sentence')},  -- v14: stored as it is (store/compression.py)
    confidence DOUBLE,
    reported BOOLEAN,
    "symmetric" BOOLEAN,
    id_key BIGINT NOT NULL  -- v11: sorts like id (store/id_keys.py); INSERT gives it as id_keys.sql()
)""",
    "actors": f"""CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR,
    {_actor_ddl("actor")},
    PRIMARY KEY (article_id, actor_start)
)""",
    "quotes": f"""CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR,
    "start" INTEGER,
    "end" INTEGER,
    text VARCHAR,
    {_actor_ddl("speaker")},
    PRIMARY KEY (article_id, "start")
)""",
    "places": """CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR,
    name VARCHAR,
    "start" INTEGER,
    "end" INTEGER,
    country VARCHAR,
    admin1 VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    geonameid BIGINT,
    precision VARCHAR,
    PRIMARY KEY (article_id, "start")
)""",
    # eventwire watch: one row per feed (validators, backoff) and per feed item seen (v3)
    "feeds": """CREATE TABLE IF NOT EXISTS feeds (
    url VARCHAR PRIMARY KEY,
    title VARCHAR,
    etag VARCHAR,
    last_modified VARCHAR,
    last_polled TIMESTAMP,
    last_ok TIMESTAMP,
    failures INTEGER,
    next_poll TIMESTAMP,
    last_error VARCHAR
)""",
    "feed_items": """CREATE TABLE IF NOT EXISTS feed_items (
    feed_url VARCHAR,
    item_key VARCHAR,
    url VARCHAR,
    title VARCHAR,
    published VARCHAR,
    first_seen TIMESTAMP,
    status VARCHAR,
    attempts INTEGER,
    article_id VARCHAR,
    reason VARCHAR,
    PRIMARY KEY (feed_url, item_key)
)""",
    # v6: per-month sums of the events kept at ingest, read by the overview, network and map (rollups.py);
    # v8: per-day pair sums and the actor forms of each side, read by a dyad's series;
    # v10: per-day pair sums of the events with a PLOVER mode, read by counts of a mode filter
    **rollups.TABLES,
    # v9: the first events of each order but the date's, read by pages sorted by another column (heads.py);
    # event_heads itself is created by heads.create_table, with the columns of events
    **heads.TABLES,
}

INDEXES = (
    "CREATE INDEX IF NOT EXISTS mentions_article ON event_mentions(article_id)",
    "CREATE INDEX IF NOT EXISTS mentions_event ON event_mentions(event_id)",
    # v6: an article's quotes by index (the primary key (article_id, start) is not used for article_id
    # alone: a scan of every quote, 0.5 s on 10 million events)
    "CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id)",
)

ACTOR_COLUMNS = _ACTOR_COLUMNS


def create_all(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table of the current version and stamp ``meta`` (inside the caller's transaction)."""
    for ddl in TABLES.values():
        con.execute(ddl)
    for ddl in INDEXES:
        con.execute(ddl)
    heads.create_table(con)
    heads.start(con)
    con.execute(
        "INSERT OR REPLACE INTO meta VALUES ('app', ?), ('schema_version', ?)",
        [APP_NAME, str(SCHEMA_VERSION)],
    )


def _v1_to_v2(con: duckdb.DuckDBPyConnection) -> None:
    # v1 kept no input digests, so every rerun re-extracted each capture before the id check;
    # v2 records them. Old articles simply have no digest until they are seen again.
    con.execute(TABLES["inputs"])
    con.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS coder_version VARCHAR")


def _v2_to_v3(con: duckdb.DuckDBPyConnection) -> None:
    # v3 adds the live-feed state of `eventwire watch`; nothing existing changes
    con.execute(TABLES["feeds"])
    con.execute(TABLES["feed_items"])


def _v3_to_v4(con: duckdb.DuckDBPyConnection) -> None:
    # v4 keeps both verdicts of the coder (rule and model), whether an event is a reported claim,
    # and how each actor's code was obtained; rows coded before simply have NULLs there
    for prefix, tables in (("source", ("event_mentions", "events")), ("target", ("event_mentions", "events")),
                           ("actor", ("actors",)), ("speaker", ("quotes",))):
        for table in tables:
            con.execute(f'ALTER TABLE {table} ADD COLUMN IF NOT EXISTS "{prefix}_code_source" VARCHAR')
    for column, kind in (("rule_type", "VARCHAR"), ("model_type", "VARCHAR"), ("model_prob", "DOUBLE"),
                         ("decided_by", "VARCHAR"), ("reported", "BOOLEAN")):
        con.execute(f"ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS {column} {kind}")
    con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS reported BOOLEAN")


def _v4_to_v5(con: duckdb.DuckDBPyConnection) -> None:
    # v5 says how precise each date is (day, month, year): event_date is a month's or year's first day
    # when the text gave only that. Stored mentions keep their coded date, so it is filled from there.
    precision = ("CASE WHEN regexp_matches(date, '^\\d{4}-\\d{2}-\\d{2}') THEN 'day' "
                 "WHEN regexp_matches(date, '^\\d{4}-\\d{2}$') THEN 'month' "
                 "WHEN regexp_matches(date, '^\\d{4}$') THEN 'year' END")
    for table in ("event_mentions", "events"):
        con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS date_precision VARCHAR")
    con.execute(f"UPDATE event_mentions SET date_precision = {precision}")
    con.execute("UPDATE events SET date_precision = m.date_precision FROM event_mentions m "
                "WHERE m.id = events.first_mention_id")


def _v5_to_v6(con: duckdb.DuckDBPyConnection) -> None:
    # v6 keeps per-month rollups of the events (store/rollups.py), computed once from all events here
    rollups.rebuild(con, [t for t in rollups.TABLES
                          if t not in (*rollups.ADDED_IN_V8, *rollups.ADDED_IN_V10, *rollups.ADDED_IN_V13)])


def _v6_to_v7(con: duckdb.DuckDBPyConnection) -> None:
    # v7 says whether an event is symmetric (coded once for both directions, see docs/records.md);
    # rows coded before have NULL there, and kept both directions as two events
    for table in ("event_mentions", "events"):
        con.execute(f'ALTER TABLE {table} ADD COLUMN IF NOT EXISTS "symmetric" BOOLEAN')


def _v7_to_v8(con: duckdb.DuckDBPyConnection) -> None:
    # v8 adds the per-day pair rollup and the actor forms of each side (store/rollups.py), which answer
    # a dyad's series; computed once from all events here (about 20 s at 10 million events)
    rollups.rebuild(con, rollups.ADDED_IN_V8)


def _v8_to_v9(con: duckdb.DuckDBPyConnection) -> None:
    # v9 keeps the heads of the orders by Goldstein, mentions, sources and confidence (store/heads.py);
    # built by migrate() after the steps (about 40 s at 10 million events): see CHANGES_HEADS
    del con


def _v9_to_v10(con: duckdb.DuckDBPyConnection) -> None:
    # v10 adds the per-day pair rollup of the events with a PLOVER mode (store/rollups.py), which counts
    # a filter by actors and modes; computed once from all events here
    rollups.rebuild(con, rollups.ADDED_IN_V10)


def _v10_to_v11(con: duckdb.DuckDBPyConnection) -> None:
    # v11 stores a BIGINT that sorts like each event's id (store/id_keys.py): a page sorted by another
    # column breaks ties by it instead of decoding every id it reads; computed once here (heads rebuilt after)
    # (NOT NULL only in a new database: DuckDB cannot add the constraint after an UPDATE in one transaction)
    con.execute(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {id_keys.COLUMN} BIGINT")
    id_keys.fill(con)


def _v11_to_v12(con: duckdb.DuckDBPyConnection) -> None:
    # v12 keeps wider heads, heads of the Goldstein orders per QuadClass, and each head's rows in its order
    # (store/heads.py); built by migrate() after the steps: see CHANGES_HEADS
    del con


def _v12_to_v13(con: duckdb.DuckDBPyConnection) -> None:
    # v13 adds the pair rollups per quarter and per year and the places over all months (store/rollups.py),
    # summed once here from month_pairs and month_places (a few seconds at 10 million events)
    rollups.rebuild(con, rollups.ADDED_IN_V13)


def _v13_to_v14(con: duckdb.DuckDBPyConnection) -> None:
    # v14 stores the long strings of events and of the heads as store/compression.py says: DuckDB sets a
    # column's compression only when its table is created, so each table is copied into a new one, in its
    # stored order (the date ranges of a page skip row groups by their dates; a head's page reads neighbours),
    # which takes its place (at 10 million events: docs/schema.md)
    def create_events(name: str) -> None:
        con.execute(TABLES["events"].replace("CREATE TABLE IF NOT EXISTS events (", f"CREATE TABLE {name} (", 1))
    compression.recreate(con, "events", create_events)
    heads.recreate_table(con)


# old version -> step to old version + 1
MIGRATIONS: dict[int, Callable[[duckdb.DuckDBPyConnection], None]] = {
    1: _v1_to_v2, 2: _v2_to_v3, 3: _v3_to_v4, 4: _v4_to_v5, 5: _v5_to_v6, 6: _v6_to_v7, 7: _v7_to_v8, 8: _v8_to_v9,
    9: _v9_to_v10, 10: _v10_to_v11, 11: _v11_to_v12, 12: _v12_to_v13, 13: _v13_to_v14,
}
# the old versions whose step changes the columns of events (which the heads copy) or the heads themselves:
# the heads are rebuilt after a migration through one of them, not after every migration (rebuilding them
# is most of the v12 -> v13 step's 266 s at 10 million events, for sums that touch no head)
CHANGES_HEADS = frozenset({3, 4, 6, 8, 10, 11})


def migrate(con: duckdb.DuckDBPyConnection, found: int) -> None:
    """Bring a database at version ``found`` up to ``SCHEMA_VERSION``, one step at a time."""
    version = found
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](con)
        version += 1
    for ddl in TABLES.values():  # tables added in later versions
        con.execute(ddl)
    for ddl in INDEXES:
        con.execute(ddl)
    heads.create_table(con)  # (v9)
    if CHANGES_HEADS.intersection(range(found, SCHEMA_VERSION)):
        heads.rebuild(con)
    con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
