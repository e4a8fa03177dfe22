"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: checked with a hardened XML parser, then read by feedparser.

defusedxml refuses any DOCTYPE (``forbid_dtd``), so entity expansion ("billion laughs"), external
entities and external DTDs never reach feedparser: such a feed is reported as unsafe, like garbage is
reported as unparsable, and a document that is not RSS or Atom is refused by its root element.
feedparser then reads the items (without rewriting their HTML: summaries are kept as the feed gave
them; an XHTML title is read as its markup, a relative permalink guid is resolved like a link). Only
the fields the watcher needs are kept: an item key (guid/id, else the link, else a digest
of the title), the link (resolved against the feed's address), title, publication date and summary.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from eventwire.errors import InputError

__all__ = ["FeedItem", "Feed", "FeedError", "parse_feed", "MAX_ITEMS"]

MAX_ITEMS = 500  # a feed listing more is cut (its newest items come first by convention)
_ATOM = "{http://www.w3.org/2005/Atom}"


class FeedError(InputError):
    """A feed that cannot be used (garbage, unsafe XML, not a feed); the watcher retries it later."""


@dataclass(frozen=True)
class FeedItem:
    key: str
    url: str | None
    title: str | None = None
    published: str | None = None
    summary: str | None = None


@dataclass(frozen=True)
class Feed:
    title: str | None
    items: list[FeedItem]


def _iso(value: str | None) -> str | None:
    """ISO 8601 from an RFC 822 (RSS) or ISO (Atom, Dublin Core) date; None when unreadable."""
    if not value:
        return None
    try:
        stamp = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        try:
            stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(UTC)
    return stamp.replace(tzinfo=None).isoformat(timespec="minutes")


def _key(guid: str | None, link: str | None, title: str | None, summary: str | None) -> str:
    if guid:
        return guid[:500]
    if link:
        return link[:500]
    return "sha1:" + hashlib.sha1(f"{title}\n{summary}".encode()).hexdigest()


def _clean(value: Any) -> str | None:
    return str(value).strip() or None if value else None


def _link(entry: Any) -> str | None:
    """The item's page: its first alternate link, else its first link of any kind (an enclosure).
    From ``links``, not ``link``: feedparser fills ``link`` from an id when there is no link."""
    links = [link for link in entry.get("links") or [] if _clean(link.get("href"))]
    alternate = [link for link in links if link.get("rel", "alternate") == "alternate"]
    return _clean((alternate or links or [{}])[0].get("href"))


def _item(entry: Any) -> FeedItem:
    content = entry.get("content") or []
    summary = _clean(entry.get("summary")) or (_clean(content[0].get("value")) if content else None)
    title, url = _clean(entry.get("title")), _link(entry)
    date = _clean(entry.get("published")) or _clean(entry.get("updated"))
    return FeedItem(_key(_clean(entry.get("id")), url, title, summary), url, title, _iso(date), summary)


def _feedparser() -> Any:
    # lazy (start-up): feedparser (and its sgmllib) only when a feed is parsed
    import feedparser

    return feedparser


def parse_feed(content: bytes, base_url: str | None = None) -> Feed:
    """The items of a feed, in document order. Raises :class:`FeedError` for anything else."""
    # lazy (start-up): defusedxml only when a feed is parsed
    import defusedxml
    from defusedxml.ElementTree import ParseError, fromstring

    if not content.strip():
        raise FeedError("the feed is empty")
    try:
        root = fromstring(content, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException as exc:
        raise FeedError(f"unsafe XML refused ({type(exc).__name__}): feeds may not declare a DTD or entities") from exc
    except (ParseError, ValueError, UnicodeError) as exc:
        raise FeedError(f"not well-formed XML ({exc})") from exc
    tag = root.tag
    if tag == "rss" and root.find("channel") is None:
        raise FeedError("an RSS document without a <channel>")
    if tag not in ("rss", f"{_ATOM}feed") and not tag.endswith("RDF"):
        raise FeedError(f"not an RSS or Atom feed (root element <{tag}>)")
    parsed = _feedparser().parse(content, response_headers={"content-location": base_url} if base_url else None,
                                 sanitize_html=False, resolve_relative_uris=False)
    items = [_item(entry) for entry in parsed.entries[:MAX_ITEMS]]
    return Feed(_clean(parsed.feed.get("title")), items)
