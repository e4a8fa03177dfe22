"""The watcher's memory, kept in the database (tables ``feeds`` and ``feed_items``, schema v3).

A feed row holds its HTTP validators (ETag, Last-Modified) for conditional GET and its backoff state
(consecutive failures, next poll time, last error). A feed item row records each item ever seen, so
an item is fetched once; a page that failed for a reason worth retrying is tried again on later polls
up to ``MAX_ATTEMPTS`` times.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

__all__ = ["FeedState", "load_feed", "save_feed", "known_items", "record_items", "MAX_ATTEMPTS"]

MAX_ATTEMPTS = 3


@dataclass
class FeedState:
    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_polled: datetime | None = None
    last_ok: datetime | None = None
    failures: int = 0
    next_poll: datetime | None = None
    last_error: str | None = None


def load_feed(con: Any, url: str) -> FeedState:
    row = con.execute("SELECT url, title, etag, last_modified, last_polled, last_ok, failures, next_poll, "
                      "last_error FROM feeds WHERE url = ?", [url]).fetchone()
    if row is None:
        return FeedState(url)
    state = FeedState(*row)
    state.failures = state.failures or 0
    return state


def save_feed(con: Any, state: FeedState) -> None:
    con.execute(
        "INSERT OR REPLACE INTO feeds VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [state.url, state.title, state.etag, state.last_modified, state.last_polled, state.last_ok,
         state.failures, state.next_poll, state.last_error],
    )


def known_items(con: Any, feed_url: str) -> dict[str, tuple[str, int]]:
    """item key -> (status, attempts) for every item of the feed seen before."""
    rows = con.execute("SELECT item_key, status, attempts FROM feed_items WHERE feed_url = ?", [feed_url]).fetchall()
    return {key: (status, attempts or 0) for key, status, attempts in rows}


def record_items(con: Any, feed_url: str, rows: list[dict[str, Any]]) -> None:
    """Upsert item rows: keys feed_url, item_key, url, title, published, first_seen, status, attempts,
    article_id, reason (first_seen of an existing row is kept)."""
    for row in rows:
        con.execute(
            """INSERT INTO feed_items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (feed_url, item_key) DO UPDATE SET status = excluded.status,
                 attempts = excluded.attempts, article_id = excluded.article_id, reason = excluded.reason""",
            [feed_url, row["item_key"], row["url"], row["title"], row["published"], row["first_seen"],
             row["status"], row["attempts"], row.get("article_id"), row.get("reason")],
        )
