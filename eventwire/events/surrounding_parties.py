"""Parties of a trigger that the sentence names through a word around it, not a slot of its own.

The argument finder reads a nominal trigger's doer off its possessor, an actor modifier, a ``by``
phrase or the verb that carries it (:mod:`eventwire.events.nominal_frame`), a verb's off its subject and
objects (:mod:`eventwire.events.verbal_frame`). More ways English names a party of the act, each read
from the parse alone:

* a judgement of a summarised act is aimed at the doer of the clause the act sums up
  (:func:`summarised_doers`): a summary noun in apposition to the clause's last phrase or hung on its
  verb ("Iran expelled the diplomats, a move that was condemned by France", "..., a move condemned by
  France", "Iran says its programme is peaceful, a position backed by Russia"), or a
  non-restrictive "which" after a comma whose antecedent is a thing ("the minister said the state
  would buy the mines, which was criticised by Peru"). Whether the judgement is of the clause or of
  the thing its object names, it is aimed at the clause's doer (as "rejected the bill" is aimed at the
  bill's maker: events.agents.product_maker). Only for judging triggers: "a move that killed five" is
  an act of its own;
* a bare event noun coordinated after one with a possessor shares it ("the voters' anger and resentment
  of the parties", "Russia's invasion and occupation of Georgia"), as the series shares its trailing
  phrase (nominal_args.shared_trailing_phrase); only after a noun the lexicon reads as an act, and not
  a noun with a determiner of its own ("Iran's programme and the sanctions against it");
* a noun of one's role in an act, with the event noun in its "of" or "in" phrase (``act_role_nouns``):
  "a leader of the coup against Aristide", "the organisers of the march", "a negotiator in talks with
  Israel". The role noun names the doers; when it is no actor itself, the actor it is equated with
  is: its apposition ("one of the leaders of the coup, Colonel Diallo,"), the subject of the copula it
  is the attribute of ("Ms Diaz is the leader of the march") or the attribute of the copula it is
  the subject of ("one of the negotiators in talks with Israel is Mr Khoury"). A partitive ("one of",
  "some of") stands for the role noun;
* a verb of coming from someone with the event noun as subject (``origin_verbs``): "an invitation to
  talks came from Norway", "the strongest criticism came from Paris": the act came from its doer;
* an offer or invitation of a mutual act names whom it is made to as that act's other side: "an
  invitation for talks with the rebels", "an offer of a meeting with Iran" are made to the rebels, to
  Iran. Not a demand or appeal ("calls for talks with the rebels" are addressed to whoever is to
  hold them);
* an act noun someone is charged with is done by the one charged (:func:`charged_doers`), as a
  gerund there is by control ("accused Georgia of attacking Syria", docs/annotation.md): "the rebels
  were accused of the kidnap of 200 children", "is suspected of the abduction of the journalists",
  "has been accused of atrocities, including the kidnap of children". Only "of", which names the act
  charged, not "for", which names an outcome one is blamed for ("blamed the government for the deaths
  of protesters" says no one was killed by it); and only through nouns and prepositions: in "accused Y of supporting the attack on Z" Y supports, the attack is
  someone else's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.clauses import (
    NOMINAL_POS,
    UNREALIZED,
    VERBISH,
    clause_subjects,
    clause_verb,
    with_conjuncts,
)
from eventwire.events.control import charged_holder
from eventwire.events.lexicon import lexicon_in_use
from eventwire.events.mentions import in_list
from eventwire.events.phrases import prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["charged_doers", "offered_partners", "origin_doers", "role_holders", "shared_possessor", "summarised_doers"]

# CAMEO root of offers, promises and invitations (036 invite): made to the other side of what they offer
OFFER_ROOT = "03"
# prepositions by which an offer names what it offers ("an invitation for talks", "an offer of talks")
OFFERED_PREPS = ("for", "of", "to")
# prepositions by which a role noun takes the act it has that role in ("leader of", "negotiator in")
ROLE_PREPS = frozenset({"of", "in"})
# heads of a partitive that stands for the role noun in its "of" phrase ("one of the leaders")
PARTITIVE_HEADS = frozenset({"one", "some", "many", "most", "several", "two", "three", "few", "all", "each"})
# how a noun is equated with an actor (apposition, attribute or subject of a copula)
EQUATED_DEPS = frozenset({"appos", "attr", "nsubj"})
# the preposition by which a verb of charging names the act charged ("accused X of", "suspected of"); not
# "for", which names an outcome one is held responsible for ("blamed the government for the deaths of")
CHARGE_PREPS = frozenset({"of"})
# how far an act noun may sit below the charge's preposition ("of atrocities, including the kidnap of")
MAX_CHARGE_DEPTH = 8
# verbs that equate their subject with their attribute ("Ms Diaz is the leader of")
COPULAS = frozenset({"be", "become", "remain"})


def role_holders(head: Token) -> list[tuple[Token, str]]:
    """The doers of event noun ``head`` named by a role noun whose "of"/"in" phrase holds it (see the
    module docstring): the role noun and the actors equated with it."""
    prep = head.head
    if head.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ROLE_PREPS:
        return []
    role = prep.head
    if role.lower_ in PARTITIVE_HEADS:  # "one of the negotiators in talks": the parser hangs "in" on "one"
        role = next((t for t, _ in prep_objects(role, ("of",)) if in_list(t, "act_role_nouns")), role)
    if role.pos_ not in NOMINAL_POS or not in_list(role, "act_role_nouns"):
        return []
    while role.dep_ == "conj" and role.head.pos_ in NOMINAL_POS and role.head.dep_ in EQUATED_DEPS:
        role = role.head  # "she is the mother of a soldier and leader of a protest march": one person
    role = _partitive(role)
    # the actor the role noun is equated with names the doers better than the role noun ("negotiator")
    # never the bare role noun: "the leaders of the coup" alone may be any side's
    named = [(t, "role-apposition") for c in role.children if c.dep_ == "appos" for t in with_conjuncts(c)]
    if role.dep_ == "appos":  # "Colonel Diallo, a leader of the coup"
        named.append((role.head, "role-apposition"))
    return named + [(t, "role-copula") for t in _equated(role)]


def _partitive(role: Token) -> Token:
    """The partitive head standing for ``role`` ("one of the leaders"), else ``role`` itself."""
    of = role.head
    if role.dep_ == "pobj" and of.lower_ == "of" and of.head.lower_ in PARTITIVE_HEADS:
        return of.head
    return role


def _equated(role: Token) -> list[Token]:
    """What a copula equates ``role`` with: its subject when ``role`` is the attribute, its attribute
    when ``role`` is the subject."""
    verb = role.head
    if verb.pos_ not in VERBISH or verb.lemma_.lower() not in COPULAS:
        return []
    wanted = ("nsubj",) if role.dep_ == "attr" else ("attr",) if role.dep_ == "nsubj" else ()
    return [t for c in verb.children if c.dep_ in wanted for t in with_conjuncts(c)]


def origin_doers(head: Token) -> list[tuple[Token, str]]:
    """The doers of an event noun that is the subject of a verb of coming from someone (``origin_verbs``):
    the "from" actor ("an invitation to talks came from Norway")."""
    verb = head.head
    if head.dep_ != "nsubj" or verb.pos_ not in VERBISH or not in_list(verb, "origin_verbs"):
        return []
    return [(t, "origin") for t, _ in prep_objects(verb, ("from",))]


def offered_partners(head: Token, cameo: str) -> list[tuple[Token, str]]:
    """Whom an offer or invitation (``head``, CAMEO root ``OFFER_ROOT``) of a mutual act is made to:
    the "with" actor of what it offers ("an invitation for talks with the rebels"); "with" after an offered
    act names its other side."""
    if not cameo.startswith(OFFER_ROOT):
        return []
    offered = [t for t, _ in prep_objects(head, OFFERED_PREPS)]
    return [(t, "offered-with") for o in offered for t, _ in prep_objects(o, ("with",))]

# relative pronouns that may sum up a whole clause (not "who", which names a person)
CLAUSE_RELATIVES = frozenset({"which", "that"})
# how a summary noun hangs on the clause it sums up: in apposition to its last phrase, as an adverbial
# noun phrase or loose dependent of its verb ("..., a position that has been backed by"), or as its
# object (the parser's reading of "closed the border, a move", and "made a move that was condemned")
SUMMARY_DEPS = frozenset({"appos", "npadvmod", "dep", "dobj"})
# how many heads may lie between a summary noun's head and the verb of the summed-up clause
# ("allowed pilgrims through the Rafah crossing, a move": crossing -> through -> pilgrims? -> allowed)
MAX_CLIMB = 4


def summarised_doers(trigger: Token, slots: list[Token], own: int | None = None) -> list[tuple[Token, str]]:
    """The subjects of the clause that a judging ``trigger``'s target slot sums up: a summary noun
    (``summary_nouns``), a relative pronoun standing for one, or a non-restrictive "which" whose
    antecedent is a thing. ``slots`` are the tokens in the trigger's target slot (its passive subject
    or object); a participle modifying the noun ("a move condemned by France") adds the noun. ``own``:
    the index of the noun the rule names as its own act ("claims made by X" is X's claim, no summary)."""
    if trigger.dep_ == "acl" and trigger.tag_ == "VBN":
        slots = [*slots, trigger.head]
    for slot in (s for s in slots if s.i != own):
        verb = _summed_clause(slot, trigger)
        if verb is not None:
            subjects, how = clause_subjects(verb)
            if how != UNREALIZED:
                return [(t, "summarised-act") for t in subjects]
    return []


def _summed_clause(slot: Token, trigger: Token) -> Token | None:
    """The verb of the clause ``slot`` sums up, or None when it sums up none."""
    noun = slot
    if slot.lower_ in CLAUSE_RELATIVES and trigger.dep_ == "relcl":
        noun = trigger.head  # "a move that was condemned": the pronoun stands for the move
        if not in_list(noun, "summary_nouns"):
            # "create jobs, which was applauded": after a comma "which" may sum up the clause
            comma = slot.i > 0 and slot.doc[slot.i - 1].text == ","
            return clause_verb(noun, MAX_CLIMB + 1) if comma and slot.lower_ == "which" and noun.pos_ in ("NOUN", "PROPN") else None
    if not in_list(noun, "summary_nouns") or noun.dep_ not in SUMMARY_DEPS:
        return None
    verb = noun.head if noun.head.pos_ in VERBISH else clause_verb(noun.head, MAX_CLIMB + 1)
    # "France condemned the move": the trigger's own object is judged as a thing (events.agents)
    return None if verb is None or verb.i == trigger.i else verb


def shared_possessor(head: Token) -> list[tuple[Token, str]]:
    """The possessor of the event noun that bare event noun ``head`` is coordinated after (see the
    module docstring)."""
    first = head.head
    if head.dep_ != "conj" or first.pos_ not in NOMINAL_POS or any(c.dep_ in ("det", "poss") for c in head.children):
        return []
    # only a series of nouns written together ("disgust and resentment"): a conjunct after a phrase of
    # the first noun's own ("their deployment despite attacks ... and threats") is coordinated elsewhere
    between = head.doc[first.i + 1:head.left_edge.i]
    if not between or any(t.dep_ not in ("cc", "punct") for t in between):
        return []
    if not lexicon_in_use().match(first):
        return []  # "its forces and threats of a commander": the forces are no act
    return [(c, "shared-possessor") for c in first.children if c.dep_ == "poss"]


def charged_doers(head: Token) -> list[tuple[Token, str]]:
    """The one charged with the act noun ``head``: the passive subject, else the object, of the verb of
    charging (``charging_verbs``) whose "of" phrase holds the noun, reached through nouns and
    prepositions only ("of atrocities, including the kidnap of children"); else none."""
    node = head
    for _ in range(MAX_CHARGE_DEPTH):
        parent = node.head
        if parent.i == node.i or node.dep_ in ("nsubj", "nsubjpass", "appos"):
            return []
        if node.dep_ == "pobj" and parent.lower_ in CHARGE_PREPS and in_list(parent.head, "charging_verbs"):
            verb = parent.head
            charged = [c for c in verb.children if c.dep_ == "nsubjpass"] \
                or [c for c in verb.children if c.dep_ in ("dobj", "obj")]
            return [(t, "charged") for c in charged for t in with_conjuncts(c)]
        holder = charged_holder(parent) if node.dep_ == "pobj" and parent.lower_ in CHARGE_PREPS else None
        if holder is not None:  # "accused [Y of the kidnap of]", as parsed
            return [(t, "charged") for t in with_conjuncts(holder)]
        if parent.pos_ not in (*NOMINAL_POS, "ADP") and parent.lower_ != "including":
            return []  # "accused Y of supporting the attack": a verb between, whose act the noun is not
        node = parent
    return []
