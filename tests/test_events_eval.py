"""Gold-file loading, scoring, and the ``code`` / ``eval`` commands."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from events_support import LEXICON_YAML

from eventwire.cli import main
from eventwire.eval.coder import GoldItem, Report, load_gold, score
from eventwire.eval.gold_formats import _unmark
from eventwire.records import Actor, Event, Plover, Span


def test_unmark_recovers_text_and_spans() -> None:
    text, spans = _unmark("<s>The ACLU</s> is suing the <t>FBI</t> today.")
    assert text == "The ACLU is suing the FBI today."
    assert text[slice(*spans["s"])] == "The ACLU" and text[slice(*spans["t"])] == "FBI"


def _event(source: tuple[int, int], target: tuple[int, int] | None, kind: str, sentence: str) -> Event:
    def actor(span: tuple[int, int]) -> Actor:
        return Actor(text=sentence[span[0]:span[1]], start=span[0], end=span[1])

    return Event(id=f"{source}{target}{kind}", article_id="a", sentence_index=0, sentence=sentence,
                 trigger=Span("x", 0, 1), source=actor(source), target=actor(target) if target else None,
                 cameo="190", cameo_root="19", plover=Plover(kind), goldstein=-10.0, quad_class=4, confidence=0.5)


def test_score_counts_pairs_types_and_symmetric_order() -> None:
    sentence = "Russia met Georgia and Iran attacked Syria."
    items = [
        GoldItem("1", sentence, "CONSULT", source_spans=[(0, 6)], target_spans=[(11, 18)]),
        GoldItem("2", sentence, "ASSAULT", source_spans=[(23, 27)], target_spans=[(37, 42)]),
        GoldItem("3", sentence, "ACCUSE", source_spans=[(23, 27)], target_spans=[(0, 6)]),
    ]
    events = [_event((11, 18), (0, 6), "CONSULT", sentence),  # reversed, symmetric type: found
              _event((37, 42), (23, 27), "ASSAULT", sentence)]  # reversed, not symmetric: not found
    report = score("plv", items, [(events, [0])] * 3, "t")
    assert (report.pairs, report.found, report.found_right_type) == (3, 1, 1)
    assert report.confusion["ASSAULT"] == Counter({"NONE": 1})
    rows = report.per_class()
    assert rows["CONSULT"]["precision"] == 1.0 and rows["ASSAULT"]["recall"] == 0.0
    assert 0.0 < report.macro_f1() < 1.0
    assert "CONSULT" in report.render() and json.dumps(report.to_dict())


def test_report_with_perfect_predictions_scores_one() -> None:
    report = Report(name="p", labels=["AID", "AGREE"],
                    confusion={"AID": Counter({"AID": 2}), "AGREE": Counter({"AGREE": 1})})
    assert report.macro_f1() == 1.0


def test_shared_gold_files_load(shared: Path) -> None:
    fmt, plv = load_gold(shared / "gold" / "plv_train.tsv")
    assert fmt == "plv" and len(plv) > 1000
    assert all(item.text[slice(*item.source_spans[0])] for item in plv)
    fmt, gsr = load_gold(shared / "gold" / "plover_gsr_cameo.json")
    assert fmt == "plover_gsr" and len(gsr) > 300 and "DEMAND" not in {i.label for i in gsr}
    fmt, petr = load_gold(shared / "gold" / "petr2_gsr_validation.xml")
    assert fmt == "petr2" and len({i.key for i in petr}) == 78 and {"19", "04"} <= {i.label for i in petr}
    assert load_gold(shared / "seed" / "seed_gold.json")[0] == "seed"


@pytest.fixture()
def lexicon_file(tmp_path: Path) -> Path:
    path = tmp_path / "lexicon.yaml"
    path.write_text(LEXICON_YAML, encoding="utf-8")
    return path


def test_code_command_writes_event_records(tmp_path: Path, lexicon_file: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Russia attacked Georgia on Tuesday.\n\nFrance condemned Russia.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(story), "--no-model", "--lexicon", str(lexicon_file)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert {(r["source"]["text"], r["target"]["text"], r["plover"]["type"]) for r in records} >= {
        ("Russia", "Georgia", "ASSAULT"), ("France", "Russia", "ACCUSE")}
    assert all(r["location"] is None and r["article_id"] for r in records)
    table = CliRunner().invoke(main, ["code", str(story), "--no-model", "--lexicon", str(lexicon_file),
                                      "--format", "table"])
    assert table.exit_code == 0 and "ASSAULT" in table.output


def test_code_command_reports_unreadable_input_with_exit_1(tmp_path: Path, lexicon_file: Path) -> None:
    result = CliRunner().invoke(main, ["code", str(tmp_path / "missing.txt"), "--no-model",
                                       "--lexicon", str(lexicon_file)])
    assert result.exit_code == 1


def test_eval_command_scores_a_tsv(tmp_path: Path) -> None:
    gold = tmp_path / "mini.tsv"
    gold.write_text(
        "\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\n"
        "0\t1\tRussia attacked Georgia.\t<s>Russia</s> attacked <t>Georgia</t>.\tRussia\tGeorgia\tASSAULT\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["eval", str(gold), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["pairs"] == 1 and set(report["per_class"]) >= {"ASSAULT"}
    bad = tmp_path / "gold.csv"
    bad.write_text("x", encoding="utf-8")
    assert CliRunner().invoke(main, ["eval", str(bad)]).exit_code == 2


def test_asserted_event_is_preferred_over_a_more_confident_hypothetical_one() -> None:
    sentence = "Iran threatened to sanction Syria."
    item = GoldItem("1", sentence, "THREATEN", source_spans=[(0, 4)], target_spans=[(28, 33)])
    threat = _event((0, 4), (28, 33), "THREATEN", sentence)
    sanction = _event((0, 4), (28, 33), "SANCTION", sentence)
    sanction.plover.mode = ["hypothetical"]
    sanction.confidence = 0.9
    report = score("plv", [item], [([sanction, threat], [0])], "t")
    assert report.confusion["THREATEN"] == Counter({"THREATEN": 1})


def test_gold_sentences_are_coded_without_their_dateline_and_offsets_map_back() -> None:
    from eventwire.eval.coder import code_sentences
    from eventwire.events.coder import code_doc

    text = "BERLIN -- Russia attacked Georgia on Monday."

    def lexicon_only(doc: object, article: object, actors: object) -> list[Event]:
        return code_doc(doc, article, actors, classifier=None)  # type: ignore[arg-type]

    [(events, offsets)] = code_sentences([text], coder=lexicon_only)
    assert events, "the attack is coded"
    sources = {text[offsets[e.sentence_index] + e.source.start:offsets[e.sentence_index] + e.source.end]
               for e in events}
    assert sources == {"Russia"}  # not the dateline, and the offsets point into the given text
