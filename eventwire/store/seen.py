"""What a pipeline run checks before doing work, and how it gets it.

Before extracting a document the run asks whether its input digest is stored; before NLP, whether its
article is stored and with which coder version; before storing, which story it joins (the MinHash
index of stored articles, :class:`eventwire.dedup.StoryIndex`).

``eventwire run`` loads all of that once per run (:meth:`Seen.whole`): one scan of each table beats a
lookup per document over a corpus. A live service runs the pipeline every cycle on a handful of
documents, and loading the whole history each time made a cycle cost grow with the database (a scan
of every digest, article and signature per cycle). So ``eventwire watch`` keeps one :meth:`Seen.live`
across its cycles: digests and coder versions are looked up by primary key for the documents at hand,
and the story index is loaded once, with the articles stored in the last ``story_days`` days (a story
is a set of near-copies of one piece of news, published within days of each other), then kept up to
date as articles are stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from eventwire.dedup import StoryIndex

__all__ = ["Seen", "STORY_DAYS"]

# A live service matches new articles against the stories of the last month: wire copies and rewrites
# of one piece of news appear within days; older articles cost memory (about 1.5 KB each) for nothing.
STORY_DAYS = 30.0


class Seen:
    """The digests, coder versions and story index a run consults; see the module docstring."""

    def __init__(self, *, live: bool, story_days: float | None = None) -> None:
        self.live = live
        self.story_days = story_days
        self.con: Any = None
        self._digests: set[str] = set()
        self._coders: dict[str, str | None] = {}
        self._stories: StoryIndex | None = None

    @classmethod
    def whole(cls, con: Any) -> Seen:
        """Everything loaded now, for one run over a corpus."""
        seen = cls(live=False)
        seen.attach(con)
        seen._digests = {r[0] for r in con.execute("SELECT digest FROM inputs").fetchall()}
        seen._coders = dict(con.execute("SELECT id, coder_version FROM articles").fetchall())
        return seen

    @classmethod
    def recent(cls, story_days: float = STORY_DAYS) -> Seen:
        """Lookups by key and a story index of the last ``story_days`` days, kept across runs."""
        return cls(live=True, story_days=story_days)

    def attach(self, con: Any) -> None:
        """Use ``con`` (the run's connection) for lookups and for loading the story index."""
        self.con = con

    # -- digests and coder versions -----------------------------------------------------------------
    def has_digest(self, digest: str) -> bool:
        if not self.live:
            return digest in self._digests
        return self.con.execute("SELECT 1 FROM inputs WHERE digest = ?", [digest]).fetchone() is not None

    def coder_of(self, article_id: str) -> str | None | bool:
        """The coder version of a stored article (None when unknown), or False when it is not stored."""
        if not self.live:
            return self._coders.get(article_id, False)
        row = self.con.execute("SELECT coder_version FROM articles WHERE id = ?", [article_id]).fetchone()
        return False if row is None else row[0]

    def stored(self, article_id: str, coder_version: str, digests: Iterable[str]) -> None:
        """Note a written article (live lookups read the database, which has it already)."""
        if not self.live:
            self._coders[article_id] = coder_version
            self._digests.update(digests)

    def skipped(self, digests: Iterable[str]) -> None:
        if not self.live:
            self._digests.update(digests)

    # -- stories ------------------------------------------------------------------------------------
    @property
    def stories(self) -> StoryIndex:
        """Loaded on first use: a rerun that skips every input never needs it."""
        if self._stories is None:
            index = StoryIndex()
            index.load(self.con.execute(*self._signature_query()).fetchall())
            self._stories = index  # assigned once loaded: a failed load is retried by the next run
        return self._stories

    def _signature_query(self) -> tuple[str, list[Any]]:
        columns = "SELECT s.article_id, s.story_id, s.signature FROM article_signatures s"
        if self.story_days is None:
            return columns, []
        since = datetime.now(UTC).replace(tzinfo=None) - timedelta(days=self.story_days)
        return (f"{columns} JOIN articles a ON a.id = s.article_id JOIN runs r ON r.id = a.run_id "
                "WHERE r.started >= ?", [since])
