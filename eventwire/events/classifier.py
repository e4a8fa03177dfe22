"""The learned PLOVER classifier: (sentence, source, target) -> probabilities over the 16 PLOVER types.

A MiniLM-L6 sentence encoder fine-tuned by ``eventwire.eval.train`` and shipped as an int8 ONNX file
with its tokenizer under ``eventwire/models/<name>/``. Inference needs only onnxruntime and the
``tokenizers`` package: nothing is downloaded, and torch is not imported.

The source and target are marked in the text the model reads (source wrapped in ``[ ]``, target in
``{ }``), the same way at training and at inference: :func:`mark_sentence` is the single definition.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from eventwire.cache import cached_path
from eventwire.errors import ConfigError, InputError
from eventwire.events.ontology import default_cameo_for_plover
from eventwire.records import Plover
from eventwire.settings import get_settings

__all__ = [
    "MODEL_NAME",
    "MODELS_DIR",
    "PLOVER_LABELS",
    "PloverClassifier",
    "classify",
    "Triple",
    "get_classifier",
    "mark_sentence",
    "merge_yield",
    "single_input_threads",
]

log = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
MODEL_NAME = "plover-minilm"

# Output order of the model head; meta.json repeats it and is the authority when they differ.
PLOVER_LABELS: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

Span = tuple[int, int]
Triple = tuple[str, Span | None, Span | None]

SOURCE_MARKS = ("[", "]")
TARGET_MARKS = ("{", "}")
MAX_TOKENS = 128


def mark_sentence(sentence: str, source: Span | None, target: Span | None) -> str:
    """Wrap the source span in ``[ ]`` and the target span in ``{ }`` (char offsets into sentence).

    A missing or out-of-range span is left unmarked; when the spans overlap only the source is marked
    (an event of an actor with itself has no separate target to point at).
    """
    marks: list[tuple[int, int, tuple[str, str]]] = []
    n = len(sentence)
    source, target = _trim(sentence, source), _trim(sentence, target)
    if source is not None and 0 <= source[0] < source[1] <= n:
        marks.append((source[0], source[1], SOURCE_MARKS))
    if target is not None and 0 <= target[0] < target[1] <= n:
        overlaps = any(start < target[1] and target[0] < end for start, end, _ in marks)
        if not overlaps:
            marks.append((target[0], target[1], TARGET_MARKS))
    out = sentence
    # insert from the right so earlier offsets stay valid
    for start, end, (left, right) in sorted(marks, reverse=True):
        out = f"{out[:start]}{left} {out[start:end]} {right}{out[end:]}"
    return out


def _trim(sentence: str, span: Span | None) -> Span | None:
    """Shrink a span past surrounding whitespace (hand-marked spans often include a trailing space)."""
    if span is None:
        return None
    start, end = span
    while start < end and start < len(sentence) and sentence[start].isspace():
        start += 1
    while end > start and end <= len(sentence) and sentence[end - 1].isspace():
        end -= 1
    return (start, end)


def merge_yield(probs: dict[str, float]) -> dict[str, float]:
    """The 15-class view used by plv_train and the accuracy figure: CONCEDE + RETREAT -> YIELD."""
    merged = {k: v for k, v in probs.items() if k not in ("CONCEDE", "RETREAT")}
    merged["YIELD"] = probs.get("CONCEDE", 0.0) + probs.get("RETREAT", 0.0)
    return merged


@dataclass(frozen=True)
class ModelFiles:
    directory: Path

    @property
    def onnx(self) -> Path:
        return self.directory / "model.onnx"

    @property
    def tokenizer(self) -> Path:
        return self.directory / "tokenizer.json"

    @property
    def meta(self) -> Path:
        return self.directory / "meta.json"

    def missing(self) -> list[str]:
        return [p.name for p in (self.onnx, self.tokenizer, self.meta) if not p.is_file()]


class PloverClassifier:
    """An int8 ONNX PLOVER-type model with its tokenizer; thread-safe for prediction."""

    def __init__(self, directory: Path, *, threads: int = 0) -> None:
        # lazy (start-up): onnxruntime and tokenizers only when the classifier is first used
        import onnxruntime as ort
        from tokenizers import Tokenizer

        files = ModelFiles(Path(directory))
        missing = files.missing()
        if missing:
            raise ConfigError(
                f"classifier model in {files.directory} lacks {', '.join(missing)}; "
                "reinstall eventwire or run `make train` to rebuild it"
            )
        self.meta: dict[str, Any] = json.loads(files.meta.read_text(encoding="utf-8"))
        self.name: str = str(self.meta.get("name", files.directory.name))
        self.version: str = str(self.meta.get("version", "0"))
        self.labels: tuple[str, ...] = tuple(self.meta.get("labels", PLOVER_LABELS))
        max_tokens = int(self.meta.get("max_tokens", MAX_TOKENS))

        self._tokenizer = Tokenizer.from_file(str(files.tokenizer))
        self._tokenizer.enable_truncation(max_length=max_tokens)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 - a token, not a secret
        self._session = _session(ort, files.onnx, threads)
        self._input_names = {i.name for i in self._session.get_inputs()}
        # the tokenizer object keeps padding state: one caller at a time
        self._lock = threading.Lock()

    def predict(self, sentence: str, source: Span | None, target: Span | None) -> dict[str, float]:
        """Probabilities over the 16 PLOVER types (they sum to 1); spans are char offsets into sentence."""
        return self.predict_many([(sentence, source, target)])[0]

    def predict_many(self, triples: Sequence[Triple], batch_size: int = 32) -> list[dict[str, float]]:
        """Batched :meth:`predict`, in input order. Texts are grouped by length so padding stays small."""
        texts = [mark_sentence(s, src, tgt) for s, src, tgt in triples]
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        results: list[dict[str, float]] = [{} for _ in texts]
        for begin in range(0, len(order), max(1, batch_size)):
            chunk = order[begin:begin + batch_size]
            probs = self._run([texts[i] for i in chunk])
            for row, index in zip(probs, chunk, strict=True):
                results[index] = {label: float(p) for label, p in zip(self.labels, row, strict=True)}
        return results

    def predict_each(self, triples: Sequence[Triple]) -> list[dict[str, float]]:
        """:meth:`predict_many` with every input run alone, so an answer never depends on what else
        is asked: the int8 graph quantizes activations over the whole batch (neighbours move the
        probabilities by up to ~0.005). Costs ~7% more CPU than batches of 32."""
        return self.predict_many(triples, batch_size=1)

    def _run(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            encodings = self._tokenizer.encode_batch(texts)
        feeds = {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
        }
        if "token_type_ids" in self._input_names:
            feeds["token_type_ids"] = np.zeros_like(feeds["input_ids"])
        (probs,) = self._session.run(["probs"], feeds)
        result: np.ndarray = np.asarray(probs, dtype=np.float64)
        # the graph ends in softmax; renormalise away the float32 rounding
        result /= result.sum(axis=1, keepdims=True)
        return result


def single_input_threads() -> int:
    """Threads of a session that reads one short input per call (the argument tagger, the pair model):
    ``EVENTWIRE_ONNX_THREADS`` when set to a number, else one. A second thread on a ~35-piece input
    cost more CPU than it saved time: 3.39 -> 2.75 ms CPU a pass with one (the pair model on the
    throughput corpus, 2 shared cores), and the answers are the same to the last bit."""
    return get_settings().onnx_threads or 1


def _options(ort: Any, level: Any, threads: int) -> Any:
    options = ort.SessionOptions()
    options.graph_optimization_level = level
    # idle pool threads would busy-wait between batches, taking a core from spaCy (and from the
    # other worker process): measured 1.5x more triples per CPU-second without spinning
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    if threads > 0:
        options.intra_op_num_threads = threads
    return options


def _session(ort: Any, onnx: Path, threads: int) -> Any:
    """The inference session. Optimising the graph took ~0.1 s of every start-up: the optimised graph
    is kept in the cache directory and loaded as it is. Extended level, not all: the file then holds no
    hardware-specific layouts, and gives the same probabilities to the last bit as the graph optimised at
    load (checked on 200 real sentences); a file that does not load is ignored."""

    def optimise(path: Path) -> None:
        options = _options(ort, ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED, threads)
        options.optimized_model_filepath = str(path)
        ort.InferenceSession(str(onnx), sess_options=options, providers=["CPUExecutionProvider"])

    optimised = cached_path(f"onnx-{onnx.parent.name}", ".onnx", optimise, [onnx, f"onnxruntime {ort.__version__}"])
    if optimised is not None:
        try:
            return ort.InferenceSession(str(optimised), providers=["CPUExecutionProvider"],
                                        sess_options=_options(ort, ort.GraphOptimizationLevel.ORT_DISABLE_ALL, threads))
        except Exception:  # noqa: BLE001 - damaged or from another onnxruntime: optimise at load instead
            log.debug("cached optimised model %s did not load", optimised)
    return ort.InferenceSession(str(onnx), providers=["CPUExecutionProvider"],
                                sess_options=_options(ort, ort.GraphOptimizationLevel.ORT_ENABLE_ALL, threads))


_warned = False
_load_lock = threading.Lock()


@lru_cache(maxsize=4)
def _load(directory: str) -> PloverClassifier | None:
    global _warned
    files = ModelFiles(Path(directory))
    if files.missing():
        if not _warned:
            _warned = True
            log.warning(
                "PLOVER classifier not available (%s missing in %s): events are coded from the "
                "lexicon alone; run `make train` to build the model",
                ", ".join(files.missing()), directory,
            )
        return None
    return PloverClassifier(files.directory, threads=get_settings().onnx_threads)


def get_classifier(directory: Path | str | None = None) -> PloverClassifier | None:
    """The shipped classifier (cached), or None with a one-time warning when its files are absent."""
    path = Path(directory) if directory is not None else MODELS_DIR / MODEL_NAME
    with _load_lock:
        return _load(str(path.resolve()))


# ---------------------------------------------------------------- the eventwire.classify API

SpanArg = str | Span | Sequence[int] | None


def resolve_span(sentence: str, span: SpanArg, role: str) -> Span | None:
    """A span given as text (first occurrence, case-insensitive if need be) or as (start, end)."""

    if span is None or span == "":
        return None
    if isinstance(span, str):
        start = sentence.find(span)
        if start < 0:
            start = sentence.lower().find(span.lower())
        if start < 0:
            raise InputError(f"{role} {span!r} does not occur in the sentence; give text copied from it")
        return (start, start + len(span))
    if (len(span) == 2 and all(isinstance(x, int) for x in span)
            and 0 <= span[0] < span[1] <= len(sentence)):
        return (span[0], span[1])
    raise InputError(
        f"{role} {span!r} is not a text span nor (start, end) offsets within the sentence "
        f"(0..{len(sentence)})"
    )


def describe(probs: dict[str, float]) -> dict[str, Any]:
    """Classifier probabilities -> {plover: {type, mode, context}, cameo, confidence}."""
    best = max(probs.items(), key=lambda kv: kv[1])[0]
    return {
        "plover": Plover(type=best).to_dict(),
        "cameo": default_cameo_for_plover(best),
        "confidence": round(probs[best], 4),
    }


def classify(sentence: str, source: SpanArg = None, target: SpanArg = None) -> dict[str, Any]:
    """The PLOVER type of what source does to target in sentence, with a default CAMEO code.

    source and target are text found in the sentence, or (start, end) char offsets, or None.
    Returns ``{"plover": {"type", "mode", "context"}, "cameo", "confidence"}``. Raises InputError
    for a span that is not in the sentence and ConfigError when the model files are absent.
    """
    classifier = get_classifier()
    if classifier is None:
        raise ConfigError(
            f"the PLOVER classifier model is missing from {MODELS_DIR / MODEL_NAME}; "
            "reinstall eventwire or run `make train`"
        )
    probs = classifier.predict(
        sentence, resolve_span(sentence, source, "source"), resolve_span(sentence, target, "target")
    )
    return describe(probs)
