"""What the words around an actor phrase say about it, for the resolver (:mod:`eventwire.actors.resolve`).

Written for the eventwire project. Each helper reads the dependency parse around one phrase:

* a title or agent word followed by "of"/"for"/"from" and a body is that body's ("the Speaker of the
  Bundestag" LEG, "chief executive of software firm MYOB" BUS, "Leaders of Hamas") --
  :func:`owned_by_body`; a bare role noun the article alone coded takes the coded body its phrase
  names ("judges for the group") -- :func:`stated_owners`;
* a name with no sector takes the sector of the description set off after it ("Paul Dewar, an Ottawa
  New Democrat MP," LEG) -- :func:`described_person`;
* a participle after a noun is a clause about it, not part of its span ("327 families displaced by
  the bombings") -- :func:`participle_after`;
* the he/she subject of a reported clause is the reporting verb's own singular subject ("one deputy
  has announced he intends ...") -- :func:`reporting_subject`;
* a singular title with no name is a person "he"/"she" may mean later ("the prime minister ... He")
  -- :func:`office_holder`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from typing import TYPE_CHECKING

from eventwire.actors.article import context_words
from eventwire.actors.dictionary import STATE_KINDS
from eventwire.actors.units import FORMER_WORDS, Unit
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["apposed_name", "described_person", "office_holder", "owned_by_body", "participle_after", "reporting_subject",
           "stated_owners"]

# sectors of an unnamed body whose title holder is of that body, not of a government ("chief
# executive of software firm MYOB" is business; "spokeswoman for the union" labour)
_BODY_SECTORS = frozenset({"BUS", "MED", "EDU", "LAB", "REL", "HRI", "NGO", "AGR", "MNC"})
# the prepositions that join a role to the body it belongs to ("spokesman for Hamas", "officials from
# the UN"); a state after "from" is only where people come from and is not read here (units.POSTMODIFIER_PREPS)
_OWNER_PREPS = frozenset({"of", "for", "from"})


def owned_by_body(doc: Doc, title: Unit, candidate: Unit) -> bool:
    """"leader of the opposition Labour Party", "Speaker of the Bundestag", "chief executive of
    software firm MYOB": a named group, institution or IGO, or an unnamed body of a non-state sector,
    right after a title (joined by "of", "for" or "from", or inside the title's own "of" phrase) is the
    title holder's. A generic agent word is a named body's own people in the same way ("leaders of
    Hamas", "officials of the Palestinian Authority", "fighters from Hezbollah"), unless its sector is
    one of people around a body, not in it (``outsider_sectors``: "supporters of Hamas", "victims of
    the Taliban")."""
    entry = candidate.entries[0] if candidate.entries else None
    if entry is None or not (candidate.kind == "M" and entry.kind in ("group", "institution", "igo") or
                             candidate.kind == "A" and entry.sector in _BODY_SECTORS):
        return False
    if title.kind == "A" and (candidate.kind != "M" or title.entries[0].sector in context_words().outsiders):
        return False
    gap = [t.lower_ for t in doc[title.end:candidate.start]]
    if title.kind == "A" and not gap and _modifies_next(doc, candidate):
        return False  # "opposition Democratic Party leader X": the name belongs to the leader, not to "opposition"
    return len(gap) <= 3 and (not gap or gap[0] in _OWNER_PREPS) and \
        all(w in _OWNER_PREPS or w == "the" or doc[title.end + k].dep_ in ("compound", "amod") for k, w in enumerate(gap))


def _modifies_next(doc: Doc, unit: Unit) -> bool:
    """The unit's last word modifies a noun after it ("Democratic Party | leader")."""
    last = doc[unit.end - 1]
    return last.dep_ in ("compound", "nmod", "amod", "poss") and last.head.i >= unit.end


def stated_owners(doc: Doc, actors: list[Actor]) -> list[Actor]:
    """"judges for the group", "Representatives of all major parties": people who act for a body
    (``owned_roles``), named by a bare noun that only the article gave a code (``context``), take
    the code of the coded body their "of", "for" or "from" phrase names, where composition could not
    join the two (a reference, a generic noun, an organisation known by its name's kind). Their span
    stays their own, the shortest that names them. Not a state (composition reads "lawmakers in
    Georgia") nor a person, whom a body after "of" is headed by ("the government of President X"),
    nor people (``outsider_sectors``: "the district commander of Bakwa", a town standing for its
    people); a former holder stays an elite ("former officials of the regime")."""
    words = context_words()
    starts = [a.start for a in actors]  # the resolver's mentions are in text order and do not overlap
    out = []
    for actor in actors:
        span = doc.char_span(actor.start, actor.end)
        if span is None or actor.code_source != "context" or actor.name:
            out.append(actor)
            continue
        head = span[-1]
        if head.lemma_.lower() in words.owned_roles and not _qualified(doc, span):
            owner = next((a for word in _owner_objects(head) for a in [_covering(actors, starts, word.idx)]
                          if a is not None), None)
            if owner is not None and owner.code and owner.kind not in ("state", "person") and \
                    owner.sector not in words.outsiders:
                actor = replace(actor, code=owner.code, country=owner.country, sector=owner.sector,
                                code_source=owner.code_source)
        out.append(actor)
    return out


def _covering(actors: list[Actor], starts: list[int], offset: int) -> Actor | None:
    """The mention covering a character offset, if any."""
    k = bisect_right(starts, offset) - 1
    return actors[k] if k >= 0 and offset < actors[k].end else None


def _qualified(doc: Doc, span: Span) -> bool:
    """The role's own words already say whose or which it is: a name ("Senate leaders") or a former
    holder ("former officials", an elite whatever body they served)."""
    before = doc[span.start - 1: span.start] if span.start > 0 else doc[0:0]
    return any(t.pos_ == "PROPN" for t in span[:-1]) or any(t.lower_ in FORMER_WORDS for t in (*before, *span))


def _owner_objects(head: Token) -> list[Token]:
    """The words that may name whose a noun is: the objects of its "of", "for" and "from" phrases,
    each followed by the names modifying it ("of the Hamas movement": movement, then Hamas)."""
    return [word for prep in head.rights if prep.dep_ == "prep" and prep.lower_ in _OWNER_PREPS
            for pobj in prep.children if pobj.dep_ == "pobj"
            for word in (pobj, *(c for c in pobj.lefts if c.dep_ in ("compound", "nmod", "poss")))]


def apposed_name(doc: Doc, title: Unit, name: Unit) -> bool:
    """"the Secretary of Defense, Donald Rumsfeld": a personal name set off by a comma right after a
    singular title names its holder. The parse says so with an apposition; the small model also
    reads the pair as two conjuncts ("the Vice President of the United States, Richard Cheney, and
    the Secretary ...") or as two subjects of one verb ("opposition leader, Jeff Seeney said"),
    which English does not allow without "and", or leaves the title unlabelled on the name's verb:
    all are read as the apposition too."""
    head, last = doc[title.end - 1], doc[name.end - 1]
    if last.dep_ == "appos":
        return True
    if head.tag_ in ("NNS", "NNPS") or any(t.lower_ in ("and", "or") for t in doc[title.end:name.start]):
        return False
    if last.dep_ == "conj":
        return title.start <= last.head.i < title.end
    # the title may also hang on the name's verb as no argument ("Australian treasurer, Peter Costello
    # believes": dep or npadvmod)
    return last.dep_ in ("nsubj", "nsubjpass", "dobj") and head.dep_ in (last.dep_, "dep", "npadvmod") and \
        last.head.i == head.head.i


def described_person(doc: Doc, units: list[Unit], person: Unit, actor: Actor) -> Actor:
    """A person the dictionaries give no role takes the sector of the description set off after
    the name ("Paul Dewar, an Ottawa New Democrat MP," -> LEG), and its state when it names one; a
    person whose title gave a sector but no state takes the state the description is of ("Colonel
    Jan Horak, a Czech military attaché," -> CZEMIL, not the country the article is set in)."""
    head = doc[person.end - 1]
    descriptions = [c for c in head.children if c.dep_ == "appos" and c.i >= person.end]
    for description in descriptions:
        inside = [u for u in units if description.left_edge.i <= u.start and u.end <= description.right_edge.i + 1]
        if actor.sector is not None:
            owner = next((u.entries[0] for u in inside if u.kind == "M" and u.start < description.i), None)
            if actor.country is None and owner is not None and owner.kind in STATE_KINDS and owner.code:
                return replace(actor, country=owner.code, code=f"{owner.code}{actor.sector}")
            continue
        role = next((u for u in inside if u.kind in ("T", "A") and u.start <= description.i < u.end
                     and u.entries[0].sector), None)
        if role is None or _uncoded_owner(doc, inside, description.left_edge.i, role):
            continue
        sector = role.entries[0].sector
        state = next((u.entries[0].code for u in inside if u.kind == "M" and u.entries[0].kind in STATE_KINDS
                      and u.start < role.start), None)
        country = actor.country or state
        return replace(actor, sector=sector, country=country, code=f"{country}{sector}" if country else None,
                       role_source="title")
    return actor


def _uncoded_owner(doc: Doc, inside: list[Unit], start: int, role: Unit) -> bool:
    """"the Quillsoft Corporation chairman": a governing title owned by a name no dictionary knows is
    that body's (a company's chair), not a government's; "an Ottawa New Democrat MP" is a lawmaker
    whatever the party's name."""
    if role.entries[0].sector != "GOV":
        return False
    # a body coded only by the kind its name says (no code, no country) is still a name no dictionary knows
    known = {k for u in inside if u.kind == "M" and (u.entries[0].code or u.entries[0].country)
             for k in range(u.start, u.end)}
    return any(doc[k].pos_ == "PROPN" and k not in known for k in range(start, role.start))


def participle_after(doc: Doc, unit: Unit, follows: bool) -> bool:
    """"327 families displaced by the bombings": a participle after the noun is a clause about it,
    not a part of its name (the actor is "327 families")."""
    token = doc[unit.start]
    return follows and unit.end - unit.start == 1 and token.tag_ == "VBN" and token.dep_ == "acl"


def reporting_subject(doc: Doc, pronoun: Unit, out: list[Actor]) -> Actor | None:
    """"At least one deputy has announced he intends ...": the subject pronoun of a clause reported
    by a verb is the verb's own subject when that is one person or official (a singular noun with a
    sector), whoever was named before."""
    token = doc[pronoun.start]
    if token.dep_ != "nsubj" or token.lower_ not in ("he", "she") or token.head.dep_ != "ccomp":
        return None
    verb = token.head.head
    speaker = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < token.i), None)
    while speaker is None and verb.dep_ in ("conj", "advcl") and verb.head.i < verb.i:
        # "paid his respect to Köhler, calling ... and expressed that he intends": a conjoined or
        # participial verb shares the subject of the verb it hangs on
        verb = verb.head
        speaker = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < token.i), None)
    if speaker is None or speaker.tag_ not in ("NN", "NNP") or any(c.dep_ == "conj" for c in speaker.children):
        return None
    actor = next((a for a in reversed(out) if a.start <= speaker.idx < a.end), None)
    if actor is None or actor.kind not in ("person", "agent") or not actor.sector:
        return None  # uncoded but with a sector ("one deputy") still beats the last person named
    return actor


def office_holder(doc: Doc, actor: Actor, roles: list[Unit]) -> bool:
    """A coded person named by a singular title alone ("the prime minister", "a senior judge"):
    someone a later "he" or "she" can mean, though no name was given. A title said of someone
    ("resigned as foreign minister", "he is the new judge", "Bernier, the minister,") is that
    person's role, not another person; a title word modifying a noun ("the Justice Department") none."""
    if actor.kind != "person" or actor.code is None or not roles or roles[-1].kind != "T":
        return False
    head = doc[roles[-1].end - 1]
    predicated = head.dep_ in ("attr", "appos", "oprd") or head.dep_ == "pobj" and head.head.lower_ == "as"
    # "the Justice Department": a title word modifying another noun names no person; "his lawyer"
    # is someone's dependant, whom "he" after it rarely means ("X said via his lawyer that he ...")
    possessed = any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)
    return head.tag_ in ("NN", "NNP") and not predicated and not possessed and \
        head.dep_ not in ("compound", "amod", "nmod")
