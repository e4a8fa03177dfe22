"""Every command has help text; `eventwire --help` fits one screen."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from eventwire.cli import COMMANDS, main


def test_top_level_help_fits_one_screen() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) <= 40, f"--help is {len(lines)} lines; keep it to one screen"
    assert all(len(line) <= 100 for line in lines)
    for name in COMMANDS:
        assert name in result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help(name: str) -> None:
    command = main.get_command(click.Context(main), name)
    assert command is not None, f"command {name} is listed but cannot be loaded"
    assert (command.help or "").strip(), f"command {name} has no help text"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert (param.help or "").strip(), f"option {param.opts} of {name} has no help text"
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["no-such-command"])
    assert result.exit_code == 2


def test_code_exits_without_teardown_but_with_its_output_and_exit_code(tmp_path: Path) -> None:
    # `python -m eventwire code` skips the interpreter's teardown (eventwire.cli.QUICK_EXIT): the
    # events must still all be written and flushed (stdout and -o FILE), and the exit code kept (1:
    # an input could not be read).
    import json
    import subprocess
    import sys

    story = tmp_path / "story.txt"
    story.write_text("Russia attacked Georgia on Monday, the defence ministry said.\n", encoding="utf-8")
    to_stdout = subprocess.run([sys.executable, "-m", "eventwire", "code", str(story)],
                               capture_output=True, text=True, timeout=300, check=False)
    assert to_stdout.returncode == 0, to_stdout.stderr
    events = [json.loads(line) for line in to_stdout.stdout.splitlines()]
    assert any(e["plover"]["type"] == "ASSAULT" for e in events)
    out = tmp_path / "events.jsonl"
    with_missing = subprocess.run([sys.executable, "-m", "eventwire", "code", str(story), str(tmp_path / "nope.txt"),
                                   "-o", str(out)], capture_output=True, text=True, timeout=300, check=False)
    assert with_missing.returncode == 1 and "nope.txt" in with_missing.stderr
    assert out.read_text(encoding="utf-8") == to_stdout.stdout
