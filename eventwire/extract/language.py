"""Language of an article (ISO 639-1), with py3langid's offline model."""

from __future__ import annotations

import threading
from typing import Any

from eventwire.cache import cached

__all__ = ["detect_language"]

_lock = threading.Lock()
_identifier: Any = None
# Below this many letters a guess is noise ("OK", "0 : 0").
_MIN_LETTERS = 12
_SAMPLE_CHARS = 1000
_MIN_PROBABILITY = 0.5


def _get() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            # lazy (start-up): py3langid's model only on the first detection
            from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

            # unpacking the xz-compressed model cost ~0.6 s of every start-up; the unpacked arrays load fast
            _identifier = cached("langid", lambda: LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True),
                                 [MODEL_DIR / MODEL_FILE])
        return _identifier


def detect_language(text: str) -> str | None:
    """The text's language code (``en``, ``de``, ...) or None when the text is too short or unclear.

    A sample from the start is enough: articles are in one language and the classifier's cost grows
    with length.
    """
    sample = text[:_SAMPLE_CHARS]
    if sum(1 for ch in sample[:200] if ch.isalpha()) < _MIN_LETTERS:
        return None
    language, probability = _get().classify(sample)
    if probability < _MIN_PROBABILITY or language == "und":
        return None
    return str(language)
