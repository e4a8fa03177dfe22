"""One ingest coordinator and one error policy for every runner (issue 15): the single-process run and
the partitioned run (here in this process; the worker processes and Dask run the same task) store,
skip and fail the same documents for the same reasons. Light stages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.errors import ConfigError
from eventwire.pipeline import run
from eventwire.records import RawDocument
from eventwire.scale import run_parallel
from eventwire.scale.partitions import plan_partitions
from eventwire.scale.worker import WorkerOptions, process_partition, stages_for
from eventwire.stages import Stages
from eventwire.synthetic import generate, write_jsonl


@pytest.fixture()
def files(tmp_path: Path) -> list[str]:
    """6 files of 4 articles; the last record repeats the first article (same URL and text, another
    title): another input, the same article."""
    records = generate(24, seed=5, paragraphs=(1, 2))
    records.append({**records[0], "title": "Another headline"})
    return [str(write_jsonl(records[i:i + 4], tmp_path / "in" / f"f{i // 4}.jsonl")) for i in range(0, 25, 4)]


def _light() -> Stages:
    return stages_for(WorkerOptions("light"))  # the stages object inline partitions use too


def _break(monkeypatch: pytest.MonkeyPatch, extract_error: Exception, events_error: Exception) -> None:
    """The extraction of the 2nd file's 3rd input and the event coding of the 1st article (in both of
    its copies) fail."""
    stages = _light()
    real_extract, real_events = stages.extract, stages.events

    def extract(raw: RawDocument) -> Any:
        if raw.uri.endswith("f1.jsonl#3"):
            raise extract_error
        return real_extract(raw)

    def events(doc: Any, article: Any, actors: Any) -> Any:
        if article.text == _first_text():
            raise events_error
        return real_events(doc, article, actors)

    monkeypatch.setattr(stages, "extract", extract)
    monkeypatch.setattr(stages, "events", events)


def _first_text() -> str:
    return str(generate(24, seed=5, paragraphs=(1, 2))[0]["text"]).strip()


def _outcome(summary: Any) -> tuple[Any, ...]:
    return (summary.documents, summary.added, summary.skipped, summary.failed, summary.mentions,
            sorted((Path(f.uri).name, f.stage, f.reason) for f in summary.failures))


def test_a_bad_document_is_a_failure_with_its_reason_in_every_runner(files: list[str], tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _break(monkeypatch, ValueError("extractor bug"), KeyError("no such rule"))
    single = run(files, db=tmp_path / "s.duckdb", stages=_light())
    parallel = run_parallel(files, db=tmp_path / "p.duckdb", stages="light", group_bytes=1)
    assert _outcome(single) == _outcome(parallel)
    documents, added, skipped, failed, _, failures = _outcome(single)
    # the repeated article is a skip (first wins) even though the first copy failed
    assert (documents, added, skipped, failed) == (25, 22, 1, 2)
    assert failures == [("f0.jsonl#1", "events", "KeyError: 'no such rule'"),
                        ("f1.jsonl#3", "extract", "ValueError: extractor bug")]


def test_a_configuration_error_stops_every_runner(files: list[str], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _break(monkeypatch, ConfigError("the extractor's data file is damaged"), KeyError("unused"))
    with pytest.raises(ConfigError, match="damaged"):
        run(files, db=tmp_path / "s.duckdb", stages=_light())
    with pytest.raises(ConfigError, match="damaged"):
        run_parallel(files, db=tmp_path / "p.duckdb", stages="light", group_bytes=1)
    part = plan_partitions(files[1:2])[0]
    with pytest.raises(ConfigError):  # a worker's task raises it (it used to record a failed row)
        process_partition(part, WorkerOptions("light"))
