"""eventwire: raw news in, political event data out.

The public API is listed in ``__all__``. Heavy stages (spaCy, the database) are imported on first
use, so ``import eventwire`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

from eventwire.errors import ConfigError, DatabaseError, EventwireError, InputError
from eventwire.records import (
    Actor,
    Article,
    Credits,
    Dateline,
    Event,
    Location,
    Place,
    Plover,
    Quote,
    RawDocument,
    Span,
)
from eventwire.settings import Settings, get_settings

__version__ = "0.1.0"

# public name -> module that defines it (imported lazily)
_LAZY: dict[str, str] = {
    "read_sources": "eventwire.sources",
    "extract_article": "eventwire.extract",
    "extract_text": "eventwire.extract",
    "open": "eventwire.query",
    "run": "eventwire.pipeline",
    "classify": "eventwire.events.classifier",
    "code_text": "eventwire.stages",
}

__all__ = [
    "Actor",
    "Article",
    "ConfigError",
    "Credits",
    "DatabaseError",
    "Dateline",
    "Event",
    "EventwireError",
    "InputError",
    "Location",
    "Place",
    "Plover",
    "Quote",
    "RawDocument",
    "Settings",
    "Span",
    "get_settings",
    *_LAZY,
]


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
