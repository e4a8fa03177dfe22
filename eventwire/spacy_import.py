"""``import spacy`` without spaCy's command-line package, until something asks for it.

spaCy's ``__init__`` imports ``spacy.cli`` (typer, weasel, httpx, the download, project and training
commands) for a single name, ``spacy.info``. That was about a third of ``import spacy``: ~0.2 s of
every eventwire process's start-up (issue 16), for commands eventwire never runs. :func:`import_spacy`
registers a stand-in ``spacy.cli`` package first, over the same folder (so ``import spacy.cli.download``
still finds its module); reading any attribute of ``spacy.cli``, or calling ``spacy.info()``, imports
the real package then. If spaCy is already imported, nothing is changed.

:func:`load_pipeline` is ``spacy.load`` minus two costs of every start-up that change nothing in the
loaded pipeline (``tests/test_spacy_import.py`` compares the two):

- the stock tokenizer was built twice: once from the language's defaults (compiling its regexes and
  adding ~1,300 special cases) and again from the pipeline's ``tokenizer`` file, which replaces every
  one of those settings. It is now created empty and filled from the file alone (~0.12 s);
- catalogue looks up entry points once per registry access (~250 per load) by scanning every
  installed distribution's entry points; they are indexed by group once instead (~0.05 s).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

__all__ = ["import_spacy", "load_pipeline"]

_CLI, _INFO = "spacy.cli", "spacy.cli.info"


class _StandInCli(ModuleType):
    """``spacy.cli`` until first use; then the real one (and ``spacy.cli`` points to it)."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(_real_cli(), name)


def _real_cli() -> ModuleType:
    for name in (_INFO, _CLI):
        if getattr(sys.modules.get(name), "_eventwire_stand_in", False):
            del sys.modules[name]
    real = importlib.import_module(_CLI)
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        spacy.cli = real  # type: ignore[attr-defined]
    return real


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: imports spaCy's command-line package, then runs the real function."""
    _real_cli()
    # lazy (start-up): spaCy only when it is used; this module exists to import it well
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _stand_ins(folder: str) -> tuple[ModuleType, ModuleType]:
    cli = _StandInCli(_CLI, "spaCy's command-line package, imported on first use (eventwire.spacy_import)")
    cli.__path__ = [folder]  # submodules (spacy.cli.download, ...) still load from spaCy's folder
    cli.__package__ = _CLI
    info = ModuleType(_INFO)
    info.info = _info  # type: ignore[attr-defined]
    for module in (cli, info):
        module._eventwire_stand_in = True  # type: ignore[attr-defined]
    return cli, info


def import_spacy() -> ModuleType:
    """The ``spacy`` module, imported without ``spacy.cli`` when this process has not imported it yet."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    spec = importlib.util.find_spec("spacy")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    if not locations or _CLI in sys.modules:
        # lazy (start-up): spaCy only when it is used; this module exists to import it well
        import spacy

        return spacy
    cli, info = _stand_ins(f"{locations[0]}/cli")
    sys.modules[_CLI], sys.modules[_INFO] = cli, info
    try:
        # lazy (start-up): spaCy only when it is used; this module exists to import it well
        import spacy
    except BaseException:
        for name in (_INFO, _CLI):
            sys.modules.pop(name, None)
        raise
    spacy.cli = cli  # type: ignore[attr-defined]  # (a module found in sys.modules is not set on its parent)
    return spacy


class _GroupedEntryPoints:
    """catalogue's ``AVAILABLE_ENTRY_POINTS`` with ``select(group=...)`` answered from a dict."""

    def __init__(self, found: Any) -> None:
        self._by_group: dict[str, tuple[Any, ...]] = {}
        if isinstance(found, dict):  # Python < 3.12: a SelectableGroups dict of group -> EntryPoints
            self._by_group = {group: tuple(points) for group, points in dict.items(found)}
        else:
            for point in found:
                self._by_group[point.group] = (*self._by_group.get(point.group, ()), point)

    def select(self, group: str) -> tuple[Any, ...]:
        return self._by_group.get(group, ())


def _index_entry_points() -> None:
    # lazy (start-up): spaCy's registry library only when a pipeline is loaded
    import catalogue

    current = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
    if current is not None and not isinstance(current, _GroupedEntryPoints) and hasattr(current, "select"):
        catalogue.AVAILABLE_ENTRY_POINTS = _GroupedEntryPoints(current)


_STOCK_TOKENIZER = "spacy.Tokenizer.v1"


def _bare_tokenizer() -> Any:
    # lazy (start-up): spaCy only when a pipeline is loaded
    from spacy.tokenizer import Tokenizer

    def create(nlp: Any) -> Any:
        return Tokenizer(nlp.vocab)  # every setting comes from the pipeline's tokenizer file

    return create


def load_pipeline(spacy: ModuleType, name: str, exclude: Sequence[str]) -> Any:
    """``spacy.load(name, exclude=exclude)``, faster (see the module's docstring). A pipeline whose
    tokenizer file does not fill the empty tokenizer (none known) is loaded again the usual way."""
    _index_entry_points()
    populate = getattr(spacy.registry, "ensure_populated", None)
    if populate is not None:  # spaCy >= 3.8 fills its registries on first use; spacy.load would do it anyway
        populate()
    tokenizers = spacy.registry.tokenizers
    stock = tokenizers.get(_STOCK_TOKENIZER)
    tokenizers.register(_STOCK_TOKENIZER, func=_bare_tokenizer)
    try:
        nlp = spacy.load(name, exclude=list(exclude))
    finally:
        tokenizers.register(_STOCK_TOKENIZER, func=stock)
    tokenizer = nlp.tokenizer
    if type(tokenizer).__name__ == "Tokenizer" and (not tokenizer.rules or tokenizer.prefix_search is None):
        nlp = spacy.load(name, exclude=list(exclude))
    return nlp
