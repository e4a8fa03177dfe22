"""Line-level furniture rules: what goes, and real sentences that must stay."""

from __future__ import annotations

import pytest

from eventwire.extract.junk import is_prose, junk_reason

JUNK = [
    ("0 : 0", "share counter"),
    ("12 | 4", "share counter"),
    ("  • narrow-browser-and-phone", "layout class names"),
    ("• sm-and-up", "layout class names"),
    ("landscape-tablet-and-medium-wide-browser", "layout class names"),
    ("10 years ago", "relative time"),
    ("3 min read", "reading time"),
    ("Advertisement", "advertisement"),
    ("Read more: Iran talks stall again", "read more"),
    ("Related Coverage", "related"),
    ("Sign up for our newsletter", "sign up"),
    ("Share this article", "share"),
    ("Follow us on Twitter", "follow us"),
    ("We use cookies to improve your experience. By continuing you agree to our cookie policy.", "cookie"),
    ("Photo: Jane Doe/Reuters", "image credit"),
    ("(Photo by John Moore/Getty Images)", "image credit"),
    ("Lavrov speaks in Corfu June 27, 2009. REUTERS/John Kolesidis", "image credit"),
    ("Senators arrive on Capitol Hill. (AP Photo/Jacquelyn Marsh)", "image credit"),
    ("Our Standards: The Thomson Reuters Trust Principles.", "standards"),
    ("Tags: NATO, Russia, Georgia", "tags"),
    ("Print", "navigation"),
    ("Skip to main content", "navigation"),
]


@pytest.mark.parametrize(("line", "reason"), JUNK)
def test_furniture_lines(line: str, reason: str) -> None:
    assert junk_reason(line, "body") == reason


KEEP = [
    "The newsletter reported that the minister resigned on Friday.",
    "Share prices fell sharply on Monday after the announcement.",
    "Advertisement revenue fell 5% in May, the company said.",
    "He said the photo was fake and had been altered.",
    "Talks between the EU/NATO delegations ended without a deal.",
    "Related talks in Vienna will resume next week, diplomats said.",
    "Follow-up talks are planned for March.",
    "Print media in the country face new restrictions, rights groups say.",
    "The well-known re-election campaign began on Monday.",
    "Reuters",
    "In 2009, 10 years ago, the talks collapsed.",
]


@pytest.mark.parametrize("line", KEEP)
def test_sentences_stay_in_the_body(line: str) -> None:
    assert junk_reason(line, "body") is None


def test_edge_zone_is_stricter_than_body() -> None:
    line = "Sign up for alerts on this topic."
    assert junk_reason(line, "body") is None
    assert junk_reason(line, "edge") == "sign up"
    assert junk_reason("Source: Al Jazeera and news agencies", "edge") == "source credit"
    assert junk_reason("Source: Al Jazeera and news agencies", "body") is None


def test_prose() -> None:
    assert is_prose("NATO and Russia on Saturday resumed formal cooperation.")
    assert not is_prose("NATO and Russia resume security ties despite Georgia row")
    assert not is_prose("Related Coverage")
