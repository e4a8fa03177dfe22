"""In-process tests of every API endpoint and filter, on a small synthetic database."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("api") / "api.duckdb"
    make_events_db.build(path, 600, seed=3, hostile_every=7)
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db))


def test_stats_counts_match_the_database(client: TestClient) -> None:
    stats = client.get("/api/stats").json()
    assert stats["events"] > 0 and stats["articles"] == 150
    assert sum(stats["quad_counts"].values()) == stats["events"]
    assert stats["first_date"] <= stats["last_date"]
    quads = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
    assert sum(sum(r[q] for q in quads) for r in stats["by_month"]) == sum(r["events"] for r in stats["by_month"])
    assert stats["mentions"] >= stats["events"]


def test_events_pagination_and_total(client: TestClient) -> None:
    first = client.get("/api/events", params={"page_size": 10}).json()
    second = client.get("/api/events", params={"page_size": 10, "page": 2}).json()
    assert first["total"] == second["total"] > 20
    assert len(first["items"]) == 10
    assert not {e["id"] for e in first["items"]} & {e["id"] for e in second["items"]}
    dates = [e["date"] for e in first["items"]]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("params", "check"),
    [
        ({"source": "RUS"}, lambda e: e["source_code"].startswith("RUS")),
        ({"target": "GEO"}, lambda e: e["target_code"].startswith("GEO")),
        ({"actor": "USA"}, lambda e: "USA" in (e["source_code"][:3], e["target_code"][:3])),
        ({"actor": "United States"}, lambda e: "USA" in (e["source_code"][:3], e["target_code"][:3])),
        ({"plover": "ASSAULT"}, lambda e: e["plover_type"] == "ASSAULT"),
        ({"cameo": "19"}, lambda e: e["cameo"].startswith("19")),
        ({"from": "2024-01-01"}, lambda e: e["date"] >= "2024-01-01"),
        ({"to": "2023-06-30"}, lambda e: e["date"] <= "2023-06-30"),
        ({"place": "Kyiv"}, lambda e: e["location_name"] == "Kyiv"),
        ({"q": "synthetic"}, lambda e: "synthetic" in e["sentence"]),
        ({"actor": "RUS", "actor2": "UKR"}, lambda e: {e["source_code"][:3], e["target_code"][:3]} == {"RUS", "UKR"}),
    ],
)
def test_each_filter_narrows_to_matching_events(client: TestClient, params: dict, check: object) -> None:
    everything = client.get("/api/events").json()["total"]
    result = client.get("/api/events", params={**params, "page_size": 200}).json()
    assert 0 < result["total"] < everything, params
    assert all(check(e) for e in result["items"]), params  # type: ignore[operator]


def test_sort_by_goldstein_ascending(client: TestClient) -> None:
    items = client.get("/api/events", params={"sort": "goldstein", "order": "asc", "page_size": 50}).json()["items"]
    scores = [e["goldstein"] for e in items]
    assert scores == sorted(scores)


@pytest.mark.parametrize(
    "params",
    [{"page_size": 5000}, {"page": 0}, {"plover": "EXPLODE"}, {"cameo": "1x"}, {"from": "yesterday"},
     {"sort": "id; DROP TABLE events"}, {"order": "sideways"}, {"format": "xml"}, {"actor": "a" * 200}],
)
def test_bad_parameters_get_422_with_a_message(client: TestClient, params: dict) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_event_detail_has_mentions_articles_and_quotes(client: TestClient) -> None:
    event_id = client.get("/api/events", params={"page_size": 1}).json()["items"][0]["id"]
    detail = client.get(f"/api/events/{event_id}").json()
    assert detail["event"]["id"] == event_id
    assert detail["mentions"] and detail["articles"] and detail["quotes"]
    mention = detail["mentions"][0]
    assert mention["sentence"][mention["trigger_start"]:mention["trigger_end"]] == mention["trigger_text"]
    assert client.get("/api/events/does-not-exist").status_code == 404


def test_article_detail(client: TestClient) -> None:
    article = client.get("/api/articles/article-3").json()
    assert article["id"] == "article-3" and article["text"] and article["events"]
    assert article["quotes"][0]["speaker"]["code"] == "USAGOV"
    assert client.get("/api/articles/nope").status_code == 404


def test_actors_and_dyads(client: TestClient) -> None:
    actors = client.get("/api/actors", params={"limit": 5}).json()["items"]
    assert len(actors) == 5
    assert [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)
    # events count each event once, even when the actor is on both sides (RUSGOV -> RUSMIL)
    assert all(max(a["as_source"], a["as_target"]) <= a["events"] <= a["as_source"] + a["as_target"] for a in actors)
    assert all(a["mentions"] >= a["events"] for a in actors)
    dyads = client.get("/api/dyads", params={"limit": 5}).json()["items"]
    assert all(d["a"] < d["b"] for d in dyads)


def test_dyad_series_counts_both_directions(client: TestClient) -> None:
    dyad = client.get("/api/dyads", params={"limit": 1}).json()["items"][0]
    a, b = dyad["a"], dyad["b"]
    series = client.get(f"/api/dyads/{a}/{b}/series", params={"by": "month"}).json()["series"]
    assert {row["direction"] for row in series} <= {f"{a}->{b}", f"{b}->{a}"}
    total = sum(row["events"] for row in series)  # events, not mentions: the events list agrees
    listed = client.get("/api/events", params={"actor": a, "actor2": b, "page_size": 1}).json()["total"]
    assert total == listed > 0
    for by in ("day", "week", "year"):
        assert client.get(f"/api/dyads/{a}/{b}/series", params={"by": by}).status_code == 200
    assert client.get(f"/api/dyads/{a}/{b}/series", params={"by": "decade"}).status_code == 422


def test_network_nodes_cover_edges(client: TestClient) -> None:
    net = client.get("/api/network", params={"min_events": 2}).json()
    ids = {n["id"] for n in net["nodes"]}
    assert net["edges"] and all(e["source"] in ids and e["target"] in ids for e in net["edges"])
    assert all(e["events"] >= 2 and e["mentions"] >= e["events"] for e in net["edges"])
    narrow = client.get("/api/network", params={"date_from": "2024-06-01", "date_to": "2024-06-30"}).json()
    assert sum(e["events"] for e in narrow["edges"]) < sum(e["events"] for e in net["edges"])


def test_places_geojson(client: TestClient) -> None:
    geo = client.get("/api/places").json()
    assert geo["type"] == "FeatureCollection" and geo["features"]
    lon, lat = geo["features"][0]["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_downloads_csv_and_jsonl(client: TestClient) -> None:
    total = client.get("/api/events", params={"page_size": 1}).json()["total"]
    assert total > 20
    # a download is the whole filtered set, whatever page_size says
    csv_text = client.get("/api/events", params={"format": "csv", "page_size": 20}).text
    lines = csv_text.strip().splitlines()
    assert lines[0].startswith("id,date,date_precision,") and len(lines) == total + 1
    jsonl = client.get("/api/events", params={"format": "jsonl", "page_size": 20}).text.strip().splitlines()
    assert len(jsonl) == total
    actors_csv = client.get("/api/actors", params={"format": "csv"}).text
    assert actors_csv.startswith("code,")


def test_csv_neutralises_formula_cells(client: TestClient) -> None:
    text = client.get("/api/events", params={"format": "csv", "q": "said", "page_size": 50}).text
    assert "\n=" not in text and ",=" not in text


def test_dashboard_is_served_with_a_csp_forbidding_inline_script(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "/static/js/main.js" in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/js/main.js").status_code == 200
    assert client.get("/openapi.json").json()["paths"]["/api/events"]


def test_api_docs_use_only_the_packaged_swagger_ui(client: TestClient) -> None:
    # FastAPI's default /docs loads Swagger UI from a CDN and starts it with an inline script: blank
    # under this CSP. Ours is a page of the package's own files (the browser test renders it offline).
    page = client.get("/docs")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert "<script>" not in page.text and "cdn" not in page.text.lower() and "http" not in page.text
    for asset in ("/static/vendor/swagger-ui/swagger-ui-bundle.js", "/static/vendor/swagger-ui/swagger-ui.css",
                  "/static/docs.js"):
        assert asset in page.text
        assert client.get(asset).status_code == 200, asset
    assert client.get("/redoc").status_code == 404


def test_no_cors_headers_by_default(client: TestClient) -> None:
    response = client.get("/api/stats", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers


def test_static_path_traversal_is_refused(client: TestClient) -> None:
    for path in ("/static/../api/app.py", "/static/%2e%2e/%2e%2e/settings.py", "/static/..%2f..%2fsettings.py"):
        response = client.get(path)
        assert response.status_code in (400, 404), path
        assert "import" not in response.text


def test_token_is_checked_on_every_request(db: Path) -> None:
    guarded = TestClient(create_app(db, token="s3cret"))
    assert guarded.get("/api/stats").status_code == 401
    assert guarded.get("/").status_code == 401
    assert guarded.get("/api/stats", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get("/api/stats", headers={"Authorization": "Bearer s3cret"}).status_code == 200
