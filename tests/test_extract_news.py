"""The news layer on whole texts: head, dateline, tail and body passes working together."""

from __future__ import annotations

from eventwire.extract.news import clean_news_text, split_paragraphs

LEAD = "NATO and Russia on Saturday resumed formal cooperation on broad security threats, officials said."
SECOND = "The two sides agreed to meet again next month at ambassadorial level in Brussels, diplomats said."


def test_section_label_above_the_headline_is_not_the_title() -> None:
    text = f"World News\n\nJune 27, 2009\n\nNATO and Russia resume ties\n\nCORFU, Greece (Reuters) - {LEAD}\n\n{SECOND}"
    result = clean_news_text(text)
    assert result.title == "NATO and Russia resume ties"
    assert result.published == "2009-06-27"
    assert result.dateline is not None and result.dateline.place == "Corfu"
    assert result.body == f"{LEAD}\n\n{SECOND}"


def test_byline_and_dateline_on_their_own_lines() -> None:
    text = f"Headline about the talks\n\nBy Jane Doe and John Roe\n\nWASHINGTON —\n\n{LEAD}\n\n{SECOND}"
    result = clean_news_text(text)
    assert result.credits.authors == ["Jane Doe", "John Roe"]
    assert result.dateline is not None and result.dateline.place == "Washington"
    assert result.body.startswith(LEAD)


def test_trailing_credit_inside_last_paragraph() -> None:
    text = f"{LEAD}\n\n{SECOND} (Reporting by Ann Lee; Editing by Tom Brown)"
    result = clean_news_text(text, title="Given title")
    assert result.body.endswith("diplomats said.")
    assert result.credits.reporting == ["Ann Lee"] and result.credits.editing == ["Tom Brown"]


def test_related_links_block_and_tag_cloud_at_the_end() -> None:
    text = f"{LEAD}\n\n{SECOND}\n\nRelated\nRussia and NATO to hold talks\nGeorgia accuses Moscow of buildup\n"
    result = clean_news_text(text, title="T")
    assert result.body == f"{LEAD}\n\n{SECOND}"
    tags = f"{LEAD}\n\n{SECOND}\n\nNATO\nRussia\nGeorgia\nForeign Policy"
    assert clean_news_text(tags, title="T").body == f"{LEAD}\n\n{SECOND}"


def test_short_last_paragraph_is_kept() -> None:
    text = f"{LEAD}\n\n{SECOND}\n\nNo decision yet"
    assert clean_news_text(text, title="T").body.endswith("No decision yet")


def test_body_furniture_goes_but_sentences_stay() -> None:
    middle = "The newsletter of the alliance said the talks had been useful."
    text = f"{LEAD}\n\nAdvertisement\n\n{middle}\n\n0 : 0\n\n{SECOND}"
    result = clean_news_text(text, title="T")
    assert result.body == f"{LEAD}\n\n{middle}\n\n{SECOND}"
    assert ("advertisement", "Advertisement") in result.removed


def test_no_title_is_taken_from_a_single_paragraph() -> None:
    result = clean_news_text("Russia attacked Georgia")
    assert result.title is None and result.body == "Russia attacked Georgia"


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = (
        "The foreign ministers of the two countries met in the capital on Tuesday\n"
        "to discuss the long-running border dispute, according to a statement\n"
        "released after the meeting by the ministry of foreign affairs here.\n\n"
        "Both sides agreed to set up a joint commission that will report back\n"
        "within six months on the demarcation of the disputed section of the\n"
        "border, the statement said, without giving further details today.\n"
    )
    paragraphs = split_paragraphs(wrapped)
    assert len(paragraphs) == 2
    assert "on Tuesday to discuss" in paragraphs[0]


def test_unwrapped_text_keeps_its_lines() -> None:
    assert split_paragraphs("Title line\nFirst paragraph here.\n\n\nSecond.") == [
        "Title line", "First paragraph here.", "Second."]


def test_repeated_headline_is_removed_once_more() -> None:
    text = f"Talks resume in Brussels\n\nTalks resume in Brussels\n\n{LEAD}\n\n{SECOND}"
    result = clean_news_text(text)
    assert result.title == "Talks resume in Brussels"
    assert result.body == f"{LEAD}\n\n{SECOND}"
    given = clean_news_text(f"TALKS RESUME IN BRUSSELS\n\n{LEAD}", title="Talks resume in Brussels")
    assert given.body == LEAD
