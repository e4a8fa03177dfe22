"""Polite, defensive HTTP fetching for feeds and article pages.

Every request: http(s) only; the host's addresses are resolved and refused when private, loopback,
link-local, multicast, reserved or unspecified (unless ``allow_private``), at every redirect hop;
at most ``max_redirects`` redirects; connect/read timeouts and a deadline on each whole request
(``deadline``, headers and body: a server sending a byte a second never times out a read); bodies
streamed and cut off at ``max_bytes`` on the wire and once decoded, stacked encodings refused
(:mod:`eventwire.feeds.body`); robots.txt obeyed (Protego, RFC 9309 matching; fetched once per host per hour,
``Crawl-delay`` honoured); at most
one request per ``min_interval`` seconds per host; ETag/Last-Modified sent back for conditional GET.

The connection itself goes through the same resolver and the same check (:class:`VettedBackend`): the
socket is opened to an address that was just vetted, so a DNS server that answers a public address
to the check and a private one to the connection (DNS rebinding) is refused too.
"""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from protego import Protego

from eventwire.errors import InputError
from eventwire.feeds.body import ACCEPT_ENCODING, BodyError, read_body

__all__ = ["Fetcher", "FetchResult", "FetchError", "is_public_address"]

USER_AGENT = "eventwire-watch/1 (+https://github.com/eventwire/eventwire; news event coding)"
ROBOTS_TTL = 3600.0
# The whole-request deadline, as a multiple of the read timeout when not given: room for a big page
# on a slow link, but a trickling server is cut off (1 byte/s for 40 s kept a 3 s-timeout fetch 44 s).
DEADLINE_PER_TIMEOUT = 2.0
# the deadline of the request this thread is making, read by every socket read and write
_REQUEST = threading.local()


class FetchError(InputError):
    """A fetch that failed or was refused; ``retry`` says whether trying later may help."""

    def __init__(self, message: str, retry: bool = True) -> None:
        super().__init__(message)
        self.retry = retry


@dataclass
class FetchResult:
    url: str  # after redirects
    status: int
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


def is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        # an IPv4 address wrapped in IPv6 (mapped, 6to4, Teredo) is judged as the IPv4 address
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            ip = embedded
    # is_global also excludes shared address space (100.64.0.0/10: carrier NAT, some cloud metadata services)
    return ip.is_global and not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
                                 or ip.is_reserved or ip.is_unspecified)


class Fetcher:
    """One HTTP client shared by all feeds of a watcher (thread-safe for the rate limiter)."""

    def __init__(self, *, allow_private: bool = False, timeout: float = 15.0, max_bytes: int = 5 << 20,
                 max_redirects: int = 5, min_interval: float = 1.0, user_agent: str = USER_AGENT,
                 obey_robots: bool = True, sleep: Callable[[float], None] = time.sleep,
                 resolve: Callable[[str], list[str]] | None = None,
                 transport: httpx.BaseTransport | None = None, deadline: float | None = None) -> None:
        self.allow_private = allow_private
        self.max_bytes = max_bytes
        self.deadline = deadline if deadline is not None else DEADLINE_PER_TIMEOUT * timeout
        self.max_redirects = max_redirects
        self.min_interval = min_interval
        self.user_agent = user_agent
        self.obey_robots = obey_robots
        self._sleep = sleep
        self._resolve = resolve or _resolve
        self._client = httpx.Client(timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
                                    follow_redirects=False,
                                    headers={"User-Agent": user_agent, "Accept-Encoding": ACCEPT_ENCODING},
                                    transport=transport or VettedTransport(self._resolve, allow_private))
        self._last: dict[str, float] = {}
        self._robots: dict[str, tuple[float, Protego | None, float]] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    # -- checks -------------------------------------------------------------------------------------
    def check_url(self, url: str) -> str:
        """The host of a URL we may fetch; raises FetchError (not retried) otherwise."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"{url}: only http and https URLs are fetched", retry=False)
        if self.allow_private:
            return parts.hostname
        try:
            addresses = self._resolve(parts.hostname)
        except OSError as exc:
            raise FetchError(f"{url}: cannot resolve {parts.hostname} ({exc})") from exc
        for address in addresses:
            if not is_public_address(address):
                raise FetchError(
                    f"{url}: {parts.hostname} resolves to {address}, a private/loopback/link-local address; "
                    "refused (pass --allow-private to fetch from internal hosts)", retry=False)
        return parts.hostname

    def _wait_turn(self, host: str, delay: float) -> None:
        with self._lock:
            now = time.monotonic()
            ready = self._last.get(host, float("-inf")) + delay
            self._last[host] = max(now, ready)
        if ready > now:
            self._sleep(ready - now)

    def _robots_for(self, url: str) -> tuple[Protego | None, float]:
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        cached = self._robots.get(origin)
        if cached and time.monotonic() - cached[0] < ROBOTS_TTL:
            return cached[1], cached[2]
        try:
            result: FetchResult | None = self._get(urljoin(origin, "/robots.txt"), {}, self.min_interval)
        except FetchError:
            result = None
        parser: Protego | None = None  # unreachable robots.txt: nothing allowed for now (RFC 9309)
        if result is not None and result.status < 500:
            # no robots.txt (4xx): everything is allowed
            parser = Protego.parse("" if result.status >= 400 else result.content.decode("utf-8", "replace"))
        delay = self.min_interval
        if parser is not None:
            crawl_delay = parser.crawl_delay(self.user_agent)
            delay = max(delay, min(float(crawl_delay or 0), 60.0))
        self._robots[origin] = (time.monotonic(), parser, delay)
        return parser, delay

    # -- fetching -----------------------------------------------------------------------------------
    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url`` under every rule above; 304 comes back as a result, other non-2xx as FetchError."""
        delay = self.min_interval
        self.check_url(url)  # a refused address is said as such, not as an unreadable robots.txt
        if self.obey_robots:
            parser, delay = self._robots_for(url)
            if parser is None:
                raise FetchError(f"{url}: robots.txt could not be read; not fetching for now")
            if not parser.can_fetch(url, self.user_agent):
                raise FetchError(f"{url}: disallowed by robots.txt", retry=False)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        result = self._get(url, headers, delay)
        if result.status == 304 or 200 <= result.status < 300:
            return result
        retry = result.status >= 500 or result.status in (408, 425, 429)
        raise FetchError(f"{url}: HTTP {result.status}", retry=retry)

    def _get(self, url: str, headers: dict[str, str], delay: float) -> FetchResult:
        current = url
        for _ in range(self.max_redirects + 1):
            host = self.check_url(current)
            self._wait_turn(host, delay)
            deadline = time.monotonic() + self.deadline
            _REQUEST.deadline = deadline
            try:
                with self._client.stream("GET", current, headers=headers) as response:
                    if response.is_redirect and response.headers.get("location"):
                        current = urljoin(current, response.headers["location"])
                        continue
                    content = self._read_capped(current, response, deadline)
                    return FetchResult(current, response.status_code, content,
                                       {k.lower(): v for k, v in response.headers.items()})
            except BodyError as exc:
                raise FetchError(str(exc), retry=exc.retry) from exc
            except httpx.TimeoutException as exc:
                past = " (the whole-request deadline)" if time.monotonic() >= deadline else ""
                raise FetchError(f"{current}: timed out{past} ({type(exc).__name__})") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{current}: {type(exc).__name__}: {exc}") from exc
            finally:
                _REQUEST.deadline = None
        raise FetchError(f"{url}: more than {self.max_redirects} redirects", retry=False)

    def _read_capped(self, url: str, response: Any, deadline: float) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise FetchError(f"{url}: {declared} bytes, over the {self.max_bytes}-byte cap", retry=False)
        return read_body(response, url, self.max_bytes, deadline)


def _time_left(timeout: float | None) -> float | None:
    """``timeout`` shortened to what is left of this thread's request deadline; raises when none is."""
    deadline = getattr(_REQUEST, "deadline", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the whole-request deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A socket stream whose every read and write ends by the request's deadline (headers included:
    httpx's timeouts are per read, so a server trickling bytes would never trip them)."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _time_left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _time_left(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, _time_left(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class VettedBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to addresses that pass the public-address check at connect time."""

    def __init__(self, resolve: Callable[[str], list[str]], allow_private: bool) -> None:
        self._resolve = resolve
        self._allow_private = allow_private
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        try:
            addresses = self._resolve(host)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host} ({exc})") from exc
        if not self._allow_private:
            for address in addresses:
                if not is_public_address(address):
                    raise httpcore.ConnectError(
                        f"{host} now resolves to {address}, a private/loopback/link-local address; refused")
        failure: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in addresses:
            try:
                return _DeadlineStream(self._inner.connect_tcp(address, port, _time_left(timeout), local_address,
                                                               socket_options))
            except httpcore.ConnectError as exc:
                failure = exc
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


# httpcore's errors as the httpx errors they stand for, so callers catch httpx's alone
_HTTPX_ERRORS: dict[type[Exception], type[httpx.HTTPError]] = {
    httpcore.TimeoutException: httpx.TimeoutException, httpcore.ConnectTimeout: httpx.ConnectTimeout,
    httpcore.ReadTimeout: httpx.ReadTimeout, httpcore.WriteTimeout: httpx.WriteTimeout,
    httpcore.PoolTimeout: httpx.PoolTimeout, httpcore.NetworkError: httpx.NetworkError,
    httpcore.ConnectError: httpx.ConnectError, httpcore.ReadError: httpx.ReadError,
    httpcore.WriteError: httpx.WriteError, httpcore.ProxyError: httpx.ProxyError,
    httpcore.UnsupportedProtocol: httpx.UnsupportedProtocol, httpcore.ProtocolError: httpx.ProtocolError,
    httpcore.LocalProtocolError: httpx.LocalProtocolError, httpcore.RemoteProtocolError: httpx.RemoteProtocolError,
}


@contextmanager
def _as_httpx_errors() -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        mapped = next((_HTTPX_ERRORS[k] for k in type(exc).__mro__ if k in _HTTPX_ERRORS), None)  # most specific
        if mapped is None:
            raise
        raise mapped(str(exc)) from exc


class _BodyStream(httpx.SyncByteStream):
    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def __iter__(self) -> Iterator[bytes]:
        with _as_httpx_errors():
            yield from self._inner

    def close(self) -> None:
        if hasattr(self._inner, "close"):
            self._inner.close()


class VettedTransport(httpx.BaseTransport):
    """An httpx transport over an httpcore connection pool of its own, whose sockets open through
    :class:`VettedBackend` (httpx's ``HTTPTransport`` takes no network backend; tests/test_hostile_feeds.py
    checks that connections really go through this one)."""

    def __init__(self, resolve: Callable[[str], list[str]], allow_private: bool) -> None:
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(),
                                             network_backend=VettedBackend(resolve, allow_private))

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        core = httpcore.Request(
            method=request.method,
            url=httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path),
            headers=request.headers.raw, content=request.stream, extensions=request.extensions)
        with _as_httpx_errors():
            response = self._pool.handle_request(core)
        return httpx.Response(status_code=response.status, headers=response.headers,
                              stream=_BodyStream(response.stream), extensions=response.extensions)

    def close(self) -> None:
        self._pool.close()


def _resolve(host: str) -> list[str]:
    return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, None)})
