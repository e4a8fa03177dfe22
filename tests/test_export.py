"""Exports: GDELT 2.0 (61 tab-separated columns), PLOVER JSON records, Parquet by year/month, CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from click.testing import CliRunner

import eventwire
from eventwire.cli import main
from eventwire.export import GDELT_COLUMNS, export, gdelt_rows, plover_records
from eventwire.pipeline import run
from eventwire.records import RawDocument
from eventwire.stages import light_stages

TEXT = "Russia attacked Georgia on Friday near the border, officials said."


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("x") / "x.duckdb"
    docs = [RawDocument(uri=f"u{i}", kind="text", text=TEXT + (" More." if i else ""),
                        url=f"https://site{i}.example/a", published="2024-03-01T10:00") for i in range(3)]
    docs.append(RawDocument(uri="v", kind="text", text="France met Brazil in Paris on Monday for talks.",
                            url="https://site9.example/b", published="2023-11-20"))
    run(documents=docs, db=path, stages=light_stages())
    return path


def test_gdelt_has_61_columns_in_order(db: Path) -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[0] == "GLOBALEVENTID" and GDELT_COLUMNS[26] == "EventCode"
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")
    with eventwire.open(db) as store:
        rows = list(gdelt_rows(store))
    assert len(rows) == 2 and all(len(r) == 61 for r in rows)
    by_code = {r[GDELT_COLUMNS.index("EventCode")]: dict(zip(GDELT_COLUMNS, r, strict=True)) for r in rows}
    attack = by_code["190"]
    assert attack["SQLDATE"] == "20240301" and attack["MonthYear"] == "202403" and attack["Year"] == 2024
    assert attack["Actor1Code"] == "RUS" and attack["Actor2Code"] == "GEO"
    assert attack["Actor1CountryCode"] == "RUS" and attack["Actor1Name"] == "RUSSIA"
    assert attack["EventRootCode"] == "19" and attack["EventBaseCode"] == "190" and attack["QuadClass"] == 4
    assert (attack["NumMentions"], attack["NumSources"], attack["NumArticles"]) == (3, 3, 3)
    assert attack["GoldsteinScale"] == -10.0
    assert attack["SOURCEURL"].startswith("https://site")
    assert len(attack["DATEADDED"]) == 14 and isinstance(attack["GLOBALEVENTID"], int)


def test_gdelt_file_is_tab_separated(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    with eventwire.open(db) as store:
        assert export(store, "gdelt", str(out)) == 2
    lines = out.read_text().splitlines()
    assert len(lines) == 2 and all(len(line.split("\t")) == 61 for line in lines)


def test_plover_records_follow_the_manual(db: Path) -> None:
    with eventwire.open(db) as store:
        records = list(plover_records(store))
    assert len(records) == 2
    for record in records:
        for required in ("id", "date", "actor", "event"):  # PLOVER manual table 6.1: required fields
            assert record[required]
        assert isinstance(record["event"], list) and isinstance(record["actor"], list)
        json.dumps(record)
    attack = next(r for r in records if r["event"] == ["ASSAULT"])
    assert attack["actor"][0]["code"] == "RUS" and attack["recipient"][0]["code"] == "GEO"
    assert attack["date"] == "2024-03-01" and attack["quadcode"] == 4 and attack["eventscale"] == -10.0
    assert attack["num_sources"] == 3
    # the trust fields of the stored event travel with it, as stored (docs/export.md)
    with eventwire.open(db) as store:
        for record in records:
            stored = store.con.execute(
                'SELECT e.confidence, e.reported, e."symmetric", m.rule_type, m.model_type, m.model_prob, '
                "m.decided_by FROM events e JOIN event_mentions m ON m.id = e.first_mention_id WHERE e.id = ?",
                [record["id"].removeprefix("eventwire-")]).fetchone()
            verdicts = record["verdicts"]
            assert (record["confidence"], record["reported"], record["symmetric"], verdicts["rule"],
                    verdicts["model"], verdicts["model_probability"], verdicts["decided_by"]) == stored
            assert 0 < record["confidence"] <= 1 and record["reported"] is False


def test_parquet_partitioned_by_year_and_month(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "pq"
    with eventwire.open(db) as store:
        assert export(store, "parquet", str(out)) == 2
    assert (out / "events" / "year=2024" / "month=3").is_dir()
    assert (out / "events" / "year=2023" / "month=11").is_dir()
    table = ds.dataset(out / "events", partitioning="hive").to_table()
    assert table.num_rows == 2 and "num_sources" in table.column_names
    mentions = ds.dataset(out / "event_mentions", partitioning="hive").to_table()
    assert mentions.num_rows == 4


def test_export_command(db: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    plover = runner.invoke(main, ["export", "--format", "plover", "--db", str(db)])
    assert plover.exit_code == 0 and len(plover.output.strip().splitlines()) == 2
    csv_file = tmp_path / "e.csv"
    done = runner.invoke(main, ["export", "--format", "csv", "-o", str(csv_file), "--db", str(db)])
    assert done.exit_code == 0 and csv_file.read_text().startswith("id,date,")
    no_dir = runner.invoke(main, ["export", "--format", "parquet", "--db", str(db)])
    assert no_dir.exit_code == 2 and "-o DIR" in no_dir.output
