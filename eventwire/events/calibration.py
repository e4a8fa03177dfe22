"""A confidence that means something: the coder's evidence turned into the chance an event is right.

Written for the eventwire project. The raw confidence of :mod:`eventwire.events.combine` blends the
rule's weight and the model's probability, but on real news it says little about whether an event
is right: most of what goes wrong is the actors, not the type. So the final ``Event.confidence`` is a
logistic regression over what the coder knows when it emits an event (``FEATURES``): the raw
confidence, the model's probability and whether it agrees with the rule, whether each actor is coded
and how, whether there is a target, the modes, and whether the event is a reported claim.

"Right" is what ``bench/realnews.py`` counts as right in its reliability table: the event matches a
gold event of the real-news development gold (same sentence, source and target) with the right
PLOVER type. ``tools/fit_calibration.py`` fits the coefficients on the gold's ``tune`` split and
checks them on the ``check`` split; they live in ``eventwire/data/events/calibration.json`` with
what they were fitted on. Without that file, or with ``EVENTWIRE_CALIBRATION=off``, the raw
confidence is kept (the fitting script codes that way, so it always learns from raw values).

Training data and its limits. The shipped coefficients were fitted (commit 90652f1) on the 182
events the coder then produced on the 64 ``tune`` articles; the coder has changed since (212 tune
events now). The tune split is what the rules were tuned on, so events there are right more often
than on new articles (share right: tune 0.70, ``check`` 0.45, 144 hand-labelled events of 60 fresh
articles 0.49, see ``bench/calibration_fresh.py``): a refit on tune alone, or on the gold sentence
sets of ``../shared/gold``, is over-confident on new articles. Fitted on the fresh labels themselves,
these features predict held-out fresh articles worse than the share right alone (log loss 0.737 vs
0.705, ``bench/calibration_fresh.py --cv``): on new text the coder's evidence says little about
whether an event is right, and no event is honestly 80% sure. Judge a refit on ``check`` once and
on the fresh labels, not on tune. The calibration never decides which events are produced: the coder
deduplicates by a fixed rank (``coder._rank``) and calibrates after (``coder._decide_all``).
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError
from eventwire.records import Event

__all__ = ["FEATURES", "CALIBRATION_FILE", "features", "calibrate", "calibrated"]

#: where the raw confidence of a rule the model confirms begins (combine.decide blends 0.6 x rule
#: confidence with 0.4 x the model's agreement; a full-weight rule the model backs lands above it)
RAW_HIGH = 0.8
CALIBRATION_FILE = Path(__file__).resolve().parent.parent / "data" / "events" / "calibration.json"

#: what the coder knows about an event when it emits it; the names are the keys of calibration.json
FEATURES = (
    "raw_confidence",
    "raw_high",
    "model_prob",
    "model_agrees",
    "decided_by_model",
    "no_model",
    "source_coded",
    "source_from_dictionary",
    "target_coded",
    "no_target",
    "negated_or_hypothetical",
    "reported",
)


def features(event: Event | dict[str, Any]) -> dict[str, float]:
    """The feature values of an event (an Event, or a stored mention row with its column names)."""
    row = _as_row(event)
    model_prob = row["model_prob"]
    target_text, target_code = row["target_text"], row["target_code"]
    modes = set(row["modes"] or [])
    return {
        "raw_confidence": float(row["confidence"] or 0.0),
        # the raw blend is not linear in the chance of being right: a strong rule the model confirms
        # (raw >= RAW_HIGH) is right far more often than the rest (see tools/fit_calibration.py)
        "raw_high": float(float(row["confidence"] or 0.0) >= RAW_HIGH),
        "model_prob": float(model_prob) if model_prob is not None else 0.0,
        "model_agrees": float(row["model_type"] is not None and row["model_type"] == row["rule_type"]),
        "decided_by_model": float(row["decided_by"] == "model"),
        "no_model": float(model_prob is None),
        "source_coded": float(bool(row["source_code"])),
        "source_from_dictionary": float(row["source_code_source"] in ("dictionary", "user")),
        "target_coded": float(bool(target_code)),
        "no_target": float(not target_text),
        "negated_or_hypothetical": float(bool(modes & {"negation", "hypothetical"})),
        "reported": float(bool(row["reported"])),
    }


def _as_row(event: Event | dict[str, Any]) -> dict[str, Any]:
    if isinstance(event, dict):  # a stored mention; databases coded before v4 lack the verdict columns
        names = ("confidence", "model_prob", "model_type", "rule_type", "decided_by", "source_code",
                 "source_code_source", "target_text", "target_code", "reported")
        return {name: event.get(name) for name in names} | {"modes": event.get("plover_mode")}
    return {
        "confidence": event.confidence, "model_prob": event.model_prob, "model_type": event.model_type,
        "rule_type": event.rule_type, "decided_by": event.decided_by, "source_code": event.source.code,
        "source_code_source": event.source.code_source, "target_text": event.target.text if event.target else None,
        "target_code": event.target.code if event.target else None, "modes": event.plover.mode,
        "reported": event.reported,
    }


@lru_cache(maxsize=2)
def _coefficients(path: Path) -> dict[str, float] | None:
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = {name: float(data["coefficients"][name]) for name in ("intercept", *FEATURES)}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path} is not a valid calibration file ({exc}); restore it from the release "
                          "or refit it with tools/fit_calibration.py") from exc
    return weights


def calibrate(event: Event, path: Path = CALIBRATION_FILE) -> float:
    """The calibrated confidence of one event (its raw confidence when there is no calibration)."""
    weights = _coefficients(path)
    if weights is None:
        return event.confidence
    values = features(event)
    score = weights["intercept"] + sum(weights[name] * values[name] for name in FEATURES)
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score)))), 3)


def calibrated(events: list[Event], enabled: bool = True) -> list[Event]:
    """The events with their confidence calibrated in place (returned for chaining)."""
    if enabled:
        for event in events:
            event.confidence = calibrate(event)
    return events
