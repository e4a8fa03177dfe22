"""Reading the single-sentence gold files the coder is scored on, into :class:`GoldItem` records.

:func:`load_gold` tells the format by the file: ``plv_train.tsv`` (Zero-Shot-PLOVER, source and
target marked in the sentence), a PLOVER GSR ``.json`` (actors as text and code), a PETR2 GSR ``.xml``
(CAMEO codings with actor codes; :func:`read_petrarch_records` reads its records) or a
``seed_gold.json`` (scored by :func:`eventwire.eval.coder.check_seed`, so no items). Scoring the
coder against the items is in :mod:`eventwire.eval.coder`.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.errors import ConfigError
from eventwire.events.ontology import canonical_plover

__all__ = ["GoldItem", "PetrarchRecord", "load_gold", "read_petrarch_records", "NONE"]

#: the gold class of a sentence (or the predicted class of a gold pair) without an event
NONE = "NONE"


@dataclass
class GoldItem:
    """One gold record: a sentence and the events coded in it (spans are char offsets in ``text``)."""

    key: str
    text: str
    label: str  # gold class: PLOVER type, CAMEO root, or NONE
    source_spans: list[tuple[int, int]] = field(default_factory=list)
    target_spans: list[tuple[int, int]] = field(default_factory=list)
    source_codes: list[str] = field(default_factory=list)
    target_codes: list[str] = field(default_factory=list)
    published: str | None = None


def _plv_rows(path: Path) -> list[GoldItem]:
    items: list[GoldItem] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            marked = row.get("marked_sentence") or ""
            text, spans = _unmark(marked)
            if "s" not in spans or "t" not in spans:
                continue
            label = (row.get("gold_root") or "").strip().upper()
            items.append(GoldItem(key=row.get("sentence_id") or str(len(items)), text=text, label=label,
                                  source_spans=[spans["s"]], target_spans=[spans["t"]]))
    return items


def _unmark(marked: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """Strip <s>..</s> / <t>..</t> marks, returning the text and the marked spans."""
    out: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    opened: dict[str, int] = {}
    pos = 0
    for m in re.finditer(r"</?([st])>", marked):
        out.append(marked[pos:m.start()])
        length = sum(len(p) for p in out)
        tag = m.group(1)
        if m.group(0).startswith("</"):
            if tag in opened:
                spans[tag] = (opened.pop(tag), length)
        else:
            opened[tag] = length
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    if not needle:
        return []
    return [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)]


def _gsr_rows(path: Path) -> list[GoldItem]:
    items: list[GoldItem] = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        if record.get("event") in (None, "DOCUMENT") or not record.get("text"):
            continue
        text = record["text"]
        item = GoldItem(key=record.get("id", str(len(items))), text=text, label=canonical_plover(record["event"]),
                        published=record.get("date"))
        for role, spans, codes in (("source", item.source_spans, item.source_codes),
                                   ("target", item.target_spans, item.target_codes)):
            actors = record.get(role)
            for actor in actors if isinstance(actors, list) else []:
                spans.extend(_find_all(text, str(actor.get("actorText", ""))))
                if actor.get("code"):
                    codes.append(str(actor["code"]))
        if not (item.target_spans or item.target_codes) and len(record.get("source") or []) > 1:
            # "SRC/TAR" compound actors: each is the other's target
            item.target_spans, item.target_codes = list(item.source_spans), list(item.source_codes)
        items.append(item)
    return items


_PETR_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>(.*?)</Sentence>", re.S)
_PETR_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_PETR_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_XML_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class PetrarchRecord:
    """One ``<Sentence>`` of a PETRARCH validation or unit-test records file."""

    id: str
    text: str  # whitespace collapsed
    published: str | None  # YYYY-MM-DD from the record's date attribute
    codings: list[dict[str, str]]  # attributes of each <EventCoding> with an eventcode (not noevents="True")


def read_petrarch_records(path: Path | str) -> list[PetrarchRecord]:
    """The records of a PETRARCH records XML file (comments skipped, attributes in any order)."""
    raw = re.sub(r"<!--.*?-->", "", Path(path).read_text(encoding="utf-8"), flags=re.S)
    records: list[PetrarchRecord] = []
    for attributes, body in _PETR_SENTENCE.findall(raw):
        text = _PETR_TEXT.search(body)
        if text is None:
            continue
        attrs = dict(_XML_ATTRIBUTE.findall(attributes))
        day = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", attrs.get("date", ""))
        records.append(PetrarchRecord(
            id=attrs.get("id", str(len(records))), text=" ".join(text.group(1).split()),
            published=f"{day.group(1)}-{day.group(2)}-{day.group(3)}" if day else None,
            codings=[coding for coding in map(dict, map(_XML_ATTRIBUTE.findall, _PETR_CODING.findall(body)))
                     if "eventcode" in coding],
        ))
    return records


def _petr_rows(path: Path) -> list[GoldItem]:
    items: list[GoldItem] = []
    for record in read_petrarch_records(path):
        if not record.codings:
            items.append(GoldItem(key=record.id, text=record.text, label=NONE, published=record.published))
        for coding in record.codings:
            items.append(GoldItem(key=record.id, text=record.text, label=coding.get("eventcode", "")[:2],
                                  source_codes=[coding.get("sourcecode", "")],
                                  target_codes=[coding.get("targetcode", "")], published=record.published))
    return items


def load_gold(path: Path | str) -> tuple[str, list[GoldItem]]:
    """(format name, items) for a gold file; ConfigError when the format is not recognised."""
    path = Path(path)
    name = path.name.lower()
    try:
        if name.endswith(".tsv"):
            return "plv", _plv_rows(path)
        if name.endswith(".xml"):
            return "petr2", _petr_rows(path)
        if name.endswith(".json"):
            content = path.read_text(encoding="utf-8")
            if "required_events" in content:
                return "seed", []
            if content.lstrip().startswith("["):
                return "plover_gsr", _gsr_rows(path)
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"cannot read gold file {path}: {exc}") from exc
    raise ConfigError(
        f"{path}: unknown gold format; expected plv_train-style .tsv, PLOVER GSR .json, PETR2 GSR .xml "
        f"or a seed_gold.json"
    )
