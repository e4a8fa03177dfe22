"""Which candidate events are events at all: both arguments political actors, a target when the
type needs one.

The annotation guidelines (docs/annotation.md, rules 2 and 3) and sentence-level coders agree: a
weapon, an object, a place or an abstract noun is never an actor ("two Katyusha rockets exploded" has
no source; "threatened Israel with response to the artillery shelling" has no target 'artillery'),
and a statement or act without a recipient is not an event unless its type takes none (PROTEST,
MOBILIZE). Only arguments the dictionaries do not know are judged here: a dictionary actor, or a thing
an actor modifier resolved ("Israeli jets" -> Israel), is an actor.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from eventwire.actors.article import area_codes
from eventwire.events.animacy import animate_by_position
from eventwire.events.asserted import is_contrasted, is_generic_agent, is_unasserted
from eventwire.events.coordination import is_list_heading
from eventwire.events.frames import argument_head
from eventwire.events.lexicon import lexicon_in_use
from eventwire.events.mentions import in_list, syntax_words
from eventwire.events.phrases import NAMED_PLACE_ENTITIES, PLACE_KINDS, SETTING_PREPS
from eventwire.events.plural_reference import UNNAMED_PAIR_VIA
from eventwire.events.producers import is_made_noun
from eventwire.events.senses import FORCE_SECTORS, VISIT_CAMEO, is_no_event_sense, is_no_party
from eventwire.events.target_roles import is_no_target_role
from eventwire.extract.tables import agency_names
from eventwire.nlp import ACTOR_NAME_LABELS, NAMED_THING_LABELS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventwire.events.arguments import Argument
    from eventwire.events.candidates import Candidate

__all__ = ["SETTING_PREPS", "admitted_candidate", "is_actor_argument", "is_product_noun", "needs_target", "admissible_target", "is_unnamed_thing", "is_home_visit", "is_public_address",
           "mobilized_not_target", "is_place_of_event", "is_unnamed_setting", "is_situation", "is_leaving_own_body",
           "is_idle_statement", "is_own_side_target", "is_route_place"]

# entity types of things, never actors on their own (FAC "the Western Wall" is a place). Not PRODUCT:
# the small model tags unknown surnames so ("demanded that Dbeibeh appear"). A named region (LOC: "the
# Strip", "the Niger Delta") stands for the people or state that hold it, as a GPE does.
THING_ENTITIES = NAMED_THING_LABELS | {"FAC", "MONEY", "QUANTITY"}
NAMED_ACTOR_ENTITIES = ACTOR_NAME_LABELS
# prepositions that say where a protest or a mobilisation happens, not whom it is against
PLACE_PREPS = frozenset({"in", "outside", "through", "across", "near", "into", "inside", "throughout", "around"})
# word lists of data/events/syntax.yaml whose nouns name people or an institution
# word lists of data/events/syntax.yaml whose nouns name what an actor produced or did, or a series of it
PRODUCT_LISTS = ("product_nouns", "patient_nouns", "document_nouns", "carrier_nouns", "act_nouns")
# shortest word of people that names the whole of a compound ending in it ("homeguard": guard)
MIN_COMPOUND_PART = 5
MIN_FIRST_PART = 3  # and of its first part ("coastguard"): "factor", "reactor" are no compounds of "actor"
PEOPLE_LISTS = ("institutional_heads", "partitive_heads", "office_holder_nouns", "people_nouns", "state_nouns")
# possessives that put what a speaker talks about on the speaker's own side ("his party", "our troops")
OWN_POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my"})
# sectors of a state's own agents that its orders go down to ("ordered troops", "instructed officials")
COMMANDED_SECTORS = FORCE_SECTORS | {"GOV"}
# sectors a source speaks for its state in (None: the state itself, "Romania")
STATE_SECTORS = frozenset({None, "GOV", "MIL"})
# determiners of a noun that brings a new thing into the text ("a lawsuit", "an increase")
INDEFINITE_DETERMINERS = frozenset({"a", "an", "another", "some", "any"})
# a modal's subject that includes the speaker ("We must find a correct balance")
FIRST_PERSON_PLURAL = frozenset({"we", "us"})


def _words(name: str) -> frozenset[str]:
    return syntax_words()[name]


def is_actor_argument(doc: Doc, arg: Argument) -> bool:
    """False for an unresolved argument that names a thing, a place or an abstract noun (its head
    word is one of ``non_actor_nouns`` or ``place_nouns``, or a named thing or place) rather than a
    political actor."""
    return _kind(doc, arg) == "actor"


def _kind(doc: Doc, arg: Argument) -> str:
    """``actor``, ``place`` (a place, building or vehicle) or ``thing`` (a weapon, an object, an
    abstract noun) for an argument; dictionary actors and resolved modifiers are actors."""
    actor = arg.actor
    if actor.country in area_codes() and _area_as_place(doc, arg):
        return "place"
    if actor.code is not None or actor.country is not None:
        return "actor"
    token = argument_head(doc, arg)
    read = doc[arg.token]
    if token.ent_type_ in THING_ENTITIES:
        return "place" if token.ent_type_ == "FAC" else "thing"
    # "two Katyusha rockets": read off "rockets", spanned by the name modifying it; the weapon decides
    named_thing = read.i != token.i and token.head.i == read.i and token.dep_ in ("compound", "amod", "nmod")
    if token.ent_type_ in NAMED_ACTOR_ENTITIES and not (named_thing and _listed(read, "non_actor_nouns")):
        return "actor"  # a name ("the ASEAN Coordinating Centre for Humanitarian Assistance")
    for word in ((read, token) if named_thing else (token,)):
        if _listed(word, "non_actor_nouns"):
            return "thing"  # "two Katyusha rockets": a weapon, whatever name modifies it
        if _listed(word, "place_nouns") and token.ent_type_ not in NAMED_ACTOR_ENTITIES:
            return "place"
    return "actor"


def _area_as_place(doc: Doc, arg: Argument) -> bool:
    """A world region is where, not who, when it only modifies a noun that names no actor ("a Middle
    East trip that has taken President Bush to Israel": the trip took him, not the region); "European
    countries", "West African troops" are actors."""
    span = doc.char_span(arg.actor.start, arg.actor.end, alignment_mode="expand")
    read = doc[arg.token]
    if span is None or span.start <= read.i < span.end:
        return False
    return any(_listed(read, name) for name in ("non_actor_heads", "non_actor_nouns", "place_nouns"))


def _listed(token: Token, name: str) -> bool:
    words = _words(name)
    return token.lemma_.lower() in words or token.lower_ in words


def needs_target(plover_type: str) -> bool:
    """Whether an event of this type needs a recipient to be coded (all but PROTEST, MOBILIZE)."""
    return not _typed(plover_type, "targetless_types")


def _typed(plover_type: str, name: str) -> bool:
    return plover_type.lower() in _words(name)


def admissible_target(doc: Doc, arg: Argument, plover_type: str) -> bool:
    """A target is an actor, a place for force, coercion or aid done there ("torched a village"), or
    for a type that may name its target through what it produced, a product ("rejected the bill");
    never a weapon, an object or an abstract noun ("the artillery shelling")."""
    kind = _kind(doc, arg)
    if kind == "place":
        return _typed(plover_type, "place_target_types")
    if kind == "actor" and is_unnamed_thing(doc, arg, plover_type):
        # "broke up the protests": those protesting; a protest's own gathering ("staged the march") is no target
        return needs_target(plover_type) == _listed(argument_head(doc, arg), "gathering_nouns")
    return kind == "actor"


def is_unnamed_thing(doc: Doc, arg: Argument, plover_type: str) -> bool:
    """An argument nobody resolved whose head is a plain common noun that names no people and no
    institution: "rejected the pact", "requested a recount", "ordered the cancellation", "signed the
    opinion", "discussed his planned retirement". A type whose object is what is promised, asked for
    or discussed (not in ``judging_types``) never takes a thing as its target. The same test a common-noun source passes
    (``institutional_heads``); what an actor made or did ("rejected the bill", "condemned the attack",
    a judged act: "the arrest is illegal") stands for its maker, and a name or an acronym is kept; one
    brought in by an indefinite article ("rejected a property tax increase") does not: its maker was
    not found in its own phrase (docs/annotation.md: a product is coded as its maker only when the
    article says who made it)."""
    actor = arg.actor
    if actor.code is not None or actor.country is not None or arg.via in ("judged-product", "judged-object", UNNAMED_PAIR_VIA):
        return False
    if actor.kind == "agent" and actor.sector is not None:
        return False  # a noun of the agent dictionary ("the fishermen") in an article no country codes
    token = argument_head(doc, arg)
    if token.pos_ != "NOUN" or token.ent_type_ or token.is_upper:
        return False
    if _names_people(token) or animate_by_position(token):
        return False  # "asked the whalers to stop whaling": the one asked to act is a doer
    if not _typed(plover_type, "judging_types"):
        return True  # "promised a significant increase", "requested a recount": what, not whom
    if _indefinite_thing(token):
        return True
    if _product(token):
        return False  # what an actor made or did stands for it: "rejected the announcement"
    # an act stands for whoever did it ("condemned the attack"): a noun the lexicon reads as an event
    return not lexicon_in_use().match(token)


def _indefinite_thing(token: Token) -> bool:
    """"rejected a property tax increase", "filed a lawsuit": an indefinite noun brings in a new thing,
    not one made before, and its maker would be named in its own phrase. One with an "of" phrase
    carries what that names ("criticising a spate of human rights violations"): that decides."""
    if not any(c.dep_ == "det" and c.lower_ in INDEFINITE_DETERMINERS for c in token.children):
        return False
    return not any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)


@cache
def _union(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*(_words(name) for name in names))


@cache
def _compound_ends() -> tuple[str, ...]:
    """Words of people long enough to name a compound that ends in them ("homeguard": guard)."""
    return tuple(sorted(w for w in _union(PEOPLE_LISTS) if len(w) >= MIN_COMPOUND_PART))


def _product(token: Token) -> bool:
    """A noun of ``PRODUCT_LISTS`` or a made noun (events.producers: "Tuckey's suggestion"), also
    written apart from its first part ("two earlier line ups")."""
    if any(_listed(token, name) for name in PRODUCT_LISTS) or is_made_noun(token):
        return True
    words = _union(PRODUCT_LISTS)
    first = [c.lower_ for c in token.lefts if c.dep_ == "compound"]
    return bool(first) and any(f"{first[-1]}{glue}{token.lemma_.lower()}" in words for glue in ("-", ""))


def is_product_noun(token: Token) -> bool:
    """A common noun of what an actor made or did (``PRODUCT_LISTS``): as a judged target it stands for its maker."""
    return token.pos_ == "NOUN" and not token.ent_type_ and _product(token)


def _names_people(token: Token) -> bool:
    """A noun of people or an institution (``PEOPLE_LISTS``), also as the last part of a compound
    word ("ex-members", "homeguards", "coastguard")."""
    if any(_listed(token, name) for name in PEOPLE_LISTS):
        return True
    lemma = token.lemma_.lower()
    if token.i + 2 < len(token.doc) and token.nbor(1).text == "-" and not token.whitespace_:
        lemma = f"{lemma}-{token.nbor(2).lemma_.lower()}"  # "ex-members" read as "ex", "-", "members"
    last = lemma.rsplit("-", 1)[-1]
    words = _union(PEOPLE_LISTS)
    return last in words or any(len(lemma) - len(end) >= MIN_FIRST_PART for end in _compound_ends() if lemma.endswith(end))


def mobilized_not_target(source: Argument, target: Argument, plover_type: str) -> bool:
    """A MOBILIZE's object is what is mobilised, not whom it is against: "France promised to send 200
    soldiers", "the AU plans on deploying troops", "jets began to fly over the Strip". Its own forces
    (the source's country, or forces named as the object), and a place nobody codes, are dropped;
    a coded adversary named apart ("massed troops against Georgia") stays."""
    if plover_type.upper() != "MOBILIZE":
        return False
    actor = target.actor
    if actor.code is None:
        return True
    if source.actor.country and actor.country == source.actor.country:
        return True
    return target.via == "object" and actor.sector in FORCE_SECTORS


def is_public_address(head: Token, target: Argument | None, plover_type: str) -> bool:
    """A CONSULT that is a speech to the public ("spoke to Canadians in a televised address",
    "addressed the nation") or an interview (a media target: "spoke to the BBC"), not a meeting: see ``address_verbs`` in data/events/syntax.yaml."""
    if plover_type.upper() != "CONSULT" or not _listed(head, "address_verbs"):
        return False
    if any(_listed(t, "address_nouns") for t in head.subtree if t.i != head.i and t.pos_ == "NOUN"):
        return True
    if target is None:
        return False
    if target.actor.sector == "MED" or target.actor.text.strip().lower() in agency_names():
        # "spoke to the BBC", "told Al Jazeera", "speaking to Reuters" (a news agency no dictionary
        # codes): an interview, as "told reporters" is no event
        return True
    doc = head.doc
    token = argument_head(doc, target)
    demonym = token.ent_type_ == "NORP" and token.tag_ in ("NNPS", "NNS")
    return demonym or _listed(token, "audience_nouns")


def is_home_visit(cand: Candidate, plover_type: str) -> bool:
    """A visit (CAMEO 042) to the visitor's own country, or to a place in it, is a trip at home, not a
    visit between two actors: "Prescott is touring the country", "had come to the UK" (said of a British
    resident), "I intend to go down to San Antonio" (said by the U.S. president)."""
    if plover_type.upper() != "CONSULT" or not (cand.cameo or "").startswith(VISIT_CAMEO) or cand.target is None:
        return False
    visitor, visited = cand.source.actor, cand.target.actor
    if visitor.country is None or visited.country != visitor.country:
        return False
    if visited.code == visitor.country:
        return True
    return cand.head.doc[cand.target.token].ent_type_ in NAMED_PLACE_ENTITIES or visited.kind in PLACE_KINDS


def is_place_of_event(doc: Doc, arg: Argument, cand: Candidate, plover_type: str) -> bool:
    """A meeting's or an agreement's place is not the party met or agreed with: a state, city or region
    reached through a preposition of setting ("APEC plans to meet in Busan", "what we agreed upon in
    Addis Ababa"). A visit (CAMEO 042) is to its place. Other types keep such a target: the gold sets
    code "lifted a curfew in Montenegro", "sought refuge in Germany" for the place, and an off-gold
    sample of protests, requests and concessions "in" a place was too mixed to drop them."""
    if plover_type.upper() not in ("CONSULT", "AGREE") or (cand.cameo or "").startswith(VISIT_CAMEO):
        return False
    if arg.preposition not in SETTING_PREPS:
        return False
    read = doc[arg.token]  # the place itself, or a noun of place that it names ("the city of Busan")
    if not (arg.actor.kind in PLACE_KINDS or (read.ent_type_ in ("GPE", "LOC") and not _names_people(read))):
        return False
    node = read
    while node.dep_ in ("appos", "compound", "conj") and node.head.i != node.i:
        node = node.head
    if node.dep_ != "pobj" or cand.trigger[0] <= node.head.i < cand.trigger[1]:
        return False  # a rule whose trigger holds the preposition names its target there ("gave nations in")
    # set in a place by the act itself or by a place it is done in ("a hall in Tokyo"); "leaders in Asia"
    # are people, and the meeting is with them
    setting = node.head.head
    return setting.pos_ in ("VERB", "AUX") or _listed(setting, "place_nouns")


def is_route_place(doc: Doc, arg: Argument, plover_type: str) -> bool:
    """A named place a protest or a mobilisation moves into, along or near is where it goes, not whom
    it is against (docs/annotation.md: "a place visited or attacked as a location is not a target"):
    "sent troops into Somalia", "moving forces near Gaza", "marched down Whitehall", "marching toward
    Tbilisi". A type that needs a target keeps it ("advanced into Georgia" is force done to a state)."""
    if needs_target(plover_type) or arg.preposition not in _words("route_preps"):
        return False
    read = doc[arg.token]
    return arg.actor.kind in PLACE_KINDS or (read.ent_type_ in NAMED_PLACE_ENTITIES and not _names_people(read))


def is_unnamed_setting(doc: Doc, arg: Argument, plover_type: str) -> bool:
    """A named place no dictionary codes, reached through a preposition of setting, is where a type not
    done to places happened ("the King signed the decree while on holiday in Naples"): no actor stands
    behind it. A coded place keeps its target (the gold codes "lifted a curfew in Montenegro")."""
    if arg.actor.code is not None or _typed(plover_type, "place_target_types"):
        return False
    if arg.preposition not in SETTING_PREPS:
        return False
    return doc[arg.token].ent_type_ in NAMED_PLACE_ENTITIES


def is_leaving_own_body(cand: Candidate) -> bool:
    """Leaving a body one belongs to ("He resigned from the party in February", "threats to quit the
    army"): the party or the army is what is left, not an actor conceded to (``exit_verbs``)."""
    if cand.target is None or not _listed(cand.head, "exit_verbs"):
        return False
    return cand.target.via in ("object", "prep:from")


def is_situation(doc: Doc, arg: Argument) -> bool:
    """A target that is a state of affairs (``situation_nouns``: "doesn't support armed conflict",
    "condemned the violence"): no one made it, so it stands for no actor (docs/annotation.md: a
    product is coded as its maker only when the article says who made it)."""
    if arg.actor.sector is not None or arg.actor.kind is not None:
        return False  # the dictionaries read some as the people in them: "repelled the insurgency" (rebels)
    token = argument_head(doc, arg)
    return token.pos_ == "NOUN" and not token.ent_type_ and in_list(token, "situation_nouns")


def is_idle_statement(doc: Doc, cand: Candidate) -> bool:
    """A statement (a verb of saying the model types, ``eventwire.events.statements``) that does nothing
    to the actor it names: one that undergoes what is said ("doctors say six Palestinians were
    killed": the claim is about what was done to them), one it clears of a state ("said the Russian air
    force has nothing to do with this"), or the speaker's own side ("Harper said his party plans to vote
    against", "the official adds that the country's decision ...", a state's own forces)."""
    if not cand.statement or cand.target is None:
        return False
    speaker, target = cand.source.actor, cand.target.actor
    if doc[cand.target.token].dep_ == "nsubjpass" or _denied_subject(doc[cand.target.token]):
        return True
    if speaker.country is not None and target.code == speaker.country:
        return True
    if speaker.country is not None and target.country == speaker.country and target.sector in FORCE_SECTORS \
            and speaker.sector in (None, "GOV"):
        return True  # "the U.K. says ... the 15 sailors were inside Iraqi waters": its own forces
    return _own_possessed(doc[cand.target.token])


def is_own_side_target(doc: Doc, cand: Candidate, plover_type: str) -> bool:
    """The target is the source's own side, which the act moves or tells, not an actor it acts toward:
    a state's withdrawal of its own forces (RETREAT: "calling for Romania to withdraw its troops",
    "Lithuania is considering pulling out their 56 soldiers"), an order down
    a state's own chain (``command_verbs``: "Medvedev ordered Russian troops to begin leaving Georgia",
    "Putin instructed government officials to normalize relations"), or a modal's exhortation of a group
    the speaker is in ("We must find a correct balance"). Asking one's own agents stays a request
    ("the minister has asked government officials how ..."), and so do orders of courts and parliaments."""
    if cand.target is None:
        return False
    kind = plover_type.upper()
    source, target = cand.source.actor, cand.target.actor
    token = doc[cand.target.token]
    if kind == "REQUEST" and cand.head.tag_ == "MD" and token.lower_ in FIRST_PERSON_PLURAL:
        return True
    if source.sector not in STATE_SECTORS:
        return False
    own = source.country is not None and target.country == source.country
    if kind == "RETREAT":
        return target.sector in FORCE_SECTORS and (own or _own_possessed(token))  # its own ground stays a target: "declared a ceasefire in Tripoli"
    return kind == "REQUEST" and own and in_list(cand.head, "command_verbs") and target.sector in COMMANDED_SECTORS


def _own_possessed(token: Token) -> bool:
    """The noun has a possessive pronoun ("his party", "its troops"): the speaker's or source's own;
    one before the first of a list owns the list ("its troops and military observers")."""
    while token.dep_ == "conj" and token.head.i != token.i and not any(c.dep_ in ("det", "poss") for c in token.children):
        token = token.head
    return any(c.dep_ == "poss" and c.lower_ in OWN_POSSESSIVES for c in token.children)


def _denied_subject(token: Token) -> bool:
    """The actor is the subject of a denied state, said with "be" or "have" ("the Russian air force has
    nothing to do with this", "neither Hamas nor UNRWA was present"): the speaker clears it."""
    node = token
    while node.dep_ in ("conj", "appos", "compound", "amod") and node.head.i != node.i:
        node = node.head  # "the Russian air force": read off "Russian"
    verb = node.head
    if node.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.lower() not in ("be", "have"):
        return False
    words = syntax_words()["negation_words"]
    return any(c.dep_ in ("neg", "dobj", "attr", "preconj", "det") and c.lower_ in words
               for c in (*verb.children, *node.children))


def admitted_candidate(doc: Doc, cand: Candidate, plover_type: str) -> Candidate | None:
    """The candidate as an event of ``plover_type``, or None when it is none: a source that is a
    thing, a clause that asserts no event (``eventwire.events.asserted``), no actor target for a type
    that needs one. A type that takes no target (PROTEST) loses a
    target that is a thing, a place where it happened, or the forces a mobilisation moves instead."""
    if not is_actor_argument(doc, cand.source) or is_public_address(cand.head, cand.target, plover_type) \
            or is_list_heading(doc[cand.source.token]):
        return None
    if is_home_visit(cand, plover_type) or is_unasserted(cand.head) or is_generic_agent(doc[cand.source.token], cand.head):
        return None
    if is_no_event_sense(doc, cand, plover_type):
        return None
    if cand.target is not None and (not admissible_target(doc, cand.target, plover_type)
                                    or is_contrasted(doc[cand.target.token])
                                    or is_list_heading(doc[cand.target.token])
                                    or is_leaving_own_body(cand)
                                    or is_place_of_event(doc, cand.target, cand, plover_type)
                                    or is_unnamed_setting(doc, cand.target, plover_type)
                                    or is_situation(doc, cand.target)
                                    or is_no_party(doc, cand, plover_type)
                                    or is_no_target_role(doc, cand, plover_type)
                                    or is_idle_statement(doc, cand)
                                    or is_own_side_target(doc, cand, plover_type)):
        cand = replace(cand, target=None)
    if cand.target is not None and not needs_target(plover_type) and cand.target.preposition in PLACE_PREPS \
            and cand.target.actor.code is None:
        cand = replace(cand, target=None)  # "students protested outside their dormitories": where, not against whom
    if cand.target is not None and (mobilized_not_target(cand.source, cand.target, plover_type)
                                    or is_route_place(doc, cand.target, plover_type)):
        cand = replace(cand, target=None)
    if cand.target is None and needs_target(plover_type):
        return None
    return cand
