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


FAST_LOAD = """
import hashlib, spacy
from eventwire.spacy_import import load_pipeline
from eventwire.settings import get_settings
name = get_settings().spacy_model
stock = spacy.load(name, exclude=["senter"])
fast = load_pipeline(spacy, name, ["senter"])
assert stock.pipe_names == fast.pipe_names
assert stock.tokenizer.to_bytes(exclude=["vocab"]) == fast.tokenizer.to_bytes(exclude=["vocab"])
text = "Mr. O'Neill didn't go to the U.S. on 3/4/2020 -- he e-mailed http://x.org (AP) instead. Wasn't it?"
def rows(doc):
    return [(t.text, t.idx, t.tag_, t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]
assert rows(stock(text)) == rows(fast(text))
assert spacy.registry.tokenizers.get("spacy.Tokenizer.v1").__name__ == "create_tokenizer"  # restored
print("ok")
"""


def test_the_fast_load_gives_the_same_tokenizer_and_annotations_as_spacy_load() -> None:
    done = subprocess.run([sys.executable, "-c", FAST_LOAD], capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-3000:]
