"""QA of helper H322 (a cell engineer's first session): a layer stack (docs/manufacturing.md,
the planner's and cost model's plain input) handed to a command that takes a cell design is
named as one. ``solidcell evaluate stack.yaml`` said ``cathode: missing; required (the field is
missing) (and 6 more problems ...)``, as if the sections of a design were forgotten."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clirun import run
from solidcell.cell.design import LAYER_STACK_KEYS, CellDesign
from solidcell.errors import ValidationError

#: the layer stack of docs/manufacturing.md ("a plain layer stack for quick studies")
STACK = {
    "name": "sulfide pouch",
    "areal_energy": "150 Wh/m2",
    "layers": [
        {"name": "al", "role": "current_collector", "material": "al_foil", "thickness": "12 um"},
        {"name": "cathode", "role": "cathode", "material": "nmc811", "thickness": "80 um",
         "components": {"nmc811": 0.8, "li6ps5cl": 0.17, "carbon_black": 0.03},
         "areal_mass": 0.25},
        {"name": "separator", "role": "electrolyte", "material": "li6ps5cl",
         "thickness": "30 um"},
        {"name": "anode", "role": "anode", "material": "li_metal", "thickness": "20 um"},
        {"name": "cu", "role": "current_collector", "material": "cu_foil", "thickness": "10 um"},
    ],
}


def _stack_file(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "stack.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return path


def test_a_layer_stack_file_given_as_a_design_is_named_as_one(tmp_path: Path) -> None:
    path = _stack_file(tmp_path, STACK)
    with pytest.raises(ValidationError) as err:
        CellDesign.from_file(path)
    assert err.value.field == "design"
    assert "this is a layer stack" in err.value.allowed
    assert "solidcell cost" in err.value.allowed and "solidcell route" in err.value.allowed
    assert "cathode" not in str(err.value)


@pytest.mark.parametrize("key", LAYER_STACK_KEYS)
def test_each_key_only_a_layer_stack_has_names_it(key: str) -> None:
    """A mapping without a design section and with any key of a layer stack (one with its
    ``layers`` key misspelt included) is refused as a layer stack, not as a design missing its
    cathode."""
    data = {"name": "x", key: STACK.get(key, [])}
    with pytest.raises(ValidationError, match="this is a layer stack"):
        CellDesign.from_dict(data)


def test_a_design_keeps_its_own_refusals() -> None:
    """A design with a section is never called a layer stack: its own field is named."""
    with pytest.raises(ValidationError) as err:
        CellDesign.from_dict({"cathode": {}, "layers": []})
    assert "layer stack" not in str(err.value)


def test_evaluate_of_a_layer_stack_says_so(tmp_path: Path, capsys) -> None:
    path = _stack_file(tmp_path, STACK)
    code, out, err = run(["evaluate", str(path)], capsys)
    assert code == 2 and out == ""
    assert "this is a layer stack" in err and "missing" not in err


# --- a constituent named without its fraction ----------------------------------------------------
# `binder: pvdf_binder` added to the EV example without `binder_fraction` was evaluated as the
# EV example itself (438.6 Wh/kg at stack level, its fraction 0 leaving the binder out), while a
# fraction without its material is refused; and that refusal read "needs a electrolyte material".

EV_FILE = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"


def _ev(**cathode: object) -> dict:
    data = yaml.safe_load(EV_FILE.read_text("utf-8"))
    data["cathode"].update(cathode)
    return data


@pytest.mark.parametrize("name", ["binder", "carbon", "electrolyte"])
def test_a_constituent_named_without_its_fraction_is_refused(name: str) -> None:
    data = _ev(binder="pvdf_binder")
    data["cathode"].pop(f"{name}_fraction", None)
    data["cathode"]["active_fraction"] = 1.0 - sum(
        data["cathode"].get(f"{k}_fraction", 0.0) for k in ("electrolyte", "carbon", "binder"))
    with pytest.raises(ValidationError) as err:
        CellDesign.from_dict(data)
    assert err.value.field == f"cathode.{name}"
    assert f"named without {name}_fraction" in err.value.allowed


def test_a_fraction_of_zero_given_keeps_the_constituent_out() -> None:
    """``binder_fraction: 0`` typed is the user's word: the design is the EV example's."""
    design = CellDesign.from_dict(_ev(binder="pvdf_binder", binder_fraction=0))
    assert design.cathode.binder_fraction == 0
    # a design written back (all fields) is read again as it was
    assert CellDesign.from_dict(design.model_dump()) == design


def test_a_fraction_without_its_electrolyte_is_refused_in_english() -> None:
    data = _ev()
    data["cathode"].pop("electrolyte")
    with pytest.raises(ValidationError) as err:
        CellDesign.from_dict(data)
    assert "needs an electrolyte material" in str(err.value)
