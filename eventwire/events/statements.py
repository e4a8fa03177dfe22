"""Statements about someone: "X said Y is the world's largest sponsor of terrorism" is X accusing Y.

The annotation guidelines (docs/annotation.md rule 3) code a statement whose content carries a type
("X said Y is wrong" -> ACCUSE, "X described Y as loyal" -> SUPPORT); a plain "said" with no one
spoken about is not an event. No trigger word says which type, so these candidates go to the
classifier: the speaker (a dictionary actor) is marked as source, the first other dictionary actor
spoken about in the verb's complement as target, and the event stands only when the model is
confident and its type is one a statement can carry (``statement_types``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.arguments import Argument, clause_subjects, role_argument
from eventwire.events.identity import same_actor
from eventwire.events.mentions import in_list, syntax_words

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.events.mentions import ActorIndex
    from eventwire.records import Actor

__all__ = ["statement_pairs", "characterizes", "CHARACTERIZES", "ACTED_ON", "is_statement_type", "asks_for_something", "instructs", "INSTRUCTION_CAMEO", "INSTRUCTION_WEIGHT"]

# dependents of a verb of saying that hold what was said (a clause, a quotation, "described X as Y")
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "parataxis"})
# relations of an actor (or the word it modifies) that the statement is about: "Iran is a sponsor",
# "described Powell as", "Bush's behaviour"; not a prepositional place or time ("in the Bundestag")
ABOUT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss", "attr", "oprd", "appos"})
# clauses inside the content that describe or set the scene rather than carry the claim: an actor in
# them is named in passing ("said any bill which the opposition opposes will need ...", "said the
# conditions were not stable enough for the refugees to return"). Participial clauses (acl) are left
# out: skipping them cost a PETR2 gold pair and gained one tune event, not a general enough case.
SCENE_CLAUSES = frozenset({"relcl", "advcl"})
# entity types of a speaker the dictionaries do not know (the actor resolver may code it from context)
NAMED_SPEAKERS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# "X told Y to leave" is X demanding of Y (CAMEO 100 demand, PLOVER REQUEST) whatever the infinitive
# says; a construction, so a weak rule the model may retype and that is dropped if it excludes REQUEST
INSTRUCTION_CAMEO = "100"
INSTRUCTION_WEIGHT = 0.5
# per sentence: a statement about several actors is offered for the first ones only
MAX_STATEMENTS_PER_SENTENCE = 2
# verbs that link a subject to what is said of it ("Iran is a sponsor", "the army remains the saviour")
COPULAS = frozenset({"be", "remain", "become", "seem", "appear"})
# relations of what a copula says its subject is: a noun or an adjective, not a place ("was on the
# scene", "were in Iraqi waters": a fact about where someone is, not a judgement of them)
PREDICATE_DEPS = frozenset({"attr", "acomp"})
# shapes of a statement (statement_pairs): what it says of its actor, or "" for neither
CHARACTERIZES = "characterizes"
ACTED_ON = "acted-on"
# relations inside a subject's phrase through which a name is that subject ("the Lula government",
# "the leader of Chile, Salvador Allende")
SUBJECT_PHRASE_DEPS = frozenset({"compound", "amod", "appos"})


def is_statement_type(plover_type: str, verb: Token | None = None) -> bool:
    """Whether a statement alone can carry this PLOVER type (ACCUSE, SUPPORT, REQUEST, ...); with the
    verb of saying, a REQUEST also needs content that asks for something (``request_cues``)."""
    words = syntax_words()
    if plover_type.lower() not in words["statement_types"]:
        return False
    return verb is None or plover_type.upper() != "REQUEST" or asks_for_something(verb)


def asks_for_something(verb: Token) -> bool:
    """Whether what ``verb`` reports holds a modal of obligation or a verb of wanting or asking
    ("said the minister should resign", "told VTM he wanted the minister to act"), or is an
    imperative quotation ("said: 'Leave now'")."""
    cues = syntax_words()["request_cues"]
    for child in verb.children:
        if child.dep_ not in CONTENT_DEPS:
            continue
        if child.tag_ == "VB" and not any(g.dep_ in ("nsubj", "aux", "mark") for g in child.children):
            return True  # an imperative: "Stop the killing," he said
        words = list(child.subtree)
        for i, token in enumerate(words):
            # a modal or a verb ("should", "wants"), not a noun ("Gore's incessant need", "the call")
            if token.pos_ in ("AUX", "VERB") and (token.lower_ in cues or token.lemma_.lower() in cues):
                return True
            if i + 1 < len(words) and f"{token.lower_} {words[i + 1].lower_}" in cues:
                return True
    return False


def _spoken_about(verb: Token, index: ActorIndex, speaker: Actor) -> tuple[Token, Argument] | None:
    """The first dictionary actor the content of ``verb`` is about: a subject, object or possessor
    in it, not a place named in passing ("a majority in the Bundestag") nor the addressee of "tell"."""
    # "told reporters that ..." speaks to its object; "told X to leave" instructs X, who is then the
    # one spoken about (an instruction is a request of its addressee)
    addressee_verb = in_list(verb, "address_verbs") and not instructs(verb)
    for child in verb.children:
        if child.dep_ not in CONTENT_DEPS or (addressee_verb and child.dep_ == "dobj"):
            continue
        for token in child.subtree:
            actor = index.covering(token)
            if actor is None or actor.code is None or token.pos_ == "PRON":
                continue
            if token.dep_ not in ABOUT_DEPS and token.head.dep_ not in ABOUT_DEPS:
                continue
            if _in_scene_clause(token, child):
                continue
            if _own_side(actor, speaker):
                continue  # the speaker's own side ("Iran said Iranian forces ...")
            return token, Argument(_as_reported(index, token, actor), token.i, "statement-about")
    return None


def characterizes(token: Token) -> bool:
    """Whether an actor spoken about is the subject of a copular clause that says what it is ("said
    Bob Barr is a fraud", "said the courts were biased", "saying '[Bush] is a lot more intelligent'"):
    the speaker characterises it, praise or blame, whatever the words (docs/annotation.md rule 3: "X
    said Y is wrong" is ACCUSE). Not a place or state of being somewhere ("said an ambulance was on
    the scene")."""
    subject = token
    while subject.dep_ in SUBJECT_PHRASE_DEPS and subject.head.i != subject.i:
        subject = subject.head
    copula = subject.head
    return subject.dep_ == "nsubj" and copula.lemma_.lower() in COPULAS \
        and any(c.dep_ in PREDICATE_DEPS for c in copula.children)


def _acted_on(token: Token, verb: Token) -> bool:
    """Whether an actor is the direct object of a verb inside what was said ("said that transforming
    Hezbollah into a party should ...", "said he would lead street protesters"): the content tells what
    is done to it, not what it is or did, and such a statement is read last. On the real-news train even
    half none of the 30 statements about such an object was a gold pair; not offering them at all cost a
    right event on the odd half. Not the object of the verb of saying itself ("called the plan a sham",
    "told X to leave")."""
    phrase = token
    while phrase.dep_ in SUBJECT_PHRASE_DEPS and phrase.head.i != phrase.i:
        phrase = phrase.head
    return phrase.dep_ == "dobj" and phrase.head.i != verb.i


def _as_reported(index: ActorIndex, token: Token, actor: Actor) -> Actor:
    """The mention as the argument finder reports an argument: a description joined with the name set
    beside it ("claimed that the leader of Chile, Salvador Allende, was ..." is about Allende, and
    the gold names him), else the mention itself."""
    read = index.actor_for(token, allow_unresolved=False)
    if read is not None and read.code and read.start <= actor.start and read.end >= actor.end:
        return read
    return actor


def _own_side(actor: Actor, speaker: Actor) -> bool:
    """Whether an actor of the content is the speaker or the state the speaker belongs to ("the minister
    said Iran will ..."). Two people of one code are two actors: a pronoun speaker is often coded by
    its country alone, as is the person it speaks of ("She has done so with courage," he said), and a
    statement about another member of one's own government or party is still about someone else."""
    if not speaker.code or not actor.code:
        return False
    if actor.code != speaker.code:
        return speaker.code.startswith(actor.code)
    return same_actor(actor, speaker)


def _in_scene_clause(token: Token, content: Token) -> bool:
    """Whether ``token`` sits in a relative or adverbial clause below the content head."""
    node = token
    while node.i != content.i and node.head.i != node.i:
        if node.dep_ in SCENE_CLAUSES:
            return True
        node = node.head
    return False


def _reported_within(verb: Token) -> bool:
    """Whether ``verb`` heads the content of another verb of saying ("He said he believes Iran is
    ...", "noted that they think ..."): the outer verb offers the statement, and a second reading of
    the same content by the inner one could only retype it."""
    node = verb
    while node.dep_ in CONTENT_DEPS and node.head.i != node.i:
        node = node.head
        if node.pos_ in ("VERB", "AUX") and in_list(node, "statement_verbs"):
            return True
    return False


def instructs(verb: Token) -> bool:
    """Whether ``verb`` has an object and a ``to``-infinitive complement: "told the army to withdraw"."""
    has_object = any(c.dep_ == "dobj" for c in verb.children)
    return has_object and any(
        c.dep_ == "xcomp" and c.tag_ == "VB" and any(g.lower_ == "to" for g in c.lefts) for c in verb.children)


def statement_pairs(sent: Span, index: ActorIndex, skip_heads: set[int]) -> list[tuple[Token, Argument, Argument, str]]:
    """(verb, speaker, actor spoken about, the statement's shape) for verbs of saying whose subject is a
    dictionary actor; the shape is CHARACTERIZES (:func:`characterizes`), ACTED_ON (:func:`_acted_on`) or ""."""
    out: list[tuple[Token, Argument, Argument, str]] = []
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or verb.i in skip_heads or not in_list(verb, "statement_verbs"):
            continue
        if _reported_within(verb):
            continue  # "said he believes Iran is ...": one statement, offered once, by its outer verb
        subjects, how = clause_subjects(verb)
        if not subjects:
            continue
        speaker = role_argument(index, sent, subjects[0], how, source=True)
        if speaker is None or (speaker.actor.code is None and subjects[0].ent_type_ not in NAMED_SPEAKERS):
            continue  # a named person or body the dictionaries miss may speak; "the statement" not
        found = _spoken_about(verb, index, speaker.actor)
        if found is not None:
            out.append((verb, speaker, found[1], CHARACTERIZES if characterizes(found[0])
                        else ACTED_ON if _acted_on(found[0], verb) else ""))
        if len(out) >= MAX_STATEMENTS_PER_SENTENCE:
            break
    return out
