"""Candidates the model budget leaves unread, read anyway and kept only on a sure pair verdict.

The PLOVER classifier reads a long article's candidates by priority within a token budget
(:mod:`eventwire.events.scoring`); a rule candidate left unread still stands on its own, but a
candidate that exists only for the model (a verb linking two actors without a trigger, a statement
about someone, a target proposed for a rule) is dropped unread. On held-out news those dropped
candidates held the exact gold pair of many missed events, and reading all of them found more wrong
events than right ones (about 17 right for 45 wrong on one set). So here at most ``limit`` of them
per article (by the budget's own priority) are read, and an event they give is kept only when the
pair model (:mod:`eventwire.events.pair_verdict`) says P(EVENT) >= :data:`KEEP_FROM`: the extra
events get a filter that the events read within the budget do not need.

Such an event's ``model`` field ends with the verdict and :data:`MARK`
(``plover-minilm@1.0.0 pair-minilm@1.0.0:EVENT=0.95 beyond-budget``), so a user can filter them out.
Switched by ``EVENTWIRE_BUDGET_VERDICT`` (candidates per article; 0, the default: none read, the coder as
before). Off because it did not help: on the held-out check split and two off-gold draws the events it
adds are about one right in four, as without the verdict (docs/classifier.md has the figures).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from eventwire.events.candidates import Candidate
from eventwire.events.identity import actor_key
from eventwire.events.pair_verdict import get_pair_model, judge_events, pair_model_dir
from eventwire.events.scoring import Query, score_queries
from eventwire.records import Event
from eventwire.settings import get_settings

__all__ = ["KEEP_FROM", "MARK", "unread_needing_model", "with_events_beyond_budget"]

#: an event read past the budget is kept when the pair model's P(EVENT) is at least this. Out of fold
#: on the tune split (3 folds by article, /tmp/pair_train/cv.jsonl of session 14), eventwire's own
#: mention pairs at P(EVENT) >= 0.9 are a gold pair 115 times in 196 (0.59), against 189 in 396 (0.48)
#: at 0.5; above 0.9 the share hardly grows (0.62 at 0.93) while the pairs kept fall fast
KEEP_FROM = 0.9
#: what the ``model`` field of such an event ends with
MARK = "beyond-budget"

Probabilities = list[dict[str, float] | None]
#: codes one article's candidates with their probabilities: (article index, candidates, probabilities)
Decider = Callable[[int, list[Candidate], Probabilities], list[Event]]


def unread_needing_model(candidates: Sequence[Candidate], queries: Sequence[Query | None],
                         probabilities: Probabilities, limit: int) -> list[int]:
    """Indexes of at most ``limit`` candidates the budget left unread that give no event without the
    model (no rule code, or a target the model is to confirm), by the budget's priority."""
    unread = [(q.priority, i) for i, (cand, q, probs) in enumerate(zip(candidates, queries, probabilities, strict=True))
              if q is not None and probs is None and (cand.cameo is None or cand.model_target)]
    return [i for _, i in sorted(unread)[:max(0, limit)]]


def _pair_key(event: Event) -> tuple[int, str, str]:
    return event.sentence_index, actor_key(event.source), actor_key(event.target) if event.target else "-"


def _merged(events: list[Event], extra: list[Event], per_sentence: int) -> list[Event]:
    """The article's events plus the extra ones in sentences the budget's reading left without any
    event, one a pair (either way round, for a symmetric one), at most ``per_sentence`` a sentence, in
    the coder's order. A sentence that has events keeps them alone: on held-out news the pairs the
    budget left unread held missed events in sentences with no event at all, while a second reading
    beside a coded event competes with it for the same act (a wrong source or target)."""
    coded = {e.sentence_index for e in events}
    taken: set[tuple[int, str, str]] = set()
    sourced: set[tuple[int, str, str]] = set()
    count: dict[int, int] = {}
    added: list[Event] = []
    for event in sorted(extra, key=lambda e: e.target is None):  # those with a target first
        si, src, tgt = _pair_key(event)
        if si in coded or (si, src, tgt) in taken or (event.symmetric and (si, tgt, src) in taken):
            continue
        if event.target is None and (si, src, event.plover.type) in sourced:
            continue  # the coder keeps the reading with a target (coder._dedupe)
        if count.get(si, 0) >= per_sentence:
            continue
        count[si] = count.get(si, 0) + 1
        taken.add((si, src, tgt))
        sourced.add((si, src, event.plover.type))
        added.append(event)
    return sorted([*events, *added], key=lambda e: (e.sentence_index, e.trigger.start, e.source.start))


def _marked(event: Event) -> Event:
    return replace(event, model=f"{event.model} {MARK}" if event.model else MARK)


def _verdict_model(pair_model: Any, shipped: bool) -> Any:
    """The pair model given to the coder, else the shipped one (whatever EVENTWIRE_PAIR_VERDICT says,
    which switches the verdict on the budget's events) when the shipped classifier codes."""
    if pair_model is not None:
        return pair_model
    return get_pair_model(pair_model_dir()) if shipped else None


def with_events_beyond_budget(
    events: list[list[Event]], candidates: Sequence[list[Candidate]],
    queries: Sequence[tuple[int, list[Query | None]]], probabilities: Sequence[Probabilities], *,
    classifier: Any, pair_model: Any, shipped: bool, decide: Decider, per_sentence: int,
    limit: int | None = None,
) -> list[list[Event]]:
    """Each article's ``events`` plus those of up to ``limit`` (default: the setting) unread candidates
    that the classifier types and the pair model accepts (P(EVENT) >= KEEP_FROM). ``decide`` codes an
    article's candidates as the coder does (dedupe and calibration included). Without a limit, a
    classifier or a pair model, the events come back as they are."""
    limit = get_settings().budget_verdict if limit is None else limit
    verdict = _verdict_model(pair_model, shipped) if limit > 0 and classifier is not None else None
    if verdict is None:
        return events
    picked = [unread_needing_model(cands, qs, probs, limit)
              for cands, (_, qs), probs in zip(candidates, queries, probabilities, strict=True)]
    # every picked query asked, whatever the budget (ratio 0: no limit), in one call for all articles
    asked = [(tokens, [qs[i] for i in chosen]) for (tokens, qs), chosen in zip(queries, picked, strict=True)]
    answers = score_queries(classifier, asked, budget_ratio=0)
    out: list[list[Event]] = []
    for index, (chosen, answer) in enumerate(zip(picked, answers, strict=True)):
        extra = decide(index, [candidates[index][i] for i in chosen], answer) if chosen else []
        kept = [_marked(e) for e in judge_events(extra, verdict, drop_below=KEEP_FROM)]
        out.append(_merged(events[index], kept, per_sentence) if kept else events[index])
    return out
