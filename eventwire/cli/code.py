"""``eventwire code``: captures -> coded events, one per line (no database)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from eventwire.cli.common import CaptureReader, output_option, quality_options, write_records
from eventwire.errors import ConfigError

TABLE_COLUMNS = ("article", "sent", "source", "cameo", "type", "target", "mode", "date", "conf", "trigger")


def _table_row(event: dict[str, Any]) -> tuple[str, ...]:
    def actor(value: dict[str, Any] | None) -> str:
        if not value:
            return "-"
        return f"{value['text']}[{value.get('code') or '?'}]"

    return (
        str(event["article_id"])[:12],
        str(event["sentence_index"]),
        actor(event["source"]),
        event["cameo"],
        event["plover"]["type"],
        actor(event["target"]),
        ",".join(event["plover"]["mode"]) or "-",
        event["date"] or "-",
        f"{event['confidence']:.2f}",
        event["trigger"]["text"],
    )


def write_table(records: list[dict[str, Any]], out: IO[str]) -> None:
    """A plain text table for reading events in a terminal."""
    rows = [TABLE_COLUMNS, *(_table_row(r) for r in records)]
    widths = [min(40, max(len(row[i]) for row in rows)) for i in range(len(TABLE_COLUMNS))]
    for row in rows:
        out.write("  ".join(cell[:40].ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() + "\n")


def coded_events(reader: CaptureReader, actors: tuple[str, ...], lexicons: tuple[str, ...],
                 use_model: bool, min_confidence: float | None = None,
                 coded_only: bool = False) -> Iterator[dict[str, Any]]:
    """Parse, resolve actors and code events of the reader's articles, with the stages a run uses
    (:func:`eventwire.stages.code_events`); yield Event dicts. Inputs that fail are counted by the
    reader (and reported on stderr) and the rest go on."""
    # lazy (start-up): the stages' modules only when the command runs, not for `eventwire --help`
    from eventwire.settings import get_settings
    from eventwire.stages import EventGate, StageFailure, code_events, coding_stages

    files = (*get_settings().actor_files(), *(Path(p) for p in actors)) if actors else ()
    stages = coding_stages(files, tuple(Path(p) for p in lexicons), use_model, EventGate(min_confidence, coded_only))
    for doc, article in stages.parse(reader.with_texts()):
        try:
            _, events = code_events(stages, doc, article)
        except StageFailure as failure:
            reader.skip(article.uri, failure.reason)
            continue
        yield from (event.to_dict() for event in events)


@click.command(name="code")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]), default="jsonl", show_default=True,
              help="jsonl: one event per line (the Event record contract); json: one array; table: for reading.")
@click.option("--actors", "actors", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor dictionary (YAML or PETRARCH .txt); repeat for several. Adds to EVENTWIRE_ACTORS.")
@click.option("--lexicon", "lexicons", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra event lexicon file (YAML, see docs/lexicon.md) that adds or replaces rules; repeatable.")
@click.option("--no-model", is_flag=True, default=False,
              help="Code from the lexicon alone, without the PLOVER classifier.")
@quality_options
@output_option
def command(paths: tuple[str, ...], fmt: str, actors: tuple[str, ...], lexicons: tuple[str, ...], no_model: bool,
            min_confidence: float | None, coded_only: bool, output: str | None) -> None:
    """Code the events in captures: who did what to whom, when, with the sentence as evidence.

    PATHS are files or directories (HTML, text, JSONL, WARC, optionally gzipped) or - for standard
    input. Each event is written with its sentence, trigger, source and target actors (offsets into
    the sentence), CAMEO code, PLOVER type and modes, Goldstein score, QuadClass, date, the rule and
    model that decided it and a confidence; location stays null (the `run` pipeline fills it).
    Inputs that cannot be read are reported on stderr and the exit code is then 1.
    """

    reader = CaptureReader(paths)
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115 - closed below
    try:
        events = coded_events(reader, actors, lexicons, not no_model, min_confidence, coded_only)
        if fmt == "table":
            write_table(list(events), out)
        else:
            write_records(events, fmt, out)
    except ConfigError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(2)
    finally:
        if output:
            out.close()
    if reader.failures:
        sys.exit(1)
