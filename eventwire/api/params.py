"""The query parameters of the API: the filter vocabulary as a FastAPI dependency, the enumerations,
the page and limit bounds, and the 422 every refusal is shaped as.

Every filter of :data:`eventwire.read.filters.FILTERS` is a query parameter of every read endpoint (so
/docs lists them), plus the deprecated spellings; a parameter name the endpoint does not know is a 422
naming the valid ones, never silently ignored.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request

from eventwire.errors import ConfigError
from eventwire.read.filters import ALIASES, FILTERS, EventFilter, parse_filters

__all__ = ["MAX_PAGE_SIZE", "MAX_LIMIT", "PLACES_JSON", "Period", "Sort", "Format", "PageParam", "PageSize", "Limit",
           "Filters", "invalid", "capped"]

MAX_PAGE_SIZE = 1000  # JSON pages; downloads are whole
MAX_LIMIT = 1_000_000
NOT_FILTERS = {"token"}  # read by the token check, allowed on every endpoint


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class Sort(StrEnum):
    date = "date"
    goldstein = "goldstein"
    mentions = "mentions"
    sources = "sources"
    confidence = "confidence"


class Format(StrEnum):
    json = "json"
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


PageParam = Annotated[int, Query(ge=1, le=1_000_000)]
PageSize = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="rows per JSON page (downloads are whole)")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="rows; at most 1000 in JSON (places 5000), "
                                                               "1,000,000 in a download")]
PLACES_JSON = 5000


def _filters_dependency() -> Callable[..., Awaitable[EventFilter]]:
    """A FastAPI dependency taking every filter of ``FILTERS`` as a query parameter (so /docs lists them),
    plus the deprecated spellings, and refusing parameter names the endpoint does not know."""
    params = [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)]
    for name, meaning in FILTERS.items():
        params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=str | None,
                                        default=Query(None, max_length=200 if name == "q" else 100, description=meaning)))
    for old, new in ALIASES.items():
        params.append(inspect.Parameter(f"old_{old}", inspect.Parameter.KEYWORD_ONLY, annotation=str | None,
                                        default=Query(None, alias=old, deprecated=True, description=f"use {new}")))

    # async: parsing is dictionary look-ups (the actor names are loaded at start-up, api/app.py), so it
    # runs on the event loop instead of a hop to the thread pool and back (~0.3 ms of CPU a request)
    async def dependency(request: Request, **values: str | None) -> EventFilter:
        known = _known_names(request)
        unknown = sorted(set(request.query_params) - known)
        if unknown:
            raise invalid(f"unknown parameter {', '.join(map(repr, unknown))}; this endpoint takes: "
                          f"{', '.join(sorted(known - NOT_FILTERS))} (docs/api.md)", unknown[0])
        chosen = {ALIASES.get(k.removeprefix("old_"), k): v for k, v in values.items() if v is not None}
        try:
            flt = parse_filters(chosen)
            flt.terms()  # resolves actor names now: an ambiguous name is a 422, not a 500
        except ConfigError as exc:
            raise invalid(str(exc)) from exc
        return flt

    dependency.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    return dependency


def invalid(message: str, name: str | None = None) -> HTTPException:
    """A 422 shaped like FastAPI's own validation errors (``detail`` is a list of ``{loc, msg, type}``),
    so a client reads every refusal the same way; ``name`` is the parameter at fault."""
    if name is None:
        head = message.split(":", 1)[0]
        name = head if head in FILTERS else "query"
    return HTTPException(422, [{"loc": ["query", name], "msg": message, "type": "value_error"}])


def _known_names(request: Request) -> set[str]:
    route = request.scope.get("route")
    names = set(NOT_FILTERS) | set(FILTERS) | set(ALIASES)
    dependant = getattr(route, "dependant", None)
    for param in getattr(dependant, "query_params", []):
        names.add(param.alias or param.name)
    return names


Filters = Annotated[EventFilter, Depends(_filters_dependency())]


def capped(limit: int, fmt: Format, cap: int = MAX_PAGE_SIZE) -> None:
    """JSON answers stay small (they are cached and drawn); downloads may ask for much more."""
    if fmt is Format.json and limit > cap:
        raise invalid(f"limit: at most {cap} in JSON; ask a download (format=csv|jsonl|parquet) for more", "limit")
