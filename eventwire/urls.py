"""Page addresses: the normalised URL an article id is computed from, and the site host of a URL.

One home for both, so that the article id, the publisher stored with an article, the publisher
guessed by the extractor and the crawl's host filter read a host alike (lower case, no ``www.``).

Why not courlan (installed with trafilatura): its ``normalize_url`` percent-encodes non-ASCII paths,
keeps fragments unless ``strict``, drops default ports, decodes punycode and puts a ``/`` before a
query, and its ``extract_domain`` keeps the host's case and reduces it to the registered domain
(``uk.reuters.com`` -> ``reuters.com``). Either would change the article ids and publishers already
stored (docs/records.md: ids are stable across runs), so the rules below stay as they were.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["normalize_url", "url_host", "site_host"]

# Query parameters that track the reader, not the page: the same article carries many of them.
_TRACKING = re.compile(r"^(?:utm_\w+|fbclid|gclid|ocid|cmpid|ref|ref_src|src|smid|mc_cid|mc_eid|ito|rss|feed)$", re.I)


def _without_www(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


def normalize_url(url: str | None) -> str:
    """Lower-case scheme and host, no ``www.``, no fragment, no tracking parameters, no trailing slash."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = _without_www((parts.hostname or "").lower())
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or ""
    scheme = "http" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    return urlunsplit((scheme, host, path, query, ""))


def url_host(url: str | None) -> str | None:
    """The host of a URL in lower case (``www.`` kept), or None when there is none or it is unreadable."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def site_host(url: str | None) -> str | None:
    """The site a URL is on: its host in lower case without ``www.`` (``WWW.Reuters.com`` -> ``reuters.com``)."""
    host = url_host(url)
    return _without_www(host) or None if host else None
