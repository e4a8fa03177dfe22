"""Reported speech: an event someone else claims, not one the article asserts.

Mugabe says "The U.S. has provided $70 million to the MDC": the U.S. aid is coded, but as Mugabe's
claim (``Event.reported``), not as a fact (docs/annotation.md, rule 6). An event is reported when its
trigger lies in a direct quotation, in the clausal complement of a verb of saying ("Press TV reported
that Israeli jets flew over the Strip"), or in a sentence attributed with "according to", and its
source is not the speaker: what speakers say of their own acts ("we could hit Hamas", "France said it
will send troops") is their statement of intent, coded as such, not a claim about someone else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.events.control import charged_holder
from eventwire.events.mentions import in_list
from eventwire.quotes import find_quotes

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventwire.events.mentions import ActorIndex
    from eventwire.records import Actor, Article

__all__ = ["ReportedSpeech"]

# dependency relations by which a clause hangs below the verb that reports it
REPORTED_CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})
# pronouns of the speaker's own voice: in a quotation, the speaker is "I" or "we"
FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our", "myself", "ourselves"})
# a personal pronoun that is a speaker's subject refers to the speaker ("Marioli said he ...")
PERSONAL = frozenset({"he", "she", "him", "her", "his"})
# how far up the parse a trigger may sit below the verb that reports it
MAX_CLIMB = 8
# the prepositions that join an act charged to the verb of charging ("accused X of", "blamed X for")
CHARGE_PREPS = frozenset({"of", "for", "with"})


@dataclass(frozen=True)
class _Speech:
    speaker: Actor | None


class ReportedSpeech:
    """The quotations of one document and a test for each event: does it report someone's claim?"""

    def __init__(self, doc: Doc, article: Article, actors: list[Actor], index: ActorIndex) -> None:
        self.index = index
        self.quotes = [(q.start, q.end, q.speaker) for q in find_quotes(doc, article, actors)]
        index.set_voices(self.quotes)  # "we" and "I" in a quotation are its speaker

    def is_reported(self, head: Token, source: Actor) -> bool:
        """Whether the event whose trigger is ``head`` is a claim inside someone's speech."""
        speech = self._speech(head)
        if speech is None:
            return False
        text = source.text.lower()
        if text in FIRST_PERSON:
            return False  # the speaker's own voice
        speaker = speech.speaker
        if speaker is None:
            return True
        if text in PERSONAL and speaker.kind == "person":
            return False
        return not _same(source, speaker)

    def is_charged(self, head: Token) -> bool:
        """Whether the trigger ``head`` names an act someone is charged with ("accused X of bombing")."""
        return _charging_verb(head) is not None

    def _speech(self, head: Token) -> _Speech | None:
        for start, end, speaker in self.quotes:
            if start <= head.idx < end:
                return _Speech(speaker)
        node = head
        for _ in range(MAX_CLIMB):
            if node.head.i == node.i:  # the root (a new Token per access: not "is")
                break
            if node.dep_ in REPORTED_CLAUSE_DEPS and in_list(node.head, "reporting_verbs"):
                return _Speech(self._subject(node.head))
            node = node.head
        charging = _charging_verb(head)
        if charging is not None:
            return _Speech(self._charger(charging))
        return self._according_to(head)

    def _charger(self, verb: Token) -> Actor | None:
        """Who charges: the active subject, or the "by" agent of a passive ("was accused by X of")."""
        for child in verb.children:
            if child.dep_ == "nsubj":
                return self.index.actor_for(child)
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                return self.index.actor_for(objects[0]) if objects else None
        return None  # "the group has been accused of attacks": the accused is no speaker

    def _subject(self, verb: Token) -> Actor | None:
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return self.index.actor_for(child)
        return None

    def _according_to(self, head: Token) -> _Speech | None:
        """"According to La Repubblica, Marioli had no contact": the sentence is La Repubblica's."""
        for token in head.sent:
            if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to":
                objects = [c for t in (token, token.doc[token.i + 1]) for c in t.children if c.dep_ == "pobj"]
                return _Speech(self.index.actor_for(objects[0]) if objects else None)
        return None


def _charging_verb(head: Token) -> Token | None:
    """The verb of charging whose "of"/"for" complement holds ``head`` (the act or its verb), if any."""
    node = head
    for _ in range(MAX_CLIMB):
        if node.head.i == node.i:
            return None
        if node.dep_ in ("pcomp", "pobj") and node.head.lower_ in CHARGE_PREPS:
            if in_list(node.head.head, "charging_verbs"):
                return node.head.head
            # "accused [the rebels of attacking]": the parser hangs "of" on the one charged
            holder = charged_holder(node.head)
            if holder is not None:
                return holder.head
        if node.dep_ in REPORTED_CLAUSE_DEPS or node.dep_ in ("nsubj", "nsubjpass"):
            return None  # a clause of its own, or the charger itself ("the bombing blamed on X")
        node = node.head
    return None


def _same(a: Actor, b: Actor) -> bool:
    if a.start < b.end and b.start < a.end:
        return True
    if a.code is not None and a.code == b.code and (a.name == b.name or a.kind != "person"):
        return True
    return a.text.lower() == b.text.lower()
