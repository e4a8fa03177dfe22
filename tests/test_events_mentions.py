"""Argument tokens that stand for an actor without being its mention (eventwire.events.mentions):
a bare number counting a group, a plural pronoun whose antecedent modifies a plural noun, and a
quoted "we" whose speaker the attribution left uncoded."""

from __future__ import annotations

from eventwire import nlp
from eventwire.events.mentions import ActorIndex
from eventwire.records import Actor


def _mention(text: str, phrase: str, code: str, sector: str | None, kind: str, name: str | None = None) -> Actor:
    start = text.index(phrase)
    return Actor(phrase, start, start + len(phrase), code, code[:3], sector, name, kind)


def _token(doc: object, word: str, nth: int = 0) -> object:
    return [t for t in doc if t.text == word][nth]  # type: ignore[attr-defined]


def test_a_bare_number_subject_stands_for_the_group_a_parallel_subject_counts() -> None:
    text = "151 deputies supported Schroeder, 296 voted against him and 148 abstained."
    doc = nlp.parse(text)
    index = ActorIndex(doc, [_mention(text, "deputies", "DEULEG", "LEG", "agent")])
    found = index.actor_for(_token(doc, "296"))
    assert found is not None
    assert (found.text, found.code, found.code_source) == ("296", "DEULEG", "coref")
    assert found.start == text.index("296")


def test_a_number_with_its_own_phrase_is_not_a_counted_group() -> None:
    # "one of the aircraft" names its group itself; the counted subject ("Two helicopters") is not it
    text = "Two helicopters were flying when one of the aircraft crashed."
    doc = nlp.parse(text)
    index = ActorIndex(doc, [_mention(text, "helicopters", "ESPMIL", "MIL", "agent"),
                             _mention(text, "aircraft", "AFGMIL", "MIL", "agent")])
    found = index.actor_for(_token(doc, "one"))
    assert found is not None and found.code == "AFGMIL"


def test_a_number_that_is_no_subject_is_no_actor() -> None:
    text = "151 deputies supported Schroeder on 296 issues."
    doc = nlp.parse(text)
    index = ActorIndex(doc, [_mention(text, "deputies", "DEULEG", "LEG", "agent")])
    found = index.actor_for(_token(doc, "296"), allow_unresolved=False)
    assert found is None or found.code != "DEULEG"


def test_them_refers_to_a_mention_that_modifies_a_plural_noun() -> None:
    text = "Officials notified law enforcement agencies and will cooperate with them."
    doc = nlp.parse(text)
    index = ActorIndex(doc, [_mention(text, "law enforcement", "USACOP", "COP", "agent")])
    found = index.actor_for(_token(doc, "them"))
    assert found is not None and found.code == "USACOP"


def test_quoted_we_takes_the_coded_mention_where_an_uncoded_speaker_stands() -> None:
    text = '"We will cooperate with the police," said Jeff Sadosky, a spokesman for the campaign.'
    doc = nlp.parse(text)
    described = _mention(text, "Jeff Sadosky, a spokesman", "USAGOV", "GOV", "person", "Jeff Sadosky")
    index = ActorIndex(doc, [described])
    plain = Actor("Jeff Sadosky", text.index("Jeff"), text.index("Jeff") + len("Jeff Sadosky"))
    index.set_voices([(1, text.index(",\""), plain)])
    found = index.actor_for(_token(doc, "We"))
    assert found is not None
    assert (found.text, found.code, found.name, found.code_source) == ("We", "USAGOV", None, "coref")


def test_quoted_we_of_a_speaker_no_mention_codes_is_no_actor() -> None:
    text = '"We will cooperate with the police," said Jeff Sadosky.'
    doc = nlp.parse(text)
    index = ActorIndex(doc, [])
    plain = Actor("Jeff Sadosky", text.index("Jeff"), text.index("Jeff") + len("Jeff Sadosky"))
    index.set_voices([(1, text.index(",\""), plain)])
    assert index.actor_for(_token(doc, "We")) is None


def _linked_pronoun(text: str, word: str, antecedent: Actor) -> Actor:
    """The resolver's mention of a pronoun it linked to ``antecedent``: that actor at the pronoun's span."""
    start = text.index(f" {word} ") + 1
    return Actor(word, start, start + len(word), antecedent.code, antecedent.country, antecedent.sector,
                 antecedent.name, antecedent.kind, code_source="coref")


def test_a_pronoun_outside_a_clause_its_antecedent_reports_keeps_its_own_span() -> None:
    # docs/annotation.md: the pronoun is the span, with the code of whom it refers to
    text = "The trip has taken President Bush to Israel, where he urged Israelis to make peace."
    doc = nlp.parse(text)
    bush = _mention(text, "President Bush", "USAGOV", "GOV", "person", "George W. Bush")
    index = ActorIndex(doc, [bush, _linked_pronoun(text, "he", bush)])
    found = index.actor_for(_token(doc, "he"))
    assert found is not None
    assert (found.text, found.start, found.code) == ("he", text.index(" he ") + 1, "USAGOV")


def test_the_subject_pronoun_of_a_clause_its_antecedent_states_is_the_speaker() -> None:
    text = "Harper stated he would station three ice breakers in the area."
    doc = nlp.parse(text)
    harper = _mention(text, "Harper", "CANGOV", "GOV", "person", "Stephen Harper")
    index = ActorIndex(doc, [harper, _linked_pronoun(text, "he", harper)])
    found = index.actor_for(_token(doc, "he"))
    assert found is not None and (found.text, found.start) == ("Harper", 0)


def test_a_pronoun_under_a_speaker_who_is_someone_else_keeps_its_own_span() -> None:
    text = "Merkel said he would veto the bill."
    doc = nlp.parse(text)
    merkel = _mention(text, "Merkel", "DEUGOV", "GOV", "person", "Angela Merkel")
    other = Actor("Schroeder", 0, 0, "DEUGOV", "DEU", "GOV", "Gerhard Schroeder", "person")
    index = ActorIndex(doc, [merkel, _linked_pronoun(text, "he", other)])
    found = index.actor_for(_token(doc, "he"))
    assert found is not None and (found.text, found.name) == ("he", "Gerhard Schroeder")


def test_a_group_pronoun_stated_by_its_antecedent_is_the_speaker_else_as_written() -> None:
    text = "The authorities announced they will return the fuel, and protesters who said they had been beaten left."
    doc = nlp.parse(text)
    index = ActorIndex(doc, [_mention(text, "authorities", "USAGOV", "GOV", "agent"),
                             _mention(text, "protesters", "USAOPP", "OPP", "agent")])
    stated, beaten = index.actor_for(_token(doc, "they", 0)), index.actor_for(_token(doc, "they", 1))
    assert stated is not None and (stated.text, stated.code) == ("authorities", "USAGOV")
    assert beaten is not None and (beaten.text, beaten.code) == ("they", "USAOPP")


# Sentences written for the eventwire project: a quantifier subject whose noun is left out.
def test_an_elliptical_quantifier_subject_is_an_unresolved_source() -> None:
    for text, word, span in (("Many blamed the governor for the flooding.", "Many", "Many"),
                             ("The four urged the council to reopen the port.", "four", "The four")):
        doc = nlp.parse(text)
        found = ActorIndex(doc, []).actor_for(_token(doc, word), as_source=True)
        assert found is not None and (found.text, found.code) == (span, None)
        assert found.start == text.index(span)


def test_an_elliptical_quantifier_is_no_source_when_passive_or_a_target() -> None:
    doc = nlp.parse("Some were arrested by the police after the march.")
    assert ActorIndex(doc, []).actor_for(_token(doc, "Some"), as_source=True) is None
    doc = nlp.parse("Many blamed the governor for the flooding.")
    assert ActorIndex(doc, []).actor_for(_token(doc, "Many"), as_source=False) is None
