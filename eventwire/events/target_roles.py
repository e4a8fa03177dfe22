"""Targets whose role in the sentence shows they are no party to the act, though the dictionaries
read them as actors.

Read off the wrong events of the training gold's even lines: the argument finder fills
the target slot with a word the actor dictionaries know, but the sentence gives that word a role no
recipient has (docs/annotation.md, rules 2 and 3 and the rulings of the training split):

- a settlement (``settlement_nouns``) is where an act was done, not to whom: "Taliban fighters overran
  the town", "troops attacked villages near the border". The agent dictionary codes "town" and
  "village" as civilians so that their people can be named ("villagers"); a settlement noun that only
  modifies a noun of people ("local village councils") keeps the people;
- a predicate nominal says what its subject is, not who undergoes anything: "police said the victims
  were children", "this man has been a judge for 18 years"; so does a bare noun of captivity after a
  verb ("held hostage by Hamas", "took 29 security personnel hostage");
- a mobilisation reached through a preposition of place or direction (``mobilized_place_preps``) names
  where forces go ("moves forces near Gaza", "sending troops into Somalia"): the gold codes a
  mobilisation without a target, and keeps one only for an adversary named apart ("ordered troops to
  the border with Colombia");
- the object of a verb that stages or joins a protest (``staging_verbs``) is the protest, and what is
  reached through it names its organisers, people or route ("organized the Blue March", "held a
  gathering of 8,000 supporters", "attended protests organised by the coalition");
- the one whose release is demanded (CAMEO 1053), named by the release noun ("called for the release
  of the reporter", "demanded the journalist's release"): a demand is addressed to whoever holds the
  captive; the captive is what is asked for, not the one asked (the one asked stays: "urged Iran to
  release the students"; so does the captive of a release ordered, ``command_verbs``: "the court
  ordered the tanker's release" is the release itself);
- what an investigation (CAMEO 09) looks into, when it is an act nobody coded ("Police are
  investigating the poisoning", "failed to investigate warnings"): unlike a judgement ("condemned the
  attack"), an investigation does not say who did it, so the act stands for no one. A gathering
  (``gathering_nouns``: "investigating the riots") stands for its people, as it does for force;
- a town reached through a preposition of setting (``SETTING_PREPS``) is where force was used, not
  against whom ("burned three buses in western Paris suburbs", "detonated a bomb inside the army
  headquarters in Colombo"; docs/annotation.md: "attacks on London are not coded for the place"). The
  dictionaries code a city as its state, which force done there does not reach. A name the gazetteer
  knows as a state or a region keeps its role ("a terrorist camp in Pakistan", "targets in the Gaza
  Strip": the state or people who hold it), as does a town acted on directly ("struck Beirut");
- a medium reached through "on" or "over" (``medium_nouns``) is how something was said, not to whom:
  "made a plea on national television", "appealed over the radio".

A target dropped here leaves the event without one: one that needs a target (all types but PROTEST
and MOBILIZE) is not coded (``eventwire.events.admissible.admitted_candidate``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.frames import argument_head
from eventwire.events.lexicon import lexicon_in_use
from eventwire.events.phrases import NAMED_PLACE_ENTITIES, PLACE_KINDS, SETTING_PREPS
from eventwire.events.syntax_lists import in_list, syntax_words
from eventwire.gazetteer import get_gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventwire.events.arguments import Argument
    from eventwire.events.candidates import Candidate

__all__ = ["is_settlement", "is_predicate_nominal", "is_where_mobilized", "is_protest_own_part", "is_investigated_act",
           "is_released_party", "is_force_setting", "is_medium", "is_no_target_role"]

# the CAMEO root of investigating, and the word lists of act nouns (beside the lexicon's event nouns)
INVESTIGATE_ROOT = "09"
INVESTIGATED_ACT_LISTS = ("act_nouns", "agentive_event_nouns", "weapon_event_nouns", "situation_nouns")

# the CAMEO code of demanding a release, and the prepositions by which a release noun names the released
RELEASE_DEMAND_CODE = "1053"
RELEASED_PREPS = frozenset({"of", "for"})
# relations of a noun that only modifies the noun after it ("village councils", "the town area")
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
# entity types of a modifier that names a settlement or its country ("Iraqi towns", "the town of Gorazde")
NAME_ENTITIES = frozenset({"NORP", "GPE", "LOC", "ORG", "PERSON", "FAC"})
# how the argument finder names a target reached through the protest a staging verb governs: its
# holder ("protests organised by the coalition") or an "of" phrase ("a gathering of supporters")
THROUGH_PROTEST_VIAS = frozenset({"object", "object-holder", "object-prep:of", "object-prep:by"})
# the PLOVER type of force, whose setting the dictionaries would read as a state attacked
FORCE_TYPE = "ASSAULT"
# the gazetteer's precision of a town, and of the places that stand for who holds them
TOWN_PRECISION = "city"


def is_settlement(doc: Doc, arg: Argument) -> bool:
    """The argument is a bare settlement noun ("the town", "villages", "a key town in the east"), on its
    own or modifying another place ("the town area"); not one that modifies a noun of people ("local
    village councils"), nor one whose phrase names it or its country ("Iraqi towns", "the Bosnian town
    of Gorazde"): the event sets code those for the people of that country, and so do the dictionaries."""
    token = argument_head(doc, arg)
    if arg.actor.code is None and _described_settlement(token):
        return True
    if token.pos_ != "NOUN" or not in_list(token, "settlement_nouns") or _named(token):
        return False
    if token.dep_ in MODIFIER_DEPS and token.head.i != token.i:
        return _place_word(token.head)
    return True


def _described_settlement(token: Token) -> bool:
    """A name with a settlement noun set beside it that names no one else ("Birmaza, a northern village")."""
    return any(c.dep_ == "appos" and c.pos_ == "NOUN" and in_list(c, "settlement_nouns") and not _named(c)
               for c in token.children)


def _named(token: Token) -> bool:
    """A name or a nationality among the noun's modifiers, or a name in its "of" phrase."""
    for child in token.children:
        if child.dep_ in (*MODIFIER_DEPS, "poss") and (child.pos_ == "PROPN" or child.ent_type_ in NAME_ENTITIES):
            return True
        if child.dep_ == "prep" and child.lower_ == "of":
            return any(g.pos_ == "PROPN" or g.ent_type_ in NAME_ENTITIES for g in child.children)
    return False


def _place_word(token: Token) -> bool:
    return in_list(token, "settlement_nouns") or in_list(token, "place_nouns")


def is_predicate_nominal(doc: Doc, arg: Argument) -> bool:
    """The argument is what a copula says its subject is ("the victims were children", "he is a judge"),
    alone or in a list ("were children and women")."""
    token = argument_head(doc, arg)
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ == "attr" or _predicative_captive(token)


def _predicative_captive(token: Token) -> bool:
    """A bare singular noun of captivity (``predicative_nouns``) says what the verb made of its object:
    "held hostage by Hamas", "took 29 security personnel hostage", "is held captive"; one with a
    determiner or a plural is a party ("killed the hostage", "freed prisoners")."""
    if token.tag_ != "NN" or token.dep_ in MODIFIER_DEPS or not in_list(token, "predicative_nouns"):
        return False
    return not any(c.dep_ in ("det", "poss", "nummod", "amod", "compound") for c in token.children)


def is_where_mobilized(arg: Argument, plover_type: str) -> bool:
    """A mobilisation's target reached through a preposition of place or direction: where forces go."""
    return plover_type.upper() == "MOBILIZE" and arg.via.startswith("prep:") \
        and arg.preposition in syntax_words()["mobilized_place_preps"]


def is_protest_own_part(cand: Candidate, plover_type: str) -> bool:
    """A protest staged or joined (``staging_verbs``) whose target is the protest itself, or its
    organisers or people reached through it."""
    target = cand.target
    if target is None or plover_type.upper() != "PROTEST" or not in_list(cand.head, "staging_verbs"):
        return False
    return target.via in THROUGH_PROTEST_VIAS


def is_no_target_role(doc: Doc, cand: Candidate, plover_type: str) -> bool:
    """The candidate's target has one of the roles above: it is no party to the act."""
    target = cand.target
    if target is None:
        return False
    return is_settlement(doc, target) or is_predicate_nominal(doc, target) \
        or is_where_mobilized(target, plover_type) or is_protest_own_part(cand, plover_type) \
        or is_investigated_act(doc, cand) or is_released_party(doc, cand) \
        or is_force_setting(doc, target, plover_type) or is_medium(doc, target, plover_type)


def is_released_party(doc: Doc, cand: Candidate) -> bool:
    """The target of a demanded release is the captive the release noun names (see the module
    docstring): its possessor or "of" phrase ("Carroll's immediate release", "the release of the
    reporter"), read through the noun the rule's ``objects`` matched. A verb of releasing keeps its
    subject as the one asked ("urged Iran to release the students": the target is Iran)."""
    target = cand.target
    if target is None or cand.cameo != RELEASE_DEMAND_CODE or in_list(cand.head, "command_verbs"):
        return False
    released = _release_object(cand)
    if released is None or released.pos_ != "NOUN":
        return False
    token = doc[target.token]
    if token.i == released.i:
        return True  # the possessor read off the noun ("the journalist's release")
    return token.head.dep_ == "prep" and token.head.lower_ in RELEASED_PREPS and token.head.head.i == released.i


def _release_object(cand: Candidate) -> Token | None:
    """The object word by which the candidate's rule read a release ("release", "freedom")."""
    for hit in lexicon_in_use().match(cand.head):
        if hit.rule_id == cand.rule and hit.object_i is not None:
            return cand.head.doc[hit.object_i]
    return None


def is_medium(doc: Doc, arg: Argument, plover_type: str) -> bool:
    """A target reached through "on" or "over" (``medium_preps``) whose head is a medium
    (``medium_nouns``): how something was said or shown, not to whom ("made a plea on national
    television"; docs/annotation.md rule 3: a statement without a recipient is no event). Force,
    coercion, aid and mobilisation done on one (``place_target_types``: "cyber attacks on government
    websites") are done to its owner."""
    words = syntax_words()
    if arg.preposition not in words["medium_preps"] or plover_type.lower() in words["place_target_types"]:
        return False
    token = argument_head(doc, arg)
    return token.pos_ == "NOUN" and in_list(token, "medium_nouns")


def is_force_setting(doc: Doc, arg: Argument, plover_type: str) -> bool:
    """Force whose target is a named town set in the act by a preposition of setting: where, not whom
    (see the module docstring): a named place, or one the dictionaries code as a place, with no sector
    (a town coded as its state; "the army in Colombo" is a force), whose mention the gazetteer knows
    only as a town. A town the dictionaries code as its people or rulers keeps that role: the sentence
    sets of the plv and GSR gold code such targets."""
    if plover_type.upper() != FORCE_TYPE or arg.preposition not in SETTING_PREPS or arg.actor.sector is not None:
        return False
    span = doc.char_span(arg.actor.start, arg.actor.end, alignment_mode="expand")
    if span is None:
        return False
    if arg.actor.kind not in PLACE_KINDS and not any(t.ent_type_ in NAMED_PLACE_ENTITIES for t in span):
        return False  # the tagger reads some towns as people ("Lyon"): the dictionary's place kind decides
    precisions = {c.precision for c in get_gazetteer().candidates(span.text)}
    return precisions == {TOWN_PRECISION}


def is_investigated_act(doc: Doc, cand: Candidate) -> bool:
    """The target of an investigation is an act no dictionary reads as an actor ("investigating the
    poisoning"): what is looked into, not who (see the module docstring)."""
    target = cand.target
    if target is None or not (cand.cameo or "").startswith(INVESTIGATE_ROOT) or target.actor.kind is not None:
        return False
    token = argument_head(doc, target)
    if token.pos_ != "NOUN" or token.ent_type_ or in_list(token, "gathering_nouns"):
        return False  # "investigating the riots": a gathering stands for its people, as for force
    return bool(lexicon_in_use().match(token)) or any(in_list(token, name) for name in INVESTIGATED_ACT_LISTS)
