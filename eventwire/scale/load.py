"""Loading worker results into the database, in input order, exactly as a single-process run would.

Workers cannot assign stories (each article joins the story of the most similar *earlier* article)
nor decide which inputs are already stored, so their record rows are replayed here, in partition
order and row order, through the ingest coordinator the single-process run uses
(:mod:`eventwire.store.ingest`): the same input-digest skip, the same first-wins rule for a repeated
article id, the same story index, the same batches. The stored ids and aggregates therefore equal
those of ``eventwire run`` without workers over the same inputs. Only the analysis differs in where
it happens: here it is read back from the row the worker wrote.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from eventwire.records import Actor, Article, Event, Place, Quote
from eventwire.stages import Analysis
from eventwire.store.ingest import Ingest, Queued
from eventwire.store.writer import Failure

__all__ = ["load_rows", "read_analyses"]

# stages a worker records before an article exists: the input gave none
_NO_ARTICLE = ("read", "extract")


def load_rows(ingest: Ingest, rows: Iterable[dict[str, Any]]) -> None:
    """Feed record rows (partitions in order, rows in order) to ``ingest``; it writes a transaction
    whenever a batch is full, across partition boundaries, as a single-process run batches them."""
    for row in rows:
        digest, uri = row["digest"], row["uri"]
        if ingest.already_stored(digest):
            continue
        if row["status"] != "ok" and row["stage"] in _NO_ARTICLE:
            ingest.failed(uri, row["stage"], row["reason"])
        else:  # analysed, or failed in a stage after extraction: the article decides like any other
            ingest.add(Article.from_dict(json.loads(row["article"])), digest, uri, payload=row)


def read_analyses(queued: list[Queued]) -> None:
    """The analyser of a parallel run: each queued article's analysis as its worker recorded it."""
    for item in queued:
        row = item.payload
        if row["status"] != "ok":
            item.found = Failure(row["uri"], row["stage"], row["reason"])
            continue
        item.found = Analysis(
            actors=[Actor.from_dict(a) for a in json.loads(row["actors"] or "[]")],
            events=[Event.from_dict(e) for e in json.loads(row["events"] or "[]")],
            quotes=[Quote.from_dict(q) for q in json.loads(row["quotes"] or "[]")],
            places=[Place.from_dict(p) for p in json.loads(row["places"] or "[]")],
        )
