"""The watch loop: poll feeds, fetch new article pages, run them through the pipeline, remember them.

One cycle (:meth:`Watcher.poll`) polls every feed that is due and fetches the pages of items it has not
stored yet. Feeds are fetched concurrently (at most ``max_parallel_feeds`` at a time; each request has
its own deadline), and each feed's pages go through :func:`eventwire.pipeline.run` (``documents=``) as
soon as that feed is read, its items and state recorded right after, so a slow feed does not hold up
the others: their articles are coded while it trickles towards its deadline. A feed
that errors, times out or serves garbage is reported and backed off (2x, 4x ... the interval, at most
``max_backoff``).

A cycle costs what its new items cost, not what the database holds: the pipeline's lookups (digests,
stored articles, the story index of recent articles) are kept across cycles (:mod:`eventwire.store.seen`).

Serving while watching (docs/watch.md): ``eventwire watch --serve`` serves the API from this process,
reading the database the watcher writes (:class:`eventwire.api.live_source.LiveSource`; ``on_stored``
tells it when a cycle stored something). For a server in another process, which DuckDB does not let
read a file being written, the watcher can publish a read-only copy after each cycle that stored
something (:func:`publish_snapshot`): a symlink that always points at the newest complete copy, which
``eventwire serve`` reopens when it changes; each copy costs the whole database. Beside each copy the
events it changed since the previous one are written (:mod:`eventwire.store.snapshot_changes`), so the
server keeps the answers they cannot have changed.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.feeds.fetch import Fetcher, FetchError
from eventwire.feeds.parse import FeedItem, parse_feed
from eventwire.feeds.state import MAX_ATTEMPTS, FeedState, known_items, load_feed, record_items, save_feed
from eventwire.records import RawDocument
from eventwire.settings import get_settings
from eventwire.stages import Stages, get_stages
from eventwire.store.backup import backup
from eventwire.store.db import connect
from eventwire.store.seen import Seen
from eventwire.store.snapshot_changes import SnapshotJournal, changes_path

if TYPE_CHECKING:
    from eventwire.feeds.stage_pool import StagePool

__all__ = ["Watcher", "PollReport", "publish_snapshot", "parse_every", "MAX_PARALLEL_FEEDS"]

# Feeds fetched at once: enough that one slow or trickling feed does not delay the others, few
# enough to stay polite (requests to one host are still spaced by the fetcher's rate limit).
MAX_PARALLEL_FEEDS = 4


def parse_every(text: str) -> float:
    """Seconds from '90s', '15m', '2h' or a bare number of seconds."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    value = text.strip().lower()
    factor = units.get(value[-1:], 0)
    number = value[:-1] if factor else value
    try:
        seconds = float(number) * (factor or 1)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not an interval; write it like 30s, 15m or 1h") from exc
    if seconds <= 0:
        raise ValueError(f"{text!r}: the interval must be positive")
    return seconds


def _due(next_poll: datetime | None, now: datetime) -> bool:
    return next_poll is None or next_poll <= now


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class PollReport:
    feed: str
    status: str  # ok | not modified | error
    new_items: int = 0
    stored: int = 0
    failed: int = 0
    error: str | None = None
    next_poll: datetime | None = None

    def line(self) -> str:
        if self.status == "error":
            return f"{self.feed}: {self.error}; retrying after {self.next_poll:%H:%M:%S} UTC"
        if self.status == "not modified":
            return f"{self.feed}: not modified"
        return f"{self.feed}: {self.new_items} new items, {self.stored} articles stored, {self.failed} failed"


@dataclass
class _Page:
    feed: str
    item: FeedItem
    raw: RawDocument | None
    attempts: int
    status: str = "pending"
    reason: str | None = None


class Watcher:
    """Polls ``feeds`` into the database ``db``; see the module docstring."""

    def __init__(self, feeds: Sequence[str], *, db: str | Path, every: float = 900.0,
                 fetcher: Fetcher | None = None, max_backoff: float = 6 * 3600.0, max_new_per_poll: int = 200,
                 stages: Stages | None = None, snapshot: str | Path | None = None,
                 log: Callable[[str], None] | None = None, clock: Callable[[], datetime] = _now,
                 max_parallel_feeds: int = MAX_PARALLEL_FEEDS, on_stored: Callable[[], None] | None = None,
                 backup_to: str | Path | None = None, backup_every: float = 86400.0, workers: int = 0,
                 nice: int | None = None) -> None:
        self.feeds = list(dict.fromkeys(feeds))
        self.max_parallel_feeds = max(1, max_parallel_feeds)
        self.db = Path(db)
        self.every = every
        self.fetcher = fetcher or Fetcher()
        self.max_backoff = max_backoff
        self.max_new_per_poll = max_new_per_poll
        self.stages = stages
        self.snapshot = Path(snapshot) if snapshot else None
        # what each published copy changed, for the server's answer cache (heard from the writer)
        self.journal = SnapshotJournal() if self.snapshot is not None else None
        self.log = log or (lambda message: None)
        self.clock = clock
        self.on_stored = on_stored
        self.backup_to = Path(backup_to) if backup_to else None
        self.backup_every = backup_every
        self._backed_up: float | None = None  # monotonic time of the last backup
        self.seen = Seen.recent()  # kept across cycles, so a cycle does not reload the history
        connect(self.db).close()  # create or migrate now, with the database's own error message
        # workers > 0: the CPU-heavy stages run in child processes (eventwire/feeds/stage_pool.py), so
        # this process, which may also serve the API, is not held up by them; 0: in this process
        self.pool = self._start_pool(workers, get_settings().watch_nice if nice is None else nice) if workers else None

    def _start_pool(self, workers: int, nice: int) -> StagePool:
        # lazy (start-up): the process pool and the scale worker's code only when children are asked for
        from eventwire.feeds.stage_pool import StagePool
        from eventwire.scale.worker import WorkerOptions

        settings = get_settings()  # the children build the stages the run would: same name, same dictionaries
        options = WorkerOptions(stages=self.stages.name if self.stages else settings.stages,
                                actor_files=tuple(str(p) for p in settings.actor_files()))
        return StagePool(options, workers, nice=nice, log=self.log, document_seconds=settings.watch_document_seconds)

    def wait_loaded(self, timeout: float = 120.0) -> bool:
        """Wait until the stage processes, if any, have loaded their models (at most ``timeout``
        seconds); whether they did (True without stage processes)."""
        return self.pool is None or self.pool.wait_loaded(timeout)

    def close(self) -> None:
        """End the stage processes, if any (the database is opened per cycle and needs no closing)."""
        if self.journal is not None:
            self.journal.close()
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    # -- one cycle ----------------------------------------------------------------------------------
    def poll(self, force: bool = False) -> list[PollReport]:
        """Poll the feeds that are due (all of them with ``force``); return one report per feed polled."""
        now, started = self.clock(), time.monotonic()
        con = connect(self.db)
        try:
            states = {url: load_feed(con, url) for url in self.feeds}
            known = {url: known_items(con, url) for url in self.feeds}
        finally:
            con.close()
        due = [url for url in self.feeds if force or _due(states[url].next_poll, now)]
        found: dict[str, list[_Page]] = {url: [] for url in due}
        reports: dict[str, PollReport] = {}
        with ThreadPoolExecutor(max_workers=min(self.max_parallel_feeds, max(1, len(due))),
                                thread_name_prefix="eventwire-feed") as pool:
            polling = {pool.submit(self._poll_feed, states[url], known[url], found[url], now): url for url in due}
            # each feed's pages go through the pipeline as soon as that feed is read, while slower feeds
            # are still fetching: a feed that trickles up to its deadline does not hold up the others
            for future in as_completed(polling):
                url = polling[future]
                reports[url] = future.result()
                self._store_feed(states[url], found[url], reports[url], now)
        con = connect(self.db)
        try:  # feeds not due keep their state; a feed named for the first time is registered
            for url in self.feeds:
                if url not in reports:
                    save_feed(con, states[url])
        finally:
            con.close()
        for url in due:
            self.log(reports[url].line())
        stored = sum(r.stored for r in reports.values())
        if self.snapshot is not None and (stored or not self.snapshot.exists()):
            publish_snapshot(self.db, self.snapshot, journal=self.journal)
        if stored:  # what a cycle costs, for operators and bench/live.py
            self.log(f"cycle: {stored} articles stored in {time.monotonic() - started:.2f} s")
        return [reports[url] for url in due]

    def _store_feed(self, state: FeedState, pages: list[_Page], report: PollReport, now: datetime) -> None:
        """Run one feed's new pages through the pipeline, then record its items and state."""
        stored_ids = self._run_pages(pages)
        con = connect(self.db)
        try:
            record_items(con, state.url, [self._item_row(p, stored_ids, now) for p in pages])
            save_feed(con, state)
        finally:
            con.close()
        report.stored = sum(1 for p in pages if p.status == "stored")
        report.failed = sum(1 for p in pages if p.status in ("failed", "refused"))
        if report.stored and self.on_stored is not None:
            self.on_stored()  # right after the commit: the API's caches must not answer from before it

    def _poll_feed(self, state: FeedState, known: dict[str, tuple[str, int]], pages: list[_Page],
                   now: datetime) -> PollReport:
        state.last_polled = now
        try:
            result = self.fetcher.get(state.url, etag=state.etag, last_modified=state.last_modified)
            if result.not_modified:
                self._succeeded(state, now)
                return PollReport(state.url, "not modified", next_poll=state.next_poll)
            feed = parse_feed(result.content, result.url)
        except Exception as exc:  # one broken feed must not stop the others; it is retried later
            state.failures += 1
            delay = min(self.every * 2 ** state.failures, self.max_backoff)
            state.next_poll = now + timedelta(seconds=delay)
            state.last_error = str(exc).removeprefix(f"{state.url}: ")[:500]
            return PollReport(state.url, "error", error=state.last_error, next_poll=state.next_poll)
        state.title = feed.title
        state.etag, state.last_modified = result.etag, result.last_modified
        self._succeeded(state, now)
        fresh = [i for i in feed.items if i.key not in known
                 or (known[i.key][0] == "failed" and known[i.key][1] < MAX_ATTEMPTS)]
        for item in fresh[: self.max_new_per_poll]:
            attempts = known.get(item.key, ("", 0))[1] + 1
            pages.append(self._fetch_page(state.url, item, attempts, now))
        return PollReport(state.url, "ok", new_items=len(fresh), next_poll=state.next_poll)

    def _succeeded(self, state: FeedState, now: datetime) -> None:
        state.failures, state.last_error, state.last_ok = 0, None, now
        state.next_poll = now + timedelta(seconds=self.every)

    def _fetch_page(self, feed: str, item: FeedItem, attempts: int, now: datetime) -> _Page:
        if not item.url:
            return _Page(feed, item, None, attempts, "refused", "the item has no link")
        try:
            result = self.fetcher.get(item.url)
        except FetchError as exc:
            return _Page(feed, item, None, attempts, "failed" if exc.retry else "refused", str(exc))
        ctype = result.headers.get("content-type", "")
        charset = ctype.partition("charset=")[2].strip("\"' ") or None
        raw = RawDocument(uri=result.url, kind="text" if ctype.startswith("text/plain") else "html",
                          content=result.content, url=result.url, title=item.title, published=item.published,
                          captured=now.replace(tzinfo=UTC), charset=charset)
        return _Page(feed, item, raw, attempts)

    def _run_pages(self, pages: list[_Page]) -> dict[str, str]:
        """Run fetched pages through the pipeline; input digest -> stored article id."""
        # lazy (start-up): the pipeline (DuckDB, the stages) only when articles are stored
        from eventwire.pipeline import input_digest, run

        ready = [p for p in pages if p.raw is not None]
        if not ready:
            return {}
        if self.stages is None:  # built once: the coder version hashes every coding data file (~0.25 s)
            settings = get_settings()
            self.stages = get_stages(settings.stages, settings.actor_files())
        summary = run(documents=[p.raw for p in ready if p.raw is not None], db=self.db, stages=self.stages,
                      command="eventwire watch", seen=self.seen, offload=self.pool)
        failed = {f.uri: f.reason for f in summary.failures}
        con = connect(self.db)
        try:
            digests = [input_digest(p.raw) for p in ready if p.raw is not None]
            rows = con.execute("SELECT digest, article_id FROM inputs WHERE digest IN (SELECT unnest(?))",
                               [digests]).fetchall()
        finally:
            con.close()
        stored = dict(rows)
        for page, digest in zip(ready, digests, strict=True):
            assert page.raw is not None
            if digest in stored:
                page.status = "stored"
            else:
                page.status, page.reason = "failed", failed.get(page.raw.uri, "not stored")
        return {d: stored[d] for d in digests if d in stored}

    @staticmethod
    def _item_row(page: _Page, stored_ids: dict[str, str], now: datetime) -> dict[str, object]:
        article_id = None
        if page.raw is not None and page.status == "stored":
            # lazy (start-up): the pipeline (DuckDB, the stages) only when articles are stored
            from eventwire.pipeline import input_digest

            article_id = stored_ids.get(input_digest(page.raw))
        item = page.item
        return {"item_key": item.key, "url": item.url, "title": item.title, "published": item.published,
                "first_seen": now, "status": page.status, "attempts": page.attempts, "article_id": article_id,
                "reason": page.reason}

    # -- the loop -----------------------------------------------------------------------------------
    def run(self, *, once: bool = False, stop: threading.Event | None = None) -> None:
        """Poll until ``stop`` is set (or after one cycle with ``once``), sleeping until the next feed is due."""
        stop = stop or threading.Event()
        while not stop.is_set():
            self.poll(force=once)
            self.backup_if_due(final=once)
            if once:
                return
            stop.wait(self._seconds_to_next())

    def backup_if_due(self, final: bool = False) -> None:
        """Copy the database to ``backup_to`` every ``backup_every`` seconds (first after one cycle), between
        cycles: the only moment this process writes nothing and another process cannot open the file."""
        due = self._backed_up is None or time.monotonic() - self._backed_up >= self.backup_every
        if self.backup_to is None or not (due or final):
            return
        con = connect(self.db)
        try:
            seconds = backup(con, self.backup_to)
        except Exception as exc:  # noqa: BLE001 - a full backup disk must not stop the watcher; retried next cycle
            self.log(f"backup to {self.backup_to} failed: {exc}; retrying after the next cycle")
            return
        finally:
            con.close()
        self._backed_up = time.monotonic()
        self.log(f"backup: {self.backup_to} written in {seconds:.1f} s")

    def _seconds_to_next(self) -> float:
        con = connect(self.db)
        try:
            row = con.execute("SELECT min(next_poll) FROM feeds WHERE url IN (SELECT unnest(?))", [self.feeds]).fetchone()
        finally:
            con.close()
        if not row or row[0] is None:
            return self.every
        return max(0.05, min(self.every, (row[0] - self.clock()).total_seconds()))


def publish_snapshot(db: Path, link: Path, keep: int = 2, journal: SnapshotJournal | None = None) -> Path:
    """Copy the (closed) database next to ``link`` and point ``link`` at the copy, atomically.

    Readers that open ``link`` always get a complete copy; the newest ``keep`` copies are kept so a
    reader still using the previous one is not pulled from under its feet. ``journal``: writes what
    the copy changed beside it before the link points at it (so a reader that opens it finds it).
    """
    link.parent.mkdir(parents=True, exist_ok=True)
    target = link.parent / f"{link.name}.{time.time_ns()}"
    shutil.copyfile(db, target)
    wal = Path(f"{db}.wal")
    if wal.exists():
        shutil.copyfile(wal, Path(f"{target}.wal"))
    if journal is not None:
        journal.write(target)
    tmp = link.parent / f".{link.name}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(target.name, tmp)
    os.replace(tmp, link)
    copies = sorted(link.parent.glob(f"{link.name}.[0-9]*"), key=lambda p: p.name)
    copies = [c for c in copies if not c.name.endswith(".wal")]
    for old in copies[:-keep]:
        old.unlink(missing_ok=True)
        Path(f"{old}.wal").unlink(missing_ok=True)
        changes_path(old).unlink(missing_ok=True)
    return target
