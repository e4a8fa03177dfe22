"""Event confidence calibration (eventwire/events/calibration.py), on events written for the project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.errors import ConfigError
from eventwire.events.calibration import CALIBRATION_FILE, FEATURES, calibrate, calibrated, features
from eventwire.records import Actor, Event, Plover, Span


def _event(confidence: float, *, target_code: str | None = "ISR", modes: tuple[str, ...] = (),
           reported: bool = False) -> Event:
    return Event(id="e", article_id="a", sentence_index=0, sentence="Iran accused Israel.", trigger=Span("accused", 5, 12),
                 source=Actor("Iran", 0, 4, code="IRN", code_source="dictionary"),
                 target=Actor("Israel", 13, 19, code=target_code), cameo="112", cameo_root="11",
                 plover=Plover("ACCUSE", mode=list(modes)), goldstein=-2.0, quad_class=3, confidence=confidence,
                 rule_type="ACCUSE", model_type="ACCUSE", model_prob=0.9, decided_by="rule", reported=reported)


def _file(tmp_path: Path, **weights: float) -> Path:
    coefficients = {"intercept": 0.0, **{name: 0.0 for name in FEATURES}, **weights}
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps({"coefficients": coefficients}), encoding="utf-8")
    return path


def test_features_read_an_event_and_a_stored_row_alike() -> None:
    event = _event(0.85, modes=("negation",), reported=True)
    row = {"confidence": 0.85, "model_prob": 0.9, "model_type": "ACCUSE", "rule_type": "ACCUSE", "decided_by": "rule",
           "source_code": "IRN", "source_code_source": "dictionary", "target_text": "Israel", "target_code": "ISR",
           "plover_mode": ["negation"], "reported": True}
    assert features(event) == features(row)
    values = features(event)
    assert values["raw_high"] == 1.0 and values["model_agrees"] == 1.0 and values["negated_or_hypothetical"] == 1.0
    assert features({"confidence": 0.5})["no_model"] == 1.0  # a database coded before the verdicts were kept


def test_calibrate_is_a_logistic_of_the_features(tmp_path: Path) -> None:
    path = _file(tmp_path, intercept=-1.0, reported=-2.0, target_coded=1.0)
    assert calibrate(_event(0.7), path) == 0.5
    assert calibrate(_event(0.7, reported=True), path) == round(1 / (1 + 2.718281828 ** 2), 3)
    assert calibrate(_event(0.7, target_code=None), path) < 0.5


def test_without_a_file_the_raw_confidence_stays_and_a_broken_file_says_how_to_fix(tmp_path: Path) -> None:
    assert calibrate(_event(0.66), tmp_path / "none.json") == 0.66
    broken = tmp_path / "broken.json"
    broken.write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigError, match="fit_calibration"):
        calibrate(_event(0.66), broken)


def test_calibrated_can_be_turned_off_and_the_shipped_file_is_sound() -> None:
    events = [_event(0.93)]
    assert calibrated(events, enabled=False)[0].confidence == 0.93
    assert CALIBRATION_FILE.is_file()
    shipped = calibrated([_event(0.93)])[0].confidence
    assert 0.0 < shipped < 1.0 and shipped != 0.93
