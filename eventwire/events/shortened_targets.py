"""One event when a sentence names its target twice, in full and then shortened.

Written for the eventwire project (issue 13). "Five members of a United States patrol were killed
when militants attacked their patrol": the killing and the attack are one act of the militants on
one patrol, read twice (once through the passive, once through the clause's object), and the second
mention, "their patrol", is the first one shortened. The actor layer may code the shortened mention
apart (it lost the name that gave the country), so the coder's dedupe, which tells targets apart by
code, kept two events for one. The guidelines code one event per actor pair, type and sentence.

Method: two events of one sentence, one source and one PLOVER type, whose target texts differ and
where one is the other's last words (a head noun with fewer modifiers, "patrol" of "United States
patrol") are one event; the fuller mention is kept, as the one that names the target. Only for a
shortened mention of more than one letter and only on a word boundary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.identity import actor_key

if TYPE_CHECKING:
    from eventwire.records import Event

__all__ = ["without_shortened_targets"]


def _shortened(short: str, full: str) -> bool:
    """Whether ``short`` is ``full``'s last words and not all of it ("patrol" of "United States patrol")."""
    short, full = short.lower().strip(), full.lower().strip()
    return len(short) > 1 and len(full) > len(short) and full.endswith(" " + short)


def without_shortened_targets(events: list[Event]) -> list[Event]:
    """``events`` less each one whose target is a shortened mention of another's target in the same
    sentence, for the same source and type."""
    dropped: set[int] = set()
    for i, event in enumerate(events):
        if event.target is None:
            continue
        for other in events:
            if (other is event or other.target is None or other.sentence_index != event.sentence_index
                    or other.plover.type != event.plover.type or actor_key(other.source) != actor_key(event.source)):
                continue
            if _shortened(event.target.text, other.target.text):
                dropped.add(i)
                break
    return [e for i, e in enumerate(events) if i not in dropped]
