"""Generate a large, realistic WARC file of news pages for scale tests and benchmarks.

    .venv/bin/python bench/make_warc.py --size 1GB -o /tmp/crawl.warc.gz
    .venv/bin/python bench/make_warc.py --size 20MB -o /tmp/small.warc.gz --seed 7

What is inside, per "page": a request record and a response record, like a crawler writes them.
Responses are HTML news pages (stories from eventwire.synthetic, templates written for the eventwire
project, no real reporting) wrapped in one of several site layouts with navigation, cookie banners,
related-links lists and footers; about 8% are pages in French, Spanish or German; the rest of the
records are what a crawl also collects: images and PDFs (random bytes, so they do not compress),
stylesheets, scripts, 301 redirects, 404 pages and metadata records. ``--html-share`` sets the
fraction of the file's (compressed) bytes taken by HTML. Records are gzipped one by one (the
``.warc.gz`` convention), so the file can be split at record boundaries. Never commit the output.
"""

from __future__ import annotations

import argparse
import html
import io
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.synthetic import OUTLETS, generate

FOREIGN = {  # written for the eventwire project
    "fr": ["Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs.",
           "Les négociations entre les deux pays doivent reprendre la semaine prochaine à Genève.",
           "Selon le ministère, la situation reste calme dans la région frontalière depuis plusieurs jours.",
           "Les syndicats ont appelé à une grève nationale pour protester contre la réforme des retraites."],
    "es": ["El gobierno anunció el martes un nuevo paquete de medidas para apoyar a los agricultores.",
           "Las negociaciones entre ambos países se reanudarán la próxima semana en Ginebra.",
           "Según el ministerio, la situación sigue tranquila en la región fronteriza desde hace varios días.",
           "Los sindicatos convocaron una huelga nacional contra la reforma de las pensiones."],
    "de": ["Die Regierung kündigte am Dienstag ein neues Maßnahmenpaket zur Unterstützung der Landwirte an.",
           "Die Verhandlungen zwischen beiden Ländern sollen nächste Woche in Genf fortgesetzt werden.",
           "Nach Angaben des Ministeriums ist die Lage in der Grenzregion seit mehreren Tagen ruhig.",
           "Die Gewerkschaften riefen zu einem landesweiten Streik gegen die Rentenreform auf."],
}
SECTIONS = ["World", "Politics", "Business", "Markets", "Opinion", "Sport", "Culture", "Science", "Travel",
            "Climate", "Technology", "Video", "Podcasts", "Newsletters", "Weather", "Obituaries"]
LAYOUTS = [
    ('<div class="article-body" itemprop="articleBody">', "</div>"),
    ('<article class="story"><section class="story-content">', "</section></article>"),
    ('<main id="content"><div class="entry-content">', "</div></main>"),
]
FIRST_DAY = date(2015, 1, 1)
SIZE_UNITS = {"KB": 1 << 10, "MB": 1 << 20, "GB": 1 << 30}


def parse_size(text: str) -> int:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(KB|MB|GB)?", text.strip().upper())
    if not match:
        raise argparse.ArgumentTypeError(f"{text!r}: write a size like 500MB or 1GB")
    return int(float(match.group(1)) * SIZE_UNITS.get(match.group(2) or "", 1))


def _nav(rng: random.Random, host: str) -> str:
    links = "".join(f'<li><a href="https://{host}/{s.lower()}">{s}</a></li>' for s in rng.sample(SECTIONS, 12))
    return f'<header class="site-header"><nav class="main-nav"><ul>{links}</ul></nav></header>'


def _related(rng: random.Random, host: str) -> str:
    items = "".join(f'<li><a href="https://{host}/related/{rng.randrange(10**6)}">More coverage: '
                    f"{rng.choice(SECTIONS)} briefing {rng.randrange(100)}</a></li>" for _ in range(rng.randint(6, 15)))
    return f'<aside class="related"><h3>Related stories</h3><ul>{items}</ul></aside>'


def news_page(rng: random.Random, story: dict[str, str], lang: str = "en") -> str:
    host = story["url"].split("/")[2]
    paragraphs = story["text"].split("\n\n") if lang == "en" else \
        [" ".join(rng.sample(FOREIGN[lang], 3)) for _ in range(rng.randint(3, 6))]
    open_tag, close_tag = rng.choice(LAYOUTS)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    title = html.escape(story["title"])
    script = "var dataLayer=[];" + ";".join(f"track('{rng.randrange(10**9)}')" for _ in range(rng.randint(20, 60)))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | {host}</title>'
        f'<meta property="article:published_time" content="{story["published"]}:00Z">'
        f'<meta property="og:site_name" content="{host.split(".")[0].title()}">'
        f'<link rel="canonical" href="{story["url"]}"><script>{script}</script></head><body>'
        f'{_nav(rng, host)}<div class="cookie-banner">We use cookies to improve your experience. '
        f'<button>Accept all</button></div><h1>{title}</h1><p class="byline">By Staff Reporter</p>'
        f'{open_tag}{body}{close_tag}{_related(rng, host)}'
        f'<footer><p>&copy; {host} All rights reserved.</p><ul><li>Privacy</li><li>Terms</li>'
        f"<li>Contact us</li><li>Advertise</li></ul></footer></body></html>"
    )


class Crawl:
    def __init__(self, handle: io.BufferedWriter, seed: int) -> None:
        self.writer = WARCWriter(handle, gzip=True)
        self.rng = random.Random(seed)

    def response(self, url: str, status: str, ctype: str, payload: bytes, date: str) -> None:
        http = StatusAndHeaders(status, [("Content-Type", ctype), ("Content-Length", str(len(payload)))],
                                protocol="HTTP/1.1")
        request = self.writer.create_warc_record(
            url, "request", payload=io.BytesIO(f"GET / HTTP/1.1\r\nHost: {url.split('/')[2]}\r\n\r\n".encode()),
            warc_headers_dict={"WARC-Date": date})
        record = self.writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=http,
                                                warc_headers_dict={"WARC-Date": date})
        self.writer.write_request_response_pair(request, record)

    def extras(self, host: str, date: str) -> None:
        """A crawl's non-article records around a page."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.45:
            kind, ctype = rng.choice([("jpg", "image/jpeg"), ("png", "image/png"), ("pdf", "application/pdf")])
            self.response(f"https://{host}/media/{rng.randrange(10**8)}.{kind}", "200 OK", ctype,
                          rng.randbytes(rng.randint(20_000, 200_000)), date)
        elif roll < 0.6:
            css = "".join(f".c{i}{{margin:{i}px;color:#{rng.randrange(1 << 24):06x}}}" for i in range(400))
            self.response(f"https://{host}/static/site.css", "200 OK", "text/css", css.encode(), date)
        elif roll < 0.7:
            self.response(f"https://{host}/old/{rng.randrange(10**6)}", "301 Moved Permanently", "text/html",
                          b"<html><body>Moved</body></html>", date)
        elif roll < 0.78:
            self.response(f"https://{host}/missing/{rng.randrange(10**6)}", "404 Not Found", "text/html",
                          b"<html><body><h1>Page not found</h1></body></html>", date)
        elif roll < 0.85:
            meta = self.writer.create_warc_record(f"https://{host}/", "metadata",
                                                  payload=io.BytesIO(b"outlinks: 42\nvia: seed\n"),
                                                  warc_headers_dict={"WARC-Date": date})
            self.writer.write_record(meta)


def make(out: Path, size: int, seed: int = 1, html_share: float = 0.35) -> dict[str, int]:
    counts = {"pages": 0, "foreign": 0, "records": 0}
    html_bytes = 0
    with out.open("wb") as handle:
        crawl = Crawl(handle, seed)  # type: ignore[arg-type]
        rng = crawl.rng
        chunk = 0
        while handle.tell() < size:
            # each chunk of 500 stories covers the next 25 days, so a big file spans years of news
            start = FIRST_DAY + timedelta(days=25 * chunk)
            for story in generate(500, seed=seed * 1000 + chunk, paragraphs=(4, 9), start=start):
                if handle.tell() >= size:
                    break
                lang = rng.choice(list(FOREIGN)) if rng.random() < 0.08 else "en"
                counts["foreign"] += lang != "en"
                date = story["published"] + ":00Z"
                before = handle.tell()
                page = news_page(rng, story, lang).encode("utf-8")
                crawl.response(story["url"], "200 OK", "text/html; charset=utf-8", page, date)
                html_bytes += handle.tell() - before
                counts["pages"] += 1
                # fill the rest of the byte budget with non-article records, as a crawl does
                while handle.tell() and html_bytes / handle.tell() > html_share:
                    crawl.extras(story["url"].split("/")[2], date)
            chunk += 1
    counts["bytes"] = out.stat().st_size
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=parse_size, default=parse_size("100MB"), help="target size, e.g. 1GB")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the .warc.gz file to write")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same file")
    parser.add_argument("--html-share", type=float, default=0.35,
                        help="fraction of the compressed bytes taken by HTML pages (default 0.35)")
    args = parser.parse_args()
    counts = make(args.output, args.size, args.seed, args.html_share)
    print(f"wrote {args.output}: {counts['bytes'] / 2**20:.1f} MiB, {counts['pages']} HTML pages "
          f"({counts['foreign']} not in English), hosts: {', '.join(OUTLETS)}", file=sys.stderr)


if __name__ == "__main__":
    main()
