"""Open (or create) an eventwire database, refusing anything that is not safely ours.

The rules, in order: a file that is not DuckDB is refused; a DuckDB file with tables but no ``meta``
table (or a ``meta`` that names another app) is refused; a newer schema is refused with upgrade
instructions; an older schema is migrated in one transaction. A refused file is never written to.

Every failure of DuckDB itself is named for what it is (:func:`database_failure`): held by another
process, truncated, corrupt, out of disk space, or unreadable, each with its fix; a corrupt file is
never reported as "in use". A run that was killed (still marked ``running`` when the database is next
opened for writing, which DuckDB's file lock allows to one process only) is marked ``killed``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from eventwire.errors import DatabaseError
from eventwire.store.schema import APP_NAME, SCHEMA_VERSION, create_all, migrate

if TYPE_CHECKING:
    import pyarrow as pa  # (start-up: the commands that only open a database need no Arrow)

__all__ = ["arrow", "connect", "schema_version", "database_failure", "is_storage_failure", "run_started", "run_ended", "DUCKDB_MAGIC"]

# A DuckDB file carries this 4-byte tag at offset 8 (after the checksum of the first block).
DUCKDB_MAGIC = b"DUCK"
# Runs this process is writing: DuckDB's write lock keeps every other process out, so a run still
# marked 'running' that is not one of these was killed before it could mark itself.
_ACTIVE_RUNS: set[str] = set()

# (words DuckDB or the OS put in the message, what it means, the fix), checked in this order: the
# lock test looks for DuckDB's own lock wording, not "lock" alone ("block" is in checksum errors).
_FAILURES = (
    (("could not set lock", "conflicting lock"),
     "is in use by another eventwire process (or another DuckDB client)",
     "wait for it to finish or use another --db file"),
    (("no space left", "disk is full", "file too large", "disk full"),
     "could not be written: the disk (or the file size limit) is full",
     "free some space and rerun the same command; the batches already committed are kept"),
    (("could not read enough bytes", "attempted to read", "unexpected end of file"),
     "is truncated (the file ends where DuckDB expects more data; a copy cut short?)",
     "restore it from a backup or a complete copy, or pass another --db file; it was left untouched"),
    (("corrupt", "checksum", "invalid block", "malformed"),
     "is corrupt (its checksums do not match: damaged on disk or overwritten)",
     "restore it from a backup, or move it away and rebuild it with `eventwire run`; it was left untouched"),
    (("permission denied", "read-only file system"),
     "cannot be opened: permission denied",
     "check the permissions of the file and its folder, or pass another --db file"),
)


def database_failure(path: str | Path, exc: BaseException) -> DatabaseError:
    """A :class:`DatabaseError` naming what a DuckDB (or OS) error means for ``path``, with its fix."""
    message = str(exc)
    first = message.splitlines()[0][:300] if message else type(exc).__name__
    lowered = message.lower()
    for words, meaning, fix in _FAILURES:
        if any(word in lowered for word in words):
            return DatabaseError(f"{path} {meaning}; {fix} (DuckDB: {first})")
    return DatabaseError(
        f"{path} could not be used as a DuckDB database ({first}); "
        f"pass another --db file, or move this one away if it is damaged"
    )


def is_storage_failure(exc: BaseException) -> bool:
    """True when an error is about the file or the disk (not about one batch's values): retrying
    the rows one by one cannot help, the run must stop and say so."""
    lowered = str(exc).lower()
    return isinstance(exc, duckdb.IOException) or any(
        word in lowered for words, _, _ in _FAILURES for word in words)


def run_started(run_id: str) -> None:
    """Note that this process is writing run ``run_id`` (so it is not taken for a killed one)."""
    _ACTIVE_RUNS.add(run_id)


def run_ended(run_id: str) -> None:
    _ACTIVE_RUNS.discard(run_id)


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
    except (duckdb.Error, OSError) as exc:
        raise database_failure(path, exc) from exc


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
        if not read_only:
            _mark_killed_runs(con)
    except duckdb.Error as exc:  # a file that opens but fails when read (truncated tables, bad blocks)
        con.close()
        raise database_failure(path, exc) from exc
    except BaseException:
        con.close()
        raise
    return con


def _mark_killed_runs(con: duckdb.DuckDBPyConnection) -> None:
    """Runs left 'running' by a process that was killed are marked 'killed' (see the module docstring)."""
    active = sorted(_ACTIVE_RUNS)
    con.execute("UPDATE runs SET status = 'killed' WHERE status = 'running' AND NOT list_contains(?, id)",
                [active])


def _check_read_only(path: Path) -> None:
    """Raise the refusal for a foreign or newer database, found through a read-only connection."""
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.ConnectionException as exc:
        if "different configuration" in str(exc):
            return  # this process holds it open for writing (``eventwire serve --watch``): checked then
        raise database_failure(path, exc) from exc
    except (duckdb.Error, OSError) as exc:
        raise database_failure(path, exc) from exc
    try:
        version = schema_version(con)
        if version is None:
            tables = con.execute("SELECT count(*) FROM information_schema.tables").fetchone()
            if tables and tables[0]:
                raise DatabaseError(_foreign(path))
        elif version > SCHEMA_VERSION:
            raise DatabaseError(_newer(path, version))
    except duckdb.Error as exc:
        raise database_failure(path, exc) from exc
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


def arrow(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> pa.Table:
    """A query's result as Arrow, without the extra copy of the DB-API path (the read layer's answers,
    the heads' pages, the rows a writer's batch rewrote)."""
    relation = con.sql(sql, params=params or None)
    method = getattr(relation, "to_arrow_table", None) or relation.arrow  # DuckDB < 1.4 spells it arrow()
    table: pa.Table = method()
    return table
