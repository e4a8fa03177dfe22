"""Article identity and publisher: a stable id, and the source name from the URL host (URLs: ``eventwire/urls.py``)."""

from __future__ import annotations

import hashlib
import unicodedata

from eventwire.extract.tables import publishers
from eventwire.urls import normalize_url, url_host

__all__ = ["article_id", "source_from_url"]

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
