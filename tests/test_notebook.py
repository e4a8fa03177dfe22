"""The example notebook (notebooks/dyad_analysis.py, Jupytext percent format) runs from top to bottom."""

from __future__ import annotations

import os
import runpy
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "dyad_analysis.py"


def test_dyad_notebook_runs(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_NOTEBOOK_DB", str(sample_db))  # built from the samples in this session
    namespace = runpy.run_path(str(NOTEBOOK), run_name="__main__")
    assert len(namespace["top"]) > 0 and namespace["by_direction"]["events"].sum() > 0
    assert namespace["events"]["date"].dtype.kind == "M"
    assert os.environ["EVENTWIRE_NOTEBOOK_DB"] == str(sample_db)
