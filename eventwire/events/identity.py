"""When two actor mentions are one actor: the key that tells actors apart within a sentence, and the
test that an event between two mentions would be self-directed.

Written for the eventwire project. Moved out of :mod:`eventwire.events.mentions`, which finds the
mentions; this module only compares them (the coder, the candidates and the evaluations ask it).
"""

from __future__ import annotations

from eventwire.events.mentions import syntax_words
from eventwire.records import Actor, Event

__all__ = ["actor_key", "dyad_key", "same_actor"]


def actor_key(actor: Actor) -> str:
    """What tells one actor from another within a sentence: the code and the name, so that two people
    or bodies sharing a code are two actors ("Bush and Cheney maintained ..."); the text when uncoded."""
    return f"{actor.code}|{actor.name or ''}" if actor.code else actor.text.lower()


def dyad_key(event: Event) -> tuple[str, str, str]:
    """What tells one event from another within a sentence: its source, its target ("-" when none) and
    its PLOVER type (the coder's dedupe and the argument finder's)."""
    return actor_key(event.source), actor_key(event.target) if event.target else "-", event.plover.type


def same_actor(a: Actor, b: Actor) -> bool:
    """Whether two mentions are one actor (an event between them would be self-directed): the same
    span (unless it stands for two states), or the same code and not two differently named actors. Two
    people, or a person and a generic agent the article gave its country ("Klaus rejected the
    government put forward by Topolanek"), share a code without being one actor."""
    if a.start == b.start and a.end == b.end:
        # one span with two countries is two actors: "both countries" is one state and the other
        # (events.fallback.state_pair_args)
        return not (a.code and b.code and a.country != b.country)
    if a.code is None or a.code != b.code:
        return False
    if a.name and b.name and a.name != b.name:
        return False
    if _different_people(a, b):
        return False
    return not ("context" in (a.code_source, b.code_source) and a.name != b.name)


def _head_word(actor: Actor) -> str:
    words = actor.text.lower().replace("'s", "").split()
    return words[-1].rstrip("s") if words else ""


def _different_people(a: Actor, b: Actor) -> bool:
    """Two unnamed agents that are office holders of different offices ("attorneys", "juror")."""
    if a.name or b.name or a.kind not in ("agent", "person") or b.kind not in ("agent", "person"):
        return False
    head_a, head_b = _head_word(a), _head_word(b)
    holders = syntax_words()["office_holder_nouns"]
    return head_a != head_b and head_a in holders and head_b in holders
