"""Language of an article (ISO 639-1), with py3langid's offline model."""

from __future__ import annotations

import threading
from typing import Any

from eventwire.cache import cached_arrays

__all__ = ["detect_language"]

_lock = threading.Lock()
_identifier: Any = None
# Below this many letters a guess is noise ("OK", "0 : 0").
_MIN_LETTERS = 12
_SAMPLE_CHARS = 1000
_MIN_PROBABILITY = 0.5


def _unpacked_model() -> tuple[dict[str, Any], dict[str, Any]]:
    """py3langid's model as plain arrays (its file is xz-compressed: ~0.6 s to unpack)."""
    # lazy (start-up): only when the cache is (re)built, not on every start
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
    arrays = {"ptc": np.asarray(ptc), "pc": np.asarray(pc), "nextmove": np.frombuffer(nextmove, np.uint32),
              "row": np.frombuffer(row, np.uint16 if row.itemsize == 2 else np.uint32),
              "output": np.asarray(output, dtype=np.int32)}
    return arrays, {"classes": list(classes)}


def _get() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            # lazy (start-up): py3langid's model only on the first detection
            from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

            # mapped from the cache, not unpickled: the identifier walks its tables a few hundred times
            # per article, so only those pages are ever read (memoryviews index as fast as py3langid's
            # own arrays and lists, and give the same Python ints)
            arrays, meta = cached_arrays("langid", _unpacked_model, [MODEL_DIR / MODEL_FILE])
            views = {key: memoryview(arrays[key].data) for key in ("nextmove", "output", "row")}
            _identifier = LanguageIdentifier(arrays["ptc"], arrays["pc"], meta["classes"], views["nextmove"],
                                             views["output"], norm_probs=True, tk_row=views["row"])
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
