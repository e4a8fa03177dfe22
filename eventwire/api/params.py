"""The query parameters of the API: the filter vocabulary as a FastAPI dependency, the enumerations,
the page and limit bounds, and the 422 every refusal is shaped as.

Every filter of :data:`eventwire.read.filters.FILTERS` is a query parameter of every read endpoint (so
/docs lists them), plus the deprecated spellings; a parameter name the endpoint does not know is a 422
naming the valid ones, never silently ignored.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import StrEnum
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError

from eventwire.errors import ConfigError
from eventwire.read.filters import ALIASES, FILTERS, EventFilter, parse_filters

__all__ = ["MAX_PAGE_SIZE", "MAX_LIMIT", "PLACES_JSON", "Period", "Sort", "Format", "PageParam", "PageSize", "Limit",
           "Filters", "MAX_LENGTHS", "filters_openapi", "invalid", "capped"]

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


# the longest value each filter takes (a 422 beyond it, shaped as FastAPI's own); the deprecated spellings: no bound
MAX_LENGTHS = {name: 200 if name == "q" else 100 for name in FILTERS}


def _filters_dependency() -> Callable[..., Awaitable[EventFilter]]:
    """A FastAPI dependency reading every filter of ``FILTERS`` (and the deprecated spellings) from the query
    string, and refusing parameter names the endpoint does not know.

    Read here, not declared one by one as ``Query`` parameters: FastAPI then looked up and validated each of
    the 18 on every request, on the event loop, for the one to three a request gives (bench/api_cpu.py: a
    kept answer through FastAPI cost 0.70 ms of CPU, 0.40 ms since). /docs still lists them: each route
    taking the filters adds :func:`filters_openapi` to its description. One difference: a value too long is
    refused alone, no longer together with an error in the endpoint's own parameters (``page_size=0``)."""

    # async: parsing is dictionary look-ups (the actor names are loaded at start-up, api/app.py), so it
    # runs on the event loop instead of a hop to the thread pool and back (~0.3 ms of CPU a request)
    async def dependency(request: Request) -> EventFilter:
        query = request.query_params
        chosen: dict[str, str] = {}
        too_long: list[dict[str, Any]] = []
        for name in (*FILTERS, *ALIASES):  # a deprecated spelling after the name: it wins, as it did
            value = query.get(name)
            if value is None:
                continue
            longest = MAX_LENGTHS.get(name)
            if longest is not None and len(value) > longest:
                too_long.append({"type": "string_too_long", "loc": ["query", name],
                                 "msg": f"String should have at most {longest} characters", "input": value,
                                 "ctx": {"max_length": longest}})
            chosen[ALIASES.get(name, name)] = value
        if too_long:  # before the names, as FastAPI did (an endpoint's own parameters are not checked with them)
            raise RequestValidationError(too_long)
        known = _known_names(request)
        unknown = sorted(set(query) - known)
        if unknown:
            raise invalid(f"unknown parameter {', '.join(map(repr, unknown))}; this endpoint takes: "
                          f"{', '.join(sorted(known - NOT_FILTERS))} (docs/api.md)", unknown[0])
        try:
            flt = parse_filters(chosen)
            flt.terms()  # resolves actor names now: an ambiguous name is a 422, not a 500
        except ConfigError as exc:
            raise invalid(str(exc)) from exc
        return flt

    return dependency


def filters_openapi() -> dict[str, Any]:
    """The filters as OpenAPI query parameters (a route's ``openapi_extra``: FastAPI appends them to its own),
    as FastAPI described them when they were declared one by one."""
    def parameter(name: str, meaning: str, longest: int | None, deprecated: bool) -> dict[str, Any]:
        text: dict[str, Any] = {"type": "string"} if longest is None else {"type": "string", "maxLength": longest}
        schema: dict[str, Any] = {"anyOf": [text, {"type": "null"}], "description": meaning,
                                  "title": name.replace("_", " ").title()}
        described: dict[str, Any] = {"name": name, "in": "query", "required": False, "schema": schema,
                                     "description": meaning}
        if deprecated:
            schema["deprecated"] = described["deprecated"] = True
        return described

    return {"parameters": [*(parameter(name, meaning, MAX_LENGTHS[name], False) for name, meaning in FILTERS.items()),
                           *(parameter(old, f"use {new}", None, True) for old, new in ALIASES.items())]}


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
