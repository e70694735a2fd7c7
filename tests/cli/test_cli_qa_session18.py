"""QA of the command line, session 18: a capacity of a formula that no oxidation states
balance, a folder given where a formula or file is read, and a missing field of a design or
material file. Each test failed before its fix."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
import yaml

from clirun import assert_one_line_error, run
from solidcell.chemistry.capacity import balance_warning, theoretical_capacity
from solidcell.chemistry.oxidation import require_balanced
from solidcell.errors import MissingFieldError, ValidationError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"


# --- 1. capacity of a formula that cannot be charge balanced -----------------------------


def test_capacity_of_an_unbalanced_formula_warns_naming_the_formula_and_the_rule(capsys):
    """`capacity Li2O3` (a typo: no assignment of known oxidation states balances it) was
    answered without a word, where `predict` refuses it."""
    code, out, err = run(["capacity", "Li2O3", "--json"], capsys)
    assert code == 0
    assert err.startswith("warning: Li2O3 is not charge-balanced") and err.count("\n") == 1
    assert "within 5 %" in err and "predict" in err
    assert json.loads(out)["warnings"] == [err.removeprefix("warning: ").strip()]


def test_capacity_of_lifepo4_has_no_warning(capsys):
    code, out, err = run(["capacity", "LiFePO4", "--json"], capsys)
    assert code == 0 and err == ""
    assert json.loads(out)["warnings"] == []


@pytest.mark.parametrize("formula", ["LiFePO4", "LiFePO5", "Li2O3", "LiCoO2", "Li3PS4"])
def test_capacity_warns_exactly_where_predict_refuses(formula):
    """One rule (solidcell.chemistry.oxidation, 5 % of the positive charge) for both: LiFePO5
    balances with Fe4+ (one of iron's known states), so neither refuses or warns; Li2O3
    balances with none."""
    try:
        require_balanced(formula, formula)
        refused = False
    except ValidationError:
        refused = True
    assert (balance_warning(formula) is not None) == refused
    assert bool(theoretical_capacity(formula).warnings) == refused


@pytest.mark.parametrize("formula", ["Li15Si4", "Li22Sn5", "LiC6", "LiMn2O4"])
def test_alloys_and_curated_materials_get_no_balance_warning(formula):
    """Alloys (no N, P, chalcogen or halogen) are not ionic compounds, and LiMn2O4 (Mn3+/Mn4+,
    a curated cathode) is unbalanced only because the rule gives one state per element."""
    assert balance_warning(formula) is None


# --- 2. a folder where predict, discover and md read a formula or a file -----------------


@pytest.mark.parametrize("name", ["data", "data.csv", "x.cif", "Li3PS4/"])
def test_predict_refuses_a_folder_as_a_folder(name, tmp_path, monkeypatch, capsys):
    """`predict data` (a folder) was refused as "not a chemical formula", `predict data.csv`
    as "an existing CSV file"."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).mkdir()
    assert_one_line_error(*run(["predict", name], capsys), "input", f"{name} is a folder",
                          "a chemical formula", "a CIF file", "'composition' column")


def test_a_folder_named_like_a_formula_is_still_the_formula(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Li3PS4").mkdir()
    code, out, _ = run(["predict", "Li3PS4", "--no-window", "--json"], capsys)
    assert code == 0 and "Li3PS4" in out


def test_discover_and_md_refuse_a_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    assert_one_line_error(*run(["discover", "data"], capsys), "parent", "data is a folder",
                          "one chemical formula or one CIF file")
    assert_one_line_error(*run(["md", "data"], capsys), "structure", "data is a folder",
                          "an existing CIF file")


# --- 3. a missing field is "missing", a null one "None is not allowed" -------------------


def _design_without(tmp_path: Path, null: bool) -> Path:
    data = yaml.safe_load(EV.read_text(encoding="utf-8"))
    if null:
        data["cathode"] = None
    else:
        del data["cathode"]
    path = tmp_path / "design.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_a_design_missing_its_cathode_says_missing(tmp_path, capsys):
    """Was 'cathode: None is not allowed; required (the field is missing)'."""
    assert_one_line_error(*run(["evaluate", str(_design_without(tmp_path, False))], capsys),
                          "cathode: missing; required")


def test_compare_names_the_file_and_keeps_missing(tmp_path, capsys):
    """`compare` prefixes the file's name to the field: that copy said 'None is not allowed'."""
    path = _design_without(tmp_path, False)
    assert_one_line_error(*run(["compare", str(EV), str(path)], capsys),
                          "design.yaml: cathode: missing; required")


def test_a_design_with_a_null_cathode_still_says_none(tmp_path, capsys):
    code, out, err = run(["evaluate", str(_design_without(tmp_path, True))], capsys)
    assert_one_line_error(code, out, err, "cathode: None is not allowed")
    assert "missing" not in err


def test_a_material_missing_its_name_says_missing(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "db.sqlite"))
    text = ("id: my_x\nformula: Li6PS5Cl\ncategory: electrolyte\nelectrolyte_class: sulfide\n")
    missing, null = tmp_path / "missing.yaml", tmp_path / "null.yaml"
    missing.write_text(text, encoding="utf-8")
    null.write_text(text + "name:\n", encoding="utf-8")
    assert_one_line_error(*run(["materials", "add", str(missing)], capsys),
                          "name: missing; required")
    assert_one_line_error(*run(["materials", "add", str(null)], capsys),
                          "name: None is not allowed")


def test_missing_field_error_keeps_field_value_allowed_and_pickles():
    from solidcell.cell.design import CellDesign

    data = yaml.safe_load(EV.read_text(encoding="utf-8"))
    del data["cathode"]
    with pytest.raises(MissingFieldError) as err:
        CellDesign.from_dict(data)
    exc = err.value
    assert isinstance(exc, ValidationError)
    assert (exc.field, exc.value) == ("cathode", None) and exc.allowed.startswith("required")
    copy = pickle.loads(pickle.dumps(exc))
    assert type(copy) is MissingFieldError and str(copy) == str(exc)


def test_a_formula_too_long_for_a_path_is_read_as_a_formula(capsys: pytest.CaptureFixture[str]
                                                             ) -> None:
    """The folder check asked the OS about a 360-character formula ('File name too long',
    OSError, found by hypothesis in test_discovery_read_once.py): a name no path can have is
    no folder, and predict answers for the formula."""
    code, out, err = run(["predict", "Li7La3Zr2O12" * 30, "--no-window", "--neighbours", "1",
                          "--json"], capsys)
    assert code == 0, err
    assert "Log10 ionic conductivity [S.cm-1]" in out


LONG = "Li3PS4" * 60  # 360 characters: beyond any name a file system allows (255 bytes)


@pytest.mark.parametrize("args", [
    ["evaluate", f"{LONG}.yaml"], ["predict", f"{LONG}.cif"], ["discover", f"{LONG}.cif"],
    ["screen", f"{LONG}.yaml"], ["md", f"{LONG}.cif"], ["cost", f"{LONG}.yaml"],
    ["route", f"{LONG}.yaml"], ["simulate", f"{LONG}.yaml"], ["report", f"{LONG}.yaml"]])
def test_a_file_name_too_long_is_one_line_naming_it(args: list[str],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A file argument longer than the file system's name limit was the OS's traceback
    (OSError: File name too long) in every command that asks whether the file exists."""
    code, out, err = run(args, capsys)
    assert_one_line_error(code, out, err)
    assert "file name: " in err and LONG[:40] in err and "bytes each" in err
