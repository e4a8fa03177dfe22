"""Loading worker results into the database, in input order, exactly as a single-process run would.

Workers cannot assign stories (each article joins the story of the most similar *earlier* article)
nor decide which inputs are already stored, so the coordinator replays their record rows here, in
partition order and row order, through the same storage path the pipeline uses
(:class:`~eventwire.store.writer.Writer`): the same input-digest skip, the same first-wins rule for a
repeated article id, the same story index. The stored ids and aggregates therefore equal those of
``eventwire run`` without workers over the same inputs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from eventwire.dedup import StoryIndex
from eventwire.records import Actor, Article, Event, Place, Quote
from eventwire.settings import get_settings
from eventwire.store.db import connect
from eventwire.store.writer import ArticleResult, Failure, Writer

__all__ = ["Loader", "LoadCounts"]


class LoadCounts:
    def __init__(self) -> None:
        self.documents = self.added = self.skipped = self.failed = self.mentions = self.warnings = 0
        self.failures: list[Failure] = []


class Loader:
    """An open database plus what a run must know about it (stored digests, articles, stories)."""

    def __init__(self, db: str | Path, command: str, coder_version: str, batch_size: int = 64) -> None:
        self.con = connect(db)
        # one DuckDB thread: the coordinator's queries are small, and its cores belong to the workers
        self.con.execute("SET threads TO 1")
        self.writer = Writer(self.con)
        self.coder_version = coder_version
        self.batch_size = batch_size
        self.run_id = self.writer.start_run(command, coder_version)
        from eventwire.pipeline import stamp_versions  # what codes the data set, as `run` records it

        stamp_versions(self.con, coder_version, get_settings().actor_files())
        self.known_digests = {r[0] for r in self.con.execute("SELECT digest FROM inputs").fetchall()}
        self.stored = {r[0] for r in self.con.execute("SELECT id FROM articles").fetchall()}
        self.stories = StoryIndex()
        self.stories.load(self.con.execute("SELECT article_id, story_id, signature FROM article_signatures").fetchall())
        self.counts = LoadCounts()
        # the batch being queued (see load)
        self._results: list[ArticleResult] = []
        self._by_id: dict[str, ArticleResult] = {}
        self._failures: list[Failure] = []
        self._skipped: list[tuple[str, str, str]] = []
        self._seen = self._by_digest = 0

    def load(self, rows: Iterable[dict[str, Any]]) -> None:
        """Queue record rows (partitions in order, rows in order); a transaction is written whenever
        ``batch_size`` articles (or 4x that many inputs) are queued, across partition boundaries, as
        a single-process run batches them: partitions are small (a few per worker), and one
        transaction per partition cost the coordinator CPU time that the workers needed."""
        counts = self.counts
        for row in rows:
            counts.documents += 1
            self._seen += 1
            digest, uri = row["digest"], row["uri"]
            if digest and digest in self.known_digests:
                counts.skipped += 1
                self._by_digest += 1
            elif row["status"] != "ok":
                self._failures.append(Failure(uri, row["stage"], row["reason"]))
            elif row["article_id"] in self._by_id:
                self._by_id[row["article_id"]].digests.append((digest, uri))
                counts.skipped += 1
            elif row["article_id"] in self.stored:
                self._skipped.append((digest, uri, row["article_id"]))
                counts.skipped += 1
            else:
                result = self._result(row)
                self._results.append(result)
                self._by_id[result.article.id] = result
            if len(self._results) >= self.batch_size or self._seen >= self.batch_size * 4:
                self.flush()

    def flush(self) -> None:
        """Write what is queued, in one transaction (the run calls this once its last rows are queued)."""
        if self._results or self._failures or self._skipped or self._seen:
            counts = self.counts
            counts.mentions += self.writer.write_batch(self.run_id, self._results, self._failures, self._skipped,
                                                       self._seen, self.coder_version, self._by_digest)
            counts.added += len(self._results)
            counts.failed += len(self._failures)
            counts.failures.extend(self._failures)
            for result in self._results:
                self.stored.add(result.article.id)
                self.known_digests.update(d for d, _ in result.digests)
            self.known_digests.update(d for d, _, _ in self._skipped)
        self._results, self._failures, self._skipped = [], [], []
        self._seen = self._by_digest = 0
        self._by_id = {}

    def _result(self, row: dict[str, Any]) -> ArticleResult:
        article = Article.from_dict(json.loads(row["article"]))
        match = self.stories.assign(article.id, article.text)
        self.counts.warnings += len(article.warnings)
        return ArticleResult(
            article, match.story_id, match.signature,
            actors=[Actor.from_dict(a) for a in json.loads(row["actors"] or "[]")],
            events=[Event.from_dict(e) for e in json.loads(row["events"] or "[]")],
            quotes=[Quote.from_dict(q) for q in json.loads(row["quotes"] or "[]")],
            places=[Place.from_dict(p) for p in json.loads(row["places"] or "[]")],
            digests=[(row["digest"], row["uri"])],
        )

    def fail(self, failures: list[Failure]) -> None:
        """Record partitions that could not be run (their documents are unknown)."""
        if failures:
            self.writer.write_batch(self.run_id, [], failures)
            self.counts.failures.extend(failures)

    def close(self, status: str) -> None:
        try:
            self.writer.finish_run(self.run_id, status)
        finally:
            self.con.close()
