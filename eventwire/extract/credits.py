"""Credits: bylines and the "(Reporting by X; Editing by Y)" lines of wire copy, split by role.

A line counts as a credit only when all of it parses: every segment opens with a role phrase and
every name looks like a person's name. So "By Monday, the rebels had taken the town" stays in the
body, while "By Jane Doe and John Roe | Reuters" becomes two authors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventwire.dates import MONTHS
from eventwire.extract.dateline import normalize_agency
from eventwire.extract.tables import read_words

__all__ = ["CreditLine", "parse_credit_line", "split_trailing_credit", "is_copyright_line", "clean_names"]

# role phrase -> Credits field ("Compiled by" is writing; the "By" of a byline is authorship)
_ROLES = (
    (re.compile(r"(?:additional\s|extra\s)?report(?:ing|ed)\s(?:by|from)\b|contributing:|contributors?:", re.I),
     "reporting"),
    (re.compile(r"(?:writing|written|compiled|compiling)\s(?:by)\b", re.I), "writing"),
    (re.compile(r"(?:editing|edited)\s(?:by)\b", re.I), "editing"),
    (re.compile(r"(?:story|text|words|article)\s(?:by)\b", re.I), "authors"),
    (re.compile(r"by\b", re.I), "authors"),
)
# Cheap gate: every credit line opens with one of these (after an optional bracket or dash).
_CREDIT_START = re.compile(
    r"[(\-–—\s]{0,3}(?:additional\s|extra\s)?(?:report|writ|edit|compil|by\b|story|text|words|article|contribut)",
    re.I,
)
_SEGMENT_SPLIT = re.compile(
    r"\s*[;|•]\s*|\s*,\s*(?=(?:additional\s|extra\s)?(?:report|writ|edit|compil)\w*\s(?:by|from)\b)", re.I
)
_NAME_SPLIT = re.compile(r"\s*,\s*(?:and\s)?|\s+(?:and|&)\s+", re.I)
# "Dina Kyriakidou in Corfu", "Jane Doe in Moscow and Washington": the place is where they filed from.
_LOCATION_TAIL = re.compile(r"\s(?:in|from|at)\s[A-Z][\w .'’\-]{0,60}$")
_PARTICLES = {"de", "van", "von", "der", "den", "al", "el", "bin", "ben", "da", "di", "du", "le", "la",
              "del", "dos", "ter", "ten", "y", "st.", "abu", "ibn", "mac", "af", "zu", "op"}
_NOT_NAMES = set(MONTHS) | {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                            "today", "tomorrow", "yesterday", "now", "then", "contrast", "comparison", "far"}
_COPYRIGHT = re.compile(
    r"^\s*(?:\(c\)|©|copyright\b|all rights reserved)|(?:all rights reserved\.?\s*)$|^\s*\(?c\)\s?\w", re.I
)


@dataclass
class CreditLine:
    authors: list[str] = field(default_factory=list)
    reporting: list[str] = field(default_factory=list)
    writing: list[str] = field(default_factory=list)
    editing: list[str] = field(default_factory=list)

    def add(self, other: CreditLine) -> None:
        for role in ("authors", "reporting", "writing", "editing"):
            bucket: list[str] = getattr(self, role)
            bucket.extend(n for n in getattr(other, role) if n not in bucket)

    def empty(self) -> bool:
        return not (self.authors or self.reporting or self.writing or self.editing)


_role_words: frozenset[str] | None = None


def _job_titles() -> frozenset[str]:
    """Words that describe a writer's job, not their name ("Staff Writer", "Diplomatic Correspondent")."""
    global _role_words
    if _role_words is None:
        _role_words = frozenset(w.lower() for w in read_words("credit_job_words.txt"))
    return _role_words


def _is_name(candidate: str) -> bool:
    tokens = candidate.split()
    if not 1 <= len(tokens) <= 6 or len(candidate) > 60:
        return False
    capitalised = 0
    for token in tokens:
        if token.lower() in _PARTICLES:
            continue
        if len(tokens) == 1 and token.lower().strip(".,") in _NOT_NAMES:
            return False
        if not token[:1].isupper() or any(ch.isdigit() for ch in token):
            return False
        if not re.fullmatch(r"[\w.'’\-]+", token):
            return False
        capitalised += 1
    return capitalised >= 1


def clean_names(text: str) -> list[str] | None:
    """Split "A, B and C in Corfu" into names; None when any piece is not a name."""
    text = text.strip().strip(".").strip()
    if not text:
        return None
    names: list[str] = []
    for piece in _NAME_SPLIT.split(text):
        piece = _LOCATION_TAIL.sub("", piece.strip().strip(".,")).strip()
        if not piece:
            continue
        words = piece.split()
        # "Jane Doe, Staff Writer" / "Associated Press Writer": job titles and agencies carry no name.
        if normalize_agency(piece) or all(w.lower().strip(".") in _job_titles() or normalize_agency(w)
                                          for w in words):
            continue
        if words and words[0].lower() in ("the", "reuters", "ap") and normalize_agency(" ".join(words[1:]) or "x"):
            continue
        if piece.isupper() and len(piece) > 3:
            piece = " ".join(w.capitalize() for w in words)
        if not _is_name(piece):
            return None
        names.append(piece)
    return names


def parse_credit_line(line: str) -> CreditLine | None:
    """Credits in a whole line ("Reporting by X; Editing by Y", "By A and B | Reuters"), else None."""
    text = line.strip()
    if len(text) > 400 or not _CREDIT_START.match(text):
        return None
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    text = re.sub(r"^[-–—]+\s*", "", text)
    result = CreditLine()
    saw_role = False
    for segment in _SEGMENT_SPLIT.split(text):
        segment = segment.strip().strip(".").strip()
        if not segment:
            continue
        role, rest = _role_of(segment)
        if role is None:
            # "| Reuters" after a byline, or a bare agency name at the end of the credits
            if saw_role and (normalize_agency(segment) or all(w.lower() in _job_titles() for w in segment.split())):
                continue
            return None
        names = clean_names(rest)
        if not names:
            return None
        saw_role = True
        bucket: list[str] = getattr(result, role)
        bucket.extend(n for n in names if n not in bucket)
    return None if result.empty() else result


def _role_of(segment: str) -> tuple[str | None, str]:
    for pattern, role in _ROLES:
        match = pattern.match(segment)
        if match:
            return role, segment[match.end():]
    return None, segment


_TRAILING = re.compile(r"\s*\((?P<inner>(?:additional\s)?(?:report|writ|edit|compil)[^()]{3,300})\)\s*$", re.I)


def split_trailing_credit(paragraph: str) -> tuple[str, CreditLine, str] | None:
    """A paragraph ending in "... said. (Reporting by X; Editing by Y)": (body, credits, removed)."""
    match = _TRAILING.search(paragraph[-420:])
    if not match:
        return None
    credit = parse_credit_line(match["inner"])
    if credit is None:
        return None
    cut = len(paragraph) - len(paragraph[-420:]) + match.start()
    return paragraph[:cut].rstrip(), credit, paragraph[cut:].strip()


def is_copyright_line(line: str) -> bool:
    """"(c) Reuters 2009", "Copyright 2019 The Associated Press. All rights reserved." and the like."""
    text = line.strip()
    return len(text) <= 250 and bool(_COPYRIGHT.search(text)) and len(text.split()) <= 30
