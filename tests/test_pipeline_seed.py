"""The seed through the full pipeline: `run` then `query` shows its events with their locations and the
three gold quotes with speakers. Which events exist is the coder's part; this checks what the pipeline
adds to them (storage, locations, quotes) and that the rerun is a no-op."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import eventwire
from eventwire.cli import main

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def seed_db(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("eventwire.events.coder")
    db = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    result = CliRunner().invoke(main, ["run", str(shared / "seed" / "000_59cc4f673b5911df.txt"), "--db", str(db),
                                       "-q"], env={"EVENTWIRE_STAGES": "full"})
    assert result.exit_code == 0, result.output
    return db


def test_seed_article_and_quotes(seed_db: Path, shared: Path) -> None:
    gold = json.loads((shared / "seed" / "seed_gold.json").read_text())
    with eventwire.open(seed_db) as store:
        articles = store.articles()
        quotes = store.quotes()
    assert len(articles) == 1
    assert articles.iloc[0]["dateline_place"] == "Corfu" and articles.iloc[0]["dateline_country"] == "GRC"
    for expected in gold["quotes"]:
        rows = quotes[quotes["text"].str.startswith(expected["starts_with"])]
        assert len(rows) == 1, expected["starts_with"]
        row = rows.iloc[0]
        names = {row["speaker_text"], row["speaker_name"]}
        assert any(isinstance(n, str) and n.endswith(s) for n in names for s in expected["speaker_any_of"]), names


def test_seed_events_are_located(seed_db: Path) -> None:
    with eventwire.open(seed_db) as store:
        events = store.events()
        mentions = store.mentions()
    assert len(events) > 0
    assert events["location_name"].notna().all()  # every event has at least the dateline
    lead = mentions[mentions["sentence"].str.startswith("NATO and Russia on Saturday resumed")]
    assert (lead["location_name"] == "Corfu").all() and (lead["location_country"] == "GRC").all()
    routed = mentions[mentions["sentence"].str.startswith("Russia routed") & (mentions["trigger_text"] == "routed")]
    assert (routed["location_country"] == "GEO").all()
    assert (routed["location_name"] == "South Ossetia").all()


def test_seed_query_command_and_rerun(seed_db: Path, shared: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(main, ["query", "--db", str(seed_db), "--format", "jsonl"])
    assert listed.exit_code == 0
    records = [json.loads(line) for line in listed.output.splitlines() if line.startswith("{")]
    assert records and all(r["location_name"] for r in records)
    again = runner.invoke(main, ["run", str(shared / "seed" / "000_59cc4f673b5911df.txt"), "--db", str(seed_db)],
                          env={"EVENTWIRE_STAGES": "full"})
    assert again.exit_code == 0 and "1 already stored" in again.output
