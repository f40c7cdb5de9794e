"""Docs are tested: every command and option appears in the README."""

from __future__ import annotations

import pytest
from conftest import ROOT

from pipeline.cli import cli

README = (ROOT / "README.md").read_text()


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_and_option_is_in_the_readme(name):
    assert f"agendapack {name}" in README
    for param in cli.commands[name].params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert f"`{opt}" in README, f"{name} {opt} is not documented"


def test_quick_start_is_what_ci_runs():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "bash scripts/quickstart.sh test" in README
    assert "bash scripts/quickstart.sh test" in ci
