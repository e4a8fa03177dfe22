"""The scale-out options of ``eventwire run`` and the code behind them (kept here, not in ``cli/run.py``)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from eventwire.errors import EventwireError

__all__ = ["scale_options", "wants_scale", "run_scaled"]

_OPTIONS = [
    click.option("--workers", type=click.IntRange(min=1), default=None,
                 help="Run partitions of the input on N local worker processes (each loads the model once)."),
    click.option("--dask", "dask", metavar="local:N|tcp://HOST:PORT", default=None,
                 help="Run partitions on Dask: a local cluster of N processes, or the scheduler at this "
                      "address (needs pip install 'eventwire[dask]'; inputs must be readable by the workers: a shared "
                      "path, or a URL such as s3://bucket/crawl/)."),
    click.option("--out", "out", type=click.Path(file_okay=False), default=None,
                 help="Write the results as a partitioned Parquet dataset (year/month) in DIR, a folder or a URL "
                      "(s3://bucket/ew-parquet); without --db the database is not touched. Default with "
                      "--workers/--dask: <db>.parts."),
    click.option("--lang", "langs", multiple=True, metavar="CODE",
                 help="Keep only articles in this language (ISO 639-1, e.g. en); may be repeated."),
    click.option("--since", default=None, metavar="YYYY-MM-DD",
                 help="Keep only articles published (else captured) on or after this day."),
    click.option("--until", default=None, metavar="YYYY-MM-DD",
                 help="Keep only articles published (else captured) on or before this day."),
    click.option("--host", "hosts", multiple=True, metavar="HOST",
                 help="Keep only captures whose URL is on this host or its subdomains; may be repeated. "
                      "Checked before extraction."),
    click.option("--retries", type=click.IntRange(min=0), default=2, show_default=True,
                 help="Times a failed partition is retried before it is reported (with --workers/--dask)."),
]


def scale_options(func: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed(_OPTIONS):
        func = option(func)
    return func


def wants_scale(scale: dict[str, Any]) -> bool:
    return bool(scale.get("workers") or scale.get("dask") or scale.get("out") or scale.get("langs")
                or scale.get("since") or scale.get("until") or scale.get("hosts"))


def run_scaled(paths: tuple[str, ...], db: str | None, recode: bool, actor_files: tuple[str, ...],
               batch_size: int | None, quiet: bool, scale: dict[str, Any], gate: Any = None) -> int:
    """Run ``eventwire run`` through :func:`eventwire.scale.run_parallel`; return the exit code."""
    # lazy (start-up): the engine (Dask, the stages) only when the command runs
    from eventwire.cli.common import warn
    from eventwire.scale import Filters, run_parallel

    if recode:
        click.echo("eventwire: error: --recode runs in one process; drop --workers/--dask/--out/filters", err=True)
        return 2
    if scale.get("workers") and scale.get("dask"):
        click.echo("eventwire: error: choose --workers or --dask, not both", err=True)
        return 2
    try:
        filters = Filters.build(tuple(scale.get("langs") or ()), scale.get("since"), scale.get("until"),
                                tuple(scale.get("hosts") or ()))
        summary = run_parallel(
            list(paths), db=db if (db or not scale.get("out")) else None, out=scale.get("out"),
            workers=scale.get("workers") or 0, dask=scale.get("dask"), filters=filters,
            actor_files=[Path(p) for p in actor_files], batch_size=batch_size, retries=scale.get("retries", 2),
            progress=not quiet, command="eventwire run " + " ".join(sys.argv[2:])[:500], gate=gate,
        )
    except EventwireError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        return 2
    for failure in summary.failures:
        warn(f"{failure.uri}: {failure.stage} failed: {failure.reason}")
    for source, error in summary.failed_partitions:
        warn(f"partition {source} failed: {error}; rerun the same command to retry it")
    if not quiet:
        click.echo(summary.line(), err=True)
    return 1 if (summary.failed or summary.failed_partitions) else 0
