"""The pipeline end to end on the light stage configuration (same storage path as the full one):
idempotent reruns, per-document failures, syndicated stories aggregated, recoding, the CLI's exit codes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from eventwire.cli import main
from eventwire.errors import DatabaseError
from eventwire.pipeline import run
from eventwire.records import Actor, Article, RawDocument
from eventwire.stages import Stages, light_stages
from eventwire.synthetic import generate, write_jsonl

TABLES = ("articles", "stories", "events", "event_mentions", "actors", "quotes", "places",
          "article_signatures", "inputs")


def _docs(records: list[dict]) -> list[RawDocument]:
    return [RawDocument(uri=f"mem:{i}", kind="text", text=r["text"], url=r["url"], title=r["title"],
                        published=r["published"]) for i, r in enumerate(records)]


def _counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


@pytest.fixture(scope="module")
def corpus() -> list[dict]:
    return generate(60, seed=3, paragraphs=(2, 4))


def test_run_stores_everything_and_rerun_adds_nothing(tmp_path: Path, corpus: list[dict]) -> None:
    db = tmp_path / "ew.duckdb"
    first = run(documents=_docs(corpus), db=db, stages=light_stages(), batch_size=16)
    assert first.added == 60 and first.failed == 0 and first.mentions > 0
    counts = _counts(db)
    assert counts["articles"] == 60 and counts["event_mentions"] == first.mentions
    assert 0 < counts["stories"] < 60  # the corpus syndicates some stories
    second = run(documents=_docs(corpus), db=db, stages=light_stages(), batch_size=16)
    assert second.added == 0 and second.skipped == 60 and second.mentions == 0
    assert _counts(db) == counts
    con = duckdb.connect(str(db), read_only=True)
    runs = con.execute("SELECT status, articles_added, articles_skipped FROM runs ORDER BY started").fetchall()
    con.close()
    assert runs == [("complete", 60, 0), ("complete", 0, 60)]


def test_same_article_through_another_input_is_skipped_before_nlp(tmp_path: Path, corpus: list[dict]) -> None:
    db = tmp_path / "ew.duckdb"
    run(documents=_docs(corpus[:5]), db=db, stages=light_stages())
    parsed: list[str] = []
    base = light_stages()

    def spy(items):  # type: ignore[no-untyped-def]
        items = list(items)
        parsed.extend(text for text, _ in items)
        return base.parse(items)

    stages = dataclasses.replace(base, parse=spy)
    copies = [dataclasses.replace(d, uri=f"copy:{d.uri}", captured=None, warnings=["x"]) for d in _docs(corpus[:5])]
    summary = run(documents=copies + _docs(corpus[5:7]), db=db, stages=stages)
    assert summary.skipped == 5 and summary.added == 2
    assert len(parsed) == 2


def test_syndicated_story_from_five_outlets_is_one_story_and_events_count_five_sources(tmp_path: Path) -> None:
    text = ("MOSCOW (Worldwire) - Russia attacked positions held by Georgia near the border on Friday, "
            "officials said.\n\nThe move comes after weeks of rising tension between the two governments. "
            "Officials in Moscow did not immediately respond to a request for comment.")
    outlets = ["a.example", "b.example", "c.example", "d.example", "e.example"]
    docs = [RawDocument(uri=o, kind="text", url=f"https://{o}/2024/05/story", title="Russia attacks",
                        published="2024-05-03T09:00",
                        text=text + (f"\n\nReporting by the {o} desk." if i else "")) for i, o in enumerate(outlets)]
    db = tmp_path / "ew.duckdb"
    run(documents=docs, db=db, stages=light_stages(), batch_size=2)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*), max(num_articles), max(num_sources) FROM stories").fetchone() == (1, 5, 5)
    events = con.execute(
        "SELECT source_code, target_code, cameo, num_mentions, num_sources, num_articles FROM events").fetchall()
    con.close()
    assert events == [("RUS", "GEO", "190", 5, 5, 5)]


def test_distinct_stories_stay_apart(tmp_path: Path) -> None:
    docs = [RawDocument(uri=f"u{i}", kind="text", url=f"https://x.example/{i}", published="2024-05-03",
                        text=text) for i, text in enumerate([
                            "Russia attacked Georgia on Friday after a week of shelling along the frontier.",
                            "France signed a trade agreement with Brazil on Monday covering beef and wine.",
                        ])]
    db = tmp_path / "ew.duckdb"
    run(documents=docs, db=db, stages=light_stages())
    assert _counts(db)["stories"] == 2


def test_failures_are_recorded_and_the_run_goes_on(tmp_path: Path, corpus: list[dict]) -> None:
    base = light_stages()

    def fragile_actors(doc, article: Article) -> list[Actor]:  # type: ignore[no-untyped-def]
        if "Brazil" in article.text:
            raise RuntimeError("resolver exploded")
        return base.actors(doc, article)

    stages = dataclasses.replace(base, actors=fragile_actors)
    docs = _docs(corpus[:20]) + [RawDocument(uri="empty.txt", kind="text", text="   ")]
    db = tmp_path / "ew.duckdb"
    summary = run(documents=docs, db=db, stages=stages)
    broken = sum("Brazil" in r["text"] for r in corpus[:20])
    assert summary.failed == broken + 1
    assert summary.added == 20 - broken
    con = duckdb.connect(str(db), read_only=True)
    stages_failed = sorted(r[0] for r in con.execute("SELECT stage FROM run_failures").fetchall())
    con.close()
    assert stages_failed == sorted(["extract"] + ["actors"] * broken)
    # the failed documents are retried by the next run (they were never marked as stored)
    again = run(documents=docs, db=db, stages=base)
    assert again.added == broken and again.failed == 1


def test_recode_replaces_mentions_and_records_the_coder_version(tmp_path: Path, corpus: list[dict]) -> None:
    db = tmp_path / "ew.duckdb"
    base = light_stages()
    run(documents=_docs(corpus[:10]), db=db, stages=base)
    before = _counts(db)
    newer = dataclasses.replace(base, version=base.version + "-next")
    summary = run(db=db, stages=newer, recode=True)
    assert summary.recoded == 10 and summary.added == 0
    assert _counts(db) == before
    con = duckdb.connect(str(db), read_only=True)
    versions = {r[0] for r in con.execute("SELECT coder_version FROM event_mentions").fetchall()}
    article_versions = {r[0] for r in con.execute("SELECT coder_version FROM articles").fetchall()}
    con.close()
    assert versions == {newer.version} and article_versions == {newer.version}
    assert run(db=db, stages=newer, recode=True).recoded == 0  # already current: nothing to do


def test_the_coder_version_follows_the_coding_code_as_well_as_its_data(tmp_path: Path) -> None:
    from eventwire import stages

    roots = stages._coding_roots()
    package = Path(stages.__file__).resolve().parent
    assert package / "events" in roots and package / "quotes.py" in roots and package / "data" / "lexicon" in roots
    assert package / "api" not in roots  # serving code does not change what is coded
    source = tmp_path / "coder.py"
    source.write_text("RULE = 1\n")
    before = stages.coder_version("full", roots=[tmp_path])
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "coder.cpython-311.pyc").write_bytes(b"bytecode")
    assert stages.coder_version("full", roots=[tmp_path]) == before  # bytecode is not the code
    source.write_text("RULE = 2\n")
    assert stages.coder_version("full", roots=[tmp_path]) != before


def test_the_coder_version_follows_the_settings_that_change_the_events(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from eventwire import stages

    (tmp_path / "coder.py").write_text("RULE = 1\n")
    for name in stages.CODING_SETTINGS:
        monkeypatch.delenv(f"EVENTWIRE_{name.upper()}", raising=False)
    before = stages.coder_version("full", roots=[tmp_path])
    light = stages.coder_version("light", roots=[tmp_path])
    monkeypatch.setenv("EVENTWIRE_PAIR_VERDICT", "0.5")
    assert stages.coder_version("full", roots=[tmp_path]) != before  # `run --recode` codes anew
    assert stages.coder_version("light", roots=[tmp_path]) == light  # the light stages read none of them
    monkeypatch.delenv("EVENTWIRE_PAIR_VERDICT")
    monkeypatch.setenv("EVENTWIRE_ONNX_THREADS", "2")  # same answers, so the same version
    assert stages.coder_version("full", roots=[tmp_path]) == before


def test_the_coding_stages_follow_a_switched_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    from functools import cache

    from eventwire import stages

    # a cache of this test's own, so that its stand-in stages never reach another test
    monkeypatch.setattr(stages, "_built_stages", cache(stages._built_stages.__wrapped__))
    monkeypatch.setattr(stages, "full_stages", lambda *args: stages.Stages(
        name="full", extract=None, parse=None, actors=None, events=None, quotes=None, places=None, locate=None,
        version=f"v-{stages.coding_settings()}"))
    monkeypatch.delenv("EVENTWIRE_PAIR_VERDICT", raising=False)
    default = stages.coding_stages()
    assert stages.coding_stages() is default  # built once per configuration
    monkeypatch.setenv("EVENTWIRE_PAIR_VERDICT", "off")
    switched = stages.coding_stages()
    assert switched.version != default.version  # not the stages built under the other setting
    monkeypatch.delenv("EVENTWIRE_PAIR_VERDICT")
    assert stages.coding_stages() is default


def test_cli_run_exit_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, corpus: list[dict]) -> None:
    monkeypatch.setenv("EVENTWIRE_STAGES", "light")
    data = write_jsonl(corpus[:8], tmp_path / "in" / "a.jsonl")
    db = tmp_path / "ew.duckdb"
    runner = CliRunner()
    ok = runner.invoke(main, ["run", str(data), "--db", str(db), "-q"])
    assert ok.exit_code == 0, ok.output
    (tmp_path / "in" / "bad.jsonl").write_text('{"text": "   "}\n')
    partial = runner.invoke(main, ["run", str(tmp_path / "in"), "--db", str(db), "-q"])
    assert partial.exit_code == 1
    foreign = tmp_path / "foreign.duckdb"
    foreign.write_text("not a database")
    refused = runner.invoke(main, ["run", str(data), "--db", str(foreign)])
    assert refused.exit_code == 2 and "not a DuckDB database" in refused.output
    assert "Traceback" not in refused.output


def test_library_run_refuses_foreign_database(tmp_path: Path) -> None:
    path = tmp_path / "x.duckdb"
    path.write_bytes(b"\x00" * 64)
    with pytest.raises(DatabaseError):
        run(documents=[], db=path, stages=light_stages())


def test_stage_configuration_is_checked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from eventwire.errors import ConfigError

    monkeypatch.setenv("EVENTWIRE_STAGES", "turbo")
    with pytest.raises(ConfigError, match="EVENTWIRE_STAGES"):
        run(documents=[], db=tmp_path / "x.duckdb")


def test_stages_type_is_public() -> None:
    assert {f.name for f in dataclasses.fields(Stages)} >= {"extract", "parse", "actors", "events", "version"}
