"""Clauses that assert no event: conditions, questions, habits, kinds of actor, rejected alternatives
(eventwire.events.asserted). Sentences written for the eventwire project; the real parser, and the
stand-in lexicon and actors of events_support for the coded cases."""

from __future__ import annotations

import pytest
from events_support import code, dyads, stand_in_lexicon

from eventwire import nlp
from eventwire.events.asserted import (
    is_called_off,
    is_condition,
    is_contrasted,
    is_generic_agent,
    is_generic_kind,
    is_habitual,
    is_no_comment,
    is_power_or_rule,
    is_question,
    is_remembered,
    is_standing_attitude,
)


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lex")))


def _word(text: str, word: str) -> object:
    return next(t for t in nlp.parse(text) if t.text == word)


def test_the_condition_is_not_asserted_but_its_consequence_is(lexicon: object) -> None:
    assert is_condition(_word("The deal will collapse if Russia attacks Georgia.", "attacks"))
    assert is_condition(_word("Reporters asked whether Iran was blocking the talks.", "blocking"))
    assert not is_condition(_word("Russia would attack Georgia if the talks failed.", "attack"))
    assert code("The deal will collapse if Russia attacks Georgia.", lexicon) == []
    # the consequence stays an event, hypothetical (docs/annotation.md rule 7)
    events = code("Russia would attack Georgia if the talks failed.", lexicon)
    assert ("RUS", "GEO", "ASSAULT") in dyads(events)
    assert "hypothetical" in events[0].plover.mode


def test_a_question_is_not_asserted(lexicon: object) -> None:
    assert is_question(_word('He asked: "Will Russia attack Georgia?"', "attack"))
    assert not is_question(_word("Russia attacked Georgia on Tuesday.", "attacked"))
    assert code("Will Russia attack Georgia?", lexicon) == []


def test_a_habit_in_the_simple_present_is_not_an_event() -> None:
    assert is_habitual(_word("Rebels often attack the convoys.", "attack"))
    assert is_habitual(_word("Refugees usually attempt to cross the border.", "cross"))
    # a perfect or a past reports what happened
    assert not is_habitual(_word("Rebels have often attacked the convoys.", "attacked"))
    assert not is_habitual(_word("Rebels often attacked the convoys last year.", "attacked"))
    assert not is_habitual(_word("Rebels attack the convoys.", "attack"))


def test_an_attitude_in_the_simple_present_that_nobody_states_is_not_an_event() -> None:
    assert is_standing_attitude(_word("The farmers' party backs the coalition government.", "backs"))
    assert is_standing_attitude(_word("They want reunification, which the ruling party opposes.", "opposes"))
    # a past, a progressive, a stance said in a clause or by the speaker are acts
    assert not is_standing_attitude(_word("The farmers' party backed the coalition government.", "backed"))
    assert not is_standing_attitude(_word("The farmers' party is backing the coalition government.", "backing"))
    assert not is_standing_attitude(_word("The party said that it backs the coalition government.", "backs"))
    assert not is_standing_attitude(_word('"We support the resolution," the minister said.', "support"))
    # a stance on a proposal on the table is taken now
    assert not is_standing_attitude(_word("All the main parties support the call for early elections.", "support"))
    # only verbs of an attitude or a standing relation: a present accusation is one made now
    assert not is_standing_attitude(_word("Officials blame the bombing on the rebels.", "blame"))


def test_a_kind_of_actor_is_not_a_report() -> None:
    assert is_generic_kind(_word("He criticised support for militants who target civilians.", "target"))
    # a determiner, a past or a particular object names particular actors and a particular act
    assert not is_generic_kind(_word("The militants who target civilians were arrested.", "target"))
    assert not is_generic_kind(_word("He criticised militants who attacked civilians.", "attacked"))
    assert not is_generic_kind(_word("Petitions came from parties that accuse Hamas of violence.", "accuse"))


def _generic_agent(text: str, source: str, trigger: str) -> bool:
    doc = nlp.parse(text)
    return is_generic_agent(next(t for t in doc if t.text == source), next(t for t in doc if t.text == trigger))


def test_people_at_large_in_the_present_are_a_generalisation() -> None:
    assert _generic_agent("Many people support the plan.", "people", "support")
    assert not _generic_agent("Thousands of people attended the rally.", "people", "attended")
    assert not _generic_agent("People supported the plan.", "People", "supported")


def test_the_alternative_a_contrast_sets_aside_is_no_target(lexicon: object) -> None:
    doc = nlp.parse("France should support its institutions rather than the Syrian government.")
    # the name modifying the contrasted noun reads the same actor
    assert [t.text for t in doc if is_contrasted(t)] == ["Syrian", "government"]
    doc = nlp.parse("France chose to meet Israel instead of Syria.")
    assert [t.text for t in doc if is_contrasted(t)] == ["Syria"]
    assert ("FRA", "SYR", "CONSULT") not in dyads(code("France met Israel instead of Syria on Monday.", lexicon))


def test_a_refusal_to_comment_rejects_no_one() -> None:
    assert is_no_comment(_word("The White House has refused to comment on the return of the protesters.", "refused"))
    assert is_no_comment(_word("The ministry declined to comment.", "declined"))
    assert not is_no_comment(_word("Iran refused to meet the inspectors.", "refused"))


def test_leaving_ones_own_body_concedes_nothing_to_it() -> None:
    from eventwire.stages import code_text

    # the base coder read this as CONCEDE Senator Smith -> party
    assert [e for e in code_text("Senator Smith resigned from the Labour party in February.", "2009-06-27") if e.target] == []


def test_a_condition_opened_by_its_auxiliary_is_not_asserted() -> None:
    # written for the project: "were ... to", "had", "should" before the subject make a condition
    assert is_condition(_word("Were Iran to reject the offer, the council would impose sanctions.", "reject"))
    assert is_condition(_word("Had the army attacked the town, the rebels would have fled.", "attacked"))
    assert is_condition(_word("Should Congress pass the bill, the president will veto it.", "pass"))
    # the consequence is asserted (with its mode), and so is a plain sentence
    assert not is_condition(_word("Had the army attacked the town, the rebels would have fled.", "fled"))
    assert not is_condition(_word("The army had attacked the town before the rebels fled.", "attacked"))


def test_any_member_of_a_kind_is_no_particular_actor() -> None:
    assert is_generic_kind(_word("Any college that prohibits the military is ineligible for funding.", "prohibits"))
    assert not is_generic_kind(_word("The college that prohibits the military is ineligible for funding.", "prohibits"))


def test_an_event_remembered_or_followed_is_not_reported() -> None:
    assert is_remembered(_word("The attacks mark the anniversary of the 2005 riots in the suburbs.", "riots"))
    assert is_remembered(_word("In the aftermath of the bombing, police sealed the square.", "bombing"))
    assert not is_remembered(_word("Police clashed with rioters during the riots in the suburbs.", "riots"))
    assert not is_remembered(_word("The report of the riots angered the minister.", "riots"))


@pytest.mark.parametrize("text, word", [
    ("The government called off its talks with the rebels.", "talks"),
    ("Iran postponed the summit with France until next year.", "summit"),
    ("The European aid to the Palestinians was suspended in April.", "aid"),
    ("The rebels pulled out of the talks with the government.", "talks"),
])
def test_an_event_called_off_does_not_happen(text: str, word: str) -> None:
    assert is_called_off(_word(text, word))


@pytest.mark.parametrize("text, word", [
    ("The government held talks with the rebels.", "talks"),
    ("The minister spoke after the talks with the rebels.", "talks"),
    ("Russia called the talks a failure.", "talks"),
])
def test_an_event_held_or_named_is_not_called_off(text: str, word: str) -> None:
    assert not is_called_off(_word(text, word))


def test_talks_called_off_are_no_meeting(lexicon: object) -> None:
    # the stand-in lexicon has the talks noun (043) and no rule for calling them off
    assert code("Russia called off its talks with Georgia.", lexicon) == []
    assert ("RUS", "GEO", "CONSULT") in dyads(code("Russia held talks with Georgia.", lexicon))


def test_a_relative_clause_in_the_simple_present_is_a_standing_property() -> None:
    from eventwire.events.asserted import is_standing_property

    assert is_standing_property(_word("The soldiers who guard the embassy fired on the crowd.", "guard"))
    assert is_standing_property(_word("Hezbollah, which refuses to recognize Israel, won the vote.", "refuses"))
    assert is_standing_property(_word("Hezbollah, which refuses to recognize Israel, won the vote.", "recognize"))
    assert is_standing_property(_word("The law, which bans strikes for each day of the year, stands.", "bans"))
    # what happened, is under way, is said, or is scheduled stays a report
    assert not is_standing_property(_word("The soldiers who guarded the embassy fired on the crowd.", "guarded"))
    assert not is_standing_property(_word("The leader, who is calling for talks, spoke.", "calling"))
    assert not is_standing_property(_word("Smith, who accuses the government of lying, spoke.", "accuses"))
    assert not is_standing_property(_word("Bush, who meets Putin on Monday, spoke.", "meets"))
    assert not is_standing_property(_word("A summit in which she is expected to push for aid opens.", "expected"))


def test_no_event_in_a_standing_property() -> None:
    from events_support import shipped_events

    assert shipped_events("Hezbollah, which refuses to recognize Israel, won the vote on Sunday.") == []
    events = shipped_events("The soldiers who guard the Syrian embassy fired on the crowd.")
    assert [e for e in events if e[0] == "AID"] == []
    assert ("ASSAULT", "soldiers", "crowd") in events


def test_what_has_not_happened_until_a_clause_in_the_present_is_a_condition() -> None:
    assert is_condition(_word("Aid stays frozen until Hamas recognizes Israel.", "recognizes"))
    assert is_condition(_word("Aid stays frozen until Hamas recognizes Israel and agrees to talks.", "agrees"))
    assert not is_condition(_word("The rebels fought until the army withdrew.", "withdrew"))


@pytest.mark.parametrize(("text", "word", "rule"), [
    # the narrator's "can"/"must": a power or a rule, not an occurrence
    ("The state senate can remove the governor by impeachment.", "remove", True),
    ("Marchers must first obtain a permit before protesting.", "protesting", True),
    ("The court cannot punish the ministers.", "punish", True),
    # a demand someone makes ("said ... must"), a hypothetical "could", a plain report: not this test's
    ("The minister said the rebels must release the hostages.", "release", False),
    ("The state senate could remove the governor by impeachment.", "remove", False),
    ("The state senate removed the governor by impeachment.", "removed", False),
])
def test_the_narrators_can_or_must_states_a_power_or_a_rule(text: str, word: str, rule: bool) -> None:
    assert is_power_or_rule(_word(text, word)) is rule


def test_a_power_is_not_coded_but_its_use_is(lexicon: object) -> None:
    assert code("Russia can attack Georgia from the sea.", lexicon) == []
    assert code("Russia attacked Georgia from the sea.", lexicon) != []
