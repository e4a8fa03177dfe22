"""``eventwire actors``: articles -> their actor mentions (one JSON object per article)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from typing import IO, Any

import click

from eventwire.cli.common import CaptureReader, output_option, warn, write_records
from eventwire.errors import ConfigError
from eventwire.settings import get_settings


def _table(record: dict[str, Any]) -> str:
    lines = [f"# {record['article_id']}  {record['uri']}"]
    for actor in record["actors"]:
        lines.append(
            f"{actor['start']:>7}-{actor['end']:<7} {actor['code'] or '-':<12} {actor['kind'] or '-':<7} "
            f"{actor['role_source'] or '-':<10} {actor['text']}"
            + (f"  ({actor['name']})" if actor["name"] and actor["name"] != actor["text"] else "")
        )
    return "\n".join(lines) + "\n\n"


def _stats(resolver: Any) -> None:
    click.echo("file\tentries\tpatterns\troles\tdated_roles\tproblems")
    for item in resolver.dictionary.stats:
        click.echo(f"{item.path}\t{item.entries}\t{item.patterns}\t{item.roles}\t{item.dated_roles}\t{item.skipped}")
    for problem in resolver.problems:
        click.echo(f"problem: {problem}", err=True)


@click.command(name="actors")
@click.argument("paths", nargs=-1, metavar="PATH...")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True,
              help="jsonl: one {article_id, uri, actors} object per article; table: one line per mention.")
@click.option("--actors", "actor_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra actor dictionary (YAML as in docs/actors.md, or a PETRARCH .txt actors/agents "
                   "file); adds to or overrides the builtin entries. Repeatable; adds to EVENTWIRE_ACTORS.")
@click.option("--no-builtin", is_flag=True, help="Use only the --actors dictionaries, not the builtin ones.")
@click.option("--stats", is_flag=True,
              help="Print what the dictionaries hold (entries, patterns, dated roles, skipped lines) and exit.")
@output_option
def command(paths: tuple[str, ...], fmt: str, actor_files: tuple[str, ...], no_builtin: bool, stats: bool,
            output: str | None) -> None:
    """Print the actor mentions of each article: text, offsets, CAMEO code, country, sector, kind.

    PATH... are captures as for `eventwire extract` (files, directories, - for standard input).
    Mentions the dictionaries cannot resolve are listed with code null. Dictionary problems
    (file:line) are reported on stderr. Exit code 1 when some capture could not be read.
    """
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.actors import ActorResolver

    try:
        files: list[str] = [*(str(p) for p in get_settings().actor_files()), *actor_files]
        resolver = ActorResolver(files, builtin=not no_builtin)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    if stats:
        _stats(resolver)
        return
    if not paths:
        raise click.UsageError("give at least one PATH (or - for standard input), or --stats")
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.actors.dictionary import BUILTIN_DIR

    for problem in resolver.problems:  # builtin data problems are for `--stats` and the data tests
        if not problem.startswith(str(BUILTIN_DIR)):
            warn(problem)

    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.nlp import parse_with_context

    reader = CaptureReader(paths)

    def records() -> Iterator[dict[str, Any]]:
        for doc, article in parse_with_context(reader.with_texts()):
            actors = resolver.resolve(doc, article.published, article.title, article.dateline.country)
            yield {"article_id": article.id, "uri": article.uri, "actors": [a.to_dict() for a in actors]}

    target: AbstractContextManager[IO[str]] = open(output, "w", encoding="utf-8") if output else nullcontext(sys.stdout)  # noqa: SIM115
    with target as out:
        if fmt == "table":
            for record in records():
                out.write(_table(record))
        else:
            write_records(records(), "jsonl", out)
        out.flush()
    sys.exit(1 if reader.failures else 0)
