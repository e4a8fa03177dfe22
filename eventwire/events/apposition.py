"""A description and the name set off after it by a comma are one actor.

Written for the eventwire project. "Taiwan's main opposition party, the Kuomintang, launched ...",
"The bishop of Leeds, Arthur Penrose, criticised ..." and "was organised by the junior coalition
partner, the Green Party": the syntactic argument is the description's head noun, but
the actor is the one the name picks out (docs/annotation.md: the span that names it). The mention
index (:mod:`eventwire.events.mentions`) reports such an argument as one mention spanning both, coded
by the name when its code says anything, else by the description.

Split from :mod:`eventwire.events.mentions` (at its size limit), which also takes :func:`joined_mention`
from here. Persons with a title ("The Speaker of the Bundestag, Wolfgang Thierse,") stay with the
index's own ``_named_person``; this module handles the rest: organisations, parties, and names the
dictionaries do not know. The name may also come first: "Ibrahim al-Jaafari, the Prime Minister of
Iraq, condemned ..." (:func:`name_before`, the parse taking the description as the subject) and "Lazar
Comanescu, the Romanian foreign minister, visited ..." (:func:`described_name`, a name no dictionary
knows, coded by its description); the gold, like the guidelines, names the person.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["apposed_name", "joined_mention", "name_before", "described_name", "comma_conjunct_name"]

# Entity types of a name that does not name the description's holder: a place ("the capital, Kabul,"), a date, a number.
NON_HOLDER_ENTITIES = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Words that may stand between the comma and the name: an article and modifiers ("the far-right Y").
LEAD_DEPS = frozenset({"det", "amod", "advmod", "punct", "compound"})
# What may follow the name: the end of the apposition, or the verb the description is the subject of.
NAME_ENDS = frozenset({",", ")", ".", ";", ":", "--"})
# Modifiers of an uncovered description whose coded mention codes it ("France's", "Afghan").
OWNER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
# How many words of its own ("of Pamplona and Tudela") a description may have before the comma.
MAX_OWN_WORDS = 6
# How a name set before its description hangs when the parse makes the description the subject:
# beside it on the same verb ("Wayne Swan, the spokesperson said": npadvmod) or under it.
NAME_FIRST_DEPS = frozenset({"npadvmod", "nsubj", "dep", "appos", "compound"})
# Syntactic roles of a description that a name set before it can stand for (the subject of its verb).
DESCRIBED_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Entity types of a name read as a person's (the small model leaves many foreign names untyped).
NAME_ENTITIES = frozenset({"", "PERSON"})


def joined_mention(role: Actor | None, person: Actor | None, start: int, end: int, text: str) -> Actor:
    """One mention from a role and a person: the span of both; the code of the person unless only
    the article's country gave it and the role says more (a sector)."""
    base = person or role
    assert base is not None
    if role is not None and role.code and (person is None or not person.code or (
            person.code_source == "context" and len(role.code) > len(person.code)
            and (person.country in (None, role.country)))):
        joined = replace(base, code=role.code, country=role.country, sector=role.sector,
                         code_source=role.code_source, role_source=role.role_source)
    else:
        joined = base
    return replace(joined, text=text[start:end], start=start, end=end)


def apposed_name(token: Token, found: Actor | None, covering: Callable[[Token], Actor | None],
                 text: str) -> Actor | None:
    """The description headed by ``token`` joined with the name set off after it, or None.

    Only a singular common noun is read so (a plural before a comma starts a list of its members),
    and only a name that is not a place, that ends the apposition (a comma, a bracket, the end of the
    sentence, or the description's own verb), and that the parse ties to the description: as its
    apposition, as a conjunct of a word of it, or as a second subject or object of the same verb
    (which English does not allow without "and")."""
    if token.pos_ != "NOUN" or token.tag_ != "NN" or token.ent_type_:
        return None
    doc = token.doc
    comma = _comma_after(doc, token)
    if comma is None:
        return None
    name = _name_after(doc, comma + 1)
    if name is None or not _tied(doc, token, name):
        return None
    first, last = name
    named = covering(doc[last])
    if named is not None and (named.start < doc[first].idx or named.end > doc[last].idx + len(doc[last].text)):
        return None  # a mention reaching past the name is something else ("Kabul University")
    if named is None:
        span = doc[first:last + 1]
        named = Actor(text=span.text, start=span.start_char, end=span.end_char,
                       kind="person" if doc[last].ent_type_ == "PERSON" else None)
    if found is None:  # "France's state railway operator, SNCF": the coded owner stands for the description
        start = doc[token.left_edge.i].idx
        found = next((a for c in token.lefts if c.dep_ in OWNER_DEPS for a in [covering(c)] if a is not None and a.code),
                     None)
    else:
        start = min(found.start, token.idx)
    return joined_mention(found, named, start, named.end, text)


def _comma_after(doc: Doc, token: Token) -> int | None:
    """The comma right after the description's own words ("the archbishop of Pamplona ,"), if any."""
    i = token.i + 1
    while i < len(doc) and doc[i].text != "," and token in doc[i].ancestors:
        if doc[i].pos_ in ("VERB", "AUX") or i - token.i > MAX_OWN_WORDS:
            return None  # a clause about the noun: the name after it belongs to that clause
        i += 1
    return i if i < len(doc) and doc[i].text == "," else None


def _name_after(doc: Doc, i: int) -> tuple[int, int] | None:
    """(first, last) token of a proper name starting at ``i`` after an article and modifiers."""
    while i < len(doc) and doc[i].pos_ != "PROPN" and doc[i].dep_ in LEAD_DEPS and doc[i].text != ",":
        i += 1
    first = i
    while i < len(doc) and doc[i].pos_ == "PROPN":
        i += 1
    if i == first or any(doc[k].ent_type_ in NON_HOLDER_ENTITIES for k in range(first, i)):
        return None
    if i < len(doc) and doc[i].text not in NAME_ENDS and doc[i].pos_ not in ("VERB", "AUX"):
        return None
    return first, i - 1


def _tied(doc: Doc, token: Token, name: tuple[int, int]) -> bool:
    """Whether the parse joins the name to the description (see :func:`apposed_name`)."""
    head = doc[name[1]]
    inside = token.left_edge.i <= head.head.i <= token.right_edge.i
    if head.dep_ == "appos" or head.dep_ == "conj":
        return inside
    return head.dep_ in ("nsubj", "nsubjpass", "dobj") and head.dep_ == token.dep_ and head.head.i == token.head.i


def name_before(token: Token, found: Actor | None, covering: Callable[[Token], Actor | None],
                text: str) -> Actor | None:
    """The person named before a description the parse took as the subject, joined with it, or None:
    "Ibrahim al-Jaafari, the Prime Minister of Iraq condemned ..." is one mention spanning both, coded
    by the name when its code says anything (:func:`joined_mention`).

    A description set after the name as its apposition is read so too, when it is a person's title
    with no name of its own and something else (a relative clause: "Nelson Mandela, a former lawyer in
    South Africa who was imprisoned") made it the argument.

    Only a singular noun subject that is no name is read so ("Prime Minister" is tagged a proper noun), only when a comma sets it off from a person's
    name just before its phrase, and only when the parse hangs that name on the same verb or on the
    description (a name that is the object of an earlier verb, "met Ali Hassan, the minister said",
    belongs to that verb)."""
    if found is None or token.tag_ not in ("NN", "NNP") or token.ent_type_ == "PERSON" \
            or token.dep_ not in DESCRIBED_SUBJECT_DEPS | {"appos"}:
        return None
    doc = token.doc
    comma = token.left_edge.i - 1
    if comma < 1 or doc[comma].text != ",":
        return None
    person = covering(doc[comma - 1])
    if person is None or person.kind != "person" or person.code is None or person.end > doc[comma].idx:
        return None
    name = [t for t in doc[:comma] if t.idx >= person.start]
    roots = [t for t in name if not person.start <= t.head.idx < person.end or t.head.i == t.i]
    if token.dep_ == "appos":
        # "Nelson Mandela, a former lawyer who was imprisoned by the government": the description set after
        # the name, which a relative clause made the argument, is the person named
        if roots != [token.head] or token.ent_type_ or found.kind != "person":
            return None  # a named body set beside the name ("President X, Harvard University") is another party
    elif len(roots) != 1 or roots[0].dep_ not in NAME_FIRST_DEPS or roots[0].head.i not in (token.i, token.head.i):
        return None
    return joined_mention(found, person, person.start, max(found.end, token.idx + len(token.text)), text)


def described_name(token: Token, description: Actor, text: str) -> Actor:
    """A person's name no mention covers, joined with the coded description of a person set beside it:
    "Lazar Comanescu, the Romanian foreign minister," is the minister, reported by the whole span (the
    description's code). Any other token stands for the description alone."""
    if token.pos_ != "PROPN" or not token.is_alpha or token.ent_type_ not in NAME_ENTITIES \
            or description.kind != "person" or description.start < token.idx:
        return description  # a state or body beside a word is not a person's description
    first = token.i  # the name's first word ("Lazar" of "Lazar Comanescu"), not a place before it
    while first > 0 and token.doc[first - 1].pos_ == "PROPN" and token.doc[first - 1].ent_type_ in NAME_ENTITIES \
            and token.doc[first - 1].head.i == token.i:
        first -= 1
    return joined_mention(description, None, token.doc[first].idx, description.end, text)


def comma_conjunct_name(token: Token) -> Token | None:
    """A person's name the parser joined as a conjunct to a bare title before it, set off by a comma
    alone ("talks between former Indian Prime Minister, Dr. X and Pakistani President Y"): the
    title's holder, not a second party. Only a title with no article, possessor or name of its own
    (English gives a second party its article: "between the government, Smith and Jones")."""
    if token.tag_ not in ("NN", "NNP") or token.ent_type_ or token.i + 2 >= len(token.doc) \
            or token.doc[token.i + 1].text != ",":
        return None
    if any(c.dep_ in ("det", "poss") for c in token.children) \
            or any(w.ent_type_ == "PERSON" for left in token.lefts for w in left.subtree):
        return None
    return next((c for c in token.children if c.dep_ == "conj" and c.ent_type_ == "PERSON"
                 and c.left_edge.i == token.i + 2), None)
