"""Training examples for the pair verdict: is this (source, target) pair an event of this sentence?

The PLOVER classifier was only ever shown right pairs, so it cannot say "these are not the actors".
The pair model (:mod:`eventwire.events.pair_verdict`) is trained on both:

* **EVENT** (a right pair): plv_train rows and the PLOVER GSR sentences (their marked pair), the
  real-news gold events of the news splits read (the gold spans), and eventwire's own mention pairs
  and produced events in those sentences that the scorer matches to a gold event (the spans the model
  will be shown at inference);
* **NONE** (not an event of the sentence): on real news, every other ordered pair of eventwire's
  actor mentions in a gold sentence, and every event eventwire produces there that the scorer marks
  wrong (source wrong, target wrong, no gold event in the sentence): the hard negatives; in the
  single-sentence sets, the marked pair with the roles swapped, where the type is not symmetric
  (only one event per sentence is marked there, so other pairs are not known to be wrong).

The news splits read are (gold file, split) pairs, :data:`NEWS_GOLD` by default: the development
gold's ``tune`` split and the training gold's ``train`` split (:func:`gold_splits` refuses every other
split: check, heldout, outside stay held out). An
example's origin and group carry its split (``train-mention``, ``tune:<article id>``). Every sampling
step is seeded, so the same data gives the same examples.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.eval.gold import (
    GoldActor,
    GoldArticle,
    GoldEvent,
    distributed_texts,
    load_gold,
    refuse_held_out,
)
from eventwire.eval.realnews import Produced, _same_actor, _same_sentence, fp_cause, match_article
from eventwire.eval.training_data import SEED, Example, load_gsr, load_plv, sentence_key
from eventwire.events.classifier import mark_sentence

if TYPE_CHECKING:
    from eventwire.records import Actor, Event

__all__ = [
    "EVENT", "NEWS_GOLD", "NONE", "PAIR_LABELS", "TRAIN_GOLD", "TUNE_GOLD", "GoldSplit",
    "PairExample", "article_examples", "coded_news", "gold_splits", "load_pair_examples", "produced_examples",
    "sentence_examples", "swapped_negatives",
]

EVENT, NONE = "EVENT", "NONE"
#: output order of the pair model's head
PAIR_LABELS: tuple[str, ...] = (NONE, EVENT)
_REALNEWS = Path(__file__).resolve().parents[2] / "bench" / "realnews"
#: the development gold (splits tune and check) and the training gold (split train, annotated later)
TUNE_GOLD = _REALNEWS / "wikinews_dev_gold.jsonl"
TRAIN_GOLD = _REALNEWS / "wikinews_train_gold.jsonl"
#: a gold file and the one split of it that is read
GoldSplit = tuple[Path, str]
#: the real news the shipped pair model is trained on
NEWS_GOLD: tuple[GoldSplit, ...] = ((TUNE_GOLD, "tune"), (TRAIN_GOLD, "train"))
#: never training data: the held-out split of the development gold ("all" would take it in too)
#: types done by each side to the other ("met", "agreed with"): the swapped pair may be the event too
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
#: negatives kept per positive in each part of the data (the rest sampled away, seeded)
MAX_NEGATIVE_RATIO = 3

Span = tuple[int, int]


@dataclass(frozen=True)
class PairExample:
    """One marked pair with its verdict; ``group`` keeps an article (or a sentence) on one side of a fold."""

    sentence: str
    source: Span | None
    target: Span | None
    label: str  # EVENT or NONE
    group: str
    origin: str  # plv, gsr, swapped, or <split>-gold, <split>-mention, <split>-produced (tune-gold, ...)

    @property
    def text(self) -> str:
        return mark_sentence(self.sentence, self.source, self.target)

    def as_example(self) -> Example:
        return Example(text=self.text, labels=(self.label,), group=self.group, gold=self.label,
                       sentence=self.sentence, source=self.source, target=self.target)


# ---------------------------------------------------------------- single-sentence sets


def sentence_examples(rows: Iterable[Example], origin: str) -> list[PairExample]:
    """plv_train / GSR rows: the marked pair is an event; swapped, it is none (non-symmetric types)."""
    out: list[PairExample] = []
    for row in rows:
        if row.source is None:
            continue
        out.append(PairExample(row.sentence, row.source, row.target, EVENT, row.group, origin))
    return out + swapped_negatives(rows)


def swapped_negatives(rows: Iterable[Example]) -> list[PairExample]:
    """The pair read the wrong way round ("B accused A" for "A accused B") is not the event."""
    return [PairExample(row.sentence, row.target, row.source, NONE, row.group, "swapped")
            for row in rows
            if row.source is not None and row.target is not None and not set(row.labels) & SYMMETRIC_TYPES]


# ---------------------------------------------------------------- real news (the gold splits)


def _find(sentence: str, text: str, avoid: Span | None = None) -> Span | None:
    """The first occurrence of ``text`` in the sentence (case ignored if need be) not overlapping ``avoid``."""
    for haystack, needle in ((sentence, text), (sentence.lower(), text.lower())):
        start = haystack.find(needle)
        while start >= 0:
            span = (start, start + len(needle))
            if avoid is None or span[1] <= avoid[0] or span[0] >= avoid[1]:
                return span
            start = haystack.find(needle, start + 1)
    return None


def _is_gold_pair(gold: Sequence[GoldEvent], source: str, target: str | None) -> bool:
    """Whether some gold event of the sentence has this source and target (either order if symmetric)."""
    def fits(src: GoldActor | None, tgt: GoldActor | None) -> bool:
        return src is not None and _same_actor(src, source) and _same_actor(tgt, target)

    return any(fits(g.source, g.target) or (g.symmetric and fits(g.target, g.source)) for g in gold)


def _span(actor: Actor | None) -> Span | None:
    return None if actor is None else (actor.start, actor.end)


def _group(article: GoldArticle) -> str:
    """The fold group of an article's examples, named by its split: ``tune:<id>``, ``train:<id>``."""
    return f"{article.split}:{article.id}"


def produced_examples(article: GoldArticle, events: Sequence[Event]) -> list[PairExample]:
    """The coder's events in a gold article, EVENT when the real-news scorer matches them to a gold
    event (whatever the type), NONE when it marks them false (a duplicate of a matched pair is left out)."""
    made = [Produced.from_event(e) for e in events]
    matched = match_article(article.events, made)
    out = []
    for index, (event, produced) in enumerate(zip(events, made, strict=True)):
        right = index in matched
        if not right and fp_cause(produced, article.events, matched) == "duplicate":
            continue  # the pair is right, only said twice
        out.append(PairExample(event.sentence, _span(event.source), _span(event.target), EVENT if right else NONE,
                               _group(article), f"{article.split}-produced"))
    return out


def article_examples(article: GoldArticle, sentences: Sequence[tuple[str, int]], actors: Sequence[Actor],
                     events: Sequence[Event]) -> list[PairExample]:
    """The examples of one coded gold article: ``sentences`` are (text, char offset) of the parse,
    ``actors`` the resolver's mentions (offsets into the text), ``events`` the coder's output."""
    group = _group(article)
    out: list[PairExample] = []
    for g in article.events:  # the gold spans
        sentence = next((s for s, _ in sentences if _same_sentence(g.sentence, s)), None)
        source = _find(sentence, g.source.text) if sentence else None
        if sentence is None or source is None:
            continue
        target = _find(sentence, g.target.text, avoid=source) if g.target else None
        if g.target is None or target is not None:
            out.append(PairExample(sentence, source, target, EVENT, group, f"{article.split}-gold"))
    out += produced_examples(article, events)
    for text, offset in sentences:
        out += _mention_pairs(article, text, offset, actors)
    return _unique(out)


def _mention_pairs(article: GoldArticle, text: str, offset: int, actors: Sequence[Actor]) -> list[PairExample]:
    """Every ordered pair of the actor mentions in one sentence, EVENT when it is a gold pair."""
    gold = [g for g in article.events if _same_sentence(g.sentence, text)]
    inside = [a for a in actors if offset <= a.start and a.end <= offset + len(text)]
    out = []
    for doer in inside:
        for done_to in inside:
            if done_to.start < doer.end and doer.start < done_to.end:
                continue  # the same words
            label = EVENT if _is_gold_pair(gold, doer.text, done_to.text) else NONE
            out.append(PairExample(text, (doer.start - offset, doer.end - offset),
                                   (done_to.start - offset, done_to.end - offset), label, _group(article),
                                   f"{article.split}-mention"))
    return out


def _unique(examples: Iterable[PairExample]) -> list[PairExample]:
    """One example per marked text; a pair seen as both right and wrong keeps EVENT (the gold said so)."""
    kept: dict[str, PairExample] = {}
    for example in examples:
        if example.text not in kept or example.label == EVENT:
            kept[example.text] = example
    return list(kept.values())


def gold_splits(sources: Iterable[GoldSplit]) -> list[GoldArticle]:
    """The articles of each (gold file, split), in order; an article id read twice keeps its first.
    A held-out split (any but :data:`~eventwire.eval.gold.TRAINING_SPLITS`) is refused, never read."""
    articles: dict[str, GoldArticle] = {}
    for path, split in sources:
        refuse_held_out(split, path.name)
        for article in load_gold(path, split=split):
            articles.setdefault(article.id, article)
    return list(articles.values())


def coded_news(shared: Path, sources: Iterable[GoldSplit] = NEWS_GOLD) -> list[tuple[GoldArticle, Any]]:
    """The gold splits' articles coded in this process as ``eventwire run`` codes them (extract, parse,
    actors, events): (article, (sentences, actors, events)) each."""
    # lazy (start-up): spaCy, the extractor and the coder only when training data is built
    from eventwire.extract import extract_text
    from eventwire.stages import code_events, coding_stages

    gold = gold_splits(sources)
    texts = {a.id: a.text for a in gold if a.text} | distributed_texts(shared, {a.id for a in gold if not a.text})
    articles = [(a, extract_text(texts[a.id], published=a.published)) for a in gold if a.id in texts]
    stages = coding_stages()
    out: list[tuple[GoldArticle, Any]] = []
    for (gold_article, article), (doc, _) in zip(articles, stages.parse([(a.text, None) for _, a in articles]),
                                                 strict=True):
        actors, events = code_events(stages, doc, article)
        sentences = [(s.text, s.start_char) for s in doc.sents]
        out.append((gold_article, (sentences, actors, events)))
    return out


def _balanced(examples: list[PairExample], rng: random.Random) -> list[PairExample]:
    """At most MAX_NEGATIVE_RATIO negatives per positive; the produced-and-wrong ones always stay (the
    hardest: what the coder really says), the mention pairs are sampled."""
    positives = [e for e in examples if e.label == EVENT]
    hard = [e for e in examples if e.label == NONE and not e.origin.endswith("-mention")]
    easy = [e for e in examples if e.label == NONE and e.origin.endswith("-mention")]
    room = max(0, MAX_NEGATIVE_RATIO * len(positives) - len(hard))
    return positives + hard + (rng.sample(easy, room) if len(easy) > room else easy)


def load_pair_examples(shared: Path, sources: Iterable[GoldSplit] = NEWS_GOLD) -> tuple[
        list[PairExample], list[PairExample], list[PairExample]]:
    """(single-sentence examples, news examples, the coder's news events): the first always train; the
    second are what the folds (grouped by article) split; the third, as produced (not deduplicated nor
    sampled), measure what a threshold does to the coder's output. The news are ``sources``' splits,
    balanced together (at most MAX_NEGATIVE_RATIO negatives per positive over all of them)."""
    rng = random.Random(SEED)
    single = sentence_examples(load_plv(shared), "plv") + sentence_examples(load_gsr(shared), "gsr")
    news: list[PairExample] = []
    produced: list[PairExample] = []
    for article, (sentences, actors, events) in coded_news(shared, sources):
        news.extend(article_examples(article, sentences, actors, events))
        produced.extend(produced_examples(article, events))
    news_keys = {sentence_key(e.sentence) for e in news}
    single = [e for e in single if sentence_key(e.sentence) not in news_keys]
    return _unique(single), _balanced(news, rng), produced
