"""`eventwire demo`: bundled samples -> embedded database -> dashboard."""

from __future__ import annotations

import socket
import sys
from pathlib import Path

import click

from eventwire.errors import EventwireError

__all__ = ["command", "samples_dir"]


def samples_dir() -> Path:
    """The demo corpus shipped inside the package (written for the project; fictional events)."""
    return Path(__file__).resolve().parent.parent / "samples"


def sample_captures() -> list[str]:
    """The capture files and folders of the demo corpus (its README is documentation, not a capture)."""
    root = samples_dir()
    return [str(p) for p in sorted(root.iterdir()) if p.name != "README.md"]


def _free_port(host: str, preferred: int) -> int:
    for port in [preferred, *range(preferred + 1, preferred + 50)]:
        with socket.socket() as probe:
            try:
                probe.bind((host, port))
            except OSError:
                continue
            return port
    raise click.UsageError(f"no free port near {preferred} on {host}; pass --port")


def print_summary(db: str) -> None:
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.read import questions as ask
    from eventwire.read.filters import EventFilter
    from eventwire.store.db import connect

    con = connect(db, read_only=True)
    try:
        stats = ask.stats(con)
        dyads = ask.dyad_table(con, EventFilter(), 8).to_pylist()
    finally:
        con.close()
    click.echo(f"\n{stats['articles']} articles in {stats['stories']} stories, {stats['events']} events "
               f"({stats['mentions']} mentions), {stats['quotes']} quotes, dates "
               f"{stats['first_date']} to {stats['last_date']}")
    click.echo(f"{'actor A':<28} {'actor B':<28} {'events':>6} {'mentions':>8} {'Goldstein':>9}")
    for d in dyads:
        a = f"{d['a_name'] or ''} ({d['a']})"
        b = f"{d['b_name'] or ''} ({d['b']})"
        click.echo(f"{a[:28]:<28} {b[:28]:<28} {d['events']:>6} {d['mentions']:>8} {d['goldstein_mean']:>9.2f}")


@click.command(name="demo")
@click.option("--db", type=click.Path(dir_okay=False), default="eventwire-demo.duckdb", show_default=True,
              help="Database file for the demo (rebuilt from the samples if missing).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address for the dashboard (loopback).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Preferred port; the next free one is used if it is taken.")
@click.option("--no-serve", is_flag=True, help="Build the database and print the summary, but do not serve.")
def command(db: str, host: str, port: int, no_serve: bool) -> None:
    """Run the pipeline on the bundled sample captures and open the dashboard on them."""
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.cli.serve import is_loopback, serve
    from eventwire.pipeline import run

    if not is_loopback(host):
        raise click.UsageError("the demo serves on loopback only; use `eventwire serve --token` to expose a database")
    try:
        summary = run(sample_captures(), db=db, progress=True, command="demo")
        click.echo(summary.line(), err=True)
        print_summary(db)
        if no_serve:
            return
        port = _free_port(host, port)
        url = f"http://{host}:{port}/"
        click.echo(f"\nDashboard: {url}   (API docs: {url}docs; Ctrl+C stops)")
        sys.stdout.flush()
        serve(db, host, port, None, announce=f"eventwire: serving {db} at {url}")
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(2)
