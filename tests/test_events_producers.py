"""Products and statements named again without their maker: "the explanation", "the donation", "the
claim" stand for whoever the text named as their maker before (eventwire.events.producers), and for
no one when it named none. Sentences written for the eventwire project; stand-in actors of
events_support plus a lexicon with the rules used here, the real parser."""

from __future__ import annotations

from pathlib import Path

import pytest
from events_support import LEXICON_YAML, code

from eventwire.events.lexicon import Lexicon

EXTRA = """\
  - {id: t.reject, cameo: "120", pos: VERB, lemmas: [reject]}
  - {id: t.welcome, cameo: "051", pos: VERB, lemmas: [welcome, praise]}
  - {id: t.dispute, cameo: "111", pos: VERB, lemmas: [dispute]}
"""


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    path = Path(tmp_path_factory.mktemp("lex")) / "lex.yaml"
    path.write_text(LEXICON_YAML + EXTRA, encoding="utf-8")
    return Lexicon.load(builtin=False, extra_files=[path])


def _targets(text: str, lexicon: object, plover: str) -> list[tuple[str, str | None]]:
    return [(e.target.text, e.target.code) for e in code(text, lexicon) if e.plover.type == plover and e.target]


def test_a_product_named_again_takes_the_maker_of_its_first_mention(lexicon: object) -> None:
    # the maker in the first mention's phrase ("from Russia"), the nearer mention without one skipped
    text = ("Georgia demanded an explanation from Russia on Monday. The talks went on for hours. "
            "Iran welcomed the explanation.")
    assert _targets(text, lexicon, "SUPPORT") == [("the explanation", "RUS")]
    # the subject of a verb of making whose object the first mention is
    text = "Russia made a large donation to the party. Iran rejected the donation."
    assert _targets(text, lexicon, "REJECT") == [("the donation", "RUS")]


def test_a_verb_of_the_nouns_own_stem_names_its_maker(lexicon: object) -> None:
    text = "Russia proposed talks with Georgia on Monday. Iran rejected the proposal."
    assert _targets(text, lexicon, "REJECT") == [("the proposal", "RUS")]


def test_the_demander_is_not_the_maker(lexicon: object) -> None:
    # Georgia asked for the explanation; nobody is named as giving it: no target, no guess
    text = "Georgia demanded an explanation on Monday. Iran welcomed the explanation."
    assert _targets(text, lexicon, "SUPPORT") == []


def test_a_new_made_noun_without_a_maker_is_no_target(lexicon: object) -> None:
    # no earlier mention and an indefinite noun: the donation is no one's the text says
    assert _targets("Iran rejected a donation on Monday.", lexicon, "REJECT") == []
    assert _targets("Russia warned Georgia. Iran rejected the donation.", lexicon, "REJECT") == []


def test_a_claim_is_the_speakers_of_the_sentence_before(lexicon: object) -> None:
    text = "Russia says that 200 people were detained. The claim was disputed by Georgia."
    events = code(text, lexicon)
    assert [(e.source.code, e.target.text, e.target.code) for e in events if e.target] == [
        ("GEO", "The claim", "RUS")]


def test_the_speaker_of_the_same_sentence_does_not_make_the_claim(lexicon: object) -> None:
    # Iran judges the claim it speaks about; the claim is not Iran's
    text = "The weather was cold. Iran said the claim was disputed by Georgia."
    assert [e.target.code for e in code(text, lexicon) if e.target and e.target.text == "the claim"] in ([], [None])


def test_the_window_is_a_paragraph(lexicon: object) -> None:
    filler = " ".join(f"The weather was cold on day {n}." for n in range(6))
    text = f"Georgia demanded an explanation from Russia. {filler} Iran welcomed the explanation."
    assert _targets(text, lexicon, "SUPPORT") == []
    text = f"Georgia demanded an explanation from Russia. {filler[:60]} Iran welcomed the explanation."
    assert _targets(text, lexicon, "SUPPORT") == [("the explanation", "RUS")]


def test_a_generic_noun_names_the_document_before_it(lexicon: object) -> None:
    # "the measure" is the resolution Russia and Iran passed (a subject shared by coordinated verbs)
    text = "Russia met Iran and passed a resolution on Monday. Georgia rejected the measure."
    assert _targets(text, lexicon, "REJECT") == [("the measure", "RUS")]


def test_an_act_done_to_someone_is_whoever_did_it_before(lexicon: object) -> None:
    # "protested the arrest": against the arrester, named by the verb of the noun's stem
    text = "Iran arrested three Georgian diplomats on Monday. Russia condemned the arrest."
    assert [(e.target.text, e.target.code) for e in code(text, lexicon) if e.plover.type == "ACCUSE"] == [
        ("the arrest", "IRN")]


def test_a_call_is_made_by_calling_for_something_not_by_calling_it_so(lexicon: object) -> None:
    made = "Russia called for new elections on Monday. Iran rejected the call."
    assert _targets(made, lexicon, "REJECT") == [("the call", "RUS")]
    # "called it a mistake" makes no call: the guess from the article's country (product_nouns) stays
    named = "Russia called it a mistake on Monday. Iran rejected the call."
    assert _targets(named, lexicon, "REJECT") == [("the call", "RUSGOV")]


def test_a_maker_named_but_unknown_is_still_the_target(lexicon: object) -> None:
    # the dictionaries miss Tuckey, but the text names him: his suggestion stands for him, uncoded
    text = "Russia rejected Wilson Tuckey's suggestion that the parties should merge."
    assert [t for t, _ in _targets(text, lexicon, "REJECT")] == ["Wilson Tuckey's suggestion"]
    text = "Russia rejected the suggestion by Wilson Tuckey that the parties should merge."
    assert len(_targets(text, lexicon, "REJECT")) == 1


def test_a_product_that_passed_a_body_was_adopted_by_it(lexicon: object) -> None:
    # "The resolution passed NATO": the body it passed is its maker; a verb not of passing does not
    # make NATO the maker (the article's government is guessed for a product noun, as before)
    text = "The resolution passed NATO on Monday. Russia rejected the measure."
    assert _targets(text, lexicon, "REJECT") == [("the measure", "IGOWSTNAT")]
    text = "The resolution worried NATO on Monday. Russia rejected the measure."
    assert "IGOWSTNAT" not in [c for _, c in _targets(text, lexicon, "REJECT")]


def test_a_punitive_measure_is_whoever_imposed_or_declared_it(lexicon: object) -> None:
    # "impose" makes its object: "the sanctions" are Russia's, never the country that protests them
    text = "Russia imposed sanctions on Georgian banks on Monday. Iran rejected the sanctions."
    assert _targets(text, lexicon, "REJECT") == [("the sanctions", "RUS")]
    # a verb of the noun's own stem: who banned the imports made the ban
    text = "Russia banned imports of Georgian wine. Iran rejected the ban."
    assert _targets(text, lexicon, "REJECT") == [("the ban", "RUS")]
    # nobody named as imposing it: a made noun is never guessed
    assert _targets("Georgia faced hard times. Iran rejected the embargo.", lexicon, "REJECT") == []


def _act_maker(text: str, act: str, doer: str) -> object:
    from eventwire import nlp
    from eventwire.events.mentions import ActorIndex
    from eventwire.events.producers import earlier_maker
    from eventwire.records import Actor

    doc = nlp.parse(text)
    start = text.index(doer)
    actors = [Actor(doer, start, start + len(doer), "GEOUAF", "GEO", "UAF", None, "agent")]
    token = next(t for t in doc if t.lower_ == act and t.i > 8)
    return earlier_maker(token, ActorIndex(doc, actors))


def test_an_act_is_whoever_a_noun_of_its_doer_named_before() -> None:
    # "the attackers" did "the attack": no verb of its stem names them, the doer noun does
    text = "A hotel in Tbilisi was stormed on Monday. The attackers were described as militants. Iran condemned the attack."
    found = _act_maker(text, "attack", "The attackers")
    assert found is not None and getattr(found, "code", None) == "GEOUAF"
    # a doer of another act is not this act's doer
    text = "A hotel in Tbilisi was stormed on Monday. The attackers were described as militants. Iran condemned the arrest."
    assert _act_maker(text, "arrest", "The attackers") is None
