"""Event coding: who did what to whom.

``ontology`` holds the CAMEO/PLOVER code table, ``lexicon`` the verb and event-noun patterns and
their matcher. The event coder (``code_doc``) builds on both; ``eventwire.code_text`` (parse, actors,
code) is composed in :mod:`eventwire.stages` with the other stages.
"""

from __future__ import annotations

from typing import Any

__all__ = ["code_doc"]


def __getattr__(name: str) -> Any:
    # the coder pulls in the lexicon and the classifier: import it only when asked for
    if name == "code_doc":
        # lazy (start-up): the coder loads spaCy-facing modules; `import eventwire.events` stays light
        from eventwire.events import coder

        return getattr(coder, name)
    raise AttributeError(f"module 'eventwire.events' has no attribute {name!r}")
