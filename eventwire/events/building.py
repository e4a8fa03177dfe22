"""From a decided candidate to an Event record, and which readings of a sentence are kept.

:func:`build_event` turns one candidate and its :class:`~eventwire.events.combine.Decision` into an
:class:`~eventwire.records.Event`: modes, date, the quoted trigger, actors with offsets into the
sentence, the internal target of a nominal event ("its crackdown on protesters"). :func:`dedupe` keeps
one event per (sentence, source, target) by a fixed rank (never the calibration), one reading per pair,
a symmetric event once, and caps the events of a sentence. The coder (:mod:`eventwire.events.coder`)
gathers and decides the candidates; this module holds what happens after a candidate is decided.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.events.agents import of_the_article
from eventwire.events.candidates import Candidate, same_actor, sentence_bounds
from eventwire.events.combine import Decision
from eventwire.events.dates import event_date
from eventwire.events.identity import dyad_key
from eventwire.events.mentions import syntax_words
from eventwire.events.modality import date_modes, event_modes, merge_modes, object_negated
from eventwire.events.ontology import cameo_info
from eventwire.events.shortened_targets import without_shortened_targets
from eventwire.records import Actor, Article, Event, Plover, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["build_event", "dedupe", "MAX_EVENTS_PER_SENTENCE", "UNREALISED_MODES"]

MAX_EVENTS_PER_SENTENCE = 10
#: modes of an event that did not (or not yet) happen; dedupe prefers a reading without them
UNREALISED_MODES = frozenset({"negation", "hypothetical", "future"})


def _local(actor: Actor, offset: int, sentence: str) -> Actor | None:
    """``actor`` with offsets into ``sentence`` (which starts at ``offset`` in the doc), cut to the
    sentence: a mention the sentence splitter cut in two ("COURT | JAILS activists") or ending on a
    whitespace token ("Hezbollah\n\n") would otherwise point outside it. None when nothing is left."""
    start = max(actor.start - offset, 0)
    end = min(actor.end - offset, len(sentence))
    text = sentence[start:end] if end > start else ""
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    if not text:
        return None
    return replace(actor, text=text, start=start + lead, end=start + lead + len(text))


def _internal_target(source: Actor, target: Actor) -> Actor:
    """The target of an internal nominal event takes the source's country ("its crackdown on
    opposition protesters": Iranian protesters)."""
    if target.country or not source.country:
        return target
    code = target.code
    if code is None:
        code = source.country
    elif not code.startswith(source.country) and len(code) == 3 and code.isalpha():
        code = source.country + code  # an agent code such as OPP becomes IRNOPP
    return replace(target, country=source.country, code=code)


def _event_id(article_id: str, si: int, trigger: Span, source: Actor, target: Actor | None) -> str:
    target_key = f"{target.start}-{target.end}" if target else "-"
    key = f"{article_id}|{si}|{trigger.start}-{trigger.end}|{source.start}-{source.end}|{target_key}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def build_event(doc: Doc, article: Article, cand: Candidate, decision: Decision, model: str | None,
                 country: str | None = None) -> Event | None:
    offset, text = sentence_bounds(cand.sent)
    words = syntax_words()
    info = cameo_info(decision.cameo)
    source = cand.source.actor
    target = cand.target.actor if cand.target else None
    internal = cand.nominal and info.root in words["internal_nominal_roots"]
    if target is not None and internal:
        target = _internal_target(source, target)
    if target is not None and same_actor(source, target) and not internal:
        return None
    if source.text.lower() in words["personal_possessives"]:
        # "his"/"her" names whose a thing is ("his brothers died on the trip", "his donation"), the
        # person as one acted on ("called for his resignation"); as the doer it was nearly always
        # wrong on the training gold
        return None
    if cand.target is not None and cand.source.token == cand.target.token and cand.source.via != "state-pair":
        return None  # one token, one actor: except "the two countries signed", each state with the other
    modes = event_modes(cand.head, nominal=cand.nominal)
    if decision.plover_type == decision.rule_type and object_negated(cand.head):
        modes = merge_modes(modes, ["negation"])
    when, when_source = event_date(cand.sent, cand.head, article.published, future="future" in modes)
    if when_source == "sentence":
        modes = merge_modes(modes, date_modes(when, article.published))
    start_tok, end_tok = cand.trigger
    inside = doc[start_tok + 1:end_tok - 1]
    if end_tok - start_tok > 4 or any(t.pos_ in ("PROPN", "PRON", "NUM") or t.ent_type_ for t in inside):
        # a multiword trigger's range encloses its object ("called Syria on"): quote the head word
        start_tok, end_tok = cand.head.i, cand.head.i + 1
    trigger_span = doc[start_tok:end_tok]
    trigger = Span(trigger_span.text, trigger_span.start_char - offset, trigger_span.end_char - offset)
    # "fans", "opponents": the article's people; given after the self-directed check, which a
    # shared bare country code would fool ("the coup banned senior members")
    local_source = _local(of_the_article(source, doc, country), offset, text)
    local_target = _local(of_the_article(target, doc, country), offset, text) if target else None
    if local_source is None or (target is not None and local_target is None):
        return None
    return Event(
        id=_event_id(article.id, cand.sentence_index, trigger, local_source, local_target),
        article_id=article.id,
        sentence_index=cand.sentence_index,
        sentence=text,
        trigger=trigger,
        source=local_source,
        target=local_target,
        cameo=decision.cameo,
        cameo_root=info.root,
        plover=Plover(type=decision.plover_type, mode=[*info.plover_mode, *modes], context=list(info.plover_context)),
        goldstein=info.goldstein,
        quad_class=info.quad_class,
        date=when,
        date_source=when_source,
        rule=cand.rule,
        model=model if decision.used_model else None,
        confidence=decision.confidence,
        rule_type=decision.rule_type,
        model_type=decision.model_type,
        model_prob=decision.model_prob,
        decided_by=decision.decided_by,
        reported=cand.reported,
        symmetric=cand.symmetric,
    )


def _rank(event: Event) -> tuple[bool, bool, float]:
    """Which of two readings to keep, by rule (never by the calibration, which comes after, so that a
    refit cannot change which events are produced): the act reported as happening before a negated,
    hypothetical or future one ("agreed to allow": the agreement), a rule's reading before the
    model's (on real news the model's switches were right no more often than the rules), then the raw
    confidence of combine.decide."""
    return not (UNREALISED_MODES & set(event.plover.mode)), event.decided_by == "rule", event.confidence


def dedupe(events: list[Event], matters: frozenset[str] = frozenset()) -> list[Event]:
    """One event per (sentence, source, target): the best by :func:`_rank`; an event without a target
    is dropped when the same source and type has one with a target that is a party (not an event id
    of ``matters``: :mod:`eventwire.events.matter_targets`); fan-out is capped."""
    best: dict[tuple[int, tuple[str, str, str]], Event] = {}
    for event in events:
        key = (event.sentence_index, dyad_key(event))
        kept = best.get(key)
        if kept is None or _rank(event) > _rank(kept):
            best[key] = event
    with_target = {(si, k[0], k[2]) for (si, k), e in best.items() if k[1] != "-" and e.id not in matters}
    kept_events = [e for (si, k), e in best.items() if k[1] != "-" or (si, k[0], k[2]) not in with_target]
    # "attacked a US patrol ... their patrol": one target named twice, the second time shortened
    kept_events = without_shortened_targets(kept_events)
    # one reading per pair: two types for the same source and target in a sentence are two triggers
    # read for one act ("demanded ... urging"); a coder lists it once, the best by _rank
    by_pair: dict[tuple[int, str, str], Event] = {}
    for event in kept_events:
        src, tgt, _ = dyad_key(event)
        pair = (event.sentence_index, src, tgt)
        if pair not in by_pair or _rank(event) > _rank(by_pair[pair]):
            by_pair[pair] = event
    kept_events = _symmetric_once(list(by_pair.values()))
    by_sentence: dict[int, list[Event]] = {}
    for event in kept_events:
        by_sentence.setdefault(event.sentence_index, []).append(event)
    out: list[Event] = []
    for si in sorted(by_sentence):
        group = sorted(by_sentence[si], key=_rank, reverse=True)[:MAX_EVENTS_PER_SENTENCE]
        out.extend(sorted(group, key=lambda e: (e.trigger.start, e.source.start)))
    return out


def _symmetric_once(events: list[Event]) -> list[Event]:
    """A symmetric event read both ways in one sentence by two triggers ("Russia met Ukraine, and
    Ukraine held talks with Russia") is kept once: the direction whose source is named first. One
    read against the order written (a passive's agent, named after its subject: "He arrived for a
    visit and was met by the King") is the same act as a directed event of its type the other way
    (He -> the King), which is kept alone."""
    def key(e: Event) -> tuple[int, frozenset[str], str]:
        src, tgt, kind = dyad_key(e)
        return e.sentence_index, frozenset((src, tgt)), kind

    directed = {(e.sentence_index, *dyad_key(e)) for e in events if not e.symmetric and e.target is not None}

    def directed_other_way(e: Event) -> bool:
        if not (e.symmetric and e.target is not None and e.target.start < e.source.start):
            return False
        src, tgt, kind = dyad_key(e)
        return (e.sentence_index, tgt, src, kind) in directed

    events = [e for e in events if not directed_other_way(e)]
    first: dict[tuple[int, frozenset[str], str], Event] = {}
    for e in events:
        if e.symmetric and e.target is not None and (key(e) not in first or e.source.start < first[key(e)].source.start):
            first[key(e)] = e
    return [e for e in events if not (e.symmetric and e.target is not None) or first[key(e)] is e]
