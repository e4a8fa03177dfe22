"""``eventwire extract``: captures -> clean article records (one JSON object per article)."""

from __future__ import annotations

import sys
from contextlib import AbstractContextManager, nullcontext
from typing import IO, Any

import click

from eventwire.cli.common import CaptureReader, format_option, output_option, write_records


def _text_block(record: dict[str, Any]) -> str:
    """A readable rendering: headline, when and where, then the body."""
    dateline = record["dateline"]
    where = ", ".join(p for p in (dateline["place"], dateline["country"]) if p)
    if dateline["agency"]:
        where = f"{where} ({dateline['agency']})".strip()
    lines = [f"# {record['title'] or '(no title)'}"]
    facts = [("published", record["published"]), ("dateline", where), ("source", record["source"]),
             ("language", record["language"]), ("uri", record["uri"])]
    lines += [f"{name}: {value}" for name, value in facts if value]
    credits = record["credits"]
    for role in ("authors", "reporting", "writing", "editing"):
        if credits[role]:
            lines.append(f"{role}: {', '.join(credits[role])}")
    for warning in record["warnings"]:
        lines.append(f"warning: {warning}")
    return "\n".join(lines) + "\n\n" + record["text"] + "\n\n"


@click.command(name="extract")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@format_option(["jsonl", "json", "text"], "jsonl")
@output_option
def command(paths: tuple[str, ...], fmt: str, output: str | None) -> None:
    """Extract clean articles from captures: files, directories (recursive), or - for standard input.

    Reads HTML, text, JSONL and WARC (each optionally gzipped). Each article is one JSON object with
    id, uri, url, source, title, text, published, dateline, credits, language and warnings
    (docs/records.md). --format text prints the headline, date and dateline, then the body.
    A capture that cannot be read or holds no article is reported on stderr and skipped;
    the exit code is then 1.
    """
    reader = CaptureReader(paths)
    records = (article.to_dict() for article in reader)

    target: AbstractContextManager[IO[str]] = open(output, "w", encoding="utf-8") if output else nullcontext(sys.stdout)  # noqa: SIM115
    with target as out:
        if fmt == "text":
            for record in records:
                out.write(_text_block(record))
        else:
            write_records(records, fmt, out)
        out.flush()
    sys.exit(1 if reader.failures else 0)
