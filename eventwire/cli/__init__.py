"""The ``eventwire`` command: a thin layer over library functions.

Subcommands live one per module in this package and are imported only when used, so that
``eventwire --help`` answers instantly (spaCy and friends load only for the commands that need them).
Exit codes: 0 all good; 1 some inputs failed (each reported on stderr); 2 usage or configuration error.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

__all__ = ["main", "entry_point", "COMMANDS", "QUICK_EXIT"]

# name -> (module in eventwire.cli, one-line help shown by `eventwire --help`)
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("extract", "Captures -> clean article records (JSONL)."),
    "actors": ("actors", "Articles -> actor mentions with CAMEO codes (JSONL or table)."),
    "code": ("code", "Articles -> coded events (JSONL), no database."),
    "classify": ("classify", "PLOVER type of (sentence, source, target) JSONL lines."),
    "eval": ("eval", "Precision/recall/F1 of the event coder against a gold file."),
    "run": ("run", "The whole pipeline into the database (idempotent, crash-safe)."),
    "query": ("query", "Ask the database: events, actors, dyads, network, places or stats, filtered."),
    "dyad": ("dyad", "Events, mentions, QuadClass and mean Goldstein per period between two actors."),
    "export": ("export", "Events as GDELT 2.0, PLOVER JSON, Parquet or CSV."),
    "serve": ("serve", "HTTP API and dashboard for a database."),
    "demo": ("demo", "Bundled samples -> database -> dashboard."),
    "watch": ("watch", "Live RSS/Atom feeds -> database, polled politely (--once, --serve)."),
}

# Commands that hold no database and have flushed and closed their output when they return: their
# process skips the interpreter's teardown. Freeing spaCy's, the dictionaries' and the gazetteer's
# millions of objects one by one took ~0.3 s, a fifth of `eventwire code` on a short text (issue
# 16: start-up <= 1.5 s), and the operating system reclaims the memory at once anyway. Commands
# that open a database always exit normally, so DuckDB checkpoints and closes its files itself.
QUICK_EXIT = frozenset({"code", "extract", "actors", "classify"})


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module = importlib.import_module(f"eventwire.cli.{COMMANDS[cmd_name][0]}")
        command: click.Command = module.command
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # the reader went away (`eventwire export ... | head`): stop quietly, like other Unix tools
            _silence_stdout()
            sys.exit(141)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, help_) for name, (_, help_) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="eventwire")
def main(**_: Any) -> None:
    """eventwire: raw news in, political event data out (who did what to whom, when and where).

    Settings come from options, then EVENTWIRE_* environment variables (see docs/settings.md).
    """


def entry_point() -> None:
    """The ``eventwire`` executable (and ``python -m eventwire``): :func:`main`, then, for the
    :data:`QUICK_EXIT` commands, the exit code without the interpreter's teardown. In-process callers
    (tests, notebooks) call :func:`main` and keep their interpreter."""
    try:
        main()
    except SystemExit as done:
        if _command_name(sys.argv[1:]) in QUICK_EXIT:
            _quick_exit(done.code)
        raise


def _command_name(args: list[str]) -> str | None:
    return next((a for a in args if not a.startswith("-")), None)


def _quick_exit(code: object) -> None:
    if isinstance(code, str):  # sys.exit("message"): Python prints it and exits 1
        sys.stderr.write(code + "\n")
        code = 1
    status = code if isinstance(code, int) else 0 if code is None else 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away at the last moment: as LazyGroup.invoke says
        status = 141
    os._exit(status)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so flushing it at exit cannot fail again on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (tests): nothing left to flush
        pass
