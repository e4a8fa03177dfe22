"""The data files that ship with eventwire (``eventwire/data/``): one way to read them, one error.

The word lists, rules and tables that the stages read (``syntax.yaml``, ``evaluations.yaml``,
``producers.yaml``, ``constructions.yaml``, ``regions.yaml`` ...) are part of the package. When one
cannot be read, the install is broken, not the user's input: the error names the file and says to
reinstall. User files (``--actors``, ``--lexicon``) have loaders of their own, which check every entry
and name it (:mod:`eventwire.actors.dictionary`, :mod:`eventwire.events.lexicon_files`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from eventwire.errors import ConfigError

__all__ = ["DATA_DIR", "read_shipped_yaml", "shipped_file_error"]

DATA_DIR = Path(__file__).resolve().parent / "data"
# the C loader when libyaml is there: several of these files are read at every start-up
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def shipped_file_error(path: Path, problem: object) -> ConfigError:
    """The error for a shipped data file that cannot be read or lacks what the code expects."""
    return ConfigError(f"cannot read {path}: {problem}; reinstall eventwire (the file ships with it)")


def read_shipped_yaml(path: Path) -> dict[str, Any]:
    """The mapping at the top of a shipped YAML file (an empty file is an empty mapping)."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 (a safe loader)
    except (OSError, yaml.YAMLError) as exc:
        raise shipped_file_error(path, exc) from exc
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise shipped_file_error(path, f"expected a mapping at the top, found {type(raw).__name__}")
    return raw
