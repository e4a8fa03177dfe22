"""Pair proposals: the pair model as a recall mechanism for sentences with a trigger and no event.

On real news most missed events sit in sentences where the coder produced nothing at all, though the
lexicon fired on a trigger: its parse gave a source and no target, no arguments, or left the pair to a
model that its per-article budget never asked. The pair model (:mod:`eventwire.events.pair_verdict`)
reads a sentence with one (source, target) pair marked and says whether that pair is an event of it;
it was trained on every ordered pair of mentions in a sentence, so it can be asked about pairs no
rule proposed. Here, in each such sentence, the ordered pairs of its coded actor mentions nearest the
trigger (at most :data:`MAX_PROPOSAL_PAIRS`) are scored, and the best one becomes an event when its
P(EVENT) is at least :data:`PROPOSE_AT` and the PLOVER classifier names a type that one of the
sentence's triggers gives. The event's ``model`` field says so (``pair-minilm@1.0.0:PROPOSED=0.97``)
and its ``rule`` is :data:`PROPOSAL_RULE`.

Why only sentences without an event: where the coder produced one, its rules already chose among the
pairs (and a second, weaker reading would mostly be the same act again); and the cost stays at a few
passes per sentence the coder gave up on, not per sentence. Switched by ``EVENTWIRE_PAIR_PROPOSALS``
(docs/settings.md), off by default: on held-out news it raises recall but adds more wrong events than
right ones (figures in docs/classifier.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from eventwire.events.admissible import admitted_candidate
from eventwire.events.calibration import calibrated
from eventwire.events.candidates import Candidate, same_actor, sentence_bounds
from eventwire.events.combine import Decision, decide_model_only, rule_plover_type
from eventwire.events.frames import Argument
from eventwire.events.pair_verdict import EVENT, PAIR_MODEL_NAME, get_pair_model, pair_model_dir
from eventwire.events.scoring import Query, crop
from eventwire.records import Actor, Event
from eventwire.settings import get_settings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

    from eventwire.events.lexicon import Lexicon

__all__ = ["MAX_PROPOSAL_PAIRS", "PROPOSAL_RULE", "PROPOSE_AT", "proposal_model", "propose_events", "sentence_pairs"]

#: ordered mention pairs of one sentence the pair model is asked about, nearest the trigger first: each
#: is one MiniLM pass, and the pairs far from every trigger are rarely its event
MAX_PROPOSAL_PAIRS = 6
#: P(EVENT) the best pair needs to become an event. Chosen out of fold (the pair model's 3 folds by tune
#: article, train_pair --progress): of the tune MENTION pairs scored at or above 0.9, 115 of 196 were gold
#: pairs (0.59), against 165 of 325 (0.51) at 0.7; higher, precision barely rises (0.62 at 0.93, 0.63 at
#: 0.97) while the pairs kept fall to a third
PROPOSE_AT = 0.9
#: the ``rule`` of a proposed event: no lexicon rule decided it
PROPOSAL_RULE = "pair-proposal"
#: type probability the classifier needs for a proposed pair (as for a model-only verb: below it, the
#: pair is an event of no type the model can name)
TYPE_MIN = 0.5

Build = Callable[[Candidate, Decision], "Event | None"]


def proposal_model() -> Any:
    """The shipped pair model when ``EVENTWIRE_PAIR_PROPOSALS`` is on (whatever the verdict's own
    switch says), else None."""
    if get_settings().pair_proposals != "on":
        return None
    return get_pair_model(pair_model_dir())


def _trigger_types(sent: DocSpan, lexicon: Lexicon, candidates: Sequence[Candidate]) -> dict[Token, set[str]]:
    """The sentence's trigger heads with the PLOVER types their rules give: every word the lexicon
    fires on (a trigger whose parse gave no arguments makes no candidate) and the heads of its
    candidates (a construction's). A trigger without a type (a statement verb, a verb left to the
    model) is none: on off-gold news the pairs around "said" or "announced" were mostly no event."""
    found: dict[Token, set[str]] = {token: {t for m in lexicon.match(token) if (t := rule_plover_type(m.cameo))}
                                    for token in sent}
    for cand in candidates:
        if cand.cameo is not None:
            found.setdefault(cand.head, set()).update(
                t for t in (rule_plover_type(cand.cameo), *cand.alternatives) if t)
    return {head: types for head, types in sorted(found.items(), key=lambda kv: kv[0].i) if types}


def _mention_token(doc: Doc, actor: Actor) -> int | None:
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span.root.i if span is not None and len(span) else None


def sentence_pairs(doc: Doc, sent: DocSpan, actors: Sequence[Actor], triggers: Sequence[Token],
                   limit: int = MAX_PROPOSAL_PAIRS) -> list[tuple[Argument, Argument]]:
    """The ordered (source, target) pairs of the sentence's coded mentions, nearest a trigger first
    (the sum of both mentions' token distances to the nearest trigger), at most ``limit``."""
    if not triggers:
        return []
    inside = [a for a in actors if a.code is not None and sent.start_char <= a.start and a.end <= sent.end_char]
    args = [Argument(a, tok, "pair-proposal") for a in inside if (tok := _mention_token(doc, a)) is not None]
    trigger_ids = [t.i for t in triggers]

    def distance(arg: Argument) -> int:
        return min(abs(arg.token - i) for i in trigger_ids)

    pairs = [(s, t) for s in args for t in args
             if not (t.actor.start < s.actor.end and s.actor.start < t.actor.end) and not same_actor(s.actor, t.actor)]
    pairs.sort(key=lambda p: (distance(p[0]) + distance(p[1]), p[0].actor.start, p[1].actor.start))
    return pairs[:limit]


def _triple(sent: DocSpan, pair: tuple[Argument, Argument], head: Token) -> Any:
    offset, text = sentence_bounds(sent)
    source, target = pair[0].actor, pair[1].actor
    trigger = (max(0, head.idx - offset), max(0, head.idx + len(head.text) - offset))
    return crop(Query(text, (source.start - offset, source.end - offset), (target.start - offset, target.end - offset),
                      trigger, 0.0))


def _nearest(triggers: Sequence[Token], pair: tuple[Argument, Argument]) -> Token:
    return min(triggers, key=lambda t: abs(pair[0].token - t.i) + abs(pair[1].token - t.i))


def _proposal(si: int, sent: DocSpan, head: Token, pair: tuple[Argument, Argument]) -> Candidate:
    return Candidate(si, sent, head, (head.i, head.i + 1), pair[0], pair[1], False, None, PROPOSAL_RULE, 0.0, {})


def propose_events(doc: Doc, actors: Sequence[Actor], candidates: Sequence[Candidate], events: Sequence[Event],
                   lexicon: Lexicon, classifier: Any, pair_model: Any, build: Build,
                   skip: Callable[[DocSpan], bool], threshold: float = PROPOSE_AT) -> list[Event]:
    """``events`` and, for each sentence with a trigger and none of them, the best pair the pair model
    accepts (P(EVENT) >= ``threshold``) as an event typed by ``classifier``; ``build`` turns a
    candidate and its decision into the event (the coder's own assembly), ``skip`` says which
    sentences the coder does not code (questions, credit lines)."""
    if pair_model is None or classifier is None:
        return list(events)
    coded = {e.sentence_index for e in events}
    by_sentence: dict[int, list[Candidate]] = {}
    for cand in candidates:
        by_sentence.setdefault(cand.sentence_index, []).append(cand)
    added: list[Event] = []
    for si, sent in enumerate(doc.sents):
        if si in coded or skip(sent):
            continue
        triggers = _trigger_types(sent, lexicon, by_sentence.get(si, []))
        event = _best_pair_event(doc, si, sent, actors, triggers, classifier, pair_model, build, threshold)
        if event is not None:
            added.append(event)
    # calibrated as the coder's own events are (after choosing: the choice must not depend on it)
    calibrated(added, enabled=get_settings().calibration != "off")
    return sorted([*events, *added], key=lambda e: (e.sentence_index, e.trigger.start, e.source.start))


def _best_pair_event(doc: Doc, si: int, sent: DocSpan, actors: Sequence[Actor], triggers: dict[Token, set[str]],
                     classifier: Any, pair_model: Any, build: Build, threshold: float) -> Event | None:
    pairs = sentence_pairs(doc, sent, actors, list(triggers))
    if not pairs:
        return None
    triples = [_triple(sent, pair, _nearest(list(triggers), pair)) for pair in pairs]
    scores = [float(p.get(EVENT, 0.0)) for p in pair_model.predict_each(triples)]
    best = max(range(len(pairs)), key=lambda i: scores[i])
    if scores[best] < threshold:
        return None
    decision = decide_model_only(classifier.predict_many([triples[best]])[0], source_resolved=True,
                                 target_resolved=True, min_p=TYPE_MIN)
    # a trigger says what happened, the pair model only who: a type no trigger of the sentence gives is
    # no reading of its words; the event's trigger is the nearest one giving the type
    typed = [head for head, types in triggers.items() if decision is not None and decision.plover_type in types]
    if decision is None or not typed:
        return None
    head = _nearest(typed, pairs[best])
    admitted = admitted_candidate(doc, _proposal(si, sent, head, pairs[best]), decision.plover_type)
    event = build(admitted, decision) if admitted is not None else None
    if event is None:
        return None
    note = (f"{getattr(pair_model, 'name', PAIR_MODEL_NAME)}@{getattr(pair_model, 'version', '0')}"
            f":PROPOSED={scores[best]:.2f}")
    return replace(event, model=f"{event.model} {note}" if event.model else note)
