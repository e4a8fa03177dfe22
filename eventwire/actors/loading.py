"""Which files make the actor dictionary: the builtin YAML files, then the user's YAML or PETRARCH files.

Apart from :mod:`eventwire.actors.dictionary` because it reads both formats, and the PETRARCH
importer builds dictionary entries: here, imports go one way (loading -> petrarch -> dictionary).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from eventwire.actors.dictionary import (
    ActorDictionary,
    Entry,
    FileStats,
    add_derived_demonyms,
    builtin_files,
    load_yaml_entries,
)
from eventwire.actors.petrarch import import_petrarch_file
from eventwire.errors import ConfigError

__all__ = ["load_dictionary"]


def load_dictionary(extra_files: Sequence[Path | str] = (), builtin: bool = True) -> ActorDictionary:
    """Builtin YAML files (when ``builtin``) plus user files: ``.yaml``/``.yml`` or PETRARCH ``.txt``."""
    entries: list[Entry] = []
    problems: list[str] = []
    stats: list[FileStats] = []
    files = [(p, False) for p in (builtin_files() if builtin else [])]
    files += [(Path(p), True) for p in extra_files]
    for path, user in files:
        if not path.is_file():
            raise ConfigError(f"actor dictionary {path} does not exist; check the --actors option or "
                              f"EVENTWIRE_ACTORS")
        before = len(problems)
        if path.suffix.lower() in (".yaml", ".yml"):
            loaded = load_yaml_entries(path, user=user, problems=problems)
        else:
            loaded = import_petrarch_file(path, problems=problems)
            for entry in loaded:
                entry.user = user
        entries.extend(loaded)
        roles = [r for e in loaded for r in e.roles]
        stats.append(FileStats(str(path), len(loaded), sum(len(e.patterns) for e in loaded), len(roles),
                               sum(r.dated for r in roles), len(problems) - before))
    add_derived_demonyms(entries)  # after every file: a form another entry lists is never taken
    return ActorDictionary(entries, problems, stats)
