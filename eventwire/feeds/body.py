"""Reading a response body within a byte cap and a deadline, decoding Content-Encoding ourselves.

httpx decodes each chunk whole before handing it over, and decodes stacked encodings
(``Content-Encoding: gzip, gzip``) one after the other: 5 KB on the wire became 6 GB in memory
before any cap could count it. Here the raw bytes are read (``iter_raw``) and counted on the wire,
and each is inflated in bounded steps (``max_length``), the output counted against the same cap.
Stacked or unknown encodings are refused: no news server needs them, and each layer multiplies
what a few bytes can expand to. Only gzip and deflate are asked for (``ACCEPT_ENCODING``).
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterable
from typing import Any

__all__ = ["read_body", "BodyError", "ACCEPT_ENCODING"]

ACCEPT_ENCODING = "gzip, deflate"
_IDENTITY = {"", "identity"}
_GZIP = {"gzip", "x-gzip"}
# bytes of output asked from zlib at a time: the cap is checked between steps
_STEP = 64 * 1024


class BodyError(Exception):
    """The body broke a rule; ``retry`` says whether trying later may help (a timeout may)."""

    def __init__(self, message: str, retry: bool = False) -> None:
        super().__init__(message)
        self.retry = retry


def content_codings(header_values: Iterable[str]) -> list[str]:
    """The codings of every Content-Encoding header, in the order applied, identity left out."""
    codings = [part.strip().lower() for value in header_values for part in value.split(",")]
    return [c for c in codings if c not in _IDENTITY]


class _Inflater:
    """One gzip or deflate layer, inflated in steps of at most ``_STEP`` bytes."""

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self._zlib = zlib.decompressobj(31 if coding in _GZIP else 15)
        self._first = True

    def feed(self, data: bytes, room: int) -> tuple[bytes, bytes]:
        """(output of at most ``room`` bytes, input left over for the next call)."""
        if self.coding == "deflate" and self._first and data:
            self._first = False
            if data[0] & 0x0F != 8:  # raw deflate without the zlib header: some servers send that
                self._zlib = zlib.decompressobj(-15)
        try:
            output = self._zlib.decompress(data, max(1, min(room, _STEP)))
        except zlib.error as exc:
            raise BodyError(f"corrupt {self.coding} body ({exc})") from exc
        return output, self._zlib.unconsumed_tail


def read_body(response: Any, url: str, max_bytes: int, deadline: float) -> bytes:
    """The decoded body of an httpx streaming ``response``; raises BodyError past ``max_bytes``
    (on the wire or decoded), past ``deadline`` (``time.monotonic()``), or for refused encodings."""
    if getattr(response, "is_stream_consumed", False) and hasattr(response, "_content"):
        # built in memory (tests' mock transports): already read, and decoded, by httpx
        if len(response.content) > max_bytes:
            raise BodyError(f"{url}: longer than the {max_bytes}-byte cap; not read")
        return bytes(response.content)
    codings = content_codings(response.headers.get_list("content-encoding"))
    if len(codings) > 1:
        raise BodyError(f"{url}: stacked Content-Encoding ({', '.join(codings)}) refused: a few bytes "
                        "could expand past any cap")
    if codings and codings[0] not in (*_GZIP, "deflate"):
        raise BodyError(f"{url}: Content-Encoding {codings[0]!r} is not supported (asked for {ACCEPT_ENCODING})")
    inflater = _Inflater(codings[0]) if codings else None
    out: list[bytes] = []
    wire = size = 0
    for chunk in response.iter_raw():
        wire += len(chunk)
        if wire > max_bytes:
            raise BodyError(f"{url}: longer than the {max_bytes}-byte cap on the wire; not read")
        if time.monotonic() > deadline:
            raise BodyError(f"{url}: the whole fetch took longer than its deadline; not read", retry=True)
        pending = chunk
        while pending:
            if inflater is None:
                piece, pending = pending, b""
            else:
                before = len(pending)
                piece, pending = inflater.feed(pending, max_bytes - size + 1)
                if not piece and len(pending) >= before:
                    break  # zlib made no progress (cannot happen with input left, but never spin)
            size += len(piece)
            if size > max_bytes:
                raise BodyError(f"{url}: longer than the {max_bytes}-byte cap once decoded; not read")
            out.append(piece)
    return b"".join(out)
