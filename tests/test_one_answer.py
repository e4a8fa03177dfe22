"""One set of numbers everywhere: the same questions asked of the library, the CLI and the HTTP API on
one database (built from the bundled samples), by code and by name, give identical answers."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import eventwire
from eventwire.api import create_app
from eventwire.cli import main

ROOT = Path(__file__).resolve().parent.parent
# (by code, by name) pairs: the same actors
PAIRS = [(("RUS", "UKR"), ("Russia", "Ukraine")), (("CHN", "USA"), ("China", "United States")),
         (("ISR", "PSE"), ("israel", "Palestine"))]


@pytest.fixture(scope="module")
def client(sample_db: Path) -> TestClient:
    return TestClient(create_app(sample_db))


def _cli(sample_db: Path, *args: str) -> list[dict[str, Any]]:
    result = CliRunner().invoke(main, [*args, "--db", str(sample_db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def _series(rows: list[dict[str, Any]], a: str) -> list[tuple[Any, ...]]:
    """Rows keyed by direction as forward/backward (the labels repeat what was asked: RUS or Russia)."""
    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        forward = str(row["direction"]).startswith(f"{a}->")
        period = str(row["period"])[:10]
        return (period, forward, *(row[k] for k in row if k not in ("period", "direction")))
    return sorted(key(r) for r in rows)


def _records(frame: Any) -> list[dict[str, Any]]:
    rows = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    return [{k: (v.date().isoformat() if hasattr(v, "date") else v) for k, v in r.items()} for r in rows]


@pytest.mark.parametrize("codes,names", PAIRS)
def test_dyad_series_and_totals_agree_everywhere(sample_db: Path, client: TestClient, codes: tuple[str, str],
                                                 names: tuple[str, str]) -> None:
    answers = []
    totals = []
    with eventwire.open(sample_db) as db:
        for a, b in (codes, names):
            library = _series(_records(db.dyad(a, b)), a)
            cli = _series(_cli(sample_db, "dyad", a, b), a)
            api = _series(client.get(f"/api/dyads/{a}/{b}/series").json()["series"], a)
            assert library == cli == api, (a, b)
            answers.append(library)
            count = db.count(actor=a, actor2=b)
            cli_count = CliRunner().invoke(main, ["query", "--count", "--actor", a, "--actor2", b, "--db", str(sample_db)])
            api_count = client.get("/api/events", params={"actor": a, "actor2": b, "page_size": 1}).json()["total"]
            assert count == int(cli_count.stdout) == api_count
            totals.append(count)
    assert answers[0] == answers[1] and answers[0], "a name must give exactly its code's series"
    assert totals[0] == totals[1] == sum(row[2] for row in answers[0])  # events, not mentions
    top = {(d["a"], d["b"]): d for d in client.get("/api/dyads", params={"limit": 50}).json()["items"]}
    assert top[tuple(sorted(codes))]["events"] == totals[0]  # the overview's dyad count is the series' sum


def test_top_dyads_and_actor_counts_agree_everywhere(sample_db: Path, client: TestClient) -> None:
    with eventwire.open(sample_db) as db:
        for view, frame in (("dyads", db.dyads(limit=10)), ("actors", db.actors(limit=10))):
            library = _records(frame)
            cli = _cli(sample_db, "query", view, "--limit", "10")
            api = client.get(f"/api/{view}", params={"limit": 10}).json()["items"]
            assert library == cli == api and len(library) == 10, view
        # an actor's count is the events list's total for it, by code and by name
        for code, name in (("RUS", "Russia"), ("USA", "United States"), ("IGOWSTNAT", "NATO")):
            listed = client.get("/api/events", params={"actor": name, "page_size": 1}).json()["total"]
            assert db.count(actor=code) == db.count(actor=name) == listed > 0
        actors = {a["code"]: a for a in client.get("/api/actors", params={"limit": 100}).json()["items"]}
        assert actors["RUS"]["events"] == db.count(actor="Russia")


def test_event_list_total_agrees_with_filters(sample_db: Path, client: TestClient) -> None:
    filters = {"source": "Israel", "plover": "ASSAULT", "date_from": "2024-01", "date_to": "2024-12"}
    with eventwire.open(sample_db) as db:
        library = db.events(**filters)
    cli = _cli(sample_db, "query", *[f"--{k.replace('_', '-')}={v}" for k, v in filters.items()])
    api = client.get("/api/events", params={**filters, "page_size": 1000}).json()
    assert len(library) == len(cli) == api["total"] > 0
    assert list(library["id"]) == [e["id"] for e in cli] == sorted((e["id"] for e in api["items"]),
                                                                    key=[e["id"] for e in cli].index)
    download = client.get("/api/events", params={**filters, "format": "csv"}).text.strip().splitlines()
    assert len(download) == api["total"] + 1


def test_readme_python_example_returns_rows_on_the_demo_database(sample_db: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme, re.S)
    assert code, "README has a Python example"
    source = code.group(1)
    assert 'eventwire.open("eventwire-demo.duckdb")' in source  # the file `eventwire demo` writes
    namespace: dict[str, Any] = {}
    exec(source.replace("eventwire-demo.duckdb", str(sample_db)), namespace)  # noqa: S102 - our own README
    assert len(namespace["assaults"]) > 0 and set(namespace["assaults"]["plover_type"]) == {"ASSAULT"}
    assert len(namespace["series"]) > 0 and namespace["events"]
    namespace["db"].close()
