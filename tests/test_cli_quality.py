"""``--min-confidence`` and ``--coded-only`` keep what the filters of the same name return
(sentences written for the eventwire project)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from eventwire.cli import main
from eventwire.read.filters import passes_quality
from eventwire.records import Actor, Event, Plover, Span

TEXT = "Iran accused Israel of aggression on Monday. Our neighbour Mr Zapp attacked the mayor of Smallville."


def _event(confidence: float, source_code: str | None, target: Actor | None) -> Event:
    return Event(id="e", article_id="a", sentence_index=0, sentence="s", trigger=Span("t", 0, 1),
                 source=Actor("x", 0, 1, code=source_code), target=target, cameo="112", cameo_root="11",
                 plover=Plover("ACCUSE"), goldstein=-2.0, quad_class=3, confidence=confidence)


def test_passes_quality_reads_confidence_and_every_actor_code() -> None:
    coded = Actor("y", 0, 1, code="ISR")
    assert passes_quality(_event(0.5, "IRN", coded), 0.5, True)
    assert not passes_quality(_event(0.49, "IRN", coded), 0.5)
    assert not passes_quality(_event(0.9, "IRN", Actor("y", 0, 1)), coded_only=True)
    assert passes_quality(_event(0.9, "IRN", None), coded_only=True)  # no target: the source is all
    assert not passes_quality(_event(0.9, None, None), coded_only=True)


def _coded(tmp_path: Path, *options: str) -> list[dict]:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(main, ["code", str(path), *options])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]


def test_code_options_drop_uncoded_and_unsure_events(tmp_path: Path) -> None:
    everything = _coded(tmp_path)
    coded = _coded(tmp_path, "--coded-only")
    assert everything
    assert [e["id"] for e in coded] == [
        e["id"] for e in everything if e["source"]["code"] and (e["target"] is None or e["target"]["code"])]
    floor = max(e["confidence"] for e in everything)
    assert [e["id"] for e in _coded(tmp_path, "--min-confidence", str(floor))] == \
        [e["id"] for e in everything if e["confidence"] >= floor]


def test_run_stores_only_what_the_gate_keeps_and_the_gate_is_in_the_coder_version(tmp_path: Path) -> None:
    import duckdb

    from eventwire.pipeline import run
    from eventwire.stages import EventGate, get_stages

    story = tmp_path / "story.txt"
    story.write_text(TEXT, encoding="utf-8")
    everything, gated = tmp_path / "all.duckdb", tmp_path / "gated.duckdb"
    run([str(story)], db=everything)
    confidences = [c for (c,) in duckdb.connect(str(everything), read_only=True).execute(
        "SELECT confidence FROM event_mentions").fetchall()]
    floor = max(confidences)
    run([str(story)], db=gated, gate=EventGate(min_confidence=floor))
    kept = duckdb.connect(str(gated), read_only=True).execute(
        "SELECT count(*), min(confidence) FROM event_mentions").fetchone()
    assert kept[0] == sum(c >= floor for c in confidences) and kept[1] >= floor
    assert get_stages("light", gate=EventGate(0.5, True)).version.endswith("+min0.5-coded")
    assert get_stages("light").version == get_stages("light", gate=EventGate()).version
