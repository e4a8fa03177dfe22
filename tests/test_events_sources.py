"""Who an event's source is when the parse or the text offers a wrong one (issue 13, source_wrong):
titles of one person, a fronted attribution the parser ran into the subject, a speaker's pronoun, a
document's voice, an event set before the clause, an act only proposed, support won from someone,
and a he/she subject continuing the sentence before."""

from __future__ import annotations

import pytest

from eventwire import code_text, nlp
from eventwire.actors.people import ArticleMemory
from eventwire.actors.references import previous_subject
from eventwire.events.candidates import Candidate, target_proposals
from eventwire.events.clauses import UNREALIZED, clause_subjects
from eventwire.events.frames import Argument
from eventwire.events.mentions import ActorIndex, syntax_words
from eventwire.events.phrases import support_verb
from eventwire.records import Actor


def _verb(doc: object, word: str) -> object:
    return next(t for t in doc if t.text == word)  # type: ignore[attr-defined]


def _subjects(text: str, verb: str) -> list[str]:
    doc = nlp.parse(text)
    tokens, _ = clause_subjects(_verb(doc, verb))
    return [t.text for t in tokens]


@pytest.mark.parametrize(("text", "verb", "expected"), [
    # a title with no article of its own describes the person named after it (the brief's example)
    ("Environmental activist and former Vice-President Al Gore criticized the Bush administration on Tuesday.",
     "criticized", ["Gore"]),
    # a bare role noun carrying the apposed name: one person
    ("The leader of the Labour Party and former Foreign Secretary, David Miliband, criticized the government.",
     "criticized", ["Secretary"]),
])
def test_titles_coordinated_before_a_name_are_one_person(text: str, verb: str, expected: list[str]) -> None:
    assert _subjects(text, verb) == expected


@pytest.mark.parametrize(("text", "verb"), [
    ("The president and his foreign minister, Sergei Lavrov, criticized NATO.", "criticized"),
    ("Plame and her husband Joseph Wilson have filed a civil lawsuit.", "filed"),
    ("President Bush and Prime Minister Tony Blair criticized Iran.", "criticized"),
])
def test_two_people_coordinated_stay_two(text: str, verb: str) -> None:
    assert len(_subjects(text, verb)) == 2


def test_a_fronted_attribution_run_into_the_subject_is_not_the_subject() -> None:
    # the parser reads "The Sun" as the subject and the real one, after the comma, as its conjunct
    text = ("According to a report from the British newspaper The Sun, Al-Qaeda members have issued a "
            "prominent threat on the Internet that Britain's Prince Harry will be killed.")
    doc = nlp.parse(text)
    tokens, _ = clause_subjects(_verb(doc, "issued"))
    if [t.text for t in _verb(doc, "issued").children if t.dep_ == "nsubj"] != ["Sun"]:
        pytest.skip("the parser read this sentence another way; the misparse this guards is not there")
    assert [t.text for t in tokens] == ["members"]


def test_a_gerund_proposed_is_not_done_by_the_proposer() -> None:
    doc = nlp.parse("One of the generals has recommended removing all U.S. troops from Baghdad.")
    _, how = clause_subjects(_verb(doc, "removing"))
    assert how == UNREALIZED


@pytest.mark.parametrize(("text", "noun"), [
    ("Following the bombing of a mosque in Baghdad, Iraqi troops launched a raid on Sadr City.", "bombing"),
    ("Despite the sanctions against Iran, Russia signed a deal with Tehran.", "sanctions"),
])
def test_an_event_set_before_the_clause_is_not_carried_by_its_verb(text: str, noun: str) -> None:
    doc = nlp.parse(text)
    assert support_verb(_verb(doc, noun), syntax_words()) is None


def test_an_event_the_verb_carries_keeps_its_support_verb() -> None:
    doc = nlp.parse("Israel launched an offensive against Hamas.")
    assert support_verb(_verb(doc, "offensive"), syntax_words()).text == "launched"  # type: ignore[union-attr]


def _mention(text: str, phrase: str, code: str, kind: str, nth: int = 0) -> Actor:
    start = [i for i in range(len(text)) if text.startswith(phrase, i)][nth]
    return Actor(phrase, start, start + len(phrase), code, code[:3], code[3:6] or None, None, kind)


def _they(text: str, mentions: list[tuple[str, str, str]]) -> Actor | None:
    """What "they" in ``text`` stands for, given the mentions (phrase, code, kind)."""
    doc = nlp.parse(text)
    index = ActorIndex(doc, [_mention(text, phrase, code, kind) for phrase, code, kind in mentions])
    return index.actor_for(_verb(doc, "they"))


def test_a_coded_speakers_pronoun_is_the_speaker_not_a_group_named_before_it() -> None:
    found = _they("Israeli troops entered Gaza. Hamas said they would attack Israeli soldiers.",
                  [("Israeli troops", "ISRMIL", "agent"), ("Hamas", "PSEREBHMS", "group"),
                   ("Israeli soldiers", "ISRMIL", "agent")])
    assert found is not None and (found.text, found.code) == ("they", "PSEREBHMS")


def test_a_documents_pronoun_is_its_issuer() -> None:
    found = _they("Israeli troops entered Gaza. Hezbollah put out a communique stating that they will target "
                  "Israeli soldiers.", [("Israeli troops", "ISRMIL", "agent"), ("Hezbollah", "LBNREBHEZ", "group"),
                                        ("Israeli soldiers", "ISRMIL", "agent")])
    assert found is not None and found.code == "LBNREBHEZ"


def test_a_mention_between_speaker_and_pronoun_is_still_nearer() -> None:
    found = _they("Hamas said Israeli troops attacked the town before they withdrew.",
                  [("Hamas", "PSEREBHMS", "group"), ("Israeli troops", "ISRMIL", "agent")])
    assert found is None or found.code == "ISRMIL"


def _person(text: str, phrase: str, code: str, name: str) -> Actor:
    start = text.index(phrase)
    return Actor(phrase, start, start + len(phrase), code, code[:3], code[3:], name, "person")


BUSH = Actor("President Bush", 0, 14, "USAGOV", "USA", "GOV", "George W. Bush", "person")


def test_a_he_subject_continues_the_subject_of_the_sentence_before() -> None:
    text = "President Bush met Prime Minister Olmert in Jerusalem on Tuesday. He later criticized Iran."
    doc = nlp.parse(text)
    bush, olmert = BUSH, _person(text, "Prime Minister Olmert", "ISRGOV", "Ehud Olmert")
    he = _verb(doc, "He")
    assert previous_subject(doc, he.i, [bush, olmert]) == "George W. Bush"  # type: ignore[attr-defined]
    memory = ArticleMemory()
    memory.remember(bush, ["George W. Bush"], "m")
    memory.remember(olmert, ["Ehud Olmert"], "m")
    assert memory.pronoun("m").name == "Ehud Olmert"  # type: ignore[union-attr]
    assert memory.pronoun("m", prefer="George W. Bush").name == "George W. Bush"  # type: ignore[union-attr]


def test_a_person_named_in_the_pronouns_own_sentence_is_nearer_than_the_subject_before() -> None:
    text = "President Bush arrived in Jerusalem. After meeting Olmert, he criticized Iran."
    doc = nlp.parse(text)
    olmert = _person(text, "Olmert", "ISRGOV", "Ehud Olmert")
    assert previous_subject(doc, _verb(doc, "he").i, [BUSH, olmert]) is None  # type: ignore[attr-defined]


def test_support_won_from_someone_is_given_by_them() -> None:
    events = code_text("Iran won the support of Russia for its nuclear program.", published="2008-01-01")
    assert any(e.source.code == "RUS" and e.target is not None and e.target.code == "IRN"
               and e.plover is not None and e.plover.type == "SUPPORT" for e in events)
    assert not any(e.source.code == "IRN" and e.target is not None and e.target.code == "RUS" for e in events)


def test_who_reports_an_event_is_never_proposed_as_its_target() -> None:
    text = "According to a report from the British newspaper, Al-Qaeda has issued a threat against Spain."
    doc = nlp.parse(text)
    qaeda = _mention(text, "Al-Qaeda", "IMGMOSALQ", "group")
    index = ActorIndex(doc, [_mention(text, "British newspaper", "GBRMED", "agent"), qaeda,
                             _mention(text, "Spain", "ESP", "state")])
    issued = _verb(doc, "issued")
    cand = Candidate(0, issued.sent, issued, (issued.i, issued.i + 1),  # type: ignore[attr-defined]
                     Argument(qaeda, _verb(doc, "Al").i, "subject"), None, False, "130", "t.issue_threat",  # type: ignore[attr-defined]
                     0.8, {})
    proposed = {c.target.actor.code for c in target_proposals([cand], index) if c.target is not None}
    assert "GBRMED" not in proposed and "ESP" in proposed


def test_a_quoted_he_is_not_the_speaker_named_after_it() -> None:
    text = "Rao suggested that the Baba should restrict himself to religion. \"Otherwise, he should quit religion,\" Rao said."
    doc = nlp.parse(text)
    rao = Actor("Rao", 0, 3, "INDGOV", "IND", "GOV", "K. Chandrasekhar Rao", "person")
    assert previous_subject(doc, _verb(doc, "he").i, [rao]) is None  # type: ignore[attr-defined]
