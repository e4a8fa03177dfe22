"""Replaying a remembered answer before FastAPI sees the request: a repeated request costs microseconds.

:class:`~eventwire.api.answers.Answers` remembers an answer by its question (the parsed filters), so a
repeated question skips DuckDB; but the request still went through FastAPI's routing, the validation
of some twenty query parameters, the filter parsing and three thread-pool hand-offs: about 3 ms of CPU
of a cached answer (``bench/load.py``: 16 clients on two cores need a request to cost less than 4 ms
in all). :class:`Replay` is plain ASGI middleware in front of the routes that keeps the response of a
successful JSON ``GET /api/...`` under ``(version, path, query string)`` in the same bounded cache and
sends it again, byte for byte with the same headers, when the same request comes for the same version.

Why this never serves stale data: the key's version is read before the request is passed on (so
before the answer's cursor is opened, rule 2 of :mod:`eventwire.api.source`), so the answer kept under
it was computed from that version or a newer one; a commit makes a new version, which no kept key
carries. Only answers that are whole (one body), ``200``, ``application/json`` and at most
:data:`~eventwire.api.answers.MAX_ANSWER_BYTES` are kept: errors, downloads and streamed bodies always
go to the routes. A kept response survives a new version as the answer it was made from does (when
that answer's filter matches no event the version rewrote, :mod:`eventwire.api.deltas`): the route
says which filter it answered (:data:`~eventwire.api.answers.ANSWERED_SCOPES`), and a later request
for a newer version is replayed from the kept response once the source has said so. The token and
Host checks (:class:`~eventwire.api.guard.Guard`) sit outside this, so a replayed answer is checked and
gets the security headers like any other. Every request answered from or into this cache is noted in
``recent`` (:class:`~eventwire.api.rewarm.RecentRequests`): what a new snapshot is asked before it is
published.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.api.answers import ANSWERED_SCOPES, MAX_ANSWER_BYTES, Answers
from eventwire.api.rewarm import RecentRequests
from eventwire.api.source import pinned
from eventwire.read.filters import EventFilter

__all__ = ["Replay", "REPLAYED_PREFIX", "MAX_QUERY_BYTES"]

REPLAYED_PREFIX = "/api/"  # the read endpoints; the dashboard's files are served by StaticFiles
# The key holds the query string, which the cache's byte bound does not count: a client repeating a
# parameter a thousand times (the last one wins, so the answer is a 200) would otherwise make each
# of the 8192 keys tens of kilobytes. The dashboard's longest query strings are a few hundred bytes.
MAX_QUERY_BYTES = 2048

# the response's raw headers, its body, and the filter its answer depends on alone (None: anything)
Kept = tuple[list[tuple[bytes, bytes]], bytes, EventFilter | None]


class Replay:
    """ASGI middleware: repeated JSON ``GET /api/...`` requests answered from ``answers``' cache."""

    def __init__(self, app: ASGIApp, answers: Answers, recent: RecentRequests | None = None) -> None:
        self.app = app
        self.answers = answers
        self.recent = recent

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self._replayable(scope):
            await self.app(scope, receive, send)
            return
        # the version first, then the request (whose answer reads a state at least as new: that very one
        # when the source can pin it, which also spares the route's look-ups of the version, api/source.py)
        with pinned(self.answers.source) as version:
            await self._answer(scope, receive, send, version)

    async def _answer(self, scope: Scope, receive: Receive, send: Send, version: Hashable) -> None:
        question = ("replay", scope["path"], scope.get("query_string", b""))
        kept: Kept | None = self.answers.kept((version, *question))
        if kept is None:  # an older version's, if this one cannot have changed it (a look-up, or a query of a few rows)
            kept = self.answers.carried(question, version, _scope_of)
        if kept is not None:
            self._note(scope)
            headers, body, _ = kept
            await send({"type": "http.response.start", "status": 200, "headers": list(headers)})
            await send({"type": "http.response.body", "body": body})
            return
        scopes: list[EventFilter | None] = []
        recorder = _Recorder(send, (version, *question), self.answers, scopes)
        token = ANSWERED_SCOPES.set(scopes)
        try:
            await self.app(scope, receive, recorder)
        finally:
            ANSWERED_SCOPES.reset(token)
        if recorder.kept:
            self._note(scope)

    def _note(self, scope: Scope) -> None:
        if self.recent is not None:
            self.recent.note(scope["path"], scope.get("query_string", b""))

    def _replayable(self, scope: Scope) -> bool:
        return (self.answers.enabled and scope["type"] == "http" and scope["method"] == "GET"
                and scope["path"].startswith(REPLAYED_PREFIX) and len(scope["path"]) <= MAX_QUERY_BYTES
                and len(scope.get("query_string", b"")) <= MAX_QUERY_BYTES)


def _scope_of(kept: Kept) -> EventFilter | None:
    return kept[2]


class _Recorder:
    """Passes a response on and keeps it under ``key`` when it is a whole 200 JSON answer."""

    def __init__(self, send: Send, key: tuple[Any, ...], answers: Answers, scopes: list[EventFilter | None]) -> None:
        self.send, self.key, self.answers, self.scopes = send, key, answers, scopes
        self.headers: list[tuple[bytes, bytes]] | None = None
        self.kept = False  # the response was kept

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = [(bytes(k), bytes(v)) for k, v in message.get("headers", [])]
            if message["status"] == 200 and (b"content-type", b"application/json") in headers:
                self.headers = headers
        elif message["type"] == "http.response.body" and self.headers is not None:
            body = message.get("body", b"")
            if not message.get("more_body", False) and len(body) <= MAX_ANSWER_BYTES:
                # one answer about one filter: the response lasts as long as it does
                scope = self.scopes[0] if len(self.scopes) == 1 else None
                self.answers.keep(self.key, (self.headers, bytes(body), scope))
                self.kept = True
            self.headers = None  # a streamed body (more_body) is never kept, nor any later part
        await self.send(message)
