"""``eventwire export``: the database's events as GDELT 2.0 rows, PLOVER JSON, Parquet or CSV."""

from __future__ import annotations

import sys

import click


@click.command(name="export")
@click.option("--format", "fmt", type=click.Choice(["gdelt", "plover", "parquet", "csv"]), required=True,
              help="gdelt: GDELT 2.0 event table (61 tab-separated columns); plover: PLOVER JSON records "
                   "(JSONL); parquet: a directory partitioned by year/month; csv: the events table.")
@click.option("-o", "--output", type=click.Path(), default=None,
              help="Output file (a directory for parquet); default standard output.")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Database file (default: EVENTWIRE_DB, else ./eventwire.duckdb).")
def command(fmt: str, output: str | None, db: str | None) -> None:
    """Write every aggregated event of the database in a standard format (docs/export.md)."""
    import eventwire
    from eventwire.errors import EventwireError
    from eventwire.export import export

    try:
        with eventwire.open(db) as store:
            count = export(store, fmt, output)
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"eventwire: error: cannot write {output}: {exc.strerror}", err=True)
        sys.exit(2)
    if output:
        click.echo(f"{count} events -> {output}", err=True)
