"""Options and output helpers shared by the subcommands."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import IO, Any

import click

__all__ = ["warn", "write_records", "output_option", "format_option"]


def warn(message: str) -> None:
    """One line on stderr, prefixed so it can be grepped out of a long run."""
    click.echo(f"eventwire: warning: {message}", err=True)


def write_records(records: Iterable[dict[str, Any]], fmt: str, out: IO[str] | None = None) -> int:
    """Write dicts as jsonl (one per line) or json (one array); return how many were written."""
    stream = out or sys.stdout
    count = 0
    if fmt == "json":
        stream.write("[")
        for count, record in enumerate(records, 1):
            stream.write(("\n" if count == 1 else ",\n") + json.dumps(record, ensure_ascii=False))
        stream.write("\n]\n")
        return count
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


output_option = click.option(
    "-o", "--output", "output", type=click.Path(dir_okay=False, writable=True), default=None,
    help="Write to this file instead of standard output.",
)


def format_option(choices: list[str], default: str) -> Any:
    return click.option(
        "--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
        help="Output format.",
    )
