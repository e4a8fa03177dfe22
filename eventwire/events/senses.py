"""Word senses that make an admitted candidate no event, or an argument no actor.

The lexicon picks a trigger by its word and, where a rule says so, its object (``objects_not`` in
``data/lexicon``: "invite" + aggression is no invitation). Some senses are told apart only by the
arguments the clause found, so they are judged here, once the arguments are known:

- a noun with a group sense and a stance sense ("the opposition said" / "voiced their opposition to
  nuclear energy") is the stance as a target when a possessive pronoun owns it, a complement names
  what is opposed, or it stands bare ("called for opposition widely");
- a protest code that names what a state's own forces do as force ("a building being occupied by
  Israeli soldiers", "the police also throwing stones") is no protest of theirs;
- one's own kin ("phoned his family", "helped his son") is a private relation, not a political
  actor, as the target of anything but harm ("killed his son" is an attack on a civilian).

The word lists are data: ``stance_nouns``, ``stance_preps``, ``force_not_protest_codes``,
``kin_nouns`` and ``harm_types`` in ``data/events/syntax.yaml``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventwire.events.mentions import in_list, syntax_words

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from eventwire.events.arguments import Argument
    from eventwire.events.candidates import Candidate

__all__ = ["FORCE_SECTORS", "is_stance_noun", "is_force_as_protest", "is_private_relation"]

# possessive pronouns that make a stance noun someone's stance ("their opposition"), or kin one's own
STANCE_POSSESSIVES = frozenset({"his", "her", "its", "their", "our", "my", "your"})
# sectors of a state's forces: their occupying or stone-throwing is force, not protest; a mobilisation
# moves them (admissible)
FORCE_SECTORS = frozenset({"MIL", "COP", "SPY"})
# dependents that make a stance noun name a group: a determiner or a modifier ("the opposition",
# "the Thai opposition", "opposition parties" is read off "parties" and never gets here)
GROUP_MARKERS = frozenset({"det", "amod", "compound", "nmod", "poss"})


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
    soldiers occupying a building, police throwing stones act by force, they do not protest."""
    if plover_type.upper() != "PROTEST" or cand.cameo is None:
        return False
    codes = syntax_words()["force_not_protest_codes"]
    return cand.cameo[:3] in codes and cand.source.actor.sector in FORCE_SECTORS


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
