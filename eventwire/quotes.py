"""Direct quotations and who said them.

Quotation marks are paired first (curly or straight; a quote that runs into the next paragraph
continues when that paragraph opens with a quotation mark, as news copy does), then each quote is
attributed from the text of its own sentence around it:

- after the quote: ``"...," X said`` / ``"...," said X`` / ``"...," he told reporters`` / ``according to X``;
- before it: ``X said: "..."`` / ``X called the meeting "..."``; after a participle of saying with no other
  speaker there (``X denied the report, saying: "..."``), the subject of the clause the participle hangs on;
- else, a quote that directly follows an attributed one in the same or next paragraph continues it
  (the split quote ``"A," X said. "B."``).

The speaker is the actor mention (from the resolver) nearest the speech verb; a pronoun speaker is the
last speaker introduced. Short quoted phrases without a speech verb (scare quotes such as
``"new reality"``) are not quotations and are left out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.records import Actor, Article, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["find_quotes", "quote_spans", "SPEECH_VERBS_FILE"]

SPEECH_VERBS_FILE = Path(__file__).resolve().parent / "data" / "quotes" / "speech_verbs.txt"
SPEECH_PARTICIPLES_FILE = SPEECH_VERBS_FILE.with_name("speech_participles.txt")
OPENING = "“«„"
CLOSING = "”»"
STRAIGHT = '"'
SENTENCE_END = ".?!…"
MIN_WORDS = 4  # a quoted phrase shorter than this needs a speech verb next to it to count
PRONOUNS = {"he", "she", "they", "i", "we"}
# steps up the parse from a participle of saying to the clause whose subject speaks ("denied the
# report, saying": advcl of "denied"; "was quoted as saying": pcomp, prep, then "quoted")
PARTICIPLE_CLIMB = 4
# a coordinator alone between a quote and a speech verb: the verb's subject is the one before the quote
COORDINATORS = frozenset({"and", "but", "or", "and then", "and also", "but also"})
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"[\w'’-]+")
_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    return _word_list(SPEECH_VERBS_FILE)


@lru_cache(maxsize=1)
def _speech_participles() -> frozenset[str]:
    return _word_list(SPEECH_PARTICIPLES_FILE)


def _word_list(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and not line.startswith("#"))


@dataclass
class _Span:
    start: int  # inner text, without the quotation marks
    end: int


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Inner (start, end) of each quotation, merging quotes that continue across paragraphs."""
    spans: list[_Span] = []
    open_at: int | None = None
    continued: _Span | None = None  # a quote left open at a paragraph end that the next one reopens
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if open_at is None:
            is_open = ch in OPENING or (ch == STRAIGHT and (i == 0 or not text[i - 1].isalnum()))
            if is_open:
                open_at = i + 1
        elif ch in CLOSING or ch == STRAIGHT or (ch in OPENING and _opens_paragraph(text, i)):
            if ch in OPENING or _reopens_after_sentence(text, i):
                # a new quote at a paragraph start: the open one ran over the break
                continued = continued or _Span(open_at, i)
                open_at = i + 1
                i += 1
                continue
            start = continued.start if continued else open_at
            spans.append(_Span(start, i))
            open_at, continued = None, None
        elif ch == "\n" and _PARAGRAPH.match(text, i):
            after = _PARAGRAPH.match(text, i)
            assert after is not None
            j = after.end()
            if j < n and (text[j] in OPENING or text[j] == STRAIGHT):
                continued = continued or _Span(open_at, i)
                open_at = j + 1
                i = j + 1
                continue
            open_at, continued = None, None  # unterminated: drop it rather than swallow the article
        i += 1
    return [(s.start, s.end) for s in spans if s.end > s.start]


def _reopens_after_sentence(text: str, i: int) -> bool:
    """Whether the straight quote at ``i``, met while a quote is open, opens the next paragraph's quote
    rather than closing the open one: it stands after a finished sentence and a space and before a word
    (``...intention.  "As far as...``). News copy leaves a quote open at a paragraph end when the next
    paragraph goes on quoting; text dumps that flatten paragraphs into spaces keep only that shape.
    A closing mark sits against its last word (``intention."``), so it never has this shape."""
    j = i - 1
    while j >= 0 and text[j] in " \t\n":
        j -= 1
    return (j < i - 1 and j >= 0 and text[j] in SENTENCE_END and i + 1 < len(text)
            and (text[i + 1].isupper() or text[i + 1].isdigit()))


def _opens_paragraph(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    return not text[line_start:i].strip()


class _Sentences:
    """The character bounds of a document's sentences, read once on the first quote (walking
    ``doc.sents`` for each quote made long texts quadratic), looked up by bisection."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts: list[int] = []
        self.ends: list[int] = []

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """Start of the sentence holding ``start`` and end of the sentence holding ``end`` (or the
        offsets themselves where no sentence holds them: the whitespace between two)."""
        if not self.starts:
            for sent in self.doc.sents:
                self.starts.append(sent.start_char)
                self.ends.append(sent.end_char)
        lo, hi = start, end
        first = bisect_right(self.starts, start) - 1  # the last sentence starting at or before ``start``
        if first >= 0 and start < self.ends[first]:
            lo = self.starts[first]
        last = bisect_left(self.starts, end) - 1  # the last sentence starting before ``end``
        if last >= 0 and end <= self.ends[last]:
            hi = self.ends[last]
        return lo, hi


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _verb_positions(text: str, lo: int, hi: int, verbs: frozenset[str] | None = None) -> list[tuple[int, int]]:
    """Where the words of ``verbs`` (the speech verbs unless given) stand in ``text[lo:hi]``."""
    verbs = _speech_verbs() if verbs is None else verbs
    return [(lo + m.start(), lo + m.end()) for m in _WORD.finditer(text[lo:hi]) if m.group(0).lower() in verbs]


class _Attributor:
    def __init__(self, doc: Doc, actors: list[Actor]) -> None:
        self.text = doc.text
        self.doc = doc
        self.actors = sorted(actors, key=lambda a: a.start)
        self.starts = [a.start for a in self.actors]
        self.last_speaker: Actor | None = None

    def _actor_in(self, lo: int, hi: int, nearest_to: int) -> Actor | None:
        # only the mentions starting in [lo, hi]: a scan of all of them per quote was quadratic
        window = self.actors[bisect_left(self.starts, lo) : bisect_right(self.starts, hi)]
        inside = [a for a in window if a.end <= hi]
        if not inside:
            return None
        return min(inside, key=lambda a: min(abs(a.start - nearest_to), abs(a.end - nearest_to)))

    def _speaker(self, lo: int, hi: int, verb_at: int) -> Actor | None:
        """The speaker named in text[lo:hi] nearest ``verb_at``: an actor, a pronoun, or plain words."""
        window = self.text[lo:hi]
        actor = self._actor_in(lo, hi, verb_at)
        if actor is not None and actor.text.lower() not in PRONOUNS:
            return actor
        words = [(lo + m.start(), lo + m.end(), m.group(0)) for m in _WORD.finditer(window)]
        if words and " ".join(w.lower() for _, _, w in words) in COORDINATORS:
            return self.last_speaker  # '... and called for "..."': the subject named before
        if any(w.lower() in PRONOUNS for _, _, w in words):
            return self.last_speaker or actor
        if 0 < len(words) <= 6:  # "a senior official", "the spokesman": keep the words, uncoded
            return Actor(text=self.text[words[0][0] : words[-1][1]], start=words[0][0], end=words[-1][1])
        return actor

    def after(self, q_end: int, sent_end: int, q_start: int, sent_start: int) -> Actor | None:
        """Attribution after the quote, up to the end of its sentence (or the next quotation mark).
        An "according to" there names who reported the words: a speaker whose speech verb opens the
        quote itself ("Muhammad said, "...," according to Reuters") outranks it."""
        text = self.text
        hi = sent_end
        for mark in OPENING + STRAIGHT:
            nxt = text.find(mark, q_end + 1, hi)
            if nxt != -1:
                hi = nxt
        lo = q_end + 1
        according = _ACCORDING.search(text, lo, hi)
        verbs = _verb_positions(text, lo, hi)
        if according and (not verbs or according.start() < verbs[0][0]):
            return self._introducer(q_start, sent_start) or \
                self._speaker(according.end(), _clause_end(text, according.end(), hi), according.end())
        if not verbs:
            return None
        v_start, v_end = verbs[0]
        if text[lo:v_start].strip(" ,").lower() in COORDINATORS:
            # '"...," and called for ...': the verb shares the subject of the clause opening the quote
            return self.before(q_start, sent_start)
        before = self._speaker(lo, v_start, v_start) if text[lo:v_start].strip(" ,\u2019'\"”") else None
        if before is not None:
            return before
        return self._speaker(v_end, _clause_end(text, v_end, hi), v_end)  # "...," said X

    def _introducer(self, q_start: int, sent_start: int) -> Actor | None:
        """``X said, "..."``: the speaker of a speech verb right before the opening quotation mark
        (a comma or a colon between them at most), within the quote's sentence."""
        verbs = _verb_positions(self.text, sent_start, q_start)
        if not verbs or self.text[verbs[-1][1]:q_start].strip(" ,:"):
            return None
        return self.before(q_start, sent_start)

    def before(self, q_start: int, sent_start: int) -> Actor | None:
        """Attribution before the quote, within its sentence: ``X said: "..."``."""
        lo = sent_start
        for mark in CLOSING + STRAIGHT:
            prev = self.text.rfind(mark, sent_start, q_start - 1)
            if prev != -1:
                lo = max(lo, prev + 1)
        verbs = _verb_positions(self.text, lo, q_start)
        speaker = self._speaker(lo, verbs[-1][0], verbs[-1][0]) if verbs else None
        return speaker or self._participle_speaker(lo, q_start, verbs[-1][1] if verbs else lo)

    def _participle_speaker(self, lo: int, q_start: int, after: int) -> Actor | None:
        """``X denied the report, saying "..."``: the subject of the clause a participle of saying (after
        any other speech verb) hangs on, found through the parse: the participle's own subject when it
        is a name or a pronoun ("reports Chase saying"; the parser also reads "concluded his address
        saying" so), else that of the verb it depends on, a few steps up."""
        found = _verb_positions(self.text, max(lo, after), q_start, _speech_participles())
        span = self.doc.char_span(*found[-1]) if found else None
        if span is None or len(span) != 1:
            return None
        node = span[0]
        for step in range(PARTICIPLE_CLIMB):
            subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and (step or subject.pos_ in ("PROPN", "PRON")):
                lo_s, hi_s = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)
                return self._speaker(lo_s, hi_s, subject.idx)
            if node.head.i == node.i:
                return None
            node = node.head
        return None


def _clause_end(text: str, start: int, hi: int) -> int:
    for i in range(start, hi):
        if text[i] in ",;.:":
            return i
    return hi


def find_quotes(doc: Doc, article: Article, actors: list[Actor]) -> list[Quote]:
    """Direct quotations in ``doc`` (whose text is ``article.text``), with speakers where the text says."""
    text = doc.text
    attributor = _Attributor(doc, actors)
    sentences = _Sentences(doc)
    quotes: list[Quote] = []
    previous_end = -1
    previous_speaker: Actor | None = None
    for raw_start, raw_end in quote_spans(text):
        start, end = _clean(text, raw_start, raw_end)
        if end <= start:
            continue
        sent_start, sent_end = sentences.bounds(start, end)
        # raw_end is the closing mark and raw_start - 1 the opening one
        speaker = attributor.after(raw_end, sent_end, raw_start - 1, sent_start)
        short = len(_WORD.findall(text[start:end])) < MIN_WORDS
        if speaker is None and not short:
            # "X called it "..."": a short phrase after a verb is a scare quote, so only longer ones
            speaker = attributor.before(raw_start - 1, sent_start)
        attributed = speaker is not None
        if speaker is None and previous_speaker is not None and _adjacent(text, previous_end, start):
            speaker = previous_speaker
        if not attributed and short:
            continue  # a scare quote or a title, not a quotation
        if attributed and speaker is not None and speaker.text.lower() not in PRONOUNS:
            attributor.last_speaker = speaker
        quotes.append(Quote(article_id=article.id, text=text[start:end], start=start, end=end, speaker=speaker))
        previous_end, previous_speaker = end, speaker
    return quotes


def _adjacent(text: str, previous_end: int, start: int) -> bool:
    """True when only the attribution sentence (no other paragraph) separates two quotes."""
    if previous_end < 0:
        return False
    between = text[previous_end:start]
    return len(_PARAGRAPH.findall(between)) <= 1 and len(between) < 200
