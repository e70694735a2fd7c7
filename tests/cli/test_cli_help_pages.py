"""Every command's ``--help`` reads as a user expects: a flag shows no value type (Typer's Rich
help printed ``<bool>`` after ``--json`` and ``--help`` of all 42 pages), a repeatable option or a
variadic argument shows the type of one value (not Python's ``<list[str]>``), a ranged number
``<int> [x>=0]`` (not ``<int range> [x>=0]``), every option and argument has help text, every
repeatable option says so, and no word is cut with an ellipsis at 80 columns."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from clirun import run
from solidcell.cli import app


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    for name, sub in sorted((getattr(command, "commands", None) or {}).items()):
        yield from _commands(sub, (*path, name))


ROOT = typer.main.get_command(app)
COMMANDS = list(_commands(ROOT))
PATHS = [path for path, _ in COMMANDS]


def test_the_walk_reaches_every_command_and_group():
    assert len(PATHS) > 30  # the whole tree, groups (materials, design) and their commands
    assert {(), ("screen",), ("materials",), ("materials", "query"), ("design", "check")} \
        <= set(PATHS)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "solidcell")
def test_help_page_has_no_odd_value_type(path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")  # a common terminal, whatever runs the tests
    code, out, err = run([*path, "--help"], capsys)
    assert code == 0 and err == "", err
    assert "--help" in out and "Show this message and exit." in out
    for odd in ("<bool>", "<list[", " range>", "…"):
        assert odd not in out, (odd, out)


def test_a_flag_row_holds_no_type(capsys, monkeypatch):
    """The row of a flag: its name(s), then its help; a value option keeps its type."""
    monkeypatch.setenv("COLUMNS", "120")
    _, out, _ = run(["predict", "--help"], capsys)
    rows = {line.split()[1]: line for line in out.splitlines()
            if line.startswith("│ --")}
    assert rows["--json"].split()[2:4] == ["Print", "machine-readable"]
    assert rows["--window"].split()[2:4] == ["--no-window", "Add"]
    assert rows["--level"].split()[2] == "<float>"
    assert rows["--neighbours"].split()[2] == "<int>"


@pytest.mark.parametrize(("path", "name", "shown"), [
    (("screen",), "price", "<str>"),            # was <list[str]>
    (("compare",), "designs", "<path>"),        # was <list[Path]>
    (("screen",), "rows", "<int>"),             # was <int range> (then [x>=0])
    (("screen",), "as_json", None),             # was <bool>
    (("predict",), "window", None),             # --window/--no-window: was <bool>
    (("screen",), "scheduler_timeout", "<str>"),
])
def test_value_types_as_shown(path, name, shown):
    command = dict(COMMANDS)[path]
    ctx = typer.Context(command)
    param = next(p for p in command.get_params(ctx) if p.name == name)
    assert param.display_type_rich(ctx=ctx) == shown


def test_every_parameter_has_help_and_repeatables_say_so():
    missing, silent = [], []
    for path, command in COMMANDS:
        ctx = typer.Context(command)
        for param in command.get_params(ctx):
            where = f"{' '.join(path)} {param.name}"
            help_text = (getattr(param, "help", None) or "").strip()
            if not help_text:
                missing.append(where)
            if getattr(param, "multiple", False) and "repeatable" not in help_text:
                silent.append(where)
            if getattr(param, "is_flag", False):
                assert param.display_type_rich(ctx=ctx) is None, where
    assert missing == [], f"parameters without help text: {missing}"
    assert silent == [], f"repeatable options whose help does not say so: {silent}"


def test_the_help_option_is_plain_on_every_page():
    """The help option is made when a page is first shown; it is shown as a flag too."""
    for path, command in COMMANDS:
        ctx = typer.Context(command)
        option = command.get_help_option(ctx)
        assert option is not None and option.display_type_rich(ctx=ctx) is None, path


def test_the_app_run_another_way_shows_flags_plainly(monkeypatch):
    """Typer's own runner (as other tests and tools call the app) gets the same pages."""
    monkeypatch.setenv("COLUMNS", "80")
    for args in (["--help"], ["screen", "--help"], ["materials", "query", "--help"]):
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 0, res.output
        assert "--json" in res.output or args == ["--help"]
        assert "<bool>" not in res.output and "<list[" not in res.output
