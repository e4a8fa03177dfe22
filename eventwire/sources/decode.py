"""Bytes -> text for captures whose charset is declared wrongly, not at all, or twice.

Order of trust: a byte-order mark, then the charset the transport declared (HTTP header, WARC
record, JSONL), then a ``<meta charset>`` in the first bytes, then UTF-8, then a statistical guess
(charset-normalizer on a sample). A declared charset is only believed if the bytes decode under it
without error: news crawls often say ``utf-8`` over cp1252 or cp1251 bytes. Every fallback leaves a
warning so that a user can see why an article's text may look odd.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["decode_bytes", "looks_binary", "normalise_charset"]

# WHATWG encoding rules: browsers read these labels as the wider encoding, and so do we.
_ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "l1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso-8859-9": "cp1254",
    "ks_c_5601-1987": "cp949",
    "euc-kr": "cp949",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "big5": "big5hkscs",
    "tis-620": "cp874",
    "utf8": "utf-8",
    "unicode": "utf-8",
}

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# Signatures of formats that are never a text capture.
_BINARY_MAGIC = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"%PDF", b"PK\x03\x04", b"\x7fELF",
    b"RIFF", b"OggS", b"ID3", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"\x00\x00\x01\x00", b"wOFF", b"wOF2",
)
_SAMPLE = 64 * 1024
# Legacy encodings by how common they are on news sites (W3Techs-style ranking), for breaking ties.
_WEB_ORDER = tuple(
    codecs.lookup(name).name
    for name in ("cp1252", "cp1251", "gb18030", "cp932", "cp949", "cp1250", "big5hkscs", "cp1256",
                 "cp1254", "cp1253", "cp1255", "koi8-r", "cp874", "cp1257", "cp1258")
)
_TEXT_CONTROL_OK = {9, 10, 12, 13, 27}


def normalise_charset(label: str | None) -> str | None:
    """A Python codec name for a declared charset label, or None when it names no known codec."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def looks_binary(content: bytes) -> bool:
    """True for images, archives, executables and other bytes that are not text in any charset.

    UTF-16 text has many NULs, so a BOM or a regular NUL pattern is accepted as text.
    """
    head = content[:_SAMPLE]
    if not head:
        return False
    if head.startswith(_BINARY_MAGIC):
        return True
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROL_OK)
    nul_count = head.count(0)
    if nul_count == len(head):
        return True
    if nul_count and nul_count > len(head) // 4 and (head[1::2].count(0) > len(head) * 0.4 or head[0::2].count(0) > len(head) * 0.4):
        return False  # UTF-16 without BOM
    # A few stray NULs or control bytes happen in real pages; binaries are full of them.
    return controls > max(8, len(head) // 20)


def _strict(content: bytes, codec: str) -> str | None:
    try:
        return content.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _cut_tail(content: bytes, codec: str) -> bytes:
    """Drop an incomplete multibyte sequence left at the end by a size cut, so strict UTF-8 can pass."""
    if codec != "utf-8":
        return content
    tail = content[-4:]
    for back in range(1, min(4, len(tail)) + 1):
        byte = tail[-back]
        if byte & 0xC0 == 0x80:
            continue
        if byte >= 0xC0:  # lead byte: is its sequence complete?
            need = 2 if byte < 0xE0 else 3 if byte < 0xF0 else 4
            return content if back >= need else content[:-back]
        break
    return content


def _guess(content: bytes) -> str | None:
    """charset-normalizer's guess; among equally good candidates, the one most used on the web
    (its own order is arbitrary there: French cp1252 bytes would otherwise come out as cp1250)."""
    # lazy (start-up): charset_normalizer only when no charset is declared
    from charset_normalizer import from_bytes

    matches = list(from_bytes(content[:_SAMPLE]))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if abs(m.chaos - best.chaos) < 1e-6 and abs(m.coherence - best.coherence) < 1e-6]
    codecs_tied = [normalise_charset(m.encoding) for m in tied]
    for preferred in _WEB_ORDER:
        if preferred in codecs_tied:
            return preferred
    return normalise_charset(best.encoding)


def decode_bytes(content: bytes, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode a capture's bytes; return the text and the warnings about how it was decoded.

    Never raises: the last resort is UTF-8 with replacement characters (and a warning). NUL
    characters are removed (they break parsers and databases) with a warning.
    """
    warnings: list[str] = []
    text: str | None = None
    for bom, codec in _BOMS:
        if content.startswith(bom):
            text = content[len(bom):].decode(codec, errors="replace")
            break
    if text is None:
        declared_codec = normalise_charset(declared)
        if declared and declared_codec is None:
            warnings.append(f"unknown declared charset {declared!r}; charset guessed")
        meta = _META_CHARSET.search(content[:4096])
        meta_codec = normalise_charset(meta.group(1).decode("ascii", "replace")) if meta else None
        candidates = [c for c in (declared_codec, meta_codec, "utf-8") if c]
        for position, codec in enumerate(dict.fromkeys(candidates)):
            text = _strict(_cut_tail(content, codec), codec)
            if text is not None:
                if position and declared_codec and codec != declared_codec:
                    warnings.append(f"declared charset {declared} does not fit the bytes; read as {codec}")
                break
        if text is None:
            guessed = _guess(content)
            if guessed:
                text = content.decode(guessed, errors="replace")
                what = f"declared charset {declared} does not fit the bytes" if declared else "no usable charset"
                warnings.append(f"{what}; guessed {guessed}")
            else:
                text = content.decode("utf-8", errors="replace")
                warnings.append("charset unknown; undecodable bytes replaced")
    if "\x00" in text:
        text = text.replace("\x00", "")
        warnings.append("NUL characters removed")
    return text, warnings
