"""The real-news scorer and the gold checker, on sentences written for the eventwire project."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire.eval.gold import GoldActor, GoldArticle, GoldEvent, check_gold, load_gold, normalize_text
from eventwire.eval.realnews import Produced, country_block, score, sector_block

TEXT = ("The Freedonian government accused Sylvania of &quot;aggression&quot; on Monday. "
        "Foreign Minister Ana Pires met her Sylvanian counterpart in Geneva.")
ACCUSE = GoldEvent(sentence="The Freedonian government accused Sylvania of &quot;aggression&quot; on Monday.",
                   source=GoldActor("The Freedonian government", "FRDGOV"), target=GoldActor("Sylvania", "SYL"),
                   plover="ACCUSE", cameo="112")
MEET = GoldEvent(sentence="Foreign Minister Ana Pires met her Sylvanian counterpart in Geneva.",
                 source=GoldActor("Foreign Minister Ana Pires", "FRDGOV"),
                 target=GoldActor("her Sylvanian counterpart", "SYLGOV"), plover="CONSULT", cameo="040",
                 symmetric=True)
ARTICLE = GoldArticle(id="a1", split="tune", title="t", published="2009-01-05", events=[ACCUSE, MEET], text=TEXT)


def made(sentence: str, source: str, target: str | None, plover: str, source_code: str | None = None,
         target_code: str | None = None, confidence: float = 0.5) -> Produced:
    return Produced(sentence=sentence, source_text=source, source_code=source_code, target_text=target,
                    target_code=target_code, plover=plover, confidence=confidence)


def test_entities_and_spacing_do_not_separate_the_same_sentence() -> None:
    decoded = 'The Freedonian  government accused Sylvania of "aggression" on Monday.'
    result = score([ARTICLE], {"a1": [made(decoded, "Freedonian government", "Sylvania", "ACCUSE", "FRDGOV", "SYL")]})
    figures = result.figures()
    assert figures["matched"] == 1 and figures["precision"] == 1.0 and figures["recall"] == 0.5
    assert figures["both_codes_country_on_found"] == 1.0


def test_a_span_matches_by_its_head_word_and_a_symmetric_event_either_way() -> None:
    sentence = MEET.sentence
    produced = [made(sentence, "counterpart", "Pires", "CONSULT", "SYLGOV", "FRDGOV")]
    figures = score([ARTICLE], {"a1": produced}).figures()
    assert figures["matched"] == 1 and figures["both_codes_sector_on_found"] == 1.0


def test_a_wrong_target_a_duplicate_and_a_non_event_sentence_are_false_events_with_causes() -> None:
    other = GoldArticle(id="a2", split="tune", title=None, published=None, events=[ACCUSE], text=TEXT)
    produced = [
        made(ACCUSE.sentence, "government", "Sylvania", "ACCUSE", "FRDGOV", "SYL", confidence=0.9),
        made(ACCUSE.sentence, "government", "Sylvania", "REJECT", "FRDGOV", "SYL", confidence=0.4),
        made(ACCUSE.sentence, "government", "aggression", "ACCUSE"),
        made(MEET.sentence, "Pires", "Geneva", "CONSULT"),
    ]
    result = score([other], {"a2": produced})
    assert result.figures()["matched"] == 1
    assert result.pairs[0].made.plover == "ACCUSE"  # the right type is preferred over the duplicate
    assert result.fp_causes == {"duplicate": 1, "target_wrong": 1, "no_gold_in_sentence": 1}


def test_misses_name_their_cause_and_wrong_codes_count_against_actor_accuracy() -> None:
    produced = [made(ACCUSE.sentence, "The Freedonian government", "Sylvania", "ACCUSE", "SYLGOV", "SYL")]
    result = score([ARTICLE], {"a1": produced})
    assert result.miss_causes == {"sentence_not_coded": 1}
    assert result.figures()["both_codes_country_on_found"] == 0.0


def test_reliability_counts_events_at_high_confidence() -> None:
    produced = [made(ACCUSE.sentence, "government", "Sylvania", "ACCUSE", confidence=0.85),
                made(MEET.sentence, "Pires", "Geneva", "CONSULT", confidence=0.95)]
    rows = dict((b, (n, r)) for b, n, r in score([ARTICLE], {"a1": produced}).reliability())
    assert rows[">= 0.8"] == (2, 0.5)


def test_code_blocks() -> None:
    assert country_block("PAKGOV") == "PAK" and sector_block("PAKGOV") == "PAKGOV"
    assert country_block("IGOUNOKID") == "IGOUNO" and country_block(None) is None


def test_normalize_text_folds_entities_markup_and_case() -> None:
    assert normalize_text("== Header ==  &amp;quot;Yes&amp;quot;") == 'header "yes"'


def test_check_gold_reports_spans_types_and_codes(tmp_path: Path) -> None:
    bad = {"id": "a1", "split": "tune", "text": TEXT, "events": [
        {"sentence": ACCUSE.sentence, "source": {"text": "Ruritania", "code": "RUR"},
         "target": {"text": "Sylvania", "code": "SYL"}, "plover": "ACCUSE", "cameo": "040"},
        {"sentence": "Not in the text.", "source": {"text": "x", "code": None}, "target": None,
         "plover": "SHOUT", "cameo": None, "mode": ["maybe"]}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(bad) + "\n", encoding="utf-8")
    problems = check_gold(load_gold(path), {})
    joined = "\n".join(problems)
    for expected in ("'Ruritania' not in its sentence", "CAMEO 040 is CONSULT", "sentence not in the article",
                     "unknown PLOVER type 'SHOUT'", "unknown mode 'maybe'", "without a target"):
        assert expected in joined


def test_shipped_gold_is_sound() -> None:
    gold = Path(__file__).resolve().parents[1] / "bench" / "realnews" / "wikinews_dev_gold.jsonl"
    if not gold.is_file():
        pytest.skip("bench/realnews/wikinews_dev_gold.jsonl is not in this checkout")
    articles = load_gold(gold)
    assert len(articles) >= 60 and sum(len(a.events) for a in articles) >= 300
    assert all(a.text for a in articles), "the shipped gold carries its article texts"
    assert check_gold(articles, {}) == []


def test_shipped_outside_gold_is_sound_against_the_benchmark_pages() -> None:
    from eventwire.eval.gold import AEB_TRUTH, distributed_texts

    root = Path(__file__).resolve().parents[1]
    shared = root.parent / "shared"
    if not (shared / AEB_TRUTH).is_file():
        pytest.skip(f"the Article Extraction Benchmark's pages are not at {shared / AEB_TRUTH} (../shared absent)")
    articles = load_gold(root / "bench" / "realnews" / "aeb_outside_gold.jsonl")
    assert {a.split for a in articles} == {"outside"} and not any(a.text for a in articles)  # bodies not shipped
    texts = distributed_texts(shared, {a.id for a in articles})
    assert len(texts) == len(articles) and check_gold(articles, texts) == []


def test_eval_command_codes_and_scores_a_real_news_gold_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventwire.cli import main

    text = "Ruritanian troops attacked Sylvanian soldiers near the border on Monday."
    record = {"id": "w1", "split": "tune", "title": "Border clash (written for the eventwire project)",
              "published": "2009-03-04", "text": text, "events": [
                  {"sentence": text, "source": {"text": "Ruritanian troops", "code": "RURMIL"},
                   "target": {"text": "Sylvanian soldiers", "code": "SYLMIL"}, "plover": "ASSAULT", "cameo": "190"}]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)["all"]
    assert figures["gold_events"] == 1 and figures["articles"] == 1
    assert figures["produced_events"] >= 1 and figures["recall"] == 1.0


def test_a_gold_reports_each_split_it_names_then_all() -> None:
    from eventwire.eval.gold import report_splits

    check = GoldArticle(id="a2", split="check", title="t", published="", events=[], text="")
    outside = GoldArticle(id="a3", split="outside", title="t", published="", events=[], text="")
    assert report_splits([outside, ARTICLE, check]) == ["tune", "check", "outside", "all"]
    assert report_splits([outside]) == ["outside", "all"]
    assert report_splits([]) == ["all"]


def test_eval_command_reads_texts_a_gold_line_does_not_carry_from_the_shared_data(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventwire.cli import main

    text = "Ruritanian troops attacked Sylvanian soldiers near the border on Monday."
    page = "fedcba9876543210" + "1" * 48
    record = {"id": "aeb-fedcba9876543210", "split": "outside", "title": "Border clash (written for the eventwire "
              "project)", "published": "2019-03-04", "events": [
                  {"sentence": text, "source": {"text": "Ruritanian troops", "code": "RURMIL"},
                   "target": {"text": "Sylvanian soldiers", "code": "SYLMIL"}, "plover": "ASSAULT", "cameo": "190"}]}
    path = tmp_path / "outside.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["eval", str(path)])
    assert refused.exit_code == 2 and "--shared" in refused.output
    (tmp_path / "shared" / "bench" / "aeb").mkdir(parents=True)
    (tmp_path / "shared" / "bench" / "aeb" / "ground-truth.json").write_text(json.dumps({page: {"articleBody": text}}))
    result = CliRunner().invoke(main, ["eval", str(path), "--shared", str(tmp_path / "shared"), "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert list(figures) == ["outside", "all"] and figures["outside"]["gold_events"] == 1
    assert figures["outside"]["recall"] == 1.0

def test_gold_lines_without_text_take_it_from_the_distributed_corpus_or_the_extraction_benchmark(
        tmp_path: Path) -> None:
    from eventwire.eval.gold import distributed_texts

    (tmp_path / "realnews").mkdir()
    (tmp_path / "realnews" / "wikinews_politics_dev.jsonl").write_text(json.dumps({"id": "w1", "text": TEXT}) + "\n")
    (tmp_path / "bench" / "aeb").mkdir(parents=True)
    page = "0123456789abcdef" + "0" * 48
    (tmp_path / "bench" / "aeb" / "ground-truth.json").write_text(json.dumps({page: {"articleBody": "Body."}}))
    texts = distributed_texts(tmp_path, {"w1", "aeb-0123456789abcdef", "aeb-ffffffffffffffff"})
    assert texts == {"w1": TEXT, "aeb-0123456789abcdef": "Body."}  # the absent page is left for the caller
    assert distributed_texts(tmp_path / "nowhere", {"w1"}) == {}


def test_the_benchmark_refuses_a_kept_folder_that_holds_an_earlier_runs_database(tmp_path: Path) -> None:
    # coding into a kept database would skip the articles it holds and score the earlier run's events
    (tmp_path / "gold.duckdb").write_bytes(b"")
    bench = Path(__file__).resolve().parents[1] / "bench" / "realnews.py"
    done = subprocess.run([sys.executable, str(bench), "--keep", str(tmp_path)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2
    assert "left from an earlier run" in done.stderr and "--db" in done.stderr
