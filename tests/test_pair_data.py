"""The pair model's training data read from several gold files and splits, the held-out figures of a
model on news it never saw, and the setting that points the verdict at a retrained model.

Sentences and articles here are written for the eventwire project.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import pytest

from eventwire.eval import pair_data
from eventwire.eval.gold import TRAINING_SPLITS, GoldActor, GoldArticle, GoldEvent
from eventwire.eval.pair_data import EVENT, NONE, PairExample, article_examples, gold_splits
from eventwire.eval.train_pair import gold_split, produced_auc
from eventwire.events import pair_verdict
from eventwire.records import Actor

RAID = "Police raided the offices of the opposition newspaper on Friday."


def _article(article_id: str, split: str) -> dict[str, object]:
    return {"id": article_id, "split": split, "title": None, "published": "2011-03-04", "text": RAID,
            "events": [{"sentence": RAID, "source": {"text": "Police", "code": "COP"},
                        "target": {"text": "the opposition newspaper", "code": "MED"}, "plover": "SEIZE"}]}


def _gold_file(path: Path, articles: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return path


def test_gold_splits_reads_one_split_of_each_file_and_an_id_once(tmp_path: Path) -> None:
    dev = _gold_file(tmp_path / "dev.jsonl", [_article("d1", "tune"), _article("d2", "check")])
    train = _gold_file(tmp_path / "train.jsonl", [_article("t1", "train"), _article("d1", "train")])
    articles = gold_splits([(dev, "tune"), (train, "train")])
    assert [(a.id, a.split) for a in articles] == [("d1", "tune"), ("t1", "train")]


@pytest.mark.parametrize("split", ["check", "all", "heldout", "outside"])
def test_gold_splits_refuses_the_held_out_split(tmp_path: Path, split: str) -> None:
    dev = _gold_file(tmp_path / "dev.jsonl", [_article("d1", "tune"), _article("d2", "check")])
    with pytest.raises(ValueError, match="held out"):
        gold_splits([(dev, split)])


def test_the_default_news_are_the_tune_and_train_splits() -> None:
    assert [split for _, split in pair_data.NEWS_GOLD] == ["tune", "train"]
    assert {split for _, split in pair_data.NEWS_GOLD} <= TRAINING_SPLITS


def test_examples_of_a_train_article_carry_its_split_in_origin_and_group() -> None:
    gold = GoldArticle(id="t9", split="train", title=None, published=None, events=[
        GoldEvent(sentence=RAID, source=GoldActor("Police", "COP"),
                  target=GoldActor("the opposition newspaper", "MED"), plover="SEIZE", cameo=None)])
    police, paper = RAID.index("Police"), RAID.index("the opposition newspaper")
    actors = [Actor(text="Police", start=police, end=police + 6),
              Actor(text="the opposition newspaper", start=paper, end=paper + 24)]
    examples = article_examples(gold, [(RAID, 0)], actors, [])
    assert {e.group for e in examples} == {"train:t9"}
    # the gold pair and the same pair of mentions are one marked text, kept once as EVENT; the swap is NONE
    assert sorted((e.origin, e.label) for e in examples) == [("train-mention", EVENT), ("train-mention", NONE)]
    assert article_examples(gold, [(RAID, 0)], [], [])[0].origin == "train-gold"


def test_mention_pairs_of_any_split_are_the_ones_sampled_away() -> None:
    def example(n: int, label: str, origin: str) -> PairExample:
        return PairExample(f"Sentence {n}.", (0, 8), None, label, "g", origin)

    positives = [example(0, EVENT, "train-gold")]
    hard = [example(1, NONE, "train-produced")]
    easy = [example(n, NONE, origin) for n in range(2, 12) for origin in ("train-mention", "tune-mention")]
    kept = pair_data._balanced(positives + hard + easy, random.Random(1))
    assert len(kept) == 1 + pair_data.MAX_NEGATIVE_RATIO  # one positive, three negatives
    assert hard[0] in kept and positives[0] in kept


def test_gold_split_argument() -> None:
    assert gold_split("bench/realnews/x.jsonl:train") == (Path("bench/realnews/x.jsonl"), "train")
    with pytest.raises(argparse.ArgumentTypeError):
        gold_split("bench/realnews/x.jsonl")


def test_produced_auc_is_the_chance_a_right_event_scores_above_a_wrong_one() -> None:
    def made(label: str, p: float) -> dict[str, object]:
        return {"kind": "produced", "label": label, "p_event": p}

    assert produced_auc([made(EVENT, 0.9), made(EVENT, 0.4), made(NONE, 0.5), made(NONE, 0.1)]) == 0.75
    assert produced_auc([made(EVENT, 0.5), made(NONE, 0.5)]) == 0.5
    assert produced_auc([made(EVENT, 0.9), {"kind": "example", "label": NONE, "p_event": 0.1}]) is None


def test_the_pair_model_setting_points_the_verdict_at_another_folder(monkeypatch: pytest.MonkeyPatch,
                                                                      tmp_path: Path) -> None:
    monkeypatch.delenv("EVENTWIRE_PAIR_MODEL", raising=False)
    assert pair_verdict.pair_model_dir() == pair_verdict.PAIR_MODELS_DIR / pair_verdict.PAIR_MODEL_NAME
    monkeypatch.setenv("EVENTWIRE_PAIR_MODEL", str(tmp_path))
    assert pair_verdict.pair_model_dir() == tmp_path
    monkeypatch.setenv("EVENTWIRE_PAIR_VERDICT", "on")
    assert pair_verdict.get_pair_model() is None  # an empty folder: no model, events kept unjudged


def test_a_number_as_the_verdict_switch_is_its_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.errors import ConfigError

    monkeypatch.setenv("EVENTWIRE_PAIR_VERDICT", "on")
    assert pair_verdict.verdict_threshold() == pair_verdict.DROP_BELOW
    monkeypatch.setenv("EVENTWIRE_PAIR_VERDICT", "0.05")
    assert pair_verdict.verdict_threshold() == 0.05
    for wrong in ("1.5", "yes"):
        monkeypatch.setenv("EVENTWIRE_PAIR_VERDICT", wrong)
        with pytest.raises(ConfigError):
            pair_verdict.verdict_threshold()
