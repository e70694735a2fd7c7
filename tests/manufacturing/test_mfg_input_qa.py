"""Bad input to `solidcell cost`, `route` and `processes` found by QA: the no-price reason named
the Python field (CostOptions.prices) inside the command line's output, and a cell design given
as --processes was refused naming neither the option nor the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.manufacturing.cost import PRICE_FIELD, cell_cost, price_field
from solidcell.manufacturing.economics import CostOptions
from solidcell.manufacturing.processes import load_processes

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
#: materials of the EV example the knowledge base has no price for (docs/manufacturing.md)
UNPRICED = "vgcf, linbo3"


def test_the_api_names_its_own_price_field() -> None:
    result = cell_cost(CellDesign.from_yaml(EV))
    assert not result.has_cost and result.missing_prices == ("vgcf", "linbo3")
    assert result.reason == (f"no price for {UNPRICED} in the knowledge base; give one with "
                             f"{PRICE_FIELD}")
    assert "--price" not in result.reason
    with price_field("a price"):  # another edge names its own way, for that call only
        assert cell_cost(CellDesign.from_yaml(EV)).reason.endswith("give one with a price")
    assert cell_cost(CellDesign.from_yaml(EV)).reason == result.reason


def test_the_command_line_names_the_price_option(capsys) -> None:
    """Was '... give one with --price ID=USD_PER_KG (CostOptions.prices)'."""
    code, out, err = run(["cost", str(EV)], capsys)
    assert code == 1 and out == ""
    assert err.strip().endswith(f"no price for {UNPRICED} in the knowledge base; give one with "
                                "--price ID=USD_PER_KG"), err
    assert "CostOptions" not in err
    code, out, _ = run(["cost", str(EV), "--json"], capsys)
    reason = json.loads(out)["Reason"]
    assert code == 1 and "--price ID=USD_PER_KG" in reason and "CostOptions" not in reason
    assert cell_cost(CellDesign.from_yaml(EV)).reason.endswith(PRICE_FIELD)  # API unchanged


def test_the_report_command_names_the_price_option(tmp_path, capsys) -> None:
    """`solidcell report` takes --price too; its cost section must not ask for CostOptions."""
    code, _, err = run(["report", str(EV), "--out", str(tmp_path)], capsys)
    assert code == 0, err
    html = next(tmp_path.glob("*.html")).read_text(encoding="utf-8")
    assert "give one with --price ID=USD_PER_KG" in html and "CostOptions" not in html


@pytest.mark.parametrize("command", [["processes"], ["route", str(EV)], ["cost", str(EV)]])
def test_a_design_given_as_the_process_database_names_the_option_and_file(command,
                                                                           capsys) -> None:
    """Was 'error: capital_cost_classes: None is not allowed; required (the field is missing)
    (and 14 more problems: ...)', naming neither --processes nor the file."""
    code, out, err = run([*command, "--processes", str(EV)], capsys)
    assert code == 2 and out == "" and err.count("\n") == 1, err
    assert err.startswith(f"error: --processes: {str(EV)!r} is not allowed; a process database")
    for words in ("processes", "capital_cost_classes", "looks like a cell design"):
        assert words in err, err


@pytest.mark.parametrize(("data", "words"), [
    ({"processes": []}, "this file has no capital_cost_classes, atmospheres"),
    ([1, 2], "this file holds a list"),
    (None, "this file holds nothing"),
])
def test_another_file_that_is_no_database_names_the_file_and_what_it_lacks(tmp_path, data,
                                                                            words) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_processes(path)
    assert info.value.field == "processes file" and info.value.value == str(path)
    assert "a process database: a YAML mapping with" in info.value.allowed
    assert words in info.value.allowed


def test_the_screen_command_names_the_price_option(capsys) -> None:
    """`solidcell screen --price` takes prices too; its note must not ask for CostOptions."""
    space = EV.parent / "spaces" / "ev.yaml"
    code, out, err = run(["screen", str(space)], capsys)
    assert code == 0, err
    assert f"no price for {UNPRICED} in the knowledge base; give one with --price ID=USD_PER_KG" \
        in out + err and "CostOptions" not in out + err


def test_a_design_with_every_price_has_a_cost_and_no_reason() -> None:
    # the README tour's prices (`solidcell cost ... --price vgcf=50 --price linbo3=100`): inputs
    priced = cell_cost(CellDesign.from_yaml(EV),
                       options=CostOptions(prices={"vgcf": 50.0, "linbo3": 100.0}))
    assert priced.has_cost and priced.reason is None and priced.missing_prices == ()
