"""Which part of an argument's noun phrase is the party: the head, not a word around it.

The mention layer (:meth:`eventwire.events.mentions.ActorIndex.actor_for`) reads an uncovered noun
through its modifiers ("the OSCE military observers" -> OSCE, "US Predator attacks" -> US), which is
right when the modifier owns or does what the noun names. Three constructions where it is not, each
read from the parse and general word lists (no word of any one article):

* the trigger's own act: a support verb's object that names an event or a document ("filed a
  petition", "a lawsuit filed by X", "the complaint made by the embassy") completes the trigger; the
  maker's product is not the target of its own maker. Whom the act is against is named by a
  preposition ("a lawsuit against X") and is found there;
* a town or a facility named as the modifier of a thing says where the thing is, or names it ("support
  for the Kyoto protocol", "offered their Toronto home", "picketing on the Brooklyn entrance", "in the
  Niger Delta region"): it is no party (docs/annotation.md: a place as a location is not a target). A state or a nationality as the modifier owns it ("the Israeli army
  base") and is kept, as is a town modifying people or an institution ("the Baghdad government").
  Force, coercion and aid are done to places, and a town modifying an act is whom it was done to ("the
  Quetta attack"): those keep the town, as CAMEO codes it (its people). A town modifying an event is
  where it happened, never its doer ("the Geneva talks between X and Y", "The Baghdad bombing killed");
* a word of a title: a sector noun that opens the name of a law or a document ("withdrew its Criminal
  Proceeds and Instruments Bill", "signed into law the Military Commissions Act") names what the text
  is about, not a party to the act done to it;
* people of a person: "indicted three of DeLay's political associates", "arrested Mugabe's aides":
  a common noun of people with a person as possessor names other people than the possessor; the
  target is the head's phrase, of the possessor's country;
* people a vehicle carries: "a convoy carrying the Defence Secretary was attacked", "raided a ship
  transporting Gaza activists": a noun that names no actor, modified by a participle of carrying
  (``carrying_verbs``), is acted upon through the people it carries.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.actors.cities import city_country
from eventwire.actors.dictionary import normalize
from eventwire.events.lexicon import lexicon_in_use
from eventwire.events.mentions import in_list, noun_phrase_bounds
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.mentions import ActorIndex

__all__ = ["carried_people", "own_act", "names_own_event", "is_town_modifier", "town_of_an_act", "is_location_modifier", "is_title_word", "is_located_mention", "possessed_people", "target_actor"]

# modifier dependencies through which the mention layer reads a noun as its modifier's actor
MODIFIER_DEPS = frozenset({"compound", "nmod"})
# entity types of a place or a facility: a name of where something is, never its owner
PLACE_ENTITIES = frozenset({"FAC", "LOC"})
# word lists whose nouns name people or an institution: a modifier of one may be its party
PEOPLE_LISTS = ("people_nouns", "office_holder_nouns", "institutional_heads", "partitive_heads", "audience_nouns")
# word lists whose nouns name things: a town modifying one is where it is
THING_LISTS = ("place_nouns", "non_actor_nouns", "document_nouns", "product_nouns", "non_actor_heads")
# word lists whose nouns end the name of a law or a document ("the Police Reform Bill")
TITLE_LISTS = ("document_nouns", "product_nouns", "title_nouns")


def own_act(verb: Token, noun: Token) -> bool:
    """Whether the rule's object noun is the act the verb's subject carries out: a support verb's object
    that names an event or a document ("filed a petition", "a lawsuit filed by X"). It completes the
    trigger, so it is never the trigger's target."""
    return in_list(verb, "support_verbs") and (in_list(noun, "document_nouns") or any(
        m.object_i is None for m in lexicon_in_use().match(noun)))


def names_own_event(noun: Token, cameo: str) -> bool:
    """Whether a rule's object is the event itself rather than what it judges: a noun the lexicon reads
    as an event of the same CAMEO root ("made bold claims", "filed a lawsuit", "held a protest")."""
    return any(m.cameo[:2] == cameo[:2] for m in lexicon_in_use().match(noun))


def _names_people(noun: Token) -> bool:
    return any(in_list(noun, name) for name in PEOPLE_LISTS)


def _names_act(noun: Token) -> bool:
    return in_list(noun, "act_nouns") or bool(lexicon_in_use().match(noun))


def _names_thing(noun: Token) -> bool:
    """A thing rather than people or an act: a noun of a thing list, or a singular common noun no people
    or act list has ("boathouse", "compound"); an unknown plural ("villagers", "fans") may be people. A
    town modifying an act names whom it was done to ("the Quetta attack": CAMEO codes the town's people)."""
    if _names_people(noun) or _names_act(noun):
        return False
    return noun.tag_ == "NN" or any(in_list(noun, name) for name in THING_LISTS)


def _is_town(modifier: Token, actor: Actor) -> bool:
    """A town or a facility rather than a state: a facility or location name, an uncoded place name, or a known city whose
    mention is not the state itself (a capital read as its state keeps the state's name: Baghdad ->
    Iraq; a city-state such as Singapore is the state)."""
    if modifier.ent_type_ in PLACE_ENTITIES or (modifier.ent_type_ == "GPE" and actor.code is None):
        return True  # a facility, a region, or a place name no dictionary knows as a state
    if modifier.ent_type_ != "GPE" or city_country(actor.text) is None:
        return False  # only a place name is a town ("police powers", "the UN resolution": Police, Un)
    return actor.kind != "state" or not actor.name or normalize(actor.name) != normalize(actor.text)


def is_town_modifier(index: ActorIndex, modifier: Token) -> bool:
    """Whether a modifier is a town or facility mention ("the Geneva talks", "the Quetta bombing"): where
    an event noun happened, not its doer."""
    actor = index.covering(modifier)
    return actor is not None and _is_town(modifier, actor)


def town_of_an_act(index: ActorIndex, noun: Token, found: Actor | None) -> bool:
    """Whether ``found`` (read for a subject ``noun``) is only the town modifying an act or a thing ("The
    Quetta bombing killed 20"): where it happened, no doer."""
    if found is None or noun.pos_ != "NOUN" or index.covering(noun) is not None:
        return False
    # the word lists last: most nouns have no town modifier at all
    if not any(c.dep_ in MODIFIER_DEPS and index.covering(c) is found and _is_town(c, found) for c in noun.lefts):
        return False
    return not _names_people(noun) or _names_act(noun)  # "the Baghdad government"; not "bombing", an act


def is_location_modifier(index: ActorIndex, noun: Token, found: Actor | None, *, places: bool = False) -> bool:
    """Whether ``found`` (the actor read for ``noun``) is only a word of a title (:func:`is_title_word`)
    or a town or facility modifying a thing; never the town for a type done to places (``places``:
    force, coercion, aid), whose town stands for its people."""
    if found is not None and is_title_word(index, found):
        return True
    if places or found is None or noun.pos_ != "NOUN" or index.covering(noun) is not None:
        return False
    modifier = next((c for c in noun.lefts if c.dep_ in MODIFIER_DEPS and index.covering(c) is found), None)
    return modifier is not None and _is_town(modifier, found) and _names_thing(noun)


def is_title_word(index: ActorIndex, actor: Actor) -> bool:
    """Whether a sector noun with no name of its own ("Criminal", "Military") is a word inside the name
    of a law or a document: a named entity of type LAW, or one that ends in a capitalised noun of a
    document or a product ("Bill", "Resolution"), which the parser may tag as an organisation."""
    if actor.kind != "agent" or actor.name:
        return False
    span = index.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or not len(span) or not span[0].ent_type_:
        return False
    entity = next((e for e in index.doc.ents if e.start <= span.start and span.end <= e.end), None)
    if entity is None or entity.end - entity.start < 2:
        return False
    last = entity[-1]
    return entity.label_ == "LAW" or (last.is_title and last.i >= span.end
                                      and any(in_list(last, name) for name in TITLE_LISTS))


def is_located_mention(index: ActorIndex, actor: Actor) -> bool:
    """Whether a mention is a town or facility modifying a thing ("the Kyoto protocol"), so that no
    reading of the clause (a model's proposed target included) takes it for a party."""
    span = index.doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    return root.dep_ in MODIFIER_DEPS and is_location_modifier(index, root.head, actor)


def possessed_people(index: ActorIndex, noun: Token, found: Actor | None) -> Actor | None:
    """For people named by a common noun whose possessor is a person ("DeLay's political associates",
    "three of DeLay's associates"): the head's phrase as an actor of the possessor's country; None
    otherwise (the possessor may then stand for the phrase: "Iran's leaders")."""
    head = noun
    if in_list(noun, "partitive_heads") or noun.like_num:
        head = next((p for c in noun.rights if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"), noun)
    if found is None or head.pos_ != "NOUN" or index.covering(head) is not None or not _names_people(head):
        return None
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is None or index.covering(owner) is not found or not (found.kind == "person" or owner.ent_type_ == "PERSON"):
        return None
    span = index.doc[noun_phrase_bounds(noun)[0]:noun_phrase_bounds(head)[1]]
    return replace(found, text=span.text, start=span.start_char, end=span.end_char, code=found.country,
                   sector=None, name=None, kind="agent", code_source="context" if found.country else None)


def target_actor(index: ActorIndex, token: Token, found: Actor | None, *, places: bool = False) -> Actor | None:
    """The actor a target token stands for, given what the mention layer read for it (``found``): no
    town modifying a thing (unless ``places``: a type done to places, whose town stands for its people,
    "curfew in the Maungtaw district"), and people of a person for themselves."""
    if is_location_modifier(index, token, found, places=places):
        return None
    carried = carried_people(index, token) if found is None or found.code is None else None  # not "an Israeli convoy"
    return possessed_people(index, token, found) or carried or found


def carried_people(index: ActorIndex, noun: Token) -> Actor | None:
    """The actor a vehicle noun carries ("a convoy carrying the Defence Secretary"): the object of a
    participle of carrying that modifies it, when that object is an actor; else None."""
    for participle in noun.children:
        if participle.dep_ == "acl" and participle.tag_ == "VBG" and in_list(participle, "carrying_verbs"):
            for obj in (c for c in participle.children if c.dep_ == "dobj"):
                carried = index.actor_for(obj, allow_unresolved=False)
                if carried is not None:
                    return carried
    return None
