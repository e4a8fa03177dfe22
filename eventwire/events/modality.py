"""Whether an event happened: negation, hypothetical, future and historical modes (PLOVER ``mode``).

An event is read as asserted unless the parse around its trigger says otherwise. The trigger and the
verbs that govern it (walking up through complements, control verbs and the support verb of a nominal
event, never past a verb of saying) are checked for negation ("did not", "never", "failed to", "no
agreement"), hypothetical markers ("might", "could", "if", "fear that", "hoped for"), future markers
("will", "plans to", "is to", "next week's summit", "a week before a summit"); the event date decides
``historical`` (well before publication) and confirms ``future`` (after it).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from eventwire.dates import day_range
from eventwire.events.animacy import to_infinitive
from eventwire.events.mentions import in_list, syntax_words

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["MODES", "event_modes", "date_modes", "object_negated", "HISTORICAL_AFTER_DAYS"]

MODES = ("negation", "hypothetical", "future", "historical")
#: an event dated this many days or more before publication is historical background
HISTORICAL_AFTER_DAYS = 45
# dependency relations the walk climbs from a trigger to its governors
# "acomp": a predicate adjective takes its copula's markers ("was not concerned about Uganda")
CLIMB_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "obj", "acl", "conj", "aux", "relcl",
                        "acomp"})
# tags of a verb with a tense of its own: a conjunct so marked does not share its first conjunct's auxiliaries
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
MAX_CLIMB = 8
# coordinators of alternatives: a negation before the first covers the others ("did not arrest or detain")
ALTERNATIVE_COORDINATORS = frozenset({"or", "nor"})


def _own_markers(node: Token, words: dict[str, frozenset[str]], found: set[str], *, inherited: bool) -> None:
    """Markers on one clause head: its auxiliaries, negation, adverbs and subordinating conjunction."""
    for child in node.children:
        lower = child.lower_
        dep = child.dep_
        if dep == "neg" or (dep in ("advmod", "det", "preconj") and lower in words["negation_words"]):
            if not inherited:
                found.add("negation")
        elif dep in ("aux", "auxpass"):
            if lower in words["hypothetical_auxiliaries"] and not (lower == "would" and _reported_will(node)):
                found.add("hypothetical")
            elif lower in words["future_auxiliaries"] or child.lemma_.lower() in words["future_auxiliaries"]:
                found.add("future")
        elif dep == "mark" and lower in words["hypothetical_marks"]:
            found.add("hypothetical")
        elif dep == "amod" and lower in words["future_modifiers"]:
            found.add("future")
        elif dep == "poss" and child.ent_type_ == "DATE" and any(t.lower_ == "next" for t in child.subtree):
            found.add("future")  # "next week's summit"


def _reported_will(clause: Token) -> bool:
    """A clause that a past verb of saying reports ("Harper stated he would station ice breakers", "told
    the House that Australia would provide assistance"): its "would" is the speaker's "will" put in the
    past, a statement of intent (docs/annotation.md rule 8), not a hypothesis."""
    governor = clause.head
    return clause.dep_ == "ccomp" and governor.tag_ == "VBD" and in_list(governor, "reporting_verbs")


def object_negated(head: Token) -> bool:
    """Whether a verb trigger's direct object carries a negating determiner ("had no contact with",
    "held no talks with"): the verb is asserted but the event its object names did not happen. Only
    the rule's reading takes this: a model that re-reads "reached no agreement" as REJECT has already
    folded the "no" into its type, and "did not reject" would say the opposite."""
    if head.pos_ not in ("VERB", "AUX"):
        return False
    words = syntax_words()["negation_words"]
    return any(child.dep_ in ("dobj", "obj") and any(d.dep_ in ("det", "advmod") and d.lower_ in words
                                                     for d in child.children)
               for child in head.children)


def event_modes(head: Token, *, nominal: bool = False) -> list[str]:
    """Modes read from the parse for the trigger ``head`` (dates are added by :func:`date_modes`)."""
    words = syntax_words()
    found: set[str] = set()
    _own_markers(head, words, found, inherited=False)
    if nominal and head.dep_ == "pobj" and head.head.lower_ in words["future_preps"]:
        found.add("future")  # "a week before a summit"
    if head.head.lower_ == "without" and ((nominal and head.dep_ == "pobj") or head.dep_ == "pcomp"):
        found.add("negation")  # "without a vote", "joined the talks without recognizing Kosovo"
    node = head
    via_conj = False
    previous = ""  # how ``node`` was reached from the word below it
    for _ in range(MAX_CLIMB):
        dep = node.dep_
        parent = node.head
        if parent.i != node.i and (node.i == head.i or previous == "xcomp") and _unrealized_infinitive(node, parent):
            found.add("hypothetical")  # "calls for it to commit", "requests for NATO to spread"
        if parent.i == node.i or dep not in CLIMB_DEPS:
            break
        if dep == "prep" and node.lower_ in words["adjunct_preps"]:
            break  # "rejected ... after a further meeting with Abbas": the clause does not qualify its setting
        via_conj = dep == "conj"
        previous = dep
        if dep == "relcl":
            break
        if parent.pos_ in ("NOUN", "PROPN") and node.i != head.i:
            break  # a nominal event inside another noun phrase is not qualified by the outer clause
        if parent.pos_ in ("VERB", "AUX"):
            if in_list(parent, "reporting_verbs") and dep == "ccomp":
                break  # "X said Y attacked Z": the saying does not qualify the attack
            if not via_conj:
                if in_list(parent, "negation_governors"):
                    found.add("negation")
                if in_list(parent, "hypothetical_governors") and not (
                        dep == "xcomp" and in_list(parent, "undertaking_governors")):
                    found.add("hypothetical")  # "tried to disperse the crowd": the attempt is the act
                if node.dep_ == "prep" and node.lower_ == "for" and in_list(parent, "hypothetical_for_governors"):
                    found.add("hypothetical")
                if in_list(parent, "future_governors"):
                    found.add("future")
                if parent.lemma_ == "be" and dep == "xcomp":
                    found.add("future")  # "is to meet"
            if not (via_conj and _has_own_tense(node)):
                _own_markers(parent, words, found, inherited=via_conj and not _alternative(node))
        node = parent
    return [m for m in MODES if m in found]


def _has_own_tense(verb: Token) -> bool:
    """A conjunct with its own tense or auxiliary ("would not include the Greens, but was supportive of the
    plans"): the first conjunct's "would" and "not" are not its own, unlike a bare conjunct's ("will not
    meet or call him")."""
    return verb.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _alternative(conjunct: Token) -> bool:
    """A bare conjunct joined by "or" or "nor" ("will not attack Georgia or threaten Ukraine", "neither
    attack Israel nor threaten"): the negation covers every alternative, so the conjunct takes it. With
    "but" or "and" it need not ("was not arrested but released")."""
    coordinators = [c for c in conjunct.head.children if c.dep_ == "cc" and c.i < conjunct.i]
    return bool(coordinators) and coordinators[-1].lower_ in ALTERNATIVE_COORDINATORS


def _unrealized_infinitive(node: Token, parent: Token) -> bool:
    """A to-infinitive that a noun of asking or hoping governs ("calls for it to commit", "requests by
    Afghans for NATO to spread", "the chance to meet"): the act is wanted, not done. Readiness ("is
    willing to provide") is not here: it states an intent, an event of its own (CAMEO 03)."""
    if node.tag_ != "VB" or not to_infinitive(node):
        return False
    if in_list(node, "future_governors"):
        return False  # "stands ready to offer aid": the readiness is the offer (an intent, CAMEO 03)
    return parent.pos_ == "NOUN" and in_list(parent, "hypothetical_nouns")


def date_modes(event_date: str | None, published: str | None) -> list[str]:
    """``historical`` when the event ended well before publication, ``future`` when it starts after."""
    event_range = day_range(event_date)
    published_range = day_range(published)
    if event_range is None or published_range is None:
        return []
    pub = published_range[0]
    if pub.toordinal() > HISTORICAL_AFTER_DAYS and event_range[1] <= pub - timedelta(days=HISTORICAL_AFTER_DAYS):
        return ["historical"]
    if event_range[0] > pub:
        return ["future"]
    return []


def merge_modes(*groups: list[str]) -> list[str]:
    """Union of mode lists in the canonical order."""
    found = {m for group in groups for m in group}
    return [m for m in MODES if m in found]
