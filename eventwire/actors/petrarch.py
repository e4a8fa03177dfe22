"""Import PETRARCH/TABARI actor and agent dictionaries into eventwire entries.

The format (as in the Phoenix and PETR.Validate files)::

    !PERSON! = MAN, MEN, WOMAN, WOMEN        substitution set used inside phrases
    RUSSIA_ [RUS]                             phrase, then its code; `_` joins words, a trailing `_`
    +RUSSIAN_                                 ends the word (without it the last word is a stem)
    VLADIMIR_PUTIN_                           a phrase whose codes follow on indented lines:
        [RUSGOV 20000507-20080507]            a date range (YYYYMMDD or YYMMDD)
        [RUSGOV >20120507]  [RUSELI]          after a date; an undated code is the default
    TROOPS {} [~MIL]                          agent: `~SEC` appends a sector, `SEC~` prefixes it;
    ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]   braces hold plurals (`{}`: no automatic plural)

``#`` starts a comment, ``<!-- ... -->`` blocks are comments. A line that cannot be understood is
reported as ``file:line: problem`` and skipped; the import never stops on one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from eventwire.actors.dictionary import Entry, Pattern, Role

__all__ = ["import_petrarch", "import_petrarch_file", "parse_code"]

_BRACKET = re.compile(r"\[([^\]]*)\]")
_PLURALS = re.compile(r"\{([^}]*)\}")
_SUBSET = re.compile(r"^(![A-Z0-9_]+!)\s*=\s*(.+)$")
_CODE_BODY = re.compile(r"^([A-Za-z0-9~+/-]+?)\s*(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d+))?$")


def _date(digits: str) -> date:
    """YYYYMMDD, or TABARI's YYMMDD (years up to 29 are 20xx, the rest 19xx)."""
    if len(digits) == 8:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    if len(digits) == 6:
        year = int(digits[:2])
        return date(2000 + year if year <= 29 else 1900 + year, int(digits[2:4]), int(digits[4:]))
    raise ValueError(f"date {digits!r} is neither YYYYMMDD nor YYMMDD")


def parse_code(body: str) -> tuple[str, date | None, date | None]:
    """``USAGOV >20090120`` -> ("USAGOV", 2009-01-20, None); raises ValueError when malformed."""
    match = _CODE_BODY.match(body.strip())
    if not match:
        raise ValueError(f"cannot read code [{body.strip()}]")
    code, op, one, first, second = match.groups()
    if op == ">":
        return code, _date(one), None
    if op == "<":
        return code, None, _date(one) - timedelta(days=1)
    if first:
        return code, _date(first), _date(second)
    return code, None, None


def _role(code: str, start: date | None, end: date | None) -> Role:
    code = code.upper().split("/")[0]  # TABARI alternatives (ELR/GAL): the first one is kept
    if code in ("---", "+++"):
        return Role(None, None, None, None, start, end)
    if not re.fullmatch(r"[A-Z0-9]{3,}", code):
        raise ValueError(f"code {code!r} is not upper-case letters/digits")
    international = code.startswith(("IGO", "NGO", "NGM", "IMG"))
    return Role(code, None if international else code[:3], (code[3:] or None) if not international else None,
                None, start, end)


def _phrase(raw: str) -> tuple[str, bool]:
    """``ISRAELI_TROOPS_`` -> ("ISRAELI TROOPS", prefix=False); no trailing ``_`` means a stem."""
    stripped = raw.strip()
    prefix = not stripped.endswith("_")
    text = re.sub(r"[\s_]+", " ", stripped).strip()
    return text, prefix


def _phrases(raws: Iterable[str]) -> list[tuple[str, bool]]:
    """The phrases of ``raws`` that hold a word: a lone ``_`` or ``+`` would match everything."""
    return [(text, prefix) for text, prefix in map(_phrase, raws) if text]


def _plural(word: str) -> str:
    lower = word.lower()
    if lower.endswith(("s", "x", "ch", "sh", "z")):
        return word + "ES"
    if lower.endswith("y") and lower[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "IES"
    return word + "S"


@dataclass
class _Pending:
    line: int
    phrases: list[tuple[str, bool]]
    codes: list[tuple[str, date | None, date | None]] = field(default_factory=list)
    plurals: list[str] | None = None  # None: automatic; [] from `{}`: none


def _expand(text: str, sets: dict[str, list[str]]) -> list[str]:
    for marker, options in sets.items():
        if marker in text:
            return [x for option in options for x in _expand(text.replace(marker, option, 1), sets)]
    return [text]


def _strip_comments(lines: list[str]) -> list[tuple[int, str]]:
    """Drop ``<!-- -->`` blocks, ``<...>`` lines and ``#`` comments; keep line numbers.

    An empty line is kept as ``""``: it ends a group of phrases still waiting for their codes.
    """
    kept: list[tuple[int, str]] = []
    in_block = False
    for number, line in enumerate(lines, 1):
        if in_block:
            if "-->" in line:
                in_block = False
                line = line.split("-->", 1)[1]
            else:
                continue
        if line.lstrip().startswith("<"):
            in_block = "<!--" in line and "-->" not in line
            continue
        if not line.strip():
            kept.append((number, ""))
            continue
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            kept.append((number, line))
    return kept


def import_petrarch(path: Path | str, problems: list[str] | None = None) -> list[Entry]:
    """Read a PETRARCH/TABARI actor or agent dictionary into entries (problems: ``file:line: ...``)."""
    return import_petrarch_file(Path(path), problems=problems if problems is not None else [])


def import_petrarch_file(path: Path, *, problems: list[str]) -> list[Entry]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    sets: dict[str, list[str]] = {}
    pending: list[_Pending] = []
    current: _Pending | None = None
    grouping = False  # the previous line was part of the current entry (no blank line since)
    for number, line in _strip_comments(lines):
        where = f"{path}:{number}"
        stripped = line.strip()
        if not stripped:
            grouping = False  # synonyms (+) may still follow a blank line; new phrases may not join
            continue
        subset = _SUBSET.match(stripped)
        if subset:
            sets[subset.group(1)] = [o.strip().replace(" ", "_") for o in subset.group(2).split(",") if o.strip()]
            continue
        if stripped.startswith("+"):
            if current is None:
                problems.append(f"{where}: synonym {stripped!r} before any entry; skipped")
                continue
            synonyms = _phrases(_expand(stripped[1:], sets))
            if not synonyms:
                problems.append(f"{where}: empty synonym {stripped!r}; skipped")
            current.phrases.extend(synonyms)
            continue
        brackets = _BRACKET.findall(stripped)
        head = _BRACKET.sub(" ", stripped)
        if "[" in head or "]" in head:
            problems.append(f"{where}: unbalanced brackets in {stripped!r}; skipped")
            current, grouping = None, False  # its synonyms must not attach to the entry before
            continue
        plurals_match = _PLURALS.search(head)
        head = _PLURALS.sub(" ", head).strip()
        if head and current is not None and not current.codes and grouping:
            # TABARI: consecutive phrase lines share the code block that follows them
            current.phrases.extend(_phrases(_expand(head, sets)))
        elif head and not _phrases(_expand(head, sets)):
            problems.append(f"{where}: no words in {stripped!r}; skipped")
            current, grouping = None, False
            continue
        elif head:  # a new entry (its codes may follow on the next lines)
            current = _Pending(number, _phrases(_expand(head, sets)))
            if plurals_match is not None:
                current.plurals = [p for raw in plurals_match.group(1).split(",") if raw.strip()
                                   for p in _expand(raw.strip(), sets)]
            pending.append(current)
        elif current is None:
            problems.append(f"{where}: codes {stripped!r} before any entry; skipped")
            continue
        grouping = True
        for body in brackets:
            try:
                code, start, end = parse_code(body)
                current.codes.append((code, start, end))
            except ValueError as exc:
                problems.append(f"{where}: {exc}; code skipped")
    entries: list[Entry] = []
    for item in pending:
        try:
            entries.append(_entry(item, f"{path}:{item.line}"))
        except ValueError as exc:
            problems.append(f"{path}:{item.line}: {exc}; entry skipped")
    return entries


def _entry(item: _Pending, origin: str) -> Entry:
    if not item.codes:
        raise ValueError(f"{item.phrases[0][0]!r} has no code")
    name = item.phrases[0][0].title()
    if any("~" in code for code, _, _ in item.codes):  # an agent
        code = item.codes[0][0].replace(" ", "")
        sector = code.strip("~").upper()
        if not re.fullmatch(r"[A-Z0-9]{3,}", sector):
            raise ValueError(f"agent code {code!r} is not ~SECTOR or SECTOR~")
        texts = [text for text, _ in item.phrases]
        if item.plurals is None:
            texts += [" ".join([*t.split(" ")[:-1], _plural(t.split(" ")[-1])]) for t in texts]
        else:
            texts += [_phrase(p)[0] for p in item.plurals]
        return Entry("agent", name, sector=sector, origin=origin,
                     patterns=[Pattern(t, "term", "any") for t in dict.fromkeys(texts)])
    roles = [_role(code, start, end) for code, start, end in item.codes]
    patterns = [Pattern(text, "name", _case(text), prefix) for text, prefix in item.phrases]
    dated = [r for r in roles if r.dated]
    if dated or len(roles) > 1:
        return Entry("person", name, roles=roles, origin=origin, patterns=patterns)
    role = roles[0]
    if role.code is None:  # a null code: the phrase is known and deliberately not coded
        return Entry("group", name, origin=origin, patterns=patterns)
    if len(role.code) == 3:
        kind = "state"
    elif role.code.startswith(("IGO", "NGO", "NGM")):
        kind = "igo"
    else:
        kind = "group"
    return Entry(kind, name, code=role.code, country=role.country, sector=role.sector, origin=origin,
                 patterns=patterns)


def _case(text: str) -> str:
    """All-caps dictionary phrases: short single words (US, UN) are acronyms, the rest need a capital."""
    letters = [c for c in text if c.isalpha()]
    if " " not in text and "." not in text and len(letters) <= 3:
        return "exact"
    return "initial"
