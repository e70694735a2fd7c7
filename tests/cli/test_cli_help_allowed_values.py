"""The help of an option that takes a choice or a number names what it may be: the allowed
words (from the model's own lists, so a new category or class cannot be left out) or the unit.
These options said only "Material category.", "Electrolyte class.", "Comma-separated
C-rates." and "e.g. '60 degC'."; the import help left out the CSV columns of an activation
energy (its measured range and Arrhenius form)."""

from __future__ import annotations

import re
from typing import Any, get_args

import pytest
import typer

from solidcell.cli import app
from solidcell.materials.schema import ARRHENIUS_FORMS, Category, ElectrolyteClass
from solidcell.materials.store import CSV_COLUMNS

ROOT = typer.main.get_command(app)


def _command(*path: str) -> Any:
    command = ROOT
    for name in path:
        command = command.commands[name]
    return command


def _help(path: tuple[str, ...], option: str) -> str:
    command = _command(*path)
    ctx = typer.Context(command)
    param = next(p for p in command.get_params(ctx) if option in p.opts)
    return " ".join((param.help or "").split())


@pytest.mark.parametrize("path", [("materials", "list"), ("materials", "query")])
@pytest.mark.parametrize(("option", "allowed"), [("--category", get_args(Category)),
                                                 ("--class", get_args(ElectrolyteClass))])
def test_category_and_class_name_every_allowed_word(path, option, allowed):
    text = _help(path, option)
    missing = [word for word in allowed if word not in re.findall(r"[a-z_]+", text)]
    assert missing == [], (path, option, text)


def test_rate_capability_names_the_unit_of_its_rates_and_what_temperature_does():
    assert "[1/h]" in _help(("rate-capability",), "--rates")
    assert "design's temperature" in _help(("rate-capability",), "--temperature")
    # the same words as `simulate --temperature`
    assert "design's temperature" in _help(("simulate",), "--temperature")


def test_import_help_names_every_csv_column_of_a_property():
    doc = " ".join((_command("materials", "import").help or "").split())
    named = re.findall(r"[A-Za-z_]+", doc)
    for column in ("temperature_min", "temperature_max", "arrhenius_form"):
        assert column in CSV_COLUMNS  # a column the store reads and writes
        assert column in named, doc
    for form in ARRHENIUS_FORMS:
        assert form in named, doc


@pytest.mark.parametrize("command", ["window", "react"])
def test_an_extra_phase_says_what_its_energy_is(command):
    """``--entry FORMULA=EV_PER_ATOM``: a formation energy per atom, on both pages alike."""
    assert "formation energy per atom" in _help((command,), "--entry")
