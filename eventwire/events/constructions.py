"""Events coded from a construction rather than a trigger word.

"Russia says Israel must end its attacks" holds two events: Israel ending attacks (hypothetical, from
the lexicon trigger "end") and Russia demanding it of Israel, which no single word carries: the demand
is the modal of a clause reported by a verb of saying. :func:`reported_obligations` finds such clauses,
also below a belief the speaker states ("said he believes Israel should ..."); a modal's perfect
("should have ended its attacks") reproaches a past failure and codes criticism (ACCUSE) instead.
A verb of wanting lays the same kind of request on the subject of its infinitive ("Germany wants
France to lower its tariffs": an appeal, CAMEO 020; "would like", "we expect" too), a verb of hoping on
the subject of a clause of the future or the conditional ("hopes that Iran will stop"), and a verb of
asking on the subject of a for-to
infinitive or a mandative that-clause ("called for FARC to release", "suggested that the government
invest"): :func:`asked_acts`.
The codes and word lists are data (``eventwire/data/events/constructions.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.data_files import read_shipped_yaml, shipped_file_error
from eventwire.errors import ConfigError
from eventwire.events.animacy import asked_act, to_infinitive
from eventwire.events.arguments import Argument, role_argument
from eventwire.events.clauses import SUBJECT_DEPS, clause_subjects, with_conjuncts
from eventwire.events.fallback import state_pair_args
from eventwire.events.lexicon import lexicon_in_use
from eventwire.events.ontology import is_cameo_code
from eventwire.events.phrases import PLACE_KINDS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.events.mentions import ActorIndex

__all__ = ["Obligation", "ObligationRule", "reported_obligations", "asked_acts", "asked_clause_subject",
           "CONSTRUCTIONS_FILE"]

CONSTRUCTIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "events" / "constructions.yaml"
# "has to", "needs to": these verbs carry the obligation only with a to-infinitive complement
_PERIPHRASTIC = frozenset({"have", "need"})
# the believer of "said he believes Y should" who is the speaker itself
SPEAKER_PRONOUNS = frozenset({"he", "she", "i", "we", "they"})


@dataclass(frozen=True)
class ObligationRule:
    """What one modal codes: the rule id shown as Event.rule, its CAMEO code and weight."""

    rule_id: str
    cameo: str
    weight: float


@dataclass(frozen=True)
class Obligation:
    """A demand or appeal read off reported speech: the speech verb (the event's head), the modal
    that makes it one (the quoted trigger), the speaker (source) and the one the obligation is laid
    on (target)."""

    verb: Token
    modal: Token
    source: Argument
    target: Argument
    rule: ObligationRule


@dataclass(frozen=True)
class _Settings:
    """``reported_obligation`` of constructions.yaml: the verbs of saying and of belief, the modals and
    what they code, and the modals whose perfect ("should have acted") is a reproach."""

    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    modals: dict[str, ObligationRule]
    reproach_modals: frozenset[str]
    reproach: ObligationRule
    wanting_verbs: frozenset[str]
    conditional_wanting: frozenset[str]
    conditional_auxiliaries: frozenset[str]
    first_person_wanting: frozenset[str]
    first_person_subjects: frozenset[str]
    wanted: ObligationRule
    hoping_verbs: frozenset[str]
    hoping_modals: frozenset[str]
    hoped: ObligationRule
    asking_verbs: dict[str, ObligationRule]


def _rule(spec: dict[str, Any]) -> ObligationRule:
    return ObligationRule(str(spec["id"]), str(spec["cameo"]), float(spec["weight"]))


def _words(values: Any) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values)


@cache
def _settings() -> _Settings:
    try:
        raw = read_shipped_yaml(CONSTRUCTIONS_FILE)
        section, wanted, hoped = raw["reported_obligation"], raw["wanted_act"], raw["hoped_act"]
        settings = _Settings(
            speech_verbs=frozenset(str(v).lower() for v in section["speech_verbs"]),
            belief_verbs=frozenset(str(v).lower() for v in section["belief_verbs"]),
            modals={str(word).lower(): _rule(spec) for word, spec in section["modals"].items()},
            reproach_modals=frozenset(str(v).lower() for v in section["reproach"]["modals"]),
            reproach=_rule(section["reproach"]["rule"]),
            wanting_verbs=_words(wanted["verbs"]),
            conditional_wanting=_words(wanted["conditional_verbs"]),
            conditional_auxiliaries=_words(wanted["conditional_auxiliaries"]),
            first_person_wanting=_words(wanted["first_person_verbs"]),
            first_person_subjects=_words(wanted["first_person_subjects"]),
            wanted=_rule(wanted["rule"]),
            hoping_verbs=_words(hoped["verbs"]),
            hoping_modals=_words(hoped["modals"]),
            hoped=_rule(hoped["rule"]),
            asking_verbs={str(word).lower(): _rule(spec) for word, spec in raw["asked_act"]["verbs"].items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise shipped_file_error(CONSTRUCTIONS_FILE, exc) from exc
    rules = [*settings.modals.values(), settings.reproach, settings.wanted, settings.hoped,
             *settings.asking_verbs.values()]
    bad = [r.cameo for r in rules if not is_cameo_code(r.cameo)]
    if bad:
        raise ConfigError(f"{CONSTRUCTIONS_FILE}: unknown CAMEO codes {bad}; use codes of the CAMEO codebook")
    return settings


def _obligation_modal(clause: Token, settings: _Settings) -> tuple[Token, ObligationRule] | None:
    """The modal laying an obligation on the clause's subject: "must end", "should stop", or the
    verb of "has to end" / "needs to end" (then the clause head itself); "should have ended" is a
    reproach for what was not done."""
    modals = settings.modals
    for child in clause.children:
        if child.dep_ == "aux" and child.lower_ in modals and child.lower_ not in _PERIPHRASTIC:
            if child.lower_ in settings.reproach_modals and _perfect(clause, child):
                return child, settings.reproach
            return child, modals[child.lower_]
    lemma = clause.lemma_.lower()
    infinitives = [c for c in clause.children if c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.lefts)]
    if infinitives and clause.tag_ == "MD" and clause.lower_ in settings.reproach_modals and lemma in modals:
        # "Israel ought to (have) stopped": the parser heads the clause with the modal
        if _perfect(infinitives[0], clause):
            return clause, settings.reproach
        return clause, modals[lemma]
    if lemma in _PERIPHRASTIC and lemma in modals and infinitives:
        return clause, modals[lemma]
    return None


def _verb_lemma(verb: Token, known: frozenset[str]) -> str:
    """The verb's lemma, with the final e the lemmatizer sometimes drops restored ("hopes" -> "hop")."""
    lemma = verb.lemma_.lower()
    return lemma + "e" if lemma not in known and lemma + "e" in known and verb.lower_.startswith(lemma + "e") else lemma


def _wanting(verb: Token, settings: _Settings) -> bool:
    """A verb of wanting: "want", "wish"; "like" or "prefer" under "would" ("would like Y to V"); "expect"
    said by "I" or "we" ("we expect Y to V" demands, "analysts expect" predicts)."""
    lemma = verb.lemma_.lower()
    if lemma in settings.wanting_verbs:
        return True
    if lemma in settings.conditional_wanting:
        return any(c.dep_ == "aux" and c.lower_ in settings.conditional_auxiliaries for c in verb.children)
    if lemma in settings.first_person_wanting:
        # not negated: "we didn't expect the police to open fire" tells a surprise
        return any(c.dep_ == "nsubj" and c.lower_ in settings.first_person_subjects for c in verb.children) \
            and not any(c.dep_ == "neg" for c in verb.children)
    return False


def _hoping(verb: Token, settings: _Settings) -> bool:
    """A verb of hoping: "hope", "wish", "pray", "trust" (``hoped_act`` in constructions.yaml)."""
    return _verb_lemma(verb, settings.hoping_verbs) in settings.hoping_verbs


def _wanted_act(clause: Token, verb: Token, settings: _Settings) -> tuple[Token, ObligationRule] | None:
    """"wants the state to pay": an active to-infinitive with a subject of its own below a verb of
    wanting (the wanting verb is then the quoted trigger); not "wants the vote to be held"; and "hopes
    that Iran will stop", "wish the president would avoid": a clause of the future, the conditional or a
    bare present below a verb of hoping."""
    active_subject = any(c.dep_ == "nsubj" for c in clause.children) and not any(c.dep_ == "auxpass" for c in clause.children)
    if not active_subject:
        return None
    if _wanting(verb, settings) and to_infinitive(clause):
        return verb, settings.wanted
    if _hoping(verb, settings) and _act_to_come(clause, settings):
        return verb, settings.hoped
    return None


def _act_to_come(clause: Token, settings: _Settings) -> bool:
    """A finite clause that puts its act ahead: "will stop", "would avoid", or a bare verb with no
    auxiliary ("that they try their best"); not "are talking", "is wrong"."""
    auxiliaries = [c for c in clause.children if c.dep_ == "aux"]
    if any(a.lower_ in settings.hoping_modals for a in auxiliaries):
        return True
    return clause.tag_ in ("VB", "VBP") and clause.pos_ == "VERB" and not auxiliaries


def _perfect(clause: Token, modal: Token) -> bool:
    """"should have acted": a perfect auxiliary after the modal and a past form of the verb ("should
    of acted", a common misspelling, parses with "of" as an auxiliary hung on the modal)."""
    auxiliaries = [*clause.children, *modal.children]
    has_perfect = any(a.i > modal.i and (a.lemma_.lower() == "have" or (a.lower_ == "of" and a.pos_ == "AUX"))
                      for a in auxiliaries)
    return has_perfect and clause.tag_ in ("VBN", "VBD")


def _clause_subjects(clause: Token, modal: Token) -> list[Token]:
    """The subject of the obliged clause, or one the parser hung on its modal instead."""
    return [c for c in clause.children if c.dep_ in SUBJECT_DEPS] or [
        c for c in modal.children if c.dep_ in SUBJECT_DEPS and c.i < modal.i]


def _reported_clauses(verb: Token, settings: _Settings) -> list[Token]:
    """The clauses a verb of saying reports, and below a belief the speaker states of itself ("said he
    believes Y should"), that belief's clauses."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    for clause in list(clauses):
        believer = [c for c in clause.children if c.dep_ == "nsubj"]
        if clause.lemma_.lower() in settings.belief_verbs and believer and believer[0].lower_ in SPEAKER_PRONOUNS:
            clauses += [c for c in clause.children if c.dep_ == "ccomp"]
    return clauses


def reported_obligations(sent: Span, index: ActorIndex) -> list[Obligation]:
    """Every "X said Y must V" in a sentence whose speaker and addressee are actors."""
    settings = _settings()
    out: list[Obligation] = []
    for verb in sent:
        speech = verb.lemma_.lower() in settings.speech_verbs
        if verb.pos_ != "VERB" or not (speech or _wanting(verb, settings) or _hoping(verb, settings)):
            continue
        for clause in _reported_clauses(verb, settings):
            found = _obligation_modal(clause, settings) if speech else _wanted_act(clause, verb, settings)
            subjects = _clause_subjects(clause, found[0]) if found is not None else []
            if found is None or not subjects or _names_an_act(subjects[0]):
                continue  # a passive clause ("must be avoided") lays the obligation on no one named
            targets = [a for t in with_conjuncts(subjects[0]) for a in _obliged(index, sent, t)]
            speakers, how = clause_subjects(_attributed(verb, settings) if not speech else verb)
            for token in speakers:
                source = role_argument(index, sent, token, f"speaker-{how}", source=True)
                if source is None:
                    continue
                out.extend(Obligation(verb, found[0], source, target, found[1])
                           for target in targets if not _own_state(source, target))
    return out


def _names_an_act(subject: Token) -> bool:
    """A subject that is an event noun of the lexicon ("hopes that the six-party talks will resume"):
    an act wanted to happen, not a party asked to act, though a party may modify it."""
    return subject.pos_ in ("NOUN", "PROPN") and bool(lexicon_in_use().match(subject))


def _attributed(verb: Token, settings: _Settings) -> Token:
    """The verb of saying that attributes "I"/"we want ..." to its speaker in the same sentence ("We hope
    that they try their best," he said): the speaker is the one who wants, as the gold names him (an
    unattributed "I expect Russia to act" keeps "I"); else the verb of wanting itself."""
    wanters = [c for c in verb.children if c.dep_ == "nsubj"]
    saying = verb.head
    if not wanters or any(w.lower_ not in settings.first_person_subjects for w in wanters):
        return verb
    if verb.dep_ in ("ccomp", "parataxis") and saying.lemma_.lower() in settings.speech_verbs \
            and any(c.dep_ == "nsubj" for c in saying.children):
        return saying
    return verb


def _obliged(index: ActorIndex, sent: Span, token: Token) -> list[Argument]:
    """The actors an obligation's subject stands for: each of two states ("said both countries must"),
    else the one actor of its token, if any."""
    pair = state_pair_args(index, token)
    if pair:
        return pair
    one = role_argument(index, sent, token, "obligation-subject", source=False)
    return [one] if one is not None else []


def _own_state(source: Argument, target: Argument) -> bool:
    """"Xi said China should ...": what a speaker says his own state should do is policy, not a
    demand made of someone else."""
    return target.actor.kind in PLACE_KINDS and target.actor.country is not None \
        and target.actor.country == source.actor.country


def asked_clause_subject(clause: Token) -> Token | None:
    """The one asked to act in a clause below a verb of asking: the subject of "for FARC to release" or
    of a mandative "that the government invest" (:func:`eventwire.events.animacy.asked_act` tells them
    from a claim, "suggested that soldiers shot"), or the object of "asking for the party to co-operate",
    which the parser hangs on "for". None for an indicative or passive clause."""
    if any(c.dep_ == "auxpass" for c in clause.children):
        return None  # "insisted that Thompson be allowed": no one named is asked
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    if clause.dep_ in ("ccomp", "advcl", "pcomp"):
        return subjects[0] if subjects and asked_act(clause) else None
    infinitive = to_infinitive(clause)
    if clause.dep_ != "xcomp" or subjects or not infinitive:
        return None
    objects = [o for p in clause.head.children if p.dep_ == "prep" and p.lower_ == "for"
               for o in p.children if o.dep_ == "pobj" and o.i < clause.i]
    return objects[0] if objects else None


def asked_acts(sent: Span, index: ActorIndex) -> list[Obligation]:
    """Every "X called for Y to V" / "X demanded that Y V" in a sentence whose asker and asked are
    actors (the verb of asking is both the event's head and its quoted trigger)."""
    settings = _settings()
    out: list[Obligation] = []
    for verb in sent:
        rule = settings.asking_verbs.get(verb.lemma_.lower()) if verb.pos_ == "VERB" else None
        if rule is None:
            continue
        below_for = [c for p in verb.children if p.dep_ == "prep" and p.lower_ == "for" for c in p.children]
        for clause in [*verb.children, *below_for]:
            asked = asked_clause_subject(clause)
            if asked is None:
                continue
            targets = [a for t in with_conjuncts(asked) for a in _obliged(index, sent, t)]
            speakers, how = clause_subjects(verb)
            for token in speakers:
                source = role_argument(index, sent, token, f"asker-{how}", source=True)
                if source is not None:
                    out.extend(Obligation(verb, verb, source, target, rule)
                               for target in targets if target.actor is not source.actor)
    return out
