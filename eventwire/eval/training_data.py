"""Training data for the PLOVER classifier: plv_train rows, PLOVER GSR sentences, NGEC stories,
and the folds that keep one sentence on one side.

Each row becomes an :class:`Example` whose ``text`` is the sentence marked as the classifier reads
it (:func:`eventwire.events.classifier.mark_sentence`). Used by :mod:`eventwire.eval.train`; needs
pandas only (no torch).
"""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from eventwire.events.classifier import PLOVER_LABELS, mark_sentence

__all__ = [
    "Example", "GSR_FILE", "NGEC_FILE", "PLV_FILE", "SEED", "YIELD_PARTS",
    "group_folds", "load_gsr", "load_ngec", "load_plv", "locate_spans", "sentence_key",
]

SEED = 13
YIELD_PARTS = ("CONCEDE", "RETREAT")
NGEC_FILE = "gold/ngec_synthetic_events.csv.zip"
PLV_FILE = "gold/plv_train.tsv"
GSR_FILE = "gold/plover_gsr_cameo.json"


@dataclass(frozen=True)
class Example:
    text: str  # already marked
    labels: tuple[str, ...]  # the acceptable PLOVER types (two for a YIELD row)
    group: str  # rows with the same group never straddle a fold boundary
    gold: str  # the label as the data spells it (YIELD kept)
    sentence: str = ""
    source: tuple[int, int] | None = None
    target: tuple[int, int] | None = None


def sentence_key(text: str) -> str:
    """What makes two rows the same sentence for the folds (whitespace and case ignored): plv_train
    and GSR rows are grouped, and checked for overlap, by this one key."""
    return " ".join(text.split()).lower()


def locate_spans(marked: str) -> tuple[str, tuple[int, int] | None, tuple[int, int] | None]:
    """plv_train's marked_sentence (``<s>..</s>``, ``<t>..</t>``) -> (sentence, source, target)."""
    plain: list[str] = []
    length = 0
    opened: dict[str, int] = {}
    spans: dict[str, tuple[int, int]] = {}
    for piece in re.split(r"(</?[st]>)", marked):
        tag = re.fullmatch(r"<(/?)([st])>", piece)
        if tag is None:
            plain.append(piece)
            length += len(piece)
        elif tag.group(1):
            if tag.group(2) in opened:
                spans[tag.group(2)] = (opened.pop(tag.group(2)), length)
        else:
            opened[tag.group(2)] = length
    return "".join(plain), spans.get("s"), spans.get("t")


def load_plv(shared: Path) -> list[Example]:
    # lazy (start-up): pandas only for the NGEC and plv_train files
    import pandas as pd

    frame = pd.read_csv(shared / PLV_FILE, sep="\t")
    examples = []
    for row in frame.itertuples():
        sentence, source, target = locate_spans(str(row.marked_sentence))
        gold = str(row.gold_root)
        labels = YIELD_PARTS if gold == "YIELD" else (gold,)
        examples.append(Example(
            text=mark_sentence(sentence, source, target), labels=labels,
            group=sentence_key(str(row.sentence)), gold=gold,
            sentence=sentence, source=source, target=target,
        ))
    return examples


def load_gsr(shared: Path) -> list[Example]:
    """The PLOVER GSR sentences (CAMEO manual examples, PLOVER 0.5 labels mapped to today's types) as
    extra fine-tuning rows: the first source and target span found in each. No sentence is in
    plv_train, so adding them to every fold's training side leaks nothing into its held-out side."""
    # lazy (start-up): the gold readers only when the GSR file is read
    from eventwire.eval.coder import load_gold

    _, items = load_gold(shared / GSR_FILE)
    examples = []
    for item in items:
        if item.label not in PLOVER_LABELS:
            continue
        source = _first_word_span(item.text, item.source_spans)
        # a "SRC/TAR" compound copies the sources as targets: no separate target to mark
        compound = item.target_spans == item.source_spans
        target = None if compound else _first_word_span(item.text, item.target_spans, avoid=source)
        examples.append(Example(
            text=mark_sentence(item.text, source, target), labels=(item.label,),
            group=sentence_key(item.text), gold=item.label,
            sentence=item.text, source=source, target=target,
        ))
    return examples


def _first_word_span(text: str, spans: Sequence[tuple[int, int]],
                     avoid: tuple[int, int] | None = None) -> tuple[int, int] | None:
    """The first span that starts and ends on word boundaries ("Jordan", not inside "Jordanian")."""
    def whole(span: tuple[int, int]) -> bool:
        start, end = span
        return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())
    usable = [s for s in spans if avoid is None or s[1] <= avoid[0] or s[0] >= avoid[1]]
    return next((s for s in usable if whole(s)), usable[0] if usable else None)


def _first_sentence(text: str) -> str:
    paragraph = text.strip().split("\n")[0]
    match = re.match(r"(.+?[.!?])[\"']?\s+(?=[A-Z\"'])", paragraph)
    return (match.group(1) if match else paragraph).strip()


def load_ngec(shared: Path, limit: int = 0) -> list[Example]:
    """Headline and lead sentence of each synthetic story, unmarked (the stories name no pair)."""
    # lazy (start-up): pandas only for the NGEC and plv_train files
    import pandas as pd

    with zipfile.ZipFile(shared / NGEC_FILE) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        frame = pd.read_csv(archive.open(name))
    examples: list[Example] = []
    seen: set[str] = set()
    for row in frame.itertuples():
        label = str(row.label)
        if label not in PLOVER_LABELS:
            continue
        headline = str(row.prompt).split("\n")[0].strip()
        for text in (headline, _first_sentence(str(row.text))):
            key = text.lower()
            if len(text) < 20 or key in seen:
                continue
            seen.add(key)
            examples.append(Example(text=text, labels=(label,), group=key, gold=label))
    if limit and len(examples) > limit:
        examples = random.Random(SEED).sample(examples, limit)
    return examples


def group_folds(examples: Sequence[Example], k: int) -> list[list[int]]:
    """k folds of example indices, whole groups per fold, stratified loosely by shuffling."""
    groups = sorted({e.group for e in examples})
    random.Random(SEED).shuffle(groups)
    fold_of = {g: i % k for i, g in enumerate(groups)}
    folds: list[list[int]] = [[] for _ in range(k)]
    for index, example in enumerate(examples):
        folds[fold_of[example.group]].append(index)
    return folds
