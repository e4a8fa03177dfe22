"""`eventwire serve`: the HTTP API and the dashboard."""

from __future__ import annotations

import ipaddress
import os
import sys
import threading
from typing import TYPE_CHECKING, Any

import click

from eventwire.errors import EventwireError
from eventwire.settings import get_settings

if TYPE_CHECKING:
    from eventwire.api.live_source import LiveSource

__all__ = ["command", "is_loopback", "serve", "ServedHere", "STOP_GRACE_SECONDS", "STOP_WAIT_SECONDS"]

# How long a stopped in-process server (`watch --serve`) lets the requests it is answering finish before
# cancelling them: a page takes milliseconds; a stuck client must not hold up the database's closing.
STOP_GRACE_SECONDS = 5
# How long ServedHere.stop() waits for the server's thread: that grace, and a margin for the loop to close.
STOP_WAIT_SECONDS = STOP_GRACE_SECONDS + 10


class ServedHere:
    """The server ``watch --serve`` runs on a thread of its own process: ``ready`` is set once the app is
    primed (or serving failed), and :meth:`stop` ends it before the database it reads is closed.

    Why it must be stopped, not left to die with the process as a daemon thread: ``watch --serve`` exited
    with SIGSEGV after SIGTERM, now and then, in CI (tests/test_watch_pool.py), its data committed. The core
    dump: the main thread in libc's exit handlers, and in the server's thread uvloop's timer callback (uvicorn
    wakes every 0.1 s) calling ``PyGILState_Ensure`` after the interpreter had been finalized. Stopped, the
    loop answers what it was answering, closes its connections and its worker threads, and returns: no timer
    is left to fire."""

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._server: Any = None  # the uvicorn.Server once built (uvicorn is imported lazily)
        self._stopping = False

    def running(self, server: Any) -> bool:
        """Hand over the server about to run; False when a stop came first (then it must not run)."""
        with self._lock:
            self._server = server
            return not self._stopping

    def stop(self, timeout: float = STOP_WAIT_SECONDS) -> bool:
        """Ask the server to finish and wait up to ``timeout`` seconds for its thread; True when it ended."""
        with self._lock:
            self._stopping = True
            if self._server is not None:
                self._server.should_exit = True  # uvicorn's documented way out: seen within its 0.1 s tick
        if self.thread is None:
            return True
        self.thread.join(timeout)
        return not self.thread.is_alive()


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(db: str, host: str, port: int, token: str | None, *, announce: str | None = None, workers: int = 1,
          source: LiveSource | None = None, here: ServedHere | None = None) -> None:
    """Run the app until interrupted. Refuses a non-loopback bind without a token.

    The app is primed before the port opens (:func:`eventwire.api.warm.prime`: dictionaries, the
    database's blocks, the dashboard's first answers), so no request waits for them, and what it loaded
    is then frozen out of the garbage collector's full collections (:func:`eventwire.api.warm.freeze_loaded`);
    ``here.ready`` is set then, or when serving failed before (``watch --serve`` waits for it before its first
    cycle), and ``here.stop()`` ends the server (:class:`ServedHere`).
    A database file's tables are read into the OS page cache meanwhile and after, on a thread of their own
    (:func:`eventwire.api.warm.start_read_ahead`).

    With ``workers`` > 1, uvicorn starts that many processes on one socket, each with its own
    read-only connection and answer cache (DuckDB lets several processes read one file); they learn
    the database and token from EVENTWIRE_DB / EVENTWIRE_TOKEN, set here for them. With ``source``
    (``watch --serve``), the app reads the database this process writes, in this process only.
    """
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    import uvicorn

    from eventwire.api import create_app
    from eventwire.api.app import SERVE_HOSTS_VARIABLE
    from eventwire.api.server import KEEP_ALIVE_TIMEOUT, allowed_hosts, protocol_class, token_problem
    from eventwire.api.warm import freeze_loaded, prime, start_read_ahead
    from eventwire.store.db import connect

    if not is_loopback(host) and not token:
        raise click.UsageError(
            f"binding {host} exposes the database beyond this machine: pass --token TOKEN "
            f"(or set EVENTWIRE_TOKEN); clients then send 'Authorization: Bearer TOKEN'"
        )
    weak = token_problem(token) if token else None
    if weak:
        raise click.UsageError(f"{weak}: pass a random one, e.g. the output of "
                               "`python -c 'import secrets; print(secrets.token_urlsafe(24))'`")
    hosts = allowed_hosts(host)
    timeouts: dict[str, Any] = {"http": protocol_class(), "timeout_keep_alive": KEEP_ALIVE_TIMEOUT}
    if source is not None and workers > 1:
        raise click.UsageError("a live database is served by the process that writes it: one worker")
    if source is None:
        connect(db, read_only=True).close()  # fail now, with the database's own message, not on first request
    click.echo(announce or f"eventwire: serving {db} at http://{host}:{port}/ (API docs at /docs)"
               f"{f' with {workers} worker processes' if workers > 1 else ''}; Ctrl+C stops", err=True)
    if workers > 1:
        os.environ["EVENTWIRE_DB"] = db
        os.environ["EVENTWIRE_TOKEN"] = token or ""
        os.environ[SERVE_HOSTS_VARIABLE] = ",".join(sorted(hosts or ()))
        uvicorn.run("eventwire.api.app:app_from_settings", factory=True, host=host, port=port, workers=workers,
                    log_level="warning", **timeouts)
    else:
        app = create_app(db, token=token or None, background_reload=True, hosts=hosts, source=source)
        served = app.state.answers.source
        if hasattr(served, "index_report"):  # which path answers the pages: the in-memory index, or SQL alone
            served.index_report = lambda state: click.echo(f"eventwire: events index: {state}", err=True)
        # the tables' blocks into the page cache, behind the priming (bench/api_latency.py reports the line)
        start_read_ahead(app.state.answers.source, lambda read, seconds: click.echo(
            f"eventwire: read {read / 2**20:,.0f} MB of {db} ahead into the page cache in {seconds:.1f}s", err=True))
        prime(app, token or None)
        freeze_loaded()  # the dictionaries and the app, out of the full collections' walk
        if here is None:  # this process serves until it is stopped: its signal handlers end the server
            uvicorn.run(app, host=host, port=port, log_level="warning", **timeouts)
            return
        server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning",
                                               timeout_graceful_shutdown=STOP_GRACE_SECONDS, **timeouts))
        here.ready.set()
        if here.running(server):
            server.run()


@click.command(name="serve")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Database file (default: the EVENTWIRE_DB setting, eventwire.duckdb).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback needs --token.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--token", default=None,
              help="Token every request must carry (default: EVENTWIRE_TOKEN). Required off loopback.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes sharing the port (each with its own connection, at most 512 MB of "
                   "DuckDB memory and 128 MB of cached answers). More than one helps under concurrent load on "
                   "several cores.")
def command(db: str | None, host: str, port: int, token: str | None, workers: int) -> None:
    """Serve the HTTP API (/api/..., docs at /docs) and the dashboard (/) for a database."""
    settings = get_settings()
    try:
        serve(db or str(settings.db), host, port, token or settings.token or os.environ.get("EVENTWIRE_TOKEN"),
              workers=workers)
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(2)
