"""Helpers shared by the actor tests: resolve a text with the shipped resolver, find a mention by its text."""

from __future__ import annotations

from eventwire.actors import get_resolver
from eventwire.nlp import parse
from eventwire.records import Actor


def resolve_text(text: str, published: str = "2019-03-01") -> list[Actor]:
    """The actor mentions the shipped resolver finds in ``text``."""
    return get_resolver().resolve(parse(text), published)


def find_actor(actors: list[Actor], text: str, nth: int = 0) -> Actor:
    """The ``nth`` mention whose text is ``text``; the assertion lists every mention with its code."""
    found = [a for a in actors if a.text == text]
    assert len(found) > nth, f"{text!r} not among {[(a.text, a.code) for a in actors]}"
    return found[nth]
