"""Bad input of design spaces, and the screen's table for people: a cell design given where a
space goes is named as one, an empty space file says so, lengths show in um at the edge."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cell"))
from cellhelpers import ref1_design

from clirun import run
from solidcell.errors import ValidationError
from solidcell.screening.screen import load_space, shown_parameter

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"


def test_a_cell_design_given_as_a_space_is_named_as_one(capsys):
    """``solidcell screen examples/ev-nmc811-lpscl-li.yaml`` said "space: 'anode' is not
    allowed; allowed keys: base, method, n, seed, parameters, objectives"."""
    with pytest.raises(ValidationError) as err:
        load_space(str(EV))
    assert err.value.field == "space"
    assert err.value.value == str(EV)
    assert err.value.allowed.startswith("this is a cell design, not a design space; evaluate "
                                        "it with `solidcell evaluate`")
    assert "docs/screening.md" in err.value.allowed
    with pytest.raises(ValidationError, match="this is a cell design"):  # as a mapping
        load_space(yaml.safe_load(EV.read_text("utf-8")))
    code, _, out = run(["screen", str(EV)], capsys)
    assert code == 2
    assert "not a design space" in out and "allowed keys" not in out


def test_an_unknown_key_of_a_space_is_still_an_unknown_key():
    with pytest.raises(ValidationError) as err:
        load_space({"base": str(EV), "parameters": {}, "step": 3})
    assert (err.value.field, err.value.value) == ("space", "step")
    assert err.value.allowed.startswith("allowed keys")


@pytest.mark.parametrize(("text", "words"), [
    ("", "the file is empty"),
    ("# nothing yet\n", "the file is empty"),
    ("- base\n- parameters\n", "the file holds a list, not a mapping"),
])
def test_an_empty_space_file_says_so_and_what_a_space_holds(tmp_path, text, words):
    """Was "space: 'NoneType' is not allowed; must be a mapping": a type name as the value."""
    path = tmp_path / "space.yaml"
    path.write_text(text)
    with pytest.raises(ValidationError) as err:
        load_space(path)
    assert (err.value.field, err.value.value) == ("space", str(path))
    assert err.value.allowed.startswith(words)
    assert "base (a design file), parameters" in err.value.allowed
    assert "examples/spaces/ev.yaml" in err.value.allowed


@pytest.mark.parametrize(("path", "column", "divisor"), [
    ("cathode.thickness_m", "cathode.thickness (um)", 1e-6),
    ("format.interlayer_film.thickness_m", "format.interlayer_film.thickness (um)", 1e-6),
    ("format.casing_thickness_m", "format.casing_thickness (um)", 1e-6),
    ("format.electrode_width_m", "format.electrode_width (mm)", 1e-3),
    ("cathode_interface_resistance_ohm_m2", "cathode_interface_resistance (Ohm cm2)", 1e-4),
    ("anode.np_ratio", "anode.np_ratio", 1.0),
    ("temperature_K", "temperature_K", 1.0),
    ("separator.electrolyte", "separator.electrolyte", 1.0),
])
def test_shown_parameter_states_the_unit_of_its_column(path, column, divisor):
    """1 um = 1e-6 m, 1 mm = 1e-3 m, 1 Ohm cm2 = 1e-4 Ohm m2 (SI prefixes)."""
    assert shown_parameter(path) == (column, pytest.approx(divisor, rel=1e-12))


def test_the_pareto_table_shows_lengths_in_um_and_json_stays_si(tmp_path, capsys):
    """The table showed ``0.0001`` for a 100 um cathode; the JSON keeps SI under the key with
    the unit (``cathode.thickness_m``, docs/conventions.md). Both designs are on the front
    (the thicker cathode stores more per kg, the thinner one gives more power)."""
    space = {"base": ref1_design().to_dict(), "method": "grid",
             "parameters": {"cathode.thickness_m": {"values": ["40 um", "100 um"]},
                            "separator.thickness_m": {"values": ["25 um"]}}}
    path = tmp_path / "space.yaml"
    path.write_text(yaml.safe_dump(space, sort_keys=False))
    code, out, _ = run(["screen", str(path), "--rows", "5"], capsys)
    assert code == 0
    assert "Pareto front: 2 designs (2 screened, 2 feasible)" in out
    assert "cathode thickness" in out and "(um)" in out  # the header wraps at its space
    assert "0.0001 " not in out and "4e-05" not in out and "2.5e-05" not in out
    rows = [line for line in out.splitlines() if line.startswith(("│ 100 ", "│ 40 "))]
    assert len(rows) == 2 and all("│ 25 " in line for line in rows)
    code, out, _ = run(["screen", str(path), "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert sorted(r["cathode.thickness_m"] for r in data["rows"]) == pytest.approx([4e-5, 1e-4])
    assert all(r["separator.thickness_m"] == pytest.approx(2.5e-5) for r in data["rows"])


def test_a_parameter_given_twice_in_a_space_file_is_refused(tmp_path):
    """PyYAML kept the second of two equal keys: a space listing cathode.thickness_m twice
    screened only the second sweep without a word (solidcell.textio.load_yaml)."""
    from solidcell.errors import ValidationError
    from solidcell.screening.screen import load_space

    path = tmp_path / "space.yaml"
    path.write_text("base: base.yaml\nparameters:\n"
                    "  cathode.thickness_m: {values: ['40 um', '80 um']}\n"
                    "  cathode.thickness_m: {values: ['60 um']}\n", "utf-8")
    with pytest.raises(ValidationError) as info:
        load_space(path)
    assert "'cathode.thickness_m' appears twice" in str(info.value)
    assert "first on line 3, again on line 4" in str(info.value)
