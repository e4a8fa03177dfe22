"""Score coded events against the real-news gold, the way a careful coder reads them event by event.

Written for the eventwire project. The method:

1. **Same sentence.** A produced event and a gold event can only match when their sentences are the
   same sentence of the article: after :func:`normalize_text`, one contains the other, or they share
   at least ``SENTENCE_OVERLAP`` of the shorter one's words (sentence splitters disagree on junk).
2. **Same actors.** An actor matches when, in normalised words, one span contains the other or the
   two share their last word (the head of an English noun phrase: "Foreign Minister Kharazi" /
   "Kharazi"). Source to source and target to target; a symmetric gold event also matches the other
   order. A gold event without a target matches only a produced event without one.
3. **One to one.** In each article, candidate pairs are taken best first (type right, then mode
   right, then confidence) and each gold and each produced event is used once. A second produced
   event for the same gold event is a false positive: the user sees two events where there was one.
4. **Figures.** Precision: matched produced / produced. Recall: matched gold / gold (source and
   target found). On matched pairs: type accuracy (PLOVER type), modality (mode sets equal over the
   four eventwire modes), actor codes at country level (the first three letters; for IGOs and NGOs
   the organisation block, ``IGOUNO``) and with sector (country + sector block), both actors at once.
   "Right" for the reliability table means matched with the right type.
5. **Error causes.** Every unmatched event gets one cause, the first that applies in the order
   listed in ``FP_CAUSES`` and ``MISS_CAUSES``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from eventwire.eval.gold import MODES, GoldActor, GoldArticle, GoldEvent, normalize_text, tokens

__all__ = ["Produced", "Score", "score", "match_article", "fp_cause", "country_block", "sector_block",
           "RELIABILITY_BINS", "reliability"]

#: share of the shorter sentence's words the other must contain to be the same sentence
SENTENCE_OVERLAP = 0.8
#: confidence bins of the reliability table (lower bounds)
RELIABILITY_BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9)
_ORG_PREFIXES = ("IGO", "NGO", "MNC")

FP_CAUSES = {
    "no_gold_in_sentence": "no event in the gold for this sentence (not an event, or not political)",
    "duplicate": "a second event for a gold event already matched",
    "source_wrong": "the sentence has gold events, none with this source",
    "target_wrong": "source right, target wrong or missing",
}
MISS_CAUSES = {
    "sentence_not_coded": "no event produced in the sentence",
    "source_missed": "events produced in the sentence, none with the gold source",
    "target_missed": "source found, target wrong or missing",
    "taken": "a produced event matched another gold event of the sentence",
}


@dataclass
class Produced:
    """The parts of a coded event (or stored mention) the scorer reads."""

    sentence: str
    source_text: str
    source_code: str | None
    target_text: str | None
    target_code: str | None
    plover: str
    mode: list[str] = field(default_factory=list)
    confidence: float = 0.0
    reported: bool = False
    decided_by: str | None = None
    row: dict[str, Any] = field(default_factory=dict)  # the stored mention, for calibration features

    @classmethod
    def from_event(cls, event: Any) -> Produced:
        """The scorer's view of an event the coder returned (not yet stored)."""
        target = event.target
        return cls(sentence=event.sentence, source_text=event.source.text, source_code=event.source.code,
                   target_text=target.text if target else None, target_code=target.code if target else None,
                   plover=event.plover.type, mode=list(event.plover.mode or []), confidence=event.confidence)


def country_block(code: str | None) -> str | None:
    """The country part of an actor code (``PAKGOV`` -> ``PAK``; ``IGOUNOKID`` -> ``IGOUNO``)."""
    if not code:
        return None
    return code[:6] if code[:3] in _ORG_PREFIXES else code[:3]


def sector_block(code: str | None) -> str | None:
    """Country and first sector (``PAKGOVMIL`` -> ``PAKGOV``; ``IRN`` -> ``IRN``)."""
    if not code:
        return None
    return code[:9] if code[:3] in _ORG_PREFIXES else code[:6]


def _same_sentence(a: str, b: str) -> bool:
    na, nb = normalize_text(a), normalize_text(b)
    if na in nb or nb in na:
        return True
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    shorter, longer = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    pool = Counter(longer)
    shared = sum(min(n, pool[w]) for w, n in Counter(shorter).items())
    return shared / len(shorter) >= SENTENCE_OVERLAP


def _same_actor(gold: GoldActor | None, text: str | None) -> bool:
    if gold is None or not text:
        return gold is None and not text
    g, p = tokens(gold.text), tokens(text)
    if not g or not p:
        return False
    gs, ps = " ".join(g), " ".join(p)
    return f" {gs} " in f" {ps} " or f" {ps} " in f" {gs} " or g[-1] == p[-1]


def _actors_match(gold: GoldEvent, made: Produced) -> tuple[bool, bool, bool]:
    """(source matches, target matches, order swapped) for the better of the two orders allowed."""
    straight = (_same_actor(gold.source, made.source_text), _same_actor(gold.target, made.target_text))
    if all(straight) or not gold.symmetric or gold.target is None:
        return straight[0], straight[1], False
    swapped = (_same_actor(gold.target, made.source_text), _same_actor(gold.source, made.target_text))
    return (swapped[0], swapped[1], True) if all(swapped) else (straight[0], straight[1], False)


def _modes(values: list[str]) -> frozenset[str]:
    return frozenset(m for m in values if m in MODES)


@dataclass
class _Pair:
    gold: GoldEvent
    made: Produced
    swapped: bool

    @property
    def type_right(self) -> bool:
        return _same_type(self.gold.plover, self.made.plover)

    @property
    def mode_right(self) -> bool:
        return _modes(self.gold.mode) == _modes(self.made.mode)

    def codes_right(self, block: Any) -> bool:
        gold_src, gold_tgt = (self.gold.target, self.gold.source) if self.swapped else (self.gold.source, self.gold.target)
        source_ok = block(gold_src.code) == block(self.made.source_code) if gold_src else False
        target_ok = gold_tgt is None or block(gold_tgt.code) == block(self.made.target_code)
        return bool(source_ok and target_ok)


@dataclass
class Score:
    """Counts and the matched pairs of one scored set; :meth:`figures` gives the rates."""

    articles: int = 0
    produced: int = 0
    gold: int = 0
    pairs: list[_Pair] = field(default_factory=list)
    fp_causes: Counter[str] = field(default_factory=Counter)
    miss_causes: Counter[str] = field(default_factory=Counter)
    made_events: list[tuple[Produced, bool]] = field(default_factory=list)  # (event, right) for reliability
    uncoded_sources: int = 0

    def figures(self) -> dict[str, float | int]:
        found = len(self.pairs)

        def rate(n: int, d: int) -> float:
            return round(n / d, 3) if d else 0.0

        return {
            "articles": self.articles, "gold_events": self.gold, "produced_events": self.produced,
            "matched": found,
            "precision": rate(found, self.produced), "recall": rate(found, self.gold),
            "type_right_on_found": rate(sum(p.type_right for p in self.pairs), found),
            "mode_right_on_found": rate(sum(p.mode_right for p in self.pairs), found),
            "both_codes_country_on_found": rate(sum(p.codes_right(country_block) for p in self.pairs), found),
            "both_codes_sector_on_found": rate(sum(p.codes_right(sector_block) for p in self.pairs), found),
            "fully_right_on_found": rate(sum(p.type_right and p.mode_right and p.codes_right(country_block)
                                             for p in self.pairs), found),
            "events_per_article": rate(self.produced, self.articles),
            "gold_per_article": rate(self.gold, self.articles),
            "source_uncoded_share": rate(self.uncoded_sources, self.produced),
        }

    def verdicts(self) -> list[tuple[str, int, int, int, int]]:
        """Found events whose rule and model types differ, by the model's probability: (bin, events,
        rule right, model right, decided by the model). Events coded before verdicts were kept or
        without a rule or a model are left out."""
        rows = []
        for low, high in ((0.0, 0.6), (0.6, 0.8), (0.8, 0.9), (0.9, 1.01)):
            split = [p for p in self.pairs if _disagree(p.made.row) and low <= float(p.made.row["model_prob"]) < high]
            rows.append((f"{low:.1f}-{min(high, 1.0):.1f}", len(split),
                         sum(_same_type(p.gold.plover, p.made.row["rule_type"]) for p in split),
                         sum(_same_type(p.gold.plover, p.made.row["model_type"]) for p in split),
                         sum(p.made.row.get("decided_by") == "model" for p in split)))
        return rows

    def reliability(self) -> list[tuple[str, int, float]]:
        """(confidence bin, events in it, share right) from the lowest bin up; plus '>= 0.8' overall."""
        return reliability([(made.confidence, right) for made, right in self.made_events])


def reliability(judged: list[tuple[float, bool]]) -> list[tuple[str, int, float]]:
    """(confidence bin, events in it, share right) of ``(confidence, right)`` pairs, from the lowest bin
    up (:data:`RELIABILITY_BINS`); plus '>= 0.8' overall. An empty bin's share is 0.0."""
    rows = []
    bounds = (*RELIABILITY_BINS, 1.01)
    for low, top in zip(bounds, bounds[1:], strict=False):
        inside = [right for confidence, right in judged if low <= confidence < top]
        rows.append((f"{low:.1f}-{min(top, 1.0):.1f}", len(inside), _share(inside)))
    confident = [right for confidence, right in judged if confidence >= 0.8]
    rows.append((">= 0.8", len(confident), _share(confident)))
    return rows


def _share(rights: list[bool]) -> float:
    return round(sum(rights) / len(rights), 3) if rights else 0.0


def _disagree(row: dict[str, Any]) -> bool:
    return bool(row.get("rule_type") and row.get("model_type") and row.get("model_prob") is not None
                and not _same_type(row["rule_type"], row["model_type"]))


def _same_type(a: str | None, b: str | None) -> bool:
    return a == b or {a, b} <= {"CONCEDE", "RETREAT"}


def _candidates(gold: list[GoldEvent], made: list[Produced]) -> list[tuple[tuple[float, ...], int, int, bool]]:
    found: list[tuple[tuple[float, ...], int, int, bool]] = []
    for gi, g in enumerate(gold):
        for mi, m in enumerate(made):
            if not _same_sentence(g.sentence, m.sentence):
                continue
            source_ok, target_ok, swapped = _actors_match(g, m)
            if source_ok and target_ok:
                pair = _Pair(g, m, swapped)
                rank = (float(pair.type_right), float(pair.mode_right), m.confidence)
                found.append((rank, gi, mi, swapped))
    found.sort(key=lambda c: c[0], reverse=True)
    return found


def _fp_cause(made: Produced, gold: list[GoldEvent], used_gold: set[int]) -> str:
    in_sentence = [(i, g) for i, g in enumerate(gold) if _same_sentence(g.sentence, made.sentence)]
    if not in_sentence:
        return "no_gold_in_sentence"
    for i, g in in_sentence:
        if all(_actors_match(g, made)[:2]) and i in used_gold:
            return "duplicate"
    if not any(_actors_match(g, made)[0] for _, g in in_sentence):
        return "source_wrong"
    return "target_wrong"


def _miss_cause(g: GoldEvent, made: list[Produced]) -> str:
    in_sentence = [m for m in made if _same_sentence(g.sentence, m.sentence)]
    if not in_sentence:
        return "sentence_not_coded"
    matches = [_actors_match(g, m) for m in in_sentence]
    if not any(s for s, _, _ in matches):
        return "source_missed"
    if not any(s and t for s, t, _ in matches):
        return "target_missed"
    return "taken"


def match_article(gold: list[GoldEvent], made: list[Produced]) -> dict[int, _Pair]:
    """The one-to-one matching of an article's produced events to its gold events (step 3 above):
    produced index -> its pair. Also what the pair model's training data labels produced events by."""
    used_gold: set[int] = set()
    pairs: dict[int, _Pair] = {}
    for _, gi, mi, swapped in _candidates(gold, made):
        if gi in used_gold or mi in pairs:
            continue
        used_gold.add(gi)
        pairs[mi] = _Pair(gold[gi], made[mi], swapped)
    return pairs


def fp_cause(made: Produced, gold: list[GoldEvent], matched: dict[int, _Pair]) -> str:
    """The cause (``FP_CAUSES``) of a produced event that ``matched`` left unmatched."""
    used = {id(p.gold) for p in matched.values()}
    return _fp_cause(made, gold, {i for i, g in enumerate(gold) if id(g) in used})


def score_article(article: GoldArticle, made: list[Produced], total: Score) -> None:
    """Match one article's produced events to its gold events and add the outcome to ``total``."""
    pairs = match_article(article.events, made)
    used_gold = {i for i, g in enumerate(article.events) if any(p.gold is g for p in pairs.values())}
    total.pairs.extend(pairs.values())
    for mi, m in enumerate(made):
        total.made_events.append((m, mi in pairs and pairs[mi].type_right))
        if mi not in pairs:
            total.fp_causes[_fp_cause(m, article.events, used_gold)] += 1
        if not m.source_code:
            total.uncoded_sources += 1
    for gi, g in enumerate(article.events):
        if gi not in used_gold:
            total.miss_causes[_miss_cause(g, made)] += 1
    total.articles += 1
    total.produced += len(made)
    total.gold += len(article.events)


def score(articles: list[GoldArticle], produced: dict[str, list[Produced]]) -> Score:
    """Score every gold article against the events produced for it (missing key: none produced)."""
    total = Score()
    for article in articles:
        score_article(article, produced.get(article.id, []), total)
    return total
