"""Arguments the parse leaves outside a nominal trigger's phrase (a visit set in a clause: its
subject), a recipient left unsaid in a parallel clause, a relative pronoun object, and for-to clauses ("called for Israel to withdraw")
(issue 13, real-news recall; eventwire/events/nominal_args.py, candidates.shared_targets,
phrases.py, lexicon_tokens.for_to_marks). Sentences written for the eventwire project; the stand-in
lexicon and actors of events_support with the real parser, or the shipped components where the
stand-ins lack a word."""

from __future__ import annotations

import pytest
from events_support import code, dyads, rule_pairs, stand_in_lexicon

from eventwire.stages import code_text


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> object:
    return stand_in_lexicon(str(tmp_path_factory.mktemp("lex")))


def _triples(text: str) -> set[tuple[str, str | None, str]]:
    return {(e.source.text, e.target.text if e.target else None, e.plover.type) for e in code_text(text)}


def test_a_between_party_the_parser_hung_on_the_clause_is_the_second_side(lexicon: object) -> None:
    # after the apposition the parser hangs "President Barack Obama" on "According", not on "between"
    text = ("According to talks on Thursday between Russian President Dmitry Medvedev , Russian envoy to Georgia , "
            "and President Barack Obama , the incident was fully investigated by Russia.")
    assert ("RUSGOV", "USAGOV", "CONSULT") in dyads(code(text, lexicon))


def test_a_by_phrase_hung_on_an_active_verb_is_the_doer_of_the_event_noun_before_it(lexicon: object) -> None:
    found = dyads(code("Documents provide detail on the crackdown on Georgia by Russia in the first weeks.", lexicon))
    assert ("RUS", "GEO", "ASSAULT") in found


def test_a_passive_verbs_by_phrase_stays_its_own_agent(lexicon: object) -> None:
    found = dyads(code("The crackdown on Georgia was condemned by France.", lexicon))
    assert ("FRA", "GEO", "ASSAULT") not in found


def test_a_participle_modifying_the_event_noun_names_its_doer_and_target(lexicon: object) -> None:
    assert ("RUS", "GEO", "ASSAULT") in dyads(code("The crackdown carried out by Russia on Georgia ended in August.", lexicon))


@pytest.mark.parametrize(("text", "target"), [
    ("Iran has been the target of repeated criticism by France.", "Iran"),
    ("Japan's whaling has been the subject of harsh criticism by Australia.", "Japan"),  # the act's possessor
])
def test_the_subject_of_being_the_target_of_an_event_noun_is_its_target(text: str, target: str) -> None:
    assert any(t == target and p == "ACCUSE" for _, t, p in _triples(text))


def test_a_parallel_clause_of_the_same_kind_shares_the_unsaid_recipient() -> None:
    found = _triples("Japan gave $5 million to Haiti, while China contributed $2 million.")
    assert ("China", "Haiti", "AID") in found and ("Japan", "Haiti", "AID") in found


def test_a_clause_of_another_kind_does_not_take_the_recipient() -> None:
    found = _triples("Japan gave $5 million to Haiti, while China protested.")
    assert not any(s == "China" and t == "Haiti" for s, t, _ in found)


@pytest.mark.parametrize("text", [
    "The Russian crackdown launched against Georgia ended after a week.",
    "Russia's crackdown, launched against Georgia in August, ended.",
])
def test_a_participle_without_a_by_phrase_still_names_whom_the_event_noun_is_done_to(text: str, lexicon: object) -> None:
    assert ("RUS", "GEO", "ASSAULT") in dyads(code(text, lexicon))


def test_a_relative_pronoun_object_stands_for_its_actor_antecedent(lexicon: object) -> None:
    assert ("ISR", "PSEHMS", "ACCUSE") in dyads(code("Hamas, which Israel accused of firing rockets, denied the charge.", lexicon))


def test_a_relative_pronoun_object_that_is_a_thing_names_no_target(lexicon: object) -> None:
    assert code("The town that Hamas attacked was empty.", lexicon) == []


def test_the_subject_of_a_to_clause_under_a_target_preposition_is_its_object() -> None:
    # the parser reads "Turkish forces to deal" as a clause under "with"
    assert ("Iraq", "Turkish forces", "COOPERATE") in _triples(
        "Iraq is trying to cooperate with Turkish forces to deal with the PKK.")


@pytest.mark.parametrize(("text", "asker", "asked"), [
    ("The EU called for Israel to withdraw from Gaza.", "The EU", "Israel"),
    ("The UN appealed for Iran to cooperate with inspectors.", "The UN", "Iran"),
])
def test_calling_for_someone_to_act_is_a_request_of_them(text: str, asker: str, asked: str) -> None:
    # "for" is parsed as the mark of the infinitive, not a preposition of "called"
    assert (asker, asked, "REQUEST") in _triples(text)


@pytest.mark.parametrize("text", [
    "Hamas, with which Israel met in Cairo, denied the report.",
    "Hamas, with whom Israel will meet next week, rejected the offer.",
])
def test_a_relative_pronoun_after_a_target_preposition_stands_for_its_antecedent(text: str, lexicon: object) -> None:
    assert ("ISR", "PSEHMS", "CONSULT") in dyads(code(text, lexicon))


# --- the sides of an event noun hung on its verb, and the onset of a situation (nominal_args.stray_sides,
# asserted.is_background_mention with onset_verbs; arguments.find_arguments for a verb's sides).
# Sentences written for the eventwire project.

def test_the_between_phrase_of_the_verb_an_event_noun_is_subject_of_names_its_sides(lexicon: object) -> None:
    assert ("RUS", "GEO", "CONSULT") in dyads(code("Talks were held in Geneva on Monday between Russia and Georgia.", lexicon))


def test_a_situation_noun_that_breaks_out_is_reported_happening(lexicon: object) -> None:
    found = {(frozenset((s, t)), k) for s, t, k in dyads(code("Heavy fighting broke out between Russia and Georgia.", lexicon))}
    assert (frozenset(("RUS", "GEO")), "ASSAULT") in found


def test_a_situation_noun_that_continues_is_still_background(lexicon: object) -> None:
    assert not dyads(code("The fighting between Russia and Georgia continues.", lexicon))


def test_a_between_phrase_of_a_verb_with_its_own_object_is_not_the_nouns(lexicon: object) -> None:
    # "has hurt relations between X and Y": the relations are between them, not the fighting
    found = dyads(code("The fighting has hurt relations between Russia and Georgia.", lexicon))
    assert not any(k == "ASSAULT" and {s, t} == {"RUS", "GEO"} for s, t, k in found)


def test_the_sides_of_a_mutual_verb_without_a_subject_are_each_others_counterparts() -> None:
    triples = _triples("The accord, negotiated between Germany, France and Italy, was approved on Monday.")
    pairs = {frozenset((s, t)) for s, t, k in triples if k == "CONSULT" and t}
    assert {frozenset(("Germany", "France")), frozenset(("France", "Italy")), frozenset(("Germany", "Italy"))} <= pairs


@pytest.mark.parametrize(("text", "visitor", "host"), [
    ("The French foreign minister is touring Chile after an official visit to Argentina.",
     "French foreign minister", "Argentina"),
    # through control and a multiword preposition ("in addition to")
    ("The French president plans to meet the Chilean president in addition to visits to Argentina and Peru.",
     "French president", "Peru"),
    # a passive clause's subject is on the visit too
    ("The Chinese foreign minister was received by the king during a visit to Spain.", "Chinese foreign minister", "Spain"),
])
def test_a_visit_that_is_the_setting_of_a_clause_is_made_by_its_subject(text: str, visitor: str, host: str) -> None:
    assert (visitor, host, "CONSULT") in _triples(text)


@pytest.mark.parametrize("text", [
    "The French president spoke about a visit to Japan.",  # the topic of a clause, not its setting
    "France urged the minister to meet rebels during a visit to Chad.",  # a clause only asked for
])
def test_a_visit_that_is_no_setting_of_a_done_clause_gets_no_visitor(text: str) -> None:
    assert not any(t in ("Japan", "Chad") for _, t, _ in _triples(text))


def test_a_visit_set_in_a_clause_with_no_place_of_its_own_is_to_whom_the_clause_names() -> None:
    found = {(s, t, c) for s, t, _, c in _codes("The French president arrived for a two-day visit and was met at the "
                                                   "airport by King Abdullah.")}
    assert ("French president", "King Abdullah", "042") in found


def test_a_thing_the_visitors_clause_acts_on_is_no_host() -> None:
    assert not any(c.startswith("042") for *_, c in _codes("The French president signed a trade deal during a visit on Monday."))


def _codes(text: str) -> set[tuple[str, str | None, str, str]]:
    return {(e.source.text, e.target.text if e.target else None, e.plover.type, e.cameo) for e in code_text(text)}


@pytest.mark.parametrize(("text", "prefix", "pair"), [
    ("Calls from Egypt on Israel to halt the strikes have grown.", "100.demand_noun", ("Egypt", "Israel")),
    ("The appeal from Japan to China was delivered on Monday.", "020.", ("Japan", "China")),
    ("A warning from Washington to Pyongyang came hours before the launch.", "130.", ("Washington", "Pyongyang")),
])
def test_from_names_the_maker_of_an_appeal_demand_or_threat_noun(text: str, prefix: str, pair: tuple[str, str]) -> None:
    # the rule's own candidate, before any model: "from" is who asks or warns, not who is asked
    found = rule_pairs(text, prefix)
    assert pair in found and pair[::-1] not in found


def test_from_after_a_possessor_maker_names_who_is_asked() -> None:
    # the possessor already names who asks: "from" is then the one asked, as after a verb ("asked Russia for")
    assert ("Iran", "Russia") in rule_pairs("Iran's request from Russia for fighter jets was granted.", "100.demand_noun")


def test_from_stays_the_target_of_a_seizure_noun() -> None:
    # a seizure is not addressed to anyone: "from" is whom it is taken from
    assert ("Egypt", "Israel") in rule_pairs("The seizure of the ship from Israel by Egypt angered Tel Aviv.", "1711.")


@pytest.mark.parametrize(("text", "pair"), [
    ("Russia extended an offer of talks to Ukraine.", ("Russia", "Ukraine")),
    ("China delivered a stern warning of sanctions to Taiwan.", ("China", "Taiwan")),
])
def test_the_addressee_hung_on_what_an_offer_holds_is_its_target(text: str, pair: tuple[str, str]) -> None:
    # the parser hangs "to Ukraine" on "talks", the offer's content: the offer is still made to Ukraine
    assert pair in rule_pairs(text, "0") | rule_pairs(text, "1")
