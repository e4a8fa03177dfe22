"""A relative clause's subject with the parties "along with" / "together with" joins to it (issue 13):
"Reinado, who, along with another attacker, was shot by the guards" — both were shot. The phrase stands
between the relative pronoun and its verb, where it joins the pronoun, as it joins a plain subject
("Iran, along with Syria, was condemned"; :func:`eventwire.events.coordination.with_conjuncts`).
Sentences written for the eventwire project; the shipped lexicon, dictionaries and the real parser."""

from __future__ import annotations

import pytest

from eventwire.events import coder
from eventwire.events.lexicon import get_lexicon
from eventwire.stages import _article_for_text, coding_stages


def _rule_pairs(text: str) -> set[tuple[str, str | None]]:
    """(source, target) of the rule candidates the parse gives (no model, so no type is overruled)."""
    stages = coding_stages()
    article = _article_for_text(text, "2007-01-05")
    for doc, _ in stages.parse([(article.text, None)]):
        actors = stages.actors(doc, article)
        cands = coder._gather(doc, article, actors, get_lexicon(), False)
        return {(c.source.actor.text, c.target.actor.text if c.target else None) for c in cands}
    return set()


@pytest.mark.parametrize(("text", "pair"), [
    # a passive relative: the joined party is a patient too
    ("The rebel leader, who along with two soldiers was shot by the guards, died.", ("the guards", "soldiers")),
    # an active relative: the joined party is a doer too
    ("The militants, who along with local gunmen attacked the police station, fled.", ("gunmen", "police")),
    ("The general, who together with the defence minister ordered the attack on the rebels, resigned.",
     ("defence minister", "rebels")),
])
def test_a_party_joined_to_a_relative_pronoun_shares_its_role(text: str, pair: tuple[str, str]) -> None:
    assert pair in _rule_pairs(text)


def test_a_party_with_a_bare_with_is_no_co_party() -> None:
    # "with" alone is an attribute or an instrument, not a second doer (written for the project)
    pairs = _rule_pairs("The militants, who with rifles attacked the police station, fled.")
    assert not any(source == "rifles" for source, _ in pairs), pairs
