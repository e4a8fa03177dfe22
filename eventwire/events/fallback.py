"""The targets a rule's own slots leave empty: the first actor acted upon elsewhere in the clause (an
actor in a direct object, the subject or object of a complement clause, a prepositional object), the
party a refusal's condition waits on, and the place an act of force, coercion or aid is done in; the
party deeper in a matter investigated or complained of, the party a protest's demand is made of, people
a coercion rule names as its object, and states named by a plural common noun. "both countries", "the
two nations" stand for the two states named just before: one argument per state (docs/annotation.md:
an actor named by two countries is two actors, one per country), so that a rule gives one event per
state, and a symmetric one ("the two countries signed") the two states with each other. Read for
:class:`eventwire.events.arguments.Finder` and the model-only verbs of :mod:`eventwire.events.linked`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.animacy import asked_through_preposition
from eventwire.events.clauses import OBJECT_DEPS, SUBJECT_DEPS, VERBISH
from eventwire.events.frames import Argument
from eventwire.events.lexicon import lexicon_in_use
from eventwire.events.mentions import in_list
from eventwire.events.pair_parties import article_pair, clause_subject_states, counted_noun, ranked_states
from eventwire.events.phrases import (
    NAMED_PLACE_ENTITIES,
    PLACE_KINDS,
    RECIPIENT_PREPS,
    SETTING_PREPS,
    STATE_PLACE_PREPS,
    is_agentive,
    prep_objects,
)
from eventwire.events.stance_phrases import stance_target
from eventwire.events.syntax_lists import syntax_words
from eventwire.gazetteer import get_gazetteer
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventwire.events.arguments import Finder
    from eventwire.events.mentions import ActorIndex

__all__ = ["is_harm_noun", "doer_preps", "is_harmed", "OBJECT_INNER_PREPS", "ACCUSATION_CAMEO", "CONCERN_ROOTS", "PROTEST_ROOT", "concerned_actor", "fallback_target",
           "complement_subject", "complement_target", "condition_target", "locative_target", "demand_target", "patient_object",
           "is_setting_place", "is_unknown_place", "place_bound", "plural_states", "state_pair_args"]

# prepositions of a complement verb ("threatened to impose sanctions on Iran") that name the party
COMPLEMENT_TARGET_PREPS = ("on", "against", "with", "to", "from")
# prepositions on an object noun that lead to the party concerned ("a dinner for Netanyahu")
OBJECT_INNER_PREPS = ("for", "to", "with", "against", "on", "into", "toward", "towards")
# the preposition that takes an event of force, coercion or aid into the state it is done to ("sent troops
# into Somalia", "fired rockets into Israel"); what is done *in* a place is done there, and places are
# never targets (docs/annotation.md, rulings from the training split; fallback.is_setting_place)
LOCATIVE_PREPS = ("into",)
# CAMEO roots of investigating (09) and disapproving (11): what is looked into or complained of is
# named through the matter, and the party concerned sits deeper in its phrase ("an investigation of
# cases involving the U.S. Army", "complained of a lack of progress in the talks with the government")
CONCERN_ROOTS = frozenset({"09", "11"})
# but an accusation names the accused, and its "of", "for" or "with" phrase is the charge, not the party
# ("accused their leadership of violence against militants")
ACCUSATION_CAMEO = "112"
# how a verb of those roots names the matter besides its object ("complained of", "inquire about")
CONCERN_PREPS = ("of", "about", "over", "into", "at")
# links inside a noun phrase that lead to whom the matter concerns; not where, when or why
CONCERN_INNER_PREPS = frozenset({"of", "into", "in", "with", "against", "by", "involving", "over", "about", "on",
                                 "to", "from", "concerning", "regarding"})
# how many nouns deep the matter's phrase is read (matter -> of -> part -> in -> talks -> with -> party)
CONCERN_DEPTH = 4
# CAMEO roots of acts done to people (coerce, assault, fight, mass violence): a rule that names its object
# ("ban party", "censor journalist") has the people or institution it matched as target; elsewhere a
# matched people object is what is given or sent ("send peacekeepers", "recall the ambassador")
PATIENT_OBJECT_ROOTS = frozenset({"17", "18", "19", "20"})
# the preposition of the party a verb of blaming names ("blamed the attack on Hamas"; blame_verbs)
BLAME_PREPS = ("on",)
# CAMEO root of protest: its target may be the party a participle beside it demands something of
PROTEST_ROOT = "14"
# prepositions of a demand that name whom it is made of ("calling on the UN", "demanding from Kiev")
DEMAND_ADDRESSEE_PREPS = ("on", "upon", "from", "of")
# how a noun names the sides of a mutual act ("signed agreements between the two countries"): those
# are the signers themselves, not a party the act is done to nor a second pair of actors
SIDES_VIAS = ("prep:between", "prep:among")
# sentences before "both countries" in which its two states are looked for: it refers to the states a
# passage is about (a paragraph of wire copy is two to four sentences), not to the article's opening
STATE_PAIR_WINDOW = 2
# subordinators of the condition a refusal waits on
CONDITION_MARKS = frozenset({"until", "unless", "till"})
# prepositions of time, manner and accompaniment that do not introduce what an event is done to
FALLBACK_SKIP_PREPS = frozenset({"by", "since", "during", "after", "before", "until", "despite", "amid", "like",
                                 "as", "of", "about", "because", "without", "than", "via", "per",
                                 # a path or the surroundings: "marching through the streets of Kinshasa"
                                 # is not done to Kinshasa (force done in a place: locative_target)
                                 "through", "along", "near", "beside", "behind", "beyond", "past",
                                 "across", "throughout", "within"})


def condition_target(finder: Finder, head: Token) -> Argument | None:
    """A refusal's condition names the party it waits on: "will not end the strike until the
    government meets its demands", "will not lift the embargo unless Cuba frees prisoners"."""
    governor = head.head if head.dep_ == "xcomp" else head
    if not any(c.dep_ == "neg" for c in (*head.children, *governor.children)):
        return None
    for child in head.children:
        if child.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in child.children):
            subjects = [c for c in child.children if c.dep_ in SUBJECT_DEPS]
            found = finder._args([(s, "condition-subject") for s in subjects], source=False, loose=False)
            if found:
                return found[0]
    return None


def plural_states(token: Token, via: str) -> bool:
    """"these states", "both countries", "the neighbours": several states named by a common noun (a
    singular "the country" is the actor layer's to resolve; "a state of alert" is no state). Not
    "signed agreements between the two countries": those are the signers themselves."""
    return token.tag_ == "NNS" and in_list(token, "state_nouns") and via not in SIDES_VIAS


def state_pair_args(index: ActorIndex, token: Token, via: str = "") -> list[Argument]:
    """"both countries", "the two nations" (a plural state noun counted as two, that no mention
    covers): one argument per state, the two the text has just named (see :data:`STATE_PAIR_WINDOW`),
    under the phrase's own text and offsets; [] when it is no such phrase, the text names no one pair,
    or ``via`` names the sides of a mutual act (:data:`SIDES_VIAS`: the signers of "agreements between
    the two countries" are named as its source already, or are its own sides)."""
    if via in SIDES_VIAS:
        return []
    token = counted_noun(token)
    lefts = [c.lower_ for c in token.lefts]
    # "both countries", "the two nations", "their two countries"; not an indefinite "two countries
    # have pledged troops" (states not named)
    counted = "both" in lefts or "two" in lefts and any(c.dep_ in ("det", "poss") for c in token.lefts)
    if not counted or token.tag_ != "NNS" or not in_list(token, "state_nouns") or index.covering(token):
        return []
    states = _named_pair(index, token)
    if not states:
        return []
    start, end = token.left_edge.idx, token.idx + len(token.text)
    text = index.text[start:end]
    return [Argument(Actor(text=text, start=start, end=end, code=country, country=country, kind="state",
                           code_source="coref"), token.i, "state-pair") for country in states]


def _named_pair(index: ActorIndex, token: Token) -> list[str]:
    """The two states of :func:`state_pair_args`: of the countries of the coded actors (not IGOs, NGOs,
    nor places: "in Beijing", "the Gaza-Egypt border" say where) in the token's sentence before it
    and the :data:`STATE_PAIR_WINDOW` sentences before that, the two named most there, the nearer
    first on a tie; not those of its clause's subject, and the article's two when the passage names
    fewer (:mod:`eventwire.events.pair_parties`); [] when fewer than two are named."""
    doc = token.doc
    first = token.sent
    for _ in range(STATE_PAIR_WINDOW):
        if first.start == 0:
            break
        first = doc[first.start - 1].sent

    def named(actor: Actor) -> bool:  # a state named as a party, not as where something is
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        return _state_of(actor) and span is not None and not _locative(span.root)

    skip = clause_subject_states(index, token)
    ranked = ranked_states(index.mentions_in(first.start, token.i), named, skip)
    ranked = ranked if len(ranked) >= 2 else article_pair(index.mentions_in(0, token.i), named, skip)
    return ranked[:2] if len(ranked) >= 2 else []


def _state_of(actor: Actor) -> bool:
    """A coded actor of a state (not an IGO or NGO)."""
    return bool(actor.code and actor.country and not actor.code.startswith(("IGO", "NGO")))


def _locative(root: Token) -> bool:
    """A mention that says where: the object of a place preposition ("in Beijing") or the modifier
    of a place noun ("the Gaza-Egypt border")."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in STATE_PLACE_PREPS:
        return True
    return root.dep_ in ("compound", "amod", "nmod", "poss") and in_list(head, "place_nouns")


def patient_object(finder: Finder, obj: Token, cameo: str) -> Actor | None:
    """The people or institution a coercion or force rule matched as its object ("barring several
    popular candidates", "banned the party"), as an actor with no code; not an event noun ("initiated
    a hunger strike")."""
    if cameo[:2] not in PATIENT_OBJECT_ROOTS or not is_agentive(obj, finder.words) or lexicon_in_use().match(obj):
        return None
    return finder.index.unresolved(obj)


def demand_target(finder: Finder, head: Token) -> Argument | None:
    """A protest is against whom it makes its demand of, when a participle beside it says so:
    "protesters are marching through Kinshasa demanding that the government resign", "rallied,
    calling on the UN to act", "went on strike, demanding pay rises from the government"."""
    for child in head.children:
        if child.dep_ not in ("advcl", "xcomp", "conj") or child.tag_ != "VBG" or not in_list(child, "request_verbs"):
            continue
        arg = complement_subject(finder, child)
        if arg is None:
            found = finder._args(prep_objects(child, DEMAND_ADDRESSEE_PREPS), source=False, loose=False)
            arg = found[0] if found else None
        if arg is not None:
            return arg
    return None


def locative_target(finder: Finder, head: Token, objects: list[Token], sources: list[Argument],
                    cameo: str = "") -> Argument | None:
    """Force, coercion and aid taken *into* a state are done to it ("sent troops into Somalia"): a state
    or region named by a locative preposition of the verb or its object, one level of nesting deep; not
    the source's own country unless the source is a state's agent there. Done *in* a place ("killed 48
    people in Afghanistan") is where it happened, not a target (:func:`is_setting_place`), unless the act
    binds everyone there (:func:`place_bound`: "imposed a curfew in Kashmir")."""
    own = {a.actor.country for a in sources if a.actor.kind in PLACE_KINDS}
    preps = (*LOCATIVE_PREPS, *SETTING_PREPS) if place_bound(cameo) else LOCATIVE_PREPS
    places = prep_objects(head, preps)
    for obj in objects:
        places.extend(prep_objects(obj, preps))
    places.extend(inner for place, _ in list(places) for inner in prep_objects(place, preps))
    for token, via in places:
        actor = finder.index.actor_for(token, allow_unresolved=False)
        if actor is not None and actor.kind in PLACE_KINDS and actor.country not in own:
            return Argument(actor, token.i, f"locative-{via}")
    return None


def place_bound(cameo: str) -> bool:
    """An act done to everyone in the place it is done in (``place_bound_codes``: a curfew, martial law,
    an embassy closed there): the state there is its target."""
    return any(cameo.startswith(code) for code in syntax_words()["place_bound_codes"])


def is_setting_place(doc: Doc, arg: Argument) -> bool:
    """A state, city or region reached through a preposition of setting ("rallied in Taipei", "arrested
    a man in Ontario"): where the act happened. Places are never targets (docs/annotation.md, rulings
    from the training split); a place that stands for its government is a subject or an object
    ("Washington warned Moscow"), not the object of "in". The object must itself be the place (a state's
    mention or a place name), not a thing a state owns ("called in U.S. air power": the planes are called)."""
    if arg.preposition not in SETTING_PREPS:
        return False
    token = doc[arg.token]
    named_place = token.ent_type_ in NAMED_PLACE_ENTITIES
    # "in the Sinai peninsula", "in the country": a noun of an expanse is a place, unless a state owns it
    # ("sought refuge in Niger's Maradi region" is refuge with Niger)
    area = in_list(token, "area_nouns") and not any(c.dep_ == "poss" for c in token.children)
    return (named_place and (arg.actor.code is None or arg.actor.kind in PLACE_KINDS)) or area


def is_unknown_place(doc: Doc, arg: Argument) -> bool:
    """A place name no dictionary codes ("attacked the Musa Qala district", "an ambush between Castlemaine
    and Milltown", "travelled to Illinois"): a town, district or province, which no government or people
    stands behind. Places are never targets (docs/annotation.md); a state the dictionaries know keeps its
    role where it is an object ("invaded Chad"), and so does a territory force is taken into ("launched an
    offensive into the Strip", :data:`LOCATIVE_PREPS`)."""
    token = doc[arg.token]
    if arg.preposition in LOCATIVE_PREPS:
        # "fired a missile into the Sea of Japan": an expanse no one is named for
        return arg.actor.code is None and token.ent_type_ == "LOC" and in_list(token, "area_nouns")
    # "the Musa Qala district": a noun of place the name modifies
    place_noun = in_list(token, "place_nouns") and any(
        c.dep_ == "compound" and c.ent_type_ in NAMED_PLACE_ENTITIES for c in token.children)
    # the tagger reads many a person or party as a GPE ("The South and the North agreed"): a GPE counts
    # where a preposition names it, as a place is named ("travelled to Illinois"), or where the gazetteer
    # knows it as a town or region ("visited Atlanta")
    gpe = token.ent_type_ == "GPE" and ("prep:" in arg.via or _gazetteer_place(doc, token))
    return arg.actor.code is None and (token.ent_type_ in ("LOC", "FAC") or place_noun or gpe)


def _gazetteer_place(doc: Doc, token: Token) -> bool:
    """The named entity around ``token`` is a town or region the gazetteer knows (not a country: an
    uncoded country is a gap of the dictionaries, not a place)."""
    name = next((e.text for e in doc.ents if e.start <= token.i < e.end), token.text)
    return any(c.precision != "country" for c in get_gazetteer().candidates(name))


def is_harm_noun(token: Token) -> bool:
    """A noun of harm or death (``harm_nouns``): its "of" phrase and possessor are the one harmed."""
    return token.pos_ == "NOUN" and in_list(token, "harm_nouns")


def doer_preps(noun: Token, preps: tuple[str, ...], judging: bool) -> tuple[str, ...]:
    """The prepositions of ``preps`` through which ``noun`` may name a party: all of them, but for a
    judgement not "of" after a noun of harm ("condemned the killing of two aid workers" blames the
    killers, not the dead). An investigation keeps it: the gold sets code "an investigation into the
    death of X" with X as its target."""
    return tuple(p for p in preps if p != "of") if judging and is_harm_noun(noun) else preps


def is_harmed(token: Token) -> bool:
    """Whether a word names the one a noun of harm was done to: its "of" object or its possessor ("an
    inquiry into the murder of the diplomat", "a probe into Calipari's death"), through the names set
    beside, joined to or modifying it ("the murder of a British tourist")."""
    while token.dep_ in ("appos", "compound", "conj", "amod", "nmod") and token.head.i != token.i:
        token = token.head
    if token.dep_ == "poss":
        return is_harm_noun(token.head)
    prep = token.head
    return token.dep_ == "pobj" and prep.lower_ == "of" and is_harm_noun(prep.head)


def concerned_actor(finder: Finder, matter: Token) -> Argument | None:
    """The first dictionary actor inside the phrase of a matter investigated or complained of, read
    breadth first through the phrase's own links: a possessor ("Iran's nuclear activities"), a
    prepositional object, a participle's object ("cases involving the U.S. Army") and an adjective's
    complement ("issues relevant to Iran's activities"); not into a clause of its own (a relative
    clause or a verb with a subject names other events). A place named by "in" is where the matter
    happened ("criticism of the war in Iraq"), and an actor only modifying a place ("the Canadian
    Arctic region") is not the party: both are read through, not taken; an actor modifying an act is
    ("police pressure on its supporters")."""
    level: list[tuple[Token, bool]] = [(matter, False)]
    for _ in range(CONCERN_DEPTH):
        following: list[tuple[Token, bool]] = []
        for noun, _where in level:
            inner_preps = doer_preps(noun, tuple(CONCERN_INNER_PREPS), finder.judging)
            for child in noun.children:
                if child.dep_ == "poss" and not (finder.judging and is_harm_noun(noun)):
                    following.append((child, False))
                elif child.dep_ == "prep" and child.lower_ in inner_preps:
                    following.extend((t, child.lower_ == "in") for t, _ in prep_objects(noun, (child.lower_,)))
                elif child.dep_ == "acl" and child.tag_ in ("VBG", "VBN") and not any(
                        c.dep_ in SUBJECT_DEPS for c in child.children):
                    following.extend((c, False) for c in child.children if c.dep_ in OBJECT_DEPS)
                    following.extend((t, False) for t, _ in prep_objects(child, CONCERN_INNER_PREPS))
                elif child.dep_ == "amod" and child.pos_ == "ADJ":
                    following.extend((t, False) for t, _ in prep_objects(child, CONCERN_INNER_PREPS))
                elif child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN"):
                    following.append((child, False))  # "a lack of progress ... and police pressure on"
        for token, where in following:
            if where or not (finder.sent.start <= token.i < finder.sent.end):
                continue
            actor = finder.index.actor_for(token, allow_unresolved=False)
            if actor is not None and (actor.start <= token.idx < actor.end or not in_list(token, "place_nouns")):
                return Argument(actor, token.i, "concerned")
        level = following
        if not level:
            break
    return None


def complement_subject(finder: Finder, verb: Token) -> Argument | None:
    """The subject of a complement clause of ``verb`` that the verb acts on: an infinitive
    ("ordered the army to withdraw": spaCy makes the object the subject of the infinitive; "called for
    Israel to withdraw"), a
    "that" clause ("demanded that the United States match ..."), a bare verb ("demanding the
    government cut aid"), a small clause ("found the bishop guilty") or a gerund with a possessive
    subject ("attacked Schröder's using the vote")."""
    for child in verb.children:
        marks = {c.lower_ for c in child.children if c.dep_ == "mark"}
        if child.dep_ not in ("ccomp", "xcomp") and not (child.dep_ == "advcl" and "for" in marks):
            continue  # "called for Israel to withdraw": a for-to clause, which the parser makes adverbial
        auxiliaries = [c for c in child.children if c.dep_ in ("aux", "auxpass")]
        infinitive = child.tag_ == "VB" and any(c.lower_ == "to" for c in child.lefts)
        that_clause = child.dep_ == "ccomp" and "that" in marks
        bare = child.dep_ == "ccomp" and not marks and not auxiliaries and (
            child.tag_ == "VB" or child.pos_ == "ADJ")
        # "attacked Schröder's using the vote", "condemned Iran's building of ...": the owner of
        # the act judged or acted on is written as the possessive subject of a gerund
        gerund = child.tag_ == "VBG" and any(
            c.dep_ in SUBJECT_DEPS and (c.tag_ == "PRP$" or any(g.dep_ == "case" for g in c.children))
            for c in child.children)
        if infinitive or that_clause or bare or gerund:
            for grand in child.children:
                if grand.dep_ in SUBJECT_DEPS:
                    arg = finder._arg(grand, "complement-subject", source=False, loose=False)
                    if arg is not None:
                        return arg
            # "called for "other members of the Council" to contribute": with the subject set off
            # (quotes, a long phrase) the parser hangs it on the mark "for" as its object
            stranded = [(p, "prep:for") for m in child.children if m.dep_ == "mark" and m.lower_ == "for"
                        for p in m.children if p.dep_ == "pobj"]
            found = finder._args(stranded, source=False, loose=False) if infinitive and stranded else []
            if found:
                return found[0]
    return None


def blamed_parties(finder: Finder, head: Token, objects: list[Token]) -> list[Argument]:
    """"blamed the attack on Hamas", "pinned the bombing on rebels": a verb of blaming names the party
    blamed in its "on" phrase, which the parser hangs on the verb or on the act blamed (whose own
    "on" would be the victim: "the attack on Israel"); empty for any other verb."""
    if not in_list(head, "blame_verbs"):
        return []
    return finder._args([p for word in (head, *objects) for p in prep_objects(word, BLAME_PREPS)], source=False, loose=False)


def fallback_target(finder: Finder, head: Token, object_i: int | None) -> Argument | None:
    """When the rule's own target slots are empty: the first actor acted upon elsewhere in the
    clause: an actor in a direct object, the subject of an infinitive complement, a prepositional
    object, or the object of a complement verb ("agreed to allow aid workers ...")."""
    if finder.protest:
        # a protest's demand names whom it is against before its prepositions do ("marched in
        # Kinshasa, demanding that the government resign": Kinshasa is where)
        demand = demand_target(finder, head) or stance_target(finder, head)  # "in opposition to X"
        if demand is not None:
            return demand
    children = list(head.children)
    # "appealed to the truckers to end their blockade": the one asked to act is an object too
    for child in [c for c in children if c.dep_ in OBJECT_DEPS] + asked_through_preposition(head):
        arg = finder._object_target(child, OBJECT_INNER_PREPS, phrase_ok=False)
        if arg is not None and (child.i != object_i or arg.token != child.i):
            return arg
    arg = complement_subject(finder, head)
    if arg is not None:
        return arg
    preps = tuple(c.lower_ for c in children if c.dep_ in ("prep", "dative") and c.lower_ not in FALLBACK_SKIP_PREPS)
    # "arrested in a police action", "deposed in a military coup": an act named by its doer is the
    # agent's (eventwire.events.agents.implied_agent), not what the event is done to
    found = finder._args([(t, via) for t, via in prep_objects(head, preps) if not in_list(t, "agentive_event_nouns")],
                         source=False, loose=False)
    # "planned a rally in Taipei": where the act happens, not whom it is done to
    found = [a for a in found if not is_setting_place(finder.index.doc, a)]
    if found:
        return found[0]
    if finder.concern and not any(c.dep_ in OBJECT_DEPS for c in children):
        # "complained of a lack of progress in the talks with the government"; not "accused their
        # leadership of violence against militants", where the object is the one accused
        for matter, _ in prep_objects(head, CONCERN_PREPS):
            arg = concerned_actor(finder, matter)
            if arg is not None:
                return arg
    for child in children:
        if child.dep_ in ("xcomp", "ccomp") and child.pos_ in VERBISH and not any(
                c.dep_ in SUBJECT_DEPS for c in child.children):
            arg = complement_target(finder, child)
            if arg is not None:
                return arg
    return None


def complement_target(finder: Finder, verb: Token) -> Argument | None:
    """The party a subjectless complement verb acts on: its object ("agreed to allow aid workers"), the
    subject of its own complement ("refused to allow the plane to land"), else an actor in one of its
    prepositions or its object's ("threatened to impose sanctions on Iran"). A verb with an object and a
    "to" recipient gives it to the recipient ("agreed to send troops to Iraq": Iraq, not the troops sent)."""
    if any(c.dep_ in OBJECT_DEPS for c in verb.children):
        recipients = finder._args(prep_objects(verb, RECIPIENT_PREPS), source=False, loose=False)
        if recipients:
            return recipients[0]
    for grand in verb.children:
        if grand.dep_ in OBJECT_DEPS:
            arg = finder._arg(grand, "complement-object", source=False, loose=False)
            if arg is not None:
                return arg
    arg = complement_subject(finder, verb)
    if arg is not None:
        return arg
    inner = finder._args(prep_objects(verb, COMPLEMENT_TARGET_PREPS), source=False, loose=False)
    if not inner:
        for grand in verb.children:
            if grand.dep_ in OBJECT_DEPS:
                inner = finder._args(prep_objects(grand, COMPLEMENT_TARGET_PREPS), source=False, loose=False)
                if inner:
                    break
    return inner[0] if inner else None
