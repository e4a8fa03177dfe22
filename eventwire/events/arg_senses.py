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
- Forces named as what a demand asks for ("coalition commanders asked for more troops", "Venezuela
  ordered troops to the border") are what is asked for or sent, not the one asked: the rule names its
  object (CAMEO 1032, military aid), and a bare noun of forces whose phrase names no owner is no party
  to the demand. "Urged the troops to withdraw" names no object in its rule: the troops are asked.
- What a meeting is "at" is where it met ("met at the World Economic Forum"), not whom it met.
- A verb of harm that tells what an accident did ("a helicopter crashed in Basra, killing four crew
  members") names no one who harmed: a crash, a collapse, a capsizing has no agent.
- An "it" that stands for a clause put off to the end ("it is nonsense to ask the troops to leave",
  "it is inappropriate to speculate") is no one: the infinitive has no doer named, and a word of
  blame said of it judges the act, not an actor.
- The party an "anti-" modifier names ("anti-U.S. protests") is what the act is against, never who
  does it.
- An actor named inside the name of a law, a work or an event ("the Military Commissions Act", "the
  Irish Civil War") is a word of that name, not a party to what is done with it.
- An actor that only modifies a plain thing asked for or protested ("called for a UK general
  election", "an overhaul of the French social model") is not whom it is asked of: the thing is no act
  of theirs, no product, no people. Read for REQUEST and PROTEST only (``thing_asked_types``): a
  judging type judges the holder ("welcomed the French position"), force harms the owner ("shelled
  Israeli positions"), and a deal on goods is with their country ("agreed to lift a ban on British
  beef"), as the CAMEO sets code it.

The word lists are data: ``vehicle_nouns``, ``going_back_verbs``, ``accident_verbs``, ``giving_types`` and
``setting_types`` in ``data/events/syntax.yaml``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from eventwire.events.animacy import animate_by_position, controlled_object
from eventwire.events.frames import argument_head
from eventwire.events.lexicon import lexicon_in_use
from eventwire.events.syntax_lists import in_list, syntax_words
from eventwire.nlp import ACTOR_NAME_LABELS, NAMED_THING_LABELS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventwire.events.arguments import Argument
    from eventwire.events.candidates import Candidate

__all__ = ["OWNER_ENTITIES", "NAMED_THING_ENTITIES", "is_modifier_of_thing", "is_ownerless_vehicle", "is_going_back", "is_accident_outcome",
           "is_own_forces_given", "is_forces_asked_for", "is_meeting_setting", "is_no_actor_sense", "is_anticipatory_it", "is_opposed_party",
           "is_in_a_thing_name", "is_no_actor_word", "is_modifier_of_domain"]

# entity types of a modifier that names a vehicle's owner ("Syrian fighter planes", "a US helicopter")
OWNER_ENTITIES = frozenset({"NORP", "GPE", "ORG", "PERSON", "LOC"})
# how a participle of outcome hangs on the verb whose outcome it tells ("crashed ..., killing four")
OUTCOME_DEPS = frozenset({"advcl"})
# dependents of the vehicle that are clauses about it, not its phrase ("one carrying the president")
CLAUSE_DEPS = frozenset({"acl", "relcl", "appos"})
# the PLOVER type of a demand: forces its rule names as its object are what it asks for
ASKING_TYPE = "REQUEST"
# how the object a demand names is read: its object ("ordered troops") or "for" ("asked for troops")
ASKED_VIAS = frozenset({"object", "prep:for"})
# how an argument reached through "at" is named (eventwire.events.arguments: "prep:" + the preposition)
SETTING_VIA = "prep:at"
# CAMEO code of returning or releasing (084, with persons 0841 and property 0842): "returned the hostages"
RETURN_CODE = "084"
# CAMEO codes of a release promised, demanded or refused (0353, 1053, 1243): the release is the verb's
# infinitive ("agreed to return the prisoners")
RELEASE_ASKED_CODES = frozenset({"0353", "1053", "1243"})
# relations that carry what a verb of giving back gives ("returned the hostages", "were returned")
GIVEN_DEPS = frozenset({"dobj", "obj", "nsubjpass", "dative"})
# how a participle hangs on the noun it describes: that noun is what is given ("hostages returned by")
REDUCED_RELATIVE_DEPS = frozenset({"acl", "relcl"})
# what "it is" says of the clause put off to the end: an adjective or a noun ("nonsense", "essential")
PREDICATE_DEPS = frozenset({"acomp", "attr"})
# how the clause put off to the end hangs on "be": a to-infinitive or a that-clause
EXTRAPOSED_DEPS = frozenset({"xcomp", "ccomp"})
# the prefix that names what an act is against ("anti-U.S. protests", "an anti-war march"), right
# before the actor's words
OPPOSED_PREFIX = re.compile(r"(?<![A-Za-z])anti-?\s*$", re.IGNORECASE)
# relations by which an actor's words modify the noun an argument was read off ("a UK election")
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})
# word lists of data/events/syntax.yaml whose nouns name people, acts, products or places: an actor
# modifying one of them is its doer, maker, holder or owner ("Israeli withdrawal", "the Iranian plan")
BEARER_LISTS = ("institutional_heads", "partitive_heads", "office_holder_nouns", "people_nouns", "state_nouns",
                "pair_nouns", "act_nouns", "agentive_event_nouns", "weapon_event_nouns", "situation_nouns",
                "product_nouns", "patient_nouns", "document_nouns", "carrier_nouns", "place_nouns", "vehicle_nouns",
                "gathering_nouns")
# entity types of a noun that is itself an actor's name ("the Scottish Socialist Alliance"); a building's
# name too, which stands for no one else
ACTOR_NAME_ENTITIES = ACTOR_NAME_LABELS | {"FAC"}
# characters before an actor read for that prefix (with a hyphen and a space)
PREFIX_WINDOW = 8
# entity types of named things whose name may hold an actor's ("the Military Commissions Act")
NAMED_THING_ENTITIES = NAMED_THING_LABELS


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
    Venezuela"), nor one promised, demanded or refused as an infinitive ("agreed to return to the
    talks"). "returned the hostages",
    "the hostages were returned", "hostages returned by the rebels" release someone."""
    head = cand.head
    if cand.cameo in RELEASE_ASKED_CODES and head.pos_ == "VERB":
        # "agreed to return to the talks": the infinitive goes back, it releases no one
        back = [c for c in head.children if c.dep_ in EXTRAPOSED_DEPS and in_list(c, "going_back_verbs")]
        return bool(back) and not any(g.dep_ in GIVEN_DEPS for c in back for g in c.children)
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
        or is_own_forces_given(cand, plover_type, force_sectors) or is_meeting_setting(cand, plover_type) \
        or is_forces_asked_for(doc, cand, plover_type, force_sectors)


def is_forces_asked_for(doc: Doc, cand: Candidate, plover_type: str, force_sectors: frozenset[str]) -> bool:
    """A demand whose rule names its object (``specific``) and whose target is that object, a bare noun of
    forces (``force_sectors``) with no name or nationality in its phrase: what is asked for or sent."""
    target = cand.target
    if target is None or plover_type.upper() != ASKING_TYPE or not cand.specific or target.via not in ASKED_VIAS:
        return False
    token = doc[target.token]
    if target.actor.sector not in force_sectors or token.pos_ != "NOUN" or token.ent_type_ or controlled_object(token):
        return False  # "urged the troops to withdraw": they are asked to act
    return not any(c.dep_ in (*MODIFIER_DEPS, "poss") and (c.ent_type_ or c.pos_ in ("PROPN", "PRON"))
                   for c in token.children)


def is_anticipatory_it(token: Token) -> bool:
    """An "it" subject of "be" with a predicate and a clause put off after it ("it is nonsense to ask
    the troops to leave", "it is no longer essential to remove him", "it is inappropriate to speculate"):
    the "it" stands for that clause, no actor. "It is a sponsor of terrorism" has no such clause."""
    if token.lower_ != "it" or token.dep_ not in ("nsubj", "expl"):
        return False
    verb = token.head
    if verb.lemma_.lower() != "be":
        return False
    predicates = [c for c in verb.children if c.dep_ in PREDICATE_DEPS]
    return bool(predicates) and any(c.dep_ in EXTRAPOSED_DEPS and c.i > predicates[0].i and _opens_clause(c)
                                    for c in verb.children)


def _opens_clause(verb: Token) -> bool:
    """A to-infinitive or a clause opened by "that"."""
    return any(c.dep_ in ("aux", "mark") and c.lower_ in ("to", "that") for c in verb.children)


def is_opposed_party(doc: Doc, arg: Argument) -> bool:
    """The argument's actor is written with "anti-" before it ("anti-U.S. protests", "anti-Japan
    demonstrations"): the party the act is against."""
    return OPPOSED_PREFIX.search(doc.text[max(0, arg.actor.start - PREFIX_WINDOW):arg.actor.start]) is not None


def is_in_a_thing_name(doc: Doc, arg: Argument) -> bool:
    """The argument was read off a named law, work or event (``NAMED_THING_ENTITIES``) whose name holds
    the actor's words ("signed into law the Military Commissions Act": "Military" is the Act's)."""
    read = doc[arg.token]
    if arg.actor.start <= read.idx < arg.actor.end:
        return False  # the word read is the actor's own: a name the tagger took for a title ("Schröder, Merkel")
    name = next((e for e in doc.ents if e.start <= read.i < e.end and e.label_ in NAMED_THING_ENTITIES), None)
    return name is not None and name.start_char <= arg.actor.start and arg.actor.end <= name.end_char


def is_no_actor_word(doc: Doc, arg: Argument) -> bool:
    """The argument's words name no actor in this sentence: an anticipatory "it", the party an "anti-"
    modifier names, an actor's name inside the name of a thing, a modifier of a field of public life."""
    return is_anticipatory_it(doc[arg.token]) or is_opposed_party(doc, arg) or is_in_a_thing_name(doc, arg) \
        or is_modifier_of_domain(doc, arg)


def _modified_noun(doc: Doc, arg: Argument) -> Token | None:
    """The common noun the argument was read off when its resolved actor (a name or a nationality, not a
    word of the agent dictionary) only modifies that noun ("Polish politics", "a French election").
    A noun nobody resolved is judged as a thing by eventwire.events.admissible; a word of the agent
    dictionary names people with the noun it modifies ("local village securities")."""
    if (arg.actor.code is None and arg.actor.country is None) or arg.actor.kind == "agent":
        return None
    read = doc[arg.token]
    span = doc.char_span(arg.actor.start, arg.actor.end, alignment_mode="expand")
    if span is None or not len(span) or span.start <= read.i < span.end or read.pos_ != "NOUN":
        return None
    if span.root.dep_ not in MODIFIER_DEPS or span.root.head.i != read.i:
        return None
    return read


def is_modifier_of_domain(doc: Doc, arg: Argument) -> bool:
    """A resolved actor (a name or a nationality, not a word of the agent dictionary) that only modifies
    the noun it was read off, a noun of a field of public life (``domain_nouns``: "Polish politics",
    "the Russian economy"): whose field it is, not who acts or undergoes."""
    read = _modified_noun(doc, arg)
    if read is None:
        return False
    bare = not any(c.dep_ in ("det", "poss") for c in read.children)
    # not situation nouns: "a military solution for the Syrian crisis" is aimed at Syria (PLV pairs)
    return in_list(read, "domain_nouns") or (bare and in_list(read, "bare_domain_nouns"))


def is_modifier_of_thing(doc: Doc, arg: Argument, plover_type: str) -> bool:
    """A target whose resolved actor (a name, not a word of the agent dictionary) only modifies the common noun it was read off, a noun of no list of people,
    acts, products or places (``BEARER_LISTS``) and no act of the lexicon ("called for a UK general
    election", "an overhaul of the French social model"), for a type whose object is a thing asked for
    or protested (``thing_asked_types``): it stands for no one. "called for Israeli withdrawal",
    "welcomed the French position", "shelled Israeli positions", "agreed to lift a ban on British beef"
    keep theirs."""
    if plover_type.lower() not in syntax_words()["thing_asked_types"]:
        return False
    read = _modified_noun(doc, arg)
    if read is None or read.ent_type_ in ACTOR_NAME_ENTITIES:
        return False
    if any(in_list(read, name) for name in BEARER_LISTS) or animate_by_position(read):
        return False
    return not lexicon_in_use().match(read)
