"""The README documents every CLI command and every events-frame column, and the two set-up
commands it gives are the ones the project runs."""

from __future__ import annotations

from pathlib import Path

import click

from timeline.cli import main
from timeline.schema import EVENT_DTYPES, MENTION_DTYPES

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "timeline") -> list[str]:
    names = []
    for name, command in group.commands.items():
        names.append(f"{prefix} {name}")
        if isinstance(command, click.Group):
            names.extend(_commands(command, f"{prefix} {name}"))
    return names


def test_every_cli_command_is_documented() -> None:
    missing = [name for name in _commands(main) if f"`{name}" not in README]
    assert not missing, f"README does not document {missing}"


def test_every_column_is_documented() -> None:
    missing = [c for c in [*EVENT_DTYPES, *MENTION_DTYPES] if f"`{c}`" not in README]
    assert not missing, f"README does not document columns {missing}"


def test_setup_commands_exist() -> None:
    assert "bash scripts/run.sh" in README and (ROOT / "scripts" / "run.sh").is_file()
    assert "bash scripts/test.sh" in README and (ROOT / "scripts" / "test.sh").is_file()
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
