"""Open (or create) an eventwire database, refusing anything that is not safely ours.

The rules, in order: a file that is not DuckDB is refused; a DuckDB file with tables but no ``meta``
table (or a ``meta`` that names another app) is refused; a newer schema is refused with upgrade
instructions; an older schema is migrated in one transaction. A refused file is never written to.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb

from eventwire.errors import DatabaseError
from eventwire.store.schema import APP_NAME, SCHEMA_VERSION, create_all, migrate

__all__ = ["connect", "schema_version", "DUCKDB_MAGIC"]

# A DuckDB file carries this 4-byte tag at offset 8 (after the checksum of the first block).
DUCKDB_MAGIC = b"DUCK"


def _looks_like_duckdb(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
    except OSError as exc:
        raise DatabaseError(f"cannot read {path}: {exc.strerror}; check the path and its permissions") from exc
    return len(head) >= 12 and head[8:12] == DUCKDB_MAGIC


def _connect_raw(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        message = str(exc)
        if "lock" in message.lower():
            raise DatabaseError(
                f"{path} is in use by another eventwire process (or another DuckDB client); "
                f"wait for it to finish or use another --db file"
            ) from exc
        raise DatabaseError(
            f"{path} could not be opened as a DuckDB database ({message.splitlines()[0]}); "
            f"pass another --db file, or move this one away if it is damaged"
        ) from exc


def schema_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The version stamped in ``meta``, or None when the database has no eventwire ``meta`` table."""
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "meta" not in tables:
        return None
    rows = dict(con.execute("SELECT key, value FROM meta").fetchall())
    if rows.get("app") != APP_NAME:
        return None
    try:
        return int(rows.get("schema_version", ""))
    except ValueError:
        return None


def connect(path: str | Path, *, read_only: bool = False, create: bool = True) -> duckdb.DuckDBPyConnection:
    """Open the database at ``path`` for eventwire, creating or migrating it when allowed.

    ``read_only`` connections never create or migrate: they report what the user should run instead.
    Raises :class:`DatabaseError` with a fix-it message for every refusal.
    """
    path = Path(path)
    if path.is_dir():
        raise DatabaseError(f"{path} is a directory; --db needs a database file such as eventwire.duckdb")
    exists = path.exists()
    if not exists and (read_only or not create):
        raise DatabaseError(f"no database at {path}; create one with `eventwire run PATH... --db {path}`")
    if exists and not _looks_like_duckdb(path):
        raise DatabaseError(
            f"{path} is not a DuckDB database (it may be another kind of file); it was left untouched. "
            f"Pass another --db file."
        )
    if exists and not read_only:
        # look first through a read-only connection: a file we refuse is then never opened for writing
        _check_read_only(path)
    con = _connect_raw(path, read_only)
    try:
        _check_or_prepare(con, path, read_only)
    except BaseException:
        con.close()
        raise
    return con


def _check_read_only(path: Path) -> None:
    """Raise the refusal for a foreign or newer database, found through a read-only connection."""
    con = _connect_raw(path, read_only=True)
    try:
        version = schema_version(con)
        if version is None:
            tables = con.execute("SELECT count(*) FROM information_schema.tables").fetchone()
            if tables and tables[0]:
                raise DatabaseError(_foreign(path))
        elif version > SCHEMA_VERSION:
            raise DatabaseError(_newer(path, version))
    finally:
        con.close()


def _foreign(path: Path) -> str:
    return (f"{path} is a DuckDB database that eventwire did not create (it has tables but no eventwire "
            f"meta table); it was left untouched. Pass another --db file.")


def _newer(path: Path, version: int) -> str:
    return (f"{path} uses eventwire schema version {version}, newer than this eventwire understands "
            f"({SCHEMA_VERSION}); upgrade eventwire (pip install -U eventwire) to read it. The file was left untouched.")


def _check_or_prepare(con: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
    version = schema_version(con)
    if version is None:
        tables = con.execute("SELECT count(*) FROM information_schema.tables").fetchone()
        if tables and tables[0]:
            raise DatabaseError(_foreign(path))
        if read_only:
            raise DatabaseError(f"{path} is an empty database; fill it with `eventwire run PATH... --db {path}`")
        _in_transaction(con, lambda: create_all(con))
        return
    if version > SCHEMA_VERSION:
        raise DatabaseError(_newer(path, version))
    if version < SCHEMA_VERSION:
        if read_only:
            raise DatabaseError(
                f"{path} uses the older schema version {version}; migrate it once with "
                f"`eventwire run --db {path}` (no inputs needed), then retry"
            )
        _in_transaction(con, lambda: migrate(con, version))


def _in_transaction(con: duckdb.DuckDBPyConnection, work: Callable[[], None]) -> None:
    con.execute("BEGIN TRANSACTION")
    try:
        work()
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
