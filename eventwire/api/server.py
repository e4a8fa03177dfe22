"""How ``eventwire serve`` runs the app: connection timeouts, the token rule, and the Host names a
loopback bind answers.

* uvicorn closes idle keep-alive connections (``timeout_keep_alive``) but never a connection that
  has not finished sending a request head: 200 sockets trickling a header each held their slots for
  as long as the client liked (slowloris). :func:`protocol_class` is uvicorn's own HTTP protocol
  that also closes a connection holding no request in progress for :data:`HEAD_TIMEOUT` seconds.
* a token must be hard to guess (:func:`token_problem`): ``--token a`` was accepted.
* a loopback bind without a token is reachable from any web page through DNS rebinding (a name that
  resolves to 127.0.0.1): the browser then sends that name as Host. :func:`allowed_hosts` lists the
  names a loopback bind answers; others get 421 (see ``Guard`` in :mod:`eventwire.api.app`).
"""

from __future__ import annotations

import asyncio
import ipaddress
from typing import Any

__all__ = ["protocol_class", "token_problem", "allowed_hosts", "host_name", "HEAD_TIMEOUT",
           "KEEP_ALIVE_TIMEOUT", "MIN_TOKEN_CHARS"]

# A request head arrives in one packet from real clients; 10 s is generous for a slow link.
HEAD_TIMEOUT = 10.0
# uvicorn's default: a browser reuses a connection within a few seconds or not at all.
KEEP_ALIVE_TIMEOUT = 5
# 16 characters from a random generator (secrets.token_urlsafe(12)) are about 96 bits.
MIN_TOKEN_CHARS = 16
_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def token_problem(token: str) -> str | None:
    """Why ``token`` is too weak to guard an API, or None."""
    if token != token.strip() or any(c.isspace() for c in token):
        return "the token contains spaces"
    if len(token) < MIN_TOKEN_CHARS:
        return f"the token is shorter than {MIN_TOKEN_CHARS} characters"
    if len(set(token)) < 6:
        return "the token repeats too few distinct characters"
    return None


def host_name(header: str) -> str:
    """The name in a Host header, without port or IPv6 brackets, lowercased."""
    value = header.strip().lower()
    if value.startswith("["):
        return value[1:].partition("]")[0]
    if value.count(":") == 1:
        value = value.partition(":")[0]
    return value.rstrip(".")


def allowed_hosts(bind: str) -> frozenset[str] | None:
    """The Host names a server bound to ``bind`` answers: loopback names for a loopback bind, any
    name (None) for others (their clients reach them by whatever name or address the network gives)."""
    try:
        loopback = bind == "localhost" or ipaddress.ip_address(bind).is_loopback
    except ValueError:
        loopback = False
    return frozenset({*_LOOPBACK_NAMES, host_name(bind)}) if loopback else None


def _base_protocol() -> Any:
    try:
        # lazy (start-up): uvicorn's protocol classes only when a server starts
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

        return HttpToolsProtocol
    except ImportError:  # httptools is optional for uvicorn: its pure-Python h11 protocol then
        # lazy (start-up): uvicorn's protocol classes only when a server starts
        from uvicorn.protocols.http.h11_impl import H11Protocol

        return H11Protocol


def protocol_class() -> type[asyncio.Protocol]:
    """uvicorn's HTTP protocol (httptools, else h11) with the request-head timeout.

    The class is built on first use (uvicorn's protocols are imported only when a server starts)
    and kept as this module's ``HeadTimeoutProtocol``: ``serve --workers N`` pickles uvicorn's
    config, class included, into each spawned worker, which finds it again by that name
    (the module's ``__getattr__`` builds it there)."""
    built = globals().get("HeadTimeoutProtocol")
    if built is None:
        built = _build_protocol_class()
        globals()["HeadTimeoutProtocol"] = built
    return built


def __getattr__(name: str) -> Any:
    if name == "HeadTimeoutProtocol":  # a spawned worker unpickling uvicorn's config
        return protocol_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _build_protocol_class() -> type[asyncio.Protocol]:
    base = _base_protocol()

    class HeadTimeoutProtocol(base):  # type: ignore[valid-type, misc]
        """Closes the connection when it holds no request in progress for HEAD_TIMEOUT seconds
        (a request head never finished, or a partial next request on a kept-alive connection)."""

        _head_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:
            super().connection_made(transport)
            self._arm_head_timer()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm_head_timer()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
            super().connection_lost(exc)

        def _arm_head_timer(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
            self._head_timer = self.loop.call_later(HEAD_TIMEOUT, self._head_timed_out)

        def _head_timed_out(self) -> None:
            cycle = getattr(self, "cycle", None)
            if cycle is not None and not cycle.response_complete:
                self._arm_head_timer()  # a request is being answered: not idle
                return
            if not self.transport.is_closing():
                self.transport.close()

    HeadTimeoutProtocol.__qualname__ = "HeadTimeoutProtocol"  # found by name at module level
    return HeadTimeoutProtocol
