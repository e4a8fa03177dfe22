"""Settings have one documented home: every field of Settings appears in docs/settings.md."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import ConfigError
from eventwire.settings import get_settings, setting_names

DOC = Path(__file__).resolve().parent.parent / "docs" / "settings.md"


def test_every_setting_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name in setting_names():
        assert f"EVENTWIRE_{name.upper()}" in text, f"EVENTWIRE_{name.upper()} missing from docs/settings.md"


def test_environment_overrides_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_BATCH_SIZE", "7")
    monkeypatch.setenv("EVENTWIRE_DB", "/tmp/x.duckdb")
    settings = get_settings()
    assert settings.batch_size == 7
    assert str(settings.db) == "/tmp/x.duckdb"


def test_bad_number_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EVENTWIRE_BATCH_SIZE", "lots")
    with pytest.raises(ConfigError, match="EVENTWIRE_BATCH_SIZE"):
        get_settings()
