"""The API under random query strings: any parameter names and values give a 200 or a 422 with a
readable message, never a 500, and a 200 page respects its size cap."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.api import create_app

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import make_events_db  # noqa: E402

NAMES = st.sampled_from(["source", "target", "actor", "actor2", "plover", "cameo", "from", "to", "place", "q",
                         "sort", "order", "page", "page_size", "format", "limit", "min_events", "by", "x", ""])
VALUES = st.one_of(
    st.text(max_size=40),
    st.integers(-10**20, 10**20).map(str),
    st.sampled_from(["RUS", "USA", "ASSAULT", "19", "2024-02-30", "2024-01-01", "0000-01-01", "date", "goldstein",
                     "asc", "desc", "csv", "jsonl", "json", "1e3", "NaN", "-0", "   ", "'", "%", "\\", "\u202e"]),
)
PATHS = st.sampled_from(["/api/events", "/api/actors", "/api/dyads", "/api/network", "/api/places", "/api/stats",
                         "/api/dyads/RUS/UKR/series"])
FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    path = tmp_path_factory.mktemp("apifuzz") / "fuzz.duckdb"
    make_events_db.build(path, 200, seed=11, hostile_every=4)
    return TestClient(create_app(path), raise_server_exceptions=False)


@FAST
@given(PATHS, st.lists(st.tuples(NAMES, VALUES), max_size=6))
def test_random_query_strings_never_give_a_server_error(client: TestClient, path: str,
                                                        params: list[tuple[str, str]]) -> None:
    response = client.get(path, params=params)
    assert response.status_code in (200, 422), (path, params, response.status_code, response.text[:300])
    if not response.headers["content-type"].startswith("application/json"):
        assert response.status_code == 200 and any(k == "format" for k, _ in params)  # a CSV or JSONL download
        return
    body = response.json()
    if response.status_code == 422:
        assert body["detail"] and all("msg" in d for d in body["detail"])
    elif "items" in body and "page_size" in body:
        assert len(body["items"]) <= body["page_size"] <= 1000


@FAST
@given(st.text(min_size=1, max_size=60).filter(lambda s: s not in (".", "..")))
def test_random_ids_give_404_or_422(client: TestClient, ident: str) -> None:
    for template in ("/api/events/{}", "/api/articles/{}"):
        response = client.get(template.format(quote(ident, safe="")))
        assert response.status_code in (200, 404, 422), (ident, response.status_code)
