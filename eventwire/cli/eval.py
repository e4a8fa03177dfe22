"""``eventwire eval``: score the event coder against a gold file."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from eventwire.errors import ConfigError
from eventwire.records import Article


def _seed_report(path: Path) -> tuple[dict[str, Any], bool]:
    """Code the seed capture next to a seed_gold.json and check its required/forbidden events."""
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.eval.coder import check_seed, seed_text
    from eventwire.stages import code_events, coding_stages

    gold = json.loads(path.read_text(encoding="utf-8"))
    captures = sorted(p for p in path.parent.glob("*.txt"))
    if not captures:
        raise click.UsageError(f"no seed capture (*.txt) next to {path}")
    text = seed_text(captures[0].read_text(encoding="utf-8"), gold)
    article = Article(id="seed", uri=str(captures[0]), text=text, published=gold["article"].get("published"))
    stages = coding_stages()
    [(doc, _)] = stages.parse([(text, None)])
    _, events = code_events(stages, doc, article)
    missing, produced = check_seed(events, gold)
    report = {
        "name": f"{path.name} (seed)",
        "required": len(gold["required_events"]),
        "required_missing": missing,
        "forbidden_produced": produced,
        "events": len(events),
    }
    return report, not missing and not produced


def _is_realnews_gold(path: Path) -> bool:
    """A real-news gold file (docs/annotation.md): JSONL whose records are articles with ``events``."""
    if path.suffix != ".jsonl":
        return False
    with path.open(encoding="utf-8") as handle:
        first = handle.readline()
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and "events" in record and "id" in record


def _realnews_report(path: Path, fmt: str, limit: int | None, shared: Path | None) -> str:
    """Code the gold's articles with the pipeline into a scratch database and score what was stored.
    Articles whose line carries no text take it from the shared data (``shared``: the Wikinews corpus,
    the Article Extraction Benchmark's pages)."""
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.eval.gold import distributed_texts, load_gold, report_splits
    from eventwire.eval.realnews import score
    from eventwire.eval.report import render, stored_events
    from eventwire.pipeline import run

    gold = load_gold(path)[:limit]
    texts = {a.id: a.text for a in gold if a.text}
    missing = {a.id for a in gold} - set(texts)
    if missing and shared is not None:
        texts.update(distributed_texts(shared, missing))
        missing -= set(texts)
    if missing:
        where = f"not found under {shared}" if shared is not None else "pass --shared DIR, the folder holding them"
        raise click.UsageError(f"{path}: {len(missing)} article(s) carry no 'text' (first {sorted(missing)[0]}); "
                               f"their texts come from the shared data (realnews/, bench/aeb/): {where}")
    with tempfile.TemporaryDirectory(prefix="eventwire-eval-") as work:
        source, db = Path(work) / "gold.jsonl", Path(work) / "gold.duckdb"
        source.write_text("".join(json.dumps({"id": a.id, "title": a.title, "text": texts[a.id],
                                              "published": a.published}) + "\n" for a in gold), encoding="utf-8")
        run([str(source)], db=str(db), progress=False, command="eventwire eval")
        produced = stored_events(db, [a.id for a in gold])
    scores = {s: score([a for a in gold if s in ("all", a.split)], produced) for s in report_splits(gold)}
    if fmt == "json":
        return json.dumps({s: sc.figures() | {"reliability": sc.reliability()} for s, sc in scores.items()}, indent=1)
    return render(scores)


@click.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="text: tables for reading; json: one object with per-class figures and the confusion matrix.")
@click.option("--limit", type=click.IntRange(1), default=None,
              help="Score only the first N gold items (a quick look).")
@click.option("--shared", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
              help="Folder of the shared data, for real-news gold lines that name their article instead of "
                   "carrying its text (realnews/ for Wikinews ids, bench/aeb/ for 'aeb-' ids).")
def command(gold: str, fmt: str, limit: int | None, shared: Path | None) -> None:
    """Precision, recall and F1 per class, macro-F1 and the confusion matrix against GOLD.

    GOLD is a real-news gold .jsonl (whole articles, docs/annotation.md: precision, recall, type, mode,
    actor codes, error causes and the reliability of confidence), a plv_train-style .tsv (sentence with marked source/target and a PLOVER root), a PLOVER
    GSR .json, a PETR2 GSR .xml (CAMEO codes with actor codes) or a seed_gold.json (required and
    forbidden events; exit code 1 when one fails). The tsv also gets end-to-end pair recall: the
    share of gold (source, target) pairs that some coded event links.
    """
    # lazy (start-up): loaded when the command runs, not for `eventwire --help` or `--help` of a command
    from eventwire.eval.coder import evaluate_file, load_gold

    path = Path(gold)
    try:
        if _is_realnews_gold(path):
            click.echo(_realnews_report(path, fmt, limit, shared))
            return
        kind, _ = load_gold(path)
        if kind == "seed":
            report, ok = _seed_report(path)
            if fmt == "json":
                click.echo(json.dumps(report, indent=1))
            else:
                click.echo(f"== {report['name']}: {report['events']} events; required {report['required']}, "
                           f"missing {report['required_missing'] or 'none'}; "
                           f"forbidden produced {report['forbidden_produced'] or 'none'}")
            sys.exit(0 if ok else 1)
        result = evaluate_file(path, limit=limit)
    except ConfigError as exc:
        click.echo(f"eventwire: error: {exc}", err=True)
        sys.exit(2)
    click.echo(json.dumps(result.to_dict(), indent=1) if fmt == "json" else result.render())
