"""Every command has help text; `eventwire --help` fits one screen."""

from __future__ import annotations

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
