"""Article identity and publisher: a stable id, and the source name from the URL host."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from eventwire.extract.tables import publishers

__all__ = ["article_id", "normalize_url", "url_host", "source_from_url"]

# Query parameters that track the reader, not the page: the same article carries many of them.
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|ocid|cmpid|ref|ref_src|src|smid|mc_cid|mc_eid|ito|rss|feed)$", re.I)


def normalize_url(url: str | None) -> str:
    """Lower-case scheme and host, no ``www.``, no fragment, no tracking parameters, no trailing slash."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or ""
    scheme = "http" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, host, path, query, ""))


def _normalize_text(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def article_id(url: str | None, text: str) -> str:
    """32 hex digits of BLAKE2b over the normalised URL and text: the same for the same page fetched
    twice and insensitive to whitespace changes; different when either the address or the words differ.
    """
    digest = hashlib.blake2b(digest_size=16)
    digest.update(normalize_url(url).encode("utf-8"))
    digest.update(b"\x00")
    digest.update(_normalize_text(text).encode("utf-8"))
    return digest.hexdigest()


def url_host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def source_from_url(url: str | None) -> str | None:
    """The publisher's name for a known host or any of its parent domains (``uk.reuters.com`` ->
    ``Reuters``), else None."""
    host = url_host(url)
    if not host:
        return None
    labels = host.split(".")
    for i in range(len(labels) - 1):
        name = publishers().get(".".join(labels[i:]))
        if name:
            return name
    return None
