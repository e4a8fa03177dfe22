"""Captures -> clean articles: decode, find the main text (HTML), then the news layer.

``extract_article`` is what the pipeline calls; ``extract_text`` wraps plain text (used by
``eventwire.code_text`` and tests); ``extract_with_trace`` also returns what was cut and why, for
benchmarks and debugging.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from eventwire.errors import InputError
from eventwire.extract.dates import normalize_date
from eventwire.extract.ids import article_id, source_from_url
from eventwire.extract.language import detect_language
from eventwire.extract.markup import decode_entities, strip_wiki_markup
from eventwire.extract.news import NewsText, clean_news_text, dateline_date
from eventwire.records import Article, Credits, Dateline, RawDocument
from eventwire.settings import get_settings
from eventwire.sources.decode import decode_bytes
from eventwire.urls import site_host

__all__ = ["Extraction", "extract_article", "extract_text", "extract_with_trace"]


@dataclass
class Extraction:
    """An article and the trace of its extraction.

    ``dateline_text`` is the exact string cut from the start of the body ("CORFU, Greece (Reuters) - ");
    ``removed`` lists (reason, text) for every other piece cut, in reading order.
    """

    article: Article
    dateline_text: str | None = None
    removed: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class _Parts:
    text: str
    title: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    sitename: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)  # markup cut before the news layer


def _main_text(raw: RawDocument) -> _Parts:
    warnings: list[str] = []
    if raw.text is not None:
        text = raw.text
    elif raw.content is not None:
        text, warnings = decode_bytes(raw.content, raw.charset)
    else:
        raise InputError(f"{raw.uri}: the capture holds no content; check the source file")
    if "\x00" in text:
        warnings.append(f"removed {text.count(chr(0))} NUL characters")
        text = text.replace("\x00", "")
    if raw.kind != "html":
        # a text dump keeps the entities and wiki markup an HTML parser would have handled
        text, removed = strip_wiki_markup(decode_entities(text))
        title = decode_entities(raw.title) if raw.title else None
        return _Parts(text=text, title=title, url=raw.url, warnings=warnings, removed=removed)
    # lazy (start-up): trafilatura only for HTML captures
    from eventwire.extract.html import html_to_parts

    parts = html_to_parts(text, raw.url)
    parts.text = decode_entities(parts.text)  # double-escaped pages ("&amp;quot;") leave one level
    if not parts.text.strip():
        reason = "; ".join(parts.warnings) or "no main text found in the HTML"
        raise InputError(f"{raw.uri}: {reason}; the page is skipped (is it an index or a paywall page?)")
    return _Parts(text=parts.text, title=parts.title, date=parts.date, authors=list(parts.authors),
                  sitename=parts.sitename, url=parts.url or raw.url, warnings=warnings + list(parts.warnings))


def _published(raw: RawDocument, parts: _Parts, news: NewsText) -> str | None:
    explicit = normalize_date(raw.published)
    if explicit:
        return explicit
    meta = normalize_date(parts.date)
    header = news.published
    if meta and header and header.startswith(meta[:10]) and len(header) > len(meta):
        return header  # the header line adds the time of day to the metadata's date
    return meta or header or dateline_date(news.dateline, raw.captured)


def _truncate(text: str, limit: int, warnings: list[str]) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind("\n\n", 0, limit)
    if cut < limit // 2:
        cut = max(text.rfind(". ", 0, limit) + 1, 0) or limit
    warnings.append(f"text cut at {cut} of {len(text)} characters (raise EVENTWIRE_MAX_TEXT_CHARS to keep more)")
    return text[:cut].rstrip()


def _person_name(name: str) -> str:
    """Metadata bylines are sometimes in capitals ("RUTH MALONE"): records keep names title-cased."""
    name = " ".join(name.split())
    return " ".join(w.capitalize() for w in name.split()) if name.isupper() and len(name) > 3 else name


def _build(raw: RawDocument, parts: _Parts) -> Extraction:
    title = (parts.title or raw.title or "").strip() or None
    news = clean_news_text(parts.text, title=title, captured=raw.captured)
    warnings = list(raw.warnings) + parts.warnings
    body = _truncate(news.body, get_settings().max_text_chars, warnings)
    found = news.dateline
    dateline = Dateline(place=found.place, country=found.country, agency=found.agency) if found else Dateline()
    authors = [_person_name(a) for a in parts.authors if a.strip()]
    authors += [a for a in news.credits.authors if a not in authors]
    credits = Credits(authors=authors, reporting=list(news.credits.reporting),
                      writing=list(news.credits.writing), editing=list(news.credits.editing))
    url = parts.url or raw.url
    source = (raw.source or "").strip() or source_from_url(url) or dateline.agency or parts.sitename or site_host(url)
    article = Article(
        id=article_id(url, body),
        uri=raw.uri,
        url=url,
        source=source,
        title=title or news.title,
        text=body,
        published=_published(raw, parts, news),
        dateline=dateline,
        credits=credits,
        language=detect_language(body),
        warnings=warnings,
    )
    return Extraction(article=article, dateline_text=found.text if found else None,
                      removed=parts.removed + news.removed)


def extract_with_trace(raw: RawDocument) -> Extraction:
    """Like :func:`extract_article`, with the dateline string and the removed pieces."""
    extraction = _build(raw, _main_text(raw))
    if not extraction.article.text.strip():
        raise InputError(f"{raw.uri}: no article text left after removing page furniture; the capture is skipped")
    return extraction


def extract_article(raw: RawDocument) -> Article:
    """One capture -> one clean :class:`Article`. Raises :class:`InputError` for a capture to skip."""
    return extract_with_trace(raw).article


def extract_text(
    text: str,
    *,
    uri: str = "<text>",
    url: str | None = None,
    captured: datetime | None = None,
    title: str | None = None,
    published: str | None = None,
) -> Article:
    """Plain text -> :class:`Article`, through the same news layer as text captures.

    Never raises for odd input: an empty or all-furniture text gives an article with empty ``text``.
    """
    raw = RawDocument(uri=uri, kind="text", text=text, url=url, captured=captured, title=title,
                      published=published)
    return _build(raw, _main_text(raw)).article
