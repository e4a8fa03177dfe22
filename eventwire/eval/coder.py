"""Scoring the event coder against gold files: per-class precision/recall/F1, macro-F1, confusion.

Formats (detected by :func:`load_gold`):

* ``plv_train.tsv`` (Zero-Shot-PLOVER): a sentence with a marked source and target and the PLOVER
  root (YIELD = CONCEDE + RETREAT). A gold pair is *found* when an event's source and target overlap
  the gold spans (either order for symmetric types); its predicted class is the type of the most
  confident such event, ``NONE`` when there is none. Pair recall = found / gold pairs.
* PLOVER GSR json (PLOVER 0.5 names, mapped to current types): actors given as text and code; an event
  matches when its source and target overlap the gold actor texts or carry their country codes.
* PETR2 GSR xml: CAMEO codings with source/target actor codes, scored by CAMEO root at country level;
  coded events matching no gold coding count against precision (gold class ``NONE``).
* ``seed_gold.json``: required and forbidden events (:func:`check_seed`).

The files are read in :mod:`eventwire.eval.gold_formats` (its names stay importable from here);
this module codes their sentences and scores the events.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError
from eventwire.eval.gold_formats import NONE, GoldItem, PetrarchRecord, load_gold, read_petrarch_records
from eventwire.events.ontology import cameo_info
from eventwire.records import Event

__all__ = [
    "GoldItem", "Report", "load_gold", "score", "check_seed", "seed_text", "event_matches_spec",
    "code_sentences", "SYMMETRIC_TYPES", "evaluate_file", "PetrarchRecord", "read_petrarch_records",
]

#: types whose source and target may be swapped when matching gold pairs
SYMMETRIC_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})


@dataclass
class Report:
    """Scores of one gold file."""

    name: str
    labels: list[str]
    confusion: dict[str, Counter[str]]
    pairs: int = 0
    found: int = 0
    found_right_type: int = 0
    notes: list[str] = field(default_factory=list)

    def per_class(self) -> dict[str, dict[str, float]]:
        out: dict[str, dict[str, float]] = {}
        for label in self.labels:
            tp = self.confusion.get(label, Counter())[label]
            predicted = sum(row[label] for row in self.confusion.values())
            support = sum(self.confusion.get(label, Counter()).values())
            precision = tp / predicted if predicted else 0.0
            recall = tp / support if support else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            out[label] = {"precision": precision, "recall": recall, "f1": f1, "support": support,
                          "predicted": predicted}
        return out

    def macro_f1(self) -> float:
        rows = [v for v in self.per_class().values() if v["support"]]
        return sum(r["f1"] for r in rows) / len(rows) if rows else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "per_class": self.per_class(),
            "macro_f1": self.macro_f1(),
            "pairs": self.pairs,
            "pair_recall": self.found / self.pairs if self.pairs else None,
            "type_accuracy_on_found": self.found_right_type / self.found if self.found else None,
            "confusion": {g: dict(row) for g, row in self.confusion.items()},
            "notes": self.notes,
        }

    def render(self) -> str:
        lines = [f"== {self.name}"]
        if self.pairs:
            lines.append(f"gold pairs {self.pairs}: found {self.found} ({self.found / self.pairs:.1%}); "
                         f"right type on found {self.found_right_type} "
                         f"({(self.found_right_type / self.found if self.found else 0):.1%})")
        lines.append(f"{'class':<12}{'prec':>7}{'rec':>7}{'f1':>7}{'gold':>7}{'pred':>7}")
        for label, row in self.per_class().items():
            lines.append(f"{label:<12}{row['precision']:>7.2f}{row['recall']:>7.2f}{row['f1']:>7.2f}"
                         f"{row['support']:>7.0f}{row['predicted']:>7.0f}")
        lines.append(f"macro-F1 (classes with gold support): {self.macro_f1():.3f}")
        columns = [*self.labels, NONE]
        lines.append("confusion (rows gold, columns predicted):")
        lines.append(" " * 12 + "".join(f"{c[:6]:>7}" for c in columns))
        for gold in [*self.labels, NONE]:
            counts = self.confusion.get(gold)
            if counts:
                lines.append(f"{gold[:12]:<12}" + "".join(f"{counts[c]:>7}" for c in columns))
        lines.extend(self.notes)
        return "\n".join(lines)


# ----------------------------------------------------------------------------- coding and scoring

def _without_dateline(text: str) -> tuple[str, int]:
    """The text as the pipeline codes it: the extract layer strips a leading dateline ("BERLIN --",
    "KABUL (Pajhwok) :") that the parser would otherwise read as the subject. Returns the text and
    the number of leading chars removed; the input unchanged when extraction does anything but cut
    a prefix (gold offsets must still map back)."""
    try:
        # lazy (start-up): spaCy, the extractor and the coder only when sentences are coded here
        from eventwire.extract import extract_text
    except ImportError:
        return text, 0
    try:
        kept = extract_text(text).text
    except Exception:  # noqa: BLE001 - any extraction failure: code the text as given
        return text, 0
    if kept and text.endswith(kept):
        return kept, len(text) - len(kept)
    return text, 0


def code_sentences(texts: Sequence[str], published: Sequence[str | None] | None = None,
                   coder: Callable[..., list[Event]] | None = None) -> list[tuple[list[Event], list[int]]]:
    """Code each text as a one-paragraph article, after the extract layer's dateline stripping (as
    ``eventwire code`` and the pipeline do); returns (events, sentence offsets into the given text)
    per text."""
    # lazy (start-up): spaCy, the extractor and the coder only when sentences are coded here
    from dataclasses import replace

    from eventwire.events.coder import sentence_offsets
    from eventwire.records import Article
    from eventwire.stages import code_events, coding_stages

    stages = coding_stages() if coder is None else replace(coding_stages(), events=coder)
    dates = list(published) if published is not None else [None] * len(texts)
    stripped = [_without_dateline(text) for text in texts]
    out: list[tuple[list[Event], list[int]]] = []
    for index, (doc, _) in enumerate(stages.parse([(t, None) for t, _ in stripped])):
        shift = stripped[index][1]
        article = Article(id=f"gold-{index}", uri=f"gold:{index}", text=doc.text, published=dates[index])
        _, events = code_events(stages, doc, article)
        out.append((events, [offset + shift for offset in sentence_offsets(doc)]))
    return out


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _code_fits(code: str | None, country: str | None, gold: Iterable[str]) -> bool:
    for wanted in gold:
        if not wanted:
            continue
        if code and (code == wanted or code.startswith(wanted[:3]) or wanted.startswith(code)):
            return True
        if country and wanted.startswith(country):
            return True
    return False


def _pair_fits(event: Event, item: GoldItem, offset: int, swapped: bool) -> bool:
    src, tgt = (event.target, event.source) if swapped else (event.source, event.target)
    if src is None:
        return False
    src_span = (src.start + offset, src.end + offset)
    ok_src = _overlaps(src_span, item.source_spans) or _code_fits(src.code, src.country, item.source_codes)
    if not (item.target_spans or item.target_codes):
        return ok_src
    if tgt is None:
        return False
    tgt_span = (tgt.start + offset, tgt.end + offset)
    ok_tgt = _overlaps(tgt_span, item.target_spans) or _code_fits(tgt.code, tgt.country, item.target_codes)
    return ok_src and ok_tgt


def _event_label(event: Event, fmt: str) -> str:
    if fmt == "petr2":
        return event.cameo_root
    if fmt == "plv" and event.plover.type in ("CONCEDE", "RETREAT"):
        return "YIELD"
    return event.plover.type


def _best_match(item: GoldItem, events: list[Event], offsets: list[int], fmt: str) -> Event | None:
    matching: list[Event] = []
    for event in events:
        offset = offsets[event.sentence_index] if event.sentence_index < len(offsets) else 0
        # a symmetric event is coded once, either order (the coder marks it; older output by its type)
        symmetric = event.symmetric or event.plover.type in SYMMETRIC_TYPES
        if _pair_fits(event, item, offset, False) or (symmetric and _pair_fits(event, item, offset, True)):
            matching.append(event)
    # the asserted event of the pair is the prediction ("threatened to impose sanctions on X": the
    # threat, not the hypothetical sanctions; "agreed to meet": the agreement), then the most confident
    return max(matching, key=lambda e: (not {"hypothetical", "future"} & set(e.plover.mode), e.confidence)) \
        if matching else None


def score(fmt: str, items: list[GoldItem], coded: list[tuple[list[Event], list[int]]], name: str) -> Report:
    """Confusion and pair figures for gold items and the coder's output on their texts."""
    labels = sorted({i.label for i in items if i.label != NONE})
    confusion: dict[str, Counter[str]] = {}
    report = Report(name=name, labels=labels, confusion=confusion)
    used: dict[int, set[str]] = {}
    for index, item in enumerate(items):
        events, offsets = coded[index]
        if item.label == NONE:
            continue
        report.pairs += 1
        best = _best_match(item, events, offsets, fmt)
        predicted = _event_label(best, fmt) if best else NONE
        if best is not None:
            report.found += 1
            report.found_right_type += predicted == item.label
            used.setdefault(id(events), set()).add(best.id)
        confusion.setdefault(item.label, Counter())[predicted] += 1
    if fmt == "petr2":
        seen: set[int] = set()
        for events, _ in coded:
            if id(events) in seen:
                continue
            seen.add(id(events))
            for event in events:
                if event.id not in used.get(id(events), set()):
                    confusion.setdefault(NONE, Counter())[_event_label(event, fmt)] += 1
        report.labels = sorted(set(labels) | set(confusion.get(NONE, Counter())))
        report.notes.append("events matching no gold coding are counted in the NONE row (false positives)")
    for row in confusion.values():
        for label in row:
            if label != NONE and label not in report.labels:
                report.labels.append(label)
    return report


def evaluate_file(path: Path | str, *, limit: int | None = None,
                  coder: Callable[..., list[Event]] | None = None) -> Report:
    """Load a gold file, code its sentences (each distinct text once) and score the result."""
    fmt, items = load_gold(path)
    if fmt == "seed":
        raise ConfigError("a seed gold file is checked with check_seed(), not scored per class")
    if limit is not None:
        items = items[:limit]
    texts: list[str] = []
    dates: list[str | None] = []
    position: dict[tuple[str, str | None], int] = {}
    for item in items:
        key = (item.text, item.published)
        if key not in position:
            position[key] = len(texts)
            texts.append(item.text)
            dates.append(item.published)
    coded_unique = code_sentences(texts, dates, coder=coder)
    coded = [coded_unique[position[(item.text, item.published)]] for item in items]
    return score(fmt, items, coded, f"{Path(path).name} ({fmt}, {len(items)} items, {len(texts)} texts)")


# ----------------------------------------------------------------------------- the seed

def seed_text(capture: str, gold: dict[str, Any]) -> str:
    """The seed article body: from ``body_starts_with`` to the end of ``body_ends_with`` in the capture
    (the extraction layer is scored on its own; this keeps the event check independent of it)."""
    spec = gold["article"]
    start = capture.index(spec["body_starts_with"])
    end = capture.index(spec["body_ends_with"]) + len(spec["body_ends_with"])
    return capture[start:end]


def _actor_fits(actor: Any, wanted: Sequence[str]) -> bool:
    if actor is None:
        return False
    return any(actor.code == w or (actor.code or "").startswith(w) or actor.country == w for w in wanted)


def event_matches_spec(event: Event, spec: dict[str, Any]) -> bool:
    """Whether an event satisfies a required-event entry of seed_gold.json (see its ``_about``)."""
    if not event.sentence.startswith(spec["sentence_starts_with"]):
        return False
    if event.plover.type not in spec.get("plover_any_of", [event.plover.type]):
        return False
    if event.cameo_root not in spec.get("cameo_root_any_of", [event.cameo_root]):
        return False
    if "date" in spec and event.date != spec["date"]:
        return False
    if "date_prefix" in spec and not (event.date or "").startswith(spec["date_prefix"]):
        return False
    forward = _actor_fits(event.source, spec["source"]) and _actor_fits(event.target, spec["target"])
    backward = _actor_fits(event.target, spec["source"]) and _actor_fits(event.source, spec["target"])
    return forward or (bool(spec.get("symmetric")) and backward)


def check_seed(events: list[Event], gold: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(ids of required events not produced, ids of forbidden events produced) for the seed."""
    missing = [spec["id"] for spec in gold["required_events"] if not any(event_matches_spec(e, spec) for e in events)]
    produced: list[str] = []
    for spec in gold["forbidden_events"]:
        for event in events:
            if not event.sentence.startswith(spec["sentence_starts_with"]):
                continue
            if event.plover.type not in spec["plover_any_of"]:
                continue
            if spec.get("unless_mode") and spec["unless_mode"] in event.plover.mode:
                continue
            produced.append(spec["id"])
            break
    return missing, produced


def cameo_label(code: str) -> str:
    """A CAMEO code with its name, for reports."""
    return f"{code} {cameo_info(code).name}"
