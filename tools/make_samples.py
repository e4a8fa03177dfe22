"""Render the bundled demo corpus (eventwire/samples/) from tools/sample_stories.yaml.

Everything written here is WRITTEN FOR THE EVENTWIRE PROJECT: fictional events between real states,
rendered the way real captures look (HTML pages with navigation, cookie banners and share buttons;
text dumps with a relative-date header and layout junk like the seed; a WARC file; a JSONL file), with
syndicated copies of the same wire story at several outlets. Run: python tools/make_samples.py
"""

from __future__ import annotations

import html
import io
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tools" / "sample_stories.yaml"
OUT = ROOT / "eventwire" / "samples"
LABEL = "Sample capture written for the eventwire project; the events are fictional."

# outlet -> (host, display name, capture format)
OUTLETS = {
    "reuters": ("www.reuters.example", "Reuters", "txt"),
    "apnews": ("apnews.example", "AP News", "html"),
    "dailyglobe": ("www.dailyglobe.example", "The Daily Globe", "html"),
    "europost": ("europost.example", "EuroPost", "html"),
    "asiadesk": ("www.asiadesk.example", "Asia Desk", "jsonl"),
    "northstar": ("northstar.example", "Northstar Times", "html"),
    "yonhap": ("en.yonhap.example", "Yonhap", "txt"),
    "worldwire": ("www.worldwire.example", "WorldWire", "warc"),
}

BREAKPOINTS = [
    "narrow-browser-and-phone", "medium-browser-and-portrait-tablet", "landscape-tablet",
    "medium-wide-browser", "wide-browser-and-larger", "above-phone", "portrait-tablet-and-above",
]


def slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:80]


def ago(published: datetime, captured: datetime) -> str:
    months = (captured.year - published.year) * 12 + captured.month - published.month
    return f"{months} months ago" if months > 1 else "1 month ago" if months == 1 else "today"


def text_dump(story: dict, published: datetime, captured: datetime) -> str:
    stamp = published.strftime("%B %-d, %Y / %-I:%M %p")
    lines = [f"{stamp} / {ago(published, captured)}", "", story["title"], ""]
    paragraphs = list(story["body"])
    lines.append(f"{story['dateline']} {paragraphs[0]}")
    for paragraph in paragraphs[1:]:
        lines += ["", paragraph.replace('"', "\u201c", 1).replace('"', "\u201d", 1)]
    lines += ["", story["credits"], "", "0 : 0"]
    lines += [f"  \u2022 {name}" for name in BREAKPOINTS]
    return "\n".join(lines)


def html_page(story: dict, outlet: str, published: datetime, url: str) -> str:
    host, name, _ = OUTLETS[outlet]
    esc = html.escape
    paragraphs = "\n".join(
        f"      <p>{esc(story['dateline'] + ' ' + p) if i == 0 else esc(p)}</p>"
        for i, p in enumerate(story["body"])
    )
    byline = story["credits"] if story["credits"].startswith("By ") else ""
    credits_line = "" if byline else f"      <p class=\"credits\">({esc(story['credits'])})</p>"
    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": story["title"],
        "datePublished": published.isoformat(), "publisher": {"@type": "Organization", "name": name},
    }
    return f"""<!DOCTYPE html>
<!-- {LABEL} -->
<html lang="en"><head><meta charset="utf-8">
<title>{esc(story['title'])} | {esc(name)}</title>
<meta name="eventwire-sample" content="{LABEL}">
<meta property="og:title" content="{esc(story['title'])}">
<meta property="article:published_time" content="{published.isoformat()}">
<link rel="canonical" href="{url}">
<script type="application/ld+json">{json.dumps(ld)}</script>
</head><body>
<div class="cookie-banner">We use cookies to improve your experience. <a href="/privacy">Accept all cookies</a></div>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a>
<a href="/politics">Politics</a> <a href="/opinion">Opinion</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article>
  <h1>{esc(story['title'])}</h1>
  <div class="meta"><span class="byline">{esc(byline)}</span>
  <time datetime="{published.isoformat()}">{published.strftime('%B %-d, %Y %H:%M UTC%z')}</time></div>
  <div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email</a></div>
  <div class="article-body">
{paragraphs}
{credits_line}
  </div>
</article>
<aside class="related"><h2>Related stories</h2><ul>
  <li><a href="/world/markets-close-higher">Markets close higher as investors weigh rate outlook</a></li>
  <li><a href="/world/weather-storms">Storms disrupt travel across the region</a></li></ul></aside>
<div class="newsletter">Sign up for our daily briefing newsletter. <button>Sign up</button></div>
</main>
<footer><p>&copy; 2025 {esc(name)}. All rights reserved.</p><a href="/terms">Terms</a> <a href="/privacy">Privacy</a></footer>
</body></html>
"""


def warc_bytes(pages: list[tuple[str, str, datetime]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    info = writer.create_warcinfo_record("worldwire.warc.gz", {"description": LABEL, "software": "eventwire"})
    writer.write_record(info)
    for url, page, captured in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, "response", payload=io.BytesIO(page.encode("utf-8")), http_headers=headers,
            warc_headers_dict={"WARC-Date": captured.strftime("%Y-%m-%dT%H:%M:%SZ")},
        )
        writer.write_record(record)
    return buffer.getvalue()


def main() -> None:
    stories = yaml.safe_load(STORIES.read_text(encoding="utf-8"))["stories"]
    if OUT.exists():
        shutil.rmtree(OUT)
    (OUT / "html").mkdir(parents=True)
    (OUT / "text").mkdir()
    captured = datetime(2025, 4, 1, 12, 0, tzinfo=UTC)
    warc_pages: list[tuple[str, str, datetime]] = []
    jsonl_rows: list[dict] = []
    count = 0
    for story in stories:
        published = story["published"]  # YAML reads ISO timestamps as aware datetimes
        for copy, outlet in enumerate(story["outlets"]):
            host, _, fmt = OUTLETS[outlet]
            url = f"https://{host}/world/{published:%Y/%m/%d}/{slug(story['title'])}"
            variant = dict(story)
            if copy and len(story["body"]) > 3:
                variant["body"] = story["body"][:-1]  # syndicated copies are often trimmed at the end
            count += 1
            if fmt == "txt":
                path = OUT / "text" / f"{story['id']}-{outlet}.txt"
                path.write_text(text_dump(variant, published, captured), encoding="utf-8")
            elif fmt == "html":
                path = OUT / "html" / f"{story['id']}-{outlet}.html"
                path.write_text(html_page(variant, outlet, published, url), encoding="utf-8")
            elif fmt == "warc":
                warc_pages.append((url, html_page(variant, outlet, published, url), captured))
            else:
                jsonl_rows.append({
                    "url": url, "title": variant["title"], "published": published.isoformat(),
                    "html": html_page(variant, outlet, published, url), "note": LABEL,
                })
    (OUT / "worldwire.warc.gz").write_bytes(warc_bytes(warc_pages))
    with (OUT / "asiadesk.jsonl").open("w", encoding="utf-8") as handle:
        for row in jsonl_rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    (OUT / "README.md").write_text(
        f"# Demo corpus\n\n{LABEL}\n\nGenerated by `tools/make_samples.py` from `tools/sample_stories.yaml`: "
        f"{len(stories)} stories, {count} captures (HTML pages in `html/`, text dumps in `text/`, a WARC file and a "
        "JSONL file), {first} to {last}, with syndicated copies of the same wire story at several outlets.\n".format(
            first=min(s["published"] for s in stories).date(), last=max(s["published"] for s in stories).date()
        ),
        encoding="utf-8",
    )
    print(f"{count} captures from {len(stories)} stories written to {OUT}")


if __name__ == "__main__":
    main()
