"""Who does an act the parse leaves without a subject (issue 13, real-news recall): the "by" agent of
an intention noun controls its infinitive ("an attempt by X to storm"), a passive clause's subject
does the gerund of its adjunct ("X was punished for attacking Y"), a verb of owning up to a mutual
event carries it ("X confirmed talks with Y"), and a gerund the parser read as an adjective of its
object is an act ("by publicly accusing members of"), the subject of "is to blame" is blamed, by
whoever says so (control.copula_patients), and the one charged does the act charged when the parser hangs
"of" on the object noun ("accused [the military of seizing ...]"; control.charged_object); eventwire/events/clauses.py,
phrases.support_verb, phrases.mend_gerunds and data/events/syntax.yaml (mutual_support_verbs).
Sentences written for the eventwire project, coded with the stand-in lexicon and actors of
events_support and the real parser, without the classifier, or with the shipped components where
the stand-ins lack a word."""

from __future__ import annotations

import pytest
from events_support import code, dyads, rule_pairs, stand_in_lexicon

from eventwire import nlp
from eventwire.events.phrases import mend_gerunds
from eventwire.stages import code_text


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lex")))


def test_the_by_agent_of_an_intention_noun_does_its_infinitive(lexicon: object) -> None:
    assert ("RUS", "GEO", "ASSAULT") in dyads(code("There was an attempt by Russia to attack Georgia.", lexicon))
    assert ("HMS", "ISR", "ASSAULT") in {(s and s[-3:], t, k) for s, t, k in dyads(
        code("A bid by Hamas to attack Israel ended in failure on Sunday.", lexicon))}


def test_a_by_phrase_of_a_noun_that_intends_nothing_lends_no_subject(lexicon: object) -> None:
    # "a photograph by Russia" does not attack anyone: only intention nouns are controlled
    assert not dyads(code("There was a photograph by Russia to attack Georgia.", lexicon))


def test_a_passive_subject_does_the_gerund_of_its_adjunct(lexicon: object) -> None:
    assert ("IRN", "ISR", "ASSAULT") in dyads(code("Iran was punished for attacking Israel.", lexicon))
    assert ("RUS", "GEO", "ASSAULT") in dyads(code("Russia was condemned after attacking Georgia.", lexicon))


def test_a_passive_subject_kept_from_an_act_does_not_do_it(lexicon: object) -> None:
    assert ("RUS", "GEO", "ASSAULT") not in dyads(code("Russia was barred from attacking Georgia.", lexicon))


def test_a_passive_subject_accused_of_an_act_does_it(lexicon: object) -> None:
    # docs/annotation.md: "X accused Y of Z" codes Y's Z as a reported event
    assert ("IRN", "ISR", "ASSAULT") in dyads(code("Iran was accused of attacking Israel.", lexicon))


def test_one_who_confirms_talks_with_someone_holds_them(lexicon: object) -> None:
    assert ("IRN", "USA", "CONSULT") in dyads(code("Iran confirmed talks with the United States.", lexicon))


def test_one_who_confirms_a_one_sided_act_has_not_done_it(lexicon: object) -> None:
    # "confirmed the crackdown on Hamas": a report of it, perhaps of someone else's act
    assert not any(s == "IRN" for s, _, _ in dyads(code("Iran confirmed the crackdown on Hamas.", lexicon)))


def test_a_gerund_read_as_an_adjective_of_its_object_is_mended_into_the_prepositions_clause() -> None:
    doc = nlp.parse("Russia stunned observers by publicly accusing members of the Georgian government.")
    gerund = next(t for t in doc if t.lower_ == "accusing")
    members = next(t for t in doc if t.lower_ == "members")
    assert gerund.dep_ == "amod" and members.dep_ == "pobj"  # the parser's slip this mends
    mend_gerunds(doc)
    assert (gerund.dep_, gerund.head.lower_) == ("pcomp", "by")
    assert (members.dep_, members.head.i) == ("dobj", gerund.i)


def test_an_adjective_in_ing_without_an_adverb_of_manner_stays_an_adjective() -> None:
    doc = nlp.parse("Voters in Georgia turned out for ruling party candidates.")
    mend_gerunds(doc)
    assert next(t for t in doc if t.lower_ == "ruling").dep_ == "amod"


def test_the_mended_gerund_is_coded_as_the_subjects_act() -> None:
    events = code_text("Russia stunned observers by publicly accusing members of the Georgian government.")
    assert ("RUS", "GEOGOV", "ACCUSE") in {(e.source.code, e.target.code if e.target else None, e.plover.type)
                                           for e in events if e.trigger.text == "accusing"}


def test_an_act_done_without_is_negated(lexicon: object) -> None:
    events = [e for e in code("Russia met Georgia without attacking Iran.", lexicon) if e.trigger.text == "attacking"]
    assert events and all("negation" in e.plover.mode for e in events)


# --- the passive of a raising or control verb (eventwire/events/control.py; data/events/syntax.yaml
# raising_passives). Sentences written for the eventwire project.

def test_the_subject_of_a_raising_passive_does_its_infinitive(lexicon: object) -> None:
    assert ("RUS", "GEO", "ASSAULT") in dyads(code("Russia is believed to have attacked Georgia.", lexicon))
    assert ("RUS", "GEO", "ASSAULT") in dyads(code("Russia was reported to be attacking Georgia.", lexicon))
    assert ("IRN", "SYR", "ASSAULT") in dyads(code("Iran was seen attacking Syria on Monday.", lexicon))


def test_an_act_a_raising_passive_expects_is_coded_in_the_future(lexicon: object) -> None:
    events = [e for e in code("Russia is expected to meet Georgia next week.", lexicon) if e.plover.type == "CONSULT"]
    assert [(e.source.code, e.target.code if e.target else None) for e in events] == [("RUS", "GEO")]
    assert "future" in events[0].plover.mode


def test_the_subject_of_a_passive_forcing_verb_does_the_act(lexicon: object) -> None:
    assert ("RUS", "GEO", "ASSAULT") in dyads(code("Russia was forced to attack Georgia.", lexicon))


def test_the_subject_of_a_passive_asking_or_alleging_verb_does_not_do_the_act(lexicon: object) -> None:
    # asked for or alleged, as "urged Russia to attack", "is alleged to have attacked": no act of Russia's
    assert ("RUS", "GEO", "ASSAULT") not in dyads(code("Russia was urged to attack Georgia.", lexicon))
    assert ("RUS", "GEO", "ASSAULT") not in dyads(code("Russia is alleged to have attacked Georgia.", lexicon))


def test_a_bare_participle_after_a_raising_passive_is_passive(lexicon: object) -> None:
    # "was reported attacked": Russia is the one attacked, not the attacker
    assert not any(s == "RUS" for s, _, _ in dyads(code("Russia was reported attacked by Georgia.", lexicon)))


def test_a_number_of_a_group_stands_for_the_group(lexicon: object) -> None:
    # "about 450 of the Georgian troops" are Georgian troops, as "some of the Georgian troops" are
    assert ("GEOMIL", "RUS", "ASSAULT") in dyads(code("About 450 of the Georgian troops attacked Russia.", lexicon))


# written for the project: an act a verb of asking asks for, in a clause with a subject of its own (a
# subjunctive, or an infinitive the parser gives the one asked as subject), is not done (clauses.py,
# animacy.asked_act); an act reported done is. The shipped lexicon and actors.
def _done(text: str) -> set[tuple[str, str | None]]:
    return {(e.source.text, e.target.text if e.target else None) for e in code_text(text, "2007-01-05")}


@pytest.mark.parametrize(("text", "asked"), [
    ("The minister demanded that the rebels withdraw their fighters from the capital.", "rebels"),
    ("The union demanded the government withdraw its troops from the province.", "government"),
])
def test_an_act_asked_for_in_a_clause_of_its_own_is_not_done(text: str, asked: str) -> None:
    found = _done(text)
    assert not any(source == asked for source, _ in found), found
    assert any(target == asked for _, target in found), found  # the demand itself is coded


def test_an_act_reported_done_in_a_clause_of_its_own_is_coded() -> None:
    assert any(source == "rebels" for source, _ in _done("The minister said that the rebels withdrew their "
                                                            "fighters from the capital."))


@pytest.mark.parametrize(("text", "verb", "asked"), [
    ("The council urged that the army leave the city.", "leave", True),
    ("The minister demanded that the rebels withdraw their fighters.", "withdraw", True),
    # "insist" also reports: a present after it is a claim, not a demand
    ("The opposition insisted that the troops attack civilians.", "attack", False),
    ("The minister said that the rebels withdraw every night.", "withdraw", False),
])
def test_a_clause_asked_for_is_read_off_its_governor_and_mood(text: str, verb: str, asked: bool) -> None:
    from eventwire.events.animacy import asked_act

    doc = nlp.parse(text)
    assert asked_act(next(t for t in doc if t.text == verb)) is asked


@pytest.mark.parametrize(("text", "verb", "doer"), [
    # "for" gives the infinitive its own subject, whatever verb governs it (the parser cuts "co-operate")
    ("The letter ended by asking for the opposition party to co-operate with the government.", "operate", "party"),
    # the party called on does the act, when the parser hangs the infinitive on the verb as purpose
    ("Marta Lind, the mother of a jailed reporter, called on the Swedish Prime Minister to free the journalists.",
     "free", "Minister"),
])
def test_the_party_asked_for_or_called_on_is_the_subject_of_the_infinitive(text: str, verb: str, doer: str) -> None:
    from eventwire.events.clauses import clause_subjects

    doc = nlp.parse(text)
    subjects, how = clause_subjects(next(t for t in doc if t.text == verb))
    assert [t.text for t in subjects] == [doer] and how == "unrealized-control"  # asked for: not done


def test_a_passive_infinitive_after_for_has_no_doer_there() -> None:
    from eventwire.events.control import for_subject

    doc = nlp.parse("The letter ended by asking for the old law to be repealed by the assembly.")
    verb = next(t for t in doc if t.text == "repealed")
    assert for_subject(verb, verb.head) == []


@pytest.mark.parametrize("text", [
    "The Kenyan minister said the opposition was to blame for the violence.",
    "The Kenyan minister rejected the report by saying, the opposition was to blame for the violence.",
])
def test_the_subject_of_is_to_blame_is_blamed_by_the_speaker(text: str) -> None:
    found = rule_pairs(text, "112.")
    assert ("Kenyan minister", "opposition") in found, found
    assert not any(s == "opposition" for s, _ in found), found


def test_is_to_blame_without_a_speaker_names_no_blamer() -> None:
    found = rule_pairs("The Kenyan opposition is to blame for the violence.", "112.")
    assert not any(s is not None and "opposition" in s for s, _ in found), found


@pytest.mark.parametrize(("text", "rule", "pair"), [
    ("The opposition leader accused the Kenyan military of attacking Ugandan villages.", "190.",
     ("Kenyan military", "Ugandan villages")),
    ("The opposition leader accuses the Kenyan military of seizing the Ugandan embassy.", "1711.",
     ("Kenyan military", "Ugandan embassy")),
    ("Uganda accused the Kenyan rebels of the abduction of Ugandan children.", "181.", ("Kenyan rebels", "Ugandan children")),
])
def test_the_one_charged_does_the_act_when_of_hangs_on_it(text: str, rule: str, pair: tuple[str, str]) -> None:
    found = rule_pairs(text, rule)
    assert pair in found, found


def test_a_relative_pronoun_raised_by_a_passive_stands_for_its_noun(lexicon: object) -> None:
    # written for the eventwire project: "soldiers who were believed to be attacked by X": the relative
    # pronoun is the raising passive's subject; the act's patient is the noun it stands for
    found = dyads(code("Georgian troops who were believed to be attacked by Russia left the town.", lexicon))
    assert ("RUS", "GEOMIL", "ASSAULT") in found
    found = dyads(code("Georgian troops who are expected to attack Russia left the town.", lexicon))
    assert ("GEOMIL", "RUS", "ASSAULT") in found
