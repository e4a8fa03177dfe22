"""``eventwire watch``: live RSS/Atom feeds -> database, polled every interval (docs/watch.md)."""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import click

from eventwire.cli.common import warn
from eventwire.errors import EventwireError
from eventwire.settings import get_settings

if TYPE_CHECKING:
    from collections.abc import Callable

    from eventwire.api.live_source import LiveSource
    from eventwire.cli.serve import ServedHere
    from eventwire.feeds import Watcher


def _read_feed_list(path: str) -> list[str]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@click.command(name="watch")
@click.argument("feed_urls", nargs=-1, metavar="FEED_URL...")
@click.option("--feeds", "feed_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help="File with one feed URL per line (# starts a comment); adds to FEED_URL arguments.")
@click.option("--every", default="15m", show_default=True,
              help="Polling interval per feed, like 90s, 15m or 1h. Failing feeds back off up to 6h.")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Database file (default: the EVENTWIRE_DB setting, eventwire.duckdb).")
@click.option("--once", is_flag=True, help="Poll every feed once, store what is new, and exit.")
@click.option("--allow-private", is_flag=True,
              help="Allow feeds and pages on private, loopback and link-local addresses (refused by default).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=15.0, show_default=True,
              help="Seconds to wait for a server before giving up on that request.")
@click.option("--max-bytes", type=click.IntRange(min=1024), default=5 << 20, show_default=True,
              help="Largest feed or page read, in bytes; bigger ones are refused.")
@click.option("--rate", type=click.FloatRange(min=0.0), default=1.0, show_default=True,
              help="Minimum seconds between two requests to the same host (robots.txt Crawl-delay may raise it).")
@click.option("--snapshot", type=click.Path(dir_okay=False), default=None,
              help="After each cycle that stored something, publish a read-only copy of the database at this "
                   "path (a symlink to the newest copy) for `eventwire serve --db PATH` in another process.")
@click.option("--serve", "serve_too", is_flag=True,
              help="Also serve the API and dashboard from this process, reading the database as it is "
                   "written: new events show after the cycle that stored them, nothing is copied.")
@click.option("--backup", "backup_to", type=click.Path(dir_okay=False), default=None,
              help="Copy the database to this file after the first cycle and then every --backup-every, between "
                   "cycles (replaced atomically; the way to back up a running service, which holds the file).")
@click.option("--backup-every", default="24h", show_default=True, help="Interval of --backup, like 6h or 1d.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address for --serve.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port for --serve.")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Processes that run extraction and the NLP stages, at a lower CPU priority "
                   "(EVENTWIRE_WATCH_NICE), so this process stays free to fetch, store and serve; 0 runs them "
                   "in this process. Default: 1, or 0 with --once (a single pass gains nothing from a child).")
@click.option("-q", "--quiet", is_flag=True, help="Only report problems.")
def command(feed_urls: tuple[str, ...], feed_file: str | None, every: str, db: str | None, once: bool,
            allow_private: bool, timeout: float, max_bytes: int, rate: float, snapshot: str | None,
            serve_too: bool, backup_to: str | None, backup_every: str, host: str, port: int, workers: int | None,
            quiet: bool) -> None:
    """Poll RSS/Atom feeds and run every new article through the pipeline into the database.

    Feeds are fetched politely (robots.txt, one request per --rate seconds per host, conditional GET)
    and defensively (timeouts, size caps, at most 5 redirects, no private addresses, hardened XML).
    A feed that fails is reported and retried later with backoff; the others carry on.
    Exit code 1 with --once when a feed failed, 2 for a usage or database problem.
    """
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.feeds import Fetcher, Watcher, parse_every

    feeds = list(feed_urls) + (_read_feed_list(feed_file) if feed_file else [])
    if not feeds:
        raise click.UsageError("give at least one FEED_URL or --feeds FILE")
    try:
        interval = parse_every(every)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from exc
    try:
        backup_interval = parse_every(backup_every)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--backup-every") from exc
    db_path = Path(db or get_settings().db)
    if serve_too and snapshot:
        raise click.UsageError("--serve reads the database itself; --snapshot is for `eventwire serve` in "
                               "another process: pass one of them")

    def log(message: str) -> None:
        if not quiet or ": error" in message or "retrying" in message:
            click.echo(f"eventwire: {message}", err=True)

    if snapshot:
        _yield_to_the_server()
    fetcher = Fetcher(allow_private=allow_private, timeout=timeout, max_bytes=max_bytes, min_interval=rate)
    source = None
    watcher = None
    served: ServedHere | None = None
    try:
        if serve_too:
            # lazy (start-up): the API stack (FastAPI, uvicorn) is loaded for --serve only
            from eventwire.api.live_source import LiveSource

            source = LiveSource(db_path)  # opened first: the watcher and the pipeline join its instance
        watcher = Watcher(feeds, db=db_path, every=interval, fetcher=fetcher, snapshot=snapshot, log=log,
                          on_stored=source.changed if source else None, backup_to=backup_to,
                          backup_every=backup_interval, workers=(0 if once else 1) if workers is None else workers)
        if once:
            reports = watcher.poll(force=True)
            watcher.backup_if_due(final=True)
            sys.exit(1 if any(r.status == "error" for r in reports) else 0)
        stop = threading.Event()
        _stop_on_sigterm(stop)
        try:
            if source is not None:
                served = _serve_when_loaded(watcher, source, str(db_path), host, port, log)
            watcher.run(stop=stop)
        except BaseException as exc:
            if not _interrupted(exc):
                raise
            stop.set()
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(2)
    finally:
        if served is not None and not served.stop():
            # loaded already: the server was started from that module
            from eventwire.cli.serve import STOP_WAIT_SECONDS

            log(f"the server did not stop within {STOP_WAIT_SECONDS:.0f} s; closing the database anyway")
        fetcher.close()
        if watcher is not None:
            watcher.close()
        if source is not None:
            source.close()


def _yield_to_the_server() -> None:
    """With ``--snapshot`` the API is another process (`eventwire serve`) on the same cores, and this one
    serves nothing: all of it (fetching, storing, copying each snapshot) runs at the lower priority of
    EVENTWIRE_WATCH_NICE, as the stage processes do with ``--serve``, so when cores are short the
    server's requests come first (a cycle gets slower, answers do not). The stage processes add the
    same niceness again, up to the lowest priority there is."""
    nice = get_settings().watch_nice
    if nice > 0:
        os.nice(nice)


def _interrupted(exc: BaseException) -> bool:
    """Ctrl+C or SIGTERM: a KeyboardInterrupt, or what DuckDB makes of one that lands inside a query (its
    InterruptException, which the store may wrap in a DatabaseError, or a bare ``RuntimeError("Query
    interrupted")`` when the signal arrives while a connection is being opened, which keeps no trace of
    the KeyboardInterrupt); DuckDB rolls that transaction back. After SIGTERM any error is taken for the
    stop: the signal's KeyboardInterrupt may surface as whatever the code it landed in made of it."""
    if _terminated.is_set():
        return True
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt) or type(seen).__name__ == "InterruptException":
            return True
        if isinstance(seen, RuntimeError) and str(seen) == "Query interrupted":
            return True
        seen = seen.__cause__ or seen.__context__
    return False


# How long `watch --serve` waits for its stage processes' models, then for the app's priming, before
# serving and watching anyway (a loaded machine can take a minute to load spaCy).
_LOAD_SECONDS = 120.0

_terminated = threading.Event()  # set by SIGTERM: whatever the KeyboardInterrupt became, it was the stop


def _stop_on_sigterm(stop: threading.Event) -> None:
    """A service manager stops a service with SIGTERM: end as on Ctrl+C, closing the database cleanly.
    ``stop`` (the watch loop's) is set too: the KeyboardInterrupt can be lost inside a cycle (taken
    for a failure of the work it landed in; where was not found), and ``watch`` then polled on for 45
    minutes after a SIGTERM (bench/load.py at load average 12); the loop now ends after that cycle."""

    def handler(signum: int, frame: object) -> None:
        _terminated.set()
        stop.set()
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, handler)


def _serve_when_loaded(watcher: Watcher, source: LiveSource, db: str, host: str, port: int,
                       log: Callable[[str], None]) -> ServedHere:
    """Warm first, then open the port (issue 17): answered while the stage processes load their models and
    the API its dictionaries and blocks, on the same cores, the first requests waited seconds. The first
    cycle starts once the app is primed, on a loaded pool."""
    if not watcher.wait_loaded(_LOAD_SECONDS):
        log(f"the stage processes did not load within {_LOAD_SECONDS:.0f} s; serving anyway")
    served = _serve_in_background(source, db, host, port)
    served.ready.wait(_LOAD_SECONDS)
    return served


def _serve_in_background(source: LiveSource, db: str, host: str, port: int) -> ServedHere:
    """Serve from a thread of this process; its ``ready`` is set once the app is primed and its port about
    to open, or when the server failed before that. Stopped by the command before the database closes."""
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.cli.serve import ServedHere, serve

    token = get_settings().token or None
    served = ServedHere()

    def target() -> None:
        try:
            serve(db, host, port, token, source=source, here=served,
                  announce=f"eventwire: serving {db} live (as the watcher writes it) at http://{host}:{port}/")
        except Exception as exc:  # noqa: BLE001 - the watcher keeps going; say why the server stopped
            warn(f"the server stopped: {exc}")
        finally:
            served.ready.set()  # failed (or stopped): the watcher does not wait for it

    # a daemon still, so that a server that does not stop in time cannot keep the process alive
    served.thread = threading.Thread(target=target, name="eventwire-serve", daemon=True)
    served.thread.start()
    return served
