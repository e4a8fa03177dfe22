"""A person's description set after the name, which a relative clause makes the argument, is the person
named: "Nelson Mandela, a former lawyer in South Africa who was imprisoned by the government" is done to
Mandela, reported by the name and the description (docs/annotation.md: the span that names the actor),
and "who" stands for the lawyer, not for the place that locates him (issue 13). Sentences written for
the eventwire project; the shipped lexicon, dictionaries, parser and models."""

from __future__ import annotations

from events_support import shipped_events


def test_a_passive_relative_on_a_description_is_done_to_the_person_named() -> None:
    events = shipped_events("Nelson Mandela, a former lawyer in South Africa who was imprisoned by the government "
                            "for 27 years, urged the rebels to disarm.")
    targets = [t for kind, s, t in events if s == "government"]
    assert targets and all(t is not None and t.startswith("Nelson Mandela") for t in targets), events


def test_a_named_body_beside_a_name_is_not_the_person() -> None:
    # "By inviting President X, Y University angered ...": a body set beside a name is another party
    events = shipped_events("By inviting President Putin, Harvard University openly angered the veterans.")
    assert not any(s.startswith("President Putin") for _, s, _ in events), events
