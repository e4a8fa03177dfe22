"""Actor resolution: who the people, states, organisations and agents in an article are, in CAMEO codes.

``ActorResolver(extra_files=(), builtin=True).resolve(doc, published=None) -> list[Actor]`` gives the
mentions of a parsed article (offsets into ``doc.text``, sorted, non-overlapping), including NER
mentions it could not resolve (code None) and pronouns/surnames linked to people introduced earlier.
``get_resolver()`` is the cached default (builtin data plus the files of the ``actors`` setting).
See docs/actors.md for the method and the dictionary format.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.actors.anaphora import definite_references
from eventwire.actors.dictionary import ActorDictionary, Entry, Role
from eventwire.actors.loading import load_dictionary
from eventwire.actors.petrarch import import_petrarch
from eventwire.actors.resolve import Resolver, role_at
from eventwire.actors.units import CLASS_SOURCE
from eventwire.cache import cached
from eventwire.records import Actor
from eventwire.settings import get_settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "ActorResolver",
    "ActorDictionary",
    "Entry",
    "Role",
    "get_resolver",
    "resolve_actors",
    "import_petrarch",
    "load_dictionary",
    "role_at",
]


class ActorResolver:
    """Builtin dictionaries (unless ``builtin=False``) plus user files (YAML or PETRARCH ``.txt``)."""

    def __init__(self, extra_files: Sequence[Path | str] = (), builtin: bool = True) -> None:
        self.dictionary = load_dictionary(tuple(Path(p) for p in extra_files), builtin=builtin)
        self._resolver = Resolver(self.dictionary)

    @property
    def problems(self) -> list[str]:
        """Dictionary entries that were skipped or conflict, as ``file:line: message``."""
        return self.dictionary.problems

    def resolve(self, doc: Doc, published: str | None = None, title: str | None = None,
                dateline: str | None = None) -> list[Actor]:
        """Actor mentions of ``doc``; ``published`` (ISO date) picks the roles in force; the article's
        ``title`` and ``dateline`` country (ISO3) help tell whose "government" or "police" it is."""
        # "the station" after "a local TV station": the same actor (eventwire.actors.anaphora)
        return _with_class_nouns(doc, self._resolver.resolve(doc, published, title, dateline))


def _with_class_nouns(doc: Doc, actors: list[Actor]) -> list[Actor]:
    """The definite references added to the mentions, before the nouns coded only by their WordNet
    class: "the agency" after "the Coastal Fisheries Agency" is that agency (a reference), not some
    government agency of the article's country; a class noun no reference takes stays."""
    lexical = [a for a in actors if a.role_source != CLASS_SOURCE]
    if len(lexical) == len(actors):
        return definite_references(doc, actors)
    referred = definite_references(doc, lexical)
    if referred is lexical:
        return actors
    spans = [(a.start, a.end) for a in referred]
    kept = [a for a in actors if a.role_source == CLASS_SOURCE and not any(s < a.end and a.start < e for s, e in spans)]
    return sorted([*referred, *kept], key=lambda a: (a.start, a.end))


_lock = threading.Lock()
# the one resolver cache of the process: every caller (the run, its workers, `eventwire code`,
# code_text, evaluation) asks get_resolver, so a file set is loaded once
_cache: dict[tuple[str, ...], ActorResolver] = {}


def get_resolver(files: Sequence[Path | str] | None = None) -> ActorResolver:
    """The resolver of the builtin data plus ``files`` (default: the ``actors`` setting's files),
    built once per file set. ``files`` is the whole list, the setting's files included: a Dask worker
    on another machine has no environment, so the run hands every worker the list it resolved."""
    default = tuple(str(p) for p in get_settings().actor_files())
    key = default if files is None else tuple(str(p) for p in files)
    with _lock:
        if key not in _cache:
            if key == default:  # prebuilt on disk between processes (eventwire/cache.py: start-up)
                _cache[key] = cached("actors", lambda: ActorResolver(key), key)
            else:  # a user's own set, for this process only
                _cache[key] = ActorResolver(key)
        return _cache[key]


def resolve_actors(doc: Doc, published: str | None = None, title: str | None = None,
                   dateline: str | None = None, *, files: Sequence[Path | str] | None = None) -> list[Actor]:
    """The actor mentions of a parsed article: the one entry point every caller shares,
    ``get_resolver(files).resolve(doc, published, title, dateline)``; the article's title and
    dateline country (ISO3) tell whom it is about."""
    return get_resolver(files).resolve(doc, published, title, dateline)
