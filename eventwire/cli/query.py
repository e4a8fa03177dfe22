"""``eventwire query [VIEW]``: ask the database a question, with the filters of docs/api.md.

The views are the HTTP API's: ``events`` (default), ``actors``, ``dyads``, ``network``, ``places``,
``stats``; each is one function of :mod:`eventwire.read.questions`, so the numbers are the API's and
``eventwire.open``'s.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

import eventwire
from eventwire.cli.common import filter_options, filters_from
from eventwire.errors import EventwireError

VIEWS = ("events", "actors", "dyads", "network", "places", "stats")
# the columns a terminal table shows of an event (csv/jsonl/parquet have them all)
EVENT_TABLE = ("date", "date_precision", "source_code", "source_name", "target_code", "target_name", "cameo",
               "plover_type", "plover_mode", "goldstein", "num_mentions", "num_sources", "location_name")


def answer(store: Any, view: str, flt: Any, *, limit: int | None, sort: str, descending: bool) -> Any:
    """The view's answer as an Arrow table (stats: a dict)."""
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.read import questions as ask

    con = store.con
    if view == "events":
        return ask.event_table(con, flt, sort=sort, descending=descending, limit=limit)
    if view == "actors":
        return ask.actor_table(con, flt, limit or 20)
    if view == "dyads":
        return ask.dyad_table(con, flt, limit or 20)
    if view == "network":
        return ask.network_edges(con, flt, limit=limit or 300)
    if view == "places":
        return ask.place_table(con, flt, limit or 2000)
    return ask.stats(con, flt)


def write_answer(table: Any, fmt: str, output: str | None, columns: tuple[str, ...] | None = None) -> None:
    """An Arrow table as a terminal table, CSV, JSONL or Parquet (standard output or ``output``)."""
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.read.tables import csv_chunks, jsonl_chunks, parquet_chunks, write_text_table

    if fmt == "parquet":
        if not output:
            raise click.UsageError("--format parquet needs -o FILE")
        with open(output, "wb") as handle:
            for chunk in parquet_chunks(table):
                handle.write(chunk)
        return
    if fmt == "table":
        shown = table.select([c for c in columns if c in table.schema.names]) if columns else table
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                write_text_table(shown, handle)
        else:
            write_text_table(shown, sys.stdout)
        return
    chunks = csv_chunks(table) if fmt == "csv" else jsonl_chunks(table)
    if output:
        with open(output, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
        return
    for chunk in chunks:
        sys.stdout.buffer.write(chunk)
    sys.stdout.buffer.flush()


@click.command(name="query")
@click.argument("view", type=click.Choice(VIEWS), default="events", required=False)
@filter_options
@click.option("--sort", type=click.Choice(["date", "goldstein", "mentions", "sources", "confidence"]), default="date",
              show_default=True, help="events: order by this (then by id); missing values last.")
@click.option("--desc", "descending", is_flag=True, help="events: largest (latest) first.")
@click.option("--limit", type=click.IntRange(min=0), default=None,
              help="At most this many rows (events: all by default; actors/dyads 20, network 300, places 2000).")
@click.option("--count", is_flag=True, help="events: print only how many events match.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "parquet"]), default="table",
              show_default=True, help="Output format (parquet needs -o FILE).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to this file.")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Database file (default: EVENTWIRE_DB, else ./eventwire.duckdb).")
def command(view: str, sort: str, descending: bool, limit: int | None, count: bool, fmt: str, output: str | None,
            db: str | None, **options: Any) -> None:
    """Ask the database: events (one row per event), or the actors, dyads, network, places or stats
    views of the dashboard, for the events that pass every filter given.

    Actors are names, codes or code prefixes (Russia = RUS, NATO = IGOWSTNAT). Filters, columns and
    numbers are those of the HTTP API (docs/api.md): `events` counts events, `mentions` the sentences
    that reported them.
    """

    try:
        flt = filters_from(options)
        with eventwire.open(db) as store:
            if count:
                # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
                from eventwire.read.questions import count_events

                click.echo(count_events(store.con, flt))
                return
            result = answer(store, view, flt, limit=limit, sort=sort, descending=descending)
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(2)
    if isinstance(result, dict):  # stats
        if fmt in ("table", "jsonl"):
            click.echo(json.dumps(result, ensure_ascii=False, indent=None if fmt == "jsonl" else 2, default=str))
            return
        # lazy (start-up): pyarrow only for Arrow output
        import pyarrow as pa

        result = pa.Table.from_pylist(result["by_month"])
    if fmt == "table" and result.num_rows == 0:
        click.echo(f"no {view} match", err=True)
        return
    write_answer(result, fmt, output, EVENT_TABLE if view == "events" else None)
