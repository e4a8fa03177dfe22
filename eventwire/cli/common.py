"""Options and output helpers shared by the subcommands."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from eventwire.records import Article

__all__ = ["warn", "write_records", "output_option", "format_option", "CaptureReader"]


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


class CaptureReader:
    """Captures -> articles for the commands that read PATHs (extract, actors, code).

    A capture that cannot be read or holds no article is reported on stderr with its reason and
    skipped; an unexpected error in one capture is reported as an internal error and the others go
    on. ``failures`` counts them all, for the exit code. A ``ConfigError`` stops the command.
    """

    def __init__(self, paths: Sequence[str]) -> None:
        self.paths = paths
        self.failures = 0

    def skip(self, uri: str, reason: str) -> None:
        self.failures += 1
        click.echo(f"eventwire: skipped {uri}: {reason}", err=True)

    def __iter__(self) -> Iterator[Article]:
        from eventwire.errors import ConfigError, EventwireError
        from eventwire.extract import extract_article
        from eventwire.sources import read_sources

        for raw in read_sources(self.paths, on_skip=self.skip):
            try:
                article = extract_article(raw)
            except ConfigError:
                raise  # a broken setting or data file fails every capture: the command stops and says so
            except EventwireError as exc:
                self.skip(raw.uri, str(exc).removeprefix(f"{raw.uri}: "))
                continue
            except Exception as exc:  # one broken capture must not end a long run
                self.skip(raw.uri, f"internal error ({type(exc).__name__}: {exc}); please report it")
                continue
            yield article

    def with_texts(self) -> Iterator[tuple[str, Article]]:
        """(text, article) pairs, the input of :func:`eventwire.nlp.parse_with_context`."""
        for article in self:
            yield article.text, article
