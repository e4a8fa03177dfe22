"""Arguments of a nominal trigger that the parse leaves outside its noun phrase.

The argument finder (:mod:`eventwire.events.arguments`) reads a nominal trigger's parties off its own
dependents: a possessor, an actor modifier, ``by``, ``between``, the rule's prepositions. The small
parser often hangs one of them elsewhere, or the sentence names them through the clause that carries
the noun. General readings, each from the parse alone (no word of any one article):

* a ``between`` with one party: the parser lost the second one after an apposition ("discussions
  between Alexander Rumyantsev, Russian ambassador to Finland, and Finnish Foreign Minister Ilkka
  Kanerva": "Kanerva" is hung on the clause). "Between" takes two parties, so the noun phrase right
  after the "and" that closes the first party's phrase is the second;
* a ``by`` phrase right after the noun phrase but hung on an active verb above it ("provide more
  detail on the mass murder of 100,000 South Koreans by their own government"): an active verb has
  its doer as subject, so the ``by`` actor is the doer of the event noun it follows (a passive verb's
  ``by`` is its own agent and is left to it);
* a passive participle modifying the noun names its doer and target ("the sanctions imposed by the UN
  on Iran", "an army offensive launched against the Tamil Tigers");
* an event noun that is what the clause's subject underwent ("Japan's whaling has been the subject of
  repeated criticism by the IWC", "the minister was the target of an attack", "has been under police
  protection", "came under attack"): the subject, or the possessor of a subject that is an act
  ("Japan's whaling" -> Japan), is the target;
* coordinated event nouns share a target phrase the parser hangs on one of them ("the torture and
  cruel treatment of detainees", "the arrest and detention of activists"); not a "by" phrase, which
  may be the agent of a passive above the series ("the biggest attack on X, called so by Y");
* a request for a mutual event ("called for talks between Israel and Hamas") asks its two sides;
* a threat or warning whose content clause says who will be harmed ("issued a threat that Prince
  Harry will be killed", "warned that the embassy would be attacked") is aimed at them;
* a symmetric event named as the setting of a clause has that clause's subject as one side
  ("students were wounded in clashes with the police");
* a visit that is the setting of a clause, with no visitor of its own, was made by that clause's
  subject ("are touring Chile after an official visit to Argentina", "plans to meet X in addition to
  visits to Japan"); not a visit the clause is about ("spoke about a visit to Japan"). One that
  names no place is to whom the clause acts on ("questioned officials during a visit", "arrived for
  a visit and was met by the king");
* the support verb carrying the noun names its doer: its subject ("launched an attack"), its agent
  when the noun is its passive subject ("an attack was launched by Hamas"), or the passive subject of
  a verb of taking part ("U.S. forces were involved in the fighting"); a copula that sets its subject
  in the noun's act is one too ("the dockers are in protest against the sale", "remain on strike":
  :func:`eventwire.events.phrases.state_copula`), except for a state of coercion, which its holder
  undergoes ("is in custody"): that subject is the target ("has been in U.S. custody");
* an offer, demand, appeal or threat was addressed to whoever answers it: the subject of a verb of
  responding whose object is the noun ("the MTA would not accept the union's demands"), or whose "to"
  phrase holds the noun a passive trigger describes ("Iran responded to the package, which was
  offered by the six powers": offered to Iran);
* a relative clause whose support verb has the noun as its (gapped) object names the doer as that
  verb's subject ("the attack that Hamas launched", "the offer the government made"), and for a mutual
  event a party ("a meeting which the ministers will attend").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.clauses import (
    NOMINAL_POS,
    SUBJECT_DEPS,
    UNREALIZED,
    VERBISH,
    clause_subjects,
    with_conjuncts,
)
from eventwire.events.lexicon import lexicon_in_use
from eventwire.events.mentions import RELATIVE_PRONOUNS, in_list
from eventwire.events.phrases import (
    of_carrier,
    passive_agents,
    passive_patients,
    prep_objects,
    state_copula,
    support_verb,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.arguments import Finder
    from eventwire.events.frames import Argument, MatchLike
    from eventwire.events.mentions import ActorIndex

__all__ = ["ADDRESSED_ROOTS", "ASKING_ROOTS", "CLAUSE_SETTING_PREPS", "HARM_ROOTS", "THREAT_ROOT", "asked_sides", "content_addressees", "lost_between_party", "participle_agents", "relative_doers", "respondents", "setting_hosts", "setting_participants", "setting_visitors", "stray_agents", "stray_sides",
           "shared_trailing_phrase", "support_sources", "held_subjects", "threatened_patients", "undergoer_subjects", "under_doers", "recipients"]

# prepositions that make an event noun the setting of a clause ("wounded in clashes with the police")
CLAUSE_SETTING_PREPS = frozenset({"in", "during", "amid", "after", "before", "following"})

# prepositions that make a visit the setting of its visitor's clause ("met X during a visit to Y", "arrived
# on a visit to", "in addition to visits to"): CLAUSE_SETTING_PREPS and the errand's "on" and "for"
VISIT_SETTING_PREPS = CLAUSE_SETTING_PREPS | {"on", "for"}
# how many links (pobj, prep) may lie between a visit noun and its clause's verb ("in addition to visits")
MAX_SETTING_CLIMB = 4
# how far after the "and" the second party's head may lie ("and Finnish Foreign Minister Ilkka Kanerva")
MAX_PARTY_WORDS = 8
# prepositions of a participle that name whom the event noun is done to ("an offensive launched against
# the Tamil Tigers", "sanctions imposed on Iran", "aid sent to Haiti")
PARTICIPLE_TARGET_PREPS = frozenset({"against", "on", "upon", "to", "toward", "towards", "with"})
# CAMEO roots of appeals and demands: asking for a mutual event asks its sides (asked_sides)
ASKING_ROOTS = frozenset({"02", "10"})
# prepositions naming the sides of a mutual event ("talks between Israel and Hamas")
SIDES_PREPS = ("between", "among", "amongst")
# CAMEO root of threats, and the roots of the harm a threat's content clause may name (coerce,
# assault, fight, mass violence): see threatened_patients
THREAT_ROOT = "13"
HARM_ROOTS = frozenset({"17", "18", "19", "20"})
# CAMEO roots of acts addressed to someone (appeals, offers and promises, demands, threats): one who
# answers the act (response_verbs) is whom it was addressed to, see respondents
ADDRESSED_ROOTS = frozenset({"02", "03", "10", THREAT_ROOT})
# prepositions by which an addressed act's noun takes what it offers or asks for ("an offer of talks")
CONTENT_PREPS = ("of", "for")
# prepositions by which a verb of responding takes what it answers ("responded to", "complied with")
ANSWERED_PREPS = frozenset({"to", "with"})
# CAMEO roots of acts whose state its holder undergoes ("is in custody", "remains in detention"): the
# subject a copula sets in such a state is no doer (phrases.state_copula)
UNDERGONE_STATE_ROOTS = frozenset({"17"})
# verbs whose attribute names what their subject is ("has been the subject of", "became the target of")
COPULAS = frozenset({"be", "become", "remain"})


def stray_sides(head: Token) -> list[tuple[Token, str]]:
    """The sides of an event noun whose "between X and Y" the parser hung on the verb it is the subject
    of: "heavy fighting broke out between X and Y", "talks were held in Oslo between X and Y",
    "meetings are scheduled for Monday between X and Y". A verb with an object of its own is no such
    verb ("the war has caused tension between X and Y": the tension is between them). Two sides or
    none: one party is no pair."""
    verb = head.head
    if head.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in VERBISH \
            or any(c.dep_ in ("dobj", "obj", "attr", "oprd") for c in verb.children):
        return []
    sides = prep_objects(verb, SIDES_PREPS)
    return [(t, "stray-between") for t, _ in sides] if len(sides) > 1 else []


def lost_between_party(first: Token) -> list[tuple[Token, str]]:
    """The second party of "between ``first``, <apposition>, and Y" when the parser hung Y outside
    the ``between`` phrase: the head of the noun phrase right after the "and" that follows
    ``first``'s phrase, if that head hangs before the "and" (outside the phrase it starts)."""
    doc = first.doc
    after = first.right_edge.i + 1
    while after < len(doc) and doc[after].is_punct and doc[after].text == ",":
        after += 1
    if after >= len(doc) or doc[after].lower_ != "and" or any(c.dep_ == "conj" for c in first.children):
        return []
    conjunction = doc[after]
    end = min(len(doc), conjunction.i + 1 + MAX_PARTY_WORDS, first.sent.end)
    for token in doc[conjunction.i + 1:end]:
        if token.head.i < conjunction.i and token.head.i != first.i:
            if token.pos_ in NOMINAL_POS:
                return [(t, "prep:between") for t in with_conjuncts(token)]
            return []
    return []


def stray_agents(head: Token) -> list[tuple[Token, str]]:
    """``by`` objects right after a nominal trigger's phrase that the parser hung on an active verb
    above it: the doers of the event noun ("detail on the murder of X by their own government")."""
    doc = head.doc
    after = head.right_edge.i + 1
    if after >= head.sent.end or doc[after].lower_ != "by" or doc[after].dep_ not in ("prep", "agent"):
        return []
    by = doc[after]
    verb = by.head
    if verb.pos_ not in VERBISH or not verb.is_ancestor(head):
        return []
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or by.dep_ == "agent":
        return []  # a passive's by-phrase is its own agent
    if not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return []  # no subject of its own: the by-phrase may still be the verb's agent in a misparse
    return [(t, "stray-by") for c in by.children if c.dep_ == "pobj" for t in with_conjuncts(c)]


def participle_agents(head: Token, preps: tuple[str, ...]) -> tuple[list[tuple[Token, str]], list[tuple[Token, str]]]:
    """(doers, targets) named on a passive participle that modifies a nominal trigger: "the sanctions
    imposed by the UN on Iran", "the convictions handed down by a jury": the participle's ``by`` agent
    did the event the noun names, and its target prepositions name whom it was done to (without a
    ``by`` agent, only those of PARTICIPLE_TARGET_PREPS: "an offensive launched against the Tigers")."""
    doers: list[tuple[Token, str]] = []
    targets: list[tuple[Token, str]] = []
    for verb in head.rights:
        if verb.dep_ == "acl" and verb.tag_ == "VBN" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            doers.extend((t, "participle-agent") for t, _ in prep_objects(verb, ("by",)))
            # without a by-phrase, only prepositions of whom it is done to: not where ("launched in the north")
            named = preps if doers else tuple(p for p in preps if p in PARTICIPLE_TARGET_PREPS)
            targets.extend((t, f"participle-{via}") for t, via in prep_objects(verb, named))
    return doers, targets


def undergoer_subjects(head: Token, index: ActorIndex) -> list[tuple[Token, str]]:
    """The subject of "X is the subject/target/victim of <event noun>": X underwent the event. An act
    as subject stands for its possessor ("Japan's scientific whaling" -> Japan)."""
    of = head.head
    if head.dep_ == "pobj" and of.dep_ == "prep" and of.lower_ == "under":
        return _under_subjects(of.head)
    if head.dep_ != "pobj" or of.dep_ != "prep" or of.lower_ != "of":
        return []
    role = of.head
    if role.dep_ != "attr" or not in_list(role, "undergoer_nouns") or role.head.lemma_.lower() not in COPULAS:
        return []
    out: list[tuple[Token, str]] = []
    for subject in (c for c in role.head.children if c.dep_ in SUBJECT_DEPS):
        if index.actor_for(subject, allow_unresolved=False) is not None or subject.pos_ == "PRON":
            out.extend((t, "undergoer") for t in with_conjuncts(subject))
        else:
            out.extend((c, "undergoer-possessor") for c in subject.children if c.dep_ == "poss")
    return out


def held_subjects(head: Token, cameo: str) -> list[tuple[Token, str]]:
    """"Binalshibh has been in U.S. custody", "the two remain in Israeli detention": the subject a
    copula sets in a state of coercion (``UNDERGONE_STATE_ROOTS``) is the one held, its target."""
    verb = state_copula(head)
    if verb is None or cameo[:2] not in UNDERGONE_STATE_ROOTS:
        return []
    return [(t, "held-subject") for s in verb.children if s.dep_ == "nsubj" for t in with_conjuncts(s)]


def recipients(head: Token) -> list[tuple[Token, str]]:
    """Whom an event noun was done to when it is the object of a verb of receiving (``receiving_verbs``),
    itself or through a carrier noun: that verb's subject ("is in hiding after receiving a series of
    death threats from Islamists", "received a call from a man"); not one only asked for. The caller
    asks only when the noun's doer is named after "from", the construction of giving ("received army
    assistance" with a modifier as doer cost a wrong event on the train odd half, none right)."""
    node = of_carrier(head) or head
    verb = node.head
    if node.dep_ not in ("dobj", "obj") or verb.pos_ not in VERBISH or not in_list(verb, "receiving_verbs"):
        return []
    subjects, how = clause_subjects(verb)
    return [] if how == UNREALIZED else [(t, "recipient") for t in subjects]


def respondents(noun: Token) -> list[tuple[Token, str]]:
    """Whom an offer, demand, appeal or threat (``noun``, or the noun it is a participle or relative
    clause of) was addressed to, named as the one answering it: the subject of a verb of responding
    (``response_verbs``) whose object is the noun ("the MTA would not accept the union's demands"), or
    whose "to"/"with" phrase holds it ("Iran responded to the package, which was offered by the six
    powers"), or the agent of such a verb in the passive ("the demands were rejected by the board")."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ANSWERED_PREPS:
        verb = verb.head
    elif noun.dep_ not in ("dobj", "obj", "nsubjpass"):
        return []
    if verb.pos_ not in VERBISH or not in_list(verb, "response_verbs"):
        return []
    if noun.dep_ == "nsubjpass":
        return [(t, "respondent-agent") for t, _ in passive_agents(verb)]
    subjects, how = clause_subjects(verb)
    return [] if how == UNREALIZED else [(t, "respondent") for t in subjects]


def under_doers(head: Token) -> list[tuple[Token, str]]:
    """The doers of an event noun a clause's subject is under, named after it or on its verb: "came
    under attack from insurgents", "was put under pressure by the EU"."""
    prep = head.head
    if head.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ != "under" or not _under_subjects(prep.head):
        return []
    named = prep_objects(head, ("from",)) + prep_objects(prep.head, ("from", "by"))
    return [(t, f"under-{via}") for t, via in named]


def _under_subjects(verb: Token) -> list[tuple[Token, str]]:
    """"Delmulle has been under police protection", "the town came under attack", "he was placed under
    arrest": the subject (or passive subject) of a verb of being or coming under an event undergoes it."""
    if verb.pos_ not in VERBISH or not in_list(verb, "under_verbs"):
        return []
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return [(t, "undergoer-under") for s in subjects for t in with_conjuncts(s)]


def setting_participants(head: Token) -> list[tuple[Token, str]]:
    """A symmetric event named as the setting of a clause has that clause's subject as one side:
    "students were wounded in clashes with the police", "the minister spoke during talks with
    Iran". The passive subject counts (it took part and suffered); a subject only asked for does not."""
    prep = head.head
    verb = prep.head
    if head.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in CLAUSE_SETTING_PREPS or verb.pos_ not in VERBISH:
        return []
    patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if patients:
        subjects, how = [t for p in patients for t in with_conjuncts(p)], "patient"
    else:
        subjects, how = clause_subjects(verb)
        if how == UNREALIZED:
            return []
    return [(t, f"setting-{how}") for t in subjects]


def setting_visitors(head: Token) -> list[tuple[Token, str]]:
    """The visitors of a visit noun with no doer of its own that is the setting of a clause: that
    clause's subject ("The princes are touring Chile after an official visit to Argentina", "the
    senator plans to meet the president in addition to visits to Japan", "the minister was received
    by the king during a visit to Spain"). A visit is done by whoever is on it; the top preposition,
    the one hung on the clause's verb, must make it the clause's setting (not "spoke about a visit")."""
    verb = _visit_clause(head)
    if verb is None:
        return []
    patients = [t for c in verb.children if c.dep_ == "nsubjpass" for t in with_conjuncts(c)]
    if patients:
        return [(t, "setting-visitor") for t in patients]
    subjects, how = clause_subjects(verb)
    return [] if how == UNREALIZED else [(t, f"setting-visitor-{how}") for t in subjects]


def setting_hosts(head: Token) -> list[tuple[Token, str]]:
    """The hosts of a visit set in a clause that names no place of its own: whom the visitors' clause
    acts on ("questioned senior officials during a visit", "arrived for a visit and was met by the
    king"): the objects of its verb and of the verbs coordinated with it, and their passive agents.
    Whatever is no actor ("signed a deal during a visit") is dropped by the argument finder."""
    verb = _visit_clause(head)
    if verb is None:
        return []
    hosts: list[tuple[Token, str]] = []
    for clause in (verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ in VERBISH)):
        hosts.extend((t, "setting-host") for c in clause.children if c.dep_ in ("dobj", "obj") for t in with_conjuncts(c))
        if clause.i != verb.i and any(c.dep_ == "auxpass" for c in clause.children):
            hosts.extend((t, "setting-host-agent") for t, _ in passive_agents(clause))
    return hosts


def _visit_clause(head: Token) -> Token | None:
    """The verb whose clause a visit noun is the setting of, climbing from the noun through
    prepositions and their objects ("in addition to visits to"), when the preposition hung on that
    verb is one of setting (VISIT_SETTING_PREPS); else None."""
    prep, node = None, head
    for _ in range(MAX_SETTING_CLIMB):
        if node.dep_ not in ("pobj", "prep") or node.head.i == node.i:
            return None
        prep, node = (node.head if node.dep_ == "pobj" else prep), node.head
        if node.pos_ in VERBISH:
            return node if prep is not None and prep.lower_ in VISIT_SETTING_PREPS else None
    return None


def asked_sides(asked_for: Token) -> list[tuple[Token, str]]:
    """The sides of a mutual event asked for ("called for talks between Israel and Hamas"): they are
    the ones asked, the request's targets."""
    return prep_objects(asked_for, SIDES_PREPS)


def threatened_patients(head: Token) -> list[tuple[Token, str]]:
    """Whom a threat's content clause names as harmed: the patients of a passive ("a threat that Prince
    Harry will be killed or kidnapped") or the objects of an active verb ("warned that they would
    attack the embassy"), when the clause's verb is an act of force the lexicon knows. A relative
    clause ("the threat that was issued") says nothing of whom it is aimed at."""
    out: list[tuple[Token, str]] = []
    for clause in head.children:
        if clause.dep_ not in ("acl", "ccomp") or clause.pos_ not in VERBISH:
            continue
        if any(c.lower_ in RELATIVE_PRONOUNS and c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in clause.children):
            continue
        for verb in (clause, *(c for c in clause.children if c.dep_ == "conj" and c.pos_ in VERBISH)):
            if not any(m.cameo[:2] in HARM_ROOTS for m in lexicon_in_use().match(verb)):
                continue
            patients = passive_patients(verb) or [t for c in verb.children if c.dep_ in ("dobj", "obj")
                                                  for t in with_conjuncts(c)]
            out.extend((t, "threatened") for t in patients if all(t.i != o.i for o, _ in out))
    return out


def shared_trailing_phrase(head: Token, preps: tuple[str, ...]) -> list[tuple[Token, str]]:
    """A target phrase that follows a series of coordinated event nouns, for a noun of the series that
    has none of its own: the parser hangs it on one noun, it completes each ("the torture and cruel
    treatment of detainees": torture of detainees; "the arrest and detention of students")."""
    if any(c.dep_ == "prep" and c.lower_ in preps for c in head.children):
        return []
    later = [c for c in head.conjuncts if c.i > head.i and c.pos_ in NOMINAL_POS]
    if later:
        return [(t, f"shared-{via}") for t, via in prep_objects(later[-1], preps)]
    if head.dep_ == "conj" and head.head.pos_ in NOMINAL_POS:
        return [(t, f"shared-{via}") for t, via in prep_objects(head.head, preps) if t.i > head.i]
    return []


def content_addressees(head: Token, preps: tuple[str, ...]) -> list[tuple[Token, str]]:
    """Whom an offer, appeal, demand or threat is addressed to, named in a phrase the parser hangs on
    what it offers or asks for, the noun's "of"/"for" object ("an offer of talks to Ukraine", "a call
    for restraint on Israel"): an act addressed to someone has one addressee, read after its content."""
    contents = [t for t, _ in prep_objects(head, CONTENT_PREPS)]
    return [(t, f"content-{via}") for c in contents for t, via in prep_objects(c, preps)]


def relative_doers(head: Token) -> list[tuple[Token, str]]:
    """The subjects of a relative clause on ``head`` whose support verb takes ``head`` as its object:
    "the attack that Hamas launched" (the relative pronoun or nothing is its object), not "the attack
    that killed five" (the pronoun is its subject), "the talks in which X warned" (a setting) nor "the
    attack they blamed on Hamas" (no support verb)."""
    out: list[tuple[Token, str]] = []
    for clause in (c for c in head.children if c.dep_ == "relcl" and c.pos_ in VERBISH):
        objects = [c for c in clause.children if c.dep_ in ("dobj", "obj")]
        # "talks in which Egypt and Jordan warned": the noun is the clause's setting, not its object
        setting = any(p.lower_ in RELATIVE_PRONOUNS for c in clause.children if c.dep_ == "prep" for p in c.children)
        if setting or any(o.lower_ not in RELATIVE_PRONOUNS for o in objects) or not in_list(clause, "support_verbs"):
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS]
        out += [(t, "relative-subject") for s in subjects for t in with_conjuncts(s)]
    return out


def support_sources(finder: Finder, head: Token, match: MatchLike, preps: tuple[str, ...],
                    targets: list[tuple[Token, str]]) -> list[Argument]:
    """The doer named through the support verb carrying a nominal trigger ("launched an attack"),
    adding the verb's prepositional and dative objects to ``targets``."""
    if in_list(head, "people_event_nouns"):
        return []  # "the army opened fire on the protesters": the army does not protest
    support = support_verb(head, finder.words, mutual=match.symmetric)
    if support is None or (in_list(support, "request_verbs") and not match.symmetric):
        return []  # "demanded the release of the crew": the asker does not release
    state = state_copula(head)
    if state is not None and state.i == support.i and match.cameo[:2] in UNDERGONE_STATE_ROOTS:
        return []  # "the body is in the custody of the military": held, not holding
    subjects, how = clause_subjects(support)
    if how == UNREALIZED:
        return []  # "urged Y to launch talks": asked for, not done
    patients = passive_patients(support) if not subjects else []
    if any(p.i == head.i or p.is_ancestor(head) for p in patients):
        # "promises were made by the minister", "an attack was launched by Hamas": the agent does it
        subjects, how = [t for t, _ in passive_agents(support)], "agent"
    elif patients and in_list(support, "participation_verbs"):
        subjects, how = patients, "participant"  # "U.S. forces were involved in the fighting"
    carrier = of_carrier(head)
    if carrier is not None:  # "announced a suspension of aid to Egypt"
        targets.extend(prep_objects(carrier, preps))
    targets.extend(prep_objects(support, preps))
    targets.extend((c, "dative") for c in support.children if c.dep_ in ("dative", "iobj"))
    return finder._args([(t, f"support-{how}") for t in subjects], source=True, loose=True)
