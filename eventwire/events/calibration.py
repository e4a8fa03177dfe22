"""A confidence that means something: the coder's evidence turned into the chance an event is right.

Written for the eventwire project (issue 13). The raw confidence of :mod:`eventwire.events.combine`
blends the rule's weight and the model's probability, but on real news it says little about whether an
event is right: most of what goes wrong is the actors, and some rules and triggers are right far more
often than others. So the final ``Event.confidence`` is a logistic regression over what the coder knows
when it emits an event, all cheap to read off the event itself (no model pass):

* ``FEATURES``, numbers: the raw confidence, the model overruling the rule, negation or hypothesis, how
  the target was coded (from a title in the article; through a pronoun or a description), the lead
  sentence, a symmetric event, how far the actors stand from the trigger, a long sentence, a bare
  country as source, a target without a country, both actors of one country;
* ``ENCODED``, categories with many values (the PLOVER type, the rule, the trigger words): each value
  stands for its smoothed log-odds of being right against the share right of all events (a target
  encoding, fitted with the coefficients); a value the fit never saw counts 0, the average.

"Right" is what ``bench/realnews.py`` counts as right in its reliability table: the event matches a
gold event (same sentence, source and target) with the right PLOVER type. ``tools/fit_calibration.py``
fits the coefficients and the encodings on the ``tune`` and ``train`` splits of the real-news gold, in
folds by article, and chooses the penalty and the weight of ``tune`` by out-of-fold log loss on
``train`` (its docstring gives the method and the figures); they live in
``eventwire/data/events/calibration.json`` with what they were fitted on. Without that file, or with
``EVENTWIRE_CALIBRATION=off``, the raw confidence is kept (the fitting script codes that way, so it
always learns from raw values). The calibration never decides which events are produced: the coder
deduplicates by a fixed rank (``building._rank``) and calibrates after (``coder._decide_all``).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError
from eventwire.records import Event

__all__ = ["FEATURES", "ENCODED", "CALIBRATION_FILE", "features", "categories", "probability", "calibrate",
           "calibrated"]

#: where the raw confidence of a rule the model confirms begins (combine.decide blends 0.6 x rule
#: confidence with 0.4 x the model's agreement; a full-weight rule the model backs lands above it)
RAW_HIGH = 0.8
#: words between a source and its trigger from which the source is far (a long way back, the subject of
#: another clause is often taken)
SOURCE_FAR_WORDS = 8
#: words between a trigger and its target from which the target is far
TARGET_FAR_WORDS = 5
#: words from which a sentence is long (several clauses, several candidate actors)
LONG_SENTENCE_WORDS = 40
CALIBRATION_FILE = Path(__file__).resolve().parent.parent / "data" / "events" / "calibration.json"

#: numeric features of an event; the names are keys of calibration.json's coefficients
FEATURES = (
    "raw_confidence",
    "raw_high",
    "decided_by_model",
    "negated_or_hypothetical",
    "target_from_title",
    "target_from_coref",
    "lead_sentence",
    "symmetric",
    "source_far",
    "target_far",
    "long_sentence",
    "source_is_state",
    "target_without_country",
    "same_country",
)
#: categorical features, each read through calibration.json's encodings (value -> log-odds); the
#: coefficient of each is named ``<name>_odds``
ENCODED = ("plover_type", "rule", "trigger")

#: the stored mention columns the features read (a database coded before v4 lacks some: they read None)
_COLUMNS = ("confidence", "decided_by", "plover_mode", "plover_type", "rule", "trigger_text", "trigger_start",
            "trigger_end", "sentence", "sentence_index", "symmetric", "source_end", "source_kind",
            "source_country", "target_text", "target_start", "target_code_source", "target_country")


def features(event: Event | dict[str, Any]) -> dict[str, float]:
    """The numeric feature values of an event (an Event, or a stored mention row with its column names)."""
    row = _as_row(event)
    confidence = float(row["confidence"] or 0.0)
    sentence = str(row["sentence"] or "")
    has_target = bool(row["target_text"])
    return {
        "raw_confidence": confidence,
        # the raw blend is not linear in the chance of being right: a strong rule the model confirms
        # (raw >= RAW_HIGH) is right more often than the rest
        "raw_high": float(confidence >= RAW_HIGH),
        # on real news the model's switches were right less often than the rules they overruled
        "decided_by_model": float(row["decided_by"] == "model"),
        "negated_or_hypothetical": float(bool(set(row["plover_mode"] or []) & {"negation", "hypothetical"})),
        # a target named by its title in the article is the one meant; one reached through a pronoun or a
        # description ("the minister") is often the wrong antecedent
        "target_from_title": float(row["target_code_source"] == "title"),
        "target_from_coref": float(row["target_code_source"] == "coref"),
        "lead_sentence": float(row["sentence_index"] == 0),  # the lead states the story's main act plainly
        "symmetric": float(bool(row["symmetric"])),
        "source_far": float(_words_between(sentence, row["source_end"], row["trigger_start"]) >= SOURCE_FAR_WORDS),
        "target_far": float(_words_between(sentence, row["trigger_end"], row["target_start"]) >= TARGET_FAR_WORDS),
        "long_sentence": float(len(sentence.split()) >= LONG_SENTENCE_WORDS),
        # a bare country as the doer is often a place or a possessor taken for the actor
        "source_is_state": float(row["source_kind"] == "state"),
        "target_without_country": float(has_target and not row["target_country"]),
        "same_country": float(bool(row["source_country"]) and row["source_country"] == row["target_country"]),
    }


def categories(event: Event | dict[str, Any]) -> dict[str, str]:
    """The values of the :data:`ENCODED` features ("" when unknown)."""
    row = _as_row(event)
    return {"plover_type": str(row["plover_type"] or ""), "rule": str(row["rule"] or ""),
            "trigger": " ".join(str(row["trigger_text"] or "").lower().split())}


def _words_between(sentence: str, start: Any, end: Any) -> int:
    """Words from ``start`` to ``end`` in the sentence; -1 when either is missing or they are in the
    other order (a source after its trigger, a target before it)."""
    if start is None or end is None or int(start) > int(end):
        return -1
    return len(sentence[int(start):int(end)].split())


def _as_row(event: Event | dict[str, Any]) -> dict[str, Any]:
    if isinstance(event, dict):
        return {name: event.get(name) for name in _COLUMNS}
    source, target = event.source, event.target
    return {
        "confidence": event.confidence, "decided_by": event.decided_by, "plover_mode": event.plover.mode,
        "plover_type": event.plover.type, "rule": event.rule, "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.start, "trigger_end": event.trigger.end, "sentence": event.sentence,
        "sentence_index": event.sentence_index, "symmetric": event.symmetric, "source_end": source.end,
        "source_kind": source.kind, "source_country": source.country,
        "target_text": target.text if target else None, "target_start": target.start if target else None,
        "target_code_source": target.code_source if target else None,
        "target_country": target.country if target else None,
    }


@lru_cache(maxsize=2)
def _model(path: Path) -> tuple[dict[str, float], dict[str, dict[str, float]]] | None:
    """(coefficients, encodings) of a calibration file; None when there is none."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        names = ("intercept", *FEATURES, *(f"{name}_odds" for name in ENCODED))
        weights = {name: float(data["coefficients"][name]) for name in names}
        encodings = {name: {str(k): float(v) for k, v in data["encodings"][name].items()} for name in ENCODED}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"{path} is not a valid calibration file ({exc}); restore it from the release "
                          "or refit it with tools/fit_calibration.py") from exc
    return weights, encodings


def probability(event: Event | dict[str, Any], weights: dict[str, float],
                encodings: dict[str, dict[str, float]]) -> float:
    """The logistic of the event's features under ``weights`` and ``encodings`` (unrounded)."""
    values, kinds = features(event), categories(event)
    score = weights["intercept"] + sum(weights[name] * values[name] for name in FEATURES)
    score += sum(weights[f"{name}_odds"] * encodings[name].get(kinds[name], 0.0) for name in ENCODED)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def calibrate(event: Event, path: Path = CALIBRATION_FILE) -> float:
    """The calibrated confidence of one event (its raw confidence when there is no calibration)."""
    model = _model(path)
    if model is None:
        return event.confidence
    return round(probability(event, *model), 3)


def calibrated(events: list[Event], enabled: bool = True) -> list[Event]:
    """The events with their confidence calibrated in place (returned for chaining)."""
    if enabled:
        for event in events:
            event.confidence = calibrate(event)
    return events
