"""Assembly: lexicon matches + arguments + modality + dates (+ the classifier) -> Event records.

For every sentence, each token the lexicon fires on is a trigger; its arguments come from
:mod:`eventwire.events.arguments` and give one candidate per (source, target) pair. Verbs that link two
actors without any trigger become model-only candidates. The classifier (when installed) scores all
candidates of a document in one batch; :mod:`eventwire.events.combine` decides each one's type and
confidence. Each decided candidate becomes an Event in :mod:`eventwire.events.building`, which also
merges duplicates within a sentence, keeps self-directed events only for internal nominal events
("Iran's crackdown on protesters") and caps fan-out. This module gathers the candidates and decides them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any

from eventwire.events.admissible import admitted_candidate
from eventwire.events.arg_proposals import Matched, arg_proposal_model, propose_arguments
from eventwire.events.arguments import find_arguments
from eventwire.events.asserted import is_background_mention, is_generic_mention
from eventwire.events.building import MAX_EVENTS_PER_SENTENCE, build_event, dedupe
from eventwire.events.calibration import calibrated
from eventwire.events.candidates import (
    Candidate,
    confirm_target,
    query,
    sentence_bounds,
    shared_targets,
    target_proposals,
)
from eventwire.events.combine import (
    MODEL_ONLY_MIN,
    STATEMENT_MIN,
    Decision,
    decide,
    decide_judging,
    decide_model_only,
    rule_plover_type,
)
from eventwire.events.constructions import asked_acts, reported_obligations
from eventwire.events.evaluations import judgement_candidates
from eventwire.events.lexicon import coding_with
from eventwire.events.linked import linked_pairs
from eventwire.events.matter_targets import against_a_matter
from eventwire.events.mentions import ActorIndex, main_country
from eventwire.events.pair_verdict import get_pair_model, judge_events
from eventwire.events.phrases import mend_gerunds
from eventwire.events.reported import ReportedSpeech
from eventwire.events.scoring import MODEL_TOKENS_PER_DOC_TOKEN, score_queries
from eventwire.events.senses import is_other_sense_prep
from eventwire.events.statements import (
    ACTED_ON,
    CHARACTERIZES,
    INSTRUCTION_CAMEO,
    INSTRUCTION_WEIGHT,
    instructs,
    is_statement_type,
    statement_pairs,
)
from eventwire.records import Actor, Article, Event
from eventwire.settings import get_settings

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as DocSpan

    from eventwire.events.arguments import Argument
    from eventwire.events.lexicon import Lexicon, LexMatch

__all__ = ["code_doc", "code_docs", "sentence_offsets", "MAX_PAIRS_PER_TRIGGER", "MAX_EVENTS_PER_SENTENCE"]

MAX_PAIRS_PER_TRIGGER = 6
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
        if is_other_sense_prep(doc, match, head, index):
            continue  # "launched a strike on Israel": the labour strike's rule gives way to the attack's
        frame = find_arguments(doc, match, index, head=head)
        if not frame.sources:
            continue
        score = match.weight + (0.25 if frame.targets else 0.0)
        if best is None or score > best[0]:
            best = (score, match, frame)
    return (best[1], best[2]) if best else None


def _rule_candidates(doc: Doc, si: int, sent: DocSpan, lexicon: Lexicon, index: ActorIndex,
                     matched: Matched | None) -> list[Candidate]:
    out: list[Candidate] = []
    covered: set[int] = set()
    for token in sent:
        matches = lexicon.match(token)
        if matched is not None:
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
    said = [_statement_candidate(si, sent, verb, source, target, shape)
            for verb, source, target, shape in statement_pairs(sent, index, skip)]
    return linked + said


def _statement_candidate(si: int, sent: DocSpan, verb: Token, source: Argument, target: Argument,
                         shape: str = "") -> Candidate:
    """A statement about ``target`` for the model; "told X to leave" is a request of X by construction."""
    if instructs(verb):
        return Candidate(si, sent, verb, (verb.i, verb.i + 1), source, target, False, INSTRUCTION_CAMEO,
                         f"{INSTRUCTION_CAMEO}.instruct", INSTRUCTION_WEIGHT, {}, construction=True)
    return Candidate(si, sent, verb, (verb.i, verb.i + 1), source, target, False, None, None, 0.0, {}, statement=True,
                     characterizes=shape == CHARACTERIZES, acted_on=shape == ACTED_ON)


def sentence_offsets(doc: Doc) -> list[int]:
    """Char offset in the doc of each sentence's text as events quote it (by sentence index)."""
    return [sentence_bounds(sent)[0] for sent in doc.sents]


def _model_name(classifier: Any) -> str:
    return f"{getattr(classifier, 'name', 'plover-classifier')}@{getattr(classifier, 'version', '0')}"


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
        found = _rule_candidates(doc, si, sent, lexicon, index, None if matched is None else matched.setdefault(si, []))
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
        cand.charged = cand.cameo is not None and speech.is_charged(cand.head)
    return candidates


def _charged_act(cand: Candidate, switched: Decision, source_resolved: bool,
                 target_resolved: bool | None) -> Decision | None:
    """The rule's reading of an act someone is charged with, the model's verdict kept on record: the
    model reads the charge around the act ("Georgia accused Russia of bombing Gori" reads as ACCUSE),
    and a switch would make the accused the accuser."""
    assert cand.cameo is not None
    kept = decide(cand.cameo, cand.weight, None, source_resolved=source_resolved, target_resolved=target_resolved)
    return None if kept is None else replace(kept, used_model=True, model_type=switched.model_type,
                                             model_prob=switched.model_prob)


def _decide_all(doc: Doc, article: Article, candidates: list[Candidate],
                probabilities: list[dict[str, float] | None], model: str | None,
                country: str | None = None) -> list[Event]:
    """Events from candidates and their model probabilities (None: not asked; a model-only
    candidate or proposed target that was not asked is dropped, a rule stands on its own)."""
    events: list[Event] = []
    matters: set[str] = set()  # events against a matter, not a party: a targetless reading stays beside them
    for cand, probs in zip(candidates, probabilities, strict=True):
        source_resolved = cand.source.actor.code is not None
        target_resolved = (cand.target.actor.code is not None) if cand.target else None
        if cand.cameo is None and cand.characterizes and probs:
            decision = decide_judging(probs, source_resolved=source_resolved, target_resolved=bool(target_resolved))
        elif cand.cameo is None:
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
            if decision is not None and decision.switched and cand.charged:
                decision = _charged_act(cand, decision, source_resolved, target_resolved)
        if decision is None:
            continue
        admitted = admitted_candidate(doc, cand, decision.plover_type)
        if admitted is None:
            continue
        event = build_event(doc, article, admitted, decision, model, country)
        if event is not None:
            events.append(event)
            if against_a_matter(doc, admitted, decision.plover_type):
                matters.add(event.id)
    # one event per pair is chosen by a fixed rank (building._rank: asserted, rule-decided, raw confidence),
    # and only then calibrated: which events are produced must not depend on the calibration, or
    # every refit would change the events it is measured on
    return calibrated(dedupe(events, frozenset(matters)), enabled=get_settings().calibration != "off")


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
    with coding_with(lexicon):  # the coder's checks read the rules of this call (a user's --lexicon included)
        return _code_docs(items, lexicon, classifier, model_only, model_budget, pair_model, arg_tagger)


def _code_docs(items: Sequence[tuple[Doc, Article, list[Actor]]], lexicon: Lexicon, classifier: Any, model_only: bool,
               model_budget: float, pair_model: Any, arg_tagger: Any) -> list[list[Event]]:
    with_model = classifier is not None
    # the lexicon's matches by sentence, kept for the argument finder only when it runs
    matches: list[dict[int, Matched] | None] = [{} if arg_tagger is not None else None for _ in items]
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
                                   arg_tagger, partial(build_event, doc, article, model=model, country=country),
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
