"""Reading and validating lexicon files (the YAML format is described in ``docs/lexicon.md``).

Every problem is reported as a :class:`~eventwire.errors.ConfigError` naming the file and the entry id,
so a user extending the lexicon sees at once what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from eventwire.errors import ConfigError
from eventwire.events.ontology import is_cameo_code

__all__ = ["LexEntry", "read_lexicon_file"]

_KNOWN_FIELDS = frozenset(
    {
        "id",
        "cameo",
        "pos",
        "lemmas",
        "objects",
        "objects_not",
        "preps_not",
        "target_preps",
        "object_is_target",
        "symmetric",
        "subject_is_target",
        "weight",
        "enabled",
        "note",
    }
)


@dataclass(frozen=True)
class LexEntry:
    """One validated lexicon rule (the YAML entry with its defaults filled in)."""

    id: str
    cameo: str
    pos: str
    lemmas: tuple[str, ...]
    objects: frozenset[str] | None
    objects_not: frozenset[str]
    target_preps: tuple[str, ...]
    object_is_target: bool
    symmetric: bool
    weight: float
    source: str
    subject_is_target: bool = False
    preps_not: tuple[str, ...] = ()


# "dep:xcomp": an object spec naming the object's dependency relation (see docs/lexicon.md)
_DEP_LABEL = re.compile(r"[a-z]+")


def _fail(path: Path, entry_id: str | None, message: str) -> ConfigError:
    where = f"{path}" + (f", entry {entry_id!r}" if entry_id else "")
    return ConfigError(f"lexicon {where}: {message}. See docs/lexicon.md for the entry format.")


class _Yaml12BoolLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader where only true/false are booleans: YAML 1.1 reads the preposition ``on`` (and
    yes/no/off) as a boolean, which would turn ``target_preps: [on]`` into ``[True]``."""


_Yaml12BoolLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12BoolLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _load_yaml(path: Path) -> tuple[dict[str, Any], list[Any]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read lexicon file {path}: {exc.strerror or exc}; check the path") from exc
    try:
        data = yaml.load(text, Loader=_Yaml12BoolLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise _fail(path, None, f"not valid YAML ({exc})") from exc
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("entries"), list):
        raise _fail(path, None, "expected a mapping with 'version: 1' and an 'entries:' list")
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict) or set(defaults) - (_KNOWN_FIELDS - {"id", "lemmas"}):
        raise _fail(path, None, "'defaults:' must map entry fields (not id or lemmas) to values")
    return defaults, data["entries"]


def read_lexicon_file(path: Path) -> list[tuple[str, LexEntry | None]]:
    """(id, entry) for each entry of a file; entry is None for ``enabled: false`` (remove that id)."""
    defaults, raw_entries = _load_yaml(path)
    out = []
    for raw in raw_entries:
        merged = {**defaults, **raw} if isinstance(raw, dict) else raw
        out.append((str(merged.get("id")) if isinstance(merged, dict) else "", _parse_entry(path, merged)))
    return out


def _word_list(path: Path, entry_id: str, raw: dict[str, Any], key: str) -> list[str] | None:
    value = raw.get(key)
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise _fail(path, entry_id, f"'{key}' must be a non-empty list of words")
    return [" ".join(v.lower().split()) if not v.startswith("@") else v.strip() for v in value]


def _parse_entry(path: Path, raw: Any) -> LexEntry | None:
    if not isinstance(raw, dict):
        raise _fail(path, None, f"each entry must be a mapping, got {raw!r}")
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not entry_id.strip():
        raise _fail(path, None, f"an entry has no 'id' (entry {raw!r})")
    unknown = set(raw) - _KNOWN_FIELDS
    if unknown:
        raise _fail(path, entry_id, f"unknown field(s) {sorted(unknown)}; allowed: {sorted(_KNOWN_FIELDS)}")
    if raw.get("enabled", True) is False:
        return None
    cameo = raw.get("cameo")
    if not isinstance(cameo, str) or not is_cameo_code(cameo):
        raise _fail(
            path, entry_id, f"'cameo' {cameo!r} is not a CAMEO event code (write it quoted, e.g. \"0211\")"
        )
    pos = raw.get("pos")
    if pos not in ("VERB", "NOUN", "ADJ"):
        raise _fail(path, entry_id, f"'pos' must be VERB, NOUN or ADJ, not {pos!r}")
    lemmas = _word_list(path, entry_id, raw, "lemmas")
    if lemmas is None:
        raise _fail(path, entry_id, "'lemmas' is missing")
    objects = _word_list(path, entry_id, raw, "objects")
    objects_not = _word_list(path, entry_id, raw, "objects_not") or []
    for spec in [*(objects or []), *objects_not]:
        if spec.startswith("dep:") and not _DEP_LABEL.fullmatch(spec[4:]):
            raise _fail(path, entry_id, f"object spec {spec!r} must name a dependency label, e.g. \"dep:xcomp\"")
    preps = _word_list(path, entry_id, raw, "target_preps") or []
    preps_not = _word_list(path, entry_id, raw, "preps_not") or []
    weight = raw.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not 0 < weight <= 1:
        raise _fail(path, entry_id, f"'weight' must be a number in (0, 1], not {weight!r}")
    flags = {}
    for key in ("object_is_target", "symmetric", "subject_is_target"):
        value = raw.get(key)
        if value is not None and not isinstance(value, bool):
            raise _fail(path, entry_id, f"'{key}' must be true or false, not {value!r}")
        flags[key] = value
    # The direct object is the target ("condemned Iran") unless the rule names what the object must be:
    # then the object is the thing done ("imposed sanctions", "resumed cooperation"), not the target.
    object_is_target = flags["object_is_target"]
    if object_is_target is None:
        object_is_target = pos == "VERB" and objects is None
    return LexEntry(
        id=entry_id,
        cameo=cameo,
        pos=pos,
        lemmas=tuple(lemmas),
        objects=frozenset(objects) if objects is not None else None,
        objects_not=frozenset(objects_not),
        target_preps=tuple(preps),
        object_is_target=object_is_target,
        symmetric=bool(flags["symmetric"]),
        weight=float(weight),
        source=path.name,
        subject_is_target=bool(flags["subject_is_target"]),
        preps_not=tuple(preps_not),
    )
