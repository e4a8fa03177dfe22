"""The argument finder: the proposer turns a tagger's spans into events in sentences the rules left empty;
the tagger's decoding; the training rows.

Sentences here are written for the eventwire project.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from events_support import stand_in_actors, stand_in_lexicon

from eventwire import nlp
from eventwire.eval.arg_data import ArgRow, sentence_rows, single_rows
from eventwire.eval.gold import GoldActor, GoldEvent
from eventwire.eval.train_args import build_tagger, token_labels
from eventwire.eval.train_args import main as train_args_main
from eventwire.eval.training_data import Example
from eventwire.events import arg_proposals
from eventwire.events.arg_proposals import ARG_RULE, CONFIRM_MIN, arg_proposal_model, sentence_triggers
from eventwire.events.arg_tagger import TaggedSpan, decode_words
from eventwire.events.coder import code_doc
from eventwire.events.ontology import PLOVER_TYPES
from eventwire.records import Article

# "attacked" is a stand-in trigger whose parse gives no actor argument (the doer is a pronoun with nothing
# to stand for; the actors sit in a place phrase and a speaker's): the rules alone code nothing in it
NO_ARGUMENTS = "It attacked near the border of Georgia, a spokesman in Russia said."
CODED = "France attacked Syria."


class TaggerStandIn:
    """Spans by (type, span text), each with its confidence; remembers what it was asked."""

    name = "arg-standin"
    version = "1"

    def __init__(self, spans: dict[str, list[tuple[str, str, float]]]) -> None:
        self.spans = spans
        self.read: list[tuple[str, str]] = []

    def tag(self, plover: str, sentence: str) -> list[TaggedSpan]:
        self.read.append((plover, sentence))
        out = []
        for role, text, confidence in self.spans.get(plover, []):
            start = sentence.find(text)
            if start >= 0:
                out.append(TaggedSpan(role, start, start + len(text), confidence))
        return out


@pytest.fixture(autouse=True)
def _threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_ARG_PROPOSE_AT", "0.6")


def coded(tmp_path: Path, text: str, tagger: Any, classifier: Any = None) -> list[tuple[Any, ...]]:
    doc, article = nlp.parse(text), Article(id="a1", uri="a1", text=text, published="2009-06-27")
    events = code_doc(doc, article, stand_in_actors(text), lexicon=stand_in_lexicon(str(tmp_path)),
                      classifier=classifier, pair_model=None, arg_tagger=tagger)
    return [(e.source.text, e.source.code, e.target.text if e.target else None, e.target.code if e.target else None,
             e.plover.type, e.rule, e.model, e.confidence) for e in events]


def test_tagged_spans_in_an_empty_sentence_become_an_event_with_the_mentions_codes(tmp_path: Path) -> None:
    assert coded(tmp_path, NO_ARGUMENTS, None) == []
    tagger = TaggerStandIn({"ASSAULT": [("SRC", "Russia", 0.9), ("TGT", "Georgia", 0.8)]})
    [event] = coded(tmp_path, NO_ARGUMENTS, tagger)
    assert event[:6] == ("Russia", "RUS", "Georgia", "GEO", "ASSAULT", ARG_RULE)
    assert event[6] == "arg-standin@1:ARGS=0.80"  # the weaker span's confidence
    assert event[7] == pytest.approx(0.4)  # half of it: below the rules' events
    assert tagger.read == [("ASSAULT", NO_ARGUMENTS)]


def test_no_event_below_the_threshold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tagger = TaggerStandIn({"ASSAULT": [("SRC", "Russia", 0.9), ("TGT", "Georgia", 0.55)]})
    assert coded(tmp_path, NO_ARGUMENTS, tagger) == []
    monkeypatch.setenv("EVENTWIRE_ARG_PROPOSE_AT", "0.5")
    assert [e[:3] for e in coded(tmp_path, NO_ARGUMENTS, tagger)] == [("Russia", "RUS", "Georgia")]


def test_a_span_that_is_no_actor_makes_no_event(tmp_path: Path) -> None:
    # a weapon is no actor: the coder's admissibility checks refuse it as a target and as a source
    text = "It attacked with rockets near Georgia, a spokesman in Russia said."
    for spans in ([("SRC", "Russia", 0.9), ("TGT", "rockets", 0.9)], [("SRC", "rockets", 0.9), ("TGT", "Georgia", 0.9)]):
        assert coded(tmp_path, text, TaggerStandIn({"ASSAULT": spans})) == []
    assert len(coded(tmp_path, text, TaggerStandIn({"ASSAULT": [("SRC", "Russia", 0.9), ("TGT", "Georgia", 0.9)]}))) == 1


def test_a_span_no_mention_covers_is_read_by_the_actor_index(tmp_path: Path) -> None:
    text = "It attacked near Georgia, the rebels said."
    tagger = TaggerStandIn({"ASSAULT": [("SRC", "the rebels", 0.9), ("TGT", "Georgia", 0.9)]})
    [event] = coded(tmp_path, text, tagger)
    assert (event[0], event[2], event[3]) == ("the rebels", "Georgia", "GEO")


def test_only_sentences_without_an_event_are_read(tmp_path: Path) -> None:
    tagger = TaggerStandIn({"ASSAULT": [("SRC", "Russia", 0.9), ("TGT", "Georgia", 0.9)]})
    events = coded(tmp_path, f"{CODED} {NO_ARGUMENTS}", tagger)
    assert [(e[0], e[2], e[5]) for e in events] == [("France", "Syria", "t.attack"), ("Russia", "Georgia", ARG_RULE)]
    assert tagger.read == [("ASSAULT", NO_ARGUMENTS)]


def test_a_trigger_in_a_clause_that_asserts_no_event_is_not_read(tmp_path: Path) -> None:
    # the coder refuses every candidate of a trigger in a condition (asserted.is_unasserted): the tagger
    # is not asked what it would refuse anyway
    tagger = TaggerStandIn({"ASSAULT": [("SRC", "Russia", 0.9), ("TGT", "Georgia", 0.9)]})
    assert coded(tmp_path, "If it attacked near Georgia, a spokesman in Russia said, the border would close.", tagger) == []
    assert tagger.read == []
    assert len(coded(tmp_path, NO_ARGUMENTS, tagger)) == 1


def test_a_sentence_without_a_typed_trigger_is_not_read(tmp_path: Path) -> None:
    tagger = TaggerStandIn({"ASSAULT": [("SRC", "Russia", 0.9), ("TGT", "Georgia", 0.9)]})
    assert coded(tmp_path, "Russia and Georgia share a long mountain border, a spokesman said.", tagger) == []
    assert tagger.read == []


def test_with_a_limit_the_first_types_are_found_and_the_words_after_them_are_not_matched(tmp_path: Path) -> None:
    # four typed triggers, in this order: "criticized" (ACCUSE), "attacked" (ASSAULT), "urged" (REQUEST), "talks"
    text = "Russia criticized Georgia, which attacked the border, and urged talks."
    lexicon = stand_in_lexicon(str(tmp_path))
    matched: list[str] = []
    original = lexicon.match

    def counted(token: Any) -> Any:
        matched.append(token.text)
        return original(token)

    lexicon.match = counted
    [sent] = nlp.parse(text).sents
    every = sentence_triggers(sent, lexicon)
    assert [(plover, token.text) for plover, (token, _) in every.items()] == [
        ("ACCUSE", "criticized"), ("ASSAULT", "attacked"), ("REQUEST", "urged"), ("CONSULT", "talks")]
    matched.clear()
    first = sentence_triggers(sent, lexicon, limit=2)
    assert list(first.items()) == list(every.items())[:2]
    assert matched[-1] == "attacked" and "urged" not in matched


def test_the_finder_reads_the_coders_lexicon_matches_instead_of_matching_again(tmp_path: Path) -> None:
    # the lexicon is asked about each word once, whether the finder is on or not, and the finder still
    # reads the empty sentence's trigger (the coder hands it the matches it made)
    lexicon = stand_in_lexicon(str(tmp_path))
    original = lexicon.match
    text = f"{CODED} {NO_ARGUMENTS}"

    def matched_words(tagger: Any) -> list[str]:
        words: list[str] = []

        def counted(token: Any) -> Any:
            words.append(token.text)
            return original(token)

        lexicon.match = counted
        doc, article = nlp.parse(text), Article(id="a1", uri="a1", text=text, published="2009-06-27")
        code_doc(doc, article, stand_in_actors(text), lexicon=lexicon, classifier=None, pair_model=None, arg_tagger=tagger)
        return words

    tagger = TaggerStandIn({"ASSAULT": [("SRC", "Russia", 0.9), ("TGT", "Georgia", 0.8)]})
    assert matched_words(tagger) == matched_words(None)
    assert tagger.read == [("ASSAULT", NO_ARGUMENTS)]


class TypeStandIn:
    """A type classifier that gives each marked pair the same probabilities."""

    name = "type-standin"
    version = "1"

    def __init__(self, probs: dict[str, float]) -> None:
        self.probs = probs

    def predict_many(self, triples: list[Any], batch_size: int = 32) -> list[dict[str, float]]:
        return [dict(self.probs) for _ in triples]


def test_the_classifier_reads_the_pair_and_drops_a_type_it_all_but_excludes(tmp_path: Path) -> None:
    tagger = TaggerStandIn({"ASSAULT": [("SRC", "Russia", 0.9), ("TGT", "Georgia", 0.9)]})
    sure = {t: (0.9 if t == "ASSAULT" else 0.1 / 15) for t in PLOVER_TYPES}
    [event] = coded(tmp_path, NO_ARGUMENTS, tagger, classifier=TypeStandIn(sure))
    assert event[4:7] == ("ASSAULT", ARG_RULE, "arg-standin@1:ARGS=0.90:P=0.90")
    doubtful = {t: (CONFIRM_MIN / 2 if t == "ASSAULT" else 0.9 if t == "CONSULT" else 0.0) for t in PLOVER_TYPES}
    assert coded(tmp_path, NO_ARGUMENTS, tagger, classifier=TypeStandIn(doubtful)) == []


def test_the_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EVENTWIRE_ARG_PROPOSALS", raising=False)
    assert arg_proposal_model() is None  # off by default
    monkeypatch.setenv("EVENTWIRE_ARG_PROPOSALS", "off")
    assert arg_proposal_model() is None


# ---------------------------------------------------------------- the tagger's decoding


def _probs(*rows: tuple[float, float, float, float, float]) -> np.ndarray:
    return np.array(rows, dtype=np.float64)


def test_words_decode_into_role_spans_with_their_mean_confidence() -> None:
    # "The army shelled rebel positions": The army = SRC, rebel positions = TGT
    words = [(0, 3), (4, 8), (9, 16), (17, 22), (23, 32)]
    probs = _probs((0.1, 0.8, 0.1, 0, 0), (0.3, 0.1, 0.6, 0, 0), (0.95, 0, 0, 0.05, 0),
                   (0.2, 0, 0, 0.7, 0.1), (0.4, 0, 0, 0.1, 0.5))
    assert decode_words(words, probs) == [TaggedSpan("SRC", 0, 8, 0.8), TaggedSpan("TGT", 17, 32, 0.7)]


def test_conjoined_actors_are_two_spans_and_a_run_of_one_role_is_one() -> None:
    words = [(0, 6), (7, 10), (11, 16)]  # "Russia and China": two sources
    probs = _probs((0.1, 0.9, 0, 0, 0), (0.9, 0.05, 0.05, 0, 0), (0.2, 0.7, 0.1, 0, 0))
    assert [(s.start, s.end) for s in decode_words(words, probs)] == [(0, 6), (11, 16)]
    # "the Japanese ship", each word unsure whether it begins the name
    words = [(0, 3), (4, 12), (13, 17)]
    probs = _probs((0.6, 0, 0, 0.3, 0.1), (0.4, 0, 0, 0.35, 0.25), (0.3, 0, 0, 0.3, 0.4))
    assert [(s.start, s.end, s.role) for s in decode_words(words, probs)] == [(0, 17, "TGT")]


# ---------------------------------------------------------------- training rows


def _event(sentence: str, plover: str, source: str, target: str | None) -> GoldEvent:
    return GoldEvent(sentence, GoldActor(source, None), GoldActor(target, None) if target else None, plover, None)


def test_a_news_sentence_gives_a_row_per_gold_type_and_an_empty_row_per_suggested_type() -> None:
    sentence = "Chad and Sudan accused rebels of attacking a camp, and Libya condemned the raid."
    events = [_event(sentence, "ACCUSE", "Chad", "rebels"), _event(sentence, "ACCUSE", "Sudan", "rebels"),
              _event(sentence, "ASSAULT", "rebels", "a camp")]
    rows = sentence_rows(sentence, events, {"ACCUSE", "REJECT"}, "tune:x", "tune")

    def spans(row: ArgRow) -> list[tuple[str, str]]:
        return [(sentence[s:e], role) for s, e, role in row.spans]

    assert [r.plover for r in rows] == ["ACCUSE", "ASSAULT", "REJECT"]
    assert spans(rows[0]) == [("Chad", "SRC"), ("Sudan", "SRC"), ("rebels", "TGT")]
    assert spans(rows[1]) == [("rebels", "SRC"), ("a camp", "TGT")]
    assert rows[2].negative


def test_a_yield_row_teaches_both_types_it_stands_for() -> None:
    example = Example(text="", labels=("CONCEDE", "RETREAT"), group="g1", gold="YIELD",
                      sentence="The militia withdrew from the town.", source=(0, 11), target=None)
    rows = single_rows([example], "plv")
    assert [(r.plover, r.spans) for r in rows] == [("CONCEDE", ((0, 11, "SRC"),)), ("RETREAT", ((0, 11, "SRC"),))]


def test_word_pieces_get_b_then_i_and_the_type_segment_is_ignored() -> None:
    # [CLS] accuse [SEP] Chad ##ian troops hit [SEP]
    offsets = [(0, 0), (0, 6), (0, 0), (0, 4), (4, 7), (8, 14), (15, 18), (0, 0)]
    sequence_ids = [None, 0, None, 1, 1, 1, 1, None]
    labels = token_labels(offsets, sequence_ids, [(0, 14, "SRC")])
    assert labels == [-100, -100, -100, 1, 2, 2, 0, -100]


@pytest.mark.parametrize("layers", [0, 7])
def test_a_tagger_keeps_between_one_and_all_six_layers(layers: int, capsys: pytest.CaptureFixture[str]) -> None:
    # checked before torch is imported: the test environment has no torch. The library call raises a
    # ValueError (a caller can catch it); the command line refuses the option before reading the rows
    with pytest.raises(ValueError, match="layers must be 1 to 6"):
        build_tagger(layers)
    with pytest.raises(SystemExit):
        train_args_main(["--rows", "no-such-rows.jsonl", "--layers", str(layers)])
    assert "--layers must be 1 to 6" in capsys.readouterr().err


def test_the_shipped_tagger_marks_a_written_accusation_and_abstains_on_weather() -> None:
    # sentences written for the eventwire project; the model ships in eventwire/models/arg-minilm
    from eventwire.events.arg_tagger import get_arg_tagger

    tagger = get_arg_tagger()
    assert tagger is not None, "eventwire/models/arg-minilm is missing from the package"
    sentence = "The opposition leader accused the prime minister of corruption on Tuesday."
    spans = {span.role: sentence[span.start:span.end] for span in tagger.tag("ACCUSE", sentence)}
    assert "opposition leader" in spans.get("SRC", "")
    assert "prime minister" in spans.get("TGT", "")
    assert tagger.tag("ACCUSE", "The weather was mild and the harvest was good this year.") == []


def test_the_shipped_tagger_answers_a_repeated_input_from_memory_with_the_same_spans(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.events.arg_tagger import get_arg_tagger

    tagger = get_arg_tagger()
    assert tagger is not None
    runs: list[tuple[str, str]] = []
    run = tagger._run
    monkeypatch.setattr(tagger, "_run", lambda plover, sentence: runs.append((plover, sentence)) or run(plover, sentence))
    sentence = "Rebel fighters shelled the army barracks outside the capital on Friday, officials said."
    first = tagger.tag("ASSAULT", sentence)
    assert tagger.tag("ASSAULT", sentence) == first
    assert tagger.tag("ACCUSE", sentence) is not None
    assert runs == [("ASSAULT", sentence), ("ACCUSE", sentence)]


def test_an_event_whose_dyad_is_kept_already_is_not_confirmed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # two source spans inside one mention come back to one actor: one event, and one classifier reading of it
    confirmed: list[str] = []
    original = arg_proposals._confirmed

    def counted(event: Any, classifier: Any) -> Any:
        confirmed.append(event.source.text)
        return original(event, classifier)

    monkeypatch.setattr(arg_proposals, "_confirmed", counted)
    tagger = TaggerStandIn({"ASSAULT": [("SRC", "Rus", 0.9), ("SRC", "sia", 0.8), ("TGT", "Georgia", 0.9)]})
    sure = {t: (0.9 if t == "ASSAULT" else 0.1 / 15) for t in PLOVER_TYPES}
    events = coded(tmp_path, NO_ARGUMENTS, tagger, classifier=TypeStandIn(sure))
    assert [e[:5] for e in events] == [("Russia", "RUS", "Georgia", "GEO", "ASSAULT")]
    assert confirmed == ["Russia"]
    # a dyad whose first event the classifier refuses is read again from its next span
    doubtful = {t: (CONFIRM_MIN / 2 if t == "ASSAULT" else 0.9 if t == "CONSULT" else 0.0) for t in PLOVER_TYPES}
    confirmed.clear()
    assert coded(tmp_path, NO_ARGUMENTS, tagger, classifier=TypeStandIn(doubtful)) == []
    assert confirmed == ["Russia", "Russia"]
