"""The read layer's promises: one filter vocabulary, names as codes, date precision, whole downloads,
and a CLI that behaves (empty cells, closed pipes, capture files only, no stray database)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

import eventwire
import eventwire.query
from eventwire.api import create_app
from eventwire.cli import main
from eventwire.errors import ConfigError
from eventwire.pipeline import run
from eventwire.read.filters import FILTERS, EventFilter, parse_filters
from eventwire.read.names import complete, resolve
from eventwire.records import RawDocument
from eventwire.store.schema import MIGRATIONS

TEXTS = [
    ("2009-06-27", "Russian troops attacked Georgian positions in August 2008, the report said."),
    ("2024-03-02", "Georgia accused Russia on Saturday of shelling villages."),
    ("2024-03-05", "Russia did not attack Georgia on Tuesday, the defence ministry said."),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rl") / "rl.duckdb"
    docs = [RawDocument(uri=f"d{i}", kind="text", text=text, url=f"https://news{i}.example/{i}", published=day)
            for i, (day, text) in enumerate(TEXTS)]
    run(documents=docs, db=path)  # full stages: the real coder dates "August 2008" as a month
    return path


def test_month_dates_keep_their_precision_everywhere(db: Path, tmp_path: Path) -> None:
    with eventwire.open(db) as store:
        events = store.events(source="Russia", plover="ASSAULT", exclude_mode="negation")
        assert list(events["date_precision"]) == ["month"] and events["date"].iloc[0].isoformat()[:10] == "2008-08-01"
        assert set(store.mentions()["date_precision"]) >= {"month", "day"}
    runner = CliRunner()
    csv_text = runner.invoke(main, ["query", "--db", str(db), "--date-to", "2008", "--format", "csv"]).stdout
    assert csv_text.splitlines()[0].startswith("id,date,date_precision,") and ',2008-08-01,"month",' in csv_text
    plover = tmp_path / "p.jsonl"
    assert runner.invoke(main, ["export", "--db", str(db), "--format", "plover", "-o", str(plover)]).exit_code == 0
    assert {json.loads(line)["date_precision"] for line in plover.read_text().splitlines()} >= {"month", "day"}
    parquet = tmp_path / "pq"
    assert runner.invoke(main, ["export", "--db", str(db), "--format", "parquet", "-o", str(parquet)]).exit_code == 0
    table = pq.read_table(parquet / "events")
    assert "month" in table["date_precision"].to_pylist()
    assert json.loads(table.schema.metadata[b"eventwire"])["coder_version"]
    assert json.loads((parquet / "provenance.json").read_text())["versions"]["dictionary_version"]


def test_migration_fills_date_precision(db: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    old.write_bytes(db.read_bytes())
    con = duckdb.connect(str(old))
    # (DuckDB cannot drop a column an index depends on: the step's ADD COLUMN IF NOT EXISTS is then a no-op)
    con.execute("UPDATE events SET date_precision = NULL")
    con.execute("UPDATE event_mentions SET date_precision = NULL")
    con.execute("UPDATE meta SET value = '4' WHERE key = 'schema_version'")
    con.close()
    assert 4 in MIGRATIONS
    run(documents=[], db=old)  # a writer migrates
    with eventwire.open(old) as store, eventwire.open(db) as fresh:
        assert list(store.events()["date_precision"]) == list(fresh.events()["date_precision"])
        assert "month" in list(store.events()["date_precision"])


def test_gdelt_leaves_out_negated_events_by_default(db: Path) -> None:
    runner = CliRunner()
    default = runner.invoke(main, ["export", "--db", str(db), "--format", "gdelt"]).stdout.splitlines()
    everything = runner.invoke(main, ["export", "--db", str(db), "--format", "gdelt", "--all-modes"]).stdout.splitlines()
    with eventwire.open(db) as store:
        negated = store.count(mode="negation")
        assert negated > 0
        assert len(everything) == store.count() and len(default) == store.count(exclude_mode="negation,hypothetical")
    assert len(default) < len(everything)
    assert all(len(line.split("\t")) == 61 for line in default)


def test_unknown_and_bad_filters_say_what_is_valid() -> None:
    with pytest.raises(ConfigError, match="unknown filter 'sauce'; valid filters are: source, target"):
        parse_filters({"sauce": "RUS"})
    with pytest.warns(DeprecationWarning):
        assert eventwire.query.make_filter({"from": "2024-01"}).date_from.isoformat() == "2024-01-01"
    assert EventFilter(date_to="2024-02").date_to.isoformat() == "2024-02-29"  # a month means all of it
    assert EventFilter(quad=4).quad == (4,) == EventFilter(quad="4").quad  # a number from Python, as text
    with pytest.raises(ConfigError, match="quad: give QuadClass numbers 1-4"):
        EventFilter(quad=7)
    for bad in ({"quad": "5"}, {"plover": "EXPLODE"}, {"min_confidence": "2"}, {"coded_only": "maybe"}):
        with pytest.raises(ConfigError):
            parse_filters(bad)
    assert set(FILTERS) >= {"source", "target", "actor", "actor2", "plover", "cameo", "quad", "date_from",
                            "date_to", "mode", "exclude_mode", "min_confidence", "coded_only", "place", "q", "story"}


def test_names_resolve_to_codes_and_ambiguity_is_said() -> None:
    assert resolve("Russia").code == "RUS" and resolve("rus").code == "RUS"
    assert resolve("United States").code == resolve("US").code == "USA"
    assert resolve("NATO").code == "IGOWSTNAT" and resolve("the UN").code == "IGOUNO"
    assert resolve("Putin").code is None and resolve("Putin").words == "Vladimir Putin"
    assert resolve("RU").code == "RU"  # capitals: a code prefix
    assert resolve("Rapid Support Forces").code == "SDNREBRSF"
    assert resolve("protesters").words == "protesters"
    labels = [item["label"] for item in complete("russ")]
    assert labels[0] == "Russia (RUS)"


def test_ambiguous_names_are_refused_with_the_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire.read import names

    table = names._current()
    fake = names._Names(table.codes, {**table.names, "georgia": (("region", "USAGA", "Georgia (US state)"),
                                                                  ("state", "GEO", "Georgia"))},
                        {}, table.labels)
    monkeypatch.setattr(names, "_current", lambda: fake)
    names.resolve.cache_clear()
    try:
        with pytest.raises(ConfigError, match="ambiguous.*GEO.*USAGA|ambiguous.*USAGA.*GEO"):
            names.resolve("georgia")
    finally:
        names.resolve.cache_clear()


def test_api_refuses_unknown_parameters_and_downloads_whole(sample_db: Path) -> None:
    client = TestClient(create_app(sample_db))
    refused = client.get("/api/events", params={"sauce": "RUS"})
    assert refused.status_code == 422 and "date_from" in refused.json()["detail"][0]["msg"]
    assert client.get("/api/events", params={"actor": "a" * 101}).status_code == 422
    total = client.get("/api/events", params={"page_size": 1}).json()["total"]
    assert total > 50
    rows = pq.read_table(io.BytesIO(client.get("/api/events", params={"format": "parquet", "page_size": 3}).content))
    assert rows.num_rows == total and json.loads(rows.schema.metadata[b"eventwire"])["coder_version"]
    for view in ("actors", "dyads", "network", "places", "stats"):
        response = client.get(f"/api/{view}", params={"format": "csv", "date_from": "2024-06-01"})
        assert response.status_code == 200 and response.headers["content-disposition"].endswith(f'{view}.csv"')
    with eventwire.open(sample_db) as db:  # a mode filter is answered by SQL, not the index: same numbers
        for params in ({"mode": "future"}, {"exclude_mode": "negation,hypothetical", "actor": "Russia"}):
            assert client.get("/api/events", params=params).json()["total"] == db.count(**params) > 0
    items = client.get("/api/actors/complete", params={"q": "ukr"}).json()["items"]
    assert items[0]["value"] == "UKR"
    assert client.get("/api/actors/resolve", params={"name": "NATO"}).json()["code"] == "IGOWSTNAT"
    assert set(client.get("/api/filters").json()["filters"]) == set(FILTERS)


def test_cli_empty_cells_and_integers(sample_db: Path) -> None:
    out = CliRunner().invoke(main, ["query", "--db", str(sample_db), "--format", "csv"]).stdout
    assert "nan" not in out.lower().split(",") and ",NaN," not in out and ",1.0," not in out
    table = CliRunner().invoke(main, ["query", "--db", str(sample_db), "--actor", "Russia"]).stdout
    assert "NaN" not in table and "<NA>" not in table and "None" not in table


def test_cli_closed_pipe_exits_quietly(sample_db: Path) -> None:
    command = (f"{sys.executable} -c 'from eventwire.cli import main; main()' export --db {sample_db} "
               f"--format plover | head -c 10 > /dev/null; echo ${{PIPESTATUS[0]}}")
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() in ("141", "0") and "Traceback" not in done.stderr and "Broken pipe" not in done.stderr


def test_run_reads_only_captures_and_creates_no_database_for_nothing(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_STAGES", "light")
    runner = CliRunner()
    missing = runner.invoke(main, ["run", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "m.duckdb")])
    assert missing.exit_code == 2 and not (tmp_path / "m.duckdb").exists()
    assert "no such file" in missing.stderr
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "README.md").write_text("# notes\n\nRussia attacked Georgia on Friday.\n")
    (folder / "a.txt").write_text("Russia attacked Georgia on Friday near the border, officials said.\n")
    result = runner.invoke(main, ["run", str(folder), "--db", str(tmp_path / "d.duckdb")])
    assert result.exit_code == 0, result.output
    assert "README.md" in result.stderr and "not captures" in result.stderr
    with eventwire.open(tmp_path / "d.duckdb") as store:
        assert list(store.articles()["uri"]) == [str(folder / "a.txt")]


def test_python_api_names(sample_db: Path) -> None:
    assert {"open", "code_text", "run"} <= set(dir(eventwire))
    with eventwire.open(sample_db) as db:
        assert db.count(actor="NATO") == db.count(actor="IGOWSTNAT") > 0
        assert db.dyad("Russia", "Ukraine")["events"].sum() == db.count(actor="RUS", actor2="UKR")
        assert db.stats(plover="ASSAULT")["plover_counts"] == {"ASSAULT": db.count(plover="ASSAULT")}
