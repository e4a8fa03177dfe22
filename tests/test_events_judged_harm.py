"""An act of violence judged stands for its doer, never for its victim (issue 13; docs/annotation.md: "a
target may be named through what it produced ... coded as its maker when the article says who made
it; otherwise the event is not coded"): "Britain condemned the attack on Israel" condemns the
attacker, not Israel. The doer is read from the act's phrase (possessor, nationality adjective, ``by``
phrase, also one the parser hung on the judging verb) or an earlier sentence; never guessed. A verb
of blaming names the party blamed in its "on" phrase ("blamed the attack on Hamas").
Sentences written for the eventwire project; the shipped lexicon, dictionaries and the real parser."""

from __future__ import annotations

import pytest

from eventwire import nlp
from eventwire.events.candidates import Candidate, target_proposals
from eventwire.events.frames import Argument
from eventwire.events.mentions import ActorIndex, syntax_words
from eventwire.records import Actor
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


def _proposed(text: str, verb: str, cameo: str, mentions: list[tuple[str, str, str]]) -> set[str]:
    """The codes proposed to the model as the target of a targetless rule event of ``cameo`` on ``verb``,
    the first mention its source (mentions: phrase, code, kind)."""
    doc = nlp.parse(text)
    actors = [Actor(p, text.index(p), text.index(p) + len(p), code, code[:3], code[3:6] or None, None, kind)
              for p, code, kind in mentions]
    head = next(t for t in doc if t.text == verb)
    source = Argument(actors[0], next(t for t in doc if t.idx == actors[0].start).i, "subject")
    cand = Candidate(0, head.sent, head, (head.i, head.i + 1), source, None, False, cameo, "t.rule", 0.8, {})
    return {c.target.actor.code for c in target_proposals([cand], ActorIndex(doc, actors)) if c.target is not None}


def test_proposed_targets_skip_the_victims_of_a_harm_judged_in_both_roles_of_the_harm_nouns() -> None:
    # written for the project. An act the judging verb takes puts its whole phrase aside ("act" role)
    text = "Syria criticized Jordan over the attack on Lebanon."
    mentions = [("Syria", "SYR", "state"), ("Jordan", "JOR", "state"), ("Lebanon", "LBN", "state")]
    assert _proposed(text, "criticized", "111", mentions) == {"JOR"}
    # an accusation keeps it (the act's phrase may hold the accused); a rule that judges nothing too
    assert _proposed(text, "criticized", "112", mentions) == {"JOR", "LBN"}
    assert _proposed(text, "criticized", "190", mentions) == {"JOR", "LBN"}
    # a noun of harm anywhere in the clause puts its "of" object aside ("victim" role; "death" is no act),
    # for an accusation too
    text = "Egypt criticized Israel after the death of a Jordanian diplomat."
    mentions = [("Egypt", "EGY", "state"), ("Israel", "ISR", "state"), ("Jordanian diplomat", "JORGOV", "agent")]
    assert _proposed(text, "criticized", "111", mentions) == {"ISR"}
    assert _proposed(text, "criticized", "112", mentions) == {"ISR"}
    assert _proposed(text, "criticized", "190", mentions) == {"ISR", "JORGOV"}


def test_a_noun_of_harm_is_read_into_the_word_list_of_each_of_its_roles() -> None:
    words = syntax_words()
    assert "attack" in words["harm_act_nouns"] and "attack" not in words["harm_nouns"]  # an act only
    assert "death" in words["harm_nouns"] and "death" not in words["harm_act_nouns"]  # a victim's only
    assert "killing" in words["harm_act_nouns"] and "killing" in words["harm_nouns"]  # both
    assert "harm_noun_roles" not in words  # the mapping itself is no word list
