"""Stand-ins for the event coder's tests: a small lexicon and a string-matching actor finder.

They keep the argument, modality and assembly tests about the coder's own logic, independent of how
the shipped lexicon and actor dictionaries grow. The seed test uses the real components.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from eventwire.records import Actor, Article, Event

LEXICON_YAML = """\
version: 1
entries:
  - {id: t.cooperation, cameo: "060", pos: NOUN, lemmas: [cooperation], target_preps: [with], symmetric: true}
  - {id: t.resume, cameo: "060", pos: VERB, lemmas: [resume], objects: [cooperation, ties], symmetric: true}
  - {id: t.bridge, cameo: "030", pos: VERB, lemmas: [bridge], objects: [differences], symmetric: true, weight: 0.7}
  - {id: t.attack, cameo: "190", pos: VERB, lemmas: [attack, rout, shell]}
  - {id: t.block, cameo: "120", pos: VERB, lemmas: [block], weight: 0.8}
  - {id: t.summit, cameo: "043", pos: NOUN, lemmas: [summit, talks], target_preps: [with], symmetric: true}
  - {id: t.crackdown, cameo: "175", pos: NOUN, lemmas: [crackdown], target_preps: ["on", against]}
  - {id: t.fighting, cameo: "190", pos: NOUN, lemmas: [fighting], target_preps: [with, against], weight: 0.8}
  - {id: t.intervention, cameo: "190", pos: NOUN, lemmas: [intervention], weight: 0.7}
  - {id: t.meet, cameo: "040", pos: VERB, lemmas: [meet], target_preps: [with], symmetric: true}
  - {id: t.urge, cameo: "100", pos: VERB, lemmas: [urge], weight: 0.9}
  - {id: t.condemn, cameo: "111", pos: VERB, lemmas: [condemn, criticize]}
  - {id: t.accuse, cameo: "112", pos: VERB, lemmas: [accuse]}
  - {id: t.release, cameo: "0841", pos: NOUN, lemmas: [release]}
  - {id: t.sign, cameo: "057", pos: VERB, lemmas: [sign], objects: [agreement, deal, treaty], target_preps: [with]}
  - {id: t.agreement, cameo: "030", pos: NOUN, lemmas: [agreement], target_preps: [with], symmetric: true}
  - {id: t.say, cameo: "010", pos: VERB, lemmas: [say]}
"""

# surface string -> (code, country, sector, kind); longest strings are matched first
ACTORS: dict[str, tuple[str | None, str | None, str | None, str]] = {
    "NATO": ("IGOWSTNAT", None, None, "igo"),
    "Russia": ("RUS", "RUS", None, "state"),
    "Moscow": ("RUSGOV", "RUS", "GOV", "state"),
    "Russian": ("RUS", "RUS", None, "state"),
    "Georgia": ("GEO", "GEO", None, "state"),
    "Georgian troops": ("GEOMIL", "GEO", "MIL", "agent"),
    "OSCE": ("IGOEURSCE", None, None, "igo"),
    "Iran": ("IRN", "IRN", None, "state"),
    "France": ("FRA", "FRA", None, "state"),
    "Syria": ("SYR", "SYR", None, "state"),
    "Israel": ("ISR", "ISR", None, "state"),
    "Hamas": ("PSEHMS", "PSE", "HMS", "group"),
    "President Barack Obama": ("USAGOV", "USA", "GOV", "person"),
    "Russian President Dmitry Medvedev": ("RUSGOV", "RUS", "GOV", "person"),
    "opposition protesters": ("OPP", None, "OPP", "agent"),
    "the United States": ("USA", "USA", None, "state"),
    "China": ("CHN", "CHN", None, "state"),
    "Japan": ("JPN", "JPN", None, "state"),
}


@cache
def stand_in_lexicon(tmp_dir: str) -> Any:
    from eventwire.events.lexicon import Lexicon

    path = Path(tmp_dir) / "stand_in_lexicon.yaml"
    path.write_text(LEXICON_YAML, encoding="utf-8")
    return Lexicon.load([path], builtin=False)


def stand_in_actors(text: str) -> list[Actor]:
    """Non-overlapping mentions of the ACTORS strings, longest first, at word boundaries."""
    taken: list[tuple[int, int]] = []
    found: list[Actor] = []
    for surface in sorted(ACTORS, key=len, reverse=True):
        start = 0
        while (pos := text.find(surface, start)) >= 0:
            end = pos + len(surface)
            start = end
            before = text[pos - 1] if pos else " "
            after = text[end] if end < len(text) else " "
            if before.isalnum() or after.isalnum() or any(pos < e and s < end for s, e in taken):
                continue
            code, country, sector, kind = ACTORS[surface]
            taken.append((pos, end))
            found.append(Actor(text=surface, start=pos, end=end, code=code, country=country, sector=sector,
                               name=surface, kind=kind, role_source="dictionary"))
    return sorted(found, key=lambda a: a.start)


def code(text: str, lexicon: Any, published: str | None = "2009-06-27T10:12") -> list[Event]:
    """Code a text with the stand-ins and no classifier."""
    from eventwire import nlp
    from eventwire.events.coder import code_doc

    doc = nlp.parse(text)
    article = Article(id="t", uri="t", text=text, published=published)
    return code_doc(doc, article, stand_in_actors(text), lexicon=lexicon, classifier=None)


def coded_triples(text: str, lexicon: Any) -> list[tuple[str | None, str | None, str, str]]:
    """(source code, target code, PLOVER type, CAMEO) of each event ``code`` finds, in order."""
    return [(e.source.code, e.target.code if e.target else None, e.plover.type, e.cameo)
            for e in code(text, lexicon)]


def dyads(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    return {(e.source.code, e.target.code if e.target else None, e.plover.type) for e in events}


def shipped_events(text: str) -> list[tuple[str, str, str | None]]:
    """(PLOVER type, source text, target text) of every event the shipped coder (lexicon, actor
    dictionaries, parser and models, as a run codes them) finds in ``text``."""
    from eventwire import code_text

    return [(e.plover.type, e.source.text, e.target.text if e.target else None) for e in code_text(text)]


def rule_pairs(text: str, rule_prefix: str) -> set[tuple[str, str | None]]:
    """(source, target) texts of the candidates of rules whose id starts with ``rule_prefix``, as the
    shipped parser, dictionaries and lexicon give them before any model (so no proposed targets)."""
    from dataclasses import replace

    from eventwire.events import coder
    from eventwire.events.lexicon import get_lexicon
    from eventwire.stages import _article_for_text, coding_stages

    stages = coding_stages()
    article = replace(_article_for_text(text, "2007-01-05"), id="t")
    for doc, _ in stages.parse([(article.text, None)]):
        actors = stages.actors(doc, article)
        cands = coder._gather(doc, article, actors, get_lexicon(), False)
        return {(c.source.actor.text, c.target.actor.text if c.target else None)
                for c in cands if (c.rule or "").startswith(rule_prefix)}
    return set()
