"""A confidence that means something: the chance that an event is right, from what predicts it.

Written for the eventwire project. The raw confidence of :mod:`eventwire.events.combine` blends the
rule's weight and the model's probability, but on real news it does not tell right events from wrong
ones: across the articles of the real-news gold's ``tune`` split, a logistic model on the raw value
predicts held-out articles worse than the overall share right does (``tools/fit_calibration.py``
prints that comparison). Most of what goes wrong on real news is the actors, and actors go wrong where
a sentence is long and crowded. So the final ``Event.confidence`` is a logistic regression over three
things the coder knows when it emits an event (``FEATURES``):

* ``irrealis``: the event is negated, hypothetical or future: a coder lists few of those;
* ``other_events_in_sentence``: how many other events the coder produced in the same sentence (up
  to 3): each is a rival reading of who did what to whom;
* ``sentence_tens_of_words``: the sentence's length in tens of words (capped at 60 words): the longer
  the sentence, the more actors a trigger can be attached to wrongly.

"Right" is what ``bench/realnews.py`` counts as right in its reliability table: the event matches a
gold event of the real-news development gold (same sentence, source and target) with the right
PLOVER type. The coefficients live in ``eventwire/data/events/calibration.json`` with what they were
fitted on and how they did on held-out articles. Without that file, or with
``EVENTWIRE_CALIBRATION=off``, the raw confidence is kept (the fitting script codes that way). The
calibration never decides which events are produced: the coder deduplicates on the raw confidence
first and calibrates after.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError
from eventwire.records import Event

__all__ = ["FEATURES", "CALIBRATION_FILE", "IRREALIS_MODES", "features", "calibrate", "calibrated"]

CALIBRATION_FILE = Path(__file__).resolve().parent.parent / "data" / "events" / "calibration.json"

#: what the coder knows about an event when it emits it; the names are the keys of calibration.json
FEATURES = ("irrealis", "other_events_in_sentence", "sentence_tens_of_words")
#: modes of an event that a coder rarely lists as having happened
IRREALIS_MODES = frozenset({"negation", "hypothetical", "future"})
#: caps that keep one extreme sentence from dominating the fit
MAX_OTHER_EVENTS = 3
MAX_WORDS = 60


def features(event: Event | dict[str, Any], events_in_sentence: int = 1) -> dict[str, float]:
    """The feature values of an event (an Event, or a stored mention row with its column names);
    ``events_in_sentence`` counts the events produced in its sentence, itself included."""
    if isinstance(event, dict):  # a stored mention row
        sentence, modes = str(event.get("sentence") or ""), set(event.get("plover_mode") or [])
    else:
        sentence, modes = event.sentence, set(event.plover.mode)
    return {
        "irrealis": float(bool(modes & IRREALIS_MODES)),
        "other_events_in_sentence": float(min(max(events_in_sentence - 1, 0), MAX_OTHER_EVENTS)),
        "sentence_tens_of_words": min(len(sentence.split()), MAX_WORDS) / 10.0,
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
                          "or refit it with tools/fit_calibration.py --write") from exc
    return weights


def calibrate(event: Event, path: Path = CALIBRATION_FILE, events_in_sentence: int = 1) -> float:
    """The calibrated confidence of one event (its raw confidence when there is no calibration)."""
    weights = _coefficients(path)
    if weights is None:
        return event.confidence
    values = features(event, events_in_sentence)
    score = weights["intercept"] + sum(weights[name] * values[name] for name in FEATURES)
    return round(1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score)))), 3)


def calibrated(events: list[Event], enabled: bool = True, path: Path = CALIBRATION_FILE) -> list[Event]:
    """One article's final events with their confidence calibrated in place (returned for chaining)."""
    if enabled:
        per_sentence = Counter(event.sentence_index for event in events)
        for event in events:
            event.confidence = calibrate(event, path, per_sentence[event.sentence_index])
    return events
