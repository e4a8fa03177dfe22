"""Reading captures: files, directories, standard input, gzip, HTML, text, JSONL and WARC.

:func:`read_sources` turns paths into :class:`~eventwire.records.RawDocument` records, lazily and
in a deterministic order (directories are walked recursively, sorted). What a file is comes from its
name (``.html``/``.htm``, ``.txt``, ``.jsonl``, ``.json``, ``.warc``, each optionally ``.gz``) and, when the
name says nothing, from its first bytes (WARC header, a JSON object, HTML tags, else plain text).
Gzip is recognised by its magic bytes, whatever the name.

Bad input never stops a run: a document that cannot be read is not yielded, and
``on_skip(uri, reason)`` is called instead (default: a warning on stderr). Limits come from
:mod:`eventwire.settings`: ``max_document_bytes`` per document (longer ones are cut and keep a
warning) and ``max_decompressed_bytes`` per compressed stream (decompression bombs).

Capture times: WARC records carry theirs (WARC-Date) and JSONL records may (``captured``); plain
files get none: a file's mtime says when it was copied, not when the page was captured.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator

from eventwire.records import RawDocument
from eventwire.settings import Settings, get_settings
from eventwire.sources.decode import decode_bytes, looks_binary
from eventwire.sources.files import (
    PEEK_BYTES,
    Location,
    NotRegularFile,
    capture_kind,
    expand_paths,
    open_input,
    open_location,
    read_capped,
    stream_problem,
)
from eventwire.sources.jsonl import read_json, read_jsonl
from eventwire.sources.remote import RemoteFile
from eventwire.sources.warc import read_warc

__all__ = ["read_sources", "decode_bytes", "warn_skip"]

SkipHandler = Callable[[str, str], None]
STDIN_NAME = "<stdin>"


def warn_skip(uri: str, reason: str) -> None:
    """The default ``on_skip``: one line on stderr."""
    print(f"eventwire: warning: skipped {uri}: {reason}", file=sys.stderr)


def read_sources(
    paths: Iterable[str], *, on_skip: SkipHandler | None = None, settings: Settings | None = None
) -> Iterator[RawDocument]:
    """Yield one RawDocument per readable capture in ``paths`` (files, directories, ``-`` for stdin,
    fsspec URLs of files, folders and globs: :mod:`eventwire.sources.remote`).

    ``settings`` defaults to the environment's (:func:`eventwire.settings.get_settings`).
    """
    skip = on_skip or warn_skip
    config = settings or get_settings()
    for name, path in expand_paths(list(paths), on_error=skip):
        display = STDIN_NAME if path is None else name
        if path is not None and not _exists(path):
            skip(display, "no such file or directory")
            continue
        try:
            yield from _read_one(display, path, skip, config)
        except NotRegularFile as exc:
            skip(display, str(exc))
        except OSError as exc:
            skip(display, f"cannot read: {exc.strerror or exc}")


def _exists(location: Location) -> bool:
    return location.kind != "missing" if isinstance(location, RemoteFile) else location.exists()


def _read_one(name: str, path: Location | None, skip: SkipHandler, config: Settings) -> Iterator[RawDocument]:
    stream, _ = open_input(path, config.max_decompressed_bytes)
    with stream:
        head = stream.peek(PEEK_BYTES)[:PEEK_BYTES]
        if not head.strip():
            problem = stream_problem(stream)
            skip(name, problem or "empty file")
            return
        kind = capture_kind(name if path is not None else None, head)
        if kind is None or (kind in ("html", "text") and looks_binary(head)):
            skip(name, "binary content (not HTML, text, JSONL or WARC)")
            return
        if kind == "warc":
            yield from _read_warc_file(name, path, stream, skip, config)
        elif kind == "jsonl":
            yield from read_jsonl(stream, name, config.max_document_bytes, skip)
            _report_problem(name, stream, skip)
        elif kind == "json":
            content, cut, problem = read_capped(stream, config.max_document_bytes)
            if cut or problem:
                skip(name, problem or "JSON file longer than max_document_bytes; use JSON Lines for big inputs")
                return
            yield from read_json(content, name, skip)
        else:
            yield from _read_document(name, kind, stream, skip, config)


def _read_warc_file(
    name: str, path: Location | None, stream: object, skip: SkipHandler, config: Settings
) -> Iterator[RawDocument]:
    # warcio handles per-record gzip itself and needs the compressed bytes, so a file is reopened raw;
    # standard input cannot be reopened and is read through the already-decompressed stream.
    if path is None:
        yield from read_warc(stream, name, config.max_document_bytes, config.max_decompressed_bytes, skip)  # type: ignore[arg-type]
        _report_problem(name, stream, skip)
        return
    with open_location(path) as raw:
        yield from read_warc(raw, name, config.max_document_bytes, config.max_decompressed_bytes, skip)


def _read_document(
    name: str, kind: str, stream: object, skip: SkipHandler, config: Settings
) -> Iterator[RawDocument]:
    content, cut, problem = read_capped(stream, config.max_document_bytes)  # type: ignore[arg-type]
    warnings: list[str] = []
    if cut:
        warnings.append(f"cut at {config.max_document_bytes} bytes (max_document_bytes)")
    if problem:
        if not content.strip():
            skip(name, problem)
            return
        warnings.append(f"{problem}; kept what could be read")
    if looks_binary(content):
        skip(name, "binary content (not HTML, text, JSONL or WARC)")
        return
    yield RawDocument(uri=name, kind=kind, content=content, warnings=warnings)


def _report_problem(name: str, stream: object, skip: SkipHandler) -> None:
    problem = stream_problem(stream)  # type: ignore[arg-type]
    if problem:
        skip(name, f"{problem}; the records before it were read")
