"""Bad input of cell designs, as a QA colleague typed it: each refusal names the field, the
value as the user typed it ('-80 um', not -7.999999999999999e-05) and what is allowed."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"


def ev_with(section: str | None, key: str, value: object) -> dict:
    """The EV example design with ``key`` of ``section`` (None: the top level) set."""
    data = yaml.safe_load(EV.read_text("utf-8"))
    (data if section is None else data[section])[key] = value
    return data


@pytest.mark.parametrize(("section", "key", "typed", "allowed"), [
    ("cathode", "thickness", "-80 um", "must be > 0 m and finite"),
    ("separator", "thickness", "-30 um", "must be > 0 m and finite"),
    ("anode", "thickness", "0 um", "must be > 0 m and finite"),
    ("cathode_current_collector", "thickness", "-12 um", "must be > 0 m and finite"),
    ("cathode", "coating_thickness", "-10 nm", "must be >= 0 m and finite"),
    ("cathode", "particle_radius", "-5 um", "must be > 0 m and finite"),
    ("cathode", "active_loading", "-3 mg/cm2", "must be > 0 kg/m2 and finite"),
    ("format", "seal_width", "-5 mm", "must be >= 0 m and finite"),
    ("format", "electrode_width", "-100 mm", "must be > 0 m and finite"),
    ("cathode", "porosity", "120 %", "must lie in [0, 1)"),
    ("cathode", "carbon_fraction", "-3 %", "must lie in [0, 1]"),
    (None, "first_cycle_loss", "100 %", "must lie in [0, 1)"),
])
def test_an_out_of_range_value_is_refused_as_typed(section, key, typed, allowed):
    """Was ``cathode.thickness_m: -7.999999999999999e-05 is not allowed; must be > 0 and
    finite``: the SI value, not the text in the file, and no unit in the rule. The field is
    the key the file wrote (``cathode.thickness``, not the model's ``cathode.thickness_m``)."""
    with pytest.raises(ValidationError) as err:
        CellDesign.from_dict(ev_with(section, key, typed))
    assert err.value.field == f"{section + '.' if section else ''}{key}"
    assert err.value.value == typed
    assert err.value.allowed.endswith(allowed)  # after the model's field, where it differs
    assert str(err.value).startswith(f"{err.value.field}: {typed!r} is not allowed; ")


def test_a_plain_number_and_typed_text_break_the_same_rule_in_the_same_words():
    """One rule per field for both paths (the text checked where it is parsed, the number after
    validation): the SI number given is shown as given."""
    with pytest.raises(ValidationError) as as_text:
        CellDesign.from_dict(ev_with("cathode", "thickness", "-80 um"))
    data = ev_with("cathode", "thickness", None)
    del data["cathode"]["thickness"]
    data["cathode"]["thickness_m"] = -8e-5
    with pytest.raises(ValidationError) as as_number:
        CellDesign.from_dict(data)
    assert as_number.value.field == "cathode.thickness_m"  # each as given
    assert as_text.value.field == "cathode.thickness"
    assert as_number.value.value == -8e-5
    assert as_text.value.allowed == f"cathode.thickness_m = -80 um; {as_number.value.allowed}"


def test_the_cli_shows_the_typed_thickness(tmp_path, capsys):
    path = tmp_path / "neg.yaml"
    path.write_text(EV.read_text("utf-8").replace("thickness: 80 um", "thickness: -80 um"))
    code, _, err = run(["evaluate", str(path)], capsys)
    assert code == 2
    assert ("cathode.thickness: '-80 um' is not allowed; cathode.thickness_m = -80 um; must "
            "be > 0 m and finite") in err
    assert "e-05" not in err


def test_an_absurd_cathode_thickness_is_named_in_the_first_error():
    """``thickness: 1e30 um`` was refused as ``anode.thickness_m: 3.9999999999999996e-05 ...
    gives N/P = 1.38e-28 < 1``, without the cathode. A stacked cell's layer must be thinner
    than its electrode's smaller side (100 mm here; test_cell_geometry_sanity.py): the
    cathode itself is refused, as typed."""
    with pytest.raises(ValidationError) as err:
        CellDesign.from_dict(ev_with("cathode", "thickness", "1e30 um"))
    assert err.value.field == "cathode.thickness"  # the example's key, as written
    assert err.value.value == "1e30 um"
    assert "cathode.thickness_m = 1e+30 um" in err.value.allowed
    assert "electrode's smaller in-plane side" in err.value.allowed


def test_a_thin_foil_under_a_sound_cathode_is_still_the_foil():
    """The property that must hold: N/P = t_Li rho_Li q_Li / Q is < 1 for a 4 um foil under the
    EV example's 80 um cathode (40 um gives N/P 1.38 in the same design, and N/P scales with
    the foil), and the refusal names the foil and the cathode's 80 um."""
    design = CellDesign.from_dict(ev_with("anode", "thickness", "4 um"))
    with pytest.raises(ValidationError) as err:
        design.resolved()
    assert err.value.field == "anode.thickness"
    assert err.value.value == "4 um"
    assert "(cathode.thickness_m = 80 um)" in err.value.allowed
    n_p = float(err.value.allowed.split("N/P = ")[1].split(" ")[0])
    assert n_p == pytest.approx(CellDesign.from_file(EV).resolved().np_ratio / 10, rel=1e-2)


def test_a_layer_thicker_than_the_can_is_refused_on_that_layer():
    """A jelly roll's layer must be thinner than the radial room of the can, (21 mm - 2 x
    0.25 mm - 1 mm) / 2 = 9.75 mm here (a thicker one cannot be wound even once); the bound is
    the format's, so a layer just inside it reaches the N/P check instead."""
    data = ev_with(None, "format", {"kind": "cylindrical", "diameter": "21 mm",
                                    "height": "70 mm", "casing_material": "al_foil",
                                    "casing_thickness": "250 um", "mandrel_diameter": "1 mm"})
    for section, thickness, si in (("cathode", "1e30 um", "1e+30 um"),
                                   ("separator", "9.75 mm", "9750 um")):
        data[section]["thickness"] = thickness
        with pytest.raises(ValidationError) as err:
            CellDesign.from_dict(data)
        assert (err.value.field, err.value.value) == (f"{section}.thickness", thickness)
        assert err.value.allowed.startswith(
            f"{section}.thickness_m = {si}; must be below 9750 um, the radial room of the "
            "cylindrical can")
        data[section]["thickness"] = "9.74 mm"
    with pytest.raises(ValidationError) as err:
        CellDesign.from_dict(data).resolved()
    assert err.value.field == "anode.thickness"


@pytest.mark.parametrize(("name", "text", "words"), [
    ("empty.yaml", "", "the file is empty"),
    ("blank.yml", "\n  \n", "the file is empty"),
    ("comments.yaml", "# a design, one day\n", "the file holds no data (only comments)"),
    ("empty.json", "", "the file is empty"),
    ("list.yaml", "- cathode\n- anode\n", "the file holds a list, not a mapping"),
])
def test_an_empty_design_file_says_so_and_what_a_design_holds(tmp_path, name, text, words):
    """An empty YAML said "this YAML holds a NoneType"; an empty JSON "Expecting value: line 1
    column 1 (char 0)"."""
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(ValidationError) as err:
        CellDesign.from_file(path)
    assert err.value.field == "design"
    assert err.value.value == str(path)  # the whole path: cut at 80 it lost the file's name
    assert err.value.allowed.startswith(words)
    for needed in ("cathode, separator, anode", "examples/", "mapping of fields"):
        assert needed in err.value.allowed
    assert "NoneType" not in str(err.value)


def test_a_design_space_given_to_evaluate_is_named_as_one(capsys):
    """``solidcell evaluate examples/spaces/ev.yaml`` said ``cathode: None is not allowed;
    required (the field is missing) (and 9 more problems ...)``."""
    space = EXAMPLES / "spaces" / "ev.yaml"
    with pytest.raises(ValidationError) as err:
        CellDesign.from_file(space)
    assert err.value.field == "design"
    assert "this is a design space" in err.value.allowed
    assert "solidcell screen" in err.value.allowed
    with pytest.raises(ValidationError, match="this is a design space"):
        CellDesign.from_dict(yaml.safe_load(space.read_text("utf-8")))
    code, _, out = run(["evaluate", str(space)], capsys)
    assert code == 2
    assert "not a cell design" in out and "required" not in out


@pytest.mark.parametrize("c_rate", [-1.0, 0.0, math.nan, math.inf, 1e9])
def test_crossover_c_rate_refusals_share_one_wording(c_rate):
    """-1 gave "is not allowed; a C-rate > 0 ..." and nan "must be a C-rate > 0 ...": the
    wording of solidcell.checks.positive differed from finite_real's."""
    from solidcell.cell.architectures import crossover
    from solidcell.checks import MAX_C_RATE_H

    planar = CellDesign.from_file(EV)
    three_d = CellDesign.from_file(EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml")
    with pytest.raises(ValidationError) as err:
        crossover(planar, three_d, c_rate_h=c_rate)
    assert err.value.field == "c_rate_h"
    assert err.value.allowed == (f"must be a C-rate > 0 and at most {MAX_C_RATE_H:g} (a full "
                                 "discharge in one second)")


def test_crossover_cli_c_rate_minus_one_and_nan_read_alike(capsys):
    args = ["crossover", str(EV), str(EXAMPLES / "interdigitated-3d-nmc811-lpscl-li.yaml"),
            "--c-rate"]
    messages = []
    for typed in ("-1", "nan"):
        code, _, err = run([*args, typed], capsys)
        assert code == 2
        messages.append(err.split("is not allowed; ", 1)[1])
    assert messages[0] == messages[1]
    assert messages[0].startswith("must be a C-rate > 0")


@pytest.mark.parametrize("check", ["positive", "non_negative"])
def test_the_shared_range_checks_word_a_negative_and_nan_alike(check):
    """The root of the c-rate wording: positive/non_negative said "a flaw size > 0 m" for -1
    but finite_real "must be a flaw size > 0 m" for nan."""
    from solidcell import checks

    words = []
    for value in (-1.0, math.nan):
        with pytest.raises(ValidationError) as err:
            getattr(checks, check)("flaw_size_m", value, "a flaw size > 0 m")
        words.append(err.value.allowed)
    assert words == ["must be a flaw size > 0 m"] * 2


@pytest.mark.parametrize("path", ["format.n_layers", "anode.np_ratio",
                                  "architecture.cells_in_series", "cathode.thickness_m"])
def test_a_bool_is_no_number(path):
    """True is refused for every numeric field, not only those with a unit or a limit: it was
    taken as 1 layer, N/P 1, one cell in series."""
    design = CellDesign.from_yaml(EV)
    if path.startswith("architecture"):
        design = CellDesign.from_yaml(EXAMPLES / "bipolar-nmc811-lpscl-li.yaml")
    with pytest.raises(ValidationError, match="is a bool; give a number") as err:
        design.replace(**{path: True})
    assert err.value.field == path
