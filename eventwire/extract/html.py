"""HTML -> main text and metadata, through trafilatura (first version; tuned by the AEB benchmark)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["HtmlParts", "html_to_parts"]


@dataclass
class HtmlParts:
    text: str = ""
    title: str | None = None
    date: str | None = None  # ISO 8601 as found in the page metadata
    authors: list[str] = field(default_factory=list)
    sitename: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)


def html_to_parts(html: str, url: str | None = None) -> HtmlParts:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    if doc is None:
        return HtmlParts(url=url, warnings=["no main text found in the HTML"])
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return HtmlParts(
        text=doc.text or "", title=doc.title, date=doc.date, authors=authors,
        sitename=doc.sitename, url=doc.url or url,
    )
