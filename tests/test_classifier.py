"""The PLOVER classifier: input marking, the shipped int8 model, eventwire.classify and the CLI.

Sentences here are written for the eventwire project.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

import eventwire
from eventwire.cli import main as cli_main
from eventwire.errors import InputError
from eventwire.eval.train import Recipe, group_folds, load_gsr, load_plv, locate_spans, score
from eventwire.events import classifier as clf
from eventwire.events.classifier import (
    PLOVER_LABELS,
    PloverClassifier,
    get_classifier,
    mark_sentence,
    merge_yield,
    resolve_span,
)

AIRSTRIKE = "Government warplanes bombed rebel positions near the northern town, killing twelve fighters."
CONDEMN = "The foreign ministry condemned the neighbouring government for the shelling of border villages."
AID = "Japan sent 40 tonnes of food and medicine to the flood victims in Bangladesh."


def span(sentence: str, text: str) -> tuple[int, int]:
    start = sentence.index(text)
    return (start, start + len(text))


@pytest.fixture(scope="module")
def model() -> PloverClassifier:
    loaded = get_classifier()
    assert loaded is not None, "the committed model eventwire/models/plover-minilm is missing"
    return loaded


# ---------------------------------------------------------------- marking and helpers (no model)


def test_mark_sentence_wraps_source_and_target() -> None:
    s = "Russia accused Ukraine of shelling the plant."
    assert mark_sentence(s, span(s, "Russia"), span(s, "Ukraine")) == (
        "[ Russia ] accused { Ukraine } of shelling the plant."
    )
    # target before source, missing source, whitespace inside the span
    s2 = "Ukraine was accused by Russia."
    assert mark_sentence(s2, span(s2, "Russia"), (0, 8)) == "{ Ukraine } was accused by [ Russia ]."
    assert mark_sentence(s2, None, (0, 7)) == "{ Ukraine } was accused by Russia."


def test_mark_sentence_ignores_bad_and_overlapping_spans() -> None:
    s = "Iran protested."
    assert mark_sentence(s, (5, 99), None) == s
    assert mark_sentence(s, (0, 4), (2, 6)) == "[ Iran ] protested."


def test_locate_spans_reads_plv_marks() -> None:
    text, source, target = locate_spans("Then <t>Kenya</t> was hit by <s>the rebels </s>again.")
    assert text == "Then Kenya was hit by the rebels again."
    assert target is not None and text[target[0]:target[1]] == "Kenya"
    assert source is not None and text[source[0]:source[1]] == "the rebels "


def test_resolve_span_text_offsets_and_errors() -> None:
    s = "The army shelled the town."
    assert resolve_span(s, "The army", "source") == (0, 8)
    assert resolve_span(s, "THE TOWN", "target") == (17, 25)
    assert resolve_span(s, [4, 8], "source") == (4, 8)
    assert resolve_span(s, None, "source") is None
    with pytest.raises(InputError, match="does not occur"):
        resolve_span(s, "the navy", "source")
    with pytest.raises(InputError, match="offsets"):
        resolve_span(s, (5, 500), "source")


def test_merge_yield_and_score() -> None:
    merged = merge_yield({"CONCEDE": 0.25, "RETREAT": 0.25, "ASSAULT": 0.5})
    assert merged == {"ASSAULT": 0.5, "YIELD": 0.5}
    result = score(["A", "A", "B", "C"], ["A", "B", "B", "A"])
    assert result["accuracy"] == 0.5
    assert result["per_class"]["A"]["precision"] == 0.5
    assert result["per_class"]["C"]["f1"] == 0.0
    assert result["macro_f1"] == pytest.approx((0.5 + 2 / 3 + 0.0) / 3, abs=1e-3)


def test_folds_never_split_a_sentence(shared: Path) -> None:
    examples = load_plv(shared)
    folds = group_folds(examples, 5)
    assert sorted(i for f in folds for i in f) == list(range(len(examples)))
    owner = {}
    for n, fold in enumerate(folds):
        for i in fold:
            assert owner.setdefault(examples[i].group, n) == n
    marked = [e for e in examples if e.source is not None]
    assert len(marked) > 0.95 * len(examples)
    assert all(e.text.count("[") >= 1 for e in marked)


def test_gsr_rows_are_marked_and_share_no_sentence_with_plv(shared: Path) -> None:
    gsr = load_gsr(shared)
    assert len(gsr) >= 300
    assert all(e.labels == (e.gold,) and e.gold in PLOVER_LABELS for e in gsr)
    # the GSR rows join every fold's training side, so none may be a plv_train sentence
    assert not {e.group for e in gsr} & {e.group for e in load_plv(shared)}
    marked = [e for e in gsr if e.source is not None]
    assert len(marked) > 0.9 * len(gsr)
    for e in marked:
        start, end = e.source
        assert "[ " + e.sentence[start:end] + " ]" in e.text
        assert start == 0 or not e.sentence[start - 1].isalnum()


def test_soup_averages_float_weights_and_keeps_integer_buffers() -> None:
    torch = pytest.importorskip("torch", reason="the train extra (torch) is not installed")
    from eventwire.eval.train_model import average_weights

    first = {"w": torch.tensor([1.0, 3.0]), "ids": torch.tensor([0, 1])}
    second = {"w": torch.tensor([3.0, 5.0]), "ids": torch.tensor([0, 1])}
    soup = average_weights([first, second])
    assert torch.equal(soup["w"], torch.tensor([2.0, 4.0]))
    assert soup["ids"].dtype == torch.int64 and torch.equal(soup["ids"], first["ids"])


def test_missing_model_gives_none_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    monkey_flag = clf._warned
    clf._warned = False
    try:
        with caplog.at_level(logging.WARNING):
            assert get_classifier(tmp_path / "nothing") is None
            assert get_classifier(tmp_path / "nothing-either") is None
        assert sum("not available" in r.message for r in caplog.records) == 1
    finally:
        clf._warned = monkey_flag


# ---------------------------------------------------------------- the shipped model


def test_model_files_and_meta(model: PloverClassifier) -> None:
    assert model.labels == PLOVER_LABELS
    assert model.name == "plover-minilm" and model.version
    directory = clf.MODELS_DIR / clf.MODEL_NAME
    assert sum(p.stat().st_size for p in directory.iterdir()) <= 30 * 1024 * 1024
    meta = json.loads((directory / "meta.json").read_text())
    assert meta["heldout"]["accuracy"] > 0.5 and meta["heldout"]["folds"] >= 2
    # the card's recipe is the one `make train` runs now: its held-out figures describe this code
    assert meta["recipe"] == Recipe().__dict__


def test_probabilities_sum_to_one(model: PloverClassifier) -> None:
    probs = model.predict(AIRSTRIKE, span(AIRSTRIKE, "Government warplanes"), span(AIRSTRIKE, "rebel positions"))
    assert set(probs) == set(PLOVER_LABELS)
    assert sum(probs.values()) == pytest.approx(1.0, abs=1e-6)
    assert all(0.0 <= p <= 1.0 for p in probs.values())


@pytest.mark.parametrize(
    ("sentence", "source", "target", "expected"),
    [
        (AIRSTRIKE, "Government warplanes", "rebel positions", "ASSAULT"),
        (CONDEMN, "The foreign ministry", "the neighbouring government", "ACCUSE"),
        (AID, "Japan", "the flood victims", "AID"),
    ],
)
def test_plausible_types(model: PloverClassifier, sentence: str, source: str, target: str, expected: str) -> None:
    probs = model.predict(sentence, span(sentence, source), span(sentence, target))
    assert max(probs, key=probs.__getitem__) == expected


def test_predict_many_keeps_order_and_matches_predict(model: PloverClassifier) -> None:
    triples = [
        (CONDEMN, span(CONDEMN, "The foreign ministry"), None),
        (AIRSTRIKE, None, None),
        (AID, span(AID, "Japan"), span(AID, "the flood victims")),
    ]
    many = model.predict_many(triples, batch_size=2)
    for triple, probs in zip(triples, many, strict=True):
        single = model.predict(*triple)
        assert max(probs, key=probs.__getitem__) == max(single, key=single.__getitem__)
        # dynamic int8 quantisation scales activations per batch, so padding shifts them a little
        assert probs["ASSAULT"] == pytest.approx(single["ASSAULT"], abs=0.02)


def test_public_classify_api(model: PloverClassifier) -> None:
    result = eventwire.classify(AIRSTRIKE, "Government warplanes", (AIRSTRIKE.index("rebel"), 58))
    assert result["plover"]["type"] == "ASSAULT"
    assert result["cameo"].startswith("1") or result["cameo"].startswith("2")
    assert 0.0 < result["confidence"] <= 1.0
    with pytest.raises(InputError):
        eventwire.classify(AIRSTRIKE, "the navy", None)


def test_cli_round_trip_and_bad_lines(model: PloverClassifier, tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": 1, "sentence": CONDEMN, "source": "The foreign ministry",
                    "target": "the neighbouring government"}),
        "{not json",
        json.dumps({"sentence": AIRSTRIKE, "source": "the navy", "target": None}),
        "",
        json.dumps({"id": 2, "sentence": AIRSTRIKE, "source": "Government warplanes", "target": "rebel positions"}),
        json.dumps(["a list"]),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli_main, ["classify", str(source)])
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in out] == [1, 2]
    assert out[0]["plover"]["type"] == "ACCUSE" and out[1]["plover"]["type"] == "ASSAULT"
    assert all({"cameo", "confidence"} <= set(r) for r in out)
    assert "line 2:" in result.stderr and "line 3:" in result.stderr and "line 6:" in result.stderr
    assert "line 5:" not in result.stderr


def test_cli_stdin_clean_input_exits_zero(model: PloverClassifier) -> None:
    line = json.dumps({"sentence": AID, "source": "Japan", "target": "the flood victims"})
    result = CliRunner().invoke(cli_main, ["classify"], input=line + "\n")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["plover"]["type"] == "AID"


def test_predict_each_does_not_depend_on_the_neighbours(model: PloverClassifier) -> None:
    # written for the eventwire project
    probe = ("Protesters threw stones at police outside the parliament in the capital.", None, None)
    neighbours = [("The two ministers met in Geneva to discuss a ceasefire and the release of prisoners "
                   "held by both sides since the war began.", None, None),
                  ("Rebels seized the town.", None, None)]
    alone = model.predict_each([probe])[0]
    mixed = model.predict_each([neighbours[0], probe, neighbours[1]])[1]
    assert alone == mixed
