"""Crawl filters: language, date range and host, applied as early as each one can be.

The host filter needs only the capture's URL, so it runs before extraction; language and date need
the extracted article, so they run after extraction and before the expensive stages (spaCy, actors,
events). A filtered document is not stored and leaves no input digest, so a later run without the
filter still processes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from eventwire.dates import publication_day
from eventwire.errors import ConfigError
from eventwire.records import Article, RawDocument
from eventwire.urls import site_host

__all__ = ["Filters", "parse_day"]


def parse_day(value: str | None, option: str) -> str | None:
    """'2024-03-01' (validated) from an ISO date option, or None when not given."""
    if not value:
        return None
    day = publication_day(value)
    if day is None:
        raise ConfigError(f"{option} {value!r} is not a date; write it as YYYY-MM-DD")
    return day.isoformat()


@dataclass(frozen=True)
class Filters:
    """What a run keeps. Empty fields keep everything.

    ``hosts`` match a URL's host or any of its subdomains (``reuters.com`` keeps ``uk.reuters.com``);
    ``since``/``until`` are inclusive ISO days compared with the article's publication date, else its
    capture date; ``languages`` are ISO 639-1 codes compared with the detected language.
    """

    languages: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    hosts: tuple[str, ...] = field(default=())

    @classmethod
    def build(cls, languages: tuple[str, ...] = (), since: str | None = None, until: str | None = None,
              hosts: tuple[str, ...] = ()) -> Filters:
        lows = tuple(h.lower().removeprefix("www.").strip(".") for h in hosts if h.strip())
        start, end = parse_day(since, "--since"), parse_day(until, "--until")
        if start and end and start > end:
            raise ConfigError(f"--since {start} is after --until {end}; swap them")
        return cls(tuple(code.lower() for code in languages if code), start, end, lows)

    def __bool__(self) -> bool:
        return bool(self.languages or self.since or self.until or self.hosts)

    def keeps_capture(self, raw: RawDocument) -> bool:
        """The cheap checks, before extraction: the host, and ``since`` against the capture date (a page
        cannot be published after it was captured; one day of margin covers time zones)."""
        if self.since and raw.captured is not None \
                and (raw.captured.date() + timedelta(days=1)).isoformat() < self.since:
            return False
        if not self.hosts:
            return True
        host = site_host(raw.url)
        return host is not None and any(host == h or host.endswith("." + h) for h in self.hosts)

    def keeps_article(self, article: Article, raw: RawDocument) -> bool:
        """The checks that need the extracted article: language and date."""
        if self.languages:
            language = article.language
            if language is None:  # a stage configuration that does not detect it (light): detect here
                # lazy (start-up): py3langid only when a language filter meets an article without one
                from eventwire.extract.language import detect_language

                language = detect_language(article.text)
            if (language or "").lower() not in self.languages:
                return False
        if self.since or self.until:
            day = (article.published or "")[:10] or (raw.captured.date().isoformat() if raw.captured else "")
            if not day:
                return False
            if self.since and day < self.since:
                return False
            if self.until and day > self.until:
                return False
        return True
