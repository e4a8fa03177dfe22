"""HTML entities and wiki markup in text captures (texts written for the eventwire project)."""

from __future__ import annotations

from eventwire.extract import extract_text
from eventwire.extract.markup import decode_entities, strip_wiki_markup


def test_entities_with_a_semicolon_are_decoded_and_others_left_alone() -> None:
    assert decode_entities("&quot;One&quot; said &#8220;no&#8221;") == '"One" said \u201cno\u201d'
    assert decode_entities("AT&T and R&D; &amp;quot;x&amp;quot;") == 'AT&T and R&D; "x"'
    assert decode_entities("no entity here") == "no entity here"


def test_wiki_headings_bullets_and_links_are_cut() -> None:
    text = ("Leaders met.  == Reactions ==  The union praised the deal on ''Monday'' in "
            "[http://example.org an interview].  === External links ===  *[http://example.org Site] *[http://x.org X]")
    clean, removed = strip_wiki_markup(text)
    assert "==" not in clean and "Reactions" not in clean and "External links" not in clean
    assert "Site" not in clean and "http" not in clean and "''" not in clean
    assert "The union praised the deal on Monday in an interview." in clean
    assert [reason for reason, _ in removed] == ["wiki trailer section", "wiki heading"]


def test_text_without_wiki_signs_is_unchanged() -> None:
    text = "The minister said 2 + 2 = 4 and x * y is a product."
    assert strip_wiki_markup(text) == (text, [])


def test_text_captures_are_decoded_at_the_extract_stage() -> None:
    article = extract_text("The rebels said &quot;we will fight&quot; on Monday.  == See also ==  Other news.",
                           title="Rebels &amp; army")
    assert '"we will fight"' in article.text and "&quot;" not in article.text
    assert "See also" not in article.text
    assert article.title == "Rebels & army"


def test_trailing_link_sections_and_image_captions_are_cut() -> None:
    text = ("[[Image:summit.jpg|thumb|The leaders at the summit. The talks began on Monday.  "
            "The ministers met in Geneva.  ==Related news== * Leaders scheduled to meet  February 4, 2005 "
            "* Army attacks rebels  February 1, 2005")
    clean, removed = strip_wiki_markup(text)
    assert "The ministers met in Geneva." in clean and "The talks began on Monday." in clean
    assert "scheduled" not in clean and "attacks" not in clean and "leaders at the summit" not in clean
    assert {reason for reason, _ in removed} == {"wiki image caption", "wiki trailer section"}


def test_bullets_inside_a_story_are_cut() -> None:
    clean, removed = strip_wiki_markup("Leaders met.  * [http://example.org A link]  The talks went on.")
    assert "A link" not in clean and "The talks went on." in clean
    assert [reason for reason, _ in removed] == ["wiki bullet"]


def test_bullets_that_are_sentences_of_the_story_stay() -> None:
    text = ("Tensions rose.  == June 3 == *On the night of June 3, students at the University of Tehran  "
            "peacefully protested outside their dormitories. *At the same time, fans clashed.  "
            "* [http://example.org A link]  * Army attacks rebels, February 1, 2005.  The talks went on.")
    clean, removed = strip_wiki_markup(text)
    assert "On the night of June 3, students at the University of Tehran  peacefully protested" in clean
    assert "*On" not in clean and "A link" not in clean and "Army attacks" not in clean
    assert [reason for reason, _ in removed] == ["wiki heading", "wiki bullet", "wiki bullet"]


def test_template_labels_glued_to_the_first_sentence_are_cut() -> None:
    # a flattened template call: its name, in any spelling, before the story's first sentence
    for label in ("harbour strike infobox ", "Coastal_Dispute_infobox  ", "Weekly Digest short Infobox  "):
        clean, removed = strip_wiki_markup(label + "The dockers' union has criticised the port authority.")
        assert clean.strip() == "The dockers' union has criticised the port authority."
        assert removed == [("template label", label.strip())]


def test_template_fields_tables_and_comments_are_cut() -> None:
    text = ("infotitle=Harbour dispute    InfoboxEnd  The mayor met the strikers.  "
            "{| style=\"float:left\" | |- | Votes || 120 |}  <!-- keep this box --> The talks resumed on Monday.")
    clean, removed = strip_wiki_markup(text)
    assert "infotitle" not in clean and "Infobox" not in clean and "Votes" not in clean and "keep this" not in clean
    assert "The mayor met the strikers." in clean and "The talks resumed on Monday." in clean
    assert {reason for reason, _ in removed} == {"template field", "template label", "wiki table", "html comment"}


def test_parser_tags_go_and_their_text_stays() -> None:
    clean, removed = strip_wiki_markup("<noinclude>  Port news infobox  She said \"<nowiki>[the mayor]</nowiki> "
                                       "is wrong\" and <nowiki>[t]</nowiki>he union agreed.")
    assert clean.strip() == "She said \"[the mayor] is wrong\" and [t]he union agreed."
    assert removed == [("template label", "Port news infobox")]


def test_a_template_label_no_longer_becomes_the_first_sentence_s_subject() -> None:
    article = extract_text("harbour strike infobox  The dockers&#39; union criticised the port authority on Monday.  "
                           "The authority said &lt;nowiki&gt;[it]&lt;/nowiki&gt; would reply.")
    assert article.text.startswith("The dockers' union criticised")
    assert "infobox" not in article.text and "nowiki" not in article.text


def test_prose_with_equals_signs_and_links_is_not_template_residue() -> None:
    text = "The minister said x=y is fine.  Read [http://example.org/?id=5 the report] now."
    clean, removed = strip_wiki_markup(text)
    assert "x=y is fine." in clean and "the report" in clean and removed == []
