"""eventwire.extract.html: trafilatura plus the news-page rules (headline copies, boilerplate)."""

from __future__ import annotations

import gzip
import json
import re
import statistics
from pathlib import Path

from lxml.etree import Element, SubElement

from eventwire.extract.html import clean_body, html_to_parts

# A page written for the eventwire project (fictional event, realistic layout).
PAGE = """<!doctype html>
<html lang="en"><head>
<title>Ministers agree to resume border talks - The Daily Example</title>
<meta property="og:title" content="Ministers agree to resume border talks">
<meta property="og:site_name" content="The Daily Example">
<meta name="description" content="The talks will restart in Geneva next week.">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2019-11-18T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Ministers agree to resume border talks</h1>
<p>GENEVA (Example) - The foreign ministers of Northland and Southland agreed on Monday to resume
talks on their disputed border, a week after clashes near the frontier killed three soldiers.</p>
<p>"We have chosen dialogue over confrontation," the Northland minister told reporters after a
two-hour meeting hosted by Swiss diplomats, adding that a joint commission would meet in December.</p>
<p>The Southland delegation said it would withdraw heavy weapons from the border area as a sign
of good faith, and both sides asked the United Nations to send observers.</p>
<p>Share this article</p>
<p>Sign up for our daily newsletter to get the latest headlines in your inbox.</p>
</article>
<footer><p>Copyright 2019 The Daily Example. All rights reserved.</p></footer>
</body></html>"""


def body_of(*blocks: tuple[str, str]) -> Element:
    body = Element("body")
    for tag, text in blocks:
        SubElement(body, tag).text = text
    return body


def texts(body: Element) -> list[str]:
    return [child.text or "" for child in body]


def test_html_to_parts_article_and_metadata() -> None:
    parts = html_to_parts(PAGE, "https://example.org/world/talks")
    assert parts.title == "Ministers agree to resume border talks"
    assert parts.text.startswith("GENEVA (Example) - The foreign ministers")
    assert "withdraw heavy weapons" in parts.text
    assert "Share this article" not in parts.text
    assert "newsletter" not in parts.text
    assert "Home" not in parts.text
    assert parts.date == "2019-11-18"
    assert parts.authors == ["Jane Doe"]
    assert parts.sitename == "The Daily Example"
    assert parts.url == "https://example.org/world/talks"
    assert parts.warnings == []


def test_fragment_without_html_element_is_accepted() -> None:
    fragment = "<p>" + "Rebels shelled the northern town on Sunday, residents said. " * 10 + "</p>"
    parts = html_to_parts(fragment, None)
    assert "Rebels shelled the northern town" in parts.text


def test_headline_copies_are_removed_only_at_the_top() -> None:
    title = "Rebels seize northern town"
    body = body_of(("head", "Rebels seize northern town"), ("p", "Rebels seized the town on Sunday."),
                   ("p", "Rebels seize northern town"))
    removed = clean_body(body, f"{title} | Example News", None)
    assert removed == ["Rebels seize northern town"]
    assert texts(body) == ["Rebels seized the town on Sunday.", "Rebels seize northern town"]


def test_a_paragraph_that_contains_the_headline_is_kept() -> None:
    title = "Rebels seize northern town"
    lead = "Rebels seize northern town, residents said on Sunday, after two days of heavy fighting with the army."
    body = body_of(("p", lead), ("p", "More text."))
    assert clean_body(body, title, None) == []
    assert texts(body)[0] == lead


def test_standfirst_repeating_the_description_goes_with_the_headline() -> None:
    body = body_of(("head", "Talks resume"), ("head", "Both sides return to Geneva."), ("p", "Body text."))
    clean_body(body, "Talks resume", "Both sides return to Geneva.")
    assert texts(body) == ["Body text."]
    # a first paragraph that equals the description is the lead, not a standfirst
    body = body_of(("head", "Talks resume"), ("p", "Both sides return to Geneva."), ("p", "Body text."))
    clean_body(body, "Talks resume", "Both sides return to Geneva.")
    assert texts(body) == ["Both sides return to Geneva.", "Body text."]


def test_boilerplate_block_near_the_end_takes_the_short_tail_with_it() -> None:
    article = [("p", f"Paragraph {i} of the article about the ceasefire talks in the capital.") for i in range(8)]
    body = body_of(*article, ("p", "Tags"), ("p", "ceasefire, talks, capital"), ("p", "Comments are closed."))
    clean_body(body, None, None)
    assert texts(body) == [text for _, text in article]


def test_boilerplate_in_the_middle_is_removed_alone_and_long_blocks_are_kept() -> None:
    long_block = "Share this article " + "with detail about the negotiations and their outcome. " * 10
    body = body_of(("p", "First paragraph."), ("p", "Share this article"), ("p", long_block),
                   *[("p", f"Paragraph {i}.") for i in range(6)])
    clean_body(body, None, None)
    assert "Share this article" not in texts(body)
    assert long_block in texts(body)


def _shingles(text: str) -> set[tuple[str, ...]]:
    tokens = re.findall(r"\w+", text.lower())
    return set(zip(*(tokens[i:] for i in range(4)), strict=False))


def _f1(predicted: str, gold: str) -> float:
    pred, true = _shingles(predicted), _shingles(gold)
    overlap = len(pred & true)
    if not overlap:
        return 0.0
    return 2 * overlap / (len(pred) + len(true))


def test_aeb_sample_quality(shared: Path) -> None:
    """A quick slice of the AEB benchmark (bench/aeb.py runs all of it): no regression below trafilatura."""
    import trafilatura

    bench = shared / "bench" / "aeb"
    gold = json.loads((bench / "ground-truth.json").read_text("utf-8"))
    ours, plain = [], []
    for page_id in sorted(gold)[:24]:
        html = gzip.decompress((bench / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8")
        url, body = gold[page_id].get("url"), gold[page_id]["articleBody"]
        ours.append(_f1(html_to_parts(html, url).text, body))
        plain.append(_f1(trafilatura.extract(html, url=url) or "", body))
    assert statistics.fmean(ours) >= 0.95
    assert statistics.fmean(ours) >= statistics.fmean(plain)
