"""The fuzzer's mutation operators: how bench/fuzz.py turns a seed into a hostile input.

Byte operators (for pages, text, JSONL and WARC): flips, truncation, splicing two seeds, deep tag
nesting, encoding swaps with a lying or missing charset, NUL injection, huge attributes, repeated
layout furniture ("By ", datelines, scripts), duplicated and deleted runs. Sentence operators (for
the event coder): dropped, repeated and inserted words, actor names, control and bidi characters,
case changes, capped repetition. Kept apart from fuzz.py's running and reporting so that each file
says one thing.
"""

from __future__ import annotations

import random
from collections.abc import Callable

__all__ = ["ACTOR_WORDS", "BYTE_MUTATORS", "CODECS", "FURNITURE", "mutate_bytes", "mutate_sentence"]

FURNITURE = [b"By ", b"Reporting by ", b"; Editing by ", b"CORFU, Greece (Reuters) - ", b"WASHINGTON (AP) -- ",
             b"June 27, 2009 10:12 AM EST", b"\xc2\xa9 2024 ", b"Related\n", b"Share\n", b"Photo: REUTERS/",
             b"<script>", b"</script>", b"<![CDATA[", b"<!--", b"-->", b"&#0;", b"&#x110000;", b"&amp;&lt;",
             b"<meta charset=\"utf-16\">", b"<meta charset=\"x-unknown\">", b"<base href=\"javascript:x\">",
             b"\xe2\x80\xae", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\r", b"\x0b\x0c", b"\n\n\n"]
ACTOR_WORDS = ["Russia", "Ukraine", "the United States", "Prime Minister", "Hamas", "NATO", "he", "she", "they",
               "Putin", "President Biden", "police", "rebels", "the ministry", "China's", "Israel", "Iran", "UN"]
CODECS = ["utf-8", "utf-16", "utf-16-le", "cp1251", "latin-1", "gb18030", "shift_jis", "utf-32", "cp1252", "koi8-r"]


def _flip(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    buf = bytearray(data)
    for _i in range(rng.randint(1, 8)):
        if buf:
            buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf)


def _truncate(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    return data[: rng.randrange(len(data) + 1)] if data else data


def _splice(rng: random.Random, data: bytes, seeds: list[bytes]) -> bytes:
    other = rng.choice(seeds)
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1):]


def _nest(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    tag = rng.choice([b"div", b"span", b"p", b"table", b"b", b"a", b"li", b"article"])
    depth = rng.choice([50, 500, 3000])
    at = rng.randrange(len(data) + 1)
    closing = b"</" + tag + b">" if rng.random() < 0.5 else b""
    return data[:at] + (b"<" + tag + b">") * depth + b"deep text" + closing * depth + data[at:]


def _encode(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    codec = rng.choice(CODECS)
    encoded = data.decode("utf-8", "replace").encode(codec, "replace")
    if rng.random() < 0.5:  # a declaration that lies about it
        encoded = f'<meta charset="{rng.choice(CODECS)}">'.encode() + encoded
    return encoded


def _nul(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    buf = bytearray(data)
    for _i in range(rng.randint(1, 20)):
        buf.insert(rng.randrange(len(buf) + 1), 0)
    return bytes(buf)


def _attribute(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    at = rng.randrange(len(data) + 1)
    size = rng.choice([1000, 100_000, 1_000_000])
    return data[:at] + b'<a href="' + b"x" * size + b'" title=\'' + b"\"" * 1000 + b"'>link</a>" + data[at:]


def _furniture(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(FURNITURE) * rng.choice([1, 3, 200]) + data[at:]


def _duplicate(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.randint(1, 400))
    return data[:b] + data[a:b] * rng.randint(2, 30) + data[b:]


def _delete(rng: random.Random, data: bytes, _: list[bytes]) -> bytes:
    if not data:
        return data
    a = rng.randrange(len(data))
    return data[:a] + data[a + rng.randint(1, 200):]


BYTE_MUTATORS: list[Callable[[random.Random, bytes, list[bytes]], bytes]] = [
    _flip, _truncate, _splice, _nest, _encode, _nul, _attribute, _furniture, _duplicate, _delete]


def mutate_bytes(rng: random.Random, seeds: list[bytes], *, markup: bool) -> bytes:
    data = rng.choice(seeds)
    allowed = BYTE_MUTATORS if markup else [m for m in BYTE_MUTATORS if m not in (_nest, _attribute)]
    for _i in range(rng.randint(1, 4)):
        data = rng.choice(allowed)(rng, data, seeds)
    return data


def mutate_sentence(rng: random.Random, seeds: list[bytes]) -> str:
    words = rng.choice(seeds).decode("utf-8", "replace").split()
    for _i in range(rng.randint(1, 5)):
        op = rng.randrange(8)
        at = rng.randrange(len(words) + 1)
        if op == 0 and words:
            del words[rng.randrange(len(words))]
        elif op == 1:
            words.insert(at, rng.choice(ACTOR_WORDS))
        elif op == 2 and words:
            words.insert(at, rng.choice(words))
        elif op == 3:
            words.insert(at, rng.choice(["\u200b", "\u202e", "\x00", "\ufeff", "–", "“", "”", "...", "(", ")", ";", "\n\n"]))
        elif op == 4:
            other = rng.choice(seeds).decode("utf-8", "replace").split()
            words = words[:at] + other[rng.randrange(len(other) + 1):]
        elif op == 5:
            words = [w.upper() if rng.random() < 0.5 else w.lower() for w in words]
        elif op == 6:  # repetition, capped: a 100,000-word "sentence" is slow for its size, not a hang
            words = (words * rng.randint(2, 6))[:1500]
        else:
            words.insert(at, rng.choice(["said", "attacked", "did not", "will", "may", "called for", "on Monday",
                                         "last week", "in Kyiv", "talks with", "reportedly", "?", "'s"]))
    return " ".join(words)
