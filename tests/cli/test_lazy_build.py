"""The root group builds only the command that runs, the same command a whole-module build
gives, for every name of the lazy table."""

from __future__ import annotations

import pytest
import typer

from catalog.cli.app import COMMANDS, app, build_module


@pytest.mark.parametrize("name", list(COMMANDS))
def test_one_command_is_built_alone_and_as_in_its_module(name: str) -> None:
    alone = build_module(COMMANDS[name], only=name)
    assert list(alone) == [name]
    whole = build_module(COMMANDS[name])[name]
    built = alone[name]
    assert [p.name for p in built.params] == [p.name for p in whole.params]
    assert [p.opts for p in built.params] == [p.opts for p in whole.params]
    assert built.help == whole.help


def test_asking_for_a_command_builds_no_sibling() -> None:
    group = typer.main.get_command(app)
    ctx = typer.Context(group)
    assert group.get_command(ctx, "search").name == "search"
    assert set(group._built) == {"search"}  # not list, show, topics or stats of its module
    assert group.get_command(ctx, "list").name == "list"
    assert set(group._built) == {"search", "list"}
