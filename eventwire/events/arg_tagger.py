"""The learned argument finder: (PLOVER type, sentence) -> the source and target spans of that type's
events in the sentence, with a confidence each.

A MiniLM-L6 token tagger (BIO over SRC and TGT) trained by :mod:`eventwire.eval.train_args` and shipped as
an int8 ONNX file under ``eventwire/models/arg-minilm/``. It reads the type as the first segment of a
sentence pair (``[CLS] accuse [SEP] <sentence> [SEP]``): the type name is an English word the encoder
already knows, so the little annotated news it is trained on need not teach it what "accuse" means, and
one model answers for every type. Inference needs only onnxruntime and tokenizers (the classifier's
session code, :func:`eventwire.events.classifier._session`); torch is not imported.

Decoding is per word (a word takes its first word piece's probabilities): a word belongs to the role
(SRC or TGT) with the larger probability mass (B + I) when that mass is at least :data:`WORD_FLOOR`;
a run of words of one role is a span. B and I are not used to split a run: an unsure tagger gives
the first words of a long name B as often as I ("the | Japanese mother ship"), while conjoined actors
are split by the word between them ("Russia and China"). A span's confidence is the mean role mass of
its words; the caller sets the threshold a span needs.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from cachetools import LRUCache

from eventwire.events.classifier import MODELS_DIR, ModelFiles, _session, single_input_threads

__all__ = ["ARG_LABELS", "ARG_MODEL_NAME", "ArgTagger", "TaggedSpan", "decode_words", "get_arg_tagger"]

ARG_MODEL_NAME = "arg-minilm"
#: output order of the tagger's head; meta.json repeats it
ARG_LABELS: tuple[str, ...] = ("O", "B-SRC", "I-SRC", "B-TGT", "I-TGT")
#: role mass a word needs to be tagged at all: spans are built from such words, and the caller's
#: threshold (on the span's mean mass) then decides which spans are used
WORD_FLOOR = 0.3
MAX_TOKENS = 128
#: (type, sentence) answers kept for repeats: an outlet's boilerplate sentences, a story republished
#: under another id, the generated throughput corpus (87 distinct inputs among 3,247); ~3 KB each
ANSWERS_KEPT = 4096

WordProbs = tuple[list[tuple[int, int]], np.ndarray]


@dataclass(frozen=True)
class TaggedSpan:
    role: str  # SRC or TGT
    start: int  # char offsets into the sentence
    end: int
    confidence: float


def decode_words(words: list[tuple[int, int]], probs: np.ndarray, floor: float = WORD_FLOOR) -> list[TaggedSpan]:
    """Spans from per-word label probabilities: ``words`` are (start, end) char offsets, ``probs`` one
    row of :data:`ARG_LABELS` probabilities per word."""
    spans: list[TaggedSpan] = []
    current: tuple[str, int, int, list[float]] | None = None
    for (start, end), row in zip(words, probs, strict=True):
        src, tgt = float(row[1] + row[2]), float(row[3] + row[4])
        role, mass = ("SRC", src) if src >= tgt else ("TGT", tgt)
        if mass < floor:
            role = ""
        if current is not None and role != current[0]:
            spans.append(TaggedSpan(current[0], current[1], current[2], round(sum(current[3]) / len(current[3]), 4)))
            current = None
        if not role:
            continue
        current = (role, current[1] if current else start, end, [*(current[3] if current else []), mass])
    if current is not None:
        spans.append(TaggedSpan(current[0], current[1], current[2], round(sum(current[3]) / len(current[3]), 4)))
    return spans


class ArgTagger:
    """An int8 ONNX argument tagger with its tokenizer; thread-safe."""

    def __init__(self, directory: Path, *, threads: int = 0) -> None:
        # lazy (start-up): onnxruntime and tokenizers only when the tagger is first used
        import onnxruntime as ort
        from tokenizers import Tokenizer

        files = ModelFiles(Path(directory))
        self.meta: dict[str, Any] = json.loads(files.meta.read_text(encoding="utf-8"))
        self.name: str = str(self.meta.get("name", files.directory.name))
        self.version: str = str(self.meta.get("version", "0"))
        self._tokenizer = Tokenizer.from_file(str(files.tokenizer))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=int(self.meta.get("max_tokens", MAX_TOKENS)))
        self._session = _session(ort, files.onnx, threads)
        self._lock = threading.Lock()
        # each input is run alone, so an answer depends on its input only and can be kept: padding it
        # into a batch would move the int8 activations' scale (spans changed in 152 of 335 real-news
        # inputs that had any, batches of 6) for no CPU saved
        self._answers: LRUCache[tuple[str, str], WordProbs] = LRUCache(maxsize=ANSWERS_KEPT)

    def word_probs(self, plover: str, sentence: str) -> WordProbs:
        """The sentence's words (char offsets; only those inside the truncated input) and each
        word's label probabilities (its first word piece's); a repeated input is answered from memory."""
        key = (plover, sentence)
        with self._lock:
            kept = self._answers.get(key)
        if kept is not None:
            return kept
        answer = self._run(plover, sentence)
        with self._lock:
            self._answers[key] = answer
        return answer

    def _run(self, plover: str, sentence: str) -> WordProbs:
        with self._lock:
            enc = self._tokenizer.encode(plover.lower(), sentence)
        ids = np.array([enc.ids], dtype=np.int64)
        (probs,) = self._session.run(["probs"], {"input_ids": ids, "attention_mask": np.ones_like(ids)})
        words: dict[int, tuple[int, int, int]] = {}  # word id -> (start, end, first piece)
        for piece, (seq, word, (start, end)) in enumerate(zip(enc.sequence_ids, enc.word_ids, enc.offsets, strict=True)):
            if seq != 1 or word is None:
                continue
            first = words.get(word)
            words[word] = (first[0], end, first[2]) if first else (start, end, piece)
        ordered = [words[w] for w in sorted(words)]
        rows = np.asarray(probs[0], dtype=np.float64)[[p for _, _, p in ordered]] if ordered else np.zeros((0, 5))
        rows.setflags(write=False)  # kept and handed out again: nobody may change it
        return [(s, e) for s, e, _ in ordered], rows

    def tag(self, plover: str, sentence: str, floor: float = WORD_FLOOR) -> list[TaggedSpan]:
        """The SRC and TGT spans of ``plover`` events in the sentence, in text order."""
        words, probs = self.word_probs(plover, sentence)
        return decode_words(words, probs, floor)


@lru_cache(maxsize=2)
def _load(directory: str) -> ArgTagger | None:
    files = ModelFiles(Path(directory))
    return None if files.missing() else ArgTagger(files.directory, threads=single_input_threads())


def get_arg_tagger(directory: Path | str | None = None) -> ArgTagger | None:
    """The shipped tagger (cached), or None when its files are absent."""
    return _load(str(Path(directory or MODELS_DIR / ARG_MODEL_NAME).resolve()))
