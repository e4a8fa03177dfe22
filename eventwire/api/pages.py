"""Pages of ``/api/events``: the library's answer (:func:`eventwire.read.questions.events_page`)."""

from __future__ import annotations

from typing import Any

import duckdb

from eventwire.read import questions as ask
from eventwire.read.filters import EventFilter

__all__ = ["events_page"]


def events_page(con: duckdb.DuckDBPyConnection, flt: EventFilter, *, page: int = 1, page_size: int = 50,
                sort: str = "date", descending: bool = True) -> dict[str, Any]:
    return ask.events_page(con, flt, page=page, page_size=page_size, sort=sort, descending=descending)
