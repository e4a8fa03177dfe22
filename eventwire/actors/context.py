"""Context rules for country names that are also something else (Georgia the U.S. state).

The rules are data (``eventwire/data/actor_context.yaml``): a match of ``text`` meaning ``iso3`` is
dropped when its sentence contains one of the clues. Only matches of listed names pay for the check.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.actors.dictionary import Entry, normalize
from eventwire.data_files import read_shipped_yaml, shipped_file_error

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["AmbiguityRules", "RULES_FILE"]

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "actor_context.yaml"


@dataclass
class AmbiguityRules:
    clues: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = RULES_FILE) -> AmbiguityRules:
        return _load(path)

    def reject(self, entry: Entry, doc: Doc, token_index: int, matched: str) -> bool:
        """True when the sentence around ``matched`` (at token ``token_index``) says it is not the country."""
        if not self.clues or not entry.code:
            return False
        clues = self.clues.get((normalize(matched), entry.code))
        if not clues:
            return False
        sentence = doc[token_index].sent.text
        return any(clue in sentence for clue in clues)


@lru_cache(maxsize=4)
def _load(path: Path) -> AmbiguityRules:
    if not path.is_file():
        return AmbiguityRules()
    try:
        data = read_shipped_yaml(path)
        clues = {
            (normalize(str(rule["text"])), str(rule["iso3"])): tuple(str(c) for c in rule["unless_sentence_has"])
            for rule in data.get("rules") or []
        }
    except (KeyError, TypeError, AttributeError) as exc:
        raise shipped_file_error(path, exc) from exc
    return AmbiguityRules(clues)
