"""From a token of the dependency parse to the actor it stands for.

The actor resolver gives mentions as character spans of the article text; the argument finder works
on tokens. :class:`ActorIndex` bridges the two: the mention covering a token, or one covering the
token's noun-phrase core ("the OSCE military observers" -> OSCE), a group pronoun's antecedent ("its"
-> the nearest state or organisation before it; a run of subject "they" the group named before the
run), a quoted "we" (its speaker's body), a bare number
counting a group ("151 deputies supported X, 296 voted against him", :mod:`eventwire.events.pronouns`),
a description joined with the name set off after it ("the main opposition party, the Kuomintang,",
:mod:`eventwire.events.apposition`), and, when no dictionary actor is there, an *unresolved* actor spanning the noun phrase (code None) so
that span-level evaluation still sees it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace
from functools import cached_property
from typing import TYPE_CHECKING

from eventwire.events import pronouns
from eventwire.events.animacy import animate_by_position
from eventwire.events.apposition import apposed_name, comma_conjunct_name, described_name, name_before
from eventwire.events.apposition import joined_mention as _joined
from eventwire.events.syntax_lists import SYNTAX_FILE, in_list, syntax_words
from eventwire.records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["ActorIndex", "SYNTAX_FILE", "syntax_words", "noun_phrase_bounds", "in_list", "main_country", "noun_owners"]

# Named-entity labels that can be actors on their own, without a dictionary entry.
ACTOR_ENT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Entity labels that are never actors (a date or a number in subject position is not an agent).
NON_ACTOR_ENT_LABELS = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "EVENT", "LAW", "WORK_OF_ART",
     "LANGUAGE"}
)
# Children that belong to a noun phrase's core (kept in an unresolved actor's span).
NP_CORE_DEPS = frozenset({"compound", "amod", "det", "poss", "nummod", "nmod", "case", "quantmod", "flat", "punct"})
# Children of a head noun to look into for an actor when the head itself is not one ("Nigeria's
# agricultural sector" stands for Nigeria).
NP_INNER_DEPS = ("compound", "amod", "nmod", "appos", "flat", "poss")
# How a clause hangs under the verb whose subject may report it ("said [that] he would", "stated he
# would ... and build", "announced he intends"); a relative clause ("where he sought") is not among them.
EMBEDDED_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "conj", "advcl", "parataxis"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})


def noun_phrase_bounds(token: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by ``token``: its core modifiers, no clauses."""
    start = end = token.i
    for child in token.lefts:
        if child.dep_ in NP_CORE_DEPS or child.dep_ in ("compound", "amod"):
            start = min(start, child.left_edge.i)
    for child in token.rights:
        if child.dep_ in ("compound", "flat", "nummod") or (child.dep_ == "appos" and child.ent_type_):
            end = max(end, child.right_edge.i)
    doc = token.doc
    while start < token.i and doc[start].is_punct:
        start += 1
    while end > token.i and doc[end].is_punct:
        end -= 1
    return start, end + 1


class ActorIndex:
    """The actor mentions of one document, looked up by token."""

    def __init__(self, doc: Doc, actors: list[Actor]) -> None:
        self.doc = doc
        self.words = syntax_words()
        self.actors = sorted((a for a in actors if not self._owner_of_place(a)), key=lambda a: (a.start, a.end))
        self._starts = [a.start for a in self.actors]  # bisected: long texts have thousands of mentions
        self._by_token: dict[int, Actor] = {}
        for actor in self.actors:
            span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                # the first (leftmost, longest by resolver contract) mention owns the token
                self._by_token.setdefault(tok.i, actor)
        # (start, end, speaker) of the document's quotations, set by the coder (see set_voices)
        self.voices: list[tuple[int, int, Actor | None]] = []
        self._main: str | None = None

    def _owner_of_place(self, actor: Actor) -> bool:
        """"arrested a man at his home": a person's possessive of a place, building or vehicle says
        whose it is, never a party to what is done there (``place_nouns``)."""
        if actor.text.lower() not in self.words["personal_possessives"]:
            return False
        span = self.doc.char_span(actor.start, actor.end)
        return span is not None and len(span) == 1 and span[0].dep_ == "poss" and in_list(span[0].head, "place_nouns")

    def set_voices(self, quotes: list[tuple[int, int, Actor | None]]) -> None:
        """The document's quotations with their speakers: "we" and "I" inside one stand for it."""
        self.voices = quotes

    # --- direct lookups -------------------------------------------------------------------------

    def main_country(self) -> str | None:
        """:func:`main_country` of the document's mentions."""
        if self._main is None:
            self._main = main_country(self.actors) or ""
        return self._main or None

    @cached_property
    def text(self) -> str:
        """The document's text, joined once (``Doc.text`` joins every token on each call)."""
        return str(self.doc.text)

    def _before(self, offset: int) -> reversed[Actor]:
        """The mentions starting at or before ``offset``, nearest first: those starting after it
        end after it too, so the backward scans below need not walk past them."""
        return reversed(self.actors[: bisect_right(self._starts, offset)])

    def covering(self, token: Token) -> Actor | None:
        """The mention that covers this token, if any."""
        return self._by_token.get(token.i)

    def mentions_in(self, start: int, end: int) -> list[Actor]:
        """Mentions overlapping the token range [start, end), in text order, without repeats."""
        seen: list[Actor] = []
        for i in range(start, end):
            actor = self._by_token.get(i)
            if actor is not None and actor not in seen:
                seen.append(actor)
        return seen

    # --- argument token -> actor ----------------------------------------------------------------

    def actor_for(self, token: Token, *, allow_unresolved: bool = True, as_source: bool = False) -> Actor | None:
        """The actor an argument token stands for (see the module docstring), or None."""
        found = self.covering(token)
        if token.pos_ != "PRON":
            named = self._named_person(token, found) or apposed_name(token, found, self.covering, self.text) \
                or name_before(token, found, self.covering, self.text)
            if named is not None:
                return named
        if found is not None:
            if token.pos_ == "PRON" and found.code is not None and token.dep_ in ("nsubj", "nsubjpass"):
                # "Harper said he would ...": the speaker's own act; any other pronoun ("where he
                # sought to ...", "protect him") is its own mention, as written (docs/annotation.md)
                return self._speaker_of_clause(token, found) or found
            if found.sector == "CVL" and found.kind == "agent":
                inner = self._partitive_of(token)  # "supporters of Hamas" stand for Hamas, as its members do
                if inner is not None and inner.code and inner is not found:
                    return inner
            return found
        lower = token.lower_
        if lower in pronouns.FIRST_PERSON:
            return self._voice(token)
        counted = pronouns.counted_group(token, self.covering) if token.like_num else None
        if counted is not None:
            return counted
        # "some of the leaders", and a number: "about 450 of the soldiers", "12,000 of whom"
        partitive = lower in self.words["partitive_heads"] or token.lemma_.lower() in self.words["partitive_heads"] \
            or token.like_num
        if (token.pos_ == "PRON" or lower in self.words["group_pronouns"]) and not partitive:
            return self._pronoun_antecedent(token)
        if partitive:  # "some of the Association's leaders", tagged a pronoun, are some of them
            for child in token.rights:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            inner = self.actor_for(pobj, allow_unresolved=False)
                            if inner is None and allow_unresolved and (pobj.pos_ == "PROPN" or pobj.ent_type_ == "ORG"):
                                inner = self.unresolved(pobj)  # "members of the Association of Jurists"
                            if inner is not None:
                                return inner
            if as_source and allow_unresolved and (group := pronouns.elliptical_group(token)) is not None:
                return group  # "Many blamed Musharraf": people whose noun is left out
        named = self._apposed(token)
        if named is not None:
            return named
        for child in token.children:
            if child.dep_ in NP_INNER_DEPS and child.i < token.i:
                # "the OSCE military observers" -> OSCE; "US Predator attacks" -> US
                for part in (child, *(g for g in child.lefts if g.dep_ in ("compound", "amod"))):
                    inner = self.covering(part)
                    if inner is not None:
                        return inner
        if not allow_unresolved:
            return None
        return self.unresolved(token, as_source=as_source)

    def _partitive_of(self, token: Token) -> Actor | None:
        """The coded actor of the "of" phrase of a partitive head ("supporters of Hamas"), else None."""
        if not in_list(token, "partitive_heads"):
            return None
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return self.actor_for(pobj, allow_unresolved=False)
        return None

    def _apposed(self, token: Token) -> Actor | None:
        """The coded actor set beside a noun no mention covers: "Europe's human rights body, the
        Council of Europe," is the Council (the apposition names it), not Europe (the possessor)."""
        for child in token.rights:
            edge = child.left_edge.i
            # a bracketed acronym ("the peacekeeping force in Lebanon (UNIFIL)") is left to the noun's
            # own phrase
            if child.dep_ == "appos" and not (edge > 0 and self.doc[edge - 1].text == "("):
                actor = self.covering(child)
                if actor is not None and actor.code is not None:
                    return described_name(token, actor, self.text)  # "Lazar Comanescu, the minister,"
        return None

    def _named_person(self, token: Token, found: Actor | None) -> Actor | None:
        """A role noun and the name set beside it are one person, reported with both: "The Speaker of
        the Bundestag, Wolfgang Thierse," (the name in apposition) and "Prime Minister of Finland Matti
        Vanhanen" (a name the tagger missed, with the title as its modifier). The code is the title's
        when the name alone only got the article's country; else the name's. None otherwise."""
        if found is not None and found.kind == "person" and found.name:
            return None  # already a named person ("Hans Mustermann, the German foreign minister")
        person = next((a for c in token.children if c.pos_ == "PROPN" and (c.dep_ == "appos" or c == comma_conjunct_name(token))
                       for a in [self.covering(c)] if a is not None and a.kind == "person" and a.name), None)
        if person is not None and person.start > token.idx:
            role = found
            start = self.doc[noun_phrase_bounds(token)[0]].idx
            return _joined(role, person, start, person.end, self.text)
        if found is None and token.pos_ == "PROPN" and token.ent_type_ in ("", "PERSON"):
            title = next((a for c in token.lefts if c.dep_ in ("nmod", "compound")
                          for a in [self.covering(c)] if a is not None and a.kind == "person" and not a.name
                          and a.code), None)
            if title is not None:
                name = self.doc[title_end(self.doc, title, token):token.i + 1].text
                joined = _joined(title, None, title.start, token.idx + len(token.text), self.text)
                return replace(joined, name=name or None)
        return None

    def unresolved(self, token: Token, *, as_source: bool = False, named_only: bool = False,
                   any_head: bool = False) -> Actor | None:
        """An actor with code None spanning the noun phrase of ``token``, if it can be an actor at all.

        ``named_only`` accepts even an abstract head when a name modifies it ("the Supreme Court
        decision" stands for the court), and nothing else; ``any_head`` accepts abstract heads (the
        direct object of "condemned the attack" is what was condemned)."""
        acronym = _is_acronym(token)
        if (token.pos_ not in ("NOUN", "PROPN") and not acronym) or token.ent_type_ in NON_ACTOR_ENT_LABELS:
            return None
        if named_only:
            if not any(c.dep_ in ("compound", "amod", "poss") and (c.pos_ == "PROPN" or c.ent_type_ in ACTOR_ENT_LABELS)
                       for c in token.lefts):
                return None
        elif not any_head and (token.lemma_.lower() in self.words["non_actor_heads"]
                               or token.lower_ in self.words["non_actor_heads"]):
            return None
        # a common noun as the doer only when it names people or an institution ("the court",
        # "gunmen"); "the decision" or "the measures" do nothing by themselves
        common = as_source and token.pos_ == "NOUN" and not token.ent_type_ and not acronym
        if common and not _looks_institutional(token):
            return None
        start, end = noun_phrase_bounds(token)
        span = self.doc[start:end]
        kind = "person" if token.ent_type_ == "PERSON" else None
        return Actor(text=span.text, start=span.start_char, end=span.end_char, code=None, kind=kind)

    def _pronoun_antecedent(self, token: Token) -> Actor | None:
        """Resolve they/their to the nearest non-person mention before the pronoun (same or previous
        sentence), it/its as :mod:`eventwire.events.pronouns` reads them; an antecedent in an
        earlier sentence is reported under the pronoun's own offsets and text."""
        if token.lower_ not in self.words["group_pronouns"]:
            return None
        reading = pronouns.neuter_reading(token) if token.lower_ in pronouns.NEUTER_PRONOUNS else "nearest"
        if reading is None:
            return None
        def actor_of(noun: Token) -> Actor | None:
            return self.actor_for(noun, allow_unresolved=False)
        nearest = pronouns.subject_antecedent(token, actor_of) if reading == "subject" else \
            pronouns.fronted_possessor(token, actor_of) or self._nearest_antecedent(token) \
            or pronouns.chained_plural(token, actor_of)
        speaker = self._speaker_antecedent(token)
        if speaker is not None and speaker.code is None and (nearest is None or nearest.start < speaker.start):
            return speaker  # a mention the dictionaries know between speaker and pronoun is nearer
        if speaker is not None and speaker.code is not None and (nearest is None or reading == "nearest" and (
                self._nearest_antecedent(token, as_written=False) or speaker).start < speaker.start):
            # a coded speaker no nearer mention agrees with ("Greenpeace say they"; "Israeli troops entered
            # Gaza. Hamas said they would": the troops are named before the speaker): the pronoun, as written
            return pronouns.read_as(speaker, token)
        return nearest

    def _nearest_antecedent(self, token: Token, *, as_written: bool = True) -> Actor | None:
        """The nearest dictionary mention before a group pronoun that agrees with it in number
        (``as_written`` False: the mention itself, where it stands, never under the pronoun's text)."""
        previous_start = pronouns.previous_sentence_start(token)
        plural = token.lower_ in pronouns.PLURAL_PRONOUNS
        for actor in self._before(token.idx):
            if actor.end > token.idx:
                continue
            if actor.start < self.doc[previous_start].idx:
                break
            if actor.kind == "person" or (actor.code is None and actor.country is None):
                continue
            # "their" stands for a plural group ("the troops ... their"), not a state named nearby;
            # a coordination ("NATO and Russia ... their") is not one mention, so it is left alone
            if plural != _is_plural_mention(self.doc, actor):
                continue
            if not as_written:
                return actor
            if actor.start >= token.sent.start_char and (token.dep_ == "poss" or self._speaker_of_clause(token, actor)):
                # a possessor bound in its own sentence ("Israel finished its air assault") and the
                # subject of a clause the antecedent states are the actor named there
                return actor
            # else the pronoun as written, with its antecedent's code (docs/annotation.md:
            # "protesters who said they had been beaten" -> "they")
            return replace(actor, text=token.text, start=token.idx, end=token.idx + len(token.text),
                           code_source="coref" if actor.code else None)
        return None

    def _speaker_antecedent(self, token: Token) -> Actor | None:
        """"Farc said it will release ...": the subject pronoun of a clause reported by a verb of
        saying stands for the speaker, even one the dictionaries do not know (a named organisation
        or a group noun), when it agrees in number and the speaker is not a person."""
        clause = token.head
        if token.dep_ != "nsubj" or clause.dep_ != "ccomp" or not in_list(clause.head, "reporting_verbs"):
            return None
        speakers = [c for c in clause.head.children if c.dep_ == "nsubj"] or _document_authors(clause.head)
        if not speakers or speakers[0].i > token.i:
            return None
        speaker = speakers[0]
        actor = self.covering(speaker)
        if actor is None and (speaker.pos_ == "PROPN" or speaker.ent_type_ in ("ORG", "NORP", "GPE")):
            actor = self.unresolved(speaker, as_source=True)
        plural = token.lower_ in ("they", "their", "them", "themselves")
        if actor is None or actor.kind == "person" or speaker.ent_type_ == "PERSON":
            return None
        # an organisation named in the singular may take "they" ("Greenpeace say they have asked")
        collective = plural and (actor.kind in ("igo", "group") or speaker.ent_type_ == "ORG")
        if plural != (speaker.tag_ in ("NNS", "NNPS")) and not collective:
            return None
        return actor

    def _voice(self, token: Token) -> Actor | None:
        """"We have urged the leaders ...," said Downer: a first-person pronoun in a quotation is its
        coded speaker, "we" the body the speaker speaks for (:func:`pronouns.first_person`)."""
        for start, end, speaker in self.voices:
            if start <= token.idx < end:
                return pronouns.first_person(token, self._speaker_mention(speaker))
        return None

    def _speaker_mention(self, speaker: Actor | None) -> Actor | None:
        """The resolver's coded mention where an uncoded quote speaker stands: the attribution keeps
        plain words up to its clause's end ("said Jeff Sadosky"), while the mention there reaches into
        the description that codes it ("Jeff Sadosky, a spokesman" GOV)."""
        if speaker is None or speaker.code is not None:
            return speaker
        for actor in self._before(speaker.start):
            if actor.start <= speaker.start < actor.end and actor.code is not None:
                return actor
        return speaker

    def _speaker_of_clause(self, token: Token, antecedent: Actor) -> Actor | None:
        """The subject pronoun of a clause its own antecedent states or announces ("Harper stated he
        would station ...", "U.S. authorities announced they will return ...") stands for the
        speaker: what the clause says is the speaker's stated act, and a coder reads its source
        there. None otherwise (a relative clause, a new sentence, an antecedent that is no governing
        subject, a clause only coordinated with the antecedent's: "Abbas appointed a government, and he
        resumed talks" repeats the subject as a pronoun): the pronoun is then reported as written."""
        if token.dep_ not in ("nsubj", "nsubjpass"):
            return None
        clause, embedded = token.head, False
        while clause.dep_ in EMBEDDED_CLAUSE_DEPS and clause.head.i != clause.i:
            clause, embedded = clause.head, embedded or clause.dep_ != "conj"
            for subject in clause.children:
                if not embedded or subject.dep_ not in ("nsubj", "nsubjpass") or subject.i >= token.i:
                    continue
                # "Netanyahu's strongest rival, former general Benny Gantz, said he ...": the name set
                # beside the subject noun is the speaker
                speaker = self._named_person(subject, self.covering(subject)) or self.covering(subject)
                if speaker is not None and speaker.end <= token.idx and speaker.code == antecedent.code \
                        and speaker.name == antecedent.name and \
                        (antecedent.name or antecedent.kind != "person" or in_list(clause, "reporting_verbs")):
                    # one person named by title alone ("a British teacher") is the speaker only of what
                    # a verb of saying reports, not of any clause below ("arrested after parents
                    # complained that she ..."): two such titles may be two people
                    return speaker
        return None


def noun_owners(noun: Token) -> list[Token]:
    """Who a document or an intention belongs to, named on the noun: its possessor ("its commitment"),
    else a name modifying it ("a United Nations plan")."""
    return [c for c in noun.children if c.dep_ == "poss"] or [
        c for c in noun.lefts if c.dep_ in ("compound", "nmod", "amod") and (c.pos_ == "PROPN" or c.ent_type_ in ACTOR_ENT_LABELS)]


def _document_authors(verb: Token) -> list[Token]:
    """"Hamas released a statement saying they would": the author of the document whose participle
    reports the clause, named on it or the subject of the verb that issued it (owner_verbs; the
    subject as written: clauses.clause_subjects also borrows one)."""
    document = verb.head
    if verb.dep_ != "acl" or verb.tag_ != "VBG" or not in_list(document, "document_nouns"):
        return []
    owners = noun_owners(document)
    if owners or document.dep_ not in ("dobj", "obj") or not in_list(document.head, "owner_verbs"):
        return owners
    return [c for c in document.head.children if c.dep_ == "nsubj"]


def main_country(actors: list[Actor]) -> str | None:
    """The country an article is mostly about: the one its coded mentions name most often (first
    named on a tie); what an unnamed maker of a bill, or "fans" and "opponents", belong to."""
    counts: dict[str, int] = {}
    for actor in actors:
        if actor.country and actor.code and not actor.code.startswith(("IGO", "NGO")):
            counts[actor.country] = counts.get(actor.country, 0) + 1
    return max(counts, key=lambda c: counts[c]) if counts else None


def title_end(doc: Doc, title: Actor, name: Token) -> int:
    """The first token of the name written after a title mention ("... of Finland | Matti Vanhanen")."""
    i = name.i
    while i > 0 and doc[i - 1].idx >= title.end and doc[i - 1].pos_ == "PROPN":
        i -= 1
    return i


def _is_plural_mention(doc: Doc, actor: Actor) -> bool:
    """Whether the mention names a plural: its head noun, or the plural noun it modifies when that is
    outside the mention ("law enforcement | agencies ... cooperate with them")."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "compound" and root.head.i >= span.end and root.head.pos_ == "NOUN":
        root = root.head
    return root.tag_ in ("NNS", "NNPS")


def _is_acronym(token: Token) -> bool:
    """An all-capital word in subject or object position names an organisation ("ICE returned ...",
    "USAID announced ..."), whatever part of speech the small model guesses for it."""
    text = token.text
    return 2 <= len(text) <= 8 and text.isalpha() and text.isupper() and token.dep_ in ("nsubj", "dobj", "pobj")


def _looks_institutional(token: Token) -> bool:
    """A common noun that names an institution or a doer ("the court", "a suicide bomber"), or any noun
    in a position only a doer fills ("opponents charged that ...": :mod:`eventwire.events.animacy`)."""
    return token.lemma_.lower() in syntax_words()["institutional_heads"] or animate_by_position(token)


def sentence_actors(index: ActorIndex, sent: Span) -> list[Actor]:
    """Mentions inside a sentence."""
    return index.mentions_in(sent.start, sent.end)
