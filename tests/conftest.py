"""Shared fixtures. Tests that need ../shared data use the ``shared`` fixture and skip without it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
