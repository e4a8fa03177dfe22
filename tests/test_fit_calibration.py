"""The calibration's fit (tools/fit_calibration.py) on small made-up examples written for the project."""

from __future__ import annotations

import math
from types import ModuleType

import numpy as np
import pytest
from script_support import load_script


@pytest.fixture(scope="module")
def tool() -> ModuleType:
    return load_script("tools/fit_calibration.py")


def _examples(tool: ModuleType, per_article: list[tuple[str, float, str, float]]) -> object:
    """(article, raw confidence, trigger, right) -> the fit's Examples (all in the train split)."""
    rows = [{"confidence": confidence, "trigger_text": trigger, "sentence": "", "sentence_index": 2}
            for _, confidence, trigger, _ in per_article]
    return tool.Examples.of(rows, [right for *_, right in per_article], [a for a, *_ in per_article],
                            ["train"] * len(per_article))


def test_folds_keep_an_articles_events_together(tool: ModuleType) -> None:
    groups = [f"a{i // 3}" for i in range(60)]  # 20 articles of 3 events
    fold_of = tool.folds(groups, 5, seed=0)
    assert set(fold_of) == set(range(5))
    for article in set(groups):
        assert len({fold_of[i] for i, g in enumerate(groups) if g == article}) == 1


def test_encoding_is_smoothed_log_odds_against_all_events(tool: ModuleType) -> None:
    kinds = [{"trigger": "met"}] * 20 + [{"trigger": "blamed"}] * 20
    y = np.array([1.0] * 20 + [0.0] * 20)
    table = tool.encoding(kinds, y, np.ones(40), "trigger")
    share = (20 + tool.SMOOTHING * 0.5) / (20 + tool.SMOOTHING)  # 20 right of 20, pulled towards 0.5
    assert table["met"] == pytest.approx(math.log(share / (1 - share)))
    assert table["blamed"] == pytest.approx(-table["met"])
    # events of weight 0 are not counted: "met" has no evidence left and sits at the share of the rest
    weighted = tool.encoding(kinds, y, np.array([0.0] * 20 + [1.0] * 20), "trigger")
    assert weighted["met"] == pytest.approx(0.0)


def test_fit_finds_the_sign_and_the_penalty_shrinks_it(tool: ModuleType) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 1))
    y = (rng.random(400) < 1 / (1 + np.exp(-2 * x[:, 0]))).astype(float)
    light, firm = tool.fit(x, y, np.ones(400), 0.1), tool.fit(x, y, np.ones(400), 100.0)
    assert 1.5 < light[1] < 2.5
    assert 0 < firm[1] < light[1]


def test_out_of_fold_never_sees_the_articles_own_labels(tool: ModuleType) -> None:
    # 40 articles of 3 events; triggers shared across articles, two of them right more often than not
    events = [(f"a{i}", 0.6 + 0.01 * (i % 5), f"trigger{i % 4}", float(j < (2 if i % 4 < 2 else 1)))
              for i in range(40) for j in range(3)]
    flipped = [(a, c, t, 1.0 - r if a == "a7" else r) for a, c, t, r in events]
    before = tool.out_of_fold(_examples(tool, events), 1.0, 1.0, seed=0)
    after = tool.out_of_fold(_examples(tool, flipped), 1.0, 1.0, seed=0)
    own = [i for i, (a, *_) in enumerate(events) if a == "a7"]
    assert np.allclose(before[own], after[own])
    others = [i for i, (a, *_) in enumerate(events) if a != "a7"]
    assert not np.allclose(before[others], after[others])  # the flip does reach the other folds' fits
    assert before[0] > before[6]  # trigger0 (2 of 3 right) above trigger2 (1 of 3): the encoding is used
