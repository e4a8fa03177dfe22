"""An actor condition on one column, when the stored forms say it selects the same events (issue 16).

An actor given by code matches ``starts_with(source_code, 'IND') OR source_country = 'IND'``
(:func:`eventwire.read.filters.actor_predicate`). DuckDB cannot test an OR of two columns inside its
scan: it reads both string columns of every row the other conditions let through, then tests them.
``source_forms`` / ``target_forms`` (:mod:`eventwire.store.rollups`, kept in the writer's transaction)
hold every (code, country) pair stored on that side, and a few that no event has any more. When the
condition is true on exactly the forms of some countries (IND, INDGOV and INDMIL all have the country
IND, and no other form has it), it is true on exactly the events of those countries: ``source_country
= 'IND'``, one column, which DuckDB tests in the scan (a source + PLOVER type's top-N at 10 million
events: 131 ms of CPU before, 63 ms; bench/page_queries.py). The same with the codes when the countries do not tell. A form no
event has any more can only keep the condition as it was, never change which events match.

Only the page queries use it (:mod:`eventwire.read.id_order`, :mod:`eventwire.read.paging`): the
rewritten condition is exact for the events stored with those forms, which is what a page reads.

Asking the forms is a query per page (about 1 ms of CPU of a ~10 ms computed page at 100,000 events,
bench/api_cpu.py), and their answer changes only when the data does. So a caller that knows which
version of the data its cursor reads (the API: its source's ``version()``, read before the cursor)
says so with :func:`forms_version`, and within that block each rewritten predicate is remembered
under that version and asked once.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import duckdb

from eventwire.read.filters import EventFilter, Predicate, Term, where_of

__all__ = ["where", "one_column", "forms_version", "KEPT_REWRITES"]

KEPT_REWRITES = 4096  # (version, predicate) -> rewritten predicate: a few hundred actors a version
# the version of the data the cursors of this context read (None: unknown, the forms are asked)
_VERSION: ContextVar[Hashable | None] = ContextVar("eventwire_forms_version", default=None)
_rewritten: dict[tuple[Hashable, Predicate], Predicate] = {}  # a dict's single get/set: safe across threads


@contextmanager
def forms_version(version: Hashable) -> Iterator[None]:
    """Within this block (this context), the cursors passed here read the data of ``version`` (a value
    that changes whenever the data may have: the API sources' ``version()``); rewrites are kept under it."""
    token = _VERSION.set(version)
    try:
        yield
    finally:
        _VERSION.reset(token)


def _code_template(side: str) -> str:
    # the SQL actor_predicate gives an actor named by a code (a name matched by words is left alone)
    return f"(starts_with({side}_code, ?) OR {side}_country = ?)"


def where(con: duckdb.DuckDBPyConnection, flt: EventFilter, *extra: str) -> tuple[str, list[Any]]:
    """``flt.where(*extra)`` with each actor condition on one column where the forms allow it."""
    terms = flt.terms()
    chosen = _one_columns(con, [p for term in terms for conjunction in term for p in conjunction])
    rewritten: list[Term] = [tuple(tuple(chosen.get(p, p) for p in conjunction) for conjunction in term)
                             for term in terms]
    return where_of(rewritten, *extra)


def one_column(con: duckdb.DuckDBPyConnection, predicate: Predicate) -> Predicate:
    """``predicate`` on the country or the code column alone when it selects the same forms, else itself."""
    return _one_columns(con, [predicate]).get(predicate, predicate)


def _rewritable(predicate: Predicate) -> bool:
    side = predicate.facet
    return side in ("source", "target") and predicate.sql == _code_template(side)


def _one_columns(con: duckdb.DuckDBPyConnection, predicates: list[Predicate]) -> dict[Predicate, Predicate]:
    """The rewritable ``predicates`` on one column each where the forms allow it: those kept under the
    context's version (:func:`forms_version`), the others asked (:func:`_asked`) and kept."""
    version = _VERSION.get()
    if version is None:
        return _asked(con, predicates)
    found = {p: kept for p in predicates if (kept := _rewritten.get((version, p))) is not None}
    missing = [p for p in predicates if p not in found]
    asked = _asked(con, missing) if missing else {}
    if len(_rewritten) + len(asked) > KEPT_REWRITES:
        _rewritten.clear()  # older versions' rewrites mostly: the current ones are asked again once
    for predicate, rewritten in asked.items():
        _rewritten[(version, predicate)] = rewritten
    return {**found, **asked}


def _asked(con: duckdb.DuckDBPyConnection, predicates: list[Predicate]) -> dict[Predicate, Predicate]:
    """The rewritable ``predicates`` on one column each where the forms allow it, tested over both sides'
    forms in one query (a query costs ~0.5 ms of CPU before any work: a filter naming an actor has a
    predicate per side, a dyad four, and where() is asked once or twice per page)."""
    by_side = {side: list(dict.fromkeys(p for p in predicates if p.facet == side and _rewritable(p)))
               for side in ("source", "target")}
    width = max(len(found) for found in by_side.values())
    if not width:
        return {}
    selects: list[str] = []
    params: list[Any] = []
    for side, found in by_side.items():
        if found:  # side is source or target: tables and columns named from the code
            tests = [f"coalesce({p.sql}, false)" for p in found] + ["false"] * (width - len(found))
            selects.append(f"SELECT '{side}', {side}_code, {side}_country, {', '.join(tests)} FROM {side}_forms")
            params.extend(v for p in found for v in p.params)
    forms: dict[str, list[tuple[Any, ...]]] = {"source": [], "target": []}
    for row in con.execute(" UNION ALL ".join(selects), params).fetchall():
        forms[row[0]].append(row[1:])
    return {p: _on_one_column(p, [(form[0], form[1], form[2 + n]) for form in forms[side]])
            for side, found in by_side.items() for n, p in enumerate(found)}


def _on_one_column(predicate: Predicate, forms: list[tuple[Any, ...]]) -> Predicate:
    """``predicate`` rewritten from its side's forms, each (code, country, whether the predicate is true)."""
    side = predicate.facet
    for position, column in ((1, "country"), (0, "code")):
        chosen = {form[position] for form in forms if form[2]}
        if None in chosen or any(form[position] in chosen for form in forms if not form[2]):
            continue  # some form of these values does not match, or a match has no value here
        if not chosen:
            return Predicate(side, "false", ())
        values = sorted(chosen)
        test = "= ?" if len(values) == 1 else f"IN ({', '.join('?' * len(values))})"
        return Predicate(side, f"{side}_{column} {test}", tuple(values))
    return predicate
