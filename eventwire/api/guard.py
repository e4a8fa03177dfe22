"""The ASGI guard in front of every request: the Host check, the token check and the security headers.

Security defaults: a token, when set, is required on every request (``Authorization: Bearer`` or
``?token=``), compared in constant time; a loopback bind answers only its own Host names (DNS
rebinding, see :mod:`eventwire.api.server`); every response carries a CSP that forbids inline script
and framing, ``nosniff`` and no referrer.
"""

from __future__ import annotations

import hmac

from fastapi.responses import JSONResponse
from starlette.datastructures import Headers, MutableHeaders, QueryParams
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.api.server import host_name

__all__ = ["Guard", "CSP", "SECURITY_HEADERS"]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


class Guard:
    """The Host check (when ``hosts`` is set), the token check (when a token is set) and the security
    headers on every response.

    Plain ASGI middleware: Starlette's ``@app.middleware("http")`` kind wraps each response in a
    task and a stream, which cost about a third of a cached answer's time.
    """

    def __init__(self, app: ASGIApp, token: str | None = None, hosts: frozenset[str] | None = None) -> None:
        self.app = app
        self.token = token.encode() if token else None
        self.hosts = hosts

    def _known_host(self, scope: Scope) -> bool:
        if self.hosts is None:
            return True
        header = Headers(scope=scope).get("host")
        return header is None or host_name(header) in self.hosts

    def _authorised(self, scope: Scope) -> bool:
        if self.token is None:
            return True
        supplied = Headers(scope=scope).get("authorization", "").removeprefix("Bearer ").strip() \
            or QueryParams(scope.get("query_string", b"")).get("token", "")
        return hmac.compare_digest(supplied.encode(), self.token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    headers.setdefault(key, value)
            await send(message)

        if not self._known_host(scope):
            refusal = JSONResponse({"detail": "unknown Host: this server answers only the names of its "
                                    "loopback address (localhost, 127.0.0.1, [::1])"}, status_code=421)
            await refusal(scope, receive, send_with_headers)
            return
        if not self._authorised(scope):
            refusal = JSONResponse({"detail": "missing or wrong token: send 'Authorization: Bearer TOKEN'"},
                                   status_code=401)
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

