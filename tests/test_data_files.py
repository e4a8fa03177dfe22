"""The shipped data files are read one way, and a broken one says to reinstall."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.data_files import DATA_DIR, read_shipped_yaml
from eventwire.errors import ConfigError


def test_a_shipped_file_reads_as_a_mapping() -> None:
    words = read_shipped_yaml(DATA_DIR / "events" / "syntax.yaml")
    assert isinstance(words, dict) and "personal_possessives" in words


def test_an_empty_file_is_an_empty_mapping(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    assert read_shipped_yaml(empty) == {}


@pytest.mark.parametrize(("text", "problem"), [
    ("words: [a, b\n", "while parsing"),  # broken YAML
    ("- a\n- b\n", "expected a mapping at the top, found list"),
])
def test_a_broken_file_names_itself_and_the_fix(tmp_path: Path, text: str, problem: str) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="reinstall eventwire") as raised:
        read_shipped_yaml(broken)
    assert str(broken) in str(raised.value) and problem in str(raised.value)


def test_a_missing_file_names_itself(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="missing.yaml"):
        read_shipped_yaml(tmp_path / "missing.yaml")
