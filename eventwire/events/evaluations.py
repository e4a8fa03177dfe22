"""Statements that judge someone: "X said the government had failed" is X criticising the government.

The annotation guidelines (docs/annotation.md rule 3) code "X said Y is wrong" as ACCUSE and "X
described Y as loyal" as SUPPORT. No trigger word of the lexicon carries these: the judgement is a
word of blame or praise inside what was said. :func:`judged_statements` finds a verb of saying whose
speaker is an actor, reads its clausal complement (or the quotation it introduces, or the object of
"called it a waste"), and looks there for a cue of ``data/events/evaluations.yaml``; the target is
the actor the judged predicate is about (the subject, possessor or object nearest above the cue).
A negated praise is blame ("they don't get the fundamentals right"); a negated blame and a clause
with both praise and blame are left to the classifier (:mod:`eventwire.events.statements`).

:func:`claimed_acts` reads the other half of such sentences: an act of force or coercion that a
speaker *claims* ("They claim the police attacked villages") is the speaker accusing its doer.

This module holds the statements and whom a cue judges; the cues themselves (the word lists, what a
verb of saying reports, negation and the cues that judge no one) are in
:mod:`eventwire.events.judgement_cues`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.events.agents import product_maker
from eventwire.events.arguments import Argument, role_argument
from eventwire.events.candidates import Candidate
from eventwire.events.clauses import SUBJECT_DEPS, clause_subjects, with_conjuncts
from eventwire.events.combine import rule_plover_type
from eventwire.events.identity import same_actor
from eventwire.events.judged_scope import is_speakers_own_voice
from eventwire.events.judgement_cues import (
    DESCRIBING,
    EVALUATIONS_FILE,
    MAX_CLIMB,
    REGARDING,
    clause_cues,
    content_roots,
    describers,
    evaluation_words,
    is_speech_verb,
    judged_objects,
    lemma,
)
from eventwire.events.mentions import RELATIVE_PRONOUNS, in_list

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.events.mentions import ActorIndex

__all__ = ["Judgement", "judged_statements", "claimed_acts", "judgement_candidates", "EVALUATIONS_FILE", "JUDGEMENT_WEIGHT",
           "CLAIM_CAMEO", "CLAIMED_TYPES"]

#: a construction, not a trigger word: the model may lower its confidence but not retype it freely
JUDGEMENT_WEIGHT = 0.6
#: CAMEO 112 accuse: what a speaker claims another did
CLAIM_CAMEO = "112"
#: PLOVER types of the acts whose claim is an accusation of their doer
CLAIMED_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN"})
# dependents of a node on the way up from a cue that name whom the judged predicate is about
ABOUT_DEPS = ("poss", "nsubj", "nsubjpass", "dobj", "attr", "agent", "pobj")
# prepositions of a judged noun that name those who make or share it ("a cabal between X and Y",
# "violations by the army"); not "of", which names the victim of an act ("the torture of detainees")
MAKERS_PREPS = frozenset({"between", "among", "by"})
# relations of a noun that is the predicate said of a subject ("was an honest man", "called it a waste")
PREDICATE_NOUN_DEPS = frozenset({"attr", "oprd"})
# relations of a verb of wrongdoing that name whom the wrong is done to ("the regime oppresses its
# people", "he was kidnapped"): the one judged is its doer, never these
UNDERGOER_DEPS = frozenset({"dobj", "nsubjpass"})
# relations through which a passive verb of wrongdoing borrows its subject ("they are likely to be tortured")
RAISING_DEPS = frozenset({"xcomp", "acomp", "conj"})
#: CAMEO 051 praise: a speaker's praise of its own body is not an event between two actors
PRAISE_CAMEO = "051"
MAX_TARGETS = 2
# prepositions of a cue that name what the feeling or judgement is about ("disappointed by the move",
# "disappointed with the ruling", "outrage at the decision", "anger over the ban")
OBJECT_OF_FEELING_PREPS = frozenset({"by", "at", "in", "with", "over", "about"})


@dataclass(frozen=True)
class Judgement:
    """A judging statement: the speech verb (the event's head), the cue that makes it one (the quoted
    trigger), the speaker (source), the one judged (target), and the CAMEO code of the judgement."""

    verb: Token
    cue: Token
    source: Argument
    target: Argument
    cameo: str
    rule_id: str


def _same_body(speaker: Argument, target: Argument) -> bool:
    """The speaker's own body: the same sector of the same country ("the Romanian Prime Minister" and
    "the government", both ROUGOV; a generic "government" takes the article's country later)."""
    own, other = speaker.actor, target.actor
    return bool(other.sector) and other.sector == own.sector and (other.country or own.country) == own.country


def _own_side(speaker: Argument, target: Argument) -> bool:
    """The speaker itself, or the speaker's own country as a whole ("Iran said Iran ...")."""
    if same_actor(speaker.actor, target.actor) or speaker.token == target.token:
        return True
    code, own = target.actor.code or "", speaker.actor.code or ""
    return len(code) == 3 and own.startswith(code)


def _actors_at(node: Token, index: ActorIndex, sent: Span, fits: Callable[[Argument], bool],
               makers: bool = False) -> list[Argument]:
    """Actors a node's predicate is about: the node itself, its possessor, subject, object or agent
    (and the names coordinated with them, or inside the subject's phrase: "the decision from
    President Chirac"); with ``makers`` (the cue noun itself), those its preposition names as making
    it, not a word the cue only describes ("a good relationship between X and Y" judges neither)."""
    candidates = [node] + [c for dep in ABOUT_DEPS for c in node.children if c.dep_ == dep]
    if makers and node.pos_ == "NOUN":  # the cue "a cabal between X and Y", "abuses by the police"
        candidates += [g for c in node.children if c.dep_ == "prep" and c.lower_ in MAKERS_PREPS
                       for g in c.children if g.dep_ == "pobj"]
    for token in candidates:  # the first role that names any: "Iran failed its people" judges Iran
        out: list[Argument] = []
        for part in with_conjuncts(token):
            arg = role_argument(index, sent, part, "judged", source=False)
            if arg is None and part.dep_ in SUBJECT_DEPS:
                inner = [t for t in part.subtree if t.dep_ == "pobj" and index.covering(t) is not None]
                arg = role_argument(index, sent, inner[0], "judged", source=False) if inner else None
            if arg is not None and fits(arg) and all(a.actor != arg.actor for a in out):
                out.append(arg)
        if out:
            return out
    return []


def _judged(cue: Token, root: Token, verb: Token, speakers: list[Argument], index: ActorIndex,
            sent: Span) -> list[Argument]:
    """Whom the cue judges: the actors of the nearest node at or above it that names any; not a
    speaker, the speaker's own state, nor the one spoken to ("told Israel Army Radio that ...")."""
    addressees = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in verb.children
                  if c.dep_ in ("dobj", "dative") and lemma(verb) not in DESCRIBING | REGARDING]
    speaker_tokens = {s.token for s in speakers}
    harmed = _undergoers(cue)

    def fits(arg: Argument) -> bool:
        # a pronoun resolved to the addressee is the addressee too ("told the Radio that it was ...")
        spoken_to = any(start <= arg.actor.start < end for start, end in addressees)
        # the cue naming a kind of person is what is said, not whom ("called him a liar")
        said = arg.token == cue.i and index.covering(cue) is not None
        if spoken_to or said or arg.token in speaker_tokens or arg.token in harmed or is_speakers_own_voice(sent.doc[arg.token]):
            return False
        return not any(_own_side(s, arg) for s in speakers)

    if harmed:  # "it was disappointed by the move": the speaker is the one harmed, the move is judged
        doers = _doers(cue, index, sent, fits)
        # "said the two laws violated the constitution": a product that does the wrong stands for its maker
        felt = None if doers else _judged_product(cue, root, index)
        return doers or ([felt] if felt is not None else [])
    node = cue
    for _ in range(0 if root.dep_ == "prep" else MAX_CLIMB):  # "described Powell as a loyal soldier": Powell
        # a predicate noun above the cue is what is said of the subject, not whom: "said Blair was an
        # honest man", "said Hamas is a terrorist group" judge Blair and Hamas, not "man" or "group"
        predicate = node.i != cue.i and node.dep_ in PREDICATE_NOUN_DEPS
        found = [] if predicate else _actors_at(node, index, sent, fits, makers=node.i == cue.i)
        if found:
            return found[:MAX_TARGETS]
        if node == root or node.head == node:
            break
        node = node.head
    if lemma(verb) in DESCRIBING | REGARDING:
        objects = judged_objects(verb)
        found = [a for o in objects for a in _actors_at(o, index, sent, fits)]
        if found:
            return found[:MAX_TARGETS]
        judged = _judged_object(objects, index)
        if judged is not None:
            return [judged]
    product = _judged_product(cue, root, index)
    return [product] if product is not None else []


def _judged_object(objects: list[Token], index: ActorIndex) -> Argument | None:
    """"Called the drawings unacceptable", "described the fraud as a disgraceful breach": the thing a
    describing verb judges names no actor, but stands for its maker as the product nouns do (an
    uncoded target spanning its noun phrase; docs/annotation.md, "Spans"). Not a pronoun: "it" is
    resolved as an actor or not at all."""
    for obj in objects:
        actor = (product_maker(obj, index) or index.unresolved(obj, any_head=True)) if obj.pos_ == "NOUN" else None
        if actor is not None:
            return Argument(actor, obj.i, "judged-object")
    return None


def _undergoers(cue: Token) -> set[int]:
    """Token indices of whom a verb of wrongdoing as the cue is done to: its object and its passive
    subject, or the subject a passive borrows from the verbs that carry it ("said the prisoners were
    likely to be tortured", "said the regime was oppressing the population", "said an engineer had been
    kidnapped"). A speaker who reports a wrong done to someone does not blame the victim."""
    if cue.pos_ != "VERB":
        return set()
    found = [c for c in cue.children if c.dep_ in UNDERGOER_DEPS]
    passive = any(c.dep_ == "auxpass" for c in cue.children)
    node = cue
    for _ in range(MAX_CLIMB):
        if found or not passive or node.dep_ not in RAISING_DEPS or node.head.i == node.i:
            break
        node = node.head
        found = [c for c in node.children if c.dep_ in SUBJECT_DEPS | UNDERGOER_DEPS]
    # "Al-Sherif, who was kidnapped": the relative pronoun's antecedent is the one harmed
    found += [a.head for t in found if t.lower_ in RELATIVE_PRONOUNS for a in t.ancestors if a.dep_ == "relcl"][:1]
    return {part.i for token in found for part in with_conjuncts(token)}


def _doers(cue: Token, index: ActorIndex, sent: Span, fits: Callable[[Argument], bool]) -> list[Argument]:
    """Who did a wrong the cue names and whose victim the clause names: the cue's own subject, the
    subject of the verbs that carry it, or the noun a participle or a relative clause describes ("a
    regime oppressing its people"). Not further up: a clause that names the victim but not the doer
    blames no one ("alleging they were tortured"). A passive's "by" phrase is not read: on real news
    it was mostly a report of who did it ("kidnapped by armed men, police said"), not a judgement."""
    node = cue
    for _ in range(MAX_CLIMB):
        found = _actors_at(node, index, sent, fits)
        if found:
            return found[:MAX_TARGETS]
        if node.dep_ in RAISING_DEPS and node.head.i != node.i:
            node = node.head
            continue
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS | UNDERGOER_DEPS]
        if node.dep_ == "acl" or (node.dep_ == "relcl" and all(c.lower_ in RELATIVE_PRONOUNS for c in subjects)):
            return _actors_at(node.head, index, sent, fits)[:MAX_TARGETS]
        break
    return []


def _judged_product(cue: Token, root: Token, index: ActorIndex) -> Argument | None:
    """"The arrest is illegal": no actor is named, but an act or product is the subject of the judged
    predicate (or of the wrong a verb cue names: "the laws violated the constitution"); it stands for
    its maker (an uncoded target spanning its noun phrase). So does the object of the cue's own
    preposition: "said it was disappointed by the move"."""
    felt = _felt_product(cue, index)
    if felt is not None:
        return felt
    if cue.head.dep_ == "agent":
        return None  # "the acts were committed by cowards": the cue names the doers, not a judged act
    node = cue
    for _ in range(MAX_CLIMB):
        for child in node.children:
            # not the phrase holding the cue: "the acts of sabotage included a fire" judges no act
            if child.dep_ in ("nsubj", "nsubjpass") and lemma(child) in evaluation_words()["products"] \
                    and not child.left_edge.i <= cue.i <= child.right_edge.i:
                # coded as its maker when one can be told, as a rule's target is ("rejected the bill")
                actor = product_maker(child, index) or index.unresolved(child, any_head=True)
                return Argument(actor, child.i, "judged-product") if actor is not None else None
        if node == root or node.head == node:
            return None
        node = node.head
    return None


def _felt_product(cue: Token, index: ActorIndex) -> Argument | None:
    """A product named by the cue's own preposition ("disappointed by the move", "disappointed with the
    ruling"): what the speaker's feeling is about stands for its maker as a judged product does. Only a
    product noun: "disappointed by the weather" judges no one, and a passive's "by" actor is left to
    :func:`_doers` (a report of who did it, not a judgement)."""
    for prep in (c for c in cue.children if c.dep_ in ("prep", "agent") and c.lower_ in OBJECT_OF_FEELING_PREPS):
        for child in (g for g in prep.children if g.dep_ == "pobj" and lemma(g) in evaluation_words()["products"]):
            actor = product_maker(child, index) or index.unresolved(child, any_head=True)
            return Argument(actor, child.i, "judged-product") if actor is not None else None
    return None


def _speakers(verb: Token, index: ActorIndex, sent: Span) -> list[Argument]:
    by = describers(verb)  # "the rebels were described as terrorists by the minister"
    subjects, how = (by, "agent") if by else clause_subjects(verb)
    out = []
    for token in subjects:
        arg = role_argument(index, sent, token, f"speaker-{how}", source=True)
        if arg is not None and (arg.actor.code is not None or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")):
            out.append(arg)
    return out


def _first_judged(cues: list[tuple[Token, str]], root: Token, verb: Token, speakers: list[Argument],
                  index: ActorIndex, sent: Span) -> tuple[Token, str, list[Argument]]:
    """The first cue (in the clause's order) that judges someone, with its code and whom: in "claiming
    it was unfair and that X had rigged the vote" "unfair" is said of an unnamed "it", "rigged" judges X."""
    for cue, cameo in cues:
        targets = _judged(cue, root, verb, speakers, index, sent)
        if targets:
            return cue, cameo, targets
    return cues[0][0], cues[0][1], []


def _quoted_self(verb: Token, speakers: list[Argument], speech: frozenset[str]) -> bool:
    """"'We cannot but say the system is insufficient,' Machimura told reporters": a speaker's "we say"
    inside its own quotation is the statement the outer verb already reports (its "we" read as the
    same speaker); the outer one holds the event, its speaker named."""
    if not all(is_speakers_own_voice(verb.doc[s.token]) for s in speakers):
        return False
    return any(is_speech_verb(above, speech) for above in verb.ancestors)


def judged_statements(sent: Span, index: ActorIndex) -> list[Judgement]:
    """Every "X said Y ... <blame or praise>" of a sentence whose speaker and the one judged are actors."""
    words = evaluation_words()
    out: list[Judgement] = []
    for verb in sent:
        speech = is_speech_verb(verb, words["speech"]) or (verb.pos_ == "VERB" and lemma(verb) in REGARDING)
        if not speech or in_list(verb, "negation_governors"):
            continue
        speakers = _speakers(verb, index, sent)
        if not speakers or _quoted_self(verb, speakers, words["speech"]):
            continue
        subject = sent.doc[speakers[0].token]
        for root in content_roots(verb):
            negative, positive = clause_cues(root, verb, subject, index)
            if bool(negative) == bool(positive):
                continue  # nothing judged, or praise and blame at once: the classifier reads it
            cue, cameo, targets = _first_judged(negative or positive, root, verb, speakers, index, sent)
            if cameo == PRAISE_CAMEO:  # "the Prime Minister said the government is capable": self-praise
                targets = [t for t in targets if not any(_same_body(s, t) for s in speakers)]
            out.extend(Judgement(verb, cue, speaker, target, cameo, f"{cameo}.judged_statement")
                       for speaker in speakers for target in targets)
    return out


def claimed_acts(sent: Span, index: ActorIndex, acts: list[tuple[Token, Argument, str]]) -> list[Judgement]:
    """Speaker ACCUSE doer for each act (head, doer, PLOVER type) of ``CLAIMED_TYPES`` that lies in
    what a verb of claiming reports and that the speaker does not claim of itself."""
    words = evaluation_words()
    out: list[Judgement] = []
    for verb in sent:
        if not is_speech_verb(verb, words["claim"]):
            continue
        speakers = _speakers(verb, index, sent)
        reported = {t.i for root in content_roots(verb) for t in root.subtree}
        for head, doer, plover_type in acts:
            if plover_type not in CLAIMED_TYPES or head.i not in reported:
                continue
            out.extend(Judgement(verb, head, speaker, doer, CLAIM_CAMEO, f"{CLAIM_CAMEO}.claimed_act")
                       for speaker in speakers
                       if not _own_side(speaker, doer) and speaker.actor.code != doer.actor.code)
    return out


def judgement_candidates(si: int, sent: Span, index: ActorIndex, found: list[Candidate]) -> list[Candidate]:
    """Candidates of judging statements and claimed acts in one sentence, given its trigger
    candidates ``found``: the speech verb is the head (modes, date), the cue or claimed act the
    quoted trigger."""
    acts = [(c.head, c.source, rule_plover_type(c.cameo) or "") for c in found if c.cameo and not c.nominal]
    judgements = judged_statements(sent, index) + claimed_acts(sent, index, acts)
    return [Candidate(si, sent, j.verb, (j.cue.i, j.cue.i + 1), j.source, j.target, False, j.cameo, j.rule_id,
                      JUDGEMENT_WEIGHT, {}, construction=True) for j in judgements]
