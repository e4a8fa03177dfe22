"""Events coded from a construction rather than a trigger word.

"Russia says Israel must end its attacks" holds two events: Israel ending attacks (hypothetical, from
the lexicon trigger "end") and Russia demanding it of Israel, which no single word carries: the demand
is the modal of a clause reported by a verb of saying. :func:`reported_obligations` finds such clauses;
the codes and word lists are data (``eventwire/data/events/constructions.yaml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from eventwire.errors import ConfigError
from eventwire.events.arguments import Argument, role_argument
from eventwire.events.clauses import SUBJECT_DEPS, clause_subjects, with_conjuncts
from eventwire.events.ontology import is_cameo_code
from eventwire.events.phrases import PLACE_KINDS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from eventwire.events.mentions import ActorIndex

__all__ = ["Obligation", "ObligationRule", "reported_obligations", "CONSTRUCTIONS_FILE"]

CONSTRUCTIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "events" / "constructions.yaml"
# "has to", "needs to": these verbs carry the obligation only with a to-infinitive complement
_PERIPHRASTIC = frozenset({"have", "need"})


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


@cache
def _settings() -> tuple[frozenset[str], dict[str, ObligationRule]]:
    try:
        raw: dict[str, Any] = yaml.safe_load(CONSTRUCTIONS_FILE.read_text(encoding="utf-8"))
        section = raw["reported_obligation"]
        verbs = frozenset(str(v).lower() for v in section["speech_verbs"])
        modals = {str(word).lower(): ObligationRule(str(spec["id"]), str(spec["cameo"]), float(spec["weight"]))
                  for word, spec in section["modals"].items()}
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"cannot read {CONSTRUCTIONS_FILE}: {exc}; reinstall eventwire (the file ships with it)") from exc
    bad = [r.cameo for r in modals.values() if not is_cameo_code(r.cameo)]
    if bad:
        raise ConfigError(f"{CONSTRUCTIONS_FILE}: unknown CAMEO codes {bad}; use codes of the CAMEO codebook")
    return verbs, modals


def _obligation_modal(clause: Token, modals: dict[str, ObligationRule]) -> tuple[Token, ObligationRule] | None:
    """The modal laying an obligation on the clause's subject: "must end", "should stop", or the
    verb of "has to end" / "needs to end" (then the clause head itself)."""
    for child in clause.children:
        if child.dep_ == "aux" and child.lower_ in modals and child.lower_ not in _PERIPHRASTIC:
            return child, modals[child.lower_]
    lemma = clause.lemma_.lower()
    if lemma in _PERIPHRASTIC and lemma in modals and any(
            c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.lefts) for c in clause.children):
        return clause, modals[lemma]
    return None


def reported_obligations(sent: Span, index: ActorIndex) -> list[Obligation]:
    """Every "X said Y must V" in a sentence whose speaker and addressee are actors."""
    verbs, modals = _settings()
    out: list[Obligation] = []
    for verb in sent:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs:
            continue
        for clause in verb.children:
            if clause.dep_ != "ccomp":
                continue
            found = _obligation_modal(clause, modals)
            subjects = [c for c in clause.children if c.dep_ in SUBJECT_DEPS]
            if found is None or not subjects:
                continue  # a passive clause ("must be avoided") lays the obligation on no one named
            targets = [a for t in with_conjuncts(subjects[0])
                       for a in [role_argument(index, sent, t, "obligation-subject", source=False)] if a]
            speakers, how = clause_subjects(verb)
            for token in speakers:
                source = role_argument(index, sent, token, f"speaker-{how}", source=True)
                if source is None:
                    continue
                out.extend(Obligation(verb, found[0], source, target, found[1])
                           for target in targets if not _own_state(source, target))
    return out


def _own_state(source: Argument, target: Argument) -> bool:
    """"Xi said China should ...": what a speaker says his own state should do is policy, not a
    demand made of someone else."""
    return target.actor.kind in PLACE_KINDS and target.actor.country is not None \
        and target.actor.country == source.actor.country
