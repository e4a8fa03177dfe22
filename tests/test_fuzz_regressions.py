"""Replay every input under tests/fixtures/regressions/ (saved by bench/fuzz.py when it crashed
something) through the target it crashed, with the fuzzer's output checks."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import fuzz  # noqa: E402

CASES = sorted(p for p in fuzz.REGRESSIONS.glob("*-*.*") if p.name.split("-")[0] in fuzz.EXTENSIONS)


def test_the_fuzzer_saves_where_this_test_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fuzz, "REGRESSIONS", tmp_path)
    saved = fuzz.save_crash("html", b"<p>\x00</p>")
    assert saved.parent == tmp_path and saved.name.startswith("html-") and saved.suffix == ".html"
    assert saved.read_bytes() == b"<p>\x00</p>"


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_saved_crash_no_longer_crashes(path: Path) -> None:
    target = path.name.split("-")[0]
    data = path.read_bytes()
    with fuzz._deadline(30.0):
        fuzz.replay(target, data)
