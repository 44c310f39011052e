"""Docs stay honest: every command, adjustment kind and change type the code knows is in the README."""

from __future__ import annotations

import typing
from pathlib import Path

import pytest

from models import CHANGE_TYPES, AdjustmentKind
from yange.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands if c.callback)


@pytest.mark.parametrize("command", COMMANDS)
def test_command_is_in_readme(command: str) -> None:
    assert f"`yange {command}" in README


@pytest.mark.parametrize("name", [*CHANGE_TYPES, *typing.get_args(AdjustmentKind)])
def test_vocabulary_is_documented(name: str) -> None:
    assert f"| `{name}` |" in README


def test_readme_gives_the_two_commands() -> None:
    assert "make run" in README and "make test" in README
