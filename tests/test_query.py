"""eventwire.open(db): filters, dyads, other tables; the query and dyad commands; parameterised SQL."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import eventwire
from eventwire.cli import main
from eventwire.errors import ConfigError, DatabaseError
from eventwire.pipeline import run
from eventwire.records import RawDocument
from eventwire.stages import light_stages

TEXTS = [
    ("2024-03-01", "a.example", "Russia attacked Georgia on Friday near the border."),
    ("2024-03-02", "b.example", "Georgia accused Russia on Saturday of shelling villages."),
    ("2024-03-20", "a.example", "Russia met Georgia in talks on Wednesday."),
    ("2024-04-02", "c.example", "France signed an accord with Brazil in Paris on Tuesday."),
    ("2024-04-03", "c.example", "\u201cWe will defend every village, whatever it costs,\u201d said Georgia's envoy."),
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("q") / "q.duckdb"
    docs = [RawDocument(uri=f"d{i}", kind="text", text=text, url=f"https://{site}/{i}", published=day)
            for i, (day, site, text) in enumerate(TEXTS)]
    run(documents=docs, db=path, stages=light_stages())
    return path


def test_filters(db: Path) -> None:
    with eventwire.open(db) as store:
        everything = store.events()
        assert len(everything) == 4
        assert set(store.events(source="RUS")["cameo"]) == {"190", "040"}
        assert len(store.events(source="russia")) == 2  # by name, any case
        assert len(store.events(source="RU")) == 2  # code prefix
        assert list(store.events(target="RUS")["cameo"]) == ["112"]
        assert len(store.events(actor="GEO")) == 3
        assert list(store.events(plover="assault")["source_code"]) == ["RUS"]
        assert list(store.events(cameo="19")["cameo"]) == ["190"]
        assert len(store.events(date_from="2024-03-02", date_to="2024-03-31")) == 2
        assert len(store.events(limit=1)) == 1
        assert everything["date"].iloc[0].date() == date(2024, 3, 1)
        assert str(everything["date"].dtype).startswith("datetime64")  # a real date dtype
        assert str(everything["num_mentions"].dtype) == "Int64" and everything["date_precision"].iloc[0] == "day"
        assert store.events_arrow(source="RUS").num_rows == 2


def test_filter_values_never_reach_sql_as_text(db: Path) -> None:
    hostile = "RUS' OR '1'='1'; DROP TABLE events; --"
    with eventwire.open(db) as store:
        assert store.events(source=hostile).empty
        assert store.events(place=hostile).empty
        assert len(store.events()) == 4


def test_bad_values_are_config_errors(db: Path) -> None:
    with eventwire.open(db) as store:
        with pytest.raises(ConfigError, match="YYYY-MM-DD"):
            store.events(date_from="last tuesday")
        with pytest.raises(ConfigError):
            store.dyad("RUS", "GEO", by="fortnight")


def test_dyad_both_directions(db: Path) -> None:
    with eventwire.open(db) as store:
        frame = store.dyad("RUS", "GEO", by="month")
    rows = {(str(r.period.date()), r.direction): r for r in frame.itertuples()}
    march = rows[("2024-03-01", "RUS->GEO")]
    assert march.events == 2 and march.material_conflict == 1 and march.verbal_cooperation == 1
    assert march.goldstein_mean == pytest.approx((-10.0 + 1.0) / 2)
    assert march.mentions == 2
    back = rows[("2024-03-01", "GEO->RUS")]
    assert back.events == 1 and back.verbal_conflict == 1
    assert len(rows) == 2


def test_other_tables_and_stats(db: Path) -> None:
    with eventwire.open(db) as store:
        assert len(store.articles()) == 5
        quotes = store.quotes()
        assert len(quotes) == 1 and quotes.iloc[0]["text"].startswith("We will defend")
        assert len(store.mentions()) == 4
        stats = store.stats()
        assert stats["articles"] == 5 and stats["events"] == 4 and stats["mentions"] == 4
        assert store.stats(source="Russia")["events"] == 2


def test_quote_and_article_filters_take_wildcards_literally(db: Path) -> None:
    with eventwire.open(db) as store:
        quote = store.quotes().iloc[0]
        speaker = str(quote["speaker_text"] or quote["speaker_name"])
        assert len(store.quotes(speaker=speaker[1:4])) == 1  # a substring of the speaker still finds it
        assert len(store.quotes(speaker="%")) == 0 and len(store.quotes(speaker="_")) == 0
        publisher = str(store.articles().iloc[0]["publisher"])
        assert len(store.articles(source=publisher)) >= 1
        assert len(store.articles(source="%")) == 0


def test_open_missing_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="eventwire run"):
        eventwire.open(tmp_path / "none.duckdb")


def test_query_command_formats(db: Path) -> None:
    runner = CliRunner()
    table = runner.invoke(main, ["query", "--db", str(db), "--source", "RUS"])
    assert table.exit_code == 0 and "RUS" in table.output and "GEO" in table.output
    jsonl = runner.invoke(main, ["query", "--db", str(db), "--plover", "ASSAULT", "--format", "jsonl"])
    records = [json.loads(line) for line in jsonl.output.splitlines()]
    assert len(records) == 1 and records[0]["date"] == "2024-03-01" and records[0]["source_code"] == "RUS"
    csv_out = runner.invoke(main, ["query", "--db", str(db), "--format", "csv", "--limit", "2"])
    assert len(csv_out.output.strip().splitlines()) == 3
    bad = runner.invoke(main, ["query", "--db", str(db), "--date-from", "soon"])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
    old = runner.invoke(main, ["query", "--db", str(db), "--from", "2024-03-02", "--count"])
    assert old.exit_code == 0 and old.stdout.strip() == "3" and "deprecated" in old.stderr
    text = runner.invoke(main, ["query", "--db", str(db), "--q", "border", "--format", "jsonl"]).output
    assert [json.loads(line)["cameo"] for line in text.splitlines()] == ["190"]


def test_dyad_command(db: Path) -> None:
    result = CliRunner().invoke(main, ["dyad", "RUS", "GEO", "--by", "month", "--db", str(db)])
    assert result.exit_code == 0
    assert "RUS->GEO" in result.output and "GEO->RUS" in result.output


def test_library_filters_share_the_api_semantics(db: Path) -> None:
    # one EventFilter behind the library, the CLI and the API: wildcards are literal, names match whole words
    with eventwire.open(db) as store:
        assert store.events(source="_").empty and store.events(source="%").empty
        assert store.events(place="%").empty
        with pytest.raises(ConfigError, match="cameo"):
            store.events(cameo="_")
        with pytest.raises(ConfigError, match="valid filters are: source, target"):
            store.events(sauce="RUS")
        assert len(store.events(source="RUSSIA")) == 2
        assert store.events(source="Russ").empty  # part of a word: not a name match, not a code prefix
        dyad = store.events(actor="RUS", actor2="GEO")
        assert len(dyad) == 3 and set(dyad["source_code"]) == {"RUS", "GEO"}
        assert len(store.events(actor2="GEO")) == len(store.events(actor="GEO"))  # actor2 alone acts as actor
        assert list(store.events(q="BORDER")["cameo"]) == ["190"]
        assert len(store.events(source="  ")) == 4  # a blank value filters nothing
