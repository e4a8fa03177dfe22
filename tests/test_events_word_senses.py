"""Word senses that are no event (events.senses, the lexicon's ``objects_not``, evaluations' cue
senses, unnamed products). Sentences written for the eventwire project; the shipped lexicon, actor
dictionaries and parser, as a run codes them."""

from __future__ import annotations

import pytest
from events_support import shipped_events as _events

from eventwire.events.mentions import syntax_words

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _targets(text: str) -> list[str | None]:
    return [target for _, _, target in _events(text)]


def test_the_data_lists_are_there() -> None:
    words = syntax_words()
    assert {"opposition", "resistance"} <= words["stance_nouns"]
    assert {"144", "145"} <= words["force_not_protest_codes"]
    assert {"family", "son", "wife"} <= words["kin_nouns"]


def test_a_stance_noun_is_no_group_as_a_target() -> None:
    assert "opposition" not in _targets("State Labor leaders in Australia have voiced their opposition to nuclear energy.")
    assert "opposition" not in _targets("Members of the faculty in Tokyo opposed the idea strongly and called for opposition widely.")
    # the group: a determiner names it
    assert ("REQUEST", "Thai government", "opposition") in _events("The Thai government urged the opposition to end the protests.")


def test_a_state_force_occupying_or_throwing_stones_does_not_protest() -> None:
    occupied = ("In a second account a woman and her two children were killed by a sniper when she was ordered "
                "to leave a building being occupied by Israeli soldiers.")
    assert not [e for e in _events(occupied) if e[0] == "PROTEST"]
    stones = "Chaos ensued, with the police also throwing stones, bludgeoning and separating the students."
    assert not [e for e in _events(stones) if e[0] == "PROTEST"]
    assert [e for e in _events("Students occupied the university building in Dhaka on Monday.") if e[0] == "PROTEST"]


def test_police_overseeing_a_rally_do_not_protest() -> None:
    assert not [e for e in _events("Riot police were on hand to monitor the demonstrations in Warsaw.") if e[0] == "PROTEST"]
    assert [e for e in _events("Thousands of students held a protest outside the parliament.") if e[0] == "PROTEST"]


def test_a_noun_that_modifies_a_noun_judges_no_one() -> None:
    text = '"Children in Philadelphia could lose programs when Philadelphia\'s murder rate is soaring," Jubelirer said.'
    assert not [e for e in _events(text) if e[0] == "ACCUSE"]


def test_responsible_blames_only_with_its_complement() -> None:
    assert not [e for e in _events('"We have a Police Department in Buffalo that is very responsible," said Mayor Brown.')
                if e[0] == "ACCUSE"]
    assert ("ACCUSE", "Sudanese government", "rebels") in _events(
        "The Sudanese government said the rebels were responsible for the attack on the convoy.")


@pytest.mark.parametrize("text, plover_type", [
    ('Saakashvili said that NATO had been "inviting Russian aggression" in April.', "AGREE"),
    ("The Shi'ites and Kurds make up about eighty percent of Iraq's population.", "SUPPORT"),
    ("The Pentagon has drafted a revised plan for the Doctrine for Joint Nuclear Operations.", "MOBILIZE"),
    # "take" with a light-verb object: carrying or pausing, no seizure of the place after it
    ("Aboriginal activists will take a sacred fire to Canberra in March.", "COERCE"),
])
def test_a_trigger_word_in_another_sense_is_no_event(text: str, plover_type: str) -> None:
    assert not [e for e in _events(text) if e[0] == plover_type]


def test_a_hunger_strike_is_no_attack_begun() -> None:
    from eventwire import nlp
    from eventwire.events.lexicon import get_lexicon

    doc = nlp.parse("Members of the Tunisian lawyers' organisation have begun a hunger strike against the law.")
    begun = next(t for t in doc if t.lower_ == "begun")
    assert "190.launch_attack" not in [m.rule_id for m in get_lexicon().match(begun)]


def test_the_senses_kept_still_code() -> None:
    assert _events("Russia invited Georgia to talks in Moscow.")
    assert ("COERCE", "Somali rebels", "Kismayo") in _events("Somali rebels took the port town of Kismayo on Monday.")


def test_a_strike_on_a_state_is_an_attack() -> None:
    # the labour strike's rules list "on" in preps_not: a strike on an actor is the attack's sense
    assert ("ASSAULT", "Iran", "Israel") in _events("Iran launched a strike on Israel.")
    assert ("ASSAULT", "Iran", "Israel") in _events("Iran's strike on Israel killed ten people.")
    assert not [e for e in _events("Iran launched a strike on Israel.") if e[0] == "PROTEST"]


def test_a_strike_by_workers_stays_a_protest() -> None:
    assert ("PROTEST", "Workers", "government") in _events("Workers launched a strike against the government on Monday.")
    assert [e[0] for e in _events("A strike by bus employees crippled the city.")] == ["PROTEST"]
    # the act a rule is named by is no target of it ("went on strike": not the strike)
    assert [(e[0], e[2]) for e in _events("Dockworkers went on strike yesterday.")] == [("PROTEST", None)]


def test_firing_on_someone_is_shooting_not_dismissing() -> None:
    # "fire" + an official read through "on"/"at" (172.dismiss_official's preps_not) is 193.shoot
    events = _events("Two men fired on the mayor outside his office.")
    assert ("ASSAULT", "men", "mayor") in events
    assert not [e for e in events if e[0] == "COERCE"]
    assert ("COERCE", "president", "police chief") in _events("The president fired the police chief.")


def test_attacking_police_is_an_assault_not_a_riot() -> None:
    from eventwire import nlp
    from eventwire.events.lexicon import get_lexicon

    def rules(text: str, word: str) -> list[str]:
        return [m.rule_id for m in get_lexicon().match(next(t for t in nlp.parse(text) if t.text == word))]

    assert "145.storm_building" not in rules("Insurgents attacked the police in Kandahar.", "attacked")
    assert "145.storm_building" in rules("Protesters stormed the embassy in the capital.", "stormed")
    assert [e[0] for e in _events("Insurgents attacked the police in Kandahar.")] == ["ASSAULT"]


def test_the_survivor_of_an_attempt_is_its_target() -> None:
    events = _events("The president survived an attempt by rebels to kill him.")
    assert ("ASSAULT", "rebels", "president") in events
    assert ("ASSAULT", "president", "rebels") not in events
    # no maker named: no event (whoever foils a plot makes no attempt either)
    assert _events("The minister escaped an assassination attempt on Monday.") == []


def test_an_indefinite_product_is_no_target_without_its_maker() -> None:
    assert not _events("Voters in Oregon rejected a property tax increase last November.")


def test_ones_own_kin_is_a_private_relation_unless_harmed() -> None:
    assert not _events("Karzai said he would help his son.")
    assert not _events("The minister thanked his wife for her support.")
    assert ("COERCE", "Iranian police", "her husband") in _events("Iranian police arrested her husband on Tuesday.")


def test_an_uncoded_place_of_setting_is_no_target() -> None:
    assert "Crawford" not in _targets("The President signed the bill in Crawford on Friday.")


def test_an_act_named_as_the_doer_is_no_source() -> None:
    # the sentence names no agent (docs/annotation.md, rules 2 and 4); an actor modifier does
    assert _events("A car bombing in the capital killed 40 villagers on Sunday.") == []
    assert _events("The raid killed three militants near the border.") == []
    assert [e[0] for e in _events("An Israeli raid killed three militants near the border.")] == ["ASSAULT"]


def test_a_doer_the_act_implies_stays_the_source() -> None:
    banned = _events("During the coup, the ruling party was outlawed and its leaders were banned from politics.")
    assert banned and all(source == "the coup" for _, source, _ in banned)


def test_the_one_a_judged_act_is_done_to_is_not_whom_it_judges() -> None:
    assert _events("Twenty senators voiced strong support for sanctions against Iran.") == []
    assert _events("The minister opposed the war against Iraq last year.") == []
    # a demand for an act against someone is aimed at them, whatever type the model gives it
    assert "Nigeria" in _targets("The archbishop on Sunday called for sanctions against Nigeria after the execution of the activist.")
    # an act of the same type is the judgement itself
    assert ("ACCUSE", "prosecutor", "minister") in _events("The prosecutor brought charges against the minister.")
    # the trigger's own preposition still names its target
    assert ("SUPPORT", "senators", "Iran") in _events("Twenty senators voiced strong support for Iran.")


def test_a_language_label_in_brackets_is_no_actor() -> None:
    # written for the project: a name followed by its spelling in its own script
    from eventwire import nlp
    from eventwire.events.frames import Argument
    from eventwire.events.senses import is_language_label
    from eventwire.records import Actor

    text = "Queen Sirikit (Thai : ราชินี) attended the funeral."
    doc = nlp.parse(text)
    start = text.index("Thai")
    label = Argument(Actor(text="Thai", start=start, end=start + 4, code="THA", country="THA"),
                     next(t.i for t in doc if t.text == "Thai"), "appos")
    assert is_language_label(doc, label)
    queen = Argument(Actor(text="Queen Sirikit", start=0, end=13), 1, "subject")
    assert not is_language_label(doc, queen)


def test_a_vehicle_is_not_beaten() -> None:
    # written for the project: "douse" is a physical assault on people, not on a bus
    assert not [e for e in _events("A gang of youths doused the bus with petrol and set it ablaze.") if e[2] == "the bus"]
    assert [e[0] for e in _events("A gang of youths doused the police officers with petrol.")] == ["ASSAULT"]


def test_a_capitalised_trigger_inside_a_sentence_is_a_word_of_a_name() -> None:
    """An office's title ("Minister Assisting the Premier") names a post, it helps no one; a heading
    in title case and a quoted slogan still read their verbs."""
    from spacy.tokens import Doc

    from eventwire import nlp
    from eventwire.events.senses import is_in_a_name

    class _Cand:  # the two fields is_in_a_name reads
        def __init__(self, doc: Doc, i: int) -> None:
            self.head, self.trigger = doc[i], (i, i + 1)

    def in_name(text: str, word: str) -> bool:
        doc = nlp.parse(text)
        i = next(t.i for t in doc if t.text == word)
        return is_in_a_name(doc, _Cand(doc, i))  # type: ignore[arg-type]

    assert in_name("Jane Walker is Minister Assisting the Premier on women's affairs.", "Assisting")
    assert not in_name("Israel Attacks Gaza Strip After Rocket Fire", "Attacks")
    assert not in_name('Marchers chanted "Free Tibet" outside the embassy gates.', "Free")
    assert not in_name("Troops attacked the village at dawn.", "attacked")


def test_helping_to_do_something_helps_no_one() -> None:
    # a share in an outcome: whoever the infinitive acts on is not aided
    assert not [e for e in _events("Ruritania helped build the new party.") if e[0] == "AID"]
    assert not [e for e in _events("The senator is helping to remind Ruritania of its debts.") if e[0] == "AID"]
    # helping someone is aid, with or without an infinitive
    assert [e for e in _events("Australian troops are assisting the Iraqi army in the south.") if e[0] == "AID"]


@pytest.mark.parametrize("text", [
    "A reporter for the state radio asked the French president about his impressions of Germany.",
    "The Romanian president will ask Romanians whether they approve the new constitution.",
    "The judge asked Saddam Hussein if he pleaded guilty.",
])
def test_asking_a_question_is_no_request(text: str) -> None:
    # written for the eventwire project: asking someone about something, or whether, is no demand
    # that they act (senses.is_question_asked)
    assert [e for e in _events(text) if e[0] == "REQUEST"] == []


@pytest.mark.parametrize("text", [
    "The French president asked Germany to withdraw its troops.",
    "The French president asked Germany for help.",
])
def test_asking_someone_to_act_stays_a_request(text: str) -> None:
    # written for the eventwire project
    assert ("REQUEST", "French president", "Germany") in _events(text)


def test_asking_for_an_explanation_stays_a_request() -> None:
    # written for the eventwire project: "how" and "why" demand an explanation (coded REQUEST)
    assert ("REQUEST", "French president", "German officials") in _events(
        "The French president asked German officials how the secret documents were lost.")
