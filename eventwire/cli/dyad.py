"""``eventwire dyad A B``: how two actors treat each other over time, both directions."""

from __future__ import annotations

import sys
from typing import Any

import click

import eventwire
from eventwire.cli.common import filter_options, filters_from
from eventwire.errors import EventwireError


@click.command(name="dyad")
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(["day", "week", "month", "year"]), default="month", show_default=True,
              help="Length of each period.")
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "parquet"]), default="table",
              show_default=True, help="Output format (parquet needs -o FILE).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to this file.")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Database file (default: EVENTWIRE_DB, else ./eventwire.duckdb).")
def command(a: str, b: str, by: str, fmt: str, output: str | None, db: str | None, **options: Any) -> None:
    """Per period and direction (A->B, B->A): events, mentions, events per QuadClass, mean Goldstein.

    A and B are names, CAMEO actor codes or code prefixes (Russia, RUS, NATO, IGOWSTNAT); the filters
    (docs/api.md) narrow the events counted. The numbers are those of /api/dyads/A/B/series.
    """
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.cli.query import write_answer
    from eventwire.read.questions import dyad_series

    try:
        flt = filters_from(options)
        with eventwire.open(db) as store:
            table = dyad_series(store.con, a, b, by, flt)
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(2)
    if fmt == "table" and table.num_rows == 0:
        click.echo(f"no events between {a} and {b}", err=True)
        return
    write_answer(table, fmt, output)
