"""Word senses that make an admitted candidate no event, or an argument no actor.

The lexicon picks a trigger by its word and, where a rule says so, its object (``objects_not`` in
``data/lexicon``: "invite" + aggression is no invitation). Some senses are told apart only by the
arguments the clause found, so they are judged here, once the arguments are known:

- a noun with a group sense and a stance sense ("the opposition said" / "voiced their opposition to
  nuclear energy") is the stance as a target when a possessive pronoun owns it, a complement names
  what is opposed, or it stands bare ("called for opposition widely");
- a protest code that names what a state's own forces do as force ("a building being occupied by
  Israeli soldiers", "the police also throwing stones") is no protest of theirs, nor is a protest
  they oversee ("police were on hand to oversee the demonstrations", ``watching_protest_verbs``);
- one's own kin ("phoned his family", "helped his son") is a private relation, not a political
  actor, as the target of anything but harm ("killed his son" is an attack on a civilian);
- an act named as the doer ("A bombing in Baghdad has killed 51 people", "the raid killed three
  militants") is no actor: the sentence names no agent (docs/annotation.md, rules 2 and 4), unless an
  actor modifier or a possessor resolved it ("an Israeli raid") or the act implies its doer ("were
  banned during the coup": the military);
- a code of harm to a body (beat, stab, douse) does not harm a place or a vehicle;
- a trip by people who travel for themselves (``private_traveller_sectors``: civilians, refugees,
  journalists, business people, "American families had arrived in Hong Kong", "a reporter who had gone to
  Jordan") is no visit: a visit (CAMEO 042) is an official's, to a host (docs/annotation.md);
- the one a passive clause modifies undergoes the act, it does not do it: "the first soldier to be
  killed in Iraq", "the third anti-Syrian figure to be assassinated" (with no agent, not coded:
  docs/annotation.md rule 4);
- a language named before a name in its own script ("Queen Sirikit (Thai: ...)") labels the name;
- a trigger written with a capital inside a sentence is a word of a name or a title, not a verb of
  the sentence: "Minister Assisting the Premier", a book "Warned but Ignored" cited in brackets;
- helping with an infinitive and no one helped ("helped found the party", "helped bring down the
  president") is taking part in an outcome: no aid is given to anyone;
- a base-form verb coordinated with a verb of another tense ("has committed troops and support personnel") is a
  misread noun modifier, no verb;
- asking someone a yes-or-no question or about something ("asked the prince about his impressions",
  "ask voters whether they want ...") is no request: CAMEO 10 demands that someone act;
- what a judgement or a backing is about is not whom it judges when it is someone an act is done
  to: "voiced support for sanctions against Iran" backs the sanctions, not Iran; "opposed the war
  against Iraq" opposes those who wage it, not Iraq;
- a rule's ``preps_not`` (``data/lexicon``) names the prepositions by which its word, or the object
  it names, takes an actor in another sense: a strike *on* a state is an attack, not a walkout
  ("Iran launched a strike on Israel"); such a rule gives way to the other rules of the word.

The word lists are data: ``stance_nouns``, ``stance_preps``, ``force_not_protest_codes``, ``watching_protest_verbs``,
``kin_nouns``, ``harm_types`` and the event nouns of ``ACT_NOUN_LISTS`` in ``data/events/syntax.yaml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.arg_senses import (
    is_anticipatory_it,
    is_in_a_thing_name,
    is_modifier_of_domain,
    is_modifier_of_thing,
    is_no_actor_sense,
    is_no_actor_word,
)
from eventwire.events.combine import rule_plover_type
from eventwire.events.lexicon import lexicon_in_use
from eventwire.events.mentions import in_list, syntax_words
from eventwire.events.planned_acts import is_planned_act

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventwire.events.arguments import Argument
    from eventwire.events.candidates import Candidate
    from eventwire.events.lexicon import LexMatch
    from eventwire.events.mentions import ActorIndex

__all__ = ["FORCE_SECTORS", "VISIT_CAMEO", "is_stance_noun", "is_force_as_protest", "is_private_relation", "names_an_act",
           "is_language_label", "is_undergoer_of_judged_act", "is_no_agent", "is_no_party",
           "is_place_harmed_as_body", "is_private_trip", "is_misread_modifier", "is_patient_as_source", "is_in_a_name", "is_helping_to_do",
           "is_question_asked", "is_protest_watched", "is_no_event_sense", "is_other_sense_prep"]

# tags of a verb that a bare base form cannot be coordinated with: past, participles, third person present
FINITE_OR_PARTICIPLE_TAGS = frozenset({"VBD", "VBN", "VBZ", "VBG"})

# relations of what a verb of asking asks: a clause opened by a question word is a question
QUESTION_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "xcomp", "dobj"})
# possessive pronouns that make a stance noun someone's stance ("their opposition"), or kin one's own
STANCE_POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})
# sectors of a state's forces: their occupying or stone-throwing is force, not protest; a mobilisation
# moves them (admissible)
FORCE_SECTORS = frozenset({"MIL", "COP", "SPY"})
# nouns of a protest that, done by a state's forces, name a move of force ("the army's march on Kabul")
FORCE_MOVES = frozenset({"march", "parade"})
# dependents that make a stance noun name a group: a determiner or a modifier ("the opposition",
# "the Thai opposition", "opposition parties" is read off "parties" and never gets here)
GROUP_MARKERS = frozenset({"det", "amod", "compound", "nmod", "poss"})
# word lists of data/events/syntax.yaml whose nouns name an act or a state of affairs, never its doer
ACT_NOUN_LISTS = ("act_nouns", "agentive_event_nouns", "weapon_event_nouns", "situation_nouns")
# the preposition by which an event noun names whom it is done to ("sanctions against Iran"); not "on",
# which a verb of blame takes for whom it blames ("blaming the shooting on rebel leader Reinado")
UNDERGOER_PREPS = frozenset({"against"})
# how the arguments name the doer an act noun implies ("senior members were banned during the coup":
# the military, eventwire.events.arguments): a source by definition, kept
IMPLIED_AGENT = "implied-agent"
# CAMEO code of making a visit (042); admissible and the argument finder read it from here
VISIT_CAMEO = "042"
# modifiers of a noun that name whose it is ("Hamas positions", "Israeli targets", "Iran's facilities")
NAMING_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
# CAMEO code of aid (070): "help" and "assist" with no one helped are no aid
AID_CODE = "070"
# relations of a verb that name the one it helps ("helped the refugees", "assisting them obtain")
HELPED_DEPS = frozenset({"dobj", "dative", "nsubjpass"})
# marks after which a capital opens a sentence of its own: a quotation, a list item, a heading's text
SENTENCE_OPENERS = frozenset({'"', "'", "“", "‘", ":", ";", "*", "#", "-", "–", "—", "(", "[", "|", "=", "•"})


def is_stance_noun(doc: Doc, arg: Argument) -> bool:
    """A target read off a noun of ``stance_nouns`` that names the stance, not the group: a possessive
    pronoun owns it ("voiced their opposition"), a complement names what it is about ("opposition to
    nuclear energy"), or it stands bare with no determiner or modifier ("called for opposition
    widely"). "urged the opposition", "the Thai opposition" are the group."""
    token = _read(doc, arg)
    if not in_list(token, "stance_nouns") or token.pos_ != "NOUN":
        return False
    words = syntax_words()
    if any(c.dep_ == "poss" and c.lower_ in STANCE_POSSESSIVES for c in token.children):
        return True
    if any(c.dep_ == "prep" and c.lower_ in words["stance_preps"] for c in token.children):
        return True
    return not any(c.dep_ in GROUP_MARKERS for c in token.children)


def _read(doc: Doc, arg: Argument) -> Token:
    """The head word of the argument's span when the span covers the token it was read from."""
    span = doc.char_span(arg.actor.start, arg.actor.end, alignment_mode="expand")
    read = doc[arg.token]
    if span is not None and len(span) and span.start <= read.i < span.end:
        return span.root
    return read


def is_force_as_protest(cand: Candidate, plover_type: str) -> bool:
    """A protest of ``force_not_protest_codes`` (obstruction, riot) whose source is a state's forces:
    soldiers occupying a building, police throwing stones act by force, they do not protest; nor is
    the march or parade of troops a protest march ("the army's march on the capital").
    The verb ("troops marched toward Tbilisi") is not read here: it keeps 141.rally."""
    if plover_type.upper() != "PROTEST" or cand.cameo is None or cand.source.actor.sector not in FORCE_SECTORS:
        return False
    codes = syntax_words()["force_not_protest_codes"]
    return cand.cameo[:3] in codes or (cand.nominal and cand.head.lemma_.lower() in FORCE_MOVES)


def is_private_relation(doc: Doc, arg: Argument, plover_type: str) -> bool:
    """A target nobody coded that is the source's own kin, named by a noun of ``kin_nouns`` with a
    possessive pronoun ("phoned his family", "helped his son", "thanked her husband"): a private
    relation, not a political actor, unless the act harms them (``harm_types``)."""
    if arg.actor.code is not None or plover_type.lower() in syntax_words()["harm_types"]:
        return False
    token = _read(doc, arg)
    if token.pos_ != "NOUN" or not in_list(token, "kin_nouns"):
        return False
    return any(c.dep_ == "poss" and c.lower_ in STANCE_POSSESSIVES for c in token.children)


def names_an_act(doc: Doc, arg: Argument) -> bool:
    """A source nobody resolved whose head word names an act or a state of affairs (``ACT_NOUN_LISTS``):
    "A bombing ... has killed 51 people", "the raid killed three militants". An act modifier or a
    possessor that names its doer resolves the argument first ("an Israeli raid") and keeps it."""
    if arg.actor.code is not None or arg.actor.country is not None or arg.via == IMPLIED_AGENT:
        return False
    token = _read(doc, arg)
    return token.pos_ == "NOUN" and not token.ent_type_ and any(in_list(token, name) for name in ACT_NOUN_LISTS)


def is_language_label(doc: Doc, arg: Argument) -> bool:
    """The argument is a word in brackets before a colon, the language of the name written after it:
    "Thailand's Queen Sirikit (Thai : ...)", "(Arabic: ...)". No actor speaks there."""
    span = doc.char_span(arg.actor.start, arg.actor.end, alignment_mode="expand")
    first, last = (span.start, span.end - 1) if span is not None and len(span) else (arg.token, arg.token)
    before = next((t for t in reversed(doc[:first]) if not t.is_space), None)
    after = next((t for t in doc[last + 1:] if not t.is_space), None)
    return before is not None and after is not None and before.text == "(" and after.text == ":"


def is_undergoer_of_judged_act(doc: Doc, arg: Argument, cand: Candidate, plover_type: str) -> bool:
    """A target of a judgement or a backing (``judging_types``: the rule's word and the type decided)
    reached as the one an event noun is done to ("voiced support for sanctions against Iran", "opposed
    the war against Iraq"): what is judged is the act, whose doer is not this actor. The trigger's own
    preposition ("support against", "a protest against the government") is not read here."""
    judging = syntax_words()["judging_types"]
    rule_type = rule_plover_type(cand.cameo) if cand.cameo else None
    if plover_type.lower() not in judging or (rule_type or "").lower() not in judging:
        return False  # a word of demand retyped by the model: "called for sanctions against Nigeria" targets it
    token = doc[arg.token]
    while token.dep_ in ("conj", "appos", "compound") and token.head.i != token.i:
        token = token.head
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ not in UNDERGOER_PREPS:
        return False
    act = prep.head
    if cand.trigger[0] <= act.i < cand.trigger[1] or act.pos_ != "NOUN":
        return False
    matches = lexicon_in_use().match(act)
    if any(rule_plover_type(m.cameo) == plover_type.upper() for m in matches):
        return False  # the act is the judgement itself: "bring war crimes charges against Rumsfeld"
    return bool(matches) or any(in_list(act, name) for name in ACT_NOUN_LISTS)


def is_no_agent(doc: Doc, arg: Argument) -> bool:
    """The source is no one acting: an act named as its doer, a language label, or words that name no
    actor here (an anticipatory "it", an "anti-" modifier, a word of a law's name: ``arg_senses``)."""
    return names_an_act(doc, arg) or is_language_label(doc, arg) or is_no_actor_word(doc, arg)


def is_no_party(doc: Doc, cand: Candidate, plover_type: str) -> bool:
    """The target is read off a word in a sense that names no party to the act: a stance, one's own
    kin outside harm, the one a judged act is done to, a place or vehicle harmed as a body is, words
    that name no actor here (an anticipatory "it", a word of a law's name, a modifier of a plain thing
    asked for or protested or of a field of public life: "Polish politics")."""
    target = cand.target
    return target is not None and (is_stance_noun(doc, target) or is_private_relation(doc, target, plover_type)
                                   or is_anticipatory_it(doc[target.token]) or is_in_a_thing_name(doc, target)
                                   or is_modifier_of_thing(doc, target, plover_type) or is_modifier_of_domain(doc, target)
                                   or is_undergoer_of_judged_act(doc, target, cand, plover_type)
                                   or is_place_harmed_as_body(doc, cand))


def is_place_harmed_as_body(doc: Doc, cand: Candidate) -> bool:
    """A code of harm to a body (``bodily_harm_codes``: beat, stab, douse) whose target nobody resolved
    is a place or a vehicle (``place_nouns``): "doused the bus with petrol" beats no one."""
    target = cand.target
    if target is None or target.actor.code is not None or (cand.cameo or "")[:3] not in syntax_words()["bodily_harm_codes"]:
        return False
    return in_list(_read(doc, target), "place_nouns")


def is_private_trip(cand: Candidate) -> bool:
    """A visit (CAMEO 042) made by someone of a sector that travels for itself, not for a state or a
    body (``private_traveller_sectors``): "the children are going to school", "asylum seekers began
    arriving in Burundi". Officials, forces, investigators and clergy make visits."""
    if not (cand.cameo or "").startswith(VISIT_CAMEO):
        return False  # the code, not the type: a rule's visit may reach here typed otherwise by the model
    return (cand.source.actor.sector or "").lower() in syntax_words()["private_traveller_sectors"]


def is_patient_as_source(doc: Doc, cand: Candidate) -> bool:
    """The source is read off the noun phrase a passive participle or passive relative clause modifies
    ("the first soldier to be killed in Iraq", "a journalist killed by gunmen"): that noun undergoes the
    act; its doer, if any, is in the clause."""
    head = cand.head
    if head.tag_ != "VBN" or head.dep_ not in ("acl", "relcl"):
        return False
    if head.dep_ == "relcl" and not any(c.dep_ == "auxpass" for c in head.children):
        return False  # "the soldiers who killed him": an active relative clause is done by its noun
    source = doc[cand.source.token]
    noun, clause = head.head, head
    inside_noun = noun.left_edge.i <= source.i <= noun.right_edge.i
    return inside_noun and not clause.left_edge.i <= source.i <= clause.right_edge.i


def is_in_a_name(doc: Doc, cand: Candidate) -> bool:
    """The trigger word is capitalised inside a sentence, after a word that does not open one
    (``SENTENCE_OPENERS``): a word of an office's or a work's name ("Lisa Neville, Minister Assisting
    the Premier"), not a verb of the sentence. A heading in title case capitalises its verbs too
    ("Israel Attacks Gaza Strip"), so a sentence with no word of four letters or more in lower case
    (function words aside) is not read."""
    start, end = cand.trigger
    # a judgement's head is the verb of saying; its trigger is the cue ("maintain ... Warned")
    word = cand.head if start <= cand.head.i < end else doc[start]
    if not word.text[:1].isupper() or word.text.isupper() or word.i == word.sent.start:
        return False
    before = next((t for t in reversed(doc[word.sent.start:word.i]) if not t.is_space), None)
    if before is None or before.text in SENTENCE_OPENERS:
        return False
    return any(t.is_alpha and t.is_lower and len(t) > 3 and not t.is_stop for t in word.sent)


def is_helping_to_do(cand: Candidate) -> bool:
    """An aid code (070) on a verb with an infinitive and no one helped ("Chipp helped found the party",
    "a prosecutor who helped bring down the president", "is helping to remind America"): a share in
    an outcome, not aid; whoever the infinitive acts on is not helped. "assisting them obtain
    medicine" helps them."""
    head = cand.head
    if not (cand.cameo or "").startswith(AID_CODE) or head.pos_ != "VERB":
        return False
    children = list(head.children)
    return any(c.dep_ == "xcomp" for c in children) and not any(c.dep_ in HELPED_DEPS for c in children)


def is_misread_modifier(cand: Candidate) -> bool:
    """"Committed 300 troops and support personnel": a base-form verb that the parser coordinates with a
    verb in another tense ("has committed ... and support"), with no subject or auxiliary of its own and
    its object the very next word, is a noun modifying that word ("support personnel"): English does not
    coordinate "has committed" with a bare "support", so it is no verb and no event."""
    head = cand.head
    if cand.nominal or head.tag_ != "VB" or head.dep_ != "conj" or head.head.tag_ not in FINITE_OR_PARTICIPLE_TAGS:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in head.children):
        return False
    after = head.i + 1
    return after < len(head.doc) and head.doc[after].head.i == head.i and head.doc[after].dep_ == "dobj" \
        and head.doc[after].pos_ == "NOUN" and head.i > 0 and head.doc[head.i - 1].dep_ == "cc"


def is_question_asked(cand: Candidate, plover_type: str) -> bool:
    """A request code on "ask" whose complement is a yes-or-no question or what a question is about
    ("asked the prince about his impressions", "will ask voters whether they want ...", "asked him if
    he pleaded guilty"): asking someone something is no demand that they act. "asked him to resign",
    "asked that the court ...", "asked for help" and a demanded explanation ("asked officials how
    the documents wound up ...") stay requests."""
    head, words = cand.head, syntax_words()
    if plover_type.upper() != "REQUEST" or head.pos_ != "VERB" or head.lemma_.lower() not in words["questioning_verbs"]:
        return False
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in words["question_preps"]:
            return True
        if child.dep_ in QUESTION_CLAUSE_DEPS and child.left_edge.lower_ in words["question_openers"]:
            return True
    return False


def is_protest_watched(cand: Candidate, plover_type: str) -> bool:
    """A protest noun that is the object of a verb of overseeing it (``watching_protest_verbs``:
    "police were on hand to oversee the demonstrations"): the verb's subject watches the protest,
    which is no protest of its own (``oversee`` is a support verb of other acts: "oversaw the
    operation" is the subject's)."""
    head = cand.head
    if plover_type.upper() != "PROTEST" or not cand.nominal or head.dep_ != "dobj":
        return False
    return head.head.lemma_.lower() in syntax_words()["watching_protest_verbs"]


def is_no_event_sense(doc: Doc, cand: Candidate, plover_type: str) -> bool:
    """The arguments show a sense of the trigger that is no event: a state's force as protest, an act
    or a label as the doer, a private trip as a visit, the patient of a passive as its doer, a word
    of a name, a share in an outcome as aid, a question asked as a request, an ownerless vehicle as
    the doer, going back read as giving back (:mod:`eventwire.events.arg_senses`)."""
    return is_force_as_protest(cand, plover_type) or is_no_agent(doc, cand.source) or is_private_trip(cand) \
        or is_patient_as_source(doc, cand) or is_in_a_name(doc, cand) or is_helping_to_do(cand) \
        or is_question_asked(cand, plover_type) or is_no_actor_sense(doc, cand, plover_type, FORCE_SECTORS) \
        or is_planned_act(cand, plover_type) or is_misread_modifier(cand) or is_protest_watched(cand, plover_type)


def is_other_sense_prep(doc: Doc, match: LexMatch, head: Token, index: ActorIndex) -> bool:
    """The rule's word, or the object it names, has a phrase of one of the rule's ``preps_not`` that
    names an actor (the noun itself, or a name or possessor modifying it: "a strike on Hamas
    positions"): the word is in another sense ("launched a strike on Israel" is no labour strike)."""
    if not match.preps_not:
        return False
    words = [head] + ([doc[match.object_i]] if match.object_i is not None else [])
    for word in words:
        for prep in (c for c in word.children if c.dep_ == "prep" and c.lower_ in match.preps_not):
            for noun in (g for g in prep.children if g.dep_ == "pobj"):
                named = [noun, *(c for c in noun.children if c.dep_ in NAMING_DEPS)]
                if any(index.actor_for(t, allow_unresolved=False) is not None for t in named):
                    return True
    return False
