"""The whole pipeline: sources -> extract -> nlp -> actors -> events + quotes + places -> dedup -> store.

Idempotent: each input's digest is recorded, so a rerun skips it before extraction, and an article
whose id is already stored is skipped before NLP. Crash-safe: each batch is written in one
transaction, so a killed run loses at most the batch in flight and the next run completes it.
``recode=True`` re-codes stored articles (their stored text, no re-extraction) with the current
coder, leaving those already coded by this coder version as they are (so a recode can be resumed).
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

import eventwire
from eventwire.errors import ConfigError, EventwireError, InputError
from eventwire.records import Article, Credits, Dateline, RawDocument
from eventwire.seen import Seen
from eventwire.settings import get_settings
from eventwire.stages import DATA, EventGate, StageFailure, Stages, analyse, coder_version, get_stages
from eventwire.store.db import connect, database_failure, is_storage_failure
from eventwire.store.writer import ArticleResult, Failure, Writer

__all__ = ["run", "RunSummary", "input_digest", "Progress"]


@dataclass
class RunSummary:
    run_id: str = ""
    db: str = ""
    documents: int = 0
    added: int = 0
    skipped: int = 0
    recoded: int = 0
    failed: int = 0
    mentions: int = 0
    warnings: int = 0
    seconds: float = 0.0
    failures: list[Failure] = field(default_factory=list)
    batches_capped: int = 0  # batches closed early by max_batch_chars (long texts)
    max_batch_chars: int = 0

    def line(self) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        capped = (f"; {self.batches_capped} batches held to {self.max_batch_chars} characters of text "
                  f"(EVENTWIRE_MAX_BATCH_CHARS)" if self.batches_capped else "")
        return (
            f"{self.documents} documents in {self.seconds:.1f}s ({rate:.1f}/s): {self.added} added, "
            f"{self.recoded} recoded, {self.skipped} already stored, {self.failed} failed; "
            f"{self.mentions} event mentions, {self.warnings} warnings{capped} -> {self.db}"
        )


class Progress:
    """A progress bar on stderr when it is a terminal (tqdm: documents done, of how many when known,
    rate and ETA, mentions, failures); nothing otherwise (the summary line says it all in a log).

    ``total`` is asked on every redraw: the CLI counts the inputs in a background thread, so the total
    (and the ETA) appear as soon as the count is done, without delaying the start.
    """

    def __init__(self, enabled: bool = True, total: Callable[[], int | None] | None = None) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.total = total
        self._bar: Any = None

    def update(self, summary: RunSummary, force: bool = False) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            # lazy (start-up): tqdm only when a progress bar is shown
            from tqdm import tqdm

            self._bar = tqdm(total=None, unit="doc", dynamic_ncols=True, mininterval=0.2, leave=False)
        known = self.total() if self.total else None
        if known is not None and self._bar.total != known:
            self._bar.total = known
        self._bar.set_postfix_str(f"{summary.mentions} event mentions, {summary.failed} failed", refresh=False)
        self._bar.update(summary.documents - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def stamp_versions(con: Any, coder: str, actor_files: Sequence[Path] = ()) -> None:
    """Record in ``meta`` what codes this data set: eventwire, the coder (all coding data and models),
    and separately the actor dictionaries, the lexicon and the model (docs/versioning.md)."""

    rows = {"eventwire_version": eventwire.__version__, "coder_version": coder, **_data_versions(tuple(actor_files))}
    con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(rows.items()))


@functools.cache
def _data_versions(actor_files: tuple[Path, ...]) -> dict[str, str]:
    models = Path(__file__).resolve().parent / "models"
    return {"dictionary_version": coder_version("actors", actor_files, roots=[DATA / "actors"]),
            "lexicon_version": coder_version("lexicon", roots=[DATA / "lexicon", DATA / "events", DATA / "cameo"]),
            "model_version": coder_version("model", roots=[models] if models.is_dir() else [])}


def input_digest(raw: RawDocument) -> str:
    """What identifies an input before extraction: its bytes plus the metadata extraction reads."""
    digest = hashlib.sha1()
    for part in (raw.kind, raw.url or "", raw.title or "", raw.published or ""):
        digest.update(part.encode("utf-8", "replace") + b"\x1f")
    if raw.source:  # only when given, so the digests of captures without one stay as they were
        digest.update(b"source\x1f" + raw.source.encode("utf-8", "replace"))
    if raw.content is not None:
        digest.update(raw.content)
    if raw.text is not None:
        digest.update(raw.text.encode("utf-8", "replace"))
    return digest.hexdigest()


@dataclass
class _Pending:
    article: Article
    digests: list[tuple[str, str]]
    recoded: bool = False


class _Run:
    def __init__(self, con: Any, stages: Stages, summary: RunSummary, progress: Progress,
                 seen: Seen | None = None) -> None:
        self.con = con
        self.stages = stages
        self.summary = summary
        self.progress = progress
        self.writer = Writer(con)
        if seen is None:
            seen = Seen.whole(con)
        else:
            seen.attach(con)
        self.seen = seen

    def process_batch(self, pending: list[_Pending], failures: list[Failure],
                      skipped: list[tuple[str, str, str]], seen: int, already_stored: int = 0) -> None:
        results: list[ArticleResult] = []
        stages = self.stages
        items = ((p.article.text, p) for p in pending)
        for doc, item in stages.parse(items) if pending else ():
            art: Article = item.article
            try:
                found = analyse(stages, doc, art)
            except StageFailure as failure:
                failures.append(Failure(art.uri, failure.stage, failure.reason))
                continue
            actors, events, quotes, places = found.actors, found.events, found.quotes, found.places
            if item.recoded:
                story_id, signature = self._story_of(art.id), None
            else:
                match = self.seen.stories.assign(art.id, art.text)
                story_id, signature = match.story_id, match.signature
            results.append(ArticleResult(art, story_id, signature, actors, events, quotes, places,
                                         item.digests, item.recoded))
            self.summary.warnings += len(art.warnings)
        try:
            mentions = self.writer.write_batch(self.summary.run_id, results, failures, skipped, seen,
                                               stages.version, already_stored)
        except duckdb.Error as exc:
            if is_storage_failure(exc):
                raise
            # one article's values broke the batch: store the others one by one, so the run (and a
            # rerun) makes progress instead of failing on the same batch for ever
            results, mentions = self._write_one_by_one(results, failures, skipped, seen, already_stored)
        for result in results:
            self.seen.stored(result.article.id, stages.version, (d for d, _ in result.digests))
        self.seen.skipped(d for d, _, _ in skipped)
        self.summary.mentions += mentions
        self.summary.added += sum(1 for r in results if not r.recoded)
        self.summary.recoded += sum(1 for r in results if r.recoded)
        self.summary.failed += len(failures)
        self.summary.failures.extend(failures)
        self.progress.update(self.summary)

    def _write_one_by_one(self, results: list[ArticleResult], failures: list[Failure],
                          skipped: list[tuple[str, str, str]], seen: int, already_stored: int
                          ) -> tuple[list[ArticleResult], int]:
        stored: list[ArticleResult] = []
        mentions = 0
        for result in results:
            try:
                mentions += self.writer.write_batch(self.summary.run_id, [result], coder_version=self.stages.version)
            except duckdb.Error as exc:
                if is_storage_failure(exc):
                    raise
                failures.append(Failure(result.article.uri, "store", f"{type(exc).__name__}: {exc}"[:500]))
            else:
                stored.append(result)
        mentions += self.writer.write_batch(self.summary.run_id, [], failures, skipped, seen,
                                            self.stages.version, already_stored)
        return stored, mentions

    def _story_of(self, article_id: str) -> str:
        row = self.con.execute("SELECT story_id FROM articles WHERE id = ?", [article_id]).fetchone()
        return str(row[0]) if row and row[0] else article_id


def _stored_article(row: tuple[Any, ...]) -> Article:
    (ident, uri, url, source, title, text, published, place, country, agency, credits, language,
     warnings) = row
    return Article(
        id=ident, uri=uri, url=url, source=source, title=title, text=text, published=published,
        dateline=Dateline(place, country, agency), credits=Credits.from_dict(json.loads(credits or "{}")),
        language=language, warnings=list(json.loads(warnings or "[]")),
    )


_ARTICLE_COLUMNS = ("id, uri, url, source, title, text, published, dateline_place, dateline_country, "
                    "dateline_agency, credits, language, warnings")


def _read_sources(paths: Sequence[str], on_skip: Callable[[str, str], None]) -> Iterator[RawDocument]:
    try:
        # lazy (start-up): the readers (warcio, charset detection) only when there are inputs
        from eventwire.sources import read_sources
    except ImportError as exc:
        raise ConfigError(f"the sources stage is not available in this installation ({exc})") from exc
    return read_sources(paths, on_skip=on_skip)


def run(
    paths: Sequence[str] = (),
    *,
    db: str | Path | None = None,
    recode: bool = False,
    actor_files: Sequence[Path] = (),
    batch_size: int | None = None,
    stages: Stages | None = None,
    documents: Iterable[RawDocument] | None = None,
    progress: bool = False,
    command: str = "run",
    progress_total: Callable[[], int | None] | None = None,
    gate: EventGate | None = None,
    seen: Seen | None = None,
) -> RunSummary:
    """Run the pipeline over ``paths`` (or the given ``documents``) into the database ``db``.

    Returns the summary; failures are in ``summary.failures`` (and in the ``run_failures`` table).
    ``seen``: what the run looks up before working (:mod:`eventwire.seen`), kept across runs by a
    long-lived caller such as ``watch``; by default loaded whole for this run.
    Raises :class:`DatabaseError` for a database it must not touch and :class:`ConfigError` for bad settings.
    """
    settings = get_settings()
    db_path = Path(db) if db else settings.db
    size = batch_size or settings.batch_size
    if size < 1:
        raise ConfigError("the batch size must be at least 1 (EVENTWIRE_BATCH_SIZE)")
    stages = stages or get_stages(settings.stages, [*settings.actor_files(), *actor_files], gate)
    summary = RunSummary(db=str(db_path), max_batch_chars=settings.max_batch_chars)
    started = time.monotonic()
    con = connect(db_path)
    display = Progress(progress, progress_total)
    try:
        summary.run_id = Writer(con).start_run(command, stages.version)
        stamp_versions(con, stages.version, [*settings.actor_files(), *actor_files])
        state = _Run(con, stages, summary, display, seen)
        status = "interrupted"
        try:
            _drive(state, paths, documents, recode, size)
            status = "complete"
        finally:
            summary.seconds = time.monotonic() - started
            display.update(summary, force=True)
            display.close()
            _finish(state, summary.run_id, status)
    except duckdb.Error as exc:  # disk full, a file damaged under us: named, with its fix
        raise database_failure(db_path, exc) from exc
    finally:
        con.close()
    return summary


def _finish(state: _Run, run_id: str, status: str) -> None:
    """Mark the run; when even that fails (disk full) the next start marks it killed instead."""
    try:
        state.writer.finish_run(run_id, status)
    except duckdb.Error:
        if status == "complete":
            raise


def _drive(state: _Run, paths: Sequence[str], documents: Iterable[RawDocument] | None, recode: bool,
           size: int) -> None:
    summary = state.summary
    pending: list[_Pending] = []
    failures: list[Failure] = []
    skipped: list[tuple[str, str, str]] = []
    seen = 0
    by_digest = 0  # inputs skipped on their digest in this batch
    in_batch: dict[str, _Pending] = {}
    budget = summary.max_batch_chars or get_settings().max_batch_chars

    def flush() -> None:
        nonlocal pending, failures, skipped, seen, by_digest
        if pending or failures or skipped or seen:
            state.process_batch(pending, failures, skipped, seen, by_digest)
        pending, failures, skipped, seen, by_digest = [], [], [], 0, 0
        in_batch.clear()

    def make_room(incoming: str) -> None:
        """Close the batch first when ``incoming`` would take its text past the budget (memory: see
        settings); a text longer than the budget is a batch of its own."""
        if pending and sum(len(p.article.text) for p in pending) + len(incoming) > budget:
            summary.batches_capped += 1
            flush()

    def full() -> bool:
        return len(pending) >= size or seen >= size * 4

    def on_skip(uri: str, reason: str) -> None:
        nonlocal seen
        summary.documents += 1
        seen += 1
        failures.append(Failure(uri, "read", reason))

    if recode and not paths and documents is None:
        rows = state.con.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE coder_version IS DISTINCT FROM ? ORDER BY id",
            [state.stages.version],
        ).fetchall()
        for row in rows:
            stored = _stored_article(row)
            make_room(stored.text)
            pending.append(_Pending(stored, [], recoded=True))
            summary.documents += 1
            seen += 1
            if full():
                flush()
        flush()
        return

    source = documents if documents is not None else _read_sources(paths, on_skip)
    for raw in source:
        summary.documents += 1
        seen += 1
        digest = input_digest(raw)
        if not recode and state.seen.has_digest(digest):
            summary.skipped += 1
            by_digest += 1
            state.progress.update(summary)
            continue
        try:
            article = state.stages.extract(raw)
        except ConfigError:
            raise
        except (InputError, EventwireError) as exc:
            failures.append(Failure(raw.uri, "extract", str(exc)))
        except Exception as exc:  # an extractor bug on one capture must not stop the run
            failures.append(Failure(raw.uri, "extract", f"{type(exc).__name__}: {exc}"))
        else:
            make_room(article.text)
            _route(state, article, digest, raw.uri, recode, pending, skipped, in_batch)
        if full():
            flush()
    flush()


def _route(state: _Run, article: Article, digest: str, uri: str, recode: bool, pending: list[_Pending],
           skipped: list[tuple[str, str, str]], in_batch: dict[str, _Pending]) -> None:
    """Queue a new article, queue a stored one for recoding, or record it as already stored."""
    if article.id in in_batch:
        in_batch[article.id].digests.append((digest, uri))
        state.summary.skipped += 1
        return
    coded = state.seen.coder_of(article.id)
    if coded is False:
        item = _Pending(article, [(digest, uri)])
    elif recode and coded != state.stages.version:
        item = _Pending(_reload(state, article.id), [(digest, uri)], recoded=True)
    else:
        skipped.append((digest, uri, article.id))
        state.summary.skipped += 1
        return
    pending.append(item)
    in_batch[article.id] = item


def _reload(state: _Run, article_id: str) -> Article:
    row = state.con.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", [article_id]).fetchone()
    assert row is not None
    return _stored_article(row)
