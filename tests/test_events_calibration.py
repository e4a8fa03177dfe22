"""Event confidence calibration (eventwire/events/calibration.py), on events written for the project."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import ConfigError
from eventwire.events.calibration import (
    CALIBRATION_FILE,
    ENCODED,
    FEATURES,
    calibrate,
    calibrated,
    categories,
    features,
)
from eventwire.records import Actor, Event, Plover, Span
from eventwire.store.writer import Writer

# sentences written for the project
SENTENCE = "Iran accused Israel."
LONG_SENTENCE = ("Iran , whose leaders met in the capital on Monday after a week of talks with envoys from several "
                 "neighbouring states about trade , water , borders and the fate of refugees , accused the "
                 "ministers of the small coastal republic and their allies of stalling the agreement.")


def _event(confidence: float = 0.7, *, sentence: str = SENTENCE, source: Actor | None = None,
           target: Actor | None = None, trigger: Span | None = None, modes: tuple[str, ...] = (),
           decided_by: str = "rule", sentence_index: int = 3, symmetric: bool = False) -> Event:
    return Event(id="e", article_id="a", sentence_index=sentence_index, sentence=sentence,
                 trigger=trigger or Span("accused", 5, 12),
                 source=source or Actor("Iran", 0, 4, code="IRN", country="IRN", kind="state", code_source="dictionary"),
                 target=target if target is not None else Actor("Israel", 13, 19, code="ISR", country="ISR", kind="state",
                                                                code_source="dictionary"),
                 cameo="112", cameo_root="11", plover=Plover("ACCUSE", mode=list(modes)), goldstein=-2.0, quad_class=3,
                 rule="112.accuse", confidence=confidence, rule_type="ACCUSE", model_type="ACCUSE", model_prob=0.9,
                 decided_by=decided_by, symmetric=symmetric)


def _stored(event: Event) -> dict[str, Any]:
    return Writer._mention_row("a", 0, event, "story", None, "test")


def _file(tmp_path: Path, name: str, encodings: dict[str, dict[str, float]] | None = None, **weights: float) -> Path:
    names = ("intercept", *FEATURES, *(f"{feature}_odds" for feature in ENCODED))
    coefficients = {feature: 0.0 for feature in names} | weights
    path = tmp_path / name  # one name per file: the coefficients are cached by path
    tables = {feature: {} for feature in ENCODED} | (encodings or {})
    path.write_text(json.dumps({"coefficients": coefficients, "encodings": tables}), encoding="utf-8")
    return path


def test_features_read_an_event_and_its_stored_row_alike() -> None:
    events = [_event(0.85, modes=("negation",), decided_by="model", sentence_index=0, symmetric=True),
              _event(0.4, sentence=LONG_SENTENCE, trigger=Span("accused", 174, 181),
                     target=Actor("ministers", 186, 195, code="GOV", kind="agent", code_source="coref")),
              _event(0.6, target=None)]
    for event in events:
        assert features(event) == features(_stored(event))
        assert categories(event) == categories(_stored(event))
    assert features({"confidence": 0.5})["raw_confidence"] == 0.5  # a database coded before v4 lacks columns


def test_raw_confidence_modes_and_the_models_verdict() -> None:
    values = features(_event(0.85, modes=("hypothetical",), decided_by="model"))
    assert values["raw_confidence"] == 0.85 and values["raw_high"] == 1.0
    assert values["negated_or_hypothetical"] == 1.0 and values["decided_by_model"] == 1.0
    plain = features(_event(0.7))
    assert plain["raw_high"] == 0.0 and plain["negated_or_hypothetical"] == 0.0 and plain["decided_by_model"] == 0.0


def test_how_the_target_was_coded() -> None:
    titled = Actor("Israel", 13, 19, code="ISRGOV", country="ISR", kind="person", code_source="title")
    referred = Actor("him", 13, 16, code="ISRGOV", country="ISR", kind="person", code_source="coref")
    assert features(_event(target=titled))["target_from_title"] == 1.0
    assert features(_event(target=titled))["target_from_coref"] == 0.0
    assert features(_event(target=referred))["target_from_coref"] == 1.0
    assert features(_event())["target_from_title"] == features(_event())["target_from_coref"] == 0.0


def test_lead_sentence_and_symmetric_events() -> None:
    assert features(_event(sentence_index=0))["lead_sentence"] == 1.0
    assert features(_event(sentence_index=1))["lead_sentence"] == 0.0
    assert features(_event(symmetric=True))["symmetric"] == 1.0
    assert features(_event())["symmetric"] == 0.0


def test_actors_far_from_the_trigger_and_long_sentences() -> None:
    near = features(_event())
    assert near["source_far"] == near["target_far"] == near["long_sentence"] == 0.0
    # the source stands 32 words before "accused", the target right after it
    far = features(_event(sentence=LONG_SENTENCE, trigger=Span("accused", 174, 181),
                          target=Actor("ministers", 186, 195, code="GOV", kind="agent")))
    assert LONG_SENTENCE[174:181] == "accused" and LONG_SENTENCE[186:195] == "ministers"
    assert far["source_far"] == 1.0 and far["target_far"] == 0.0 and far["long_sentence"] == 1.0
    # the target 9 words after the trigger ("allies")
    late = features(_event(sentence=LONG_SENTENCE, trigger=Span("accused", 174, 181),
                           target=Actor("allies", 236, 242, code="GOV", kind="agent")))
    assert LONG_SENTENCE[236:242] == "allies" and late["target_far"] == 1.0
    # a source after its trigger (a passive) is not far before it
    after = features(_event(sentence="Israel was accused by Iran.", trigger=Span("accused", 11, 18),
                            source=Actor("Iran", 22, 26, code="IRN", country="IRN", kind="state")))
    assert after["source_far"] == 0.0


def test_countries_of_the_actors() -> None:
    both = features(_event())
    assert both["source_is_state"] == 1.0 and both["same_country"] == 0.0 and both["target_without_country"] == 0.0
    leader = Actor("Khamenei", 0, 4, code="IRNGOV", country="IRN", kind="person", code_source="dictionary")
    domestic = features(_event(source=leader, target=Actor("Israel", 13, 19, code="IRNOPP", country="IRN", kind="agent")))
    assert domestic["source_is_state"] == 0.0 and domestic["same_country"] == 1.0
    stateless = features(_event(target=Actor("Israel", 13, 19, code=None, kind=None)))
    assert stateless["target_without_country"] == 1.0 and stateless["same_country"] == 0.0
    assert features(_event(target=None))["target_without_country"] == 0.0  # no target: nothing missing


def test_categories_are_the_type_the_rule_and_the_trigger_words() -> None:
    event = _event(trigger=Span("Accused  Of", 5, 16))
    assert categories(event) == {"plover_type": "ACCUSE", "rule": "112.accuse", "trigger": "accused of"}


def test_calibrate_is_a_logistic_of_the_features_and_encodings(tmp_path: Path) -> None:
    path = _file(tmp_path, "lead.json", intercept=-1.0, lead_sentence=1.0)
    assert calibrate(_event(sentence_index=0), path) == 0.5
    assert calibrate(_event(sentence_index=2), path) == round(1 / (1 + 2.718281828), 3)
    encoded = _file(tmp_path, "trigger.json", {"trigger": {"accused": 2.0}}, trigger_odds=0.5)
    assert calibrate(_event(), encoded) == round(1 / (1 + 2.718281828 ** -1), 3)
    assert calibrate(_event(trigger=Span("blamed", 5, 11)), encoded) == 0.5  # an unseen value counts 0


def test_without_a_file_the_raw_confidence_stays_and_a_broken_file_says_how_to_fix(tmp_path: Path) -> None:
    assert calibrate(_event(0.66), tmp_path / "none.json") == 0.66
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"coefficients": {name: 0.0 for name in ("intercept", *FEATURES)}}), encoding="utf-8")
    with pytest.raises(ConfigError, match="fit_calibration"):  # a file of another version: no encodings
        calibrate(_event(0.66), broken)


def test_calibrated_can_be_turned_off_and_the_shipped_file_is_sound() -> None:
    events = [_event(0.93)]
    assert calibrated(events, enabled=False)[0].confidence == 0.93
    assert CALIBRATION_FILE.is_file()
    shipped = calibrated([_event(0.93)])[0].confidence
    assert 0.0 < shipped < 1.0 and shipped != 0.93
    # all else equal, a higher raw confidence is never less sure
    assert calibrate(_event(0.4)) <= calibrate(_event(0.7)) <= calibrate(_event(0.85))


def test_the_shipped_fit_was_honest_out_of_fold() -> None:
    # the reliability bins the fit measured out of fold on train rise with confidence, and its >= 0.8
    # events are at least 80% right: a refit that is over-confident on new articles fails here
    measured = json.loads(CALIBRATION_FILE.read_text(encoding="utf-8"))["fitted_on"]["train_out_of_fold"]
    bins = [(count, share) for _, count, share in measured["bins"] if count >= 10]
    for (low_n, low), (high_n, high) in zip(bins, bins[1:], strict=False):
        # a bin may fall below the one before it only by noise: by less than twice the standard error of
        # the difference of the two shares (a two-proportion test at about 5%). 5 right of 16 (0.31)
        # before 68 of 226 (0.30), or 6 of 10 (0.6) before 44 of 140 (0.31), is noise; an inversion
        # between well-filled bins is not
        error = math.sqrt(low * (1 - low) / low_n + high * (1 - high) / high_n)
        assert high >= low - 2 * error, bins
    assert measured["confident"] == 0 or measured["confident_right"] >= 0.8
