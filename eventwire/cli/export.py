"""``eventwire export``: events as GDELT 2.0 rows, PLOVER JSON, Parquet or CSV, with the query filters."""

from __future__ import annotations

import sys
from typing import Any

import click

import eventwire
from eventwire.cli.common import filter_options, filters_from
from eventwire.errors import EventwireError


@click.command(name="export")
@click.option("--format", "fmt", type=click.Choice(["gdelt", "plover", "parquet", "csv"]), required=True,
              help="gdelt: GDELT 2.0 event table (61 tab-separated columns); plover: PLOVER JSON records "
                   "(JSONL); parquet: a directory partitioned by year/month; csv: the events table.")
@filter_options
@click.option("--all-modes", is_flag=True,
              help="gdelt: keep negated and hypothetical events too (left out by default).")
@click.option("-o", "--output", type=click.Path(), default=None,
              help="Output file (a directory for parquet); default standard output. A file gets its "
                   "versions in FILE.provenance.json.")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Database file (default: EVENTWIRE_DB, else ./eventwire.duckdb).")
def command(fmt: str, all_modes: bool, output: str | None, db: str | None, **options: Any) -> None:
    """Write the events that pass every filter (all of them by default) in a standard format
    (docs/export.md). The filters are those of `eventwire query` and the HTTP API (docs/api.md)."""
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.export import export

    try:
        flt = filters_from(options)
        with eventwire.open(db) as store:
            count = export(store, fmt, output, flt, all_modes=all_modes)
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        raise
    except OSError as exc:
        click.echo(f"eventwire: error: cannot write {output or 'to standard output'}: {exc.strerror}", err=True)
        sys.exit(2)
    if output:
        click.echo(f"{count} events -> {output}", err=True)
