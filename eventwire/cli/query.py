"""``eventwire query``: events from the database, filtered, as a table, CSV or JSONL."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from eventwire.cli.common import format_option


def _jsonable(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "tolist"):
        return value.tolist()
    if isinstance(value, float) and value != value:  # NaN from pandas means "no value"
        return None
    return value


@click.command(name="query")
@click.option("--source", help="Source actor: CAMEO code or prefix (RUS, RUSGOV), ISO3 country, or name.")
@click.option("--target", help="Target actor: CAMEO code or prefix, ISO3 country, or name.")
@click.option("--actor", help="Either side: CAMEO code or prefix, ISO3 country, or name.")
@click.option("--plover", help="PLOVER event type, e.g. ASSAULT.")
@click.option("--cameo", help="CAMEO event code or prefix, e.g. 19 or 190.")
@click.option("--from", "date_from", metavar="DATE", help="Events on or after this date (YYYY-MM-DD).")
@click.option("--to", "date_to", metavar="DATE", help="Events on or before this date (YYYY-MM-DD).")
@click.option("--place", help="Location name (substring) or ISO3 country of the event.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="At most this many events.")
@format_option(["table", "csv", "jsonl"], "table")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Database file (default: EVENTWIRE_DB, else ./eventwire.duckdb).")
def command(db: str | None, fmt: str, **filters: Any) -> None:
    """Print the aggregated events that match every filter given (one row per event)."""
    import eventwire
    from eventwire.errors import EventwireError

    try:
        with eventwire.open(db) as store:
            frame = store.events(**filters)
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(2)
    if fmt == "csv":
        frame["plover_mode"] = frame["plover_mode"].map(lambda v: "|".join(v) if v is not None else "")
        frame.to_csv(sys.stdout, index=False)
    elif fmt == "jsonl":
        for record in frame.to_dict(orient="records"):
            sys.stdout.write(json.dumps({k: _jsonable(v) for k, v in record.items()}, ensure_ascii=False) + "\n")
    else:
        shown = frame[["date", "source_code", "source_name", "target_code", "target_name", "cameo",
                       "plover_type", "goldstein", "num_mentions", "num_sources", "location_name",
                       "location_country"]]
        if shown.empty:
            click.echo("no events match", err=True)
        else:
            click.echo(shown.to_string(index=False, max_colwidth=28))
