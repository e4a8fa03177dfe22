"""``eventwire run``: the whole pipeline into the database (idempotent, one transaction per batch)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from eventwire.cli.common import InputCounter, capture_paths, quality_options, warn
from eventwire.errors import EventwireError
from eventwire.scale.cli import run_scaled, scale_options, wants_scale


@click.command(name="run")
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--db", type=click.Path(dir_okay=False), default=None,
              help="Database file (default: the db setting, EVENTWIRE_DB, else ./eventwire.duckdb).")
@click.option("--recode", is_flag=True,
              help="Re-code stored articles (all of them when no PATH is given) with the current lexicon, "
                   "dictionaries and model; articles already coded by this coder version are left alone.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor dictionary (YAML); may be repeated. Adds to EVENTWIRE_ACTORS.")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="Documents per NLP batch and per database transaction (default: EVENTWIRE_BATCH_SIZE).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or summary; failures are still reported.")
@quality_options
@scale_options
def command(paths: tuple[str, ...], db: str | None, recode: bool, actor_files: tuple[str, ...],
            batch_size: int | None, quiet: bool, min_confidence: float | None, coded_only: bool,
            **scale: Any) -> None:
    """Run captures (files, directories, - for stdin, fsspec URLs such as s3://bucket/crawl/) through
    the pipeline into the database.

    An input already stored is skipped before any NLP, so rerunning the same command is cheap and
    completes a run that was interrupted. Exit code 1 when some documents failed (each is reported on
    stderr and recorded in the run_failures table), 2 for a configuration or database problem.
    With --min-confidence or --coded-only, only the events that pass are stored (the gate is part of
    the coder version: a rerun with another gate needs --recode).
    """
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.pipeline import run
    from eventwire.sources.remote import is_url
    from eventwire.stages import EventGate

    gate = EventGate(min_confidence, coded_only)

    given = bool(paths)
    captures, missing = capture_paths(paths) if paths else ([], 0)
    if given and not captures:  # nothing to read: say so before any database is created or opened
        click.echo("eventwire: error: none of the inputs could be read (see above); no database was opened",
                   err=True)
        sys.exit(2)
    if wants_scale(scale):  # --workers/--dask/--out/filters: eventwire.scale (docs/scale.md)
        sys.exit(run_scaled(tuple(captures), db, recode, actor_files, batch_size, quiet, scale, gate)
                 or (1 if missing else 0))
    if not paths and not recode and not quiet:
        warn("no inputs given: the database was only opened (created or migrated)")
    # the count reads every input once more: not worth a second download of remote ones
    counted = captures and not any(is_url(c) for c in captures)
    counter = InputCounter(captures) if counted and not quiet and sys.stderr.isatty() else None
    try:
        summary = run(captures, db=db, recode=recode, actor_files=[Path(p) for p in actor_files],
                      batch_size=batch_size, progress=not quiet,
                      command="eventwire run " + " ".join(sys.argv[2:])[:500],
                      progress_total=counter.total if counter else None, gate=gate)
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(2)
    for failure in summary.failures:
        warn(f"{failure.uri}: {failure.stage} failed: {failure.reason}")
    if not quiet:
        click.echo(summary.line(), err=True)
    sys.exit(1 if summary.failed or missing else 0)
