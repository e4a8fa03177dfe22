"""Word senses told apart by the object, as general lexicon rules (sentences written for the eventwire
project; the shipped lexicon and the real parser)."""

from __future__ import annotations

import pytest

from eventwire import nlp
from eventwire.events.lexicon import get_lexicon


def _rules(text: str, word: str) -> list[str]:
    doc = nlp.parse(text)
    token = next(t for t in doc if t.lower_ == word)
    return [m.rule_id for m in get_lexicon().match(token)]


@pytest.mark.parametrize(("text", "word", "expected", "not_expected"), [
    ("Rebels charged the army positions at dawn.", "charged", "190.charge_position", "1121.charge"),
    ("Prosecutors charged the former governor with corruption.", "charged", "1121.accuse_crime", "190.charge_position"),
    ("The council sanctioned the deployment of peacekeepers.", "sanctioned", None, "163.sanction_verb"),
    ("The United Nations sanctioned Iran over its nuclear programme.", "sanctioned", "163.sanction_verb", None),
    # appointments, nominations and elections, and rescues, are not coded (docs/annotation.md rulings)
    ("The party nominated Smith as its candidate.", "nominated", None, "051.nominate"),
    ("Parliament elected the general as president on Monday.", "elected", None, "051.nominate"),
    ("Navy divers rescued the crew of the ferry.", "rescued", None, "070.rescue"),
    # returning something is giving it back; returning somewhere is going back
    ("The minister returned to the capital after the summit.", "returned", None, "084.return"),
    ("The rebels returned the seized documents to the government.", "returned", "084.return", None),
    ("Students disrupted a speech by the candidate.", "disrupted", "144.disrupt", None),
    ("Intellectuals protested the arrest of the writer.", "protested", "111.protest_act", None),
    ("Workers protested outside the ministry.", "protested", "140.protest", "111.protest_act"),
    # leaving a place or a thing is no resignation; leaving office is
    ("The ships left the port after the attack.", "left", None, "0831.resign"),
    ("The minister left office after the scandal.", "left", "0831.relinquish_power", None),
    ("He will take over the post from his predecessor.", "take", None, "171.seize"),
    ("Rebels took over the radio station.", "took", "171.seize", None),
    ("Crimes were committed by the militia.", "committed", None, "030.promise"),
    ("The government committed to new elections.", "committed", "030.promise", None),
    # to demonstrate something is to show it; a street demonstration takes no object
    ("The visit was a chance for Canada to demonstrate its goodwill.", "demonstrate", None, "141.demonstrate"),
    ("Thousands demonstrated against the government in the capital.", "demonstrated", "141.demonstrate", None),
    # seeking an office is standing for it, not asking anyone
    ("The senator will seek the presidency next year.", "seek", None, "100.ask"),
    ("The rebels released 300 pages of documents on Monday.", "released", None, "084.release"),
    # submitting a document is filing it; submitting to someone is yielding
    ("The lawyers submitted an essay to the review board.", "submitted", None, "0874.surrender"),
    ("The rebel commander submitted to the army on Friday.", "submitted", "0874.surrender", None),
    # a contest for a place or votes is no fighting; a battle with rebels is
    ("The senator is in a tight battle for third place with his rival.", "battle", None, "190.fighting"),
    ("The army fought a battle with the rebels near the border.", "battle", "190.fighting", None),
    # occupying the head of a division is holding an office
    ("The head of the division, formerly occupied by the judge, is empty.", "occupied", None, "192.occupy_plain"),
    # "upon gathering" is when the crowd started, not what it started
    ("The crowd, upon gathering, started singing the anthem.", "started", None, "141.stage_protest"),
    ("The crowd started a demonstration outside the ministry.", "started", "141.stage_protest", None),
])
def test_the_object_decides_the_sense(text: str, word: str, expected: str | None, not_expected: str | None) -> None:
    found = _rules(text, word)
    if expected is not None:
        assert found and found[0] == expected, found
    if not_expected is not None:
        assert not_expected not in found, found
