"""JSON Lines captures: one object per line with ``url``, ``html``, ``text``, ``title``, ``published``,
and optionally ``captured`` and ``source`` (the publisher's name, kept as the article's source).

A record with ``html`` becomes an HTML document (its text is re-encoded as UTF-8 bytes and declared
so); one with only ``text`` becomes a text document. A line that is not a JSON object, or has
neither field, is skipped with its line number; the lines after it are still read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any, BinaryIO

from eventwire.records import RawDocument

__all__ = ["read_jsonl", "read_json", "parse_timestamp", "missing_text_reason", "is_record_line"]

# JSON may spell a lone UTF-16 surrogate ("\\ud83d"); Python keeps it in the string, and every later
# UTF-8 encode (digest, database, JSON output) would fail on it: it is replaced when read.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_FIELDS = ("url", "html", "text", "title", "published", "captured")
# A file whose first lines are all bad is not JSON Lines at all: stop after this many, with one reason.
_GIVE_UP_AFTER_BAD_LINES = 20


def parse_timestamp(value: Any) -> datetime | None:
    """An ISO 8601 string (``Z`` allowed) as an aware datetime (naive ones are taken as UTC)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _text_field(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    return value if isinstance(value, str) and value.strip() else None


def _without_surrogates(record: dict[str, Any], warnings: list[str]) -> dict[str, Any]:
    """The record with lone surrogates in its text fields replaced by U+FFFD (one warning per field)."""
    for name in _TEXT_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and not value.isascii() and _LONE_SURROGATE.search(value):
            record = {**record, name: _LONE_SURROGATE.sub("\ufffd", value)}
            warnings.append(f"lone surrogate escapes in '{name}' replaced by U+FFFD")
    return record


def missing_text_reason(record: dict[str, Any]) -> str:
    """Why a record gives no document: no field at all, or fields that hold no text."""
    present = [name for name in ("html", "text") if name in record]
    if not present:
        return "has neither an 'html' nor a 'text' field"
    return " and ".join(f"'{name}'" for name in present) + (" is" if len(present) == 1 else " are") + \
        " empty or not a string"


def _document(record: dict[str, Any], uri: str) -> RawDocument | None:
    warnings: list[str] = []
    record = _without_surrogates(record, warnings)
    html, text = _text_field(record, "html"), _text_field(record, "text")
    if html is None and text is None:
        return None
    captured = parse_timestamp(record.get("captured"))
    if record.get("captured") and captured is None:
        warnings.append(f"captured time {record.get('captured')!r} is not ISO 8601; ignored")
    published = record.get("published")
    common: dict[str, Any] = {
        "uri": uri,
        "url": _text_field(record, "url"),
        "captured": captured,
        "title": _text_field(record, "title"),
        "source": _text_field(record, "source"),
        "published": str(published) if published not in (None, "") else None,
        "warnings": warnings,
    }
    if html is not None:
        return RawDocument(kind="html", content=html.encode("utf-8", errors="replace"), charset="utf-8", **common)
    return RawDocument(kind="text", text=text, **common)


def is_record_line(line: bytes) -> bool:
    """Whether one JSONL line is a record that becomes a document (a JSON object with html or text)."""
    try:
        record = json.loads(line.decode("utf-8", errors="replace"))
    except (ValueError, RecursionError):
        return False
    return isinstance(record, dict) and _document(record, "") is not None


def read_jsonl(
    stream: BinaryIO, name: str, max_line_bytes: int, on_skip: Callable[[str, str], None], *,
    lines_before: int = 0, records_before: bool = False,
) -> Iterator[RawDocument]:
    """Documents from a JSONL stream; ``uri`` is ``name#line`` (1-based line numbers).

    A byte range of a file (eventwire.scale) is read with the ``lines_before`` it (numbering goes on
    from there) and ``records_before`` = True when a good record came before it (bad lines are then
    reported one by one, as they would be in a read of the whole file).
    """
    number, good, bad = lines_before, int(records_before), 0
    held: list[tuple[str, str]] = []
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            for held_uri, held_problem in held:
                on_skip(held_uri, held_problem)
            return
        number += 1
        uri = f"{name}#{number}"
        if len(line) > max_line_bytes and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the over-long line in bounded steps
                line = stream.readline(1 << 20)
            on_skip(uri, f"line {number} is longer than max_document_bytes ({max_line_bytes}); skipped")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line.decode("utf-8", errors="replace"))
            problem = None if isinstance(record, dict) else f"line {number} is not a JSON object"
        except RecursionError:  # "[[[[..." 10,000 deep: the json module recurses per level
            problem = f"line {number} is nested too deeply to read"
        except ValueError as exc:
            problem = f"line {number} is not valid JSON ({exc.args[0] if exc.args else exc})"
        if problem is not None:
            bad += 1
            if good:
                on_skip(uri, problem)
                continue
            # before the first good record, hold the reasons: a file that is not JSON Lines at all
            # gets one reason instead of one per line
            held.append((uri, problem))
            if bad >= _GIVE_UP_AFTER_BAD_LINES:
                on_skip(name, f"not JSON Lines (the first {bad} lines are not JSON objects); file skipped")
                return
            continue
        document = _document(record, uri)
        if document is None:
            on_skip(uri, f"line {number} {missing_text_reason(record)}")
            continue
        good += 1
        for held_uri, held_problem in held:
            on_skip(held_uri, held_problem)
        held.clear()
        yield document


def read_json(content: bytes, name: str, on_skip: Callable[[str, str], None]) -> Iterator[RawDocument]:
    """A ``.json`` file: one record (``uri`` = name) or a list of records (``name#index``, 1-based)."""
    try:
        data = json.loads(content.decode("utf-8", errors="replace"))
    except RecursionError:
        on_skip(name, "JSON nested too deeply to read")
        return
    except ValueError as exc:
        on_skip(name, f"not valid JSON ({exc.args[0] if exc.args else exc})")
        return
    records = [(name, data)] if isinstance(data, dict) else (
        [(f"{name}#{i}", item) for i, item in enumerate(data, 1)] if isinstance(data, list) else [])
    found = False
    for uri, record in records:
        document = _document(record, uri) if isinstance(record, dict) else None
        if document is not None:
            found = True
            yield document
    if not found:
        on_skip(name, "a JSON file without records having an 'html' or 'text' field")
