"""eventwire.spacy_import: spaCy without its command-line package at start-up, and the real package
as soon as anything asks for it (run in a fresh interpreter: this one may have imported spaCy)."""

from __future__ import annotations

import subprocess
import sys

CHILD = """
import sys
from eventwire.spacy_import import import_spacy
spacy = import_spacy()
assert "typer" not in sys.modules and "weasel" not in sys.modules, "spaCy's CLI was imported"
from eventwire.nlp import load
assert [t.text for t in load()("France urged Germany to talk.")][:2] == ["France", "urged"]
assert "typer" not in sys.modules
import spacy.cli
assert callable(spacy.cli.download) and "typer" in sys.modules  # the real package, on first use
assert type(spacy.cli).__name__ == "module" and spacy.cli is sys.modules["spacy.cli"]
from spacy.cli.info import info
assert info.__module__ == "spacy.cli.info"
print("ok")
"""


def test_spacy_loads_without_its_cli_and_the_cli_still_works_when_asked_for() -> None:
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-3000:]
