"""Bad input to `solidcell interfaces`, `ccd` and `window` found by QA: refused in one line
naming the option, the value as typed and what is allowed, the same as the Python API."""

from __future__ import annotations

from pathlib import Path

import pytest

from clirun import run
from solidcell.errors import ValidationError
from solidcell.interfaces.energies import NotCoveredError
from solidcell.interfaces.stability import stability_window
from solidcell.mechanics.dendrite import critical_current_density

EV = str(Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml")


def refused(code: int, out: str, err: str, *words: str) -> None:
    assert code == 2 and out == "", (code, out, err)
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err
    for word in words:
        assert word in err, err


def test_a_stack_pressure_no_cell_holds_is_refused(capsys) -> None:
    """`--stack-pressure "1e12 MPa"` was accepted and tabulated."""
    refused(*run(["interfaces", EV, "--stack-pressure", "1e12 MPa"], capsys),
            "--stack-pressure", "'1e12 MPa'", "Young's modulus of lithium, 7.82 GPa")
    code, _, err = run(["interfaces", EV, "--stack-pressure", "5 MPa", "--json"], capsys)
    assert code == 0, err


def test_a_flaw_deeper_than_the_separator_is_refused(capsys) -> None:
    """`--flaw-size "1 km"` gave a CCD estimate of a 1 km flaw in a 30 um separator."""
    for text in ("1 km", "30 um"):
        refused(*run(["interfaces", EV, "--flaw-size", text], capsys),
                "--flaw-size", repr(text), "separator thickness, 30 um")
    code, _, err = run(["interfaces", EV, "--flaw-size", "5 um", "--json"], capsys)
    assert code == 0, err


def test_ccd_refuses_a_non_electrolyte_as_the_api_does(capsys) -> None:
    with pytest.raises(ValidationError) as info:
        critical_current_density("nmc811", 5e-6, fracture_toughness_Pa_m05=1e6)
    code, out, err = run(["ccd", "nmc811", "--flaw-size", "5 um", "--toughness",
                          "1 MPa*m**0.5"], capsys)
    refused(code, out, err)
    assert err == f"error: {info.value}\n"  # one message, in Python and on the command line


def test_a_formula_outside_the_energy_table_names_both_ways_to_supply_it(capsys) -> None:
    """`window H2O` pointed only to the Python API's entries=[...], not to --entry. (H is in
    the full table now; Xe is in no row of the Matbench snapshot.)"""
    with pytest.raises(NotCoveredError) as info:
        stability_window("XeF2")
    assert "entries=[(formula, eV/atom), ...]" in str(info.value)
    code, out, err = run(["window", "XeF2"], capsys)
    refused(code, out, err, "XeF2", "--entry FORMULA=EV_PER_ATOM")
    # the option it names is taken (-0.9 eV/atom is a placeholder input, not data: only the
    # refusal for the missing element Xe must go)
    code, out, err = run(["window", "XeF2", "--entry", "XeF2=-0.9", "--json"], capsys)
    assert code == 0 and "no data for element" not in err, err
