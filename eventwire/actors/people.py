"""People across an article: the role in force on a date, and who was introduced as what.

``role_at`` picks, among entries sharing a name, the one whose role is in force on the article's
date; ``ArticleMemory`` remembers each person under every suffix of their name so that later
surname mentions and he/she subjects reuse the code given at the first mention.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from eventwire.actors.dictionary import Entry, Role, normalize
from eventwire.records import Actor

__all__ = ["ArticleMemory", "holder_key", "role_at"]

_PARTICLES = frozenset({"de", "del", "della", "der", "di", "da", "du", "van", "von", "al", "el", "bin", "ibn", "le", "la"})


@dataclass
class ArticleMemory:
    """Who was introduced as what in this article, by every name suffix ("Scheffer", "Hoop Scheffer")."""

    by_name: dict[str, Actor] = field(default_factory=dict)
    by_title: dict[str, Actor] = field(default_factory=dict)  # "the president" -> the last one named
    gender: dict[str, str | None] = field(default_factory=dict)
    last: list[tuple[Actor, str | None]] = field(default_factory=list)  # recent people, newest last

    def remember(self, actor: Actor, names: list[str], gender: str | None, titles: Sequence[str] = (),
                 namesake: bool = False) -> None:
        """Remembers ``actor`` under every suffix of ``names``; a ``namesake`` ("Zindzi Mandela" after
        "Nelson Mandela") does not take over the surname the article already gave to someone else."""
        template = replace(actor, text="", start=0, end=0)
        key = actor.name or ""
        gender = gender or self.gender.get(key)  # a later surname mention keeps the known gender
        self.gender[key] = gender
        for name in names:
            original = name.split()
            words = normalize(name).split()
            for i in range(len(words)):
                # a suffix must start like a name ("Scheffer", "de Hoop Scheffer"), not "II" or "Un"
                if namesake and i > 0 and " ".join(words[i:]) in self.by_name:
                    continue
                if len(words[i]) > 2 and (original[i][:1].isupper() or i > 0 and words[i] in _PARTICLES):
                    self.by_name[" ".join(words[i:])] = template
                elif i == 0:
                    self.by_name[" ".join(words)] = template
        for title in titles:
            self.by_title[normalize(title)] = template
            # "the minister" after "Foreign Minister X": the title's head word refers back too
            self.by_title[normalize(title).split()[-1]] = template
        self._push(template, gender)

    def remember_holder(self, actor: Actor, gender: str | None) -> None:
        """One office holder introduced by title alone ("the prime minister", "a police spokesman"):
        no name to look up later, but a person "he" or "she" may refer back to ("The prime minister
        met the emperor. He praised him"). The holder is told apart from others by where it was
        introduced (:func:`holder_key`)."""
        self._push(replace(actor, text="", end=actor.start), gender)

    def _push(self, template: Actor, gender: str | None) -> None:
        """The most recent person for he/she, keeping the last 8."""
        self.last.append((template, gender))
        if len(self.last) > 8:
            del self.last[0]

    def touch(self, actor: Actor) -> None:
        """A person named again ("Roque said") is the most recent one for he/she that follows."""
        for k, (held, _gender) in enumerate(self.last):
            if held.name == actor.name and held.code == actor.code:
                self.last.append(self.last.pop(k))
                return

    def lookup(self, text: str, whole: bool = False) -> Actor | None:
        """The person remembered under ``text`` or, unless ``whole``, under one of its endings,
        longest first ("Mr Scheffer" -> "Scheffer")."""
        words = normalize(text).split()
        for i in range(1 if whole else len(words)):
            found = self.by_name.get(" ".join(words[i:]))
            if found is not None:
                return found
        return None

    def titled(self, title: str) -> Actor | None:
        """The person last introduced with this title ("the president" after "President X")."""
        return self.by_title.get(normalize(title))

    def pronoun(self, gender: str, exclude: str | None = None, prefer: str | None = None) -> Actor | None:
        """The latest person of fitting gender (else the latest person), other than ``exclude``
        (the subject of an object pronoun's own clause: "Lula thanked him" is not Lula); ``prefer``
        (the subject of the sentence before: "Bush met Olmert. He later criticized Iran" is Bush)
        first, when it fits."""
        people = [(actor, known) for actor, known in self.last if exclude is None or holder_key(actor) != exclude]
        for actor, known in people:
            if prefer is not None and holder_key(actor) == prefer and known in (None, gender):
                return actor
        for actor, known in reversed(people):
            if known in (None, gender):
                return actor
        return people[-1][0] if people else None


def holder_key(actor: Actor) -> str | None:
    """Who a remembered person is, for telling people apart: the name, or, for an office holder
    named by title alone, the place of the mention that introduced them."""
    return actor.name or f"@{actor.start}"


def role_at(entries: tuple[Entry, ...], day: date | None) -> tuple[Entry, Role | None]:
    """The entry and role in force on ``day`` (undated article: the latest role).

    A person past all their dated roles is a former official: their country with sector ELI, as
    CAMEO codes elites, unless the dictionary gives an undated default code.
    """
    best: tuple[Entry, Role | None] | None = None
    best_key: tuple[int, date] | None = None
    for entry in entries:
        dated = [r for r in entry.roles if r.dated]
        default = next((r for r in entry.roles if not r.dated), None)
        if day is None:
            candidates = sorted(dated, key=lambda r: r.start or date.min)
            role = candidates[-1] if candidates else default
            key = (1, role.start or date.min) if role else (0, date.min)
        else:
            active = [r for r in dated if r.active(day)]
            if active:
                role, key = max(active, key=lambda r: r.start or date.min), (3, date.max)
            elif default is not None:
                role, key = default, (2, date.min)
            else:
                past = [r for r in dated if r.end is not None and r.end < day]
                future = [r for r in dated if r.start is not None and day < r.start]
                if past:
                    last = max(past, key=lambda r: r.end or date.min)
                    role = Role(f"{last.country}ELI" if last.country else None, last.country,
                                "ELI" if last.country else None, None, last.end, None)
                    key = (1, last.end or date.min)
                elif future:  # not yet in office: still a national of the country, no sector
                    first = min(future, key=lambda r: r.start or date.max)
                    role = Role(first.country, first.country, None, None, None, first.start)
                    key = (0, date.min)
                else:
                    role, key = None, (0, date.min)
        if best_key is None or key > best_key:
            best, best_key = (entry, role), key
    assert best is not None
    return best
