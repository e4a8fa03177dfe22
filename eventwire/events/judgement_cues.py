"""The cues of a judging statement: the blame and praise words of ``data/events/evaluations.yaml``
and where in a reported clause they count.

:func:`content_roots` finds what a verb of saying reports (its clausal complement, a quotation hung
as parataxis, the predicate of "called it a waste"); :func:`clause_cues` reads that clause for
cues of blame and praise, each with its CAMEO code, after negation ("don't get it right" is blame)
and leaving out cues that judge no one for the speaker (a name, a kind of thing, a condition,
another holder's opinion). Whom a cue judges, and the statements themselves, are in
:mod:`eventwire.events.evaluations`.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.data_files import read_shipped_yaml, shipped_file_error
from eventwire.events.clauses import SUBJECT_DEPS
from eventwire.events.judged_scope import in_undergone_phrase

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.mentions import ActorIndex

__all__ = ["evaluation_words", "lemma", "is_speech_verb", "content_roots", "clause_cues", "is_predicate_noun",
           "judged_objects", "describers", "EVALUATIONS_FILE",
           "DESCRIBING", "REGARDING", "MAX_CLIMB"]

EVALUATIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "events" / "evaluations.yaml"
# dependents of a verb of saying that hold what was said
CONTENT_DEPS = frozenset({"ccomp", "parataxis", "oprd", "xcomp", "advcl"})
# relations by which a verb or adjective only carries the clause of the verb above it
CARRYING_DEPS = frozenset({"xcomp", "acomp", "aux", "auxpass", "conj"})
# relations of a noun that make it the predicate of the judged clause ("it is a useless waste")
PREDICATIVE_DEPS = frozenset({"attr", "oprd", "acomp", "appos", "ROOT", "ccomp", "parataxis", "dobj"})
CONDITIONS = frozenset({"if", "unless", "whether", "lest"})
NEGATORS = frozenset({"not", "n't", "never", "no", "nothing", "neither", "nor", "hardly"})
# adverbs after "not" that widen what follows instead of negating it ("not just", "not only")
WIDENING_ADVERBS = frozenset({"just", "only", "merely", "simply", "solely"})
# verbs that negate what they govern ("failed to get it right", "refused to admit its mistake")
NEGATING_VERBS = frozenset({"fail", "refuse", "decline", "deny", "stop", "cease", "lack"})
# verbs whose object is what they judge ("called it a waste", "described Powell as loyal")
DESCRIBING = frozenset({"call", "describe", "label", "term", "brand"})
# verbs that judge their object only through "as" ("Ethiopia sees the action as a provocation", "views
# the law as unhelpful", "referred to his rival as a usurper"); their other complements are beliefs or
# business, not statements
REGARDING = frozenset({"view", "regard", "see", "refer"})
# the preposition that holds the object of a verb of REGARDING that takes none directly ("refer to X as")
OBJECT_PREPS = {"refer": "to"}
# verbs whose object is the subject's own performance, so that its attribute judges the subject ("did a
# good job", "does excellent work")
PERFORMING = frozenset({"do"})
# nouns of evidence whose clause a negator denies ("no evidence that", "no proof that")
EVIDENCE_NOUNS = frozenset({"evidence", "proof", "sign", "indication"})
# how far above a cue its clause's actors are looked for
MAX_CLIMB = 8


@cache
def evaluation_words() -> dict[str, Any]:
    """The word lists of ``data/events/evaluations.yaml``, read once."""
    try:
        raw = read_shipped_yaml(EVALUATIONS_FILE)
        return {
            "speech": frozenset(str(v).lower() for v in raw["speech_verbs"]),
            "claim": frozenset(str(v).lower() for v in raw["claim_verbs"]),
            "negative": {str(k).lower(): str(v) for k, v in raw["negative"].items()},
            "positive": {str(k).lower(): str(v) for k, v in raw["positive"].items()},
            "adjective_only": frozenset(str(v).lower() for v in raw["adjective_only"]),
            "predicate_only": frozenset(str(v).lower() for v in raw["predicate_only"]),
            "complement_only": {str(k).lower(): frozenset(str(p).lower() for p in v)
                                for k, v in raw["complement_only"].items()},
            "opinion": frozenset(str(v).lower() for v in raw["opinion_verbs"]),
            "opposing": frozenset(str(v).lower() for v in raw["opposing_verbs"]),
            "products": frozenset(str(v).lower() for v in raw["product_nouns"]),
            "unfaithful": {str(k).lower(): str(v) for k, v in raw["unfaithful_prefixes"].items()},
        }
    except (KeyError, TypeError, AttributeError) as exc:
        raise shipped_file_error(EVALUATIONS_FILE, exc) from exc


def lemma(token: Token) -> str:
    """The lower-case lemma: the lists are matched by it."""
    return token.lemma_.lower()


def is_speech_verb(token: Token, words: frozenset[str]) -> bool:
    """Whether a verb (by lemma or form) is one of ``words`` (verbs of saying or of claiming)."""
    return token.pos_ in ("VERB", "AUX") and (lemma(token) in words or token.lower_ in words)


def _cue_code(token: Token, table: dict[str, str], adjective_only: frozenset[str], blame: bool = False) -> str | None:
    if blame and _unfaithful(token):
        return evaluation_words()["unfaithful"][token.lower_]
    word = lemma(token) if lemma(token) in table else token.lower_
    if word not in table or (word in adjective_only and token.pos_ != "ADJ" and not (blame and is_predicate_noun(token))):
        return None  # "a terrorist group" names a kind; "described them as terrorists" blames them
    if word in evaluation_words()["predicate_only"] and not _predicated(token):
        return None
    preps = evaluation_words()["complement_only"].get(word)
    if preps is not None and not any(c.dep_ == "prep" and c.lower_ in preps for c in token.children):
        return None  # "a very responsible police department": not "responsible for" anything
    if token.tag_ in ("JJR", "JJS", "RBR", "RBS"):
        return None  # "greater freedom", "the largest": a comparison, not a judgement
    return table[word]


def _unfaithful(token: Token) -> bool:
    """"Said the ban was un-Australian", "called it un-Islamic": a prefix of ``unfaithful_prefixes``
    written onto a capitalised word (a nation, a creed) says what is judged betrays it; the parser
    splits it as "un", "-", "Australian". Not "UN-led": the acronym."""
    if token.lower_ not in evaluation_words()["unfaithful"] or token.is_upper or token.whitespace_ or token.i + 2 >= len(token.doc):
        return False
    hyphen, name = token.nbor(1), token.nbor(2)
    return hyphen.text == "-" and not hyphen.whitespace_ and name.text[:1].isupper() and name.pos_ in ("ADJ", "PROPN")


def _predicated(cue: Token) -> bool:
    """Whether a noun or adjective is what is said of someone ("is a threat", "considered Iran a
    threat", "described it as a menace", "called the targets ambitious and credible") or a noun names
    its actor in itself ("the Hezbollah threat"); not a thing's attribute ("credible assurances")."""
    first = cue
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.dep_ in ("attr", "oprd", "appos", "acomp") or (
            first.dep_ == "pobj" and first.head.lower_ == "as" and first.head.head.lemma_.lower() in DESCRIBING | REGARDING):
        return True
    return any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in cue.children)


def is_predicate_noun(noun: Token) -> bool:
    """Whether a noun is what a clause or a describing verb says someone is ("X is a liar", "called
    X a thief", "described X as a usurper"): a noun naming a kind of person is then the judgement
    itself, not a third party."""
    as_object = noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.lemma_.lower() in DESCRIBING | REGARDING
    return noun.pos_ == "NOUN" and (noun.dep_ in ("attr", "oprd") or as_object)


def _negated(cue: Token, top: Token) -> bool:
    """Whether something in the cue's own clause negates it: a negator on the way up to the clause's
    verb, through the verbs that only carry it ("don't seem to be able to get it right")."""
    node = cue
    for _ in range(MAX_CLIMB):
        if any(c.dep_ in ("neg", "det", "advmod", "prep") and c.lower_ in NEGATORS and not _restricting(c)
               for c in node.children):
            return True
        if node is not cue and lemma(node) in NEGATING_VERBS:
            return True
        clause_head = node.pos_ in ("VERB", "AUX") and node.dep_ not in CARRYING_DEPS
        if clause_head and _denied_evidence(node):
            return True
        if clause_head or node == top or node.head == node:
            return False
        node = node.head
    return False


def _denied_evidence(clause: Token) -> bool:
    """"There was no evidence the men were responsible": a clause that is the content of a noun of
    evidence the speaker denies ("no evidence", "no proof that") is not asserted. Not "no doubt that":
    that one affirms."""
    noun = clause.head
    return clause.dep_ in ("acl", "ccomp") and noun.pos_ == "NOUN" and lemma(noun) in EVIDENCE_NOUNS \
        and any(c.dep_ == "det" and c.lower_ in NEGATORS for c in noun.children)


def _restricting(negator: Token) -> bool:
    """"not just for the party, but for the country", "not only": a negator that widens, not denies."""
    after = negator.i + 1
    return after < len(negator.doc) and negator.doc[after].lower_ in WIDENING_ADVERBS


def _blocked(cue: Token, root: Token, speaker: Token | None, index: ActorIndex) -> bool:
    """Whether a cue judges no one for the speaker: it names an actor ("a terrorist group") or a kind
    of thing ("the murder rate"), it is what a verb acts against ("to fight terrorism"), it sits in a
    condition ("if it turns into a provocation") or under another holder's opinion ("while Bolivia
    believes ...")."""
    words = evaluation_words()
    if index.covering(cue) is not None and not is_predicate_noun(cue):
        return True  # "a terrorist group", "the liar's lawyer"; not "called him a liar": that is the judgement
    if cue.pos_ == "NOUN" and cue.dep_ == "compound":
        return True  # "the murder rate", "terrorism suspects": a noun modifying a noun names a kind, as in the lexicon
    if cue.pos_ == "NOUN" and cue.head.pos_ == "VERB" and lemma(cue.head) in words["opposing"]:
        return True
    if in_undergone_phrase(cue, words["opposing"]):
        return True  # "to fight terrorism", "soldiers receive excellent training": what the subject acts on or undergoes
    attributive = _first_conjunct(cue)  # "this cruel and irresponsible act": a conjunct of an attribute is one
    noun = attributive.head
    predicative = noun.dep_ in PREDICATIVE_DEPS or (noun.dep_ == "pobj" and noun.head.lower_ == "as")
    # "creating good jobs": a thing a verb makes or acts on is no predicate said of anyone; but an act or
    # product judged stands for whoever acts on it ("approving a good bill"), and in "described X as one
    # who has done great service" all of the "as" phrase is said of X
    if noun.dep_ == "dobj" and lemma(noun) not in words["products"] \
            and lemma(root.head) not in DESCRIBING | REGARDING and lemma(noun.head) not in DESCRIBING | PERFORMING:
        predicative = False
    # an "amod" hung on a preposition is a misparsed predicate ("described the law as malicious")
    if attributive.dep_ == "amod" and noun.pos_ != "ADP" and not predicative and index.covering(noun) is None:
        return True  # "the war against illegal arms": it describes a thing, it judges no one
    node, below = cue, cue
    for _ in range(MAX_CLIMB):
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in node.children):
            return True
        # the cue is in what another holder says or believes (not "responded ... with arrests")
        if node is not cue and below.dep_ in ("ccomp", "parataxis") and lemma(node) in words["opinion"] | words["speech"]:
            holders = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
            if holders and holders[0].pos_ != "PRON" and (speaker is None or holders[0].i != speaker.i):
                return True
        if node == root or node.head == node:
            return False
        node, below = node.head, node
    return False


def _first_conjunct(word: Token) -> Token:
    """The first of the adjectives *word* is conjoined to ("cruel" for "irresponsible" in "cruel and
    irresponsible"), or *word* itself: conjuncts share the relation of the first."""
    for _ in range(MAX_CLIMB):
        if word.dep_ != "conj" or word.head.pos_ != "ADJ" or word.head.i == word.i:
            break
        word = word.head
    return word


def _is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def judged_objects(verb: Token) -> list[Token]:
    """Whom a describing verb describes: its object ("called the plan a sham"), the object of its
    preposition ("referred to his rival as a usurper") or, passive, its subject ("the rebels were
    described as terrorists by the minister")."""
    prep = OBJECT_PREPS.get(lemma(verb))
    out = [c for c in verb.children if c.dep_ == "dobj" or (c.dep_ == "nsubjpass" and lemma(verb) in DESCRIBING | REGARDING)]
    return out + [g for c in verb.children if c.dep_ == "prep" and c.lower_ == prep for g in c.children if g.dep_ == "pobj"]


def describers(verb: Token) -> list[Token]:
    """Who describes, when a verb of describing is passive: the "by" phrase on the verb or, as the
    parser may hang it, on what they are described as ("was described as a disgrace by X")."""
    if lemma(verb) not in DESCRIBING | REGARDING or not _is_passive(verb):
        return []
    holders = [verb] + [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children]
    return [g for h in holders for c in h.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"
            for g in c.children if g.dep_ == "pobj"]


def content_roots(verb: Token) -> list[Token]:
    """What a verb of saying reports: its clausal complements, a quotation hung as parataxis, or for
    "called it a waste" and "described it as a waste" the predicate of its object."""
    roots = [c for c in verb.children if c.dep_ in CONTENT_DEPS and c.pos_ not in ("PUNCT", "ADP")]
    if lemma(verb) in REGARDING:
        roots = []
    if lemma(verb) in DESCRIBING | REGARDING:  # "described Rice as weak"; the parser may hang "as" on the object
        holders = [verb] + judged_objects(verb)
        roots += [c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "as"]
    return roots


def clause_cues(root: Token, verb: Token, speaker: Token | None,
          index: ActorIndex) -> tuple[list[tuple[Token, str]], list[tuple[Token, str]]]:
    """(negative, positive) cues of one reported clause, each with its CAMEO code, after negation."""
    words = evaluation_words()
    negative: list[tuple[Token, str]] = []
    positive: list[tuple[Token, str]] = []
    for token in root.subtree:
        bad = _cue_code(token, words["negative"], words["adjective_only"], blame=True)
        good = _cue_code(token, words["positive"], words["adjective_only"])
        if token.i == verb.i or (bad is None and good is None) or _blocked(token, root, speaker, index):
            continue
        if bad is not None and not _negated(token, root):
            negative.append((token, bad))
        elif good is not None and _negated(token, root):
            negative.append((token, "111"))  # "they don't get the fundamentals right"
        elif good is not None:
            positive.append((token, good))
    return negative, positive
