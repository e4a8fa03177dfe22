"""Input families of bench/fuzz.py added for issue 17 (hostile input, round two).

* ``stacked``: HTTP bodies for :func:`eventwire.feeds.body.read_body`: one or several gzip/deflate
  layers (decompression bombs among them), lying, unknown or empty Content-Encoding headers, bytes
  flipped or cut, delivered in chunks of random sizes. Allowed outcomes: a body within the cap, or
  ``BodyError``.
* ``longline``: WARC files with a header line, a line after a record or a gap of blank lines of
  megabytes, and JSON Lines with over-long lines, mostly as small gzip bombs. The readers must stop or
  skip with a reason, within their caps.
* ``batch``: batches of texts up to ``max_text_chars`` long through the NLP batching
  (:func:`eventwire.nlp._chunks` with a random character budget) and the tokenizer: no batch may hold
  more than the budget unless it is a single text.

Each input is bytes (so a crash can be saved and replayed): a one-line header, then the payload.
"""

from __future__ import annotations

import gzip
import io
import random
import resource
import sys
import zlib
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from fuzz_support import gzip_stream  # noqa: E402 - the builder the hostile-input tests use

__all__ = ["FAMILIES", "Limits", "make_input", "peak_mb", "run_family"]

FAMILIES = ("stacked", "longline", "batch")
MB = 1 << 20
# read_body's cap in the fuzzer: small, so bombs cross it quickly
BODY_CAP = 1 * MB
# a small deflated block keeps each fuzz input's own memory small (the shared builder's default is 1 MB)
BOMB_BLOCK = 256 * 1024
_bomb = partial(gzip_stream, block_bytes=BOMB_BLOCK)
ENCODINGS = ["gzip", "gzip, gzip", "deflate", "gzip, deflate", "x-gzip", "identity", "", "br", "zstd",
             "gzip,gzip,gzip", "GZIP", " gzip ", "deflate, identity", "identity, gzip", "compress"]


def _layer(rng: random.Random, data: bytes, coding: str) -> bytes:
    if coding == "deflate":
        raw = rng.random() < 0.5  # some servers send deflate without the zlib header
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15 if raw else 15)
        return compressor.compress(data) + compressor.flush()
    return gzip.compress(data, 6)


def _stacked(rng: random.Random, seeds: list[bytes]) -> bytes:
    header = rng.choice(ENCODINGS)
    if rng.random() < 0.3:
        body = _bomb(b"\0", rng.choice([2, 8, 32]) * MB)  # one gzip layer expanding past the cap
        body = gzip.compress(body) if rng.random() < 0.5 else body
    else:
        body = rng.choice(seeds)
        for coding in [c.strip().lower() for c in header.split(",")]:
            if coding in ("gzip", "x-gzip", "deflate") and rng.random() < 0.9:
                body = _layer(rng, body, coding)
    if rng.random() < 0.2 and body:
        cut = bytearray(body[: rng.randrange(len(body) + 1)])
        if cut and rng.random() < 0.5:
            cut[rng.randrange(len(cut))] ^= 0xFF
        body = bytes(cut)
    return header.encode() + b"\n" + body


def _longline(rng: random.Random, seeds: list[bytes]) -> bytes:
    good = seeds[0]  # a whole .warc.gz: gzip members, one per record
    size = rng.choice([2, 4, 16]) * MB
    shape = rng.randrange(5)
    if shape == 0:
        return b"W\n" + good + _bomb(b"a", size, head=b"WARC/1.0\r\nWARC-Type: response\r\nX-Long: ") + good
    if shape == 1:
        return b"W\n" + good + _bomb(rng.choice([b"b", b" ", b"\t"]), size) + good
    if shape == 2:
        return b"W\n" + good + _bomb(rng.choice([b"\r\n", b"\n"]), size) + good
    if shape == 3:  # uncompressed: a long line, smaller so the input stays cheap to build
        return b"W\n" + gzip.decompress(good) + b"X" * rng.choice([1, 2]) * MB + b"\r\n" + gzip.decompress(good)
    line = b'{"text": "' + b"word " * (size // 5) + b'"}\n'
    return b"J\n" + _bomb(line, size + len(line)) if rng.random() < 0.5 else b"J\n" + line * 2


def _batch(rng: random.Random, seeds: list[bytes]) -> bytes:
    # at most 250,000 characters an input (one full batch): 400,000 took up to 3 s of tokenizing on
    # a loaded machine, the tokenizer's own cost rather than a hang
    lengths = [rng.choice([10, 500, 5_000, 50_000, 200_000]) for _ in range(rng.randint(1, 8))]
    while sum(lengths) > 250_000:
        lengths.pop()
    budget = rng.choice([1_000, 50_000, 250_000, 1_000_000])
    text = rng.choice(seeds)[:4000].decode("utf-8", "replace").replace("\n", " ") or "text"
    return f"{budget};{','.join(map(str, lengths))}\n{text}".encode()


_MAKERS = {"stacked": _stacked, "longline": _longline, "batch": _batch}


def make_input(family: str, rng: random.Random, seeds: list[bytes]) -> bytes:
    return _MAKERS[family](rng, seeds)


class _Response:
    """Just what read_body reads of an httpx response."""

    def __init__(self, encoding: str, body: bytes, rng: random.Random) -> None:
        self.headers = _Headers(encoding)
        self._body = body
        self._rng = rng
        self.is_stream_consumed = False

    def iter_raw(self) -> Any:
        at = 0
        while at < len(self._body):
            step = self._rng.choice([1, 7, 512, 4096, 65536])
            yield self._body[at:at + step]
            at += step


class _Headers:
    def __init__(self, encoding: str) -> None:
        self._values = [encoding] if encoding else []

    def get_list(self, name: str) -> list[str]:
        return self._values if name == "content-encoding" else []


def run_stacked(data: bytes) -> None:
    import time

    from eventwire.feeds.body import BodyError, read_body

    header, _, body = data.partition(b"\n")
    response = _Response(header.decode("latin-1"), body, random.Random(len(body)))
    try:
        content = read_body(response, "fuzz", BODY_CAP, time.monotonic() + 60)
    except BodyError as exc:
        assert str(exc), "a BodyError without a reason"
        return
    assert len(content) <= BODY_CAP, f"{len(content)} bytes read past the {BODY_CAP}-byte cap"


def run_longline(data: bytes) -> None:
    from eventwire.sources.files import _CappedGzip
    from eventwire.sources.jsonl import read_jsonl
    from eventwire.sources.warc import read_warc

    kind, _, payload = data.partition(b"\n")
    skipped: list[str] = []
    if kind == b"W":
        docs = list(read_warc(io.BytesIO(payload), "fuzz.warc", MB, 64 * MB, lambda u, r: skipped.append(r)))
    else:
        stream: Any = io.BytesIO(payload)
        if payload[:2] == b"\x1f\x8b":
            stream = io.BufferedReader(_CappedGzip(stream, 64 * MB))
        docs = list(read_jsonl(stream, "fuzz.jsonl", MB, lambda u, r: skipped.append(r)))
    assert all(len(d.content or b"") <= MB and len(d.text or "") <= MB for d in docs), "a document past its cap"
    assert all(isinstance(r, str) and r for r in skipped)


def run_batch(data: bytes) -> None:
    from eventwire.nlp import _chunks
    from eventwire.stages import _blank

    header, _, seed = data.partition(b"\n")
    budget_text, _, lengths_text = header.decode().partition(";")
    budget, lengths = int(budget_text), [int(n) for n in lengths_text.split(",") if n]
    text = seed.decode("utf-8", "replace") or "text"
    items = [((text * (n // len(text) + 1))[:n], i) for i, n in enumerate(lengths)]
    seen = 0
    for chunk in _chunks(items, 64, budget):
        chars = sum(len(t) for t, _ in chunk)
        assert len(chunk) == 1 or chars <= budget, f"a batch of {chars} characters over a {budget} budget"
        docs = list(_blank().pipe(t for t, _ in chunk))
        assert sum(len(d.text) for d in docs) == chars
        seen += len(chunk)
    assert seen == len(items)


_RUNNERS = {"stacked": run_stacked, "longline": run_longline, "batch": run_batch}


def run_family(family: str, data: bytes) -> None:
    _RUNNERS[family](data)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


class Limits:
    """Per-input time and memory: the slowest input, inputs over SLOW_SECONDS, the largest rise of
    the worker's peak RSS caused by one input. Time is the worker's CPU time (``process_time``): on a
    shared machine wall time mostly measures the other processes; the slowest wall time is kept too."""

    # issue 17's limits per input: none may take longer or raise a worker's peak memory by more
    SLOW_SECONDS = 2.0
    MAX_INPUT_MB = 500

    def __init__(self) -> None:
        self.slowest = 0.0
        self.slowest_wall = 0.0
        self.slow: list[float] = []
        self.rise_mb = 0.0

    def measure(self, cpu_seconds: float, wall_seconds: float, rise_mb: float) -> None:
        self.slowest = max(self.slowest, cpu_seconds)
        self.slowest_wall = max(self.slowest_wall, wall_seconds)
        if cpu_seconds > self.SLOW_SECONDS:
            self.slow.append(cpu_seconds)
        self.rise_mb = max(self.rise_mb, rise_mb)
