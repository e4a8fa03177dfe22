"""Every parser takes arbitrary text without an exception, and hostile input without a slowdown."""

from __future__ import annotations

import re
import time
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.extract import extract_text
from eventwire.extract.credits import is_copyright_line, parse_credit_line, split_trailing_credit
from eventwire.extract.dateline import parse_dateline
from eventwire.extract.dates import normalize_date, parse_header_date
from eventwire.extract.ids import article_id, source_from_url
from eventwire.extract.junk import junk_reason
from eventwire.extract.language import detect_language
from eventwire.extract.news import clean_news_text
from eventwire.urls import normalize_url

# Text that looks a little like news furniture, so the strategies reach the interesting branches.
PIECES = st.sampled_from([
    "CORFU", ", Greece", " (Reuters)", " - ", " -- ", "By ", "Jane Doe", " and ", "; Editing by ", "June 27, 2009",
    " / ", "10:12 AM", " EST", "10 years ago", "0 : 0", "• ", "narrow-browser", "\n", "\n\n", "Related", ": ",
    "(", ")", "Reporting by ", " in Moscow", "©", "Photo: ", "REUTERS/", "Share", ".", "Washington", "外交部", "\x00",
])
NEWSY = st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=30).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), NEWSY)
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CAPTURED = datetime(2020, 1, 1, 12, 0)


@FAST
@given(ANY_TEXT)
def test_line_parsers_never_raise(text: str) -> None:
    parse_dateline(text)
    parse_credit_line(text)
    split_trailing_credit(text)
    is_copyright_line(text)
    parse_header_date(text, captured=CAPTURED)
    normalize_date(text)
    junk_reason(text, "body")
    junk_reason(text, "edge")
    detect_language(text)
    normalize_url(text)
    source_from_url(text)
    assert len(article_id(text, text)) == 32


@FAST
@given(ANY_TEXT)
def test_news_layer_never_raises_and_only_removes(text: str) -> None:
    result = clean_news_text(text, captured=CAPTURED)
    # the body holds only pieces of the input: nothing is invented (zero-width characters aside)
    source = re.sub("[\u200b\u200c\u200d\u2060\ufeff]", "", text)
    for word in result.body.split():
        assert word in source
    article = extract_text(text, captured=CAPTURED)
    assert article.id and "\x00" not in article.text


@FAST
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=40, max_size=400))
def test_dateline_prefix_is_a_true_prefix(body: str) -> None:
    paragraph = "MOSCOW, June 3 (Xinhua) -- " + body
    found = parse_dateline(paragraph)
    if found is not None:
        assert paragraph.startswith(found.text)


HOSTILE = [
    "A" * 50_000,
    "A " * 25_000,
    "CORFU, " * 10_000,
    "(" * 20_000 + ")" * 20_000,
    "By " + "Jane Doe and " * 5_000,
    "Reporting by " + "X, " * 10_000,
    "- " * 30_000,
    "June 27, " * 8_000,
    "10:12 " * 10_000,
    "narrow-" * 10_000,
    "REUTERS/" + "Name " * 10_000,
    "\n".join(["• a-b"] * 20_000),
    "\n".join(["Related"] * 20_000),
    ("x" * 79 + "\n") * 3_000,
    "Only this sentence here is long enough to count as prose.\n" + "Related\nFoo bar\n" * 10_000,
    "MOSCOW, " + "June 3 " * 5_000 + "(Xinhua)",
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_input_is_handled_quickly(text: str) -> None:
    start = time.perf_counter()
    for line in (text, text[:5_000]):
        parse_dateline(line)
        parse_credit_line(line)
        split_trailing_credit(line)
        parse_header_date(line, captured=CAPTURED)
        normalize_date(line)
        junk_reason(line)
    extract_text(text, captured=CAPTURED)
    # generous on a busy 2-core machine: catastrophic backtracking takes minutes, not seconds
    assert time.perf_counter() - start < 5.0
