"""QA of the command line, session 22 (a first user's pass over the newest inputs): a layer
stack's ``held`` naming no constituent, ``--heat-transfer`` without ``--thermal lumped`` and
``--thermal lumped`` with ``--fast`` in the options' words, a bare number under a short key of
a design space, a misspelt property's hint before the list, a misspelt or repeated id of
``compat``. Each test failed before its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clirun import assert_one_line_error, run

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = str(EXAMPLES / "ev-nmc811-lpscl-li.yaml")

#: docs/manufacturing.md's layer stack, with a graphite anode holding lithium at assembly
STACK = {
    "name": "held lithium",
    "areal_energy": "150 Wh/m2",
    "layers": [
        {"name": "al", "role": "current_collector", "material": "al_foil",
         "thickness": "12 um"},
        {"name": "cathode", "role": "cathode", "material": "nmc811", "thickness": "80 um",
         "components": {"nmc811": 0.8, "li6ps5cl": 0.17, "carbon_black": 0.03},
         "areal_mass": 0.25},
        {"name": "separator", "role": "electrolyte", "material": "li6ps5cl",
         "thickness": "30 um"},
        {"name": "anode", "role": "anode", "material": "graphite", "thickness": "60 um",
         "components": {"graphite": 0.9, "li_metal": 0.1}, "held": ["li_metal"]},
        {"name": "cu", "role": "current_collector", "material": "cu_foil",
         "thickness": "10 um"},
    ],
}


def _stack(tmp_path: Path, held: list) -> str:
    data = yaml.safe_load(yaml.safe_dump(STACK))
    data["layers"][3]["held"] = held
    path = tmp_path / "stack.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return str(path)


# --- 1. held: the components a layer holds at assembly ------------------------------------


@pytest.mark.parametrize("command", ["route", "cost"])
def test_held_id_that_is_no_constituent_is_refused(tmp_path, capsys, command):
    """`held: [li]` beside the component li_metal (a typo) was ignored: the lithium was
    planned as laid down."""
    code, out, err = run([command, _stack(tmp_path, ["li"])], capsys)
    assert_one_line_error(code, out, err, "layers[3].held[0]", "'li'", "graphite, li_metal")


def test_held_every_constituent_is_refused(tmp_path, capsys):
    """Holding all of a layer's constituents was planned as holding none (``made_of`` fell
    back to all of them)."""
    code, out, err = run(["route", _stack(tmp_path, ["graphite", "li_metal"])], capsys)
    assert_one_line_error(code, out, err, "layers[3].held", "every constituent")


def test_held_lithium_of_a_host_still_plans(tmp_path, capsys):
    code, out, err = run(["route", _stack(tmp_path, ["li_metal"])], capsys)
    assert code == 0, err
    assert "feasible" in out


# --- 2. the lumped thermal model's options, in the options' words -------------------------


@pytest.mark.parametrize("command", [["simulate", EV, "--mesh", "coarse"],
                                     ["rate-capability", EV, "--fast"]])
def test_heat_transfer_without_lumped_is_refused_in_option_words(capsys, command):
    """It said `None with thermal='isothermal' (give thermal='lumped')`: the Python
    keywords, and None as what is allowed."""
    code, out, err = run([*command, "--heat-transfer", "10"], capsys)
    assert_one_line_error(code, out, err, "--heat-transfer", "10", "--thermal lumped")
    assert "thermal=" not in err and "None" not in err


def test_lumped_with_fast_is_refused_naming_both_options(capsys):
    """It said `model: 'fast' is not allowed; 'pybamm' with thermal='lumped'`: no option
    of that name."""
    code, out, err = run(["rate-capability", EV, "--fast", "--thermal", "lumped",
                          "--heat-transfer", "10"], capsys)
    assert_one_line_error(code, out, err, "--thermal", "lumped", "--fast", "isothermal")
    assert not err.startswith("error: model")


def test_unknown_thermal_model_names_the_heat_transfer_option(capsys):
    code, out, err = run(["simulate", EV, "--thermal", "lumpd", "--heat-transfer", "10"],
                         capsys)
    assert_one_line_error(code, out, err, "--thermal", "'lumpd'", "--heat-transfer")
    assert "heat_transfer_coefficient" not in err


# --- 3. a design space's bare number under a short key ------------------------------------


def _space(tmp_path: Path, parameters: dict) -> str:
    path = tmp_path / "space.yaml"
    path.write_text(yaml.safe_dump({"base": EV, "method": "grid", "parameters": parameters}),
                    encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(("key", "spec", "si"), [
    ("cathode.thickness", {"values": [50, 80]}, "cathode.thickness_m"),
    ("separator.thickness", {"min": 10, "max": "100 um", "n": 3}, "separator.thickness_m"),
    ("temperature", {"values": [300]}, "temperature_K"),
])
def test_bare_number_under_a_short_key_is_refused_as_in_a_design(tmp_path, capsys, key, spec,
                                                                 si):
    """`cathode.thickness: {values: [50, 80]}` was screened as 50 m and 80 m (every row
    'N/P ratio below 1'), where a design file refuses `thickness: 50`."""
    code, out, err = run(["screen", _space(tmp_path, {key: spec})], capsys)
    assert_one_line_error(code, out, err, f"parameters.{key}", "has no unit", si)


def test_numbers_with_units_or_under_the_si_key_still_screen(tmp_path, capsys):
    space = _space(tmp_path, {"cathode.thickness": {"values": ["50 um"]},
                              "separator.thickness_m": {"values": [3e-5]}})
    code, out, err = run(["screen", space, "--json"], capsys)
    assert code == 0, err
    assert '"Feasible designs": 1' in out


# --- 4. property names and compat ids: the close name first -------------------------------


def test_measure_misspelt_property_says_the_close_name_before_the_list(capsys):
    """The hint came after the list of ~30 properties, past where a terminal line is read."""
    code, out, err = run(["materials", "measure", "llzo", "--property", "ionic_conductivty",
                          "--value", "0.4 mS/cm", "--source", "my-lab"], capsys)
    assert_one_line_error(code, out, err, "--property", "did you mean ionic_conductivity?")
    assert err.index("did you mean") < err.index("allowed:")


def test_compat_misspelt_id_names_the_close_ids(capsys):
    code, out, err = run(["compat", "--electrolyte", "lpscl"], capsys)
    assert_one_line_error(code, out, err, "--electrolyte", "lpscl", "did you mean",
                          "li6ps5cl")
    code, out, err = run(["compat", "--electrode", "nmc81"], capsys)
    assert_one_line_error(code, out, err, "--electrode", "did you mean nmc811?")


def test_compat_repeated_id_makes_one_row(capsys):
    """`--electrolyte li6ps5cl --electrolyte li6ps5cl` printed (and computed) the row twice."""
    import json

    code, out, err = run(["compat", "--electrolyte", "li6ps5cl", "--electrolyte", "li6ps5cl",
                          "--electrode", "li_metal", "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["Electrolytes"] == ["li6ps5cl"] and len(data["Pairs"]) == 1


# --- 5. a state of charge in percent ------------------------------------------------------


def test_initial_soc_in_percent_is_the_same_start_as_the_fraction(capsys):
    """`--initial-soc '50 %'` was refused as 'not a voltage', where a design's fractions take
    '8 %'."""
    runs = []
    for soc in ("0.5", "50 %"):
        code, out, err = run(["rate-capability", EV, "--fast", "--rates", "1",
                              "--initial-soc", soc, "--json"], capsys)
        assert code == 0, err
        runs.append(out)
    assert runs[0] == runs[1]


@pytest.mark.parametrize("soc", ["150 %", "-5 %", "nan %"])
def test_initial_soc_percent_outside_the_window_is_refused(capsys, soc):
    code, out, err = run(["rate-capability", EV, "--fast", "--rates", "1",
                          "--initial-soc", soc], capsys)
    assert_one_line_error(code, out, err, "--initial-soc", repr(soc), "[0, 1]")
