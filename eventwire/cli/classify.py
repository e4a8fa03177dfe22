"""``eventwire classify``: PLOVER type for (sentence, source, target) lines of JSONL."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import IO, Any

import click

from eventwire.cli.common import output_option, warn
from eventwire.errors import InputError

BATCH_LINES = 256


def _parse(line_no: int, line: str) -> tuple[dict[str, Any], tuple[Any, ...]]:
    """One JSONL line -> (record, triple with resolved spans); ValueError says what is wrong."""
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.events.classifier import resolve_span

    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object with sentence, source, target")
    sentence = record.get("sentence")
    if not isinstance(sentence, str) or not sentence.strip():
        raise ValueError("'sentence' must be a non-empty string")
    spans = []
    for role in ("source", "target"):
        value = record.get(role)
        if value is not None and not isinstance(value, str | list):
            raise ValueError(f"'{role}' must be text from the sentence, [start, end] or null")
        try:
            spans.append(resolve_span(sentence, value, role))
        except InputError as exc:
            raise ValueError(str(exc)) from exc
    return record, (sentence, spans[0], spans[1])


def _numbered_lines(stream: IO[str]) -> Iterator[tuple[int, str]]:
    for line_no, line in enumerate(stream, 1):
        if line.strip():
            yield line_no, line


@click.command(name="classify")
@click.argument("file", type=click.File("r", encoding="utf-8"), default="-", required=False)
@output_option
@click.option("--batch-size", type=click.IntRange(1, 4096), default=32, show_default=True,
              help="Triples sent to the model at once.")
def command(file: IO[str], output: str | None, batch_size: int) -> None:
    """Add the PLOVER type to JSONL lines {sentence, source, target}.

    FILE (default: standard input) holds one JSON object per line; source and target are text
    copied from the sentence (or [start, end] offsets, or null). Each line is written back with
    "plover", "cameo" and "confidence" added. Lines that cannot be read are reported on stderr
    with their line number, and the exit code is then 1.
    """
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.events.classifier import describe, get_classifier

    classifier = get_classifier()
    if classifier is None:
        raise click.ClickException("the PLOVER classifier model is missing; reinstall eventwire or run `make train`")
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115 - closed below
    failures = 0
    pending: list[tuple[dict[str, Any], tuple[Any, ...]]] = []

    def flush() -> None:
        probs = classifier.predict_many([triple for _, triple in pending], batch_size=batch_size)
        for (record, _), p in zip(pending, probs, strict=True):
            out.write(json.dumps({**record, **describe(p)}, ensure_ascii=False) + "\n")
        pending.clear()

    try:
        for line_no, line in _numbered_lines(file):
            try:
                pending.append(_parse(line_no, line))
            except ValueError as exc:
                failures += 1
                warn(f"line {line_no}: {exc}")
                continue
            if len(pending) >= BATCH_LINES:
                flush()
        flush()
    finally:
        if output:
            out.close()
    if failures:
        warn(f"{failures} line(s) skipped")
        sys.exit(1)
