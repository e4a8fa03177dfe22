"""Which nouns share a role: the parties a noun is coordinated with, the members it names and the
parties joined to it.

"NATO and Russia" are two parties, "the Blues and Royals" one (a name); "All major parties, including
the opposition," and "parties such as the Greens" name members; "Reinado, along with another attacker,"
joins a second party to the same role (a bare "with" does not: "a man with a gun"). A list "A, B and C"
the parser read as an apposition still lists its members (as does "A, B, C and D" of states or
bodies, B made an apposition of A). Titles joined to the name after them
("acting president and prime minister X") are one party with it. Split from :mod:`eventwire.events.clauses`
(which re-exports :func:`with_conjuncts`), which reads the subjects of clauses. A verb of joining another
in an act makes the one joined a second doer of it ("France joined Germany in condemning the coup":
:func:`act_partners`, :func:`co_agents`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.apposition import comma_conjunct_name
from eventwire.events.syntax_lists import in_list

if TYPE_CHECKING:
    from spacy.tokens import Token

    from eventwire.events.frames import Argument

__all__ = ["with_conjuncts", "is_list_heading", "is_accompanying", "listed_after_apposition", "coordinated_modifiers", "titles_of_one_person",
           "titles_before_names", "determined", "act_partners", "co_agents", "shared_act", "without_partners", "member_sides", "NOMINAL_POS",
           "NAMED"]

NOMINAL_POS = frozenset({"NOUN", "PROPN"})
# entity types of a name that owns the noun it modifies ("a United Nations plan")
NAMED = frozenset({"ORG", "GPE", "NORP", "PERSON"})
# entity types of a body (not a person) whose list may be parsed as an apposition ("the IMF, the World
# Bank and ...")
BODY_ENTITIES = frozenset({"ORG", "GPE", "NORP"})
# entity types of a name that may contain "and" and still name one body or place ("Trinidad and Tobago",
# "the Blues and Royals"); a person or work-of-art span over "X and Y" is the tagger's slip
BODY_NAMES = frozenset({"ORG", "GPE", "FAC", "LOC"})
# prepositions that name members of the noun phrase they modify ("parties, including the opposition")
INCLUDING_PREPS = frozenset({"including"})
# "parties such as the Greens": "as" with its "such" names examples, which are members as "including" names
EXAMPLE_PREP, EXAMPLE_MARK = "as", "such"
# "Mugabe, along with his ministers,": a "with" led by one of these adds a party to the same role
ACCOMPANYING_ADVERBS = frozenset({"along", "together"})


def with_conjuncts(token: Token, *, lists: bool = False) -> list[Token]:
    """The token and the nouns coordinated with it ("NATO and Russia"), and the members it names as
    included ("All major parties, including the opposition, support ...": the opposition too; "parties
    such as the Greens") or as joining it ("Reinado, along with another attacker, was shot").
    ``lists``: also the members of a list the parser read as an apposition (for a clause's subject,
    see :func:`listed_after_apposition`)."""
    first = _first_listed_member(token)
    if first is not None and first.dep_ == "conj":
        return with_conjuncts(first, lists=lists)  # "the four parties, Israel, Egypt and Syria"
    out = [first] if first is not None else [token]
    for child in token.children:
        if child.dep_ != "conj" and _same_word(token, child):
            # "Willem-Alexander and Máxima": the parser splits a hyphenated name and hangs the
            # conjunct on its last part, which is no party of its own
            out.extend(t for c in child.children if c.dep_ == "conj" and c.pos_ in NOMINAL_POS
                       for t in with_conjuncts(c, lists=lists) if t not in out)
        elif child.dep_ == "conj" and child.pos_ in NOMINAL_POS | {"PRON"}:
            if child == comma_conjunct_name(token):
                # "former Prime Minister, Dr. X and Y": X is the title's holder; Y is a party
                out.extend(t for t in with_conjuncts(child, lists=lists)[1:] if t not in out)
                continue
            if _one_name(token, child) or not (lists or _coordinated(token, child)):
                # "his regiment, the Blues and Royals": one party, named twice (a clause's subject may
                # be a fronted phrase the parser joined to it: "from The Sun, Al-Qaeda members have")
                continue
            out.extend(with_conjuncts(child, lists=lists))
        elif child.dep_ == "appos" and lists:
            # a member B brings its own conjuncts, which are members too: each token once
            members = [t for member in listed_after_apposition(token, child) for t in with_conjuncts(member, lists=True)]
            out.extend(t for k, t in enumerate(members) if t not in members[:k] and t not in out)
        elif child.dep_ == "prep" and token.tag_ in ("NNS", "NNPS") and (child.lower_ in INCLUDING_PREPS or (
                child.lower_ == EXAMPLE_PREP and any(c.lower_ == EXAMPLE_MARK for c in child.children))):
            # members of a plural group only ("activity, including some Asian connections" names none)
            out.extend(t for pobj in child.children if pobj.dep_ == "pobj" for t in with_conjuncts(pobj))
        elif child.dep_ in ("prep", "advmod") and child.lower_ in ACCOMPANYING_ADVERBS | {"with"}:
            out.extend(t for pobj in _accompanying(child) for t in with_conjuncts(pobj) if t not in out)
    verb = token.head
    if token.dep_ in ("nsubj", "nsubjpass") and token.i < verb.i:
        # "Iran, along with Syria, was condemned": the parser hangs the phrase on the verb, between
        # the subject and it; set there, it joins the subject
        for child in verb.children:
            if token.i < child.i < verb.i and child.dep_ in ("prep", "advmod") \
                    and child.lower_ in ACCOMPANYING_ADVERBS | {"with"}:
                out.extend(t for pobj in _accompanying(child) for t in with_conjuncts(pobj) if t not in out)
    return out


def is_list_heading(token: Token) -> bool:
    """A plural noun that heads the list of names after it ("the six parties, North Korea, China, ...",
    "the two leaders, Bush and Putin"): the names are its members and the noun is no party of its own
    (a party read off it would pair the set with its members). :func:`with_conjuncts` reads the members
    in its place; this tells the admissibility checks to refuse the noun where a rule took it alone."""
    return _first_listed_member(token) is not None


def _first_listed_member(token: Token) -> Token | None:
    """The first member of a list of names set right after a plural common noun that names the group
    ("the talks between the four parties, Israel, Egypt, Jordan and Syria"): the
    parser makes the first name an apposition of the noun, with the others hung on the noun, or a
    conjunct of the noun, so the noun would stand as a party beside its own members. None otherwise."""
    if token.tag_ != "NNS" or token.ent_type_ or token.i + 2 >= len(token.doc) or token.doc[token.i + 1].text != ",":
        return None
    first = next((c for c in token.children if c.dep_ in ("appos", "conj") and c.pos_ == "PROPN"
                  and c.ent_type_ in NAMED and c.left_edge.i == token.i + 2), None)
    if first is None or not (any(c.dep_ == "conj" for c in token.children) if first.dep_ == "appos"
                             else _coordinated(token, first)):
        return None  # no list: an apposition naming the group ("the rebels, the Tamil Tigers,")
    return first


def _same_word(token: Token, part: Token) -> bool:
    """Whether ``part`` is a piece of the hyphenated word ``token`` starts ("Willem-Alexander"): the
    tokens between them are joined by hyphens with no space."""
    doc = token.doc
    if part.i <= token.i + 1 or part.i - token.i > 4:
        return False
    between = doc[token.i:part.i]
    return not any(t.whitespace_ for t in between) and any(t.text == "-" for t in between)


def is_accompanying(token: Token) -> bool:
    """Whether a noun is joined to another party by "along with" or "together with" (its co-party in
    the same role, never that party's counterpart)."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "with":
        return False
    return prep.head.lower_ in ACCOMPANYING_ADVERBS or any(c.lower_ in ACCOMPANYING_ADVERBS for c in prep.children)


def _accompanying(child: Token) -> list[Token]:
    """The parties a noun is joined by through "along with" or "together with" ("Reinado, along with
    another attacker, was shot": both were); a bare "with" is an attribute or an instrument ("a man
    with a gun", "troops with tanks") and joins no one. The parser hangs "with" under the adverb, or
    the adverb under "with"."""
    if child.lower_ == "with":
        led = any(c.lower_ in ACCOMPANYING_ADVERBS for c in child.children)
        withs = [child] if led else []
    else:
        withs = [c for c in child.children if c.dep_ == "prep" and c.lower_ == "with"]
    return [pobj for w in withs for pobj in w.children if pobj.dep_ == "pobj" and pobj.pos_ in NOMINAL_POS | {"PRON"}]


def coordinated_modifiers(token: Token) -> list[Token]:
    """The modifiers of a noun that are coordinated parties ("Russian and Ukrainian delegations"); the
    caller keeps those that name actors (split from :mod:`eventwire.events.arguments`)."""
    out: list[Token] = []
    modifiers = [c for c in token.lefts if c.dep_ in ("amod", "compound", "nmod")]
    for child in modifiers:
        if any(c.dep_ == "conj" for c in child.children):
            out.extend((child, *child.conjuncts))
        elif any(c.dep_ == "cc" for c in child.children):
            # "UK and EU negotiators": spaCy leaves the second party a sibling, not a conjunct
            out.extend((child, *(m for m in modifiers if m.i > child.i)))
    return out


def _one_name(token: Token, conjunct: Token) -> bool:
    """Both in one named entity: the "and" is part of a name ("the Blues and Royals", "Trinidad and
    Tobago", "Procter and Gamble"), not a coordination of two parties."""
    return token.ent_type_ in BODY_NAMES and any(ent.label_ in BODY_NAMES and ent.start <= token.i < ent.end
                                                 and ent.start <= conjunct.i < ent.end for ent in token.doc.ents)


def _coordinated(token: Token, conjunct: Token) -> bool:
    """Whether a conjunction joins the series ``token`` heads: "A, B and C" is a list, "A, B" with no
    conjunction outside a name is an apposition the parser read as a conjunct ("his regiment, the Blues
    and Royals")."""
    series = [token, conjunct]
    while any(c.dep_ == "conj" for c in series[-1].children):
        series.append(next(c for c in series[-1].children if c.dep_ == "conj"))
    return any(c.dep_ in ("cc", "preconj") and not (c.ent_type_ and member.ent_type_ and _one_name(member, c))
               for member in series for c in member.children) or any(
        c.dep_ == "punct" and c.text in ("/", "&") for member in series for c in member.children)


def listed_after_apposition(token: Token, appos: Token) -> list[Token]:
    """Members of a list "A, B and C" that the parser read as an apposition B of A with C conjoined to
    B ("Amnesty International, the United Nations and Russia condemned"; "Opposition leader, Kim
    Beazley, and Shadow Foreign Minister Kevin Rudd asked"). An apposition is closed by a comma and
    does not add "and" plus a new name, so an unclosed one that does lists a member of its own (C).
    B is a member too only when A is a body and B a named or determined phrase ("The Islamic Courts'
    Union, the Umbrella organisation of Islamic Clerics and the supporters of ... organised"); after
    a person or a role noun B describes the person ("Mary Graham, the deputy director and a 27-year
    veteran of the CIA": one person)."""
    if appos.i < token.i or appos.left_edge.i == 0 or appos.doc[appos.left_edge.i - 1].text != ",":
        return []
    joined = [c for c in appos.children if c.dep_ == "conj" and c.i > appos.i]
    if not joined or not any(c.dep_ == "cc" and c.lower_ in ("and", "or") for c in appos.children):
        return [appos] if _oxford_member(token, appos) else []
    after = joined[-1].right_edge.i + 1
    if after < len(appos.doc) and appos.doc[after].text == ",":
        return []  # "Hamas, the Islamist movement and the ruler of Gaza, said": closed, so one description
    body = token.ent_type_ in BODY_ENTITIES and token.pos_ == "PROPN"
    members = [appos] if body and _own_phrase(appos) else []
    for conjunct in joined:
        named = conjunct.pos_ == "PROPN" and conjunct.ent_type_ in NAMED
        if named or body and _own_phrase(conjunct):
            members.append(conjunct)
    return members


def _oxford_member(token: Token, appos: Token) -> bool:
    """"Sunnis, Kurds, and secularists opposed": with a comma before "and", the parser reads the middle
    member as an apposition of the first, closed by a comma, and joins the last to the first. A bare
    plural like the first (no article: an apposition describing a group has one, "the rebels, the
    main armed group, and ...") is a member of the list."""
    after = appos.right_edge.i + 1
    if after >= len(appos.doc) or appos.doc[after].text != ",":
        return False
    joined = [c for c in token.children if c.dep_ == "conj" and c.i > after]
    if not joined:
        return False
    if _listed_names(token, appos, joined[0]):
        return True
    if not any(c.dep_ == "cc" and c.lower_ in ("and", "or") and c.i > after for c in token.children):
        return False
    plural = ("NNS", "NNPS")
    return token.tag_ in plural and appos.tag_ in plural and not determined(appos) and not determined(token)


def _listed_names(token: Token, appos: Token, joined: Token) -> bool:
    """"from Australia, Malaysia, New Zealand and Portugal": names of states or bodies in a list whose
    "and" ends a chain of conjuncts ("New Zealand and Portugal"); a state is no description of another
    state, so the name the parser made an apposition is a member. All three names of one kind."""
    chain = [joined, *(c for c in joined.subtree if c.dep_ == "conj")]
    closed = any(c.dep_ == "cc" and c.lower_ in ("and", "or") for t in chain for c in t.children)
    kinds = {t.ent_type_ for t in (token, appos, joined)}
    return closed and all(t.pos_ == "PROPN" for t in (token, appos, joined)) and len(kinds) == 1 \
        and kinds <= BODY_ENTITIES


def _own_phrase(noun: Token) -> bool:
    """A noun phrase that names a party of its own: a name, or a noun with its own article ("the
    supporters of ...")."""
    return noun.pos_ == "PROPN" and noun.ent_type_ in NAMED or \
        noun.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in noun.children)


def titles_of_one_person(members: list[Token], singular_verb: bool) -> list[Token]:
    """``[person]`` for "Environmental activist and former Vice-President Al Gore", "The Chair of the
    CDU and her party's candidate, Angela Merkel, welcomed ... and wants": the last member names a
    person (a name, or a role noun with a name in apposition), each one before is a singular noun and
    no name, and English marks them as one: a title without its own article, a bare role noun
    carrying the name, or a singular verb (``singular_verb``). Empty otherwise ("The president and
    his foreign minister, Sergei Lavrov, met"; "Plame and her husband Joseph Wilson": a bare proper
    noun is a name)."""
    person = members[-1]
    apposed = next((c for c in person.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    if person.ent_type_ != "PERSON" and apposed is None:
        return []
    if not all(t.i < person.i and (t.tag_ == "NN" or t.tag_ == "NNP" and determined(t)) and t.ent_type_ not in NAMED
               and not any(w.ent_type_ == "PERSON" for w in t.lefts) for t in members[:-1]):
        return []
    bare_title = any(not determined(t) for t in members[:-1])
    bare_role = apposed is not None and not determined(person)
    return [person] if bare_title or bare_role or singular_verb else []


def titles_before_names(members: list[Token]) -> list[Token]:
    """The members less a bare title joined to the named person after it, inside a longer list or
    where the parser hung the name on the first title ("acting president and prime minister Kurmanbek
    Bakiyev and former minister Felix Kulov", "Veteran party leader and former Chief Minister Jyoti
    Basu hailed"): a singular common noun with no article and no name of its own, followed by a
    member that is a person's name or is followed by one. English gives a second party its article
    ("the president and the minister"); :func:`titles_of_one_person` reads the plain two-member case."""
    kept = [t for t, after in zip(members, members[1:], strict=False) if not _title_of_next(t, after)]
    return [*kept, members[-1]]


def _title_of_next(title: Token, after: Token) -> bool:
    if title.tag_ != "NN" or determined(title) or title.ent_type_ or after.i < title.i:
        return False
    if any(w.ent_type_ == "PERSON" for left in title.lefts for w in left.subtree):
        return False  # "Smith's aide and lawyer John Doe": the first member names someone else
    follower = after.doc[after.right_edge.i + 1] if after.right_edge.i + 1 < len(after.doc) else None
    return after.ent_type_ == "PERSON" or (follower is not None and follower.ent_type_ == "PERSON"
                                           and follower.dep_ in ("compound", "appos") and not determined(after))


def determined(noun: Token) -> bool:
    """Whether a noun has its own article or possessor."""
    return any(c.dep_ in ("det", "poss") for c in noun.children)


def act_partners(verb: Token) -> list[Token]:
    """The partners a verb of joining another in an act names ("partner_verbs"): "France joined Germany
    in condemning the coup", "Japan sided with China in criticizing the sanctions". Germany and China
    are second doers of the act the "in" phrase names, not whom the verb is done to; without such a
    phrase the object is what is joined ("joined NATO in 2004")."""
    if verb.pos_ not in ("VERB", "AUX") or not in_list(verb, "partner_verbs") or shared_act(verb) is None:
        return []
    partners = [c for c in verb.children if c.dep_ == "dobj"]
    partners += [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "with"
                 for o in p.children if o.dep_ == "pobj"]
    return [t for p in partners for t in with_conjuncts(p)]


def shared_act(verb: Token) -> Token | None:
    """The act a verb's "in" phrase names: a gerund ("in condemning") or a common noun ("in talks
    with Sudan"); a name, a date or a number ("in Iraq", "in May", "in 2004") says where or when."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for obj in prep.children:
            if obj.dep_ == "pcomp" and obj.tag_ == "VBG":
                return obj
            if obj.dep_ == "pobj" and obj.pos_ == "NOUN" and not obj.ent_type_:
                return obj
    return None


def co_agents(act: Token) -> list[Token]:
    """The partners who share an act with the subject of the verb of joining whose "in" phrase names
    it ("France joined Germany in condemning the coup": Germany condemns it too)."""
    prep = act.head
    shared = shared_act(prep.head) if prep.dep_ == "prep" and prep.lower_ == "in" else None
    if shared is None or shared.i != act.i:
        return []
    return act_partners(prep.head)


def without_partners(verb: Token, targets: list[Argument]) -> list[Argument]:
    """The targets of ``verb`` less the partners it names (:func:`act_partners`): "France joined Germany
    in condemning the coup" is not joined against Germany."""
    partners = {t.i for t in act_partners(verb)}
    return [a for a in targets if a.token not in partners]


def member_sides(doers: Token) -> list[tuple[Token, str]]:
    """The parties a noun of doers comes from, when its "of" or "from" phrase coordinates several
    ("Representatives from both the Islamic Courts and the government are in talks", "officials of
    Israel and Syria met"): the sides of a mutual act whose only doer is that noun. Empty for one party."""
    for prep in doers.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "from"):
            for party in prep.children:
                if party.dep_ == "pobj":
                    members = with_conjuncts(party)
                    return [(t, "member-side") for t in members] if len(members) > 1 else []
    return []
