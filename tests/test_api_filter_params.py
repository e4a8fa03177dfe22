"""The filters of the read endpoints, read from the query string by eventwire/api/params.py (not declared one by
one to FastAPI, which validated all 18 on every request): /docs still lists them, a value too long is still a
422 shaped as FastAPI's own, a deprecated spelling still wins over the name it replaces, unknown names are
still refused.

The events are synthetic (bench/make_events_db.py), written for the eventwire project.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.read.filters import ALIASES, FILTERS

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402

FILTERED = ["/api/events", "/api/actors", "/api/dyads", "/api/dyads/{a}/{b}/series", "/api/network", "/api/places",
            "/api/stats"]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = tmp_path_factory.mktemp("params") / "params.duckdb"
    make_events_db.build(path, 300, seed=12)
    return TestClient(create_app(path))


def test_the_docs_list_every_filter_of_every_filtered_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path in FILTERED:
        listed = {p["name"]: p for p in paths[path]["get"]["parameters"]}
        for name, meaning in FILTERS.items():
            assert listed[name]["description"] == meaning and listed[name]["in"] == "query", (path, name)
            assert listed[name]["schema"]["anyOf"][0]["maxLength"] == (200 if name == "q" else 100)
        for old in ALIASES:
            assert listed[old]["deprecated"] is True, (path, old)
    assert "actor" not in {p["name"] for p in paths["/api/events/{event_id}"]["get"]["parameters"]}


def test_a_value_too_long_is_a_422_naming_each_one(client: TestClient) -> None:
    answer = client.get("/api/events", params={"actor": "x" * 101, "q": "y" * 201, "place": "Gaza"})
    assert answer.status_code == 422
    assert [(e["type"], e["loc"], e["ctx"]) for e in answer.json()["detail"]] == [
        ("string_too_long", ["query", "actor"], {"max_length": 100}),
        ("string_too_long", ["query", "q"], {"max_length": 200})]
    assert answer.json()["detail"][0]["msg"] == "String should have at most 100 characters"
    assert client.get("/api/stats", params={"q": "y" * 200}).status_code == 200  # at the bound: fine
    assert client.get("/api/stats", params={"from": "2024-01-01" + " " * 120}).status_code != 500


def test_the_deprecated_spelling_wins_and_unknown_names_are_refused(client: TestClient) -> None:
    late = client.get("/api/stats", params={"date_from": "2020-01-01", "from": "2099-01-01"}).json()
    assert late == client.get("/api/stats", params={"date_from": "2099-01-01"}).json()
    refused = client.get("/api/events", params={"actr": "RUS"})
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["query", "actr"]
