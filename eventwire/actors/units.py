"""The pieces a phrase is built from, and the word-level tests that join them.

A :class:`Unit` is a dictionary hit, an NER span, a pronoun or a proper-noun run, with token and
character offsets. The functions here answer local questions about the parse: may two units form
one phrase ("Iran's opposition protesters"), does an agent word only modify a noun ("military
intervention"), does a state after "of"/"in" own the phrase, is the phrase about a former holder.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventwire.actors.dictionary import STATE_KINDS, Entry

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Unit", "CLASS_SOURCE", "joins", "absorb_modifiers", "modifies_noun", "postmodifier", "former", "name_like",
           "comma_gap", "ethnic", "located_in", "people_of", "counted_people", "noun_end"]

# "the president of Iran", "lawmakers in Fornost", "students throughout Indonesia" (CAMEO attaches the
# place); "from" usually gives origin
POSTMODIFIER_PREPS = frozenset({"of", "in", "throughout", "across"})
# "a curfew in Algiers", "power lines into Kabul": a capital after these is a place, not the government
LOCATIVE_PREPS = frozenset({"in", "into", "inside", "at", "near", "around", "across", "throughout", "outside",
                            "within", "from", "through", "toward", "towards", "between", "out"})

# where a role came from when only WordNet's class of the noun gives it, not the hand list
# (eventwire/data/actors/noun_classes.tsv): the form of the noun's agent unit and its mention's role_source
CLASS_SOURCE = "class"


@dataclass
class Unit:
    """One piece of a phrase: M modifier, T title, A agent, P person, X unresolved NER span,
    C proper-noun run (used only for a remembered name or after a title), PRON subject pronoun."""

    start: int  # token index
    end: int  # token index, exclusive
    cstart: int  # character offsets
    cend: int
    kind: str  # M T A P X C PRON
    entries: tuple[Entry, ...] = ()
    form: str | None = None
    label: str | None = None


def name_like(doc: Doc, unit: Unit) -> bool:
    """A proper-noun run that can be a person's name after a title ("President Romendacil"), not a
    date or a place ("the Army Tuesday")."""
    return doc[unit.start].is_title and all(t.ent_type_ in ("", "PERSON") for t in doc[unit.start : unit.end])


def noun_end(doc: Doc, end: int) -> int:
    """The end of the noun phrase a unit ending at token ``end`` modifies: "the Greenpeace | expedition",
    "the Afghan Defence | Ministry" (the owner's name is a modifier of the body's common noun), so
    that an apposition set off after that noun ("..., Shane Rattenbury said") is found; ``end``
    itself when the unit's last word heads its phrase."""
    last = doc[end - 1]
    head = last.head
    while last.dep_ in ("compound", "amod") and head.i >= end and head.i - end < 3 and head.pos_ in ("NOUN", "PROPN") \
            and all(t.dep_ in ("compound", "amod") and t.head.i <= head.i for t in doc[end:head.i]):
        end, last, head = head.i + 1, head, head.head
    return end


def comma_gap(doc: Doc, end: int, start: int) -> bool:
    """Only a comma (and an article) between two units: ", the", ", a", ","."""
    gap = [t.lower_ for t in doc[end:start]]
    return bool(gap) and gap[0] == "," and all(w in ("the", "a", "an") for w in gap[1:]) and len(gap) <= 2


def located_in(doc: Doc, unit: Unit) -> bool:
    """"in Tokyo", "in central Baghdad": the phrase is the object of a place preposition, so a capital
    names the city (its country, no sector), not the government as "Tokyo said" does."""
    token = doc[unit.end - 1]
    while token.dep_ in ("compound", "amod") and token.head.i != token.i and token.head.i < unit.end + 2:
        token = token.head
    if token.dep_ == "appos" and token.head.i != token.i:  # "in the capital Kabul"
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS


_QUANTITIES = frozenset({"hundreds", "thousands", "tens", "dozens", "scores", "millions", "number", "group",
                         "groups", "crowd", "crowds"})


def _plural_demonym(doc: Doc, mod: Unit) -> bool:
    token = doc[mod.end - 1]
    return mod.form == "demonym" and token.tag_ in ("NNS", "NNPS") or \
        (mod.form == "demonym" and token.lower_.endswith("s") and token.pos_ in ("NOUN", "PROPN"))


def people_of(doc: Doc, mod: Unit) -> bool:
    """"Albanians of southern Serbia": a people named by a plural demonym, placed by what follows."""
    return _plural_demonym(doc, mod)


def counted_people(doc: Doc, mod: Unit) -> bool:
    """"168 Liberians", "thousands of Nigerians", "young Algerians": people of a nation counted or
    described one by one are civilians (CAMEO CVL); "the Palestinians" as a party keeps no sector."""
    if not _plural_demonym(doc, mod):
        return False
    token = doc[mod.end - 1]
    if any(child.dep_ in ("nummod", "amod", "quantmod") for child in token.children):
        return True
    head = token.head
    return token.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _QUANTITIES


def ethnic(doc: Doc, mod: Unit) -> bool:
    """"ethnic Albanians": a people, not the state the demonym names."""
    return mod.start > 0 and doc[mod.start - 1].lower_ == "ethnic" and mod.entries[0].kind in STATE_KINDS


def joins(doc: Doc, left: Unit, right: Unit, *, possessive: bool) -> bool:
    """Whether two units belong to one phrase: adjacent, or separated by 's or by words that
    modify the right unit ("Israeli peace movement", "NATO peacekeeping troops")."""
    if doc[right.start].is_sent_start:
        return False
    gap = doc[left.end : right.start]
    if len(gap) > 4:
        return False
    if [t.lower_ for t in gap] == ["-", "led"]:
        return True  # "Vietnamese-led forces", "Saudi-led coalition": the leader owns the force
    for k, token in enumerate(gap):
        if token.tag_ == "POS" and k == 0 and possessive:
            continue
        if token.pos_ == "ADJ" or token.lower_ in ("top", "senior", "former", "deputy", "chief"):
            continue
        if token.pos_ == "SPACE" or (token.dep_ in ("cc", "punct") and token.head.pos_ == "ADJ"):
            continue  # "Ithilen's awful and evil minister"
        if token.dep_ in ("compound", "amod", "nmod") and left.end <= token.head.i < right.end + 4:
            continue  # modifies the right unit or the name it heads ("Jordan's visiting King Abdullah")
        return False
    return True

def absorb_modifiers(doc: Doc, units: list[Unit]) -> list[Unit]:
    """Drop proper-noun runs that only modify the title/agent after them, so the phrase composes:
    "Taiwan's Vice Foreign Minister", "Nicaragua's Sandinista government"."""
    keep: list[Unit] = []
    for index, unit in enumerate(units):
        if unit.kind in ("C", "X") and unit.label != "PERSON" and 0 < index < len(units) - 1:
            before, after = units[index - 1], units[index + 1]
            if before.kind == "M" and after.kind in ("T", "A") and after.start == unit.end and all(
                doc[k].dep_ in ("compound", "amod") and unit.end <= doc[k].head.i < after.end + 4
                for k in range(unit.start, unit.end)
            ):
                continue
        keep.append(unit)
    return keep

def modifies_noun(doc: Doc, unit: Unit) -> bool:
    """"military intervention", "police custody": the agent word only modifies another noun."""
    token = doc[unit.end - 1]
    # Only the adjective reading: "army officers", "police custody" still name the agent (CAMEO
    # and PETRARCH code them), "military intervention" does not.
    return token.pos_ == "ADJ" and token.dep_ == "amod" and token.head.i >= unit.end and \
        token.head.pos_ in ("NOUN", "PROPN")

def postmodifier(doc: Doc, role: Unit, candidate: Unit) -> bool:
    """"opposition groups in Zimbabwe", "the president of Iran": a state after in/of/from."""
    if candidate.kind != "M" or candidate.entries[0].kind not in STATE_KINDS:
        return False
    if candidate.end < len(doc) and doc[candidate.end].text == "-" and not doc[candidate.end - 1].whitespace_:
        return False  # "of the Israeli-occupied West Bank": a hyphen-bound adjective is not the place
    gap = [t for t in doc[role.end : candidate.start]]
    if not gap or gap[0].lower_ not in POSTMODIFIER_PREPS or len(gap) > 3:
        return False
    # "in Serbia", "in the West Bank", "in southern Serbia"
    return all(t.lower_ == "the" or t.dep_ in ("amod", "compound") for t in gap[1:])

FORMER_WORDS = frozenset({"former", "ex", "ex-", "ousted", "deposed"})


def former(doc: Doc, first: Unit, role: Unit) -> bool:
    """"former President X", "ex-minister": the word just before the role or the phrase, or before
    the place names in front of it ("former Delta State governor", "Former Pennsylvania State Senator")."""
    for index in {role.start - 1, first.start - 1, role.start}:
        if 0 <= index < len(doc) and doc[index].lower_ in FORMER_WORDS:
            return True
    index = min(first.start, role.start) - 1
    while index >= 0 and doc[index].pos_ == "PROPN" and doc[index].is_title and doc[index].lower_ not in FORMER_WORDS:
        index -= 1
    if 0 <= index < min(first.start, role.start) - 1 and doc[index].lower_ in FORMER_WORDS:
        return True
    return doc[role.start].lower_.startswith("ex-")
