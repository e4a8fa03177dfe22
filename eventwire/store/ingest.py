"""The one ingest coordinator: what a run stores, decided in input order, whoever parsed the articles.

The single-process run (:func:`eventwire.pipeline.run`) feeds it inputs and their articles and
analyses each batch when it is written; the parallel runs (:mod:`eventwire.scale`) feed it the
workers' record rows, replayed in input order, already analysed. Either way the same rules decide,
for each input in order:

1. it counts as a document; a read or extraction failure is recorded with its reason;
2. its digest is already stored (and this is not a recode): skipped before extraction;
3. its article id is already queued in this batch: the first wins, and this input's digest is
   stored with the first (a page fetched twice is one article);
4. its article is already stored: skipped, its digest recorded; with ``recode`` and another coder
   version, queued to be coded again from the stored text;
5. otherwise queued.

A batch is written in one transaction (:class:`~eventwire.store.writer.Writer`) when ``batch_size``
articles or 4x as many inputs are queued, or, when ``max_batch_chars`` is set, before the next text
would take the queued texts past it (the parsed Docs of a batch are held at once). At writing, the
queued articles are analysed (``analyse``: parse and stages, or the worker's stored analysis); a
failed one is recorded with its stage and reason, each other joins its story (the
:class:`~eventwire.dedup.StoryIndex`, in input order: a story is the most similar *earlier*
article) and is stored. A batch that one article's values break is written one article at a time,
so the run and a rerun make progress. The stored rows therefore depend on the inputs and their
order only, not on how many processes parsed them.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

import eventwire
from eventwire.dedup import StoryIndex
from eventwire.records import Article, Credits, Dateline
from eventwire.stages import DATA, Analysis, Counts, coder_version
from eventwire.store.db import connect, database_failure, is_storage_failure
from eventwire.store.seen import Seen
from eventwire.store.writer import ArticleResult, Failure, Writer

__all__ = ["Queued", "Ingest", "ingesting", "stamp_versions"]


@dataclass
class Queued:
    """An article waiting for its batch to be written; ``found`` is set by ``analyse`` then."""

    article: Article
    digests: list[tuple[str, str]]
    recoded: bool = False
    payload: Any = None  # what the feeder needs to analyse it (a worker's record row)
    found: Analysis | Failure | None = None


Analyser = Callable[[list[Queued]], None]


@dataclass
class _Batch:
    queued: list[Queued] = field(default_factory=list)
    by_id: dict[str, Queued] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (digest, uri, stored article id)
    seen: int = 0
    by_digest: int = 0  # inputs skipped on their digest
    chars: int = 0


class Ingest:
    """One run's view of its database (stored digests, coder versions, stories) and its open batch."""

    def __init__(self, con: Any, run_id: str, coder_version: str, counts: Counts, analyse: Analyser, *,
                 batch_size: int, max_batch_chars: int = 0, recode: bool = False,
                 on_progress: Callable[[], None] = lambda: None, seen: Seen | None = None) -> None:
        self.con = con
        self.writer = Writer(con)
        self.run_id = run_id
        self.version = coder_version
        self.counts = counts
        self.analyse = analyse
        self.batch_size = batch_size
        self.max_batch_chars = max_batch_chars
        self.recode = recode
        self.on_progress = on_progress
        self.outcome = "complete"  # what a run that ends normally is marked (scale: "partial")
        # what was stored before: loaded whole for this run, or a long-lived caller's (watch) kept across runs
        self.seen = Seen.whole(con) if seen is None else seen
        self.seen.attach(con)
        self._batch = _Batch()

    @property
    def stories(self) -> StoryIndex:
        """Loaded on first use: a rerun that skips every input never needs it."""
        return self.seen.stories

    # -- feeding, one input at a time, in input order ----------------------------------------------

    def knows_input(self, digest: str | None) -> bool:
        """Rule 2 without counting: whether :meth:`already_stored` would skip this input now."""
        return bool(digest) and not self.recode and self.seen.has_digest(digest or "")

    def already_stored(self, digest: str | None) -> bool:
        """Rule 2, asked before extraction: True (counted, nothing else to do) for a stored input."""
        if not self.knows_input(digest):
            return False
        self.counts.documents += 1
        self.counts.skipped += 1
        self._batch.seen += 1
        self._batch.by_digest += 1
        self.on_progress()
        self._close_when_full()
        return True

    def failed(self, uri: str, stage: str, reason: str, *, check: bool = True) -> None:
        """An input that gave no article (read, extract). ``check=False``: the batch is not closed
        here (a read failure reported while the reader is between two inputs)."""
        self.counts.documents += 1
        self._batch.seen += 1
        self._batch.failures.append(Failure(uri, stage, reason))
        if check:
            self._close_when_full()

    def add(self, article: Article, digest: str, uri: str, payload: Any = None) -> None:
        """Rules 3-5 for an input whose article was extracted."""
        self.counts.documents += 1
        self._batch.seen += 1
        self._make_room(article.text)
        batch = self._batch
        first = batch.by_id.get(article.id)
        coded = self.seen.coder_of(article.id)
        if first is not None:
            first.digests.append((digest, uri))
            self.counts.skipped += 1
        elif coded is False:
            self._queue(Queued(article, [(digest, uri)], payload=payload))
        elif self.recode and coded != self.version:
            self._queue(Queued(self._reload(article.id), [(digest, uri)], recoded=True, payload=payload))
        else:
            batch.skipped.append((digest, uri, article.id))
            self.counts.skipped += 1
        self._close_when_full()

    def recode_stored(self, article: Article) -> None:
        """A stored article queued to be coded again (``run --recode`` without inputs)."""
        self.counts.documents += 1
        self._batch.seen += 1
        self._make_room(article.text)
        self._queue(Queued(article, [], recoded=True))
        self._close_when_full()

    def stored_to_recode(self) -> Iterator[Article]:
        """The stored articles coded by another coder version, by id."""
        rows = self.con.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE coder_version IS DISTINCT FROM ? "
                                "ORDER BY id", [self.version]).fetchall()
        return (_stored_article(row) for row in rows)

    def _queue(self, item: Queued) -> None:
        self._batch.queued.append(item)
        self._batch.by_id[item.article.id] = item
        self._batch.chars += len(item.article.text)

    def _make_room(self, incoming: str) -> None:
        """Close the batch first when ``incoming`` would take its texts past the budget; a text
        longer than the budget is a batch of its own."""
        batch = self._batch
        if self.max_batch_chars and batch.queued and batch.chars + len(incoming) > self.max_batch_chars:
            self.counts.batches_capped += 1
            self.flush()

    def _close_when_full(self) -> None:
        if len(self._batch.queued) >= self.batch_size or self._batch.seen >= self.batch_size * 4:
            self.flush()

    # -- writing --------------------------------------------------------------------------------------

    def flush(self) -> None:
        """Analyse and write what is queued, in one transaction (also called once the inputs end)."""
        batch, self._batch = self._batch, _Batch()
        if not (batch.queued or batch.failures or batch.skipped or batch.seen):
            return
        if batch.queued:
            self.analyse(batch.queued)
        results = [self._result(item, batch.failures) for item in batch.queued]
        stored, mentions = self._write([r for r in results if r is not None], batch)
        counts = self.counts
        for result in stored:
            self.seen.stored(result.article.id, self.version, (d for d, _ in result.digests))
        self.seen.skipped(d for d, _, _ in batch.skipped)
        counts.mentions += mentions
        counts.added += sum(1 for r in stored if not r.recoded)
        counts.recoded += sum(1 for r in stored if r.recoded)
        counts.failed += len(batch.failures)
        counts.failures.extend(batch.failures)
        self.on_progress()

    def _result(self, item: Queued, failures: list[Failure]) -> ArticleResult | None:
        found = item.found
        if found is None:  # every analyser sets it; a bug otherwise, not a document's failure
            raise RuntimeError(f"{item.article.uri}: queued but never analysed")
        if not isinstance(found, Analysis):
            failures.append(found)
            return None
        art = item.article
        if item.recoded:
            story_id, signature = self._story_of(art.id), None
        else:
            match = self.stories.assign(art.id, art.text)
            story_id, signature = match.story_id, match.signature
        self.counts.warnings += len(art.warnings)
        return ArticleResult(art, story_id, signature, found.actors, found.events, found.quotes, found.places,
                             item.digests, item.recoded)

    def _write(self, results: list[ArticleResult], batch: _Batch) -> tuple[list[ArticleResult], int]:
        try:
            return results, self.writer.write_batch(self.run_id, results, batch.failures, batch.skipped, batch.seen,
                                                    self.version, batch.by_digest)
        except duckdb.Error as exc:
            if is_storage_failure(exc):
                raise
            # one article's values broke the batch: store the others one by one, so the run (and a
            # rerun) makes progress instead of failing on the same batch for ever
            return self._write_one_by_one(results, batch)

    def _write_one_by_one(self, results: list[ArticleResult], batch: _Batch) -> tuple[list[ArticleResult], int]:
        stored: list[ArticleResult] = []
        mentions = 0
        for result in results:
            try:
                mentions += self.writer.write_batch(self.run_id, [result], coder_version=self.version)
            except duckdb.Error as exc:
                if is_storage_failure(exc):
                    raise
                batch.failures.append(Failure(result.article.uri, "store", f"{type(exc).__name__}: {exc}"[:500]))
            else:
                stored.append(result)
        mentions += self.writer.write_batch(self.run_id, [], batch.failures, batch.skipped, batch.seen,
                                            self.version, batch.by_digest)
        return stored, mentions

    def record_failures(self, failures: list[Failure]) -> None:
        """Inputs that were never read (a partition that failed): recorded, not counted as documents."""
        if failures:
            self.writer.write_batch(self.run_id, [], failures)
            self.counts.failures.extend(failures)

    def _story_of(self, article_id: str) -> str:
        row = self.con.execute("SELECT story_id FROM articles WHERE id = ?", [article_id]).fetchone()
        return str(row[0]) if row and row[0] else article_id

    def _reload(self, article_id: str) -> Article:
        row = self.con.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", [article_id]).fetchone()
        assert row is not None  # coder_of answers only for stored ids
        return _stored_article(row)


@contextmanager
def ingesting(db: Path, command: str, coder_version: str, counts: Counts, analyse: Analyser, *,
              actor_files: Sequence[Path | str] = (), batch_size: int, max_batch_chars: int = 0,
              recode: bool = False, on_progress: Callable[[], None] = lambda: None,
              single_thread: bool = False, seen: Seen | None = None) -> Iterator[Ingest]:
    """Open ``db``, start a run, and yield its coordinator; at the end write what is still queued and
    mark the run (``complete``, or ``ingest.outcome``; ``interrupted`` when the body raised).
    A database error is named with its fix (:func:`~eventwire.store.db.database_failure`)."""
    con = connect(db)
    try:
        if single_thread:  # a coordinator of workers: its queries are small, its cores are theirs
            con.execute("SET threads TO 1")
        run_id = Writer(con).start_run(command, coder_version)
        stamp_versions(con, coder_version, actor_files)
        ingest = Ingest(con, run_id, coder_version, counts, analyse, batch_size=batch_size,
                        max_batch_chars=max_batch_chars, recode=recode, on_progress=on_progress, seen=seen)
        status = "interrupted"
        try:
            yield ingest
            ingest.flush()
            status = ingest.outcome
        finally:
            _finish(ingest, status)
    except duckdb.Error as exc:  # disk full, a file damaged under us: named, with its fix
        raise database_failure(db, exc) from exc
    finally:
        con.close()


def _finish(ingest: Ingest, status: str) -> None:
    """Mark the run; when even that fails (disk full) the next start marks it killed instead."""
    try:
        ingest.writer.finish_run(ingest.run_id, status)
    except duckdb.Error:
        if status == "complete":
            raise


def stamp_versions(con: Any, coder: str, actor_files: Sequence[Path | str] = ()) -> None:
    """Record in ``meta`` what codes this data set: eventwire, the coder (all coding data and models),
    and separately the actor dictionaries, the lexicon and the model (docs/versioning.md)."""
    rows = {"eventwire_version": eventwire.__version__, "coder_version": coder,
            **_data_versions(tuple(Path(p) for p in actor_files))}
    con.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", list(rows.items()))


@functools.cache
def _data_versions(actor_files: tuple[Path, ...]) -> dict[str, str]:
    models = Path(__file__).resolve().parents[1] / "models"
    return {"dictionary_version": coder_version("actors", actor_files, roots=[DATA / "actors"]),
            "lexicon_version": coder_version("lexicon", roots=[DATA / "lexicon", DATA / "events", DATA / "cameo"]),
            "model_version": coder_version("model", roots=[models] if models.is_dir() else [])}


_ARTICLE_COLUMNS = ("id, uri, url, source, title, text, published, dateline_place, dateline_country, "
                    "dateline_agency, credits, language, warnings")


def _stored_article(row: tuple[Any, ...]) -> Article:
    (ident, uri, url, source, title, text, published, place, country, agency, credits, language,
     warnings) = row
    return Article(
        id=ident, uri=uri, url=url, source=source, title=title, text=text, published=published,
        dateline=Dateline(place, country, agency), credits=Credits.from_dict(json.loads(credits or "{}")),
        language=language, warnings=list(json.loads(warnings or "[]")),
    )
