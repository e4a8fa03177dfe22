"""Whether the sentence asserts that an event happened at all, before its mode is read.

``eventwire.events.modality`` gives an asserted event its mode (a promise that "would" be kept, an
attack "if" the talks fail stays listed as hypothetical). Some clauses assert nothing about any event
and no coder lists what they name (docs/annotation.md, rules 1 and 5: a sentence that *reports* an
event is coded):

- the condition itself: "if the Senate rejects the same legislation", "whether UNRWA was favoring
  Fatah supporters", "Were Iran to reject the Solana offer, ..." (the consequence, "Australia would provide assistance ... if", is a statement of
  intent and is kept, with its mode);
- a question: "Will Iran attack Israel?";
- a habit or a kind, not an occurrence: "Insurgents often choose police centres to attack",
  "Palestinians often attempt to flee to Israel", "support for militants who target civilians";
- what a relative clause in the simple present says its noun does or holds, a standing property
  rather than an occurrence: "the police officers who guard his home", "Hamas, which refuses to
  recognise Israel", "the law, which prohibits public employees from striking" (what the noun is said
  to say stays a report: "Smith, who says ...", and so does a dated clause: "Bush, who meets Putin on
  Monday");
- an attitude in the simple present that nobody states: "The Danish People's Party backs the current
  government" (docs/annotation.md, rulings: standing states are not events);
- a refusal to comment: "Downing Street refused to comment on Lord Goldsmith's statement" rejects no one;
- the alternative a contrast rejects, as a target: "should support its institutions rather than the
  Saakashvili government";
- a power or a rule the narrator states with "can" or "must": "The assembly can remove the governor by
  impeachment", "Demonstrators must first receive licenses before protesting";
- an event named as what is remembered or followed: "the attacks mark the anniversary of the 2005
  riots", "in the aftermath of the bombing" (``remembrance_nouns``);
- an event noun that a verb calls off, puts off or stays away from: "called off its talks with the
  rebels", "aid was suspended", "boycotted the summit" (``cancelling_verbs``; the verb's own rule codes
  the act: 164 halt negotiations, 162 cut aid).

The other way round, :func:`reported_onset`: an event noun that a verb of onset or an existential
"there" reports ("fighting broke out between X and Y", "there has been heavy fighting between X and Y")
is said to happen, even a situation noun that is otherwise a state of affairs
(:func:`is_background_mention`).

Nominal triggers: :func:`is_background_mention` (a state of affairs named, not reported happening) and
:func:`is_generic_mention` (a kind of event named, not one reported).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.mentions import in_list, syntax_words
from eventwire.events.phrases import support_verb
from eventwire.nlp import DATE_ENTITY_LABELS

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["is_unasserted", "is_condition", "is_question", "is_habitual", "is_standing_attitude", "is_generic_kind",
           "is_standing_property", "is_generic_agent", "is_contrasted", "is_no_comment", "is_remembered", "is_called_off",
           "is_power_or_rule", "reported_onset", "is_background_mention", "is_generic_mention"]

# relations inside one clause: the walk climbs them from the trigger to the head of its clause
CLAUSE_INTERNAL = frozenset({"xcomp", "pobj", "prep", "pcomp", "dobj", "obj", "nsubj", "nsubjpass", "compound",
                             "amod", "appos", "attr", "acomp", "conj", "aux", "auxpass", "npadvmod", "agent"})
MAX_CLIMB = 8
# present-tense finite verbs: a habit ("often attempt") or a kind ("militants who target")
PRESENT_TAGS = frozenset({"VBP", "VBZ"})
# determiners, possessives and numbers that make a plural specific ("the militants", "50 people")
SPECIFIC_DEPS = frozenset({"det", "poss", "nummod", "predet"})
# relations of a clause that is what someone says, denies or believes ("has said that it supports")
STATED_CLAUSE_DEPS = frozenset({"ccomp", "parataxis"})
# subjects that state their own stance as they speak ("we support the resolution")
SPEAKING_SUBJECTS = frozenset({"i", "we"})
# pronouns that name anyone at all ("anyone who attacks"), never a particular actor
GENERIC_PRONOUNS = frozenset({"anyone", "anybody", "everyone", "everybody", "whoever", "those"})
# determiners of anyone at all of a kind ("any college that prohibits the U.S. military", "every state
# that supports terrorism"): a rule or a generalisation, never a particular actor
FREE_CHOICE_DETERMINERS = frozenset({"any", "every"})
# nouns of people at large: bare and in the simple present they say what people in general do
# ("many people observe the day by visiting the Memorial", "than people give him credit for")
PEOPLE_AT_LARGE = frozenset({"people", "person", "persons", "anyone", "anybody", "everyone", "everybody", "someone",
                             "somebody", "whoever"})
# auxiliaries that open a condition when they come before its subject ("Were Iran to reject the offer,
# sanctions could be used", "Had the army attacked, ...", "Should Congress pass the bill, ...")
INVERTED_CONDITION_AUXILIARIES = frozenset({"were", "had", "should"})
# relations of the event noun a verb of cancelling calls off ("called off the talks", "aid was suspended")
CANCELLED_DEPS = frozenset({"dobj", "obj", "nsubjpass"})
# prepositions of a verb of cancelling read in a chain ("pulled out of"): at most this many
MAX_PREP_CHAIN = 3
# word lists of verbs a relative clause in the simple present still reports with: speech (what its
# noun says now is a report) and the future (``future_governors``: "in which she is expected to push
# for aid" is a schedule, read by eventwire.events.modality)
KEPT_CLAUSE_LISTS = ("speech_verbs", "judging_speech_verbs", "reporting_verbs", "future_governors")
# modals of what an actor is able or bound to do ("can remove him by impeachment", "must first receive
# licenses"): said by the narrator, a power or a rule, not an occurrence
STANDING_MODALS = frozenset({"can", "ca", "must"})
# determiners that open a date saying how often, not when ("each day", "every year")
FREQUENCY_DETERMINERS = frozenset({"each", "every", "per"})
# closing quotes and brackets after a sentence's last punctuation
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})


def _clause_path(head: Token) -> list[Token]:
    """The trigger and the words above it up to and including the head of its own clause."""
    path = [head]
    node = head
    for _ in range(MAX_CLIMB):
        if node.dep_ not in CLAUSE_INTERNAL or node.head.i == node.i:
            break
        node = node.head
        path.append(node)
    return path


def is_condition(head: Token) -> bool:
    """The trigger is in a conditional clause or an embedded question ("if the request is approved by
    the court", "asked whether UNRWA was favoring", "unless the rebels withdraw"): its own clause is
    marked by ``hypothetical_marks`` (not the main clause the condition is attached to), or by
    ``pending_marks`` with its verb in the simple present ("blocked aid until the movement recognizes
    Israel": it has not)."""
    words = syntax_words()
    marks, pending = words["hypothetical_marks"], words["pending_marks"]
    path = _clause_path(head)
    return any(c.dep_ == "mark" and (c.lower_ in marks or (c.lower_ in pending and _present_finite(node)))
               for node in path for c in node.children) or _inverted_condition(head, path)


def _inverted_condition(head: Token, path: list[Token]) -> bool:
    """A subordinate clause that opens the sentence with its auxiliary before its subject ("Were Iran to
    reject the Solana offer the Council sanctions could be used", "Had the army attacked, ..."): a
    condition with no "if". The auxiliary either heads the clause (the parse of "were ... to") or is
    its own auxiliary (the main clause's verb is never under the auxiliary, even when the parse hangs
    the auxiliary on it); a question ("Had the army attacked?") is read by :func:`is_question`."""
    first = next((t for t in head.sent if not (t.is_punct or t.is_space)), None)
    if first is None or first.lower_ not in INVERTED_CONDITION_AUXILIARIES or is_question(head):
        return False
    return any(first.i != node.i and ((node.head.i == first.i and node.dep_ in ("advcl", "xcomp"))
                                      or (first.head.i == node.i and node.dep_ == "advcl"))
               for node in path)


def is_question(head: Token) -> bool:
    """The trigger's sentence is a question: it ends with a question mark (closing quotes aside)."""
    tokens = [t for t in head.sent if not t.is_space and t.text not in CLOSERS]
    return bool(tokens) and tokens[-1].text == "?"


def _present_finite(verb: Token) -> bool:
    """A verb in the simple present: itself present, or its auxiliary, and not a perfect ("has often
    attacked" reports attacks that happened)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_.lower() == "have" or a.tag_ == "MD" for a in auxes):
        return False
    return verb.tag_ in PRESENT_TAGS or any(a.tag_ in PRESENT_TAGS for a in auxes)


def is_habitual(head: Token) -> bool:
    """A habit stated in the simple present with an adverb of frequency (``frequency_adverbs``):
    "Insurgents often choose police centres to attack", "Palestinians often attempt to flee"."""
    adverbs = syntax_words()["frequency_adverbs"]
    for node in _clause_path(head):
        if node.pos_ in ("VERB", "AUX") and _present_finite(node) and any(
                c.dep_ == "advmod" and c.lower_ in adverbs for c in node.children):
            return True
    return False


def is_standing_attitude(head: Token) -> bool:
    """A verb of ``standing_verbs`` in the simple present itself ("backs", "patrol"; not "is backing",
    "does not back"), in a clause nobody is said to state, with a subject other than the speaker ("we
    support") and an object that is no proposal on the table: what holds, not an act ("The Danish
    People's Party backs the current government", "which the Democratic Progressive Party opposes").
    A stance on a call, a bill or a plan (``product_nouns``) or on an act named by a gerund is taken
    now and coded ("All major parties support the call for early elections")."""
    if head.lemma_.lower() not in syntax_words()["standing_verbs"] or head.tag_ not in PRESENT_TAGS:
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return False
    if any(node.dep_ in STATED_CLAUSE_DEPS for node in _clause_path(head)):
        return False
    objects = [c for c in head.children if c.dep_ in ("dobj", "xcomp")]
    if any(o.tag_ == "VBG" or in_list(o, "product_nouns") for o in objects + [c for o in objects for c in o.conjuncts]):
        return False
    return not any(c.dep_ == "nsubj" and c.lower_ in SPEAKING_SUBJECTS for c in head.children)


def is_generic_kind(head: Token) -> bool:
    """A relative clause in the simple present that says what a kind of actor does: a bare plural
    ("militants who target civilians", "countries that support terrorism") or anyone at all ("those
    who attack"). "The militants who attacked", "50 people who protest" name particular actors, and so
    does a particular object ("rival parties that accuse UAL-Ta'al and Balad"). A noun with "any" or
    "every" is a kind whatever it does ("any college that prohibits the U.S. military")."""
    for node in _clause_path(head):
        if node.dep_ != "relcl":
            continue
        noun = node.head
        if not _present_finite(node):
            return False
        if noun.lower_ in GENERIC_PRONOUNS or any(c.dep_ == "det" and c.lower_ in FREE_CHOICE_DETERMINERS
                                                   for c in noun.children):
            return True
        return noun.tag_ in ("NNS", "NNPS") and _bare(noun) and not _particular_object(head)
    return False


def is_standing_property(head: Token) -> bool:
    """The trigger's clause is a relative clause in the simple present ("the officers who guard Mr
    Smith's home", "Hamas, which refuses to recognise Israel", "the law, which prohibits public
    employees from striking"): it says what its noun does as a rule or holds, not that something
    happened (docs/annotation.md, rulings: standing states are not events; rule 7: a habit is none).
    A kind of actor is :func:`is_generic_kind`'s; here the noun may be a particular one. Kept: a
    verb of speech ("Smith, who says the government failed", what the noun is reported to say now), a
    progressive ("who is calling for"), and a schedule: a verb of the future ("in which she is expected
    to push for aid") or a clause with a date or a time ("Bush, who meets Putin on Monday")."""
    for node in _clause_path(head):
        if node.dep_ != "relcl":
            continue
        if node.tag_ == "VBG" or not _present_finite(node) or any(in_list(node, name) for name in KEPT_CLAUSE_LISTS):
            return False  # "who is calling for": under way now; "in which she is expected to": a schedule
        return not any(_dates(t) for t in node.subtree)
    return False


def _dates(token: Token) -> bool:
    """A word of a date or time that fixes when ("on Monday", "next week"), not how often ("each day",
    "every year", which says a habit)."""
    if token.ent_type_ not in DATE_ENTITY_LABELS:
        return False
    first = next(t for t in reversed(token.doc[:token.i + 1]) if t.ent_iob_ == "B")
    return first.lower_ not in FREQUENCY_DETERMINERS


def _bare(noun: Token) -> bool:
    """A noun with no determiner, possessive or number: "militants", "innocent civilians"."""
    return not any(c.dep_ in SPECIFIC_DEPS for c in noun.children)


def _particular_object(verb: Token) -> bool:
    """The verb is done to a particular actor, a name or a noun with a determiner ("parties that
    accuse UAL-Ta'al and Balad": those parties did accuse them); "who target civilians" is a kind."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    objects += [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    objects += [c for o in objects for c in o.conjuncts]
    return any(o.pos_ == "PROPN" or not _bare(o) for o in objects)


def is_generic_agent(source: Token, head: Token) -> bool:
    """The source is people at large (``PEOPLE_AT_LARGE``, with no determiner or number: "many people",
    "people in Sydney") doing something in the simple present: a generalisation, not a report.
    "2000 people attended", "the people of Tokelau have rejected" are reports."""
    if source.lower_ not in PEOPLE_AT_LARGE or source.dep_ not in ("nsubj", "nsubjpass") or not _bare(source):
        return False
    verb = source.head
    return verb.i in {n.i for n in _clause_path(head)} and verb.pos_ in ("VERB", "AUX") and _present_finite(verb)


def is_contrasted(token: Token) -> bool:
    """The actor is the alternative a contrast sets aside ("support X rather than the Saakashvili
    government", "instead of Y"): a conjunct after "rather than", or the object of "instead of"."""
    node = token
    while node.dep_ in ("compound", "appos", "amod") and node.head.i != node.i:
        node = node.head
    if node.dep_ == "conj":
        coordinators = [c for c in node.head.children if c.dep_ == "cc" and c.i < node.i]
        if coordinators and _rather_than(coordinators[-1]):
            return True
    return node.dep_ == "pobj" and _rather_than(node.head)


def _rather_than(word: Token) -> bool:
    if word.i == 0:
        return False
    before = word.doc[word.i - 1].lower_
    return (word.lower_ == "than" and before == "rather") or (word.lower_ == "of" and before == "instead")


def is_no_comment(head: Token) -> bool:
    """A refusal to comment (``refusal_verbs`` with a verb of ``comment_verbs``: "refused to comment on
    the return of the protestors", "declined to speculate"): the speaker says nothing, to no one."""
    words = syntax_words()
    if head.lemma_.lower() not in words["refusal_verbs"]:
        return False
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in words["comment_verbs"] for c in head.children)


def is_remembered(head: Token) -> bool:
    """A nominal trigger in the "of" phrase of a noun of ``remembrance_nouns`` ("the anniversary of the
    2005 French riots", "in the aftermath of the bombing"): an event the sentence looks back on."""
    node = head
    while node.dep_ in ("conj", "appos") and node.head.i != node.i:
        node = node.head
    prep = node.head
    if node.dep_ != "pobj" or prep.lower_ != "of" or prep.head.pos_ != "NOUN":
        return False
    return prep.head.lemma_.lower() in syntax_words()["remembrance_nouns"]


def is_called_off(head: Token) -> bool:
    """A nominal trigger that a verb of ``cancelling_verbs`` takes as its object ("called off its talks",
    "postponed the summit"), its passive subject ("aid was suspended") or the object of its own
    preposition ("pulled out of the talks"): the event does not happen as the sentence tells it."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    node = head
    while node.dep_ in ("conj", "appos") and node.head.i != node.i:
        node = node.head
    if node.dep_ in CANCELLED_DEPS:
        return _verb_phrase(node.head, []) in syntax_words()["cancelling_verbs"]
    if node.dep_ != "pobj":
        return False
    preps = [node.head]  # "pulled out of the talks": the parser chains "of" below "out"
    while preps[-1].dep_ == "prep" and preps[-1].head.dep_ == "prep" and len(preps) < MAX_PREP_CHAIN:
        preps.append(preps[-1].head)
    if preps[-1].dep_ != "prep":
        return False
    return _verb_phrase(preps[-1].head, [p.lower_ for p in reversed(preps)]) in syntax_words()["cancelling_verbs"]


def _verb_phrase(verb: Token, preps: list[str]) -> str:
    """A verb's lemma with its particle and the prepositions given, as ``cancelling_verbs`` writes them
    ("call off", "pull out of")."""
    words = [verb.lemma_.lower(), *(c.lower_ for c in verb.children if c.dep_ == "prt")]
    return " ".join(words + preps)


def is_power_or_rule(head: Token) -> bool:
    """The narrator says what an actor can or must do ("The assembly can remove the governor by
    impeachment", "Marchers must first obtain a permit before protesting"): a power or a rule, not an
    event (docs/annotation.md rule 7, like a habit). What someone is said to demand ("X said Y must
    leave", a clause of saying) is a request and stays; so does "could" (a hypothetical, listed)."""
    path = _clause_path(head)
    if any(node.dep_ in STATED_CLAUSE_DEPS for node in path):
        return False
    return any(c.dep_ == "aux" and c.lower_ in STANDING_MODALS for node in path for c in node.children)


def is_unasserted(head: Token) -> bool:
    """The sentence does not assert the event of the trigger ``head`` (see the module docstring)."""
    return (is_condition(head) or is_question(head) or is_habitual(head) or is_standing_attitude(head)
            or is_generic_kind(head) or is_standing_property(head) or is_no_comment(head) or is_remembered(head)
            or is_called_off(head) or is_power_or_rule(head))


def reported_onset(noun: Token) -> bool:
    """An event noun reported happening by its clause: the subject of a verb of onset ("fighting broke out
    between X and Y", ``onset_verbs``) or what an existential "there" says there is ("there has been
    heavy fighting between X and Y", "there were clashes with police"), not a state of affairs named."""
    verb = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass") and in_list(verb, "onset_verbs"):
        return True
    return noun.dep_ in ("attr", "nsubj") and verb.lemma_.lower() == "be" and any(c.dep_ == "expl" for c in verb.children)


def is_background_mention(head: Token) -> bool:
    """A nominal trigger that names a state of affairs rather than reports it happening
    (docs/annotation.md rule 5): a situation noun no support verb carries ("as the conflict between
    Israel and Hezbollah continues", "the Iraq war"), an event noun that continues or persists ("as the
    fighting rages"), or one that only dates or explains the sentence ("since the 2004 train bombings",
    "amid the crisis"). "Israel launched an offensive", "talks between X and Y, held in June" are coded."""
    words = syntax_words()
    if support_verb(head, words) is not None:
        return False
    onset = reported_onset(head)  # "fighting broke out", "there has been fighting"
    if in_list(head, "situation_nouns") and not onset:
        return True
    node = head
    while node.dep_ in ("appos", "conj") and node.head.i != node.i:
        node = node.head  # "since March 11, the al-Qaeda train bombings"
    governor = node.head
    if node.dep_ in ("nsubj", "nsubjpass") and in_list(governor, "continuation_verbs"):
        return True
    return node.dep_ == "pobj" and governor.lower_ in words["background_preps"]


def is_generic_mention(head: Token) -> bool:
    """A one-sided event noun (no target found) whose only participant is a modifier and that no verb
    reports ("ranging from peaceful student demonstrations to riots", "to avoid passing the SPEAK
    demonstration"): it names a kind of event, it does not report one. A possessor ("Iran's
    crackdown") or a prepositional phrase of its own ("a protest by students in Tehran") makes it a
    report."""
    if support_verb(head, syntax_words()) is not None:
        return False
    if any(c.dep_ == "poss" for c in head.children):
        return False
    return not any(c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children) for c in head.children)
