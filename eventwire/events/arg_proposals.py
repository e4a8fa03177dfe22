"""Argument proposals: the learned argument finder as a recall mechanism for sentences the rules leave empty.

On real news from other outlets most missed events sit in sentences where the coder produced nothing
though the lexicon fired on a trigger: its parse gave a source but no target, no arguments at all, or
the actor is a common noun no mention covers. Here, in each such sentence, for each PLOVER type its
triggers give (at most :data:`MAX_TYPES_PER_SENTENCE`), the argument tagger
(:mod:`eventwire.events.arg_tagger`) reads (type, sentence) and marks the sources and targets of that
type's events. Every source span x target span whose confidences are both at least the threshold
becomes a candidate (a type without a target, PROTEST, MOBILIZE, takes the source alone):

* each span's actor is the coder's own: the mention that overlaps it most, else what the actor index
  makes of the span's head word (:meth:`ActorIndex.actor_for`: pronouns and anaphora, partitives,
  a common noun as an uncoded actor, coded by the article's country where the coder does that);
* the coder's admissibility checks then drop what is no event (a source that is a weapon or a place,
  an unasserted clause, a target that is a place); the coder's assembly (``build``) makes the event.

The event's type is the trigger's (its lexicon code), its ``rule`` :data:`ARG_RULE`, its ``model``
names the tagger and the pair's span confidence (``arg-minilm@1.0.0:ARGS=0.81``), and its confidence is
half the pair's span confidence: below the rule events', whose calibration was fitted without these.
Only sentences without an event are read, so the cost is one MiniLM pass per (empty sentence, type), and
not even that where nothing could come of it (:func:`_asked`: a trigger in a clause that asserts no
event) or where the tagger answered the same input before (``ArgTagger``'s memory).
Switched by ``EVENTWIRE_ARG_PROPOSALS`` (docs/settings.md), off by default: on held-out news it raises
recall but adds about as many wrong events as right ones, and costs more CPU than the issue allows
(figures in docs/classifier.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from eventwire.events.admissible import admitted_candidate
from eventwire.events.arg_tagger import ARG_MODEL_NAME, TaggedSpan, get_arg_tagger
from eventwire.events.asserted import is_unasserted
from eventwire.events.candidates import Candidate
from eventwire.events.classifier import MODELS_DIR
from eventwire.events.combine import Decision, rule_plover_type
from eventwire.events.frames import Argument
from eventwire.events.identity import dyad_key
from eventwire.events.mentions import ActorIndex
from eventwire.events.scoring import Query, cached_answers, crop
from eventwire.records import Actor, Event
from eventwire.settings import get_settings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

    from eventwire.events.lexicon import Lexicon, LexMatch

__all__ = ["ARG_RULE", "MAX_TYPES_PER_SENTENCE", "Matched", "arg_proposal_model", "propose_arguments",
           "sentence_triggers", "typed_triggers"]

log = logging.getLogger(__name__)

#: types asked per sentence (one MiniLM pass each), in the order of their first trigger
MAX_TYPES_PER_SENTENCE = 3
#: sources x targets kept per (sentence, type): conjoined actors, not every noun of a long sentence
MAX_SPANS_PER_ROLE = 3
ARG_RULE = "arg-finder"
#: the event's confidence is this share of its pair's span confidence
CONFIDENCE_SHARE = 0.5
#: probability the PLOVER classifier must give the trigger's type for the marked pair (when a classifier
#: is loaded): the tagger was asked about that type and answers for it, the classifier reads the pair
#: afresh. Chosen on tune with the tagger trained without it (docs/classifier.md): at 0.05 it removed
#: about half the tagger's events there, nearly all wrong; higher, it removed right ones as often
CONFIRM_MIN = 0.05
TYPES_WITHOUT_TARGET = frozenset({"PROTEST", "MOBILIZE"})

Build = Callable[[Candidate, Decision], "Event | None"]
#: the lexicon's matches in one sentence, token by token in text order (the coder's, for :func:`typed_triggers`)
Matched = list[tuple["Token", list["LexMatch"]]]


def arg_proposal_model() -> Any:
    """The shipped argument tagger when ``EVENTWIRE_ARG_PROPOSALS`` is on, else None (with a warning
    once when it is on and the model's files are absent: no argument is then proposed)."""
    if get_settings().arg_proposals != "on":
        return None
    tagger = get_arg_tagger()
    if tagger is None:
        _warn_missing()
    return tagger


@lru_cache(maxsize=1)
def _warn_missing() -> None:
    log.warning("EVENTWIRE_ARG_PROPOSALS=on but the argument tagger is not in %s: no argument is proposed; "
                "build it with `python -m eventwire.eval.train_args` (docs/classifier.md)", MODELS_DIR / ARG_MODEL_NAME)


def sentence_triggers(sent: DocSpan, lexicon: Lexicon, limit: int | None = None) -> dict[str, tuple[Token, str]]:
    """The PLOVER types the lexicon's triggers in the sentence give, in the order of their first trigger,
    each with that trigger word and its rule's CAMEO code (statement rules, which give no type, are
    none). With ``limit``, the words after the one that brings the types to ``limit`` are not matched:
    the first ``limit`` types are the same as without it. The coder hands the finder the matches it
    made already (:func:`typed_triggers`); this pass is for callers that have none (training rows)."""
    return typed_triggers(((token, lexicon.match(token)) for token in sent), limit)


def typed_triggers(matched: Iterable[tuple[Token, Sequence[LexMatch]]],
                   limit: int | None = None) -> dict[str, tuple[Token, str]]:
    """:func:`sentence_triggers` from matches made already (token by token, in text order): reading
    stops at the token that brings the types to ``limit``, so a lazy ``matched`` is matched no further."""
    found: dict[str, tuple[Token, str]] = {}
    for token, matches in matched:
        for match in matches:
            plover = rule_plover_type(match.cameo)
            if plover is not None:
                found.setdefault(plover, (token, match.cameo))
        if limit is not None and len(found) >= limit:
            break
    return found


def _span_argument(doc: Doc, sent: DocSpan, span: TaggedSpan, index: ActorIndex, as_source: bool) -> Argument | None:
    """The coder's actor for a tagged span: the mention overlapping it most, else the index's reading
    of the span's head word; None when neither makes an actor of it."""
    offset = sent.start_char
    words = doc.char_span(offset + span.start, offset + span.end, alignment_mode="expand")
    if words is None or not len(words):
        return None
    head = words.root
    mentions = index.mentions_in(words.start, words.end)
    if mentions:
        best = max(mentions, key=lambda a: min(a.end, offset + span.end) - max(a.start, offset + span.start))
        inside = doc.char_span(best.start, best.end, alignment_mode="expand")
        return Argument(best, inside.root.i if inside is not None and len(inside) else head.i, ARG_RULE)
    actor = index.actor_for(head, as_source=as_source)
    return Argument(actor, head.i, ARG_RULE) if actor is not None else None


def _pairs(spans: Sequence[TaggedSpan], plover: str, threshold: float) -> list[tuple[TaggedSpan, TaggedSpan | None]]:
    sources = [s for s in spans if s.role == "SRC" and s.confidence >= threshold][:MAX_SPANS_PER_ROLE]
    targets = [s for s in spans if s.role == "TGT" and s.confidence >= threshold][:MAX_SPANS_PER_ROLE]
    if plover in TYPES_WITHOUT_TARGET:
        return [(s, None) for s in sources]
    return [(s, t) for s in sources for t in targets]


def _confirmed(event: Event, classifier: Any) -> Event | None:
    """The event with the classifier's reading of its marked pair (model type and probability), or
    None when the classifier gives the trigger's type less than :data:`CONFIRM_MIN`."""
    if classifier is None:
        return event
    target = (event.target.start, event.target.end) if event.target else None
    probs = cached_answers(classifier, [crop(Query(event.sentence, (event.source.start, event.source.end), target,
                                                   (event.trigger.start, event.trigger.end), 0.0))])[0]
    top = max(probs, key=lambda k: probs[k])
    if probs.get(event.plover.type, 0.0) < CONFIRM_MIN:
        return None
    return replace(event, model_type=top, model_prob=round(probs[top], 3),
                   model=f"{event.model}:P={probs.get(event.plover.type, 0.0):.2f}")


def _type_events(doc: Doc, si: int, sent: DocSpan, plover: str, trigger: tuple[Token, str], spans: Sequence[TaggedSpan],
                 index: ActorIndex, build: Build, threshold: float, note: str) -> list[Event]:
    head, cameo = trigger
    out = []
    for src_span, tgt_span in _pairs(spans, plover, threshold):
        source = _span_argument(doc, sent, src_span, index, as_source=True)
        target = _span_argument(doc, sent, tgt_span, index, as_source=False) if tgt_span else None
        if source is None or (tgt_span is not None and target is None):
            continue
        confidence = min(src_span.confidence, tgt_span.confidence if tgt_span else 1.0)
        cand = Candidate(si, sent, head, (head.i, head.i + 1), source, target, False, cameo, ARG_RULE, 0.0, {})
        admitted = admitted_candidate(doc, cand, plover)
        decision = Decision(cameo, plover, round(CONFIDENCE_SHARE * confidence, 3), used_model=True, rule_type=plover)
        event = build(admitted, decision) if admitted is not None else None
        if event is not None:
            out.append(replace(event, model=f"{note}:ARGS={confidence:.2f}"))
    return out


def _asked(sent: DocSpan, lexicon: Lexicon, matched: Matched | None) -> list[tuple[str, tuple[Token, str]]]:
    """The (type, trigger) pairs of an empty sentence the tagger is asked about (one MiniLM pass each):
    not for a trigger in a clause that asserts no event (``admitted_candidate`` refuses every candidate
    of it). A sentence no actor mention touches is asked too: on the 540 train articles no event came of
    289 such asks, but on tune one right event did ("Proponents argued that the bill ...").
    ``matched``: the coder's lexicon matches in the sentence (None: the sentence is matched here; a
    second lexicon pass over every empty sentence was the finder's largest cost outside the model)."""
    found = (typed_triggers(matched, MAX_TYPES_PER_SENTENCE) if matched is not None
             else sentence_triggers(sent, lexicon, limit=MAX_TYPES_PER_SENTENCE))
    triggers = list(found.items())[:MAX_TYPES_PER_SENTENCE]
    return [(plover, trigger) for plover, trigger in triggers if not is_unasserted(trigger[0])]


def propose_arguments(doc: Doc, actors: list[Actor], events: Sequence[Event], lexicon: Lexicon, tagger: Any,
                      build: Build, skip: Callable[[DocSpan], bool], threshold: float | None = None,
                      classifier: Any = None, matched: Mapping[int, Matched] | None = None) -> list[Event]:
    """``events`` and, for each sentence with a typed trigger and none of them, the events the tagger's
    spans make (see the module docstring). ``build`` is the coder's assembly of a candidate and its
    decision; ``skip`` says which sentences the coder does not code (questions, credit lines);
    ``threshold`` defaults to ``EVENTWIRE_ARG_PROPOSE_AT``; ``classifier`` (None: none) confirms the type;
    ``matched``: the coder's lexicon matches by sentence index (a sentence not in it is matched here)."""
    if tagger is None:
        return list(events)
    threshold = get_settings().arg_propose_at if threshold is None else threshold
    coded = {e.sentence_index for e in events}
    note = f"{getattr(tagger, 'name', ARG_MODEL_NAME)}@{getattr(tagger, 'version', '0')}"
    index: ActorIndex | None = None
    seen: set[tuple[int, str, str, str]] = set()
    unique: list[Event] = []
    for si, sent in enumerate(doc.sents):
        if si in coded or skip(sent):
            continue
        for plover, trigger in _asked(sent, lexicon, None if matched is None else matched.get(si)):
            spans = tagger.tag(plover, sent.text)
            if not spans:
                continue
            index = index or ActorIndex(doc, actors)
            for event in _type_events(doc, si, sent, plover, trigger, spans, index, build, threshold, note):
                # conjoined spans may come back to one actor: the first confirmed event of a dyad is kept, so
                # one whose dyad is kept already is not confirmed at all (a classifier pass it could not use)
                key = (event.sentence_index, *dyad_key(event))
                confirmed = None if key in seen else _confirmed(event, classifier)
                if confirmed is not None:
                    seen.add(key)
                    unique.append(confirmed)
    return sorted([*events, *unique], key=lambda e: (e.sentence_index, e.trigger.start, e.source.start))
