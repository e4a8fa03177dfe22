"""The API's defences, one named test each: parameterised SQL on every parameter of every endpoint,
a read-only database, static files only from the package, page-size caps, loopback by default, the
token on every request, no CORS, and the dashboard's CSP and headers.

Each test here was checked to fail with its defence removed (see SECURITY.md for the list)."""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path
from typing import Any

import duckdb
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.api.app import MAX_PAGE_SIZE, STATIC
from eventwire.api.snapshots import SnapshotSource

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402

# Strings that, spliced into SQL instead of bound, would change the query: tautologies, stacked
# statements, comments, UNIONs, LIKE wildcards, quotes of every kind. None occurs in the data, so a
# correct (bound) query returns no rows for any of them.
INJECTIONS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    "RUS' OR 'x'='x",
    "'; DROP TABLE events; --",
    "1); DELETE FROM events; --",
    "RUS'--",
    "RUS') OR ('a'='a",
    "' UNION SELECT id, id FROM articles --",
    "%",
    "_",
    "%' OR '1'='1",
    "\\' OR 1=1 --",
    "\" OR \"\"=\"",
    "RUS\x00' OR 1=1",
    "’ OR ’1’=’1",
    "$1",
    "?",
    "'||(SELECT count(*) FROM events)||'",
    "(SELECT 1)",
    "CHECKPOINT; --",
]

# every endpoint's parameters: (path template, parameter, where it goes)
EVENT_QUERY = ["source", "target", "actor", "actor2", "plover", "cameo", "from", "to", "place", "q", "sort",
               "order", "page", "page_size", "format"]
QUERY_PARAMS = [("/api/events", p) for p in EVENT_QUERY] + [
    ("/api/actors", "limit"), ("/api/actors", "format"), ("/api/dyads", "limit"), ("/api/dyads", "format"),
    ("/api/dyads/RUS/UKR/series", "by"), ("/api/dyads/RUS/UKR/series", "format"),
    ("/api/network", "from"), ("/api/network", "to"), ("/api/network", "min_events"), ("/api/network", "limit"),
    ("/api/places", "limit"), ("/api/stats", "anything"),
]
# a parameter that only counts next to another one gets that one, so the payload is really used
COMPANIONS = {"actor2": {"actor": "RUS"}}
PATH_PARAMS = ["/api/events/{}", "/api/articles/{}", "/api/dyads/{}/UKR/series", "/api/dyads/RUS/{}/series"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("apisec") / "sec.duckdb"
    make_events_db.build(path, 400, seed=5, hostile_every=5)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def fingerprint(db: Path) -> str:
    """Every table's row count and a hash of its content."""
    digest = hashlib.sha256()
    with duckdb.connect(str(db), read_only=True) as con:
        tables = sorted(r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall())
        for table in tables:
            rows = con.execute(f'SELECT * FROM "{table}"').fetchall()
            digest.update(f"{table}:{len(rows)}:".encode())
            digest.update(repr(sorted(map(repr, rows))).encode())
    return digest.hexdigest()


def no_rows(body: Any) -> bool:
    """True when a 200 body carries no data rows (an empty page, series or edge list)."""
    if isinstance(body, dict):
        for key in ("items", "series", "edges", "features"):
            if key in body:
                return not body[key]
    return False


@pytest.mark.parametrize(("path", "param"), QUERY_PARAMS, ids=[f"{p}?{q}" for p, q in QUERY_PARAMS])
def test_sql_injection_in_each_query_parameter_is_inert(client: TestClient, db: Path, path: str, param: str) -> None:
    before = fingerprint(db)
    for payload in INJECTIONS:
        response = client.get(path, params={**COMPANIONS.get(param, {}), param: payload})
        assert response.status_code in (200, 422), (param, payload, response.status_code, response.text[:200])
        if response.status_code == 422:
            assert response.json()["detail"], "a 422 says what is wrong"
        elif param != "anything":  # /api/stats ignores unknown parameters: a full, unchanged answer is right
            assert no_rows(response.json()), (param, payload, "an injected string matched rows")
    assert fingerprint(db) == before


@pytest.mark.parametrize("template", PATH_PARAMS)
def test_sql_injection_in_each_path_parameter_is_inert(client: TestClient, db: Path, template: str) -> None:
    before = fingerprint(db)
    for payload in INJECTIONS:
        if "/" in payload or "?" in payload or "%" in payload or "\x00" in payload:
            continue  # would change the URL's shape rather than the parameter
        response = client.get(template.format(payload))
        assert response.status_code in (200, 404, 422), (template, payload, response.status_code)
        if response.status_code == 200:
            assert no_rows(response.json()), (template, payload)
    assert fingerprint(db) == before


def test_like_wildcards_in_filters_match_literally(client: TestClient) -> None:
    # unescaped, "_" and "%" would match every row
    for params in ({"q": "_"}, {"q": "%"}, {"place": "_"}, {"actor": "_"}, {"source": "_"}, {"cameo": "19"}):
        total = client.get("/api/events", params=params).json()["total"]
        if "cameo" in params:
            assert total > 0  # the control: a real prefix still matches
        else:
            assert total == 0, params


def test_the_api_connection_is_read_only(db: Path) -> None:
    with SnapshotSource(db).cursor() as cursor, pytest.raises(duckdb.Error):
        cursor.execute("DELETE FROM events")


@pytest.mark.parametrize("path", [
    "/static/../api/app.py", "/static/..%2fapi%2fapp.py", "/static/%2e%2e/%2e%2e/settings.py",
    "/static/....//....//settings.py", "/static/..\\..\\settings.py", "/static//etc/passwd",
    "/static/%2fetc%2fpasswd", "/static/..%5c..%5csettings.py", "/static/app.js%00.png",
    "/static/%252e%252e/%252e%252e/settings.py", "/..%2f..%2fetc/passwd",
])
def test_static_path_traversal_is_refused(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404, 405), (path, response.status_code)
    assert "root:" not in response.text and "import " not in response.text


def test_static_files_come_only_from_the_package_folder() -> None:
    assert STATIC.is_dir() and (STATIC / "index.html").is_file()
    assert STATIC.name == "static" and STATIC.parent.name == "web"


@pytest.mark.parametrize(("path", "param", "cap"), [
    ("/api/events", "page_size", MAX_PAGE_SIZE), ("/api/actors", "limit", MAX_PAGE_SIZE),
    ("/api/dyads", "limit", MAX_PAGE_SIZE), ("/api/network", "limit", MAX_PAGE_SIZE), ("/api/places", "limit", 5000),
])
def test_page_sizes_are_capped(client: TestClient, path: str, param: str, cap: int) -> None:
    assert client.get(path, params={param: cap}).status_code == 200
    over = client.get(path, params={param: cap + 1})
    assert over.status_code == 422 and str(cap) in over.text
    assert client.get(path, params={param: 10**12}).status_code == 422
    assert client.get(path, params={param: 0}).status_code == 422


def test_deep_pages_are_capped(client: TestClient) -> None:
    assert client.get("/api/events", params={"page": 1_000_001}).status_code == 422


def test_serve_binds_loopback_by_default() -> None:
    from eventwire.cli.serve import command

    host = next(p for p in command.params if p.name == "host")
    assert host.default == "127.0.0.1"


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.org"])
def test_serve_refuses_a_public_bind_without_a_token(db: Path, host: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from eventwire.cli.serve import command

    started: list[str] = []
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: started.append("ran"))
    monkeypatch.delenv("EVENTWIRE_TOKEN", raising=False)
    result = CliRunner().invoke(command, ["--db", str(db), "--host", host])
    assert result.exit_code == 2, result.output
    assert "--token" in result.output and not started
    # with a token (option or EVENTWIRE_TOKEN) the same bind is allowed
    assert CliRunner().invoke(command, ["--db", str(db), "--host", host, "--token", "t0k-9f8e7d6c5b4a3"]).exit_code == 0
    monkeypatch.setenv("EVENTWIRE_TOKEN", "t0k-9f8e7d6c5b4a3")
    assert CliRunner().invoke(command, ["--db", str(db), "--host", host]).exit_code == 0
    assert started == ["ran", "ran"]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.8.9.10"])
def test_serve_allows_loopback_without_a_token(db: Path, host: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from eventwire.cli.serve import command

    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: None)
    monkeypatch.delenv("EVENTWIRE_TOKEN", raising=False)
    assert CliRunner().invoke(command, ["--db", str(db), "--host", host]).exit_code == 0


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/docs", "/openapi.json", "/api/stats", "/api/events",
                                  "/api/events/x", "/api/articles/x", "/api/actors", "/api/dyads",
                                  "/api/dyads/RUS/UKR/series", "/api/network", "/api/places", "/nope"])
def test_token_is_required_on_every_route(db: Path, path: str) -> None:
    guarded = TestClient(create_app(db, token="s3cret-token"))
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Bearer "},
                    {"Authorization": "s3cret-tokenX"}, {"Authorization": "Basic czNjcmV0LXRva2Vu"}):
        response = guarded.get(path, headers=headers)
        assert response.status_code == 401, (path, headers)
        assert "token" in response.json()["detail"]
    ok = guarded.get(path, headers={"Authorization": "Bearer s3cret-token"})
    assert ok.status_code != 401
    assert guarded.get(path, params={"token": "s3cret-token"}).status_code != 401


def test_dashboard_opened_with_the_token_loads_its_scripts_and_data(db: Path) -> None:
    # /?token= is how a browser opens a --token server; its module scripts and fetch() calls cannot
    # add a header, so the valid query token is answered with an HttpOnly, SameSite=Strict cookie.
    browser = TestClient(create_app(db, token="s3cret-token"))
    page = browser.get("/", params={"token": "s3cret-token"})
    cookie = page.headers["set-cookie"]
    assert page.status_code == 200 and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    for path in ("/static/js/main.js", "/api/stats", "/api/events"):
        assert browser.get(path).status_code == 200, path
    stranger = TestClient(create_app(db, token="s3cret-token"))
    wrong = stranger.get("/", params={"token": "s3cret-tokenX"})
    assert wrong.status_code == 401 and "set-cookie" not in wrong.headers
    stranger.cookies.set("eventwire_token", "s3cret-tokenX")
    assert stranger.get("/api/stats").status_code == 401
    assert "set-cookie" not in stranger.get("/api/stats", headers={"Authorization": "Bearer s3cret-token"}).headers


def test_token_refusal_carries_security_headers_and_no_data(db: Path) -> None:
    guarded = TestClient(create_app(db, token="s3cret-token"))
    response = guarded.get("/api/events")
    assert response.status_code == 401 and "items" not in response.text


def test_no_cors_headers_even_on_preflight(client: TestClient) -> None:
    for response in (
        client.get("/api/events", headers={"Origin": "https://evil.example"}),
        client.options("/api/events", headers={"Origin": "https://evil.example",
                                               "Access-Control-Request-Method": "GET"}),
    ):
        assert not any(k.lower().startswith("access-control-") for k in response.headers), dict(response.headers)


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/api/stats", "/api/events?page=0", "/api/nope"])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


def test_dashboard_has_no_inline_script_or_handlers() -> None:
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    for match in re.finditer(r"<script\b([^>]*)>(.*?)</script>", page, re.S | re.I):
        assert "src=" in match.group(1) and not match.group(2).strip(), "inline script would be blocked by the CSP"
    assert not re.search(r"\son[a-z]+\s*=", page, re.I), "inline event handler"
    assert "javascript:" not in page.lower()


def test_dashboard_script_never_parses_data_as_html() -> None:
    # article text and sentences are untrusted: the dashboard must insert them as text nodes
    for script in STATIC.glob("*.js"):
        source = script.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in source, f"{script.name} uses {sink}"


def test_hostile_article_text_is_served_as_json_not_html(client: TestClient) -> None:
    article = client.get("/api/articles/article-0")
    assert article.status_code == 200 and article.headers["content-type"].startswith("application/json")
    assert "<script>" in article.json()["title"]  # stored as written; escaping is the renderer's job
    csv_text = client.get("/api/events", params={"format": "csv", "q": "said"}).text
    assert csv_text and "\n=" not in csv_text and ",=" not in csv_text


def test_error_messages_do_not_echo_internals(client: TestClient) -> None:
    response = client.get("/api/events", params={"sort": "'; DROP TABLE events; --"})
    assert response.status_code == 422
    text = response.text.lower()
    assert "traceback" not in text and "duckdb" not in text and "select " not in text


def test_cached_answers_never_outlive_the_database_file(tmp_path: Path) -> None:
    # the API remembers answers per file version; a new snapshot (re-pointed symlink) must show at once
    small, large = tmp_path / "small.duckdb", tmp_path / "large.duckdb"
    make_events_db.build(small, 40, seed=1)
    make_events_db.build(large, 80, seed=2)
    link = tmp_path / "current.duckdb"
    link.symlink_to(small)
    served = TestClient(create_app(link))
    first = served.get("/api/stats").json()["events"]
    assert served.get("/api/events", params={"page_size": 1}).json()["total"] == first
    link.unlink()
    link.symlink_to(large)
    assert served.get("/api/stats").json()["events"] > first
    assert served.get("/api/events", params={"page_size": 1}).json()["total"] > first


def test_total_is_right_past_the_last_page(client: TestClient) -> None:
    total = client.get("/api/events", params={"source": "RUS"}).json()["total"]
    beyond = client.get("/api/events", params={"source": "RUS", "page": 10_000}).json()
    assert beyond["total"] == total > 0 and beyond["items"] == []
