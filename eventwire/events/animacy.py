"""Argument positions that only a doer can fill: a common noun there names people or a body, even one
no word list knows.

No dictionary lists every noun of people ("the whalers", "the loggers", "the coup plotters", "a
caller", "opponents"), and a noun the lists do not know is read as a thing: "asked the whalers to stop
whaling" lost its target, "opponents charged that ..." its source. Some verb frames select an animate
argument whatever its noun (selectional restrictions, as a linguist reads them):

- **object control**: in "X urged Y to leave", "X called on Y to stop", Y is the subject of the
  infinitive, the one asked to act (``object_control`` in ``data/events/syntax.yaml``);
- **the speaker of a speech act**: the subject of a verb of saying, claiming or demanding ("opponents
  charged that", "a caller claiming to be with ETA", "the crew declared") says something, and only a
  person or a body says (``speech_verbs``); so does a plural subject of a verb of judging someone
  aloud ("some commentators criticised the committee", ``judging_speech_verbs``: a text that judges is
  named in the singular, "the book criticises").

A noun the lists name as a thing, a place, a product or a document keeps its reading ("the report
said", "the law requires the ministry to ..."): documents speak for their issuer elsewhere
(:mod:`eventwire.events.agents`), and a thing does not become an actor by its position.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.lexicon import lexicon_in_use
from eventwire.events.syntax_lists import in_list

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["ANIMATE_EXCLUDED_LISTS", "animate_by_position", "asked_act", "asked_through_preposition",
           "controlled_object", "speaker_subject", "to_infinitive"]

# word lists of data/events/syntax.yaml whose nouns are things, places, products, documents or acts:
# no position makes them doers ("the report claims", "the law requires the ministry to ...")
ANIMATE_EXCLUDED_LISTS = ("non_actor_nouns", "place_nouns", "document_nouns", "product_nouns", "patient_nouns",
                          "act_nouns", "carrier_nouns", "non_actor_heads")
# prepositions that carry the one asked to act ("called on the whalers to stop", "appealed to the
# rebels to lay down their arms")
CONTROL_PREPS = frozenset({"on", "upon", "to"})
# how the infinitive hangs under the control verb ("urged Y to leave": xcomp; some parses: ccomp)
CONTROL_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})


def animate_by_position(token: Token) -> bool:
    """A plain common noun (no thing of the lists) in a position only a doer fills: the object asked
    to act by an object-control verb, or the subject of a verb of speech."""
    if token.pos_ != "NOUN" or token.ent_type_ or any(in_list(token, name) for name in ANIMATE_EXCLUDED_LISTS):
        return False
    if _nominalisation(token) or _bare_singular(token):
        return False  # "urged the passage of bills to ...": an act asked for, whatever the parse hangs on it
    return controlled_object(token) or speaker_subject(token)


def controlled_object(token: Token) -> bool:
    """"urged the loggers to leave", "called upon the whalers to stop": the object (or the object of
    "on"/"upon"/"to") of an object-control verb that has a to-infinitive after it."""
    if token.dep_ in ("dobj", "obj"):
        verb = token.head
    elif token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ in CONTROL_PREPS:
        verb = token.head.head
    else:
        return False
    if verb.pos_ != "VERB" or not in_list(verb, "object_control"):
        return False
    return any(c.dep_ in CONTROL_COMPLEMENT_DEPS and c.i > token.i and to_infinitive(c) for c in verb.children)


def asked_through_preposition(head: Token) -> list[Token]:
    """The one a control verb asks to act through its preposition ("called on the whalers to stop",
    "appealed to the truckers to end their blockade"): the object of the verb's "on"/"upon"/"to" when a
    to-infinitive follows, the verb's object as much as a direct one. Not "called for talks": what is
    asked for is no one asked."""
    if any(c.dep_ in ("dobj", "obj") for c in head.children):
        return []  # "invited McCain to the White House to show": the direct object is the one asked
    return [obj for prep in head.children if prep.dep_ == "prep" and prep.lower_ in CONTROL_PREPS
            for obj in prep.children if obj.dep_ == "pobj" and controlled_object(obj)]


def speaker_subject(token: Token) -> bool:
    """"opponents charged that ...", "the crew declared", "a caller claiming to be with ETA": the
    subject of a verb of speech, or the noun a participle of speech describes."""
    if token.dep_ == "nsubj" and token.head.pos_ == "VERB" and _speaking(token.head, token):
        return True
    if token.dep_ in ("dobj", "obj"):
        return False  # "Putin defended the technology saying ...": the parse hangs the doer's participle on the object
    return any(c.dep_ == "acl" and c.tag_ == "VBG" and _speaking(c, token) for c in token.rights)


def _speaking(verb: Token, speaker: Token) -> bool:
    """A verb of saying, or of judging someone aloud with a plural speaker ("some commentators
    criticised"): only people or a body do it. A text judges too, but is named in the singular ("the
    book criticises", "the editorial praised"), so a singular subject of judging proves nothing."""
    return in_list(verb, "speech_verbs") or (speaker.tag_ == "NNS" and in_list(verb, "judging_speech_verbs"))


def _nominalisation(token: Token) -> bool:
    """A noun of an act: one the lexicon reads as an event ("the attack"), or a singular noun with an
    "of" complement ("the passage of bills", "the release of prisoners"); nouns of people that take
    one are in the lists or plural ("supporters of Hamas")."""
    if lexicon_in_use().match(token):
        return True
    return token.tag_ == "NN" and any(c.dep_ == "prep" and c.lower_ == "of" for c in token.rights)


def _bare_singular(token: Token) -> bool:
    """A singular noun with no determiner, possessor or number: a count noun of people needs one in
    English ("a caller", "the crew"), so a bare one is a mass noun or a piece of a misparsed heading
    ("Wikinews Today short infobox The Presidency denied")."""
    return token.tag_ == "NN" and not any(c.dep_ in ("det", "poss", "nummod") for c in token.lefts)


def asked_act(verb: Token) -> bool:
    """A clause with a subject of its own whose act a verb of asking only asks for, so that its subject
    does nothing yet: a subjunctive ("demanded that Hezbollah remove its fighters", "demanded he
    relinquish power": the bare verb, no auxiliary), a for-to infinitive ("called for FARC to release") or
    an infinitive the parser gives the one asked as its subject ("encouraged employees to attend the
    rallies"). As with "urged Y to leave", Y's act is not an event (``unrealized_control``,
    ``request_verbs``, ``mandative_verbs``); the asking is."""
    governor = verb.head
    if verb.dep_ == "pcomp" and governor.lower_ == "for" and governor.dep_ == "prep":
        governor = governor.head  # "proposed for Wal-Mart to withdraw": the parser hangs the clause on "for"
    elif verb.dep_ not in ("ccomp", "advcl"):
        return False
    if governor.i == verb.i or governor.pos_ not in ("VERB", "AUX"):
        return False
    if not any(in_list(governor, name) for name in ("unrealized_control", "request_verbs", "mandative_verbs")):
        return False
    if to_infinitive(verb) and any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children):
        return True  # "called for FARC to release its hostages": the parser's adverbial for-to clause
    if verb.dep_ != "ccomp":
        return False
    # the tagger often reads a plural subjunctive as a present ("demanded that the rebels withdraw"); after
    # a verb that also reports ("insisted that the troops attack civilians") the present is a claim, unless
    # its subject is a singular noun, whose present would take -s ("suggested that the government invest")
    present = verb.tag_ == "VBP" and (not in_list(governor, "reporting_verbs") or _singular_subject(verb))
    subjunctive = (verb.tag_ == "VB" or present) and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    return subjunctive or to_infinitive(verb)


def to_infinitive(verb: Token) -> bool:
    """A verb with its infinitive marker "to" ("to stop")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _singular_subject(verb: Token) -> bool:
    """Whether a verb's subject is one singular noun ("the government"), not conjoined."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subjects) and subjects[0].tag_ in ("NN", "NNP") and not any(c.dep_ == "conj" for c in subjects[0].children)
