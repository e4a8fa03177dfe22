"""Candidate events and how they are offered to the classifier.

A candidate is one (trigger, source, target) reading of a sentence: a lexicon rule's, a model-only
verb's, a statement's, or a target the parse did not give that the model is asked to confirm. This
module says in which order candidates are offered to the model within the token budget (see
:mod:`eventwire.events.scoring`) and how a proposed target is confirmed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from eventwire.events.admissible import needs_target
from eventwire.events.agents import judged_harm_spans
from eventwire.events.arguments import JUDGING_ROOTS, Argument
from eventwire.events.clauses import is_accompanying
from eventwire.events.combine import MODEL_ONLY_MIN, STRONG_RULE, Decision, rule_confidence, rule_plover_type
from eventwire.events.fallback import ACCUSATION_CAMEO, is_harmed
from eventwire.events.identity import same_actor  # the actor layer knows when a shared code is one actor
from eventwire.events.mentions import in_list
from eventwire.events.phrase_heads import is_located_mention
from eventwire.events.scoring import Query

if TYPE_CHECKING:
    from spacy.tokens import Span as DocSpan
    from spacy.tokens import Token

    from eventwire.events.mentions import ActorIndex
    from eventwire.records import Actor

__all__ = ["Candidate", "model_priority", "target_proposals", "confirm_target", "sentence_bounds", "same_actor",
           "query", "shared_targets", "FULL_WEIGHT", "MAX_TARGET_PROPOSALS", "STATEMENT_PRIORITY"]

# a rule of this weight between dictionary actors is coded without asking the model
FULL_WEIGHT = 1.0
# actors of a trigger's clause offered to the model as the target of a targetless rule event
MAX_TARGET_PROPOSALS = 2
# how a proposed target is named (Argument.via), and the links from a name to the phrase it is part of
# ("the city of Nairobi", "Kenya and Somalia") through which its phrase's preposition is found
PROPOSAL_VIA = "model-target"
PHRASE_LINKS = frozenset({"appos", "compound", "conj"})
# conjunctions of an adverbial clause set against the main one, which may leave its recipient unsaid
CONTRAST_MARKS = frozenset({"while", "whereas", "whilst"})
# statements about someone are asked early: they have no trigger word, so without the model they are
# lost, while a weak rule the model is not asked about still stands on its own
STATEMENT_PRIORITY = 0.3
# a statement that says what someone is comes before the other statements: it judges by its shape
CHARACTERIZING_PRIORITY = 0.2
ACTED_ON_PRIORITY = 0.4
# the word that opens an attribution phrase hung on the verb it reports ("According to the BBC, ...")
ATTRIBUTION_WORD = "according"


@dataclass
class Candidate:
    sentence_index: int
    sent: DocSpan
    head: Token
    trigger: tuple[int, int]  # token range
    source: Argument
    target: Argument | None
    nominal: bool
    cameo: str | None  # None: model-only
    rule: str | None
    weight: float
    alternatives: dict[str, str]
    model_target: bool = False  # a target the parse did not give, proposed for the model to confirm
    specific: bool = False  # a rule that matched its object too ("seized a tanker"); see combine.decide
    construction: bool = False  # read off the syntax, not a trigger word: dropped if the model excludes its type
    reported: bool = False  # a claim inside someone else's speech (see eventwire.events.reported)
    charged: bool = False  # an act someone is charged with ("accused X of bombing"): keeps the rule's type
    statement: bool = False  # a model-only statement about someone (see eventwire.events.statements)
    characterizes: bool = False  # a statement that says what its target is (statements.characterizes)
    acted_on: bool = False  # a statement whose target is what a verb of the content acts on (read last)
    symmetric: bool = False  # a symmetric rule or phrase: the pair stands for both directions


def model_priority(cand: Candidate) -> float | None:
    """Order in which candidates are offered to the model (lower first; see
    :mod:`eventwire.events.scoring`): weak rules, where the model changes the type most often, by
    weight; then model-only verbs between dictionary actors; then proposed targets and the rest;
    strong rules last (the model overrules one only when it all but excludes its type). None: not
    asked at all, for a full-weight rule between dictionary actors (the model could not overrule it
    unless it all but excluded its type, and that is not worth a forward pass)."""
    source_resolved = cand.source.actor.code is not None
    target_resolved = cand.target is None or cand.target.actor.code is not None
    if cand.statement:
        return CHARACTERIZING_PRIORITY if cand.characterizes else ACTED_ON_PRIORITY if cand.acted_on else STATEMENT_PRIORITY
    if cand.cameo is None:
        return 0.65 if source_resolved and target_resolved else 0.95
    if cand.model_target:
        return 0.9
    if cand.weight < STRONG_RULE:
        return cand.weight
    if source_resolved and target_resolved:
        return None if cand.weight >= FULL_WEIGHT else 1.0 + cand.weight
    return 1.0


def target_proposals(found: list[Candidate], index: ActorIndex) -> list[Candidate]:
    """For rule events the parse gave no target: the actor mentions of the trigger's clause (nearest
    first, at most MAX_TARGET_PROPOSALS), each to be kept only if the model confirms the rule's type
    with that target marked."""
    out: list[Candidate] = []
    for cand in found:
        if cand.target is not None or cand.cameo is None:
            continue
        head = cand.head
        if in_list(head, "topic_verbs"):
            continue  # "discussed the Iranian presence in Syria": the actors of its clause are the topic
        # "According to a report from the British newspaper The Sun, ...": who reports the event is
        # never its recipient
        cited = [m for c in head.children if c.lower_ == ATTRIBUTION_WORD
                 for m in index.mentions_in(c.left_edge.i, c.right_edge.i + 1)]
        mentions = [m for m in index.mentions_in(head.left_edge.i, head.right_edge.i + 1) if m not in cited]
        source = cand.source.actor
        if source.code is None:
            continue  # only for a dictionary actor's event: proposals cost a model call each
        places = (rule_plover_type(cand.cameo) or "").lower() in index.words["place_target_types"]
        # "Iraqi police, along with US soldiers, raided": a party joined to the doer is no target of it
        # (coordinated doers may be: "India and MERCOSUR agreed to give concessions to the other side")
        doers = [c.source for c in found if c.head.i == head.i]
        co_sources = [a.actor for a in doers] if any(is_accompanying(index.doc[a.token]) for a in doers) else []
        victim = _judged_victims(cand, index)
        options = [m for m in mentions if m not in co_sources and m != source and m.code is not None and not same_actor(source, m)
                   and m.text.lower() not in index.words["group_pronouns"]
                   and m.text.lower() not in index.words["personal_possessives"]
                   and (places or not is_located_mention(index, m))  # "support for the Kyoto protocol"
                   and not victim(m)]
        options.sort(key=lambda m: abs(m.start - head.idx))
        for actor in options[:MAX_TARGET_PROPOSALS]:
            span = index.doc.char_span(actor.start, actor.end, alignment_mode="expand")
            token = span.root.i if span is not None else head.i
            out.append(replace(cand, target=Argument(actor, token, _proposal_via(index.doc[token])), model_target=True))
    return out


def _proposal_via(token: Token) -> str:
    """How a proposed target is named: ``model-target``, with the preposition its phrase hangs on when
    there is one ("model-target-prep:in"), so that the checks of a parsed target's preposition read it
    too ("the leaders of Kenya and Somalia met in Nairobi": Nairobi is where they met, not whom)."""
    node = token
    while node.dep_ in PHRASE_LINKS and node.head.i != node.i:
        node = node.head
    return f"{PROPOSAL_VIA}-prep:{node.head.lower_}" if node.dep_ == "pobj" else PROPOSAL_VIA


def _judged_victims(cand: Candidate, index: ActorIndex) -> Callable[[Actor], bool]:
    """The test of whether a mention is the victim of a harm a judging rule's clause names, never whom the
    judgement targets (the harm's own trigger codes it): the two roles of the nouns of harm
    (``harm_noun_roles`` in data/events/syntax.yaml). An *act* of violence the verb takes puts everyone
    in its phrase aside ("condemned the attack on Israel"), but not for an accusation, whose act's phrase
    may hold the accused ("blamed the attack on Hamas"); a *victim* noun anywhere in the clause puts aside
    its "of" object and possessor ("condemned the killing of the diplomat", "protested Calipari's murder").
    Other rules have no such victims."""
    cameo = cand.cameo or ""
    if cameo[:2] not in JUDGING_ROOTS:
        return lambda mention: False
    acts = [] if cameo.startswith(ACCUSATION_CAMEO) else judged_harm_spans(cand.head)

    def victim(mention: Actor) -> bool:
        if any(start <= mention.start < end for start, end in acts):
            return True
        span = index.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        return span is not None and len(span) > 0 and is_harmed(span.root)
    return victim


def shared_targets(found: list[Candidate]) -> list[Candidate]:
    """A verbal rule event without a target takes the target of an event of the same CAMEO root, by
    another source, whose clause its own is coordinated with or set against: the second clause leaves
    the shared recipient unsaid ("Winkler gave $200,000 to the party, while Daniels contributed
    $95,000"). Only two clauses directly linked (a conjunct, or an adverbial clause of contrast), and
    never for a type that takes no target."""
    out: list[Candidate] = []
    for cand in found:
        plover = rule_plover_type(cand.cameo) if cand.cameo else None
        root = (cand.cameo or "")[:2]
        if cand.target is not None or cand.nominal or plover is None or not needs_target(plover):
            out.append(cand)
            continue
        partner = next((o for o in found if o.target is not None and not o.nominal and o.cameo is not None
                        and o.cameo[:2] == root and _parallel(cand.head, o.head)
                        and not same_actor(o.source.actor, cand.source.actor)), None)
        if partner is not None and partner.target is not None:
            cand = replace(cand, target=replace(partner.target, via=f"elided-{partner.target.via}"))
        out.append(cand)
    return out


def _parallel(one: Token, other: Token) -> bool:
    """Whether two verbs head directly linked clauses: conjuncts, or one a contrastive adverbial
    clause of the other ("..., while Y contributed")."""
    def linked(low: Token, high: Token) -> bool:
        if low.head.i != high.i or low.i == high.i:
            return False
        if low.dep_ == "conj":
            return True
        return low.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in low.children)
    return linked(one, other) or linked(other, one)


def confirm_target(cand: Candidate, probs: dict[str, float] | None) -> Decision | None:
    """A proposed target stands when the model, with it marked, gives the rule's own type at least
    MODEL_ONLY_MIN; the event keeps the rule's code."""
    if not probs or cand.cameo is None:
        return None
    rule_type = rule_plover_type(cand.cameo)
    if rule_type is None or probs.get(rule_type, 0.0) < MODEL_ONLY_MIN:
        return None
    confidence = round(0.8 * probs[rule_type] * rule_confidence(cand.weight, cand.source.actor.code is not None,
                                                                cand.target.actor.code is not None if cand.target else None), 3)
    return Decision(cand.cameo, rule_type, max(0.05, confidence), True, rule_type=rule_type,
                    model_type=rule_type, model_prob=round(probs[rule_type], 3))


def sentence_bounds(sent: DocSpan) -> tuple[int, str]:
    """(char offset of the sentence in the doc, sentence text) without surrounding whitespace."""
    raw = sent.text
    lead = len(raw) - len(raw.lstrip())
    return sent.start_char + lead, raw.strip()


def query(cand: Candidate) -> Query | None:
    priority = model_priority(cand)
    if priority is None:
        return None
    offset, text = sentence_bounds(cand.sent)
    src = cand.source.actor
    tgt = cand.target.actor if cand.target else None
    first, last = cand.sent.doc[cand.trigger[0]], cand.sent.doc[cand.trigger[1] - 1]
    trigger = (max(0, first.idx - offset), max(0, last.idx + len(last.text) - offset))
    return Query(text, (src.start - offset, src.end - offset), (tgt.start - offset, tgt.end - offset) if tgt else None,
                 trigger, priority, statement=cand.statement)
