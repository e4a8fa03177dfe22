"""An indexed matcher for spaCy's attribute ruler: the same matches, found without trying every pattern.

The stock ``AttributeRuler`` runs a ``Matcher`` holding all of its ~180 patterns (the tag map plus
exceptions such as "gets" -> lemma "get") against every token; on news text that costs about as
much as the dependency parser. Nearly every pattern starts with an exact TAG or LOWER value, so
indexing the patterns by that value leaves one or two candidates per token to check.

:func:`index_attribute_ruler` swaps the ruler's ``match`` step for the indexed one. It returns the
same ``(attr_id, match_id, start, end)`` list, sorted the same way, so the ruler's own
``set_annotations`` applies the attributes exactly as before (later rules win). Patterns using a
feature this matcher does not implement leave the ruler untouched.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["index_attribute_ruler", "IndexedRuleMatcher"]

_FEATURES = ("TAG", "LOWER", "DEP", "IS_SPACE")


class UnsupportedPattern(ValueError):
    """A pattern uses a Matcher feature the indexed matcher does not implement."""


class _Spec:
    """One token of a pattern, compiled to tests on a row of the doc's attribute array (string hashes)."""

    def __init__(self, spec: dict[str, Any], strings: Any, regex_cache: dict[tuple[str, int], bool]) -> None:
        self.tests: list[tuple[int, str, Any]] = []  # (column, operator, operand)
        self.strings = strings
        self.regex_cache = regex_cache
        for key, value in spec.items():
            if key not in _FEATURES or (key == "IS_SPACE") != isinstance(value, bool):
                raise UnsupportedPattern(f"{key}: {value!r}")
            column = _FEATURES.index(key)
            if isinstance(value, bool):
                self.tests.append((column, "==", int(value)))
            elif isinstance(value, str):
                self.tests.append((column, "==", _hash(strings, value)))
            elif isinstance(value, dict) and len(value) == 1 and set(value) <= {"IN", "NOT_IN", "REGEX"}:
                (operator, operand), = value.items()
                if operator == "REGEX":
                    self.tests.append((column, "REGEX", re.compile(operand)))
                else:
                    self.tests.append((column, operator, frozenset(_hash(strings, v) for v in operand)))
            else:
                raise UnsupportedPattern(f"{key}: {value!r}")
        # cheap tests first, string regexes last
        self.tests.sort(key=lambda test: test[1] == "REGEX")

    def anchor(self) -> tuple[int, frozenset[int]] | None:
        """(column, hashes): a token must carry one of them to match (exact TAG, LOWER or IS_SPACE)."""
        for column, operator, operand in self.tests:
            if operator == "==":
                return column, frozenset([operand])
            if operator == "IN":
                return column, operand
        return None

    def lower_regex(self) -> re.Pattern[str] | None:
        """The regex on LOWER this token must match, when it has one."""
        for column, operator, operand in self.tests:
            if column == 1 and operator == "REGEX":
                return operand
        return None

    def accepts(self, row: list[int]) -> bool:
        for column, operator, operand in self.tests:
            value = row[column]
            if operator == "==":
                if value != operand:
                    return False
            elif operator == "IN":
                if value not in operand:
                    return False
            elif operator == "NOT_IN":
                if value in operand:
                    return False
            elif not self._regex(operand, value):
                return False
        return True

    def _regex(self, pattern: re.Pattern[str], value: int) -> bool:
        key = (pattern.pattern, value)
        found = self.regex_cache.get(key)
        if found is None:
            found = pattern.search(self.strings[value]) is not None
            if len(self.regex_cache) < 100_000:
                self.regex_cache[key] = found
        return found


def _hash(strings: Any, value: str) -> int:
    return 0 if value == "" else int(strings.add(value))


_Entry = tuple[int, int, list[_Spec]]


class IndexedRuleMatcher:
    """Finds an AttributeRuler's matches through an index on each pattern's first token.

    ``rules`` is ``AttributeRuler.patterns``: one entry per rule, in the order the rules were added,
    which is also the rule's key (``attr_id``) inside the ruler. Tokens are read once into rows of
    integers (``Doc.to_array``), so no Token object is built.
    """

    def __init__(self, rules: list[dict[str, Any]], strings: Any) -> None:
        regex_cache: dict[tuple[str, int], bool] = {}
        self.strings = strings
        # one index per column of the attribute rows (TAG, LOWER, DEP, IS_SPACE): value -> patterns
        self.indexes: list[dict[int, list[_Entry]]] = [{} for _ in _FEATURES]
        # patterns whose first token is known only by a regex on LOWER: found through a cache
        # from each LOWER value to the patterns whose regex it matches
        self.by_regex: list[tuple[re.Pattern[str], _Entry]] = []
        self.regex_hits: dict[int, list[_Entry]] = {}
        self.unanchored: list[_Entry] = []
        for attr_id, rule in enumerate(rules):
            match_id = int(strings[str(attr_id)])
            for pattern in rule["patterns"]:
                if not pattern or any(not isinstance(spec, dict) or "OP" in spec for spec in pattern):
                    raise UnsupportedPattern(repr(pattern))
                entry = (attr_id, match_id, [_Spec(spec, strings, regex_cache) for spec in pattern])
                anchor = entry[2][0].anchor()
                regex = entry[2][0].lower_regex()
                if anchor is not None:
                    for value in anchor[1]:
                        self.indexes[anchor[0]].setdefault(value, []).append(entry)
                elif regex is not None:
                    self.by_regex.append((regex, entry))
                else:
                    self.unanchored.append(entry)

    def _regex_candidates(self, lower: int) -> list[_Entry]:
        found = self.regex_hits.get(lower)
        if found is None:
            text = self.strings[lower] if lower else ""
            found = [entry for regex, entry in self.by_regex if regex.search(text)]
            if len(self.regex_hits) < 200_000:
                self.regex_hits[lower] = found
        return found

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        # lazy (start-up): spaCy only when the rules are applied
        from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

        if len(doc) == 0:
            return []
        rows: list[list[int]] = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        length = len(rows)
        by_tag, by_lower, by_dep, by_space = self.indexes
        regex_candidates = self._regex_candidates if self.by_regex else None
        matches: list[tuple[int, int, int, int]] = []
        for start, row in enumerate(rows):
            candidates = list(self.unanchored)
            for index, value in ((by_tag, row[0]), (by_lower, row[1]), (by_dep, row[2]), (by_space, row[3])):
                found = index.get(value)
                if found:
                    candidates += found
            if regex_candidates is not None:
                candidates += regex_candidates(row[1])
            for attr_id, match_id, specs in candidates:
                if len(specs) == 1:
                    if specs[0].accepts(row):
                        matches.append((attr_id, match_id, start, start + 1))
                    continue
                end = start + len(specs)
                if end <= length and all(spec.accepts(rows[start + offset])
                                         for offset, spec in enumerate(specs)):
                    matches.append((attr_id, match_id, start, end))
        # the order AttributeRuler.match returns: by rule, so later rules overwrite earlier ones
        matches.sort()
        return matches


def index_attribute_ruler(ruler: Any) -> bool:
    """Make ``ruler`` (a spaCy AttributeRuler) match through an index. False if left as it was."""
    try:
        rules = ruler.patterns
        if len(rules) != len(ruler.attrs):
            return False
        matcher = IndexedRuleMatcher(rules, ruler.vocab.strings)
    except (UnsupportedPattern, AttributeError, KeyError, TypeError):
        return False
    ruler.match = matcher
    return True
