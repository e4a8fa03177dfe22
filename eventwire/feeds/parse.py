"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds parsed with a hardened XML parser.

defusedxml refuses any DOCTYPE (``forbid_dtd``), so entity expansion ("billion laughs"), external
entities and external DTDs never happen: such a feed is reported as unsafe, like garbage is reported
as unparsable. Only the fields the watcher needs are read: an item key (guid/id, else the link, else
a digest of the title), the link, title, publication date and summary.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

from eventwire.errors import InputError

__all__ = ["FeedItem", "Feed", "FeedError", "parse_feed", "MAX_ITEMS"]

MAX_ITEMS = 500  # a feed listing more is cut (its newest items come first by convention)
_ATOM = "{http://www.w3.org/2005/Atom}"
_RSS1 = "{http://purl.org/rss/1.0/}"
_DC = "{http://purl.org/dc/elements/1.1/}"


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


def _text(node: Any, *names: str) -> str | None:
    for name in names:
        found = node.find(name)
        if found is not None and (found.text or "").strip():
            return str(found.text).strip()
    return None


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


def _atom_link(entry: Any) -> str | None:
    fallback = None
    for link in entry.findall(f"{_ATOM}link"):
        rel = link.get("rel", "alternate")
        if rel == "alternate" and link.get("href"):
            return str(link.get("href"))
        fallback = fallback or link.get("href")
    return fallback


def _item(base: str | None, guid: str | None, link: str | None, title: str | None, date: str | None,
          summary: str | None) -> FeedItem:
    url = urljoin(base, link) if (base and link) else link
    return FeedItem(_key(guid, url, title, summary), url, title, _iso(date), summary)


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
    items: list[FeedItem] = []
    if tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise FeedError("an RSS document without a <channel>")
        title = _text(channel, "title")
        for node in channel.findall("item")[:MAX_ITEMS]:
            items.append(_item(base_url, _text(node, "guid"), _text(node, "link"), _text(node, "title"),
                               _text(node, "pubDate", f"{_DC}date"), _text(node, "description")))
    elif tag == f"{_ATOM}feed":
        title = _text(root, f"{_ATOM}title")
        for node in root.findall(f"{_ATOM}entry")[:MAX_ITEMS]:
            items.append(_item(base_url, _text(node, f"{_ATOM}id"), _atom_link(node), _text(node, f"{_ATOM}title"),
                               _text(node, f"{_ATOM}published", f"{_ATOM}updated"),
                               _text(node, f"{_ATOM}summary", f"{_ATOM}content")))
    elif tag.endswith("RDF"):
        channel = root.find(f"{_RSS1}channel")
        title = _text(channel, f"{_RSS1}title") if channel is not None else None
        for node in root.findall(f"{_RSS1}item")[:MAX_ITEMS]:
            link = _text(node, f"{_RSS1}link")
            items.append(_item(base_url, node.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about"), link,
                               _text(node, f"{_RSS1}title"), _text(node, f"{_DC}date"),
                               _text(node, f"{_RSS1}description")))
    else:
        raise FeedError(f"not an RSS or Atom feed (root element <{tag}>)")
    return Feed(title, items)
