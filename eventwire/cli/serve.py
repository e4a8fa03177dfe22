"""`eventwire serve`: the HTTP API and the dashboard."""

from __future__ import annotations

import ipaddress
import os
import sys

import click

from eventwire.errors import EventwireError
from eventwire.settings import get_settings

__all__ = ["command", "is_loopback", "serve"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(db: str, host: str, port: int, token: str | None, *, announce: str | None = None) -> None:
    """Run the app until interrupted. Refuses a non-loopback bind without a token."""
    import uvicorn

    from eventwire.api import create_app
    from eventwire.store.db import connect

    if not is_loopback(host) and not token:
        raise click.UsageError(
            f"binding {host} exposes the database beyond this machine: pass --token TOKEN "
            f"(or set EVENTWIRE_TOKEN); clients then send 'Authorization: Bearer TOKEN'"
        )
    connect(db, read_only=True).close()  # fail now, with the database's own message, not on first request
    app = create_app(db, token=token or None)
    click.echo(announce or f"eventwire: serving {db} at http://{host}:{port}/ (API docs at /docs); Ctrl+C stops",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@click.command(name="serve")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Database file (default: the EVENTWIRE_DB setting, eventwire.duckdb).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback needs --token.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--token", default=None,
              help="Token every request must carry (default: EVENTWIRE_TOKEN). Required off loopback.")
def command(db: str | None, host: str, port: int, token: str | None) -> None:
    """Serve the HTTP API (/api/..., docs at /docs) and the dashboard (/) for a database."""
    settings = get_settings()
    try:
        serve(db or str(settings.db), host, port, token or settings.token or os.environ.get("EVENTWIRE_TOKEN"))
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(2)
