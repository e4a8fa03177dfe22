"""The ASGI guard in front of every request: the Host check, the token check and the security headers.

Security defaults: a token, when set, is required on every request (``Authorization: Bearer``,
``?token=`` or the dashboard's cookie), compared in constant time; a loopback bind answers only its own Host names (DNS
rebinding, see :mod:`eventwire.api.server`); every response carries a CSP that forbids inline script
and framing, ``nosniff`` and no referrer.
"""

from __future__ import annotations

import contextlib
import hmac
from http.cookies import CookieError, SimpleCookie

from fastapi.responses import JSONResponse
from starlette.datastructures import Headers, MutableHeaders, QueryParams
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.api.server import host_name

__all__ = ["Guard", "CSP", "SECURITY_HEADERS", "TOKEN_COOKIE"]

# The dashboard is opened once as /?token=TOKEN; its scripts, styles and API calls are plain
# same-origin requests that cannot carry a header, so a valid ?token= is answered with this cookie
# (HttpOnly: page scripts never read it; SameSite=Strict: no other site's page can send it, which is
# what keeps a cookie-authenticated read API safe from cross-site requests).
TOKEN_COOKIE = "eventwire_token"

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

    def _supplied(self, scope: Scope) -> tuple[str, str]:
        """The token the request carries and how: ``header``, ``query``, ``cookie`` or ``none``."""
        headers = Headers(scope=scope)
        bearer = headers.get("authorization", "").removeprefix("Bearer ").strip()
        if bearer:
            return bearer, "header"
        query = QueryParams(scope.get("query_string", b"")).get("token", "")
        if query:
            return query, "query"
        cookies = SimpleCookie()
        with contextlib.suppress(CookieError):  # a malformed Cookie header carries no token
            cookies.load(headers.get("cookie", ""))
        morsel = cookies.get(TOKEN_COOKIE)
        return (morsel.value, "cookie") if morsel is not None else ("", "none")

    def _authorised(self, supplied: str) -> bool:
        return self.token is None or hmac.compare_digest(supplied.encode(), self.token)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        # no token set (a loopback bind): nothing to read from the headers, query string or cookies
        supplied, how = self._supplied(scope) if self.token is not None else ("", "none")
        set_cookie = self.token is not None and how == "query"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    headers.setdefault(key, value)
                if set_cookie and message["status"] < 400:
                    headers.append("Set-Cookie", f"{TOKEN_COOKIE}={supplied}; Path=/; HttpOnly; SameSite=Strict")
            await send(message)

        if not self._known_host(scope):
            refusal = JSONResponse({"detail": "unknown Host: this server answers only the names of its "
                                    "loopback address (localhost, 127.0.0.1, [::1])"}, status_code=421)
            await refusal(scope, receive, send_with_headers)
            return
        if not self._authorised(supplied):
            refusal = JSONResponse({"detail": "missing or wrong token: send 'Authorization: Bearer TOKEN', "
                                    "or open the dashboard once as /?token=TOKEN"},
                                   status_code=401)
            await refusal(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)

