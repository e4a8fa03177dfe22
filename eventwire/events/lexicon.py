"""The event lexicon: verb and event-noun patterns that say which CAMEO code a word triggers.

The patterns are data (``eventwire/data/lexicon/*.yaml``, see ``docs/lexicon.md``); this module
loads and validates them and matches them against parsed tokens. Matching is by lowercase lemma and
coarse part of speech (VERB/AUX -> VERB, NOUN/PROPN -> NOUN, a predicate ADJ) through one dictionary
lookup per token;
the few candidate rules found there are then checked against the token's dependents:

* a multiword verb trigger ("call for", "step up", "crack down on", "lay siege to") needs each further
  word as a particle, preposition or object below the verb;
* a multiword noun trigger ("peace talks", "hunger strike") needs the leading words right before the
  head noun (hyphens are tokens: "cease-fire");
* ``objects`` / ``objects_not`` look at the object: for verbs the direct object, passive subject,
  ``to``-infinitive complement (and its object), or a preposition's object; for nouns the object of a
  preposition ("release *of* prisoners") or a compound modifier ("prisoner release");
* ``preps_not``: an object read through one of these prepositions does not count ("fired *on* the
  officers" is no dismissal; the coder's part: :func:`eventwire.events.senses.is_other_sense_prep`).

When several rules match one token, only the most specific kind is returned (rules with ``objects``
before multiword triggers before plain ones); among those, a rule matched on a more direct object comes
first, then the higher weight, then the longer trigger. Nouns used as modifiers ("aid workers") and
participles used as adjectives ("wounded soldiers") are not triggers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.cache import cached
from eventwire.errors import ConfigError
from eventwire.events.lexicon_files import LexEntry, read_lexicon_file
from eventwire.events.lexicon_tokens import (
    compounds,
    for_to_marks,
    is_predicate,
    lemma_is,
    phrase_context,
    through_prep_not,
    token_keys,
    with_conjuncts,
)
from eventwire.events.series import counted_objects, series_object, series_verb
from eventwire.nlp import DATE_ENTITY_LABELS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["LexEntry", "LexMatch", "Lexicon", "get_lexicon", "lexicon_in_use", "coding_with", "BUILTIN_DIR"]

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "data" / "lexicon"

_POS_GROUP = {"VERB": "VERB", "AUX": "VERB", "NOUN": "NOUN", "PROPN": "NOUN", "ADJ": "ADJ"}
# Dependents that can carry the further words of a multiword verb trigger.
_VERB_PART_DEPS = frozenset({"prt", "prep", "pobj", "agent", "dobj", "advmod", "acomp", "attr", "dative", "oprd",
                             "npadvmod", "ccomp", "xcomp"})
_VERB_OBJECT_DEPS = ("dobj", "nsubjpass", "xcomp", "attr", "oprd", "ccomp")
# prepositions of time, cause and concession: what they introduce is the setting of the act, never
# what it is done to ("denied a motion ... despite a prosecutor's claim" is no denial of a claim;
# "the crowd, upon gathering, started singing" started no gathering)
_ADJUNCT_PREPS = frozenset({"despite", "after", "before", "since", "during", "amid", "amidst", "because", "until",
                            "following", "like", "unlike", "than", "while", "upon"})
_SPEC_SPLIT = re.compile(r"[\s-]+")
# Words a multiword object spec or trigger may contain that are not matched ("end to the fighting"),
# except as a part of a hyphenated word: "sit-in" needs its "in", or it is the verb "sit" ("the
# parliament resumed sitting" is no sit-in resumed).
_SPEC_STOPWORDS = frozenset({"the", "a", "an", "to", "of", "for", "on", "in", "with"})
_TRIGGER_STOPWORDS = frozenset({"the", "a", "an"})
# An object spec naming a dependency relation instead of a word: "dep:xcomp" is the to-infinitive of
# an object-control verb ("told the president *to step down*"), whatever verb it is.
_DEP_SPEC = "dep:"


@dataclass(frozen=True)
class LexMatch:
    """A rule that fired on a token. ``trigger_start``/``trigger_end`` are token indices in the Doc
    (end exclusive) covering every word of the trigger; ``object_i`` is the object token the rule's
    ``objects`` constraint matched (None when the rule has no such constraint)."""

    rule_id: str
    cameo: str
    trigger_start: int
    trigger_end: int
    target_preps: tuple[str, ...]
    object_is_target: bool
    symmetric: bool
    weight: float
    object_i: int | None = None
    subject_is_target: bool = False
    # prepositions whose phrase, naming an actor, shows another sense of the word (docs/lexicon.md)
    preps_not: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Specs:
    """An ``objects``/``objects_not`` list prepared for O(1) tests: one-word specs in a set, multiword
    specs indexed by each of their words."""

    words: frozenset[str]
    phrases: dict[str, tuple[tuple[str, ...], ...]]
    entities: frozenset[str]
    deps: frozenset[str] = frozenset()  # "dep:xcomp": any object in that relation ("told Y *to leave*")

    @classmethod
    def compile(cls, specs: Iterable[str]) -> _Specs:
        words: set[str] = set()
        entities: set[str] = set()
        deps: set[str] = set()
        phrases: dict[str, list[tuple[str, ...]]] = {}
        for spec in specs:
            if spec.startswith("@"):
                entities.add(spec[1:])
                continue
            if spec.startswith(_DEP_SPEC):
                deps.add(spec[len(_DEP_SPEC):])
                continue
            parts = tuple(p for w in spec.split() for p in _SPEC_SPLIT.split(w)
                          if p and ("-" in w or p not in _SPEC_STOPWORDS))
            if len(parts) == 1:
                words.add(parts[0])
            for word in set(parts) if len(parts) > 1 else ():
                phrases.setdefault(word, []).append(parts)
        return cls(frozenset(words), {w: tuple(p) for w, p in phrases.items()}, frozenset(entities), frozenset(deps))

    def first_match(
        self, candidates: list[Token], trigger: Token, context: dict[int, set[str]]
    ) -> Token | None:
        for token in candidates:
            lemma, lower = token.lemma_.lower(), token.lower_
            if lemma in self.words or lower in self.words:
                return token
            if self.entities and token.ent_type_ in self.entities:
                return token
            if self.deps and token.dep_ in self.deps and token.head.i == trigger.i:
                return token
            for phrase in self.phrases.get(lemma, ()) + self.phrases.get(lower, ()):
                if all(w in phrase_context(token, trigger, context) for w in phrase):
                    return token
        return None


@dataclass(frozen=True)
class _Pattern:
    entry: LexEntry
    head: str
    prefix: tuple[str, ...]  # words right before the head ("peace" talks, "test-"fire, "sit-"in)
    rest: tuple[str, ...]  # verbs only: particles, prepositions, objects below the head ("call" for)
    specificity: int
    objects: _Specs | None
    objects_not: _Specs | None


def _split_trigger(lemma: str, pos: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(head, prefix, rest) of a trigger. Hyphens are separate tokens in spaCy, so "cease-fire" is the
    head "fire" preceded by "cease" and "-"."""
    items = lemma.split()
    if pos != "NOUN":  # a verb or a predicate adjective first, then its particles and prepositions
        # "go on the rampage": articles hang below the noun, not the verb, so they are not matched
        items = items[:1] + [w for w in items[1:] if w not in _TRIGGER_STOPWORDS]
    head_item = items[0] if pos != "NOUN" else items[-1]
    before = [] if pos != "NOUN" else items[:-1]
    rest = tuple(items[1:]) if pos != "NOUN" else ()
    prefix: list[str] = []
    for item in before:
        prefix.extend(_hyphen_pieces(item))
    pieces = _hyphen_pieces(head_item)
    prefix.extend(pieces[:-1])
    return pieces[-1], tuple(prefix), rest


def _hyphen_pieces(item: str) -> list[str]:
    out: list[str] = []
    for i, piece in enumerate(item.split("-")):
        if i:
            out.append("-")
        if piece:
            out.append(piece)
    return out


def _length(match: LexMatch) -> int:
    return match.trigger_end - match.trigger_start


class Lexicon:
    """A set of lexicon rules indexed by (part of speech, head lemma)."""

    def __init__(self, entries: Sequence[LexEntry]) -> None:
        self.entries: dict[str, LexEntry] = {e.id: e for e in entries}
        self._index: dict[tuple[str, str], list[_Pattern]] = {}
        for entry in self.entries.values():
            for lemma in entry.lemmas:
                head, prefix, rest = _split_trigger(lemma, entry.pos)
                # Most specific first: an object constraint, then a multiword trigger ("test-fire" + missile
                # beats "fire" + missile; "call for" beats "call").
                specificity = 2 * (entry.objects is not None) + bool(rest or prefix)
                pattern = _Pattern(
                    entry,
                    head,
                    prefix,
                    rest,
                    specificity,
                    objects=_Specs.compile(entry.objects) if entry.objects is not None else None,
                    objects_not=_Specs.compile(entry.objects_not) if entry.objects_not else None,
                )
                self._index.setdefault((entry.pos, head), []).append(pattern)

    def __len__(self) -> int:
        return len(self.entries)

    # ----------------------------------------------------------------- loading
    @classmethod
    def load(cls, extra_files: Sequence[Path | str] = (), builtin: bool = True) -> Lexicon:
        """Read the built-in YAML files, then ``extra_files`` (which add rules or replace them by id;
        ``enabled: false`` removes one). Raises ConfigError naming the file and entry on bad data."""
        entries: dict[str, LexEntry] = {}
        if builtin:
            for path in sorted(BUILTIN_DIR.glob("*.yaml")):
                for _, entry in read_lexicon_file(path):
                    if entry is None:
                        continue
                    if entry.id in entries:
                        raise ConfigError(
                            f"{path.name}: rule id {entry.id!r} is already defined in {entries[entry.id].source}"
                        )
                    entries[entry.id] = entry
        for extra in extra_files:
            path = Path(extra)
            for raw_id, entry in read_lexicon_file(path):
                if entry is None:
                    entries.pop(raw_id, None)
                else:
                    entries[entry.id] = entry
        return cls(list(entries.values()))

    # ----------------------------------------------------------------- matching
    def match(self, token: Token) -> list[LexMatch]:
        """The rules that fire on ``token`` as a trigger head (most specific kind only, best first)."""
        pos = _POS_GROUP.get(token.pos_)
        if pos is None or (token.dep_ == ("compound" if pos == "NOUN" else "amod") and series_verb(token) is None):
            # A noun modifying a noun names a kind of thing ("aid workers"), a participle used as an adjective
            return []  # describes ("the detained journalist"); not so a verb of a series (events.series)
        if pos == "ADJ" and not is_predicate(token):
            return []
        if token.pos_ == "PROPN" and token.ent_type_ in DATE_ENTITY_LABELS:
            return []  # a month or feast day is a date whatever noun it spells ("on March 22": no march)
        found: list[tuple[int, int, LexMatch]] = []
        candidates: dict[int | None, tuple[list[Token], list[Token]]] = {}  # by the trigger's last part
        for key in token_keys(token):
            for pattern in self._index.get((pos, key), ()):
                tried = self._try(pattern, token, candidates)
                if tried is not None:
                    found.append((pattern.specificity, tried[1], tried[0]))
            if found:
                break
        if not found:
            return []
        top = max(f[0] for f in found)
        # One match per rule: the longest trigger ("appealed for" rather than "appealed").
        by_rule: dict[str, tuple[int, LexMatch]] = {}
        for specificity, rank, hit in found:
            known = by_rule.get(hit.rule_id)
            if specificity == top and (known is None or _length(hit) > _length(known[1])):
                by_rule[hit.rule_id] = (rank, hit)
        # A rule matched on the direct object beats one matched on a prepositional object ("captured
        # the town from the rebels" is about the town); then weight, then the longer trigger.
        ranked = sorted(by_rule.values(), key=lambda r: (r[0], -r[1].weight, -_length(r[1]), r[1].rule_id))
        return [hit for _, hit in ranked]

    def match_span(self, span: Span | Iterable[Token]) -> list[LexMatch]:
        """All matches of every token in a sentence or Doc slice, in token order."""
        out: list[LexMatch] = []
        for token in span:
            out.extend(self.match(token))
        return out

    def _try(
        self, pattern: _Pattern, token: Token, cache: dict[int | None, tuple[list[Token], list[Token]]]
    ) -> tuple[LexMatch, int] | None:
        """The match and the rank of the object it needed (0: the most direct, or no object needed)."""
        entry = pattern.entry
        parts = self._find_parts(pattern, token)
        if parts is None:
            return None
        object_i: int | None = None
        rank = 0
        if pattern.objects is not None or pattern.objects_not is not None:
            last = parts[-1] if pattern.rest else None
            key = last.i if last is not None else None
            if key not in cache:
                cache[key] = self._objects_of(token, last, entry.pos)
            direct, candidates = cache[key]
            context: dict[int, set[str]] = {}
            if pattern.objects_not is not None and pattern.objects_not.first_match(direct, token, context):
                return None
            if pattern.objects_not is not None and pattern.objects_not.deps and any(
                    c.dep_ in pattern.objects_not.deps for c in token.children):
                return None  # "agreed with Putin *to cut* tariffs": a deal, not "agree with" a view
            if pattern.objects is not None:
                obj = pattern.objects.first_match(candidates, token, context)
                if obj is None or through_prep_not(obj, token, parts, entry.preps_not):
                    return None  # "fired on the officers": no dismissal (preps_not)
                object_i = obj.i
                rank = candidates.index(obj)
        indices = [token.i] + [p.i for p in parts]
        match = LexMatch(
            rule_id=entry.id,
            cameo=entry.cameo,
            trigger_start=min(indices),
            trigger_end=max(indices) + 1,
            target_preps=entry.target_preps,
            object_is_target=entry.object_is_target,
            symmetric=entry.symmetric,
            weight=entry.weight,
            object_i=object_i,
            subject_is_target=entry.subject_is_target,
            preps_not=entry.preps_not,
        )
        return match, rank

    @staticmethod
    def _find_parts(pattern: _Pattern, token: Token) -> list[Token] | None:
        """The tokens carrying the trigger's further words, or None when one is missing."""
        parts: list[Token] = []
        if pattern.prefix:
            doc, start = token.doc, token.i - len(pattern.prefix)
            if start < 0:
                return None
            before = [doc[i] for i in range(start, token.i)]
            if not all(lemma_is(t, w) for t, w in zip(before, pattern.prefix, strict=True)):
                return None
            parts.extend(before)
        anchors = [token]
        for word in pattern.rest:
            found = next(
                (
                    c
                    for a in anchors
                    for c in a.children
                    if c.dep_ in _VERB_PART_DEPS and lemma_is(c, word) and c not in parts
                ),
                None,
            )
            if found is None and word == "for":  # "called for Israel to withdraw"
                found = next((m for a in anchors for m in for_to_marks(a)), None)
            if found is None:
                return None
            parts.append(found)
            anchors.append(found)
        return parts

    @staticmethod
    def _objects_of(token: Token, last_part: Token | None, pos: str) -> tuple[list[Token], list[Token]]:
        """Candidate object tokens, most direct first: (direct objects, all candidates).

        ``objects_not`` looks only at the direct ones, so "rejected the request on the charge of" is
        not mistaken for "rejected the charges"."""
        if pos != "NOUN":
            if last_part is not None and last_part.dep_ in ("prep", "agent"):
                direct = with_conjuncts(c for c in last_part.children if c.dep_ == "pobj")
                return direct, direct + compounds(direct)
            direct = with_conjuncts(c for c in token.children if c.dep_ in _VERB_OBJECT_DEPS)
            direct += series_object(token)  # "the Constitution, dissolved Parliament, banned": its object
            direct += with_conjuncts(counted_objects(direct))  # "expressed a number of concerns": concerns
            if token.dep_ == "acl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
                # a reduced relative clause: "the deal struck in Corfu", "sanctions imposed on Iran"
                direct.insert(0, token.head)
            nested = [
                g for c in direct if c.dep_ == "xcomp" for g in c.children if g.dep_ in ("dobj", "nsubjpass")
            ]
            preps = [g for c in token.children if c.dep_ == "prep" and c.lower_ not in _ADJUNCT_PREPS
                     for g in c.children if g.dep_ == "pobj"]
            return direct, direct + with_conjuncts(nested + preps) + compounds(direct)
        modifiers = [c for c in token.lefts if c.dep_ in ("compound", "amod", "nmod")]
        preps = [
            g
            for c in token.children
            if c.dep_ in ("prep", "acl")
            for g in c.children
            if g.dep_ in ("pobj", "dobj")
        ]
        direct = with_conjuncts(preps + modifiers)
        return direct, direct


# --------------------------------------------------------------------- file reading
@lru_cache(maxsize=8)
def _cached(extra: tuple[str, ...]) -> Lexicon:
    # prebuilt on disk between processes: compiling the YAML rules cost ~0.3 s of every start-up
    return cached("lexicon", lambda: Lexicon.load(extra), extra)


def get_lexicon(extra_files: Sequence[Path | str] = ()) -> Lexicon:
    """The lexicon (built-in rules plus ``extra_files``), loaded once per process and set of files."""
    return _cached(tuple(str(p) for p in extra_files))


# the lexicon of the coding call under way: the coder's own checks ("is this noun an act?", "is the
# clause's verb a trigger of force?") sit deep in helpers that take no lexicon argument, and must see
# the rules a user added with --lexicon, not only the built-in ones. A context variable rather than
# a module global, so that threads coding with different lexicons do not see each other's.
_IN_USE: ContextVar[Lexicon | None] = ContextVar("eventwire_lexicon_in_use", default=None)


def lexicon_in_use() -> Lexicon:
    """The lexicon the current coding call codes with (:func:`coding_with`); the built-in one outside a call."""
    return _IN_USE.get() or get_lexicon()


@contextmanager
def coding_with(lexicon: Lexicon) -> Iterator[Lexicon]:
    """Make ``lexicon`` the one :func:`lexicon_in_use` returns until the block ends."""
    token = _IN_USE.set(lexicon)
    try:
        yield lexicon
    finally:
        _IN_USE.reset(token)
