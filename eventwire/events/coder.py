"""Assembly: lexicon matches + arguments + modality + dates (+ the classifier) -> Event records.

For every sentence, each token the lexicon fires on is a trigger; its arguments come from
:mod:`eventwire.events.arguments` and give one candidate per (source, target) pair. Verbs that link two
actors without any trigger become model-only candidates. The classifier (when installed) scores all
candidates of a document in one batch; :mod:`eventwire.events.combine` decides each one's type and
confidence. Then duplicates within a sentence are merged, self-directed events are kept only for
internal nominal events ("Iran's crackdown on protesters"), and fan-out is capped.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any

from eventwire.events.admissible import admitted_candidate, is_background_mention, is_generic_mention
from eventwire.events.agents import of_the_article
from eventwire.events.arg_proposals import Matched, arg_proposal_model, propose_arguments
from eventwire.events.arguments import find_arguments
from eventwire.events.calibration import calibrated
from eventwire.events.candidates import (
    Candidate,
    confirm_target,
    query,
    same_actor,
    sentence_bounds,
    shared_targets,
    target_proposals,
)
from eventwire.events.combine import (
    MODEL_ONLY_MIN,
    STATEMENT_MIN,
    Decision,
    decide,
    decide_model_only,
    rule_plover_type,
)
from eventwire.events.constructions import asked_acts, reported_obligations
from eventwire.events.dates import event_date
from eventwire.events.evaluations import judgement_candidates
from eventwire.events.identity import dyad_key
from eventwire.events.linked import linked_pairs
from eventwire.events.mentions import ActorIndex, main_country, syntax_words
from eventwire.events.modality import date_modes, event_modes, merge_modes, object_negated
from eventwire.events.ontology import cameo_info
from eventwire.events.pair_verdict import get_pair_model, judge_events
from eventwire.events.phrases import mend_gerunds
from eventwire.events.reported import ReportedSpeech
from eventwire.events.scoring import MODEL_TOKENS_PER_DOC_TOKEN, score_queries
from eventwire.events.statements import (
    INSTRUCTION_CAMEO,
    INSTRUCTION_WEIGHT,
    instructs,
    is_statement_type,
    statement_pairs,
)
from eventwire.records import Actor, Article, Event, Plover, Span
from eventwire.settings import get_settings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

    from eventwire.events.arguments import Argument
    from eventwire.events.lexicon import Lexicon, LexMatch

__all__ = ["code_doc", "code_docs", "sentence_offsets", "MAX_PAIRS_PER_TRIGGER", "MAX_EVENTS_PER_SENTENCE"]

MAX_PAIRS_PER_TRIGGER = 6
MAX_EVENTS_PER_SENTENCE = 10
#: modes of an event that did not (or not yet) happen; dedupe prefers a reading without them
UNREALISED_MODES = frozenset({"negation", "hypothetical", "future"})
# verbs linking two actors without a trigger that the model is asked about, per sentence
MAX_MODEL_ONLY_PER_SENTENCE = 3
# A run-on "sentence" (a table or list without full stops) can hold hundreds of triggers, and each
# candidate costs a classifier pass over up to 512 tokens: 600 such tokens took 15 s. News sentences
# give a handful; past this many, the rest of the sentence is not coded.
MAX_RULE_CANDIDATES_PER_SENTENCE = 40
_CREDIT_LINE = re.compile(r"^\s*(additional\s+)?(reporting|writing|editing|compiled|edited|written)\s+by\b", re.I)
_DEFAULT: Any = object()


def _skip_sentence(sent: DocSpan) -> bool:
    """Questions and credit lines carry no events."""
    text = sent.text.strip()
    if not text or _CREDIT_LINE.match(text):
        return True
    return text.rstrip("\"'”’»)").endswith("?")


def _choose_frame(doc: Doc, head: Token, matches: list[LexMatch], index: ActorIndex) -> tuple[LexMatch, Any] | None:
    """The best of the rules firing on one head: the top-weighted one whose arguments are found,
    preferring one whose target phrase is present."""
    best: tuple[float, LexMatch, Any] | None = None
    for match in matches[:4]:
        frame = find_arguments(doc, match, index, head=head)
        if not frame.sources:
            continue
        score = match.weight + (0.25 if frame.targets else 0.0)
        if best is None or score > best[0]:
            best = (score, match, frame)
    return (best[1], best[2]) if best else None


def _rule_candidates(doc: Doc, si: int, sent: DocSpan, lexicon: Lexicon, index: ActorIndex, matched: Matched) -> list[Candidate]:
    out: list[Candidate] = []
    covered: set[int] = set()
    for token in sent:
        matches = lexicon.match(token)
        matched.append((token, matches))  # the argument finder reads them: no second lexicon pass
        if not matches or token.i in covered:
            continue
        chosen = _choose_frame(doc, token, matches, index)
        if chosen is None:
            continue
        match, frame = chosen
        covered.update(range(match.trigger_start, match.trigger_end))
        # a clash that is the setting of its participant's clause ("were wounded in clashes with
        # police") is reported happening, not background
        setting = any(s.via.startswith("setting-") for s in frame.sources)
        if frame.nominal and ((is_background_mention(token) and not setting) or (
                all(t is None for _, t in frame.pairs) and is_generic_mention(token))):
            continue  # "as the conflict between Israel and Hezbollah continues": not a new event
        alternatives: dict[str, str] = {}
        for other in matches:
            other_type = rule_plover_type(other.cameo)
            if other_type and other_type not in alternatives:
                alternatives[other_type] = other.cameo
        for source, target in frame.pairs[:MAX_PAIRS_PER_TRIGGER]:
            out.append(Candidate(si, sent, token, (match.trigger_start, match.trigger_end), source, target,
                                  frame.nominal, match.cameo, match.rule_id, match.weight, alternatives,
                                  specific=match.object_i is not None, symmetric=frame.symmetric))
    for found in [*reported_obligations(sent, index), *asked_acts(sent, index)]:
        # "Russia says Israel must end attacks": the speech verb is the event's head (its modes and
        # date), the modal the quoted trigger
        out.append(Candidate(si, sent, found.verb, (found.modal.i, found.modal.i + 1), found.source, found.target,
                              False, found.rule.cameo, found.rule.rule_id, found.rule.weight, {},
                              construction=True))
    out = shared_targets(out)  # "gave $200,000 to the party, while Daniels contributed $95,000"
    return out + judgement_candidates(si, sent, index, out)


def _model_candidates(si: int, sent: DocSpan, index: ActorIndex, skip: set[int]) -> list[Candidate]:
    linked = [
        Candidate(si, sent, verb, (verb.i, verb.i + 1), source, target, False, None, None, 0.0, {})
        for verb, source, target in linked_pairs(sent, index, skip)[:MAX_MODEL_ONLY_PER_SENTENCE]
    ]
    said = [_statement_candidate(si, sent, verb, source, target)
            for verb, source, target in statement_pairs(sent, index, skip)]
    return linked + said


def _statement_candidate(si: int, sent: DocSpan, verb: Token, source: Argument, target: Argument) -> Candidate:
    """A statement about ``target`` for the model; "told X to leave" is a request of X by construction."""
    if instructs(verb):
        return Candidate(si, sent, verb, (verb.i, verb.i + 1), source, target, False, INSTRUCTION_CAMEO,
                         f"{INSTRUCTION_CAMEO}.instruct", INSTRUCTION_WEIGHT, {}, construction=True)
    return Candidate(si, sent, verb, (verb.i, verb.i + 1), source, target, False, None, None, 0.0, {}, statement=True)


def sentence_offsets(doc: Doc) -> list[int]:
    """Char offset in the doc of each sentence's text as events quote it (by sentence index)."""
    return [sentence_bounds(sent)[0] for sent in doc.sents]


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


def _model_name(classifier: Any) -> str:
    return f"{getattr(classifier, 'name', 'plover-classifier')}@{getattr(classifier, 'version', '0')}"


def _build_event(doc: Doc, article: Article, cand: Candidate, decision: Decision, model: str | None,
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


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (sentence, source, target): the best by :func:`_rank`; an event without a target
    is dropped when the same source and type has one with a target; fan-out is capped."""
    best: dict[tuple[int, tuple[str, str, str]], Event] = {}
    for event in events:
        key = (event.sentence_index, dyad_key(event))
        kept = best.get(key)
        if kept is None or _rank(event) > _rank(kept):
            best[key] = event
    with_target = {(si, k[0], k[2]) for (si, k) in best if k[1] != "-"}
    kept_events = [e for (si, k), e in best.items() if k[1] != "-" or (si, k[0], k[2]) not in with_target]
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
    Ukraine held talks with Russia") is kept once: the direction whose source is named first."""
    def key(e: Event) -> tuple[int, frozenset[str], str]:
        src, tgt, kind = dyad_key(e)
        return e.sentence_index, frozenset((src, tgt)), kind

    first: dict[tuple[int, frozenset[str], str], Event] = {}
    for e in events:
        if e.symmetric and e.target is not None and (key(e) not in first or e.source.start < first[key(e)].source.start):
            first[key(e)] = e
    return [e for e in events if not (e.symmetric and e.target is not None) or first[key(e)] is e]


def _defaults(lexicon: Lexicon | None, classifier: Any) -> tuple[Lexicon, Any]:
    if lexicon is None:
        # lazy (start-up): the lexicon builds spaCy matchers; only when no lexicon is given
        from eventwire.events.lexicon import get_lexicon

        lexicon = get_lexicon()
    if classifier is _DEFAULT:
        # lazy (start-up): onnxruntime only when the classifier is asked for
        from eventwire.events.classifier import get_classifier

        classifier = get_classifier()
    return lexicon, classifier


def _gather(doc: Doc, article: Article, actors: list[Actor], lexicon: Lexicon, with_model: bool,
            matched: dict[int, Matched] | None = None) -> list[Candidate]:
    """Every candidate of one document: rule triggers, and with a model, model-only verbs and
    proposed targets; each marked when it is a claim in someone's speech (read first: who "we" is)."""
    mend_gerunds(doc)  # the parse read before the triggers: "by publicly accusing members" is an act
    index = ActorIndex(doc, actors)
    speech = ReportedSpeech(doc, article, actors, index)
    candidates: list[Candidate] = []
    for si, sent in enumerate(doc.sents):
        if _skip_sentence(sent):
            continue
        found = _rule_candidates(doc, si, sent, lexicon, index, [] if matched is None else matched.setdefault(si, []))
        found = found[:MAX_RULE_CANDIDATES_PER_SENTENCE]
        candidates.extend(found)
        if with_model:
            # a trigger without a PLOVER type (a 01x statement rule) leaves its verb to the model
            typed = [c for c in found if c.cameo is None or rule_plover_type(c.cameo) is not None]
            heads = {c.head.i for c in typed} | {i for c in typed for i in range(*c.trigger)}
            candidates.extend(_model_candidates(si, sent, index, heads))
            candidates.extend(target_proposals(found, index))
    for cand in candidates:
        cand.reported = speech.is_reported(cand.head, cand.source.actor)
    return candidates


def _decide_all(doc: Doc, article: Article, candidates: list[Candidate],
                probabilities: list[dict[str, float] | None], model: str | None,
                country: str | None = None) -> list[Event]:
    """Events from candidates and their model probabilities (None: not asked; a model-only
    candidate or proposed target that was not asked is dropped, a rule stands on its own)."""
    events: list[Event] = []
    for cand, probs in zip(candidates, probabilities, strict=True):
        source_resolved = cand.source.actor.code is not None
        target_resolved = (cand.target.actor.code is not None) if cand.target else None
        if cand.cameo is None:
            decision = decide_model_only(probs, source_resolved=source_resolved, target_resolved=bool(target_resolved),
                                         min_p=STATEMENT_MIN if cand.statement else MODEL_ONLY_MIN) if probs else None
            if decision is not None and cand.statement and not is_statement_type(decision.plover_type, cand.head):
                decision = None  # a speaker does not assault anyone by speaking
        elif cand.model_target:
            decision = confirm_target(cand, probs)
        else:
            decision = decide(cand.cameo, cand.weight, probs, source_resolved=source_resolved,
                              target_resolved=target_resolved, alternatives=cand.alternatives,
                              specific=cand.specific or cand.construction)
            if decision is not None and decision.switched and cand.construction:
                continue  # the model all but excludes what the construction says: not worth a guess
        if decision is None:
            continue
        admitted = admitted_candidate(doc, cand, decision.plover_type)
        if admitted is None:
            continue
        event = _build_event(doc, article, admitted, decision, model, country)
        if event is not None:
            events.append(event)
    # one event per pair is chosen by a fixed rank (_rank: asserted, rule-decided, raw confidence),
    # and only then calibrated: which events are produced must not depend on the calibration, or
    # every refit would change the events it is measured on
    return calibrated(_dedupe(events), enabled=get_settings().calibration != "off")


def code_docs(
    items: Sequence[tuple[Doc, Article, list[Actor]]], *, lexicon: Lexicon | None = None,
    classifier: Any = _DEFAULT, model_only: bool = True, model_budget: float = MODEL_TOKENS_PER_DOC_TOKEN,
    pair_model: Any = _DEFAULT, arg_tagger: Any = _DEFAULT,
) -> list[list[Event]]:
    """:func:`code_doc` for several parsed articles at once: the classifier reads the candidates of
    all of them in one batched call (faster than one call per article). Same results as code_doc.
    ``model_budget``: model tokens an article may spend per token of its own (0: no limit).
    ``pair_model``: the pair verdict's model (default: the shipped one with the shipped classifier,
    unless switched off; None: no verdict); it is asked only when a classifier is. ``arg_tagger``: the
    argument finder's tagger (default: the shipped one when EVENTWIRE_ARG_PROPOSALS is on; None: none)."""
    if pair_model is _DEFAULT:  # a stand-in classifier (a test, a retrained model) gets no verdict unless given one
        pair_model = get_pair_model() if classifier is _DEFAULT else None
    arg_tagger = (arg_proposal_model() if classifier is _DEFAULT else None) if arg_tagger is _DEFAULT else arg_tagger
    lexicon, classifier = _defaults(lexicon, classifier)
    with_model = classifier is not None
    matches: list[dict[int, Matched]] = [{} for _ in items]  # the lexicon's, by sentence: the argument finder's
    gathered = [_gather(*item, lexicon, with_model and model_only, found) for item, found in zip(items, matches, strict=True)]
    scored: list[list[dict[str, float] | None]] = [[None] * len(cands) for cands in gathered]
    model, verdict = None, None
    if with_model:
        # candidates are offered to the model by priority within each article's token budget; the
        # rest are decided by the lexicon alone (see eventwire.events.scoring)
        queries = [(len(doc), [query(c) for c in cands]) for (doc, _, _), cands in zip(items, gathered, strict=True)]
        scored, model, verdict = score_queries(classifier, queries, budget_ratio=model_budget), _model_name(classifier), pair_model
    out: list[list[Event]] = []
    for (doc, article, actors), cands, probs, matched in zip(items, gathered, scored, matches, strict=True):
        country = main_country(actors)
        # argument proposals for sentences left empty, then the pair verdict (arg_proposals, pair_verdict: both off)
        events = propose_arguments(doc, actors, _decide_all(doc, article, cands, probs, model, country), lexicon,
                                   arg_tagger, partial(_build_event, doc, article, model=model, country=country),
                                   _skip_sentence, classifier=classifier, matched=matched)
        out.append(judge_events(events, verdict))
    return out


def code_doc(
    doc: Doc, article: Article, actors: list[Actor], *, lexicon: Lexicon | None = None,
    classifier: Any = _DEFAULT, model_only: bool = True, model_budget: float = MODEL_TOKENS_PER_DOC_TOKEN,
    pair_model: Any = _DEFAULT, arg_tagger: Any = _DEFAULT,
) -> list[Event]:
    """Code the events of one parsed article. ``actors`` are the resolver's mentions (offsets into
    ``article.text`` == ``doc.text``); ``classifier`` defaults to the shipped model (None disables it)."""
    return code_docs([(doc, article, actors)], lexicon=lexicon, classifier=classifier, model_only=model_only,
                     model_budget=model_budget, pair_model=pair_model, arg_tagger=arg_tagger)[0]


def __getattr__(name: str) -> Any:
    # kept for existing callers: the one actor-resolution entry point is eventwire.actors, imported
    # only when asked for (coding itself takes the mentions as given and never needs the resolver)
    if name == "resolve_actors":
        # lazy (start-up): the actor dictionaries only for callers of this old name
        from eventwire.actors import resolve_actors

        return resolve_actors
    raise AttributeError(f"module 'eventwire.events.coder' has no attribute {name!r}")
