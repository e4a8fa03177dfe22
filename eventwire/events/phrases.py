"""Small readings of the dependency parse shared by the argument finder: prepositional objects,
chains of actor modifiers, the support verb that carries a nominal event, and whether a word can name
an actor on its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from eventwire.events.animacy import to_infinitive
from eventwire.events.clauses import (
    NOMINAL_POS,
    OBJECT_DEPS,
    PASSIVE_DEPS,
    SUBJECT_DEPS,
    VERBISH,
    with_conjuncts,
)
from eventwire.events.fronted_subjects import participle_noun
from eventwire.events.mentions import in_list
from eventwire.nlp import DATE_ENTITY_LABELS, PLACE_ENTITY_LABELS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["prep_objects", "own_preps", "stranded_recipients", "misplaced_agents", "document_addressees", "RECIPIENT_PREPS", "relative_object", "passive_patients", "passive_agents", "modifier_chain", "support_verb", "answered_for", "state_copula", "of_carrier", "is_agentive", "PLACE_KINDS", "NAMED_PLACE_ENTITIES", "mend_gerunds", "noun_owners",
           "SETTING_PREPS", "STATE_PLACE_PREPS"]

#: actor kinds that are places (see eventwire.actors.dictionary.STATE_KINDS)
PLACE_KINDS = frozenset({"state", "territory", "region"})
# entity types of a named place (a state, city, region or building: "in Ontario", "the Musa Qala district");
# the nlp stage's list, under the name the coder's modules import
NAMED_PLACE_ENTITIES = PLACE_ENTITY_LABELS
# prepositions that set where an act happens ("met in Melbourne", "held a meeting in Tokyo"): what they
# name is where, more often than whom (eventwire.events.admissible, arguments, linked)
SETTING_PREPS = frozenset({"in", "inside", "across", "throughout", "around", "through", "within"})
# prepositions whose object is where something happens, not a party ("talks in Beijing"), when it is a
# state's name (eventwire.events.fallback, "both countries"): those of setting, and those of a point or its
# surroundings ("at", "near", "outside"), which set no act in a place (a protest "outside the US embassy" is
# against its owner) but before a state's name say where; not "within", mostly a body's inside ("divisions
# within the Iranian government": a state's own agents); not "to", "into" or "with", whose state is often
# a party ("aid to Iraq", "an incursion into Lebanon")
STATE_PLACE_PREPS = (SETTING_PREPS - {"within"}) | {"at", "near", "outside"}
# relative pronouns that stand for people or groups: their antecedent can be the patient of a passive
# ("which" too often reaches past a state or city to a thing: "an agenda for Germany, which was criticised")
PERSONAL_RELATIVES = frozenset({"who", "whom"})
# relative pronouns that can be the object of their clause ("whose" is a possessor, not the object)
OBJECT_RELATIVES = frozenset({"who", "whom", "which", "that"})
# prepositions that set a gerund's act before or after an event noun's ("resignation after being accused")
SEQUEL_PREPS = frozenset({"after", "before", "following", "upon", "since", "during"})
# prepositions that take a gerund clause ("by accusing X", "for supporting X", "after attacking X");
# not "without" or "from", whose act did not happen ("refrained from", "without recognizing")
GERUND_PREPS = frozenset({"by", "for", "after", "before", "since", "upon", "through", "of"})
# prepositions that set a copula's subject in the state an event noun names ("are on strike", "were in
# protest against", "was at the rally"): see state_copula
STATE_PREPS = frozenset({"in", "on", "at"})


def prep_objects(token: Token, preps: tuple[str, ...] | frozenset[str]) -> list[tuple[Token, str]]:
    """(object, "prep:<word>") for each object (and its conjuncts) of the named prepositions below a token."""
    out: list[tuple[Token, str]] = []
    for child in token.children:
        # "criticized by unions and also by members of his party": a coordinated preposition repeats
        # the role of the first (spaCy hangs it on the first, or on the verb as a conjunct)
        coordinated = child.dep_ == "conj" and child.pos_ == "ADP"
        if (child.dep_ in ("prep", "agent") or coordinated or (child.dep_ == "dative" and child.pos_ == "ADP")) \
                and child.lower_ in preps:
            for prep in (child, *(c for c in child.children if c.dep_ == "conj" and c.lower_ in preps)):
                for pobj in (*(c for c in prep.children if c.dep_ == "pobj"), *_infinitive_subjects(prep)):
                    out.extend((t, f"prep:{prep.lower_}") for t in with_conjuncts(pobj))
    return out


def own_preps(head: Token, words: list[int]) -> tuple[str, ...]:
    """The prepositions among a verb trigger's own words (``words``: token indices) that hang on its
    head ("stand behind", "abide by"): the lexicon lemma chose them, so they are not adjuncts of time,
    place or manner."""
    doc = head.doc
    return tuple(doc[i].lower_ for i in words if doc[i].dep_ == "prep" and doc[i].head.i == head.i)


def document_addressees(verb: Token) -> list[tuple[Token, str]]:
    """Whom a document is addressed to, for the act its participle states ("sent a letter to Congress
    demanding funding", "a message to the WHO threatening to cut funding"): the "to" phrase of the
    document noun, or of the verb that sends or issues it; empty for any other verb."""
    if verb.tag_ != "VBG":
        return []
    if verb.dep_ == "advcl" and verb.head.pos_ in VERBISH:
        # "sent a letter to the WHO threatening to cut funding": the parser hangs the participle on the verb
        document = next((c for c in verb.head.children if c.dep_ in OBJECT_DEPS and in_list(c, "document_nouns")), None)
    else:
        document = verb.head if verb.dep_ == "acl" and in_list(verb.head, "document_nouns") else None
    if document is None:
        return []
    found = prep_objects(document, RECIPIENT_PREPS)
    if not found and document.dep_ in OBJECT_DEPS and document.head.pos_ in VERBISH:
        found = prep_objects(document.head, RECIPIENT_PREPS)
    return [(t, "addressee") for t, _ in found]


def misplaced_agents(verb: Token) -> list[tuple[Token, str]]:
    """The "by" phrase of an active verb with a subject and a direct object, which is its object noun's
    agent ("rejected the accusations by Britain", "welcomed the move by Japan"): an active verb has no
    agent of its own. Not a gerund of means ("responded by expelling"), read as a clause."""
    own = {c.dep_ for c in verb.children}
    if not own & SUBJECT_DEPS or not own & OBJECT_DEPS or own & PASSIVE_DEPS:
        return []
    return [(t, "object-prep:by") for t, _ in prep_objects(verb, ("by",))]


# prepositions of a recipient, which the parser hangs on the last word of a long object ("returned a
# painting taken by French soldiers to the Egyptian government"), though they belong to the verb
RECIPIENT_PREPS = frozenset({"to"})


def stranded_recipients(verb: Token, preps: tuple[str, ...] | frozenset[str]) -> list[tuple[Token, str]]:
    """The recipient phrase of a verb's own preposition that closes its direct object but hangs inside
    it, on a participle or a nested noun: "returned a painting taken by French soldiers to the Egyptian
    government", "handed the bodies of the soldiers to Israel". Not a phrase on the object noun itself
    ("aid to Iraq", "its ambassador to Iraq": read there already) nor on a verb with an object of its
    own ("a man who gave money to the rebels")."""
    wanted = RECIPIENT_PREPS.intersection(preps)
    for obj in (c for c in verb.children if c.dep_ in OBJECT_DEPS):
        for prep in obj.subtree:
            holder = prep.head
            if prep.dep_ != "prep" or prep.lower_ not in wanted or holder.i == obj.i or prep.right_edge.i != obj.right_edge.i:
                continue
            participle = holder.tag_ in ("VBN", "VBG") and holder.dep_ == "acl" and not any(c.dep_ in OBJECT_DEPS for c in holder.children)
            if participle or holder.dep_ in ("pobj", "appos"):
                return prep_objects(holder, (prep.lower_,))
    return []


def _infinitive_subjects(prep: Token) -> list[Token]:
    """"cooperate with Turkish forces to deal with the PKK": the parser reads "Turkish forces to deal"
    as a clause under "with", its subject the preposition's object; only when the preposition has
    no object of its own."""
    if any(c.dep_ == "pobj" for c in prep.children):
        return []
    return [subject for clause in prep.children if clause.dep_ == "pcomp" and clause.tag_ == "VB"
            and to_infinitive(clause)
            for subject in clause.children if subject.dep_ in SUBJECT_DEPS]


def passive_patients(verb: Token) -> list[Token]:
    """The patients of a passive verb: its passive subject and the nouns coordinated with it. A bare
    participle coordinated with a passive shares its patient ("was shot and killed"), and "who" stands
    for the noun it modifies ("Reinado, who was shot and killed by the guards")."""
    own = [c for c in verb.children if c.dep_ == "nsubjpass"]
    auxpass = [c for c in verb.children if c.dep_ == "auxpass"]
    if not own and verb.tag_ == "VBN" and auxpass:
        # the small model's slips: "X was banned" with X as nsubj of the participle, or of "was"
        own = [c for c in (*verb.children, *auxpass[0].children) if c.dep_ == "nsubj"]
    if not own and auxpass and verb.dep_ == "conj" and verb.head.pos_ in VERBISH:
        own = _shared_subject(verb, auxpass[0])  # "marched through Harare but were beaten by police"
    carrier = verb
    if not own and _bare_participle_conjunct(verb):
        carrier = _first_conjunct(verb)
        if any(c.dep_ == "auxpass" for c in carrier.children):
            own = [c for c in carrier.children if c.dep_ == "nsubjpass"]
    if len(own) > 1:  # two subjects with no "and": one is the state of a "town, state" address
        own = [p for p in own if not _address_state_of(p)]
    out: list[Token] = []
    for patient in own:
        if patient.lower_ in PERSONAL_RELATIVES and carrier.dep_ == "relcl":
            # and the parties "along with" joins to "who" ("Reinado, who, along with another attacker, was shot")
            out.extend([*with_conjuncts(_antecedent(patient, carrier)), *with_conjuncts(patient)[1:]])
        else:
            out.extend(with_conjuncts(patient))
    return out


def passive_agents(verb: Token) -> list[tuple[Token, str]]:
    """The ``by`` agents of a passive verb; coordinated passive participles share one ("was shot and
    killed by the president's guards", "was arrested by police and charged")."""
    own = prep_objects(verb, ("by",)) or _adjective_agents(verb)
    if own:
        return own
    first = _first_conjunct(verb) if _bare_participle_conjunct(verb) else verb
    sharing = [first, *(c for c in first.children if _bare_participle_conjunct(c))]
    for other in sharing:
        if other.i != verb.i:
            found = prep_objects(other, ("by",))
            if found:
                return found
    return _misattached_agents(verb)


def _adjective_agents(verb: Token) -> list[tuple[Token, str]]:
    """"was burned by rampaging soldiers": the parser reads the -ing adjective as a gerund after "by"
    and the agent as its object; the noun it modifies is the agent (fronted_subjects.participle_noun)."""
    nouns = [participle_noun(g) for by in verb.children if by.dep_ == "agent" for g in by.children if g.dep_ == "pcomp"]
    return [(t, "prep:by") for n in nouns if n is not None for t in with_conjuncts(n)]


def _misattached_agents(verb: Token) -> list[tuple[Token, str]]:
    """A passive's ``by`` phrase that the parser hung on the noun of the verb's own prepositional
    phrase, the nearest noun before it: "Hamas is labelled as a terrorist group by the EU", "was
    arrested at a rally by police". A noun there takes no doer of its own that the passive lacks.
    Else one hung on the active infinitive the passive governs (:func:`_infinitive_agents`)."""
    out: list[tuple[Token, str]] = []
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            out.extend((t, "prep:by-misattached") for t, _ in prep_objects(noun, ("by",)))
    return out or _infinitive_agents(verb)


def _infinitive_agents(verb: Token) -> list[tuple[Token, str]]:  # see _misattached_agents
    """A passive's ``by`` phrase that the parser hung on the active infinitive it governs: "was urged
    to resign by opposition leaders", "was asked to leave the country by the government". An active
    infinitive has its doer as subject, never in a ``by`` phrase, so the phrase is the passive's agent;
    not a date ("was asked to leave by Friday": a deadline)."""
    if not any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children):
        return []
    out: list[tuple[Token, str]] = []
    for infinitive in (c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"):
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in infinitive.children) \
                or any(c.dep_ == "auxpass" for c in infinitive.children):
            continue  # "was expected to be arrested by police": the inner passive's own agent
        out.extend((t, "prep:by-infinitive") for t, _ in prep_objects(infinitive, ("by",))
                   if t.ent_type_ not in DATE_ENTITY_LABELS and not t.like_num)  # "to leave by Friday": a deadline
    return out


def relative_object(obj: Token, verb: Token, is_actor: Callable[[Token], bool]) -> Token:
    """The noun a relative pronoun stands for when it is the object of its clause's verb and names an
    actor (``is_actor``): "FARC rebels, which Ecuador accused of entering its territory": the rebels;
    not a thing or place ("the area that protesters have occupied"). Else the object itself."""
    if obj.lower_ in OBJECT_RELATIVES and verb.dep_ == "relcl" and verb.head.pos_ in NOMINAL_POS:
        antecedent = _antecedent(obj, verb)
        return antecedent if is_actor(antecedent) else obj
    return obj


def _address_state_of(noun: Token) -> bool:
    """Whether a place name follows a town in a prepositional phrase and its comma, as the state of its
    address ("The embassies in Tehran, Iran have been set on fire": the parser makes Iran a second
    subject of the verb)."""
    doc = noun.doc
    comma = noun.left_edge.i - 1
    if noun.ent_type_ not in NAMED_PLACE_ENTITIES or comma < 1 or doc[comma].text != ",":
        return False
    town = doc[comma - 1]
    return town.ent_type_ in NAMED_PLACE_ENTITIES and town.dep_ == "pobj"


def _antecedent(pronoun: Token, clause: Token) -> Token:
    """The noun a relative pronoun stands for: the one written just before it ("the shooting on
    Reinado, who was shot": Reinado), which the parser sometimes passes over for a noun higher up."""
    i = pronoun.i - 1
    while i > clause.head.i and pronoun.doc[i].is_punct:
        i -= 1
    before = pronoun.doc[i]
    if pronoun.lower_ in PERSONAL_RELATIVES and before.ent_type_ in NAMED_PLACE_ENTITIES and before.dep_ == "pobj":
        # "a former lawyer in South Africa who was imprisoned": "who" is a person, not the place that
        # locates the noun it modifies
        return clause.head
    return before if before.pos_ in NOMINAL_POS and before.i > clause.head.i else clause.head


def _shared_subject(verb: Token, auxiliary: Token) -> list[Token]:
    """The patient of a passive conjunct with its own auxiliary and no subject: the subject of the
    verb it is coordinated with ("protesters marched through Harare but were beaten by police"). After
    a verb of saying in another tense, the subject of the reported clause, which the conjunct continues
    ("organisers say the people were demonstrating, but were attacked by security forces")."""
    first = _first_conjunct(verb)
    if first.i == verb.i:
        return []
    subjects = [c for c in first.children if c.dep_ in SUBJECT_DEPS | {"nsubjpass"}]
    finite = next((c.tag_ for c in first.lefts if c.dep_ in ("aux", "auxpass")), first.tag_)
    if in_list(first, "reporting_verbs") and finite != auxiliary.tag_:
        subjects = [s for c in first.children if c.dep_ == "ccomp" and c.i < verb.i
                    for s in c.children if s.dep_ in SUBJECT_DEPS | {"nsubjpass"}][-1:]
    return subjects


def _first_conjunct(verb: Token) -> Token:
    while verb.dep_ == "conj" and verb.head.pos_ in VERBISH:
        verb = verb.head
    return verb


def _bare_participle_conjunct(verb: Token) -> bool:
    """A past participle coordinated with a verb, with no subject, object or auxiliary of its own."""
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.pos_ in VERBISH and not any(
        c.dep_ in SUBJECT_DEPS | OBJECT_DEPS | {"nsubjpass", "aux", "auxpass", "ccomp", "xcomp"} for c in verb.children)


def modifier_chain(token: Token) -> list[Token]:
    """An actor modifier and the actor modifiers it carries ("Russia-NATO thaw" -> Russia, NATO)."""
    out = [token]
    for child in token.children:
        if child.dep_ in ("compound", "amod", "conj"):
            out.extend(modifier_chain(child))
    return out


def support_verb(noun: Token, words: dict[str, frozenset[str]], *, mutual: bool = False) -> Token | None:
    """The support verb whose subject performs a nominal event ("launched an attack", "hoped for talks");
    ``mutual``: the event is one both sides do, which verbs of owning up to it carry too ("confirmed
    talks with", see mutual_support_verbs)."""
    node = noun
    while node.dep_ == "conj" and node.head.pos_ in NOMINAL_POS:
        node = node.head
    answered = answered_for(node) or state_copula(node)
    if answered is not None:
        return answered
    node = of_carrier(node) or node  # "announced a suspension of aid": the suspension is announced
    head = node.head
    if (node.dep_ in OBJECT_DEPS or node.dep_ == "nsubjpass") and head.pos_ in VERBISH:
        verb = head  # "launched an attack", "an attack was launched by"
    elif node.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in VERBISH and not _gapped_object(head.head):
        if head.lower_ in words["sequence_preps"]:
            # a phrase of time or circumstance is not what the verb carries out ("two bombers struck a
            # base days after the bombings in Dahab", "Following the bombing of a mosque, troops launched
            # a raid": not their bombing)
            return None
        verb = head.head
        if head.lower_ == "to" and in_list(verb, "result_verbs"):
            return None  # "the factions led to the withdrawal of US forces": a result, not their act
    else:
        return None
    if in_list(verb, "support_verbs") or (mutual and in_list(verb, "mutual_support_verbs")):
        return verb
    return None


def _gapped_object(verb: Token) -> bool:
    """A relative clause with its own subject and no object has the noun it modifies as its object
    ("the stance he has taken on the conflicts": taken a stance), so a phrase on its verb completes
    that noun, not an event the verb carries."""
    return verb.dep_ == "relcl" and any(c.dep_ in SUBJECT_DEPS for c in verb.children) \
        and not any(c.dep_ in OBJECT_DEPS for c in verb.children)


def answered_for(noun: Token) -> Token | None:
    """The verb whose subject answers for a nominal act and so names its doer: "claimed responsibility
    for the attack" (claim), "took credit for the bombing" (take), "was responsible for the attack" and
    "was behind the attacks" (the copula). None for any other noun, and for "denied responsibility"."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep":
        return None
    holder = prep.head
    if prep.lower_ == "behind" and holder.pos_ in VERBISH and in_list(holder, "copulas"):
        return holder  # "al-Qaeda was behind the attacks"
    if prep.lower_ != "for":
        return None
    if holder.pos_ == "ADJ" and in_list(holder, "responsibility_adjectives") and holder.dep_ in ("acomp", "oprd") \
            and in_list(holder.head, "copulas"):
        return holder.head  # "the militants were responsible for the attack"
    verb = holder.head
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if not subjects or any(_denied(s) for s in subjects):
        # "no group has claimed responsibility": nobody is named; "calls claiming responsibility for
        # the attacks": a participle's subject is not the doer either
        return None
    if holder.pos_ in NOMINAL_POS and in_list(holder, "responsibility_nouns") and holder.dep_ in OBJECT_DEPS \
            and verb.pos_ in VERBISH and in_list(verb, "responsibility_verbs"):
        return verb  # "Hamas claimed responsibility for the attack"
    return None


def state_copula(noun: Token) -> Token | None:
    """The copula whose subject is in the state an event noun names, and so does its act: "the teachers
    remain on strike", "the dockers are in protest against the sale", "she was at the rally". None for
    any other noun, and for a situation noun, whose state is a state of affairs, not an act ("the two
    states are at war": docs/annotation.md rule 5)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in STATE_PREPS or in_list(noun, "situation_nouns"):
        return None
    verb = prep.head
    return verb if verb.pos_ in VERBISH and in_list(verb, "copulas") else None


def _denied(subject: Token) -> bool:
    """"No group", "nobody": a subject that names no one."""
    return subject.lower_ in ("nobody", "none", "noone") or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def of_carrier(noun: Token) -> Token | None:
    """The phase, scale or series noun a nominal trigger is the "of" object of ("a suspension of aid",
    "the resumption of talks"): it carries the trigger's support verb and target phrase. None when
    there is none, or when the noun above is an event of its own ("a condemnation of the attack")."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and prep.dep_ == "prep" and prep.head.pos_ in NOMINAL_POS \
            and in_list(prep.head, "carrier_nouns"):
        return prep.head
    return None


def is_agentive(token: Token, words: dict[str, frozenset[str]]) -> bool:
    """Whether an uncovered prepositional object still names an actor (a name or an institution)."""
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if token.pos_ == "PROPN":
        return True
    return token.lemma_.lower() in words["institutional_heads"]


def mend_gerunds(doc: Doc) -> None:
    """Re-attach a gerund the parser read as an adjective of its object: "by publicly accusing members
    of the cabinet", "for wrongly convicting opposition leaders" come out as "accusing members" (amod),
    a kind of members, and no act. A manner adverb between the preposition and the -ing form is
    the sign of a verb (adverbs modify verbs, and "for ruling party members" keeps its adjective), and
    so is the bare noun after it (no determiner in between). The gerund becomes the preposition's
    clause (pcomp) and the noun its object (dobj), as the parser reads "by accusing the government"."""
    for gerund in doc:
        noun, prep = gerund.head, gerund.head.head
        if gerund.tag_ != "VBG" or gerund.dep_ != "amod" or noun.dep_ != "pobj" or prep.dep_ != "prep" \
                or prep.lower_ not in GERUND_PREPS or not prep.i < gerund.i < noun.i:
            continue
        between = doc[prep.i + 1:gerund.i]
        if not between or not all(t.pos_ == "ADV" and t.head.i == gerund.i for t in between) \
                or noun.left_edge.i != prep.i + 1:
            continue
        gerund.head, gerund.dep_ = prep, "pcomp"
        noun.head, noun.dep_ = gerund, "dobj"


def noun_owners(verb: Token) -> list[Token]:
    """Who does (or, passive, undergoes) a gerund whose preposition hangs on an event noun, when the
    clause lends it no subject: the noun's possessor ("the minister's resignation after being accused by a
    judge": the minister is accused; "Iran's withdrawal after attacking Iraq": Iran attacked). The one whose
    act the noun names is the one the act around it is about."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.dep_ != "prep" or prep.lower_ not in SEQUEL_PREPS or prep.head.pos_ not in NOMINAL_POS:
        return []  # not "our goal of protecting the country": a goal is no act the gerund follows
    return [t for c in prep.head.children if c.dep_ == "poss" for t in with_conjuncts(c)]
