"""The stage configurations the pipeline runs: ``full`` (the real extractors, spaCy, resolver and
coder) and ``light`` (a tokenizer-only stand-in used to exercise storage, crash safety and reruns fast).

Both feed exactly the same storage path (:mod:`eventwire.store.writer`); ``light`` only swaps the
language stages, selected with the ``stages`` setting (``EVENTWIRE_STAGES=light``).
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import eventwire
from eventwire.errors import ConfigError, EventwireError, InputError
from eventwire.records import Actor, Article, Event, Place, Plover, Quote, RawDocument, Span
from eventwire.settings import get_settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from eventwire.store.writer import Failure

__all__ = ["EventGate", "Stages", "Analysis", "Counts", "StageFailure", "extract_document", "code_events", "analyse",
           "code_text", "coding_stages", "get_stages", "full_stages", "light_stages", "coder_version",
           "coding_settings", "CODING_SETTINGS"]

DATA = Path(__file__).resolve().parent / "data"
# data that changes how events are coded; places and the light triggers do not
_CODER_DATA_SKIP = {"places", "pipeline"}
# the code that decides what is stored for an article: a change to it must recode on the next `run`
# as a change to the data does (a checkout between releases keeps the same version number)
_CODER_SOURCES = ("actors", "events", "extract", "dates.py", "dedup.py", "gazetteer.py", "nlp.py", "nlp_index.py",
                  "nlp_rules.py", "places.py", "quotes.py", "records.py", "stages.py")
# settings that change which events the full coder stores (docs/settings.md): their values are part of the
# coder version as the data's bytes are, so that `run --recode` after switching one codes the articles anew
CODING_SETTINGS = ("calibration", "pair_verdict", "pair_model", "arg_proposals", "arg_propose_at")


@dataclass(frozen=True)
class EventGate:
    """What ``run --min-confidence/--coded-only`` keeps: the rule of the query filters of the same
    names (:func:`eventwire.read.filters.passes_quality`), applied before anything is stored. A gate
    is part of the coder version, so a rerun with another gate re-codes (``--recode``)."""

    min_confidence: float | None = None
    coded_only: bool = False

    def keep(self, events: list[Event]) -> list[Event]:
        if self.min_confidence is None and not self.coded_only:
            return events
        from eventwire.read.filters import passes_quality  # the read layer is not needed otherwise

        return [e for e in events if passes_quality(e, self.min_confidence, self.coded_only)]

    def tag(self) -> str:
        """The gate's part of the coder version: empty for the default (keep everything)."""
        parts = ([f"min{self.min_confidence:g}"] if self.min_confidence is not None else []) + \
            (["coded"] if self.coded_only else [])
        return "+" + "-".join(parts) if parts else ""


@dataclass
class Stages:
    """The callables one pipeline run uses, and the coder version that identifies them."""

    name: str
    extract: Callable[[RawDocument], Article]
    parse: Callable[..., Iterator[tuple[Doc, Any]]]  # (items, batch_size=None): (Doc, context) in order
    actors: Callable[[Doc, Article], list[Actor]]
    events: Callable[[Doc, Article, list[Actor]], list[Event]]
    quotes: Callable[[Doc, Article, list[Actor]], list[Quote]]
    places: Callable[[Doc, Article], list[Place]]
    locate: Callable[[list[Event], list[Place], Article], None]
    version: str
    gate: EventGate = field(default_factory=EventGate)


@dataclass
class Analysis:
    """What the stages after parsing made of one article."""

    actors: list[Actor]
    events: list[Event]
    quotes: list[Quote]
    places: list[Place]


@dataclass
class Counts:
    """The one counts record of a run, whichever runner fills it (the ingest coordinator,
    :mod:`eventwire.store.ingest`, does; the run summaries extend it). Here rather than in ``store``
    so that a parallel run's coordinator need not import DuckDB before its workers start."""

    documents: int = 0
    added: int = 0
    skipped: int = 0
    recoded: int = 0
    failed: int = 0
    mentions: int = 0
    warnings: int = 0
    batches_capped: int = 0  # batches closed early by max_batch_chars (long texts)
    failures: list[Failure] = field(default_factory=list)


class StageFailure(Exception):
    """One document failed in ``stage``; the run records it (``reason``) and goes on with the others.
    ``internal`` when the error is not one of eventwire's own (a bug worth reporting)."""

    def __init__(self, stage: str, error: Exception, reason: str | None = None) -> None:
        super().__init__(f"{type(error).__name__}: {error}" if reason is None else reason)
        self.stage = stage
        self.error = error
        self.reason = str(self)
        self.internal = not isinstance(error, EventwireError)


# The one error policy of every per-document step (extract_document, analyse), shared by the run,
# the workers and the commands that read captures: a ConfigError (a broken setting or data file
# fails every document) propagates and stops the run; any other error is this document's alone and
# becomes a StageFailure, which the caller records as a skip with its reason and goes on.


def extract_document(extract: Callable[[RawDocument], Article], raw: RawDocument) -> Article:
    """The article of one input, by ``extract`` (``Stages.extract``, or the full extractor for the
    commands): an ``EventwireError`` (no article, unreadable) keeps its own message as the reason,
    anything else (an extractor bug) is named by its type."""
    try:
        return extract(raw)
    except ConfigError:
        raise
    except EventwireError as exc:
        raise StageFailure("extract", exc, str(exc)) from exc
    except Exception as exc:  # an extractor bug on one capture must not stop the run
        raise StageFailure("extract", exc) from exc


@contextmanager
def _stage(name: str) -> Iterator[None]:
    """The policy above, for one stage of one document."""
    try:
        yield
    except (ConfigError, StageFailure):
        raise
    except Exception as exc:  # one bad document must not stop the run
        raise StageFailure(name, exc) from exc


def code_events(stages: Stages, doc: Doc, article: Article) -> tuple[list[Actor], list[Event]]:
    """Actors, then the events the gate keeps, of one parsed article: the coding that the run (by
    :func:`analyse`), ``eventwire code``, :func:`code_text` and the evaluation share."""
    with _stage("actors"):
        actors = stages.actors(doc, article)
    with _stage("events"):
        events = stages.gate.keep(stages.events(doc, article, actors))
    return actors, events


def analyse(stages: Stages, doc: Doc, article: Article) -> Analysis:
    """Actors, events, quotes and places of one parsed article: the one per-document path that the
    single-process run and every parallel worker share, so both store exactly the same rows."""
    actors, events = code_events(stages, doc, article)
    with _stage("quotes"):
        quotes = stages.quotes(doc, article, actors)
    with _stage("places"):
        places = stages.places(doc, article)
        stages.locate(events, places, article)
    return Analysis(actors, events, quotes, places)


def coder_version(name: str, extra_files: Sequence[Path] = (), roots: Sequence[Path] | None = None) -> str:
    """eventwire version + digest of the coding data: by default every data folder that changes how
    events are coded (lexicon, dictionaries, ontology), the models and the coding stages' source code,
    plus user actor files and, for the full coder, the values of ``CODING_SETTINGS``."""
    digest = hashlib.sha1(name.encode())
    if name.startswith("full"):
        digest.update(coding_settings().encode())
    for root in _coding_roots() if roots is None else roots:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file() and _coding_file(p))
        for path in files:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    for path in extra_files:
        digest.update(Path(path).read_bytes())
    return f"eventwire-{eventwire.__version__}+{name}.{digest.hexdigest()[:12]}"


def coding_settings() -> str:
    """The values of the settings that change what the full coder stores, as one line."""
    settings = get_settings()
    return " ".join(f"{name}={getattr(settings, name)}" for name in CODING_SETTINGS)


def _coding_roots() -> list[Path]:
    """The data folders, the models and the source code whose bytes make the default coder version."""
    roots = [p for p in sorted(DATA.iterdir()) if p.name not in _CODER_DATA_SKIP] if DATA.is_dir() else []
    package = Path(__file__).resolve().parent
    if (package / "models").is_dir():
        roots.append(package / "models")
    return roots + [package / name for name in _CODER_SOURCES if (package / name).exists()]


def _coding_file(path: Path) -> bool:
    """A file whose bytes can change the coding: not compiled bytecode, which differs by interpreter
    and is rewritten by imports without any change to what is coded."""
    return path.suffix != ".pyc" and "__pycache__" not in path.parts


def _missing(stage: str, exc: ImportError) -> ConfigError:
    return ConfigError(
        f"the {stage} stage is not available in this installation ({exc}); reinstall eventwire, "
        f"or set EVENTWIRE_STAGES=light to exercise storage only"
    )


def full_stages(actor_files: Sequence[Path] = (), lexicon_files: Sequence[Path] = (), model: bool = True) -> Stages:
    """The real pipeline: extraction, spaCy, the actor resolver, the event coder, quotes and places.

    ``actor_files``: the whole list of actor dictionaries (empty: the ``actors`` setting's);
    ``lexicon_files`` add event rules; ``model=False`` codes from the lexicon alone. Each stage is
    imported on its first use, so a rerun that finds every input already stored never loads spaCy
    or the dictionaries; the resolver, lexicon and classifier are the process-wide cached ones.
    """
    # lazy (start-up): each stage's libraries only when the configuration uses that stage
    from eventwire import places, quotes

    def extract(raw: RawDocument) -> Article:
        try:
            # lazy (start-up): each stage's libraries only when the configuration uses that stage
            from eventwire.extract import extract_article
        except ImportError as exc:
            raise _missing("extract", exc) from exc
        return extract_article(raw)

    def parse(items: Iterable[tuple[str, Any]], batch_size: int | None = None) -> Iterator[tuple[Doc, Any]]:
        # lazy (start-up): each stage's libraries only when the configuration uses that stage
        from eventwire.nlp import parse_with_context

        return parse_with_context(items, batch_size=batch_size)

    def resolve(doc: Doc, article: Article) -> list[Actor]:
        try:
            # lazy (start-up): each stage's libraries only when the configuration uses that stage
            from eventwire.actors import resolve_actors
        except ImportError as exc:
            raise _missing("actors", exc) from exc
        return resolve_actors(doc, article.published, article.title, article.dateline.country,
                              files=actor_files or None)

    def code(doc: Doc, article: Article, actors: list[Actor]) -> list[Event]:
        try:
            # lazy (start-up): each stage's libraries only when the configuration uses that stage
            from eventwire.events.coder import code_doc
            from eventwire.events.lexicon import get_lexicon
        except ImportError as exc:
            raise _missing("event coder", exc) from exc
        lexicon = get_lexicon(lexicon_files)
        return code_doc(doc, article, actors, lexicon=lexicon) if model else \
            code_doc(doc, article, actors, lexicon=lexicon, classifier=None)

    return Stages(
        name="full",
        extract=extract,
        parse=parse,
        actors=resolve,
        events=code,
        quotes=quotes.find_quotes,
        places=places.find_places,
        locate=places.locate_events,
        version=coder_version("full" if model else "full-lexicon", [*actor_files, *lexicon_files]),
    )


def coding_stages(actor_files: tuple[Path, ...] = (), lexicon_files: tuple[Path, ...] = (), model: bool = True,
                  gate: EventGate = EventGate()) -> Stages:  # noqa: B008 - frozen, so a safe default
    """The full stages for coding without a run (``code_text``, ``eventwire code``, evaluation),
    built once per configuration: their version hashes the data files (~0.25 s). The settings of
    ``CODING_SETTINGS`` are part of the configuration, so switching one (the environment is read at
    each call) builds stages whose version says so instead of returning the ones built before."""
    return _built_stages(actor_files, lexicon_files, model, gate, coding_settings())


@cache
def _built_stages(actor_files: tuple[Path, ...], lexicon_files: tuple[Path, ...], model: bool, gate: EventGate,
                  settings: str) -> Stages:
    del settings  # only a key of the cache: full_stages reads the settings themselves
    stages = full_stages(actor_files, lexicon_files, model)
    return replace(stages, gate=gate) if gate.tag() else stages


def code_text(text: str, published: str | None = None) -> list[Event]:
    """Code plain article text: extract (dateline, credits), parse, resolve actors, code events, with
    the stages every run uses (the full ones, whatever ``EVENTWIRE_STAGES`` says)."""
    stages = coding_stages()
    article = _article_for_text(text, published)
    for doc, _ in stages.parse([(article.text, None)]):
        try:
            return code_events(stages, doc, article)[1]
        except StageFailure as failure:
            raise failure.error  # noqa: B904 - a library call: the caller sees the error itself
    return []


def _article_for_text(text: str, published: str | None) -> Article:
    try:
        # lazy (start-up): each stage's libraries only when the configuration uses that stage
        from eventwire.extract import extract_text
    except ImportError:  # the extract layer is optional for coding plain text
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
        return Article(id=digest, uri="<text>", text=text, published=published)
    return extract_text(text, published=published)


# -- light ------------------------------------------------------------------------------------------


def _light_extract(raw: RawDocument) -> Article:
    if raw.text is not None:
        text = raw.text
    elif raw.content is not None:
        text = raw.content.decode("utf-8", errors="replace")
        if raw.kind == "html":
            text = re.sub(r"<[^>]+>", " ", text)
    else:
        text = ""
    # the same cap as the full extractor (the tokenizer refuses texts over nlp.max_length), not silent
    text, limit = text.strip(), get_settings().max_text_chars
    warnings: list[str] = []
    if len(text) > limit:
        warnings.append(f"text cut at {limit} of {len(text)} characters (raise EVENTWIRE_MAX_TEXT_CHARS to keep more)")
        text = text[:limit]
    if not text:
        raise InputError(f"{raw.uri}: no text")
    ident = hashlib.sha1(f"{raw.url or raw.uri}\n{text}".encode()).hexdigest()[:16]
    return Article(id=ident, uri=raw.uri, url=raw.url, title=raw.title, text=text, published=raw.published,
                   warnings=warnings)


@lru_cache(maxsize=1)
def _light_tables() -> tuple[Any, dict[str, tuple[str, str]], dict[str, list[str]]]:
    # lazy (start-up): each stage's libraries only when the configuration uses that stage
    from eventwire.gazetteer import countries as country_table

    countries = {c["name"]: (c["iso3"], c["name"]) for c in country_table().values()}
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(countries, key=len, reverse=True)) + r")\b")
    with (DATA / "pipeline" / "light_triggers.tsv").open(encoding="utf-8") as handle:
        rows = [r for r in csv.reader(handle, delimiter="\t") if r and not r[0].startswith("#")]
    triggers = {r[0]: r[1:] for r in rows[1:]}
    return pattern, countries, triggers


def _light_parse(items: Iterable[tuple[str, Any]], batch_size: int | None = None) -> Iterator[tuple[Doc, Any]]:
    yield from _blank().pipe(items, as_tuples=True, batch_size=batch_size)


@lru_cache(maxsize=1)
def _blank() -> Any:
    # lazy (start-up): each stage's libraries only when the configuration uses that stage
    from eventwire.spacy_import import import_spacy

    nlp = import_spacy().blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _light_actors(doc: Doc, article: Article) -> list[Actor]:
    pattern, countries, _ = _light_tables()
    return [
        Actor(text=m.group(0), start=m.start(), end=m.end(), code=countries[m.group(0)][0],
              country=countries[m.group(0)][0], name=m.group(0), kind="state", role_source="dictionary")
        for m in pattern.finditer(doc.text)
    ]


def _light_events(doc: Doc, article: Article, actors: list[Actor]) -> list[Event]:
    _, _, triggers = _light_tables()
    events: list[Event] = []
    for index, sent in enumerate(doc.sents):
        inside = [a for a in actors if sent.start_char <= a.start and a.end <= sent.end_char]
        for token in sent:
            info = triggers.get(token.lower_)
            if not info:
                continue
            before = [a for a in inside if a.end <= token.idx]
            after = [a for a in inside if a.start >= token.idx + len(token)]
            if not before:
                continue
            cameo, root, plover, goldstein, quad = info
            off = sent.start_char

            def local(a: Actor, off: int = off) -> Actor:
                return Actor(**{**a.to_dict(), "start": a.start - off, "end": a.end - off})

            events.append(Event(
                id=f"{article.id}-{index}-{token.i}", article_id=article.id, sentence_index=index,
                sentence=sent.text, trigger=Span(token.text, token.idx - off, token.idx - off + len(token)),
                source=local(before[-1]), target=local(after[0]) if after else None, cameo=cameo,
                cameo_root=root, plover=Plover(plover), goldstein=float(goldstein), quad_class=int(quad),
                date=(article.published or "")[:10] or None, date_source="publication",
                rule=f"light:{token.lower_}", confidence=0.5,
            ))
    return events


def light_stages() -> Stages:
    # lazy (start-up): each stage's libraries only when the configuration uses that stage
    from eventwire import places, quotes

    return Stages(
        name="light",
        extract=_light_extract,
        parse=_light_parse,
        actors=_light_actors,
        events=_light_events,
        quotes=quotes.find_quotes,
        places=places.find_places,
        locate=places.locate_events,
        version=coder_version("light", roots=[DATA / "pipeline" / "light_triggers.tsv"]),
    )


def get_stages(name: str, actor_files: Sequence[Path] = (), gate: EventGate | None = None) -> Stages:
    if name == "full":
        stages = full_stages(actor_files)
    elif name == "light":
        stages = light_stages()
    else:
        raise ConfigError(f"EVENTWIRE_STAGES={name!r} is not a stage configuration; use 'full' or 'light'")
    if gate is None or not gate.tag():
        return stages
    return replace(stages, gate=gate, version=stages.version + gate.tag())

