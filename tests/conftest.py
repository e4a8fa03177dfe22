"""Shared fixtures. Tests that need ../shared data use the ``shared`` fixture and skip without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# CI runs the property tests with a fixed seed, so a run is reproducible and cannot go red by chance;
# exploration with fresh random inputs is `make fuzz`'s job (and any local run without CI set).
settings.register_profile(
    "ci", derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "dev")

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The read-only ../shared folder (seed, gold, ref, bench); skip when this clone has none."""
    if not (SHARED / "seed").is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set EVENTWIRE_SHARED); a user's clone has none")
    return SHARED


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh database built from the bundled samples, as `eventwire demo` builds it (full stages)."""
    from eventwire.cli.demo import sample_captures
    from eventwire.pipeline import run

    path = tmp_path_factory.mktemp("samples") / "eventwire-demo.duckdb"
    summary = run(sample_captures(), db=path)
    assert summary.failed == 0
    return path
