"""Actor names are codes: "Russia" = RUS, "United States" = USA, "NATO" = IGOWSTNAT.

Every filter that takes an actor goes through :func:`resolve`, which reads the same actor
dictionaries the coder uses (builtin plus the files of the ``actors`` setting), so a name gives the
same events as its code. In order:

1. a known CAMEO actor code, in any case (``RUS``, ``rusgov``, ``IGOWSTNAT``) -> that code (and every
   code it prefixes: ``RUS`` covers ``RUSGOV``, ``RUSMIL``);
2. a name of a state, organisation, group or national institution (``Russia``, ``NATO``, ``Hamas``,
   ``the United Nations``), any case -> its code; a name meaning two different codes is refused with
   both listed (say which with the code);
3. a name of a person (``Putin``) -> whole words of the resolved name, since a person's code is a
   role that changes with time (RUSGOV is every Russian official);
4. capitals and digits (``RU``, ``IGOWST``) -> a code prefix;
5. anything else -> whole words of the name or of the text as written (actors the dictionaries do
   not know, such as "Rapid Support Forces").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from eventwire.errors import ConfigError
from eventwire.settings import get_settings

__all__ = ["Resolved", "resolve", "complete", "known_codes"]

_CODE_LIKE = re.compile(r"[A-Z0-9]{2,}")
_NAMED = ("state", "territory", "region", "igo", "group", "institution")
# surface forms that name an actor (adjectives such as "Korean" are ambiguous by design: not names)
_NAME_FORMS = ("name", "alias")
_KIND_ORDER = ("state", "igo", "group", "institution", "territory", "region", "person", "code")


@dataclass(frozen=True)
class Resolved:
    """What an actor value means: a ``code`` (prefix) to match, or ``words`` of a name."""

    value: str
    code: str | None = None
    words: str = ""
    name: str | None = None  # the dictionary's name for it, when it has one


@dataclass(frozen=True)
class _Names:
    codes: frozenset[str]
    names: dict[str, tuple[tuple[str, str, str], ...]]  # lower-cased form -> (kind, code or "", name)
    exact: dict[str, tuple[tuple[str, str, str], ...]]  # form as written -> the same
    labels: dict[str, str]  # code -> its entry's name (states first)


def _code_of(entry: object) -> str | None:
    code = getattr(entry, "code", None)
    if code:
        return str(code)
    country, sector = getattr(entry, "country", None), getattr(entry, "sector", None)
    return f"{country}{sector or ''}" if country else None


@functools.cache
def _names(files: tuple[str, ...]) -> _Names:
    # lazy (start-up): the actor dictionaries only when a name is looked up
    from eventwire.actors.loading import load_dictionary

    dictionary = load_dictionary(files)
    codes: set[str] = set()
    names: dict[str, set[tuple[str, str, str]]] = {}
    exact: dict[str, set[tuple[str, str, str]]] = {}
    labels: dict[str, str] = {}
    for entry in dictionary.entries:
        if entry.kind == "person":
            meaning = ("person", "", entry.name)
        elif entry.kind in _NAMED and _code_of(entry):
            code = str(_code_of(entry))
            codes.add(code)
            if entry.kind in ("state", "igo", "group") and code not in labels:
                labels[code] = entry.name
            meaning = (entry.kind, code, entry.name)
        else:
            continue
        codes.update(r.code for r in entry.roles if r.code)
        for form in {entry.name, *(p.text for p in entry.patterns if p.form in _NAME_FORMS)}:
            names.setdefault(" ".join(form.lower().split()), set()).add(meaning)
            exact.setdefault(" ".join(form.split()), set()).add(meaning)
    return _Names(frozenset(codes), {k: tuple(sorted(v)) for k, v in names.items()},
                  {k: tuple(sorted(v)) for k, v in exact.items()}, labels)


def _current() -> _Names:
    return _names(tuple(str(p) for p in get_settings().actor_files()))


def known_codes() -> frozenset[str]:
    """Every actor code the dictionaries can give."""
    return _current().codes


def _meanings(text: str, table: _Names) -> tuple[tuple[str, str, str], ...]:
    # as written first ("US" the country, not "us"), else any case; "the UN" and "UN" alike
    for key, source in ((text, table.exact), (text.lower(), table.names)):
        found = source.get(key) or source.get(key.removeprefix("the ").removeprefix("The "))
        if found:
            return found
    return ()


@functools.lru_cache(maxsize=4096)
def resolve(value: str) -> Resolved:
    """The actor ``value`` names (see the module docstring). Raises :class:`ConfigError` for a name
    that means several codes."""
    text = " ".join(str(value).split())
    if not text:
        raise ConfigError("an actor filter needs a name or a code")
    table = _current()
    if text.upper() in table.codes:
        return Resolved(text, code=text.upper(), name=table.labels.get(text.upper()))
    meanings = _meanings(text, table)
    codes = sorted({code for kind, code, _ in meanings if code})
    people = [name for kind, _, name in meanings if kind == "person"]
    if len(codes) > 1 or (codes and people):
        options = "; ".join(f"{code} ({name}, {kind})" if code else f"{name} (person)"
                            for kind, code, name in meanings)
        raise ConfigError(f"{text!r} is ambiguous: it names {options}. Give the code instead")
    if codes:
        return Resolved(text, code=codes[0], name=table.labels.get(codes[0]) or meanings[0][2])
    if len(set(people)) > 1:
        raise ConfigError(f"{text!r} is ambiguous: it names {', '.join(sorted(set(people)))}. "
                          f"Give the full name")
    if people:
        return Resolved(text, words=people[0], name=people[0])
    if _CODE_LIKE.fullmatch(text):
        return Resolved(text, code=text)
    return Resolved(text, words=text)


def complete(prefix: str, limit: int = 10) -> list[dict[str, str | None]]:
    """Actors whose name (or code) starts with ``prefix``, any case: for type-ahead in the dashboard.

    Each item: ``label`` (what to show), ``value`` (what to put in an actor filter: the code, or a
    person's name), ``code`` (None for people), ``kind``. Names matching as a whole word come after
    names starting with the prefix.
    """
    wanted = " ".join(prefix.lower().split())
    if not wanted:
        return []
    table = _current()
    # (whole name starts with it?, kind, length of the form matched, label) -> item: best first
    found: dict[tuple[str, str], tuple[tuple[bool, int, int, str], dict[str, str | None]]] = {}
    for form, meanings in table.names.items():
        if not form.startswith(wanted) and f" {wanted}" not in f" {form}":
            continue
        for kind, code, name in meanings:
            shown = table.labels.get(code, name) if code else name  # a code's main name (NATO's, not its councils')
            label = f"{shown} ({code})" if code else name
            rank = (not form.startswith(wanted), _KIND_ORDER.index(kind), len(form), label)
            if (code, name) not in found or rank < found[(code, name)][0]:
                found[(code, name)] = (rank, {"label": label, "value": code or name, "code": code or None,
                                              "kind": kind})
    ranked = [item for _, item in sorted(found.values(), key=lambda pair: pair[0])]
    codes: list[dict[str, str | None]] = [
        {"label": f"{table.labels.get(c, c)} ({c})", "value": c, "code": c, "kind": "code"}
        for c in sorted(table.codes) if c.lower().startswith(wanted)]
    seen: set[str] = set()
    out: list[dict[str, str | None]] = []
    for item in [*ranked, *codes]:
        if str(item["value"]) not in seen:
            seen.add(str(item["value"]))
            out.append(item)
    return out[:limit]
