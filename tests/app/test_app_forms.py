"""Dashboard logic without a browser: paths, form parsing, design edits."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.app.paths import list_designs, safe_design_path, safe_save_name
from solidcell.app.server import design_changes, form_values, material_from_form
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError

DESIGN = Path(__file__).resolve().parent.parent / "report" / "data" / "ssb_ref1.yaml"


@pytest.fixture
def roots(tmp_path: Path) -> list[Path]:
    examples, workspace = tmp_path / "examples", tmp_path / "workspace"
    examples.mkdir()
    workspace.mkdir()
    (examples / "cell.yaml").write_text(DESIGN.read_text("utf-8"), "utf-8")
    (tmp_path / "secret.yaml").write_text("name: outside\n", "utf-8")
    return [examples, workspace]


def test_design_inside_roots_is_found(roots: list[Path]) -> None:
    assert safe_design_path("cell.yaml", roots) == (roots[0] / "cell.yaml").resolve()
    assert safe_design_path(str(roots[0] / "cell.yaml"), roots).name == "cell.yaml"
    assert [label for label, _ in list_designs(roots)] == ["examples/cell.yaml"]


@pytest.mark.parametrize("text", ["../secret.yaml", "/etc/passwd", "../../../../etc/passwd",
                                  "", "cell.txt", "missing.yaml", "cell.yaml\x00.txt"])
def test_paths_outside_or_odd_are_refused(roots: list[Path], text: str) -> None:
    with pytest.raises(ValidationError, match="path"):
        safe_design_path(text, roots)


def test_symlink_out_of_the_workspace_is_refused(roots: list[Path]) -> None:
    link = roots[1] / "link.yaml"
    os.symlink(roots[0].parent / "secret.yaml", link)
    with pytest.raises(ValidationError):
        safe_design_path("link.yaml", roots)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_no_text_opens_a_file_outside(tmp_path_factory: pytest.TempPathFactory,
                                      text: str) -> None:
    root = tmp_path_factory.getbasetemp() / "fixed-root"
    root.mkdir(exist_ok=True)
    try:
        path = safe_design_path(text, [root])
    except ValidationError:
        return
    assert path.is_relative_to(root.resolve())


@pytest.mark.parametrize("name", ["a/b", "..", "../x", "", " ", ".hidden", "x" * 200])
def test_bad_save_names(name: str) -> None:
    with pytest.raises(ValidationError, match="save_name"):
        safe_save_name(name)


def test_good_save_name() -> None:
    assert safe_save_name("my-cell") == "my-cell.yaml"
    assert safe_save_name("my-cell.yaml") == "my-cell.yaml"


def test_unchanged_form_changes_nothing() -> None:
    design = CellDesign.from_yaml(DESIGN)
    values = form_values(design)
    assert design_changes(values, values) == {}
    # SSB-REF-1 (energy_density_cases.csv): cathode 100 um, separator 30 um, Li 30 um
    assert values["cathode-thickness"] == pytest.approx(100.0)
    assert values["separator-thickness"] == pytest.approx(30.0)
    assert values["anode-thickness"] == pytest.approx(30.0)


def test_changes_are_in_si() -> None:
    design = CellDesign.from_yaml(DESIGN)
    original = form_values(design)
    changes = design_changes({**original, "cathode-thickness": 80, "temperature": 60},
                             original)
    assert changes["cathode.thickness_m"] == pytest.approx(80e-6)
    assert changes["temperature_K"] == pytest.approx(333.15)
    assert changes["cathode.active_loading_kg_m2"] is None
    edited = design.replace(**changes)
    assert edited.cathode.thickness_m == pytest.approx(80e-6)
    assert design.cathode.thickness_m == pytest.approx(100e-6)  # the original is untouched


@pytest.mark.parametrize("value", ["abc", float("nan"), float("inf")])
def test_bad_numbers_name_the_field(value: object) -> None:
    with pytest.raises(ValidationError, match="cathode-thickness"):
        design_changes({"cathode-thickness": value}, {})


GOOD = {"id": "my_llzo", "name": "my LLZO", "formula": "Li7La3Zr2O12",
        "category": "electrolyte", "electrolyte_class": "oxide",
        "property": "ionic_conductivity", "value": "0.5 mS/cm", "temperature": "25 degC",
        "method": "measured", "source": "my_notebook"}


def test_material_from_form() -> None:
    m = material_from_form(GOOD)
    assert m.origin == "user"
    assert m.si("ionic_conductivity") == pytest.approx(0.05)  # 0.5 mS/cm = 0.05 S/m
    assert m.get("ionic_conductivity").temperature == pytest.approx(298.15)


@pytest.mark.parametrize(("field", "value"), [
    ("value", "abc"), ("value", "1.2 kg"), ("value", "-1 mS/cm"), ("value", "1 mS/cm/cm"),
    ("id", "Bad Id!"), ("formula", "Xx9Qq"), ("source", ""), ("temperature", "hot"),
    ("electrolyte_class", ""), ("category", "planet"),
])
def test_bad_material_fields(field: str, value: str) -> None:
    with pytest.raises(ValidationError) as info:
        material_from_form({**GOOD, field: value})
    assert info.value.field == field


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=20))
def test_any_value_text_is_accepted_or_refused_cleanly(text: str) -> None:
    try:
        material_from_form({**GOOD, "value": text})
    except ValidationError as exc:
        assert exc.field in {"value", "temperature"}


def test_query_bounds_are_parsed_with_units() -> None:
    from solidcell.app.server import _parse_bound
    from solidcell.errors import UnitError

    # 1 mS/cm = 0.1 S/m (solidcell.units doctest)
    assert _parse_bound("ionic_conductivity", "1 mS/cm") == pytest.approx(0.1)
    with pytest.raises(UnitError):
        _parse_bound("ionic_conductivity", "1 kg")
