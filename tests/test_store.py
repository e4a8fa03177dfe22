"""The database file: created and stamped, foreign files refused untouched, versions checked and migrated."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

from eventwire.errors import DatabaseError
from eventwire.records import Actor, Article, Event, Plover, Span
from eventwire.store import compression, heads, schema
from eventwire.store.db import connect, schema_version
from eventwire.store.writer import ArticleResult, Writer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}


def test_new_database_has_every_table_and_the_version(tmp_path: Path) -> None:
    con = connect(tmp_path / "new.duckdb")
    assert set(schema.TABLES) <= _tables(con)
    assert schema_version(con) == schema.SCHEMA_VERSION
    con.close()
    again = connect(tmp_path / "new.duckdb")  # reopening is a no-op
    assert schema_version(again) == schema.SCHEMA_VERSION
    again.close()


def test_design_tables_are_present() -> None:
    for name in ("articles", "stories", "events", "event_mentions", "actors", "quotes", "places", "runs"):
        assert name in schema.TABLES


def test_text_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.duckdb"
    path.write_text("my precious notes\n" * 10)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not a DuckDB database"):
        connect(path)
    assert path.read_bytes() == before


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.duckdb"
    path.touch()
    with pytest.raises(DatabaseError):
        connect(path)
    assert path.stat().st_size == 0


def test_foreign_duckdb_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (id INTEGER, amount DOUBLE)")
    con.execute("INSERT INTO sales VALUES (1, 9.5)")
    con.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="did not create"):
        connect(path)
    assert path.read_bytes() == before
    con = duckdb.connect(str(path))
    assert _tables(con) == {"sales"}
    con.close()


def test_meta_of_another_app_is_foreign(tmp_path: Path) -> None:
    path = tmp_path / "meta.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
    con.execute("INSERT INTO meta VALUES ('app', 'someone-else'), ('schema_version', '1')")
    con.close()
    with pytest.raises(DatabaseError, match="did not create"):
        connect(path)


def test_newer_schema_is_refused_with_instructions(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    connect(path).close()
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(schema.SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(DatabaseError, match="upgrade eventwire"):
        connect(path)
    with pytest.raises(DatabaseError, match="upgrade eventwire"):
        connect(path, read_only=True)


def test_older_schema_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    # what version 1 lacked: the inputs table and articles.coder_version
    for name, ddl in schema.TABLES.items():
        if name != "inputs":
            con.execute(ddl)
    con.execute("ALTER TABLE articles DROP COLUMN coder_version")
    con.execute("INSERT INTO meta VALUES ('app', 'eventwire'), ('schema_version', '1')")
    con.execute("INSERT INTO articles (id, text) VALUES ('a1', 'kept text')")
    con.close()
    with pytest.raises(DatabaseError, match="older schema"):
        connect(path, read_only=True)  # a reader never migrates
    con = connect(path)
    assert schema_version(con) == schema.SCHEMA_VERSION
    assert "inputs" in _tables(con)
    assert con.execute("SELECT text, coder_version FROM articles").fetchall() == [("kept text", None)]
    con.close()


def test_missing_database_for_reading_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="eventwire run"):
        connect(tmp_path / "absent.duckdb", read_only=True)


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="directory"):
        connect(tmp_path)


def test_version_5_gains_the_symmetric_column(tmp_path: Path) -> None:
    path = tmp_path / "v5.duckdb"
    con = duckdb.connect(str(path))
    for ddl in schema.TABLES.values():
        con.execute(ddl)
    for table in ("event_mentions", "events"):
        con.execute(f'ALTER TABLE {table} DROP COLUMN "symmetric"')
    con.execute("INSERT INTO meta VALUES ('app', 'eventwire'), ('schema_version', '5')")
    con.close()
    con = connect(path)
    for table in ("event_mentions", "events"):
        assert "symmetric" in {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
    con.close()


def _meeting(article_id: str, first: str, second: str) -> ArticleResult:
    def actor(code: str, start: int) -> Actor:
        return Actor(text=code, start=start, end=start + 3, code=code, country=code, kind="state")

    sentence = f"{first} met {second}."
    event = Event(id=article_id, article_id=article_id, sentence_index=0, sentence=sentence,
                  trigger=Span("met", 4, 7), source=actor(first, 0), target=actor(second, 8), cameo="040",
                  cameo_root="04", plover=Plover("CONSULT"), goldstein=1.0, quad_class=1, date="2008-08-07",
                  symmetric=True)
    article = Article(id=article_id, uri=f"file:{article_id}", text=sentence, published="2008-08-07T00:00:00Z")
    return ArticleResult(article=article, story_id="story", events=[event])


def test_a_symmetric_event_named_in_either_order_is_one_event(tmp_path: Path) -> None:
    con = connect(tmp_path / "db.duckdb")
    writer = Writer(con)
    run = writer.start_run("test", "test")
    writer.write_batch(run, [_meeting("a1", "RUS", "GEO"), _meeting("a2", "GEO", "RUS")])
    rows = con.execute('SELECT num_mentions, "symmetric" FROM events').fetchall()
    assert rows == [(2, True)]
    con.close()


def _compressions(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, set[str]]:
    """How the stored strings of ``table``'s WIDE_COLUMNS are compressed (their values, not their validity)."""
    found: dict[str, set[str]] = {}
    for column, how in con.execute(
            f"SELECT DISTINCT column_name, compression FROM pragma_storage_info('{table}') WHERE segment_type = 'VARCHAR' "
            "AND column_name IN (SELECT unnest(?::VARCHAR[]))", [list(compression.WIDE_COLUMNS)]).fetchall():
        found.setdefault(column, set()).add(how)
    return found


STORED = {**{c: {"Uncompressed"} for c in compression.PLAIN_COLUMNS}, **{c: {"ZSTD"} for c in compression.ZSTD_COLUMNS}}


def _declared(con: duckdb.DuckDBPyConnection, table: str) -> str:
    return str(con.execute("SELECT sql FROM duckdb_tables() WHERE table_name = ?", [table]).fetchall()[0][0]).upper()


def test_version_13_events_are_copied_into_their_compressions_and_the_heads_are_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """v14 stores the long strings of events and of the heads uncompressed or with zstd (a page's rows spread
    over the table read faster, a scan of the sentence too): the migration copies the same rows, in their
    stored order, into tables declared so, which new rows keep. The heads are copied, not rebuilt."""
    path = tmp_path / "v13.duckdb"
    make_events_db.build(path, 300, seed=5)
    with duckdb.connect(str(path)) as con:  # the tables as v13 stored them: DuckDB chose each column's compression
        old = schema.TABLES["events"].replace(" USING COMPRESSION zstd", "").replace(" USING COMPRESSION uncompressed", "")
        con.execute(old.replace("CREATE TABLE IF NOT EXISTS events (", "CREATE TABLE _v13 (", 1))
        con.execute("INSERT INTO _v13 BY NAME SELECT * FROM events")
        con.execute("DROP TABLE events")
        con.execute("ALTER TABLE _v13 RENAME TO events")
        con.execute("CREATE TABLE _v13_heads AS SELECT * FROM event_heads")
        con.execute("DROP TABLE event_heads")
        con.execute("ALTER TABLE _v13_heads RENAME TO event_heads")
        con.execute("UPDATE meta SET value = '13' WHERE key = 'schema_version'")
        con.execute("CHECKPOINT")
        for table in ("events", "event_heads"):
            assert all(not {"ZSTD", "Uncompressed"} & how for how in _compressions(con, table).values())
        events = con.execute("SELECT * FROM events ORDER BY rowid").fetchall()
        head_rows = con.execute("SELECT * FROM event_heads ORDER BY rowid").fetchall()

    def no_rebuild(con: duckdb.DuckDBPyConnection) -> None:
        raise AssertionError("the heads were rebuilt")

    monkeypatch.setattr(heads, "rebuild", no_rebuild)
    con = connect(path)
    try:
        con.execute("CHECKPOINT")
        assert schema_version(con) == schema.SCHEMA_VERSION
        assert con.execute("SELECT * FROM events ORDER BY rowid").fetchall() == events
        assert con.execute("SELECT * FROM event_heads ORDER BY rowid").fetchall() == head_rows
        for table in ("events", "event_heads"):
            assert _compressions(con, table) == STORED
            assert all(f"{c.upper()} VARCHAR USING COMPRESSION UNCOMPRESSED" in _declared(con, table)
                       for c in compression.PLAIN_COLUMNS)
            assert all(f"{c.upper()} VARCHAR USING COMPRESSION ZSTD" in _declared(con, table) for c in compression.ZSTD_COLUMNS)
        assert "PRIMARY KEY" in _declared(con, "events")
    finally:
        con.close()


def test_a_new_database_stores_the_long_strings_of_events_and_heads_as_declared(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    make_events_db.build(path, 200, seed=6)
    con = connect(path)
    try:
        con.execute("CHECKPOINT")
        for table in ("events", "event_heads"):
            assert _compressions(con, table) == STORED
    finally:
        con.close()


def test_only_steps_that_change_what_the_heads_copy_rebuild_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rebuilt: list[int] = []
    monkeypatch.setattr(heads, "rebuild", lambda con: rebuilt.append(1))
    monkeypatch.setattr(schema, "MIGRATIONS", {v: (lambda con: None) for v in schema.MIGRATIONS})
    con = duckdb.connect(str(tmp_path / "steps.duckdb"))
    schema.create_all(con)
    for found, expected in ((12, 0), (11, 1), (13, 0), (3, 1)):
        rebuilt.clear()
        schema.migrate(con, found)
        assert len(rebuilt) == expected, found
    con.close()
