"""The design loaders read a file once and look at what they parsed only when it is refused.

Before, the command line parsed every design (and space) file a second time to say 'this is a
material, not a cell design', and every evaluation parsed the cathode's formula twice (once
for the lithium-source check, once for the energy model's ``cathode_lithium_free``). A value
of the wrong shape (a number as a material id, a text as a section) was refused in
pydantic's words ('must be a valid string (and 1 more problem: ... instance of Material)').
Properties, no published numbers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from solidcell import textio
from solidcell.cell.design import CellDesign
from solidcell.cell.energy import design_parameters, evaluate
from solidcell.errors import ValidationError
from solidcell.screening.screen import load_space

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"

MATERIAL = {"id": "my_lpscl", "name": "My argyrodite", "formula": "Li6PS5Cl",
            "category": "electrolyte",
            "properties": [{"name": "density", "value": 1.7, "unit": "g/cm3",
                            "method": "measured", "source": "my-lab-2026"}]}


def ev_data() -> dict:
    return yaml.safe_load(EV.read_text("utf-8"))


def test_a_design_file_is_parsed_once(monkeypatch) -> None:
    calls: list[str] = []
    original = textio.load_yaml

    def counting(text: str, *args, **kwargs):
        calls.append(text)
        return original(text, *args, **kwargs)

    monkeypatch.setattr(textio, "load_yaml", counting)
    from solidcell.cli.cell import _load  # what `evaluate` loads a design with

    _load(EV)
    assert calls.count(EV.read_text("utf-8-sig")) == 1


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_material_file_given_as_a_design_is_named_a_material(tmp_path, suffix) -> None:
    path = tmp_path / f"my-electrolyte{suffix}"
    path.write_text(json.dumps(MATERIAL) if suffix == ".json" else yaml.safe_dump(MATERIAL),
                    encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        CellDesign.from_file(path)
    assert info.value.field == "design" and info.value.value == str(path)
    assert "this is a material" in info.value.allowed
    assert f"solidcell materials add {path}" in info.value.allowed


def test_material_text_is_named_a_material_without_a_file() -> None:
    with pytest.raises(ValidationError, match="this is a material") as info:
        CellDesign.from_yaml(yaml.safe_dump(MATERIAL))
    assert "solidcell materials add FILE.yaml" in info.value.allowed


def test_a_design_that_fails_for_its_own_reason_keeps_its_message() -> None:
    data = ev_data()
    data.update(formula="LiCoO2", category="cathode")  # material keys beside the layers
    with pytest.raises(ValidationError) as info:
        CellDesign.from_yaml(yaml.safe_dump(data, sort_keys=False))
    assert "this is a material" not in str(info.value)
    assert info.value.field in ("formula", "category")
    assert info.value.allowed.startswith("unknown field")


def test_a_material_file_given_as_a_space_is_named_a_material(tmp_path) -> None:
    path = tmp_path / "my-electrolyte.yaml"
    path.write_text(yaml.safe_dump(MATERIAL), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_space(path)
    assert info.value.field == "space" and "not a design space" in info.value.allowed
    assert "this is a cell design" not in str(info.value)


def test_the_cathode_formula_is_parsed_once_per_evaluation(monkeypatch) -> None:
    from solidcell.chemistry import composition

    design = CellDesign.from_file(EV)
    formula = design.resolved().cathode.materials["active"].formula
    calls: list[str] = []
    original = composition.parse_composition

    def counting(text, *args, **kwargs):
        calls.append(text)
        return original(text, *args, **kwargs)

    monkeypatch.setattr(composition, "parse_composition", counting)
    evaluate(design)
    assert calls.count(formula) == 1


def test_the_resolved_flag_is_the_energy_models() -> None:
    rd = CellDesign.from_file(EV).resolved()
    assert rd.cathode_lithium_free is False
    assert design_parameters(rd)["cathode_lithium_free"] == 0.0
    data = ev_data()
    data["cathode"] = {"active_material": "sulfur", "electrolyte": "li6ps5cl",
                       "carbon": "vgcf", "active_fraction": 0.4, "electrolyte_fraction": 0.4,
                       "carbon_fraction": 0.2, "thickness": "60 um"}
    data["anode"] = {"kind": "li_metal", "np_ratio": 1.5}  # all the lithium is the foil's
    rd = CellDesign.from_dict(data).resolved()
    assert rd.cathode_lithium_free is True  # sulfur: S + 2 Li -> Li2S
    assert design_parameters(rd)["cathode_lithium_free"] == 1.0


@pytest.mark.parametrize("section, key, value, given", [
    ("cathode", "active_material", 811, "not a number"),
    ("separator", "electrolyte", True, "not true/false"),
    ("cathode", "electrolyte", ["li6ps5cl"], "not a list")])
def test_a_material_of_the_wrong_shape_is_named(section, key, value, given) -> None:
    data = ev_data()
    data[section][key] = value
    with pytest.raises(ValidationError) as info:
        CellDesign.from_dict(data)
    assert info.value.field == f"{section}.{key}"
    assert "a material id as text" in info.value.allowed and given in info.value.allowed
    assert "valid string" not in str(info.value)


def test_a_number_given_for_a_material_where_its_share_was_meant_is_told() -> None:
    data = ev_data()
    data["cathode"]["electrolyte"] = 0.32
    with pytest.raises(ValidationError, match="its share of the layer is electrolyte_fraction"):
        CellDesign.from_dict(data)


@pytest.mark.parametrize("section, value, given", [
    ("architecture", "planar", "not a text"), ("cathode", [1, 2], "not a list"),
    ("format", 3, "not a number")])
def test_a_section_of_the_wrong_shape_is_named(section, value, given) -> None:
    data = ev_data()
    data[section] = value
    with pytest.raises(ValidationError) as info:
        CellDesign.from_dict(data)
    assert info.value.field == section
    assert "a mapping of its fields" in info.value.allowed and given in info.value.allowed
    assert "instance of" not in str(info.value)
