"""Near-duplicate articles grouped into stories, and the keys that aggregate events GDELT-style.

Stories: each article gets a MinHash signature over word shingles; an LSH index finds earlier
articles whose estimated Jaccard similarity passes ``threshold``, and the new article joins the story
of the most similar one (else it starts its own story, named after itself). Signatures are stored in
the database (``article_signatures``) so that later runs join the stories of earlier ones.

Events: one aggregated event per (date, source key, target key, CAMEO code, story). The actor key is
the CAMEO actor code, or, for an actor the resolver could not code, its normalised text, so two
outlets naming the same unresolved group still meet.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from eventwire.records import Actor

if TYPE_CHECKING:
    from datasketch import MinHash

__all__ = ["StoryIndex", "actor_key", "event_key", "shingles", "StoryMatch"]

_WORD = re.compile(r"\w+", re.UNICODE)
_LEADING_ARTICLE = re.compile(r"^(the|a|an)\s+")
NUM_PERM = 128
SHINGLE_WORDS = 4
# datasketch's 32-bit permutation scheme; stored signatures are only comparable under the same one
SCHEME = "affine32"


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """Lower-cased word n-grams; a text shorter than ``size`` words gives one shingle of all its words."""
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def _hash32(data: bytes) -> int:
    # blake2b is ~2x faster than datasketch's default sha1 and stable across processes and versions
    return int.from_bytes(hashlib.blake2b(data, digest_size=4).digest(), "little")


@dataclass
class StoryMatch:
    story_id: str
    similarity: float  # estimated Jaccard with the closest earlier article (0 when it starts a story)
    signature: bytes


class StoryIndex:
    """In-memory LSH over the signatures of stored articles; ``assign`` places a new article."""

    def __init__(self, threshold: float = 0.5, num_perm: int = NUM_PERM) -> None:
        from datasketch import MinHashLSH  # imported here: a rerun that stores nothing never needs it

        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._minhashes: dict[str, MinHash] = {}
        self._story_of: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._story_of)

    def load(self, rows: Iterable[tuple[str, str, bytes]]) -> None:
        """Add stored (article_id, story_id, signature) rows."""
        for article_id, story_id, signature in rows:
            self._add(article_id, story_id, self._from_bytes(signature))

    def minhash(self, text: str) -> MinHash:
        # lazy (start-up): datasketch (numpy, scipy) only when stories are indexed
        from datasketch import MinHash

        m = MinHash(num_perm=self.num_perm, hashfunc=_hash32, scheme=SCHEME)
        m.update_batch([s.encode("utf-8") for s in shingles(text)])
        return m

    def assign(self, article_id: str, text: str) -> StoryMatch:
        """Return the story for a new article and remember it (an article already seen keeps its story)."""
        m = self.minhash(text)
        if article_id in self._story_of:
            return StoryMatch(self._story_of[article_id], 1.0, self._to_bytes(m))
        best_id, best_sim = None, 0.0
        for candidate in self._lsh.query(m):
            sim = m.jaccard(self._minhashes[candidate])
            # ties go to the earliest-inserted article, so the result does not depend on set order
            if sim > best_sim or (sim == best_sim and best_id is not None and candidate < best_id):
                best_id, best_sim = candidate, sim
        if best_id is not None and best_sim >= self.threshold:
            story = self._story_of[best_id]
        else:
            story, best_sim = article_id, 0.0
        self._add(article_id, story, m)
        return StoryMatch(story, best_sim, self._to_bytes(m))

    def _add(self, article_id: str, story_id: str, m: MinHash) -> None:
        if article_id in self._story_of:
            return
        self._lsh.insert(article_id, m)
        self._minhashes[article_id] = m
        self._story_of[article_id] = story_id

    def _to_bytes(self, m: MinHash) -> bytes:
        return np.asarray(m.hashvalues, dtype=np.uint32).tobytes()

    def _from_bytes(self, data: bytes) -> MinHash:
        # lazy (start-up): datasketch (numpy, scipy) only when stories are indexed
        from datasketch import MinHash

        values = np.frombuffer(data, dtype=np.uint32)
        return MinHash(num_perm=len(values), hashvalues=values, hashfunc=_hash32, scheme=SCHEME)


def _normalise(text: str) -> str:
    text = re.sub(r"[^\w]+", " ", text.lower()).strip()
    text = re.sub(r"\s+'?s$", "", text)  # possessive left after punctuation removal
    return _LEADING_ARTICLE.sub("", text)


def actor_key(actor: Actor | None) -> str:
    """The code, or ``~`` plus the normalised text for an uncoded actor; empty for a missing target."""
    if actor is None:
        return ""
    if actor.code:
        return actor.code
    return "~" + _normalise(actor.name or actor.text)


def event_key(date: str | None, source: str, target: str, cameo: str, story_id: str) -> str:
    """Stable id of the aggregated event row for these coordinates."""
    raw = "\x1f".join((date or "", source, target, cameo, story_id))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]
