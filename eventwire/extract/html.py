"""HTML -> main text and metadata: trafilatura, plus rules that make it better on news pages.

One parse of the page feeds everything. trafilatura runs in its fast mode (main extractor only)
with metadata; its body tree is then cleaned by rules that hold on news sites generally:

* **fallback check**: when the fast main extractor finds next to nothing, trafilatura may fall back
  to dumping the whole page's text. We detect that output (one bare paragraph of many lines) and
  re-run the full cascade (readability/jusText comparison), which finds the article far more often.
* **headline removal**: blocks at the top that repeat the page title are the headline, not the
  body; a standfirst right after it that repeats the meta description (and is not a paragraph) too.
* **boilerplate removal**: short blocks matching ``eventwire/data/boilerplate.txt`` (share buttons,
  newsletter forms, "Write to ... at", copyright lines) are dropped; one in the last part of the
  body also drops the short blocks after it (tag lists, comment rules).

Guards for hostile input: a page longer than ``MAX_PARSED_CHARS`` (or ``max_document_bytes``) loses
its scripts, styles and comments, and is then cut there (with a warning),
bare fragments are wrapped into a document, libxml2 caps nesting depth (10,000-deep tags parse
flat and fast), and any exception inside trafilatura becomes a warning with an empty text rather
than a crash (the caller decides to skip the document).

``bench/aeb.py`` measures this module against plain trafilatura; its docstring lists what was tuned
on the benchmark pages.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml.etree import _Element

from eventwire.settings import get_settings

__all__ = ["HtmlParts", "html_to_parts", "clean_body"]

LOGGER = logging.getLogger(__name__)

# How far into the body headline copies are looked for, and how long a boilerplate block may be.
_HEAD_BLOCKS = 3
_BOILERPLATE_MAX_CHARS = 300
# A boilerplate block this far down the body (fraction of blocks) ends it if only short blocks follow.
_TAIL_START = 0.6
_TAIL_BLOCK_MAX_CHARS = 200
_WORD = re.compile(r"\w+")
# trafilatura's time grows faster than linearly with page size (65 s for 8 MB of paragraphs on the
# development machine, 2-3 s for 1 MB). News pages are far smaller once scripts and styles are gone
# (under 200,000 characters on all 181 AEB pages), so longer ones are cut here, with a warning.
MAX_PARSED_CHARS = 600_000


@dataclass
class HtmlParts:
    text: str = ""
    title: str | None = None
    date: str | None = None  # ISO 8601 as found in the page metadata
    authors: list[str] = field(default_factory=list)
    sitename: str | None = None
    url: str | None = None
    warnings: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    text = (Path(__file__).resolve().parent.parent / "data" / "boilerplate.txt").read_text("utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(re.compile(line, re.IGNORECASE) for line in lines if line and not line.startswith("#"))


def _words(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").lower()))


def _block_text(element: _Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _is_boilerplate(text: str) -> bool:
    return len(text) <= _BOILERPLATE_MAX_CHARS and any(p.fullmatch(text) for p in _boilerplate_patterns())


def _repeats_title(block: str, title: str) -> bool:
    if not block or not title:
        return False
    if block == title:
        return True
    # "Headline - Site name" titles and headlines cut in the <title>: containment either way, but
    # a long block that merely contains the headline is a paragraph, not the headline
    return len(block) > 20 and (block in title or (title in block and len(block) < 1.5 * len(title)))


def clean_body(body: _Element, title: str | None, description: str | None) -> list[str]:
    """Remove headline copies and boilerplate blocks from a trafilatura body tree, in place.

    Returns the texts removed (for tracing).
    """
    removed: list[str] = []
    title_words, description_words = _words(title), _words(description)
    dropped_title = False
    for block in list(body)[:_HEAD_BLOCKS]:
        text = _block_text(block)
        if not _repeats_title(_words(text), title_words):
            break
        body.remove(block)
        removed.append(text)
        dropped_title = True
    if dropped_title and len(body) and body[0].tag != "p" and description_words:
        first = body[0]
        if _words(_block_text(first)) == description_words:
            removed.append(_block_text(first))
            body.remove(first)
    blocks = list(body)
    for index, block in enumerate(blocks):
        text = _block_text(block)
        if not _is_boilerplate(text):
            continue
        rest = blocks[index + 1:]
        if index >= _TAIL_START * len(blocks) and all(len(_block_text(b)) < _TAIL_BLOCK_MAX_CHARS for b in rest):
            for gone in [block, *rest]:
                removed.append(_block_text(gone))
                body.remove(gone)
            break
        removed.append(text)
        body.remove(block)
    return removed


_HEAVY_OPENERS = {"<script": "</script>", "<style": "</style>", "<svg": "</svg>", "<!--": "-->"}
# str.lower() can change a string's length ("\u0130" becomes two characters), which would shift
# every index; such pages are lowered in ASCII only, which is all the tag names need
_ASCII_LOWER = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}


def _strip_heavy(html: str) -> str:
    """Drop scripts (except JSON-LD, which the metadata reads), styles, SVG and comments.

    A linear scan with ``str.find``: a regular expression would go quadratic on unclosed tags. The
    next position of each opener is remembered and searched again only once the scan has passed it
    (searching all four afresh after every element was quadratic: 1 MB of ``<!---->`` took 116 s).
    """
    lower = html.lower()
    if len(lower) != len(html):
        lower = html.translate(_ASCII_LOWER)
    pieces: list[str] = []
    position = 0
    next_at = {opener: lower.find(opener) for opener in _HEAVY_OPENERS}
    while True:
        for opener, index in next_at.items():
            if 0 <= index < position:
                next_at[opener] = lower.find(opener, position)
        found = [(index, opener) for opener, index in next_at.items() if index >= 0]
        if not found:
            break
        start, opener = min(found)
        closer = _HEAVY_OPENERS[opener]
        close = lower.find(closer, start + len(opener))
        end = len(html) if close < 0 else close + len(closer)
        keep = False
        if opener == "<script":
            tag_end = lower.find(">", start, end)
            keep = tag_end >= 0 and "ld+json" in lower[start:tag_end]
        pieces.append(html[position:end] if keep else html[position:start])
        position = end
    pieces.append(html[position:])
    return "".join(pieces)


def _prepare(html: str, warnings: list[str]) -> str:
    limit = min(get_settings().max_document_bytes, MAX_PARSED_CHARS)
    if len(html) > limit:
        html = _strip_heavy(html)
    if len(html) > limit:
        # cut at a tag boundary when one is near, so the parser does not see half a tag
        cut = html.rfind("<", max(0, limit - 4096), limit)
        html = html[: cut if cut > 0 else limit]
        warnings.append(f"HTML cut at {limit} characters (after removing scripts and styles)")
    head = html[:4096].lower()
    if "<html" not in head and "<body" not in head:
        html = f"<html><body>{html}</body></html>"  # trafilatura rejects bare fragments
    return html


def _is_page_dump(body: _Element) -> bool:
    """True for trafilatura's last-resort output: the whole page's text lines in one bare <p>."""
    if len(body) != 1:
        return False
    only = body[0]
    return only.tag == "p" and len(only) == 0 and (only.text or "").count("\n") >= 3


def _metadata(tree: Any, url: str | None) -> Any:
    """trafilatura's ``extract_metadata`` without the fields we do not use (categories, tags,
    licence), which cost a fifth of the extraction time, and with the slow date search only as a
    fallback. The steps and their order are otherwise its own."""
    # lazy (start-up): trafilatura and htmldate only for HTML captures
    from htmldate import find_date
    from trafilatura.metadata import (
        examine_meta,
        extract_author,
        extract_meta_json,
        extract_sitename,
        extract_title,
        extract_url,
    )
    from trafilatura.settings import set_date_params

    metadata = examine_meta(tree)
    if metadata.author and " " not in metadata.author:
        metadata.author = None  # a single word is a handle or a site, not a byline
    try:
        metadata = extract_meta_json(tree, metadata)
    except Exception as exc:  # noqa: BLE001 - trafilatura's JSON-LD reader fails on odd pages
        LOGGER.debug("JSON-LD metadata failed: %r", exc)
    metadata.title = metadata.title or extract_title(tree)
    metadata.author = metadata.author or extract_author(tree)
    metadata.url = metadata.url or extract_url(tree, url)
    # htmldate's extensive search (dates in the page text) costs 3x the quick one and finds a date on
    # about 1% more pages: run it only when the quick one found nothing
    for extensive in (False, True):
        date_config = set_date_params(extensive)
        date_config["url"] = metadata.url
        metadata.date = find_date(tree, **date_config)
        if metadata.date:
            break
    metadata.sitename = metadata.sitename or extract_sitename(tree)
    if metadata.sitename:
        metadata.sitename = metadata.sitename.lstrip("@")
    metadata.clean_and_trim()
    return metadata


def _extract(tree: Any, url: str | None) -> Any:
    # lazy (start-up): trafilatura and htmldate only for HTML captures
    from trafilatura.core import bare_extraction

    document: Any = bare_extraction(tree, url=url, fast=True, include_comments=False)
    if document is None:
        return None
    metadata = _metadata(tree, url)
    for name in ("title", "author", "url", "date", "sitename", "description"):
        setattr(document, name, getattr(metadata, name))
    if document.body is None or not _is_page_dump(document.body):
        return document
    # the fast pass fell back to dumping the whole page: the full cascade usually finds the article
    full: Any = bare_extraction(tree, url=url, include_comments=False, with_metadata=False)
    if full is not None and full.body is not None and full.text:
        document.body, document.text = full.body, full.text
    return document


def html_to_parts(html: str, url: str | None = None) -> HtmlParts:
    """Main text, title, date, authors and site name of a page; ``warnings`` says what went wrong."""
    # lazy (start-up): trafilatura and htmldate only for HTML captures
    from trafilatura.utils import load_html
    from trafilatura.xml import xmltotxt

    warnings: list[str] = []
    try:
        tree = load_html(_prepare(html, warnings))
        if tree is None:
            return HtmlParts(url=url, warnings=[*warnings, "the HTML could not be parsed"])
        document = _extract(tree, url)
    except (RecursionError, MemoryError, ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
        # trafilatura and lxml fail in many ways on hostile pages; the run must go on
        LOGGER.debug("extraction failed: %r", exc)
        return HtmlParts(url=url, warnings=[*warnings, f"HTML extraction failed ({type(exc).__name__})"])
    if document is None:
        return HtmlParts(url=url, warnings=[*warnings, "no main text found in the HTML"])
    text = ""
    if document.body is not None:
        clean_body(document.body, document.title, document.description)
        text = xmltotxt(document.body, False) or ""
    authors = [a.strip() for a in (document.author or "").split(";") if a.strip()]
    if not text.strip():
        warnings.append("no main text found in the HTML")
    return HtmlParts(
        text=text.strip(), title=document.title, date=document.date, authors=authors,
        sitename=document.sitename, url=document.url or url, warnings=warnings,
    )
