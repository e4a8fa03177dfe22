"""Live feeds: RSS/Atom polling (:mod:`.parse`), safe fetching (:mod:`.fetch`), state (:mod:`.state`) and
the watch loop (:mod:`.watch`) behind ``eventwire watch``; see docs/watch.md."""

from eventwire.feeds.fetch import Fetcher, FetchError, FetchResult
from eventwire.feeds.parse import Feed, FeedError, FeedItem, parse_feed
from eventwire.feeds.watch import PollReport, Watcher, parse_every, publish_snapshot

__all__ = ["Fetcher", "FetchError", "FetchResult", "Feed", "FeedError", "FeedItem", "parse_feed", "Watcher",
           "PollReport", "parse_every", "publish_snapshot"]
