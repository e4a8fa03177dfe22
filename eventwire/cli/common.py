"""Options and output helpers shared by the subcommands."""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from eventwire.records import Article

__all__ = ["warn", "write_records", "output_option", "format_option", "CaptureReader", "filter_options",
           "filters_from", "capture_paths", "progress_bar", "counted", "InputCounter"]


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

    def __init__(self, paths: Sequence[str], *, progress: bool = True) -> None:
        self.paths, self.failures = capture_paths(paths)
        self.bar = progress_bar(self.paths) if progress else None

    def skip(self, uri: str, reason: str) -> None:
        self.failures += 1
        click.echo(f"eventwire: skipped {uri}: {reason}", err=True)

    def __iter__(self) -> Iterator[Article]:
        # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
        from eventwire.extract import extract_article
        from eventwire.sources import read_sources
        from eventwire.stages import StageFailure, extract_document

        for raw in counted(read_sources(self.paths, on_skip=self.skip), self.bar):
            try:  # the run's error policy: a ConfigError stops the command, a bad capture is skipped
                article = extract_document(extract_article, raw)
            except StageFailure as failure:
                self.skip(raw.uri, f"internal error ({failure.reason}); please report it" if failure.internal
                          else failure.reason.removeprefix(f"{raw.uri}: "))
                continue
            yield article

    def with_texts(self) -> Iterator[tuple[str, Article]]:
        """(text, article) pairs, the input of :func:`eventwire.nlp.parse_with_context`."""
        for article in self:
            yield article.text, article


# -- the filter vocabulary as options (eventwire/read/filters.py; docs/api.md) -----------------------------

def filter_options(command: Any) -> Any:
    """``--source``, ``--date-from``, ... : one option per filter of ``FILTERS`` (``_`` written ``-``;
    the ``_`` spelling works too), plus the deprecated ``--from``/``--to``. The values arrive in the
    command's keyword arguments under the filter names; :func:`filters_from` reads them."""
    # lazy (start-up): the read layer only for the commands that filter (not `code --help`)
    from eventwire.read.filters import ALIASES, FILTERS

    for old, new in reversed(list(ALIASES.items())):
        command = click.option(f"--{old}", f"old_{old}", metavar="DATE", hidden=True,
                               help=f"Deprecated: use --{new.replace('_', '-')}.")(command)
    for name, meaning in reversed(list(FILTERS.items())):
        spellings = [f"--{name.replace('_', '-')}"] + ([f"--{name}"] if "_" in name else [])
        if name == "coded_only":
            command = click.option(*spellings, name, is_flag=True, default=None,
                                   help=meaning.removeprefix("true: ").capitalize() + ".")(command)
        else:
            command = click.option(*spellings, name, default=None, help=meaning[0].upper() + meaning[1:] + ".")(command)
    return command


def quality_options(command: Any) -> Any:
    """``--min-confidence`` and ``--coded-only`` for commands that code (``code``, ``run``): the same
    meaning as the filters of that name in ``query`` and ``export`` (eventwire.read.filters)."""
    command = click.option("--coded-only", is_flag=True, default=False,
                           help="Keep only events whose actors all have a CAMEO actor code.")(command)
    return click.option("--min-confidence", type=click.FloatRange(0.0, 1.0), default=None, metavar="P",
                        help="Keep only events whose confidence (the calibrated chance that the event is "
                             "right, docs/events.md) is at least P.")(command)


def filters_from(options: dict[str, Any]) -> Any:
    """Take the filter options out of ``options`` (a command's keyword arguments) -> an EventFilter.
    Raises ConfigError for a bad value; a deprecated spelling is reported on stderr."""
    # lazy (start-up): the read layer only for the commands that filter (not `code --help`)
    from eventwire.read.filters import ALIASES, FILTERS, parse_filters

    chosen = {name: options.pop(name, None) for name in FILTERS}
    for old, new in ALIASES.items():
        value = options.pop(f"old_{old}", None)
        if value is not None:
            warn(f"--{old} is deprecated; use --{new.replace('_', '-')}")
            chosen[new] = chosen[new] or value
    return parse_filters(chosen)


# -- inputs: only capture files from directories, and a count for progress bars -----------------------------

CAPTURE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml", ".txt", ".text", ".jsonl", ".ndjson", ".json",
                              ".warc", ".arc", ".xml", ".rss", ".atom", ""})


def _is_capture(path: Path) -> bool:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    if suffixes and suffixes[-1] in (".gz", ".gzip"):
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else "") in CAPTURE_SUFFIXES


def capture_paths(paths: Sequence[str]) -> tuple[list[str], int]:
    """Files given by name, ``-``, and the capture files inside directories (walked in sorted order,
    hidden entries skipped). Files in a directory that are no capture (README.md, notes.yaml) are
    skipped and named on stderr in one line; a missing path or a folder that cannot be listed is
    reported and skipped, and counted (the second value: those make the exit code 1)."""
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.sources.files import expand_paths
    from eventwire.sources.remote import is_url

    chosen: list[str] = []
    ignored: list[str] = []
    problems = 0

    def report(name: str, reason: str) -> None:
        nonlocal problems
        problems += 1
        click.echo(f"eventwire: skipped {name}: {reason}", err=True)

    for name in paths:
        if is_url(name):  # s3://, gs://, file://...: a file, a folder or a glob (eventwire.sources.remote)
            _capture_url(name, chosen, ignored, report)
            continue
        path = Path(name)
        if name == "-" or path.is_file():
            chosen.append(name)
        elif path.is_dir():
            for shown, found in expand_paths([name], on_error=report):
                (chosen if found is not None and _is_capture(Path(shown)) else ignored).append(shown)
        else:
            report(name, "no such file or directory")
    if ignored:
        listed = ", ".join(ignored[:5]) + (f" and {len(ignored) - 5} more" if len(ignored) > 5 else "")
        click.echo(f"eventwire: skipped {len(ignored)} file(s) that are not captures: {listed} "
                   f"(captures are .html, .txt, .jsonl, .json, .warc, .xml and their .gz; name a file to read it anyway)",
                   err=True)
    return chosen, problems


def _capture_url(name: str, chosen: list[str], ignored: list[str], report: Callable[[str, str], None]) -> None:
    """A URL's captures, as :func:`capture_paths` takes a path's (problems go to ``report``)."""
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.errors import ConfigError
    from eventwire.sources.remote import expand_url

    listed = True

    def unlisted(where: str, reason: str) -> None:
        nonlocal listed
        listed = False
        report(where, reason)

    try:
        entries = list(expand_url(name, on_error=unlisted))
    except ConfigError as exc:  # the protocol's package is missing, or no such protocol: say which
        report(name, str(exc).removeprefix(f"{name}: "))
        return
    if len(entries) == 1 and entries[0].name == name:  # the URL names one file: read it, whatever its name
        if entries[0].kind == "missing":
            report(name, "no such file or directory")
        else:
            chosen.append(name)
        return
    if not entries and listed:
        report(name, "no files at this URL (an empty folder, or a glob that matches nothing)")
    for entry in entries:
        (chosen if _is_capture(Path(entry.name)) else ignored).append(entry.name)


class InputCounter:
    """Counts the documents in ``paths`` in a background thread (a JSONL or WARC file holds many), so
    a progress bar can show a total and an ETA without delaying the work. ``total()`` is None until done."""

    def __init__(self, paths: Sequence[str]) -> None:
        self._total: int | None = None
        if "-" in paths:
            return  # standard input can be read once only
        self._thread = threading.Thread(target=self._count, args=(list(paths),), daemon=True, name="eventwire-count")
        self._thread.start()

    def _count(self, paths: list[str]) -> None:
        # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
        from eventwire.sources import read_sources

        try:
            self._total = sum(1 for _ in read_sources(paths, on_skip=lambda *_: None))
        except Exception:  # noqa: BLE001 - the bar simply shows no total
            self._total = None

    def total(self) -> int | None:
        return self._total


def progress_bar(paths: Sequence[str], unit: str = "doc") -> Any:
    """A tqdm bar with the input count as its total when stderr is a terminal; None otherwise."""
    if not sys.stderr.isatty():
        return None
    # lazy (start-up): tqdm only when a progress bar is shown
    from tqdm import tqdm

    counter = InputCounter(paths)
    bar = tqdm(total=None, unit=unit, dynamic_ncols=True, mininterval=0.2, leave=False)
    original = bar.update

    def update(n: float | None = 1) -> bool | None:
        known = counter.total()
        if known is not None and bar.total != known:
            bar.total = known
        return original(n)

    bar.update = update
    return bar


def counted(items: Iterable[Any], bar: Any) -> Iterator[Any]:
    """``items``, advancing ``bar`` (if any) by one each; the bar is closed at the end."""
    if bar is None:
        yield from items
        return
    try:
        for item in items:
            yield item
            bar.update(1)
    finally:
        bar.close()
