"""``eventwire dyad A B``: how two actors treat each other over time, both directions."""

from __future__ import annotations

import sys

import click

from eventwire.cli.common import format_option


@click.command(name="dyad")
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True,
              help="Length of each period.")
@format_option(["table", "csv"], "table")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Database file (default: EVENTWIRE_DB, else ./eventwire.duckdb).")
def command(a: str, b: str, by: str, fmt: str, db: str | None) -> None:
    """Counts per QuadClass and mean Goldstein per period for A->B and B->A.

    A and B are CAMEO actor codes or prefixes (RUS, IGOWSTNAT), ISO3 countries, or names.
    """
    import eventwire
    from eventwire.errors import EventwireError

    try:
        with eventwire.open(db) as store:
            frame = store.dyad(a, b, by=by)
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(2)
    if fmt == "csv":
        frame.to_csv(sys.stdout, index=False)
    elif frame.empty:
        click.echo(f"no events between {a} and {b}", err=True)
    else:
        click.echo(frame.to_string(index=False))
