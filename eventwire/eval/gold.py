"""The real-news gold format: loading, checking and the text normalisation both sides are compared in.

Written for the eventwire project. The format and the annotation guidelines are in
``docs/annotation.md``: one JSON object per article (``id``, ``split``, ``title``, ``published``,
optionally ``text``, and ``events``), each event with the sentence and the source/target spans copied
from the article, actor codes, PLOVER type, CAMEO code, modes, ``reported``, ``symmetric``, date.

This module needs only the standard library, so that annotators can check a file with any Python.
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "GoldActor",
    "GoldEvent",
    "GoldArticle",
    "MODES",
    "load_gold",
    "check_gold",
    "distributed_texts",
    "REALNEWS_CORPUS",
    "AEB_TRUTH",
    "report_splits",
    "TRAINING_SPLITS",
    "refuse_held_out",
    "normalize_text",
    "tokens",
]

CAMEO_FILE = Path(__file__).resolve().parent.parent / "data" / "cameo" / "cameo_codes.tsv"
MODES = ("negation", "hypothetical", "future", "historical")
# gold files may spell these PLOVER aliases; they are read as eventwire's types
PLOVER_ALIASES = {"YIELD": "CONCEDE", "DEMAND": "REQUEST", "FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE",
                  "INVESTIGATE": "ACCUSE"}
# CAMEO roots without a PLOVER type that the guidelines write as REQUEST (appeals)
UNMAPPED_ROOTS = {"02": "REQUEST"}

_TYPOGRAPHY = str.maketrans("\u2018\u2019\u201c\u201d\u2013\u2014\u00a0", "''\"\"-- ")
_WIKI_MARKUP = re.compile(r"'{2,}|={2,}|^\s*[*#:]+\s*", re.MULTILINE)
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def normalize_text(text: str) -> str:
    """The form both gold and coder text are compared in: entities decoded, wiki markup and space
    runs removed, lower case, typographic quotes and dashes folded."""
    text = html.unescape(html.unescape(text))  # the dump has double-escaped entities ("&amp;quot;")
    text = _WIKI_MARKUP.sub(" ", text)
    text = text.translate(_TYPOGRAPHY)
    return _SPACES.sub(" ", text).strip().lower()


def tokens(text: str) -> list[str]:
    """The words of a text in normalised form."""
    return _WORD.findall(normalize_text(text))


@dataclass
class GoldActor:
    text: str
    code: str | None


@dataclass
class GoldEvent:
    sentence: str
    source: GoldActor
    target: GoldActor | None
    plover: str
    cameo: str | None
    mode: list[str] = field(default_factory=list)
    reported: bool = False
    symmetric: bool = False
    date: str | None = None
    note: str | None = None


@dataclass
class GoldArticle:
    id: str
    split: str
    title: str | None
    published: str | None
    events: list[GoldEvent]
    text: str | None = None
    annotator: str | None = None


def _cameo_table(path: Path = CAMEO_FILE) -> dict[str, str | None]:
    """CAMEO code -> PLOVER type (None for codes without one), from the generated ontology table."""
    with path.open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {row["code"]: (row["plover_type"] or UNMAPPED_ROOTS.get(row["root"]) or None) for row in rows}


def _actor(data: Any) -> GoldActor | None:
    if not data:
        return None
    return GoldActor(text=str(data["text"]), code=(str(data["code"]).upper() if data.get("code") else None))


def _event(data: dict[str, Any]) -> GoldEvent:
    plover = str(data["plover"]).upper()
    source = _actor(data["source"])
    if source is None:
        raise ValueError("an event without a source")
    return GoldEvent(
        sentence=str(data["sentence"]), source=source, target=_actor(data.get("target")),
        plover=PLOVER_ALIASES.get(plover, plover), cameo=str(data["cameo"]) if data.get("cameo") else None,
        mode=[str(m) for m in data.get("mode") or []], reported=bool(data.get("reported")),
        symmetric=bool(data.get("symmetric")), date=data.get("date"), note=data.get("note"),
    )


def _files(path: Path) -> list[Path]:
    return sorted(path.glob("*.jsonl")) if path.is_dir() else [path]


def _lines(paths: Iterable[Path]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path in paths:
        for number, line in enumerate(path.open(encoding="utf-8"), 1):
            if line.strip():
                yield f"{path.name}:{number}", json.loads(line)


def load_gold(path: Path, split: str = "all") -> list[GoldArticle]:
    """Every annotated article of a gold file (or of every ``*.jsonl`` in a folder), in file order;
    ``split`` keeps one split (``tune``, ``check``) or all. An article annotated twice keeps the last."""
    articles: dict[str, GoldArticle] = {}
    for where, data in _lines(_files(path)):
        try:
            article = GoldArticle(
                id=str(data["id"]), split=str(data.get("split") or "tune"), title=data.get("title"),
                published=data.get("published"), events=[_event(e) for e in data.get("events") or []],
                text=data.get("text"), annotator=data.get("annotator"),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{where}: not a gold article ({exc!r}); see docs/annotation.md") from exc
        articles[article.id] = article
    return [a for a in articles.values() if split in ("all", a.split)]


def _event_problems(event: GoldEvent, text: str, codes: dict[str, str | None]) -> list[str]:
    problems: list[str] = []
    if event.sentence not in text:
        problems.append(f"sentence not in the article text: {event.sentence[:70]!r}")
    for role, actor in (("source", event.source), ("target", event.target)):
        if actor is not None and actor.text not in event.sentence:
            problems.append(f"{role} {actor.text!r} not in its sentence")
    known = {t for t in codes.values() if t} | {"REQUEST"}
    if event.plover not in known:
        problems.append(f"unknown PLOVER type {event.plover!r}")
    if event.cameo is not None:
        if event.cameo not in codes:
            problems.append(f"unknown CAMEO code {event.cameo!r}")
        elif codes[event.cameo] not in (event.plover, None) and not _yield_pair(codes[event.cameo], event.plover):
            problems.append(f"CAMEO {event.cameo} is {codes[event.cameo]}, not {event.plover}")
    problems.extend(f"unknown mode {m!r}" for m in event.mode if m not in MODES)
    if event.target is None and event.plover not in ("PROTEST", "MOBILIZE"):
        problems.append(f"{event.plover} without a target (only PROTEST and MOBILIZE take none)")
    return problems


def _yield_pair(table_type: str | None, written: str) -> bool:
    # CAMEO 08 splits into CONCEDE and RETREAT by sub-code; a coder may write either for a root code
    return {table_type, written} <= {"CONCEDE", "RETREAT"}


def check_gold(articles: list[GoldArticle], texts: dict[str, str]) -> list[str]:
    """Problems of a gold set, one line each (empty: the file is sound). ``texts`` maps article ids
    to their text as distributed, for articles whose gold line does not carry it."""
    codes = _cameo_table()
    problems: list[str] = []
    for article in articles:
        text = article.text or texts.get(article.id)
        if text is None:
            problems.append(f"{article.id}: article text not found")
            continue
        for number, event in enumerate(article.events, 1):
            problems.extend(f"{article.id} event {number}: {p}" for p in _event_problems(event, text, codes))
    return problems


# where the texts of gold lines that do not carry them are distributed, under the shared data folder
REALNEWS_CORPUS = Path("realnews") / "wikinews_politics_dev.jsonl"
AEB_TRUTH = Path("bench") / "aeb" / "ground-truth.json"
AEB_PREFIX = "aeb-"  # + the first 16 hex digits of an Article Extraction Benchmark page id


def distributed_texts(shared: Path, ids: set[str]) -> dict[str, str]:
    """The text of each article in ``ids`` as distributed with the shared data: Wikinews articles from
    the real-news corpus (CC BY 2.5), the ``outside`` gold's pages from the Article Extraction
    Benchmark's gold bodies (MIT; that gold names the page rather than carrying its text). Articles
    whose source is absent are left out: the caller says what is missing."""
    texts: dict[str, str] = {}
    if any(i.startswith(AEB_PREFIX) for i in ids) and (shared / AEB_TRUTH).is_file():
        truth = json.loads((shared / AEB_TRUTH).read_text(encoding="utf-8"))
        texts.update({f"{AEB_PREFIX}{page[:16]}": str(body.get("articleBody") or "") for page, body in truth.items()})
    if any(not i.startswith(AEB_PREFIX) for i in ids) and (shared / REALNEWS_CORPUS).is_file():
        with (shared / REALNEWS_CORPUS).open(encoding="utf-8") as handle:
            texts.update({r["id"]: r["text"] for r in map(json.loads, handle)})
    return {i: texts[i] for i in ids if i in texts}


DEVELOPMENT_SPLITS = ("tune", "check")  # the Wikinews development gold's splits, reported in this order
#: the splits whoever works on the coder may read, list and train on (the dev gold's tune, the training gold's
#: train); every other (check, heldout, outside, all) is held out: scored in aggregate, never read or trained on
TRAINING_SPLITS = frozenset({"tune", "train"})


def refuse_held_out(split: str, source: str) -> None:
    """Raise ValueError unless ``split`` (of the gold file named ``source``) is one of :data:`TRAINING_SPLITS`."""
    if split not in TRAINING_SPLITS:
        raise ValueError(f"the {split!r} split of {source} is held out: not training data "
                         f"(only {', '.join(sorted(TRAINING_SPLITS))} may be read)")


def report_splits(articles: list[GoldArticle]) -> list[str]:
    """The splits to report for a gold set, then ``all`` (always there, so that a reader of the figures
    finds it whatever the file): the development gold's ``tune`` and ``check``, or those a gold file of
    another origin names (the held-out ``outside`` gold, say)."""
    order = {name: i for i, name in enumerate(DEVELOPMENT_SPLITS)}
    return sorted({a.split for a in articles}, key=lambda s: (order.get(s, len(order)), s)) + ["all"]
