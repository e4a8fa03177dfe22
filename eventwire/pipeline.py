"""The whole pipeline: sources -> extract -> nlp -> actors -> events + quotes + places -> dedup -> store.

Idempotent: each input's digest is recorded, so a rerun skips it before extraction, and an article
whose id is already stored is skipped before NLP. Crash-safe: each batch is written in one
transaction, so a killed run loses at most the batch in flight and the next run completes it.
``recode=True`` re-codes stored articles (their stored text, no re-extraction) with the current
coder, leaving those already coded by this coder version as they are (so a recode can be resumed).
What is stored, skipped or failed is decided by the ingest coordinator the parallel runs share
(:mod:`eventwire.store.ingest`); this module reads, extracts and analyses, in this process.
"""

from __future__ import annotations

import hashlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from eventwire.errors import ConfigError
from eventwire.records import Article, RawDocument
from eventwire.settings import get_settings
from eventwire.stages import (
    Analysis,
    Counts,
    EventGate,
    StageFailure,
    Stages,
    analyse,
    extract_document,
    get_stages,
)
from eventwire.store.ingest import Ingest, Queued, ingesting
from eventwire.store.seen import Seen
from eventwire.store.writer import Failure

__all__ = ["run", "RunSummary", "input_digest", "Progress", "Offload"]


class Offload(Protocol):
    """Extraction and analysis done elsewhere (``watch``'s child processes,
    :class:`eventwire.feeds.stage_pool.StagePool`): the same per-document functions as in this process,
    one result per input, in order. This process still decides what is stored and writes it."""

    def extract(self, raws: Sequence[RawDocument]) -> list[Article | Failure]: ...

    def analyse(self, articles: Sequence[Article]) -> list[Analysis | Failure]: ...


@dataclass
class RunSummary(Counts):
    """The counts of one run (:class:`~eventwire.stages.Counts`), where and how long."""

    run_id: str = ""
    db: str = ""
    seconds: float = 0.0
    max_batch_chars: int = 0

    def line(self) -> str:
        rate = self.documents / self.seconds if self.seconds else 0.0
        capped = (f"; {self.batches_capped} batches held to {self.max_batch_chars} characters of text "
                  f"(EVENTWIRE_MAX_BATCH_CHARS)" if self.batches_capped else "")
        return (
            f"{self.documents} documents in {self.seconds:.1f}s ({rate:.1f}/s): {self.added} added, "
            f"{self.recoded} recoded, {self.skipped} already stored, {self.failed} failed; "
            f"{self.mentions} event mentions, {self.warnings} warnings{capped} -> {self.db}"
        )


class Progress:
    """A progress bar on stderr when it is a terminal (tqdm: documents done, of how many when known,
    rate and ETA, mentions, failures); nothing otherwise (the summary line says it all in a log).

    ``total`` is asked on every redraw: the CLI counts the inputs in a background thread, so the total
    (and the ETA) appear as soon as the count is done, without delaying the start.
    """

    def __init__(self, enabled: bool = True, total: Callable[[], int | None] | None = None) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.total = total
        self._bar: Any = None

    def update(self, summary: RunSummary, force: bool = False) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            # lazy (start-up): tqdm only when a progress bar is shown
            from tqdm import tqdm

            self._bar = tqdm(total=None, unit="doc", dynamic_ncols=True, mininterval=0.2, leave=False)
        known = self.total() if self.total else None
        if known is not None and self._bar.total != known:
            self._bar.total = known
        self._bar.set_postfix_str(f"{summary.mentions} event mentions, {summary.failed} failed", refresh=False)
        self._bar.update(summary.documents - self._bar.n)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()


def input_digest(raw: RawDocument) -> str:
    """What identifies an input before extraction: its bytes plus the metadata extraction reads."""
    digest = hashlib.sha1()
    for part in (raw.kind, raw.url or "", raw.title or "", raw.published or ""):
        digest.update(part.encode("utf-8", "replace") + b"\x1f")
    if raw.source:  # only when given, so the digests of captures without one stay as they were
        digest.update(b"source\x1f" + raw.source.encode("utf-8", "replace"))
    if raw.content is not None:
        digest.update(raw.content)
    if raw.text is not None:
        digest.update(raw.text.encode("utf-8", "replace"))
    return digest.hexdigest()


def _read_sources(paths: Sequence[str], on_skip: Callable[[str, str], None]) -> Iterator[RawDocument]:
    try:
        # lazy (start-up): the readers (warcio, charset detection) only when there are inputs
        from eventwire.sources import read_sources
    except ImportError as exc:
        raise ConfigError(f"the sources stage is not available in this installation ({exc})") from exc
    return read_sources(paths, on_skip=on_skip)


def run(
    paths: Sequence[str] = (),
    *,
    db: str | Path | None = None,
    recode: bool = False,
    actor_files: Sequence[Path] = (),
    batch_size: int | None = None,
    stages: Stages | None = None,
    documents: Iterable[RawDocument] | None = None,
    progress: bool = False,
    command: str = "run",
    progress_total: Callable[[], int | None] | None = None,
    gate: EventGate | None = None,
    seen: Seen | None = None,
    offload: Offload | None = None,
) -> RunSummary:
    """Run the pipeline over ``paths`` (or the given ``documents``) into the database ``db``.

    Returns the summary; failures are in ``summary.failures`` (and in the ``run_failures`` table).
    ``seen``: what the run looks up before working (:mod:`eventwire.store.seen`), kept across runs by a
    long-lived caller such as ``watch``; by default loaded whole for this run. ``offload``: extract and
    analyse ``documents`` there instead of in this process (``stages`` then only names the coder version).
    Raises :class:`DatabaseError` for a database it must not touch and :class:`ConfigError` for bad settings.
    """
    settings = get_settings()
    db_path = Path(db) if db else settings.db
    size = batch_size or settings.batch_size
    if size < 1:
        raise ConfigError("the batch size must be at least 1 (EVENTWIRE_BATCH_SIZE)")
    files = [*settings.actor_files(), *actor_files]
    stages = stages or get_stages(settings.stages, files, gate)
    summary = RunSummary(db=str(db_path), max_batch_chars=settings.max_batch_chars)
    started = time.monotonic()
    display = Progress(progress, progress_total)
    try:
        analyser = _analyser(stages) if offload is None else _offloaded_analyser(offload)
        with ingesting(db_path, command, stages.version, summary, analyser, actor_files=files,
                       batch_size=size, max_batch_chars=settings.max_batch_chars, recode=recode,
                       on_progress=lambda: display.update(summary), seen=seen) as ingest:
            summary.run_id = ingest.run_id
            if recode and not paths and documents is None:
                for article in ingest.stored_to_recode():
                    ingest.recode_stored(article)
            elif offload is not None and documents is not None:
                _feed_offloaded(ingest, offload, list(documents))
            else:
                _feed(ingest, stages, documents, paths)
    finally:
        summary.seconds = time.monotonic() - started
        display.update(summary, force=True)
        display.close()
    return summary


def _analyser(stages: Stages) -> Callable[[list[Queued]], None]:
    """Parse a batch's articles and analyse each (:func:`eventwire.stages.analyse`)."""

    def analyse_batch(queued: list[Queued]) -> None:
        for doc, item in stages.parse((item.article.text, item) for item in queued):
            try:
                item.found = analyse(stages, doc, item.article)
            except StageFailure as failure:
                item.found = Failure(item.article.uri, failure.stage, failure.reason)

    return analyse_batch


def _feed(ingest: Ingest, stages: Stages, documents: Iterable[RawDocument] | None, paths: Sequence[str]) -> None:
    """Each input in order: skipped on its digest before extraction, or extracted and handed on."""

    def on_skip(uri: str, reason: str) -> None:  # the reader is between two inputs: no batch closes here
        ingest.failed(uri, "read", reason, check=False)

    for raw in documents if documents is not None else _read_sources(paths, on_skip):
        digest = input_digest(raw)
        if ingest.already_stored(digest):
            continue
        try:
            article = extract_document(stages.extract, raw)
        except StageFailure as failure:
            ingest.failed(raw.uri, failure.stage, failure.reason)
        else:
            ingest.add(article, digest, raw.uri)


def _offloaded_analyser(offload: Offload) -> Callable[[list[Queued]], None]:
    def analyse_batch(queued: list[Queued]) -> None:
        for item, found in zip(queued, offload.analyse([item.article for item in queued]), strict=True):
            item.found = found

    return analyse_batch


def _feed_offloaded(ingest: Ingest, offload: Offload, documents: list[RawDocument]) -> None:
    """:func:`_feed` with the extraction done elsewhere in one call: every input not stored yet (the
    first of each digest) is extracted up front, then the inputs are replayed in order through the same
    rules, so what is stored, skipped and failed is what :func:`_feed` decides."""
    digests = [input_digest(raw) for raw in documents]
    todo: dict[str, RawDocument] = {}
    for raw, digest in zip(documents, digests, strict=True):
        if digest not in todo and not ingest.knows_input(digest):
            todo[digest] = raw
    extracted = dict(zip(todo, offload.extract(list(todo.values())), strict=True))
    for raw, digest in zip(documents, digests, strict=True):
        if ingest.already_stored(digest):
            continue
        found = extracted[digest]
        if isinstance(found, Failure):
            ingest.failed(raw.uri, found.stage, found.reason)
        else:
            ingest.add(found, digest, raw.uri)
