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


def test_the_deadline_counts_cpu_time_and_backs_it_with_wall_time(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    with pytest.raises(fuzz.Timeout, match="CPU"), fuzz._deadline(0.2):
        while True:  # burns CPU: the CPU limit fires
            pass
    monkeypatch.setattr(fuzz, "WALL_FACTOR", 2.0)
    started = time.perf_counter()
    with pytest.raises(fuzz.Timeout, match="wall-clock"), fuzz._deadline(0.2):
        time.sleep(5)  # waits without CPU: only the wall-clock backstop (0.4 s) fires
    assert time.perf_counter() - started < 2
