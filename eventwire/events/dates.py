"""When an event happened: a date read from its sentence, else the publication date.

Date expressions are spaCy DATE entities (plus "yesterday"/"today"/"tomorrow"), parsed into an ISO date
or partial date: "in August 2008" -> ``2008-08``; "on Saturday" -> the Saturday of the publication
week (on or before publication for past events, on or after it for future ones); "last August",
"June 3", "3 June 2009", "yesterday", "last month", "in 2008". When a sentence holds several, the one
closest to the trigger in the parse tree wins (crossing into a coordinated or relative clause costs
extra, so "expires on Tuesday" does not date the main clause's event). A deadline ("release the crew
by March", "until Friday") is not the day an event happens and dates nothing.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from eventwire.dates import MONTHS, publication_day
from eventwire.nlp_index import entities_in

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

__all__ = ["event_date", "parse_date_expression", "publication_day"]

WEEKDAYS = {name: i for i, name in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
RELATIVE_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
# tree-distance surcharges for crossing into another clause
EDGE_COST = {"conj": 4, "relcl": 3, "ccomp": 2, "advcl": 2, "acl": 1}
# prepositions that make a date a deadline or an end point ("release the crew by March", "a truce
# until Friday"), not the day the event happens
DEADLINE_PREPS = frozenset({"by", "until", "till", "pending"})

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_ISO_OUT = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b", re.I)
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I)
_MONTH_ALONE = re.compile(rf"\b(last|next|this|in|early|late|mid)?[\s-]*({_MONTH_RE})\b", re.I)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_WEEKDAY = re.compile(r"\b(last|next|this)?\s*(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
_REL_DAY = re.compile(r"\b(yesterday|today|tonight|tomorrow)\b", re.I)
_REL_MONTH = re.compile(r"\b(last|next|this)\s+month\b", re.I)


def _shift_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def parse_date_expression(text: str, published: str | None, *, future: bool = False) -> str | None:
    """An ISO date or partial date for a date expression, relative to the publication date."""
    try:
        found = _parse_date_expression(text, published, future)
    except (ValueError, OverflowError):  # arithmetic off the calendar's ends (year 1, year 9999)
        return None
    return found if found is None or _ISO_OUT.fullmatch(found) else None  # "10000-12" is no ISO date


def _parse_date_expression(text: str, published: str | None, future: bool) -> str | None:
    pub = publication_day(published)
    if m := _ISO.search(text):
        # "0000-00-00" or "2024-13-45" in a sentence is not a date
        if m.group(3):
            return m.group(0) if _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))) else None
        return m.group(0) if _safe_date(int(m.group(1)), int(m.group(2)), 1) else None
    for pattern, order in ((_MONTH_DAY_YEAR, "mdy"), (_DAY_MONTH_YEAR, "dmy")):
        if m := pattern.search(text):
            month_name, day_text = (m.group(1), m.group(2)) if order == "mdy" else (m.group(2), m.group(1))
            month, day_num = MONTHS[month_name.lower()], int(day_text)
            year = int(m.group(3)) if m.group(3) else None
            if year is None:
                if pub is None:
                    return None
                year = pub.year
                candidate = _safe_date(year, month, day_num)
                if candidate is not None and not future and candidate > pub + timedelta(days=1):
                    year -= 1  # "June 3" in a past-tense story published in January
                elif candidate is not None and future and candidate < pub:
                    year += 1
            found = _safe_date(year, month, day_num)
            return found.isoformat() if found else None
    if m := _MONTH_YEAR.search(text):
        return f"{int(m.group(2)):04d}-{MONTHS[m.group(1).lower()]:02d}"
    if m := _REL_DAY.search(text):
        return (pub + timedelta(days=RELATIVE_DAYS[m.group(1).lower()])).isoformat() if pub else None
    if m := _WEEKDAY.search(text):
        return _weekday(pub, WEEKDAYS[m.group(2).lower()], (m.group(1) or "").lower(), future)
    if m := _REL_MONTH.search(text):
        if pub is None:
            return None
        shift = {"last": -1, "next": 1, "this": 0}[m.group(1).lower()]
        return _shift_month(pub, shift).isoformat()[:7]
    if m := _MONTH_ALONE.search(text):
        if pub is None:
            return None
        month = MONTHS[m.group(2).lower()]
        which = (m.group(1) or "").lower()
        if which == "next" or (future and which != "last"):
            year = pub.year if month > pub.month else pub.year + 1
        elif which == "last":
            year = pub.year if month < pub.month else pub.year - 1
        else:
            year = pub.year if month <= pub.month else pub.year - 1
        return f"{year:04d}-{month:02d}"
    if m := _YEAR.search(text):
        return m.group(1)
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday(pub: date | None, weekday: int, which: str, future: bool) -> str | None:
    if pub is None:
        return None
    if future or which == "next":
        delta = (weekday - pub.weekday()) % 7
        if which == "next" and delta == 0:
            delta = 7
        return (pub + timedelta(days=delta)).isoformat()
    delta = (pub.weekday() - weekday) % 7
    if which == "last" and delta == 0:
        delta = 7
    return (pub - timedelta(days=delta)).isoformat()


def _path_cost(trigger: Token, date_root: Token) -> int | None:
    """Tree distance from a trigger to a date expression, with surcharges for clause boundaries; None
    when the date belongs to another clause: a coordinated one ("routed ... and has blocked"), a
    clausal complement the trigger is not in, or a relative clause that does not describe one of the
    trigger's own arguments ("a mission, which expires on Tuesday")."""
    up = [trigger, *trigger.ancestors]
    index = {t.i: n for n, t in enumerate(up)}
    cost_date = 0
    node = date_root
    while node.i not in index:
        if node.dep_ == "conj" and node.pos_ in ("VERB", "AUX"):
            return None
        if node.dep_ == "relcl" and node.head.head.i != trigger.i:
            return None
        if node.dep_ == "ccomp":
            return None  # "X, who hosted it, said they agreed to meet next month": the date is the meeting's
        cost_date += 1 + EDGE_COST.get(node.dep_, 0)
        if node.head.i == node.i:
            return None
        node = node.head
    climbed = up[: index[node.i]]
    if any(t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") for t in climbed):
        return None
    return cost_date + sum(1 + EDGE_COST.get(t.dep_, 0) for t in climbed)


def _is_deadline(date_root: Token) -> bool:
    """"by March", "by the end of March", "until Friday": the object of a deadline preposition."""
    prep = date_root.head
    return date_root.dep_ == "pobj" and prep.dep_ == "prep" and prep.lower_ in DEADLINE_PREPS


def event_date(sent: Span, head: Token, published: str | None, *, future: bool = False) -> tuple[str | None, str]:
    """(date, date_source) for an event whose trigger is ``head``: ``sentence`` when the sentence
    dates it, else ``publication`` (the publication day), else ``unknown``."""
    best: tuple[int, str] | None = None
    for ent in entities_in(sent, "DATE"):  # (not sent.ents: that walks the whole document each time)
        if _is_deadline(ent.root):
            continue
        value = parse_date_expression(ent.text, published, future=future)
        if value is None:
            continue
        cost = _path_cost(head, ent.root)
        if cost is None:
            continue
        if best is None or cost < best[0]:
            best = (cost, value)
    if best is not None:
        return best[1], "sentence"
    pub = publication_day(published)
    if pub is not None:
        return pub.isoformat(), "publication"
    return None, "unknown"
