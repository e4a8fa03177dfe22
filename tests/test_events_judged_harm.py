"""An act of violence judged stands for its doer, never for its victim (issue 13; docs/annotation.md: "a
target may be named through what it produced ... coded as its maker when the article says who made
it; otherwise the event is not coded"): "Britain condemned the attack on Israel" condemns the
attacker, not Israel. The doer is read from the act's phrase (possessor, nationality adjective, ``by``
phrase, also one the parser hung on the judging verb) or an earlier sentence; never guessed. A verb
of blaming names the party blamed in its "on" phrase ("blamed the attack on Hamas").
Sentences written for the eventwire project; the shipped lexicon, dictionaries and the real parser."""

from __future__ import annotations

import pytest

from eventwire.stages import code_text


def _pairs(text: str) -> set[tuple[str, str | None, str | None]]:
    """(source, target text, target code) of the events coded."""
    return {(e.source.text, e.target.text if e.target else None, e.target.code if e.target else None)
            for e in code_text(text, "2007-01-05")}


@pytest.mark.parametrize(("text", "judge", "victim"), [
    ("Britain condemned the attack on Israel.", "Britain", "Israel"),
    ("Iran condemned the killing of civilians in Gaza.", "Iran", "civilians in Gaza"),
    ("The United States condemned the bombing of the Pakistani embassy.", "United States", "Pakistani embassy"),
])
def test_the_victim_of_an_act_condemned_is_no_target(text: str, judge: str, victim: str) -> None:
    pairs = _pairs(text)
    assert not any(source == judge and target == victim for source, target, _ in pairs), pairs


@pytest.mark.parametrize(("text", "judge", "doer_code"), [
    ("Egypt condemned Israel's attack on Gaza.", "Egypt", "ISR"),  # possessor
    ("Britain condemned the rocket attack on Israel by Hamas.", "Britain", "PSEREBHMS"),  # "by", hung on the verb
    ("Hamas militants attacked an Israeli army post on Monday. Britain condemned the attack.", "Britain",
     "PSEREBHMS"),  # an earlier sentence's doer of the same act
])
def test_the_doer_of_an_act_condemned_is_the_target(text: str, judge: str, doer_code: str) -> None:
    assert any(source == judge and code == doer_code for source, _, code in _pairs(text)), _pairs(text)


@pytest.mark.parametrize(("text", "blamed"), [
    ("Israel blamed the attack on Hamas.", "Hamas"),
    ("An official of the Yemen Interior Ministry blamed the bombing on al-Qaeda operatives.", "al-Qaeda operatives"),
    ("The government blamed the killing of the journalist on rebels.", "rebels"),
])
def test_blaming_names_the_party_blamed(text: str, blamed: str) -> None:
    # "blamed X on Y": the party blamed (in "on", wherever the parser hangs it) is the target, not the
    # act's victim nor a guess from the article's country
    targets = {target for _, target, _ in _pairs(text)}
    assert blamed in targets, targets
    assert not targets & {"the attack", "the bombing", "journalist"}, targets
