"""Senses of a trigger that its arguments' syntax tells apart, where the sense is no actor's event: a
vehicle doing the act, going back read as giving back, one's own forces as the recipient of what
they are, the outcome of an accident, the setting of a meeting.

- A vehicle is not an actor (docs/annotation.md: "A vehicle or weapon is not an actor even when the
  agent dictionary lists it for phrases like 'helicopter gunships fired'"). The agent dictionary codes
  "aircraft", "helicopters" as the military so that "Israeli warplanes" can stand for Israel's; a
  vehicle noun whose phrase names no owner ("the aircraft had been flying over the suburb", "the
  helicopter was shadowing one carrying the president", "troops supported by fighter jets") does no
  act of any actor: no one is named as doing it. A name, a nationality or a possessor in the phrase
  ("Syrian fighter planes", "American helicopters", "Russia's bombers") names the owner: kept.
- A verb that both gives back and goes back (``going_back_verbs``: "return") releases someone only
  with an object: "the rebels returned the hostages" (CAMEO 084, 0841), but "he had returned to
  Venezuela", "protesters returning to the square" go back; the one reached through "to" is where,
  not who is released.
- One's own forces named as what a promise or a gift gives ("Australia has committed 300 troops to
  Afghanistan") are not the one it is given to.
- What a meeting is "at" is where it met ("met at the World Economic Forum"), not whom it met.
- A verb of harm that tells what an accident did ("a helicopter crashed in Basra, killing four crew
  members") names no one who harmed: a crash, a collapse, a capsizing has no agent.

The word lists are data: ``vehicle_nouns``, ``going_back_verbs``, ``accident_verbs``, ``giving_types`` and
``setting_types`` in ``data/events/syntax.yaml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.frames import argument_head
from eventwire.events.syntax_lists import in_list, syntax_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventwire.events.arguments import Argument
    from eventwire.events.candidates import Candidate

__all__ = ["OWNER_ENTITIES", "is_ownerless_vehicle", "is_going_back", "is_accident_outcome", "is_own_forces_given",
           "is_meeting_setting", "is_no_actor_sense"]

# entity types of a modifier that names a vehicle's owner ("Syrian fighter planes", "a US helicopter")
OWNER_ENTITIES = frozenset({"NORP", "GPE", "ORG", "PERSON", "LOC"})
# how a participle of outcome hangs on the verb whose outcome it tells ("crashed ..., killing four")
OUTCOME_DEPS = frozenset({"advcl"})
# dependents of the vehicle that are clauses about it, not its phrase ("one carrying the president")
CLAUSE_DEPS = frozenset({"acl", "relcl", "appos"})
# how an argument reached through "at" is named (eventwire.events.arguments: "prep:" + the preposition)
SETTING_VIA = "prep:at"
# CAMEO code of returning or releasing (084, with persons 0841 and property 0842): "returned the hostages"
RETURN_CODE = "084"
# relations that carry what a verb of giving back gives ("returned the hostages", "were returned")
GIVEN_DEPS = frozenset({"dobj", "obj", "nsubjpass", "dative"})
# how a participle hangs on the noun it describes: that noun is what is given ("hostages returned by")
REDUCED_RELATIVE_DEPS = frozenset({"acl", "relcl"})


def is_ownerless_vehicle(doc: Doc, arg: Argument) -> bool:
    """A source read off a vehicle noun (``vehicle_nouns``) whose phrase names no owner: no name,
    nationality or possessor among its modifiers ("the aircraft", "fighter jets", "a military
    helicopter"). Nor "Syrian fighter planes" nor "Russia's bombers", which name whose they are."""
    token = argument_head(doc, arg)
    if token.pos_ != "NOUN" or token.ent_type_ or not in_list(token, "vehicle_nouns"):
        return False
    phrase = [t for c in token.children if c.dep_ not in CLAUSE_DEPS for t in c.subtree]
    return not any(_names_owner(t) for t in phrase)


def _names_owner(token: Token) -> bool:
    """A modifier that names whose the vehicle is: a name or nationality, or a possessor."""
    return token.dep_ == "poss" or token.ent_type_ in OWNER_ENTITIES  # not a model's name: "Super Puma"


def is_going_back(cand: Candidate) -> bool:
    """A code of returning (084: persons 0841, property 0842) on a verb of ``going_back_verbs`` that
    gives nothing back: no object, no passive subject, no noun it describes ("he had returned to
    Venezuela"). "returned the hostages",
    "the hostages were returned", "hostages returned by the rebels" release someone."""
    head = cand.head
    if not (cand.cameo or "").startswith(RETURN_CODE) or head.pos_ != "VERB":
        return False
    if not in_list(head, "going_back_verbs") or head.dep_ in REDUCED_RELATIVE_DEPS:
        return False
    return not any(c.dep_ in GIVEN_DEPS for c in head.children)


def is_accident_outcome(cand: Candidate, plover_type: str) -> bool:
    """A verb of harm that tells what an accident did ("a helicopter crashed in Basra killing four crew
    members", "the ferry capsized, drowning 40"): the participle of a verb of ``accident_verbs``.
    No one did the killing (docs/annotation.md: an event with no agent is not coded). Only harm
    (``harm_types``): "the talks collapsed, calling the truce into question" is another matter."""
    head = cand.head
    if plover_type.lower() not in syntax_words()["harm_types"]:
        return False
    if head.tag_ != "VBG" or head.dep_ not in OUTCOME_DEPS or head.head.i == head.i:
        return False
    return in_list(head.head, "accident_verbs")


def is_own_forces_given(cand: Candidate, plover_type: str, force_sectors: frozenset[str]) -> bool:
    """A promise or a gift (``giving_types``) whose target is the source's own forces named as what
    it gives ("Australia has committed 300 troops to Afghanistan", "the government will contribute
    another 200 troops", "pledged a stronger police presence"): the forces are what is given, not
    the one given to, as a mobilisation moves its own forces (admissible.mobilized_not_target). One
    reached through a preposition ("pledged support to the army") is given to."""
    target = cand.target
    if target is None or plover_type.lower() not in syntax_words()["giving_types"] or target.via.startswith("prep:"):
        return False
    source = cand.source.actor
    return source.country is not None and target.actor.country == source.country and target.actor.sector in force_sectors


def is_meeting_setting(cand: Candidate, plover_type: str) -> bool:
    """A meeting's target reached through "at" (``setting_types``): where or at what gathering it met
    ("met at the World Economic Forum", "held talks at the UN", "gathered at the presidential
    palace"), not the party met, who comes with "with" ("met with Blair at Camp David")."""
    target = cand.target
    return target is not None and plover_type.lower() in syntax_words()["setting_types"] and target.via == SETTING_VIA


def is_no_actor_sense(doc: Doc, cand: Candidate, plover_type: str, force_sectors: frozenset[str]) -> bool:
    """The arguments show a sense that is no actor's event: an ownerless vehicle as the doer, going
    back read as giving back, the outcome of an accident, one's own forces given as the recipient
    (``force_sectors``: the sectors of a state's forces), the setting of a meeting."""
    return is_ownerless_vehicle(doc, cand.source) or is_going_back(cand) or is_accident_outcome(cand, plover_type) \
        or is_own_forces_given(cand, plover_type, force_sectors) or is_meeting_setting(cand, plover_type)
