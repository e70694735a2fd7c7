"""``simulate(..., initial_soc="4.2 V")`` (PyBaMM's convention: a voltage string is the state
whose open-circuit voltage is that), also ``temperature_sweep`` and ``rate_capability``
(``initial_soc=``): one initial state, from
:meth:`CellParameters.soc_at_open_circuit_voltage`; notes quote a step as the user typed it."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from simhelpers import design_dict, half_cell
from test_sim_pybamm import _film_cell, _full_cell

from clirun import run_main
from solidcell.errors import ValidationError
from solidcell.simulation import simulate
from solidcell.simulation.runs import rate_capability, temperature_sweep

MAKERS = [half_cell, _full_cell, _film_cell]
IDS = ["half cell", "full cell", "dense film"]
FILM_DESIGN = Path(__file__).parent / "data" / "raijmakers2020_thin_film_design.yaml"


@pytest.mark.parametrize("make", MAKERS, ids=IDS)
def test_the_first_open_circuit_voltage_is_the_one_given(make) -> None:
    """OCV at t = 0 of the PyBaMM solution equals the voltage given, 50 mV below the top of
    the data and mid-window. Tolerance 0.1 mV: PyBaMM's OCP is PCHIP between the data points,
    the inversion linear (< 0.07 mV apart at these states, test_sim_charge_voltage.py; measured
    here <= 0.064 mV). A state of charge given as a number starts at the same state."""
    cp = make()
    hi = float(cp.open_circuit_voltage(0.0))
    for v in (hi - 0.05, float(cp.open_circuit_voltage(0.5))):
        res = simulate(cp, "Discharge at 0.05C for 1 minute", initial_soc=f"{v!r} V",
                       mesh="coarse")
        assert abs(res.open_circuit_voltage_V[0] - v) < 1e-4
        assert any(f"open-circuit voltage is {v:.4g} V (initial_soc" in n for n in res.notes)
    mid = simulate(cp, "Discharge at 0.05C for 1 minute", initial_soc=0.5, mesh="coarse")
    assert abs(mid.open_circuit_voltage_V[0] - float(cp.open_circuit_voltage(0.5))) < 1e-4
    assert any("state of charge 0.5 of the usable window (initial_soc)" in n
               for n in mid.notes)


@pytest.mark.parametrize("make", MAKERS, ids=IDS)
def test_simulate_and_rate_capability_start_alike(make) -> None:
    """0.05C to the default cut-off from 4.2 V (the top of the data minus 0.1 V where the data
    end below 4.2 V): simulate and rate_capability deliver the same capacity.
    Measured 1.1e-6 to 2.0e-6 apart (coarse mesh; the two solve on different output grids);
    asserted < 1e-5."""
    cp = make()
    hi = float(cp.open_circuit_voltage(0.0))
    lo = cp.default_voltage_limits_V[0]
    v = 4.2 if hi > 4.2 else hi - 0.1
    sim = simulate(cp, f"Discharge at 0.05C until {lo:.6f} V", initial_soc=f"{v!r} V",
                   mesh="coarse").delivered_capacity_A_h
    rate = rate_capability(cp, [0.05], lower_cutoff=lo, initial_soc=f"{v!r} V", mesh="coarse")
    assert abs(sim / rate.capacity_A_h[0] - 1.0) < 1e-5


@pytest.mark.parametrize("value", [5.0, 1.5, -0.1, math.nan, "5 V", "2 V", "nan V", "4.2",
                                   "4.2 mA", "high", True])
def test_a_bad_initial_state_is_refused_by_name(value) -> None:
    """A number outside [0, 1] or NaN, a voltage outside the OCV of the window (NMC811's data:
    about 3.4 to 4.39 V), text without a unit, a current, words, a bool."""
    with pytest.raises(ValidationError) as err:
        simulate(half_cell(), "Discharge at 1C until 3 V", initial_soc=value, mesh="coarse")
    assert err.value.field == "initial_soc"


def test_the_refusal_names_the_window() -> None:
    cp = half_cell()
    lo, hi = (float(v) for v in cp.open_circuit_voltage([1.0, 0.0]))
    with pytest.raises(ValidationError, match=f"{lo:.4g} V to {hi:.4g} V"):
        simulate(cp, "Discharge at 1C until 3 V", initial_soc=f"{hi + 0.01!r} V")
    with pytest.raises(ValidationError) as err:
        rate_capability(cp, [1.0], initial_soc=2.0, model="fast")
    assert err.value.field == "initial_soc"


@settings(max_examples=8, derandomize=True)
@given(a=st.floats(0.05, 0.95), b=st.floats(0.05, 0.95))
def test_capacity_rises_with_the_initial_voltage(a: float, b: float) -> None:
    """Property: of two voltages inside the OCV window (5 % to 95 % of its span), the cell
    started at the higher one delivers at least as much at 0.2C (to 1e-9 A h for equal
    states); strictly more where the states differ by 1 % of the window or more."""
    cp = half_cell()
    lo, hi = (float(v) for v in cp.open_circuit_voltage([1.0, 0.0]))
    va, vb = sorted((lo + a * (hi - lo), lo + b * (hi - lo)))
    caps = [simulate(cp, "Discharge at 0.2C until 3 V", initial_soc=f"{v!r} V",
                     mesh="coarse").delivered_capacity_A_h for v in (va, vb)]
    assert caps[0] <= caps[1] + 1e-9
    if cp.soc_at_open_circuit_voltage(vb) - cp.soc_at_open_circuit_voltage(va) >= 0.01:
        assert caps[0] < caps[1]


def test_a_temperature_sweep_starts_there_too(tmp_path: Path) -> None:
    path = tmp_path / "cell.yaml"
    path.write_text(yaml.safe_dump(design_dict()), encoding="utf-8")
    top = temperature_sweep(path, [298.15], 0.5, mesh="coarse")
    at_4 = temperature_sweep(path, [298.15], 0.5, mesh="coarse", initial_soc="4.0 V")
    assert 0 < at_4.capacity_A_h[0] < top.capacity_A_h[0]
    assert any("open-circuit voltage is 4 V (initial_soc" in n for n in at_4.notes)
    with pytest.raises(ValidationError) as err:
        temperature_sweep(path, [298.15], 0.5, initial_soc="9 V")
    assert err.value.field == "initial_soc"


def test_a_note_quotes_the_step_as_typed() -> None:
    """The step of 0.02 mA/cm2 on the thin-film cell (PyBaMM runs it as a current in mA) is
    quoted as typed, with the current it ran at in parentheses."""
    res = simulate(FILM_DESIGN, "Discharge at 0.02 mA/cm2 until 3.0 V")
    note = next(n for n in res.notes if "default duration" in n)
    assert note.startswith("step 'Discharge at 0.02 mA/cm2 until 3.0 V' (run as "
                           "'Discharge at ")
    assert " mA until 3.0 V') ran for" in note


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "solidcell", *args], capture_output=True,
                          text=True, env=dict(os.environ), timeout=600)


def test_cli_option() -> None:
    """The runs in this process (``run_main``: a process of their own imported PyBaMM again,
    seconds each); the refusal in a process of its own (exit code 2, no traceback)."""
    res = run_main("simulate", str(FILM_DESIGN), "-e", "Discharge at 0.2 mA/cm2 until 3.0 V",
                   "--mesh", "coarse", "--json", "--initial-soc", "4.2 V")
    assert res.returncode == 0, res.stderr
    assert any("open-circuit voltage is 4.2 V" in n for n in json.loads(res.stdout)["notes"])
    res = _run("simulate", str(FILM_DESIGN), "--initial-soc", "4.2")
    assert res.returncode == 2 and "--initial-soc: '4.2' is not allowed" in res.stderr
    assert "Traceback" not in res.stderr


def test_rate_capability_cli_takes_it_too(tmp_path: Path) -> None:
    """rate-capability --initial-soc: a voltage ('4.0 V') or a state of charge as a number."""
    path = tmp_path / "cell.yaml"
    path.write_text(yaml.safe_dump(design_dict()), encoding="utf-8")
    base = ("rate-capability", str(path), "--fast", "--rates", "0.5", "--json")
    out = {}
    for key, extra in (("soc", ("--initial-soc", "4.0 V")), ("half", ("--initial-soc", "0.5"))):
        res = run_main(*base, *extra)
        assert res.returncode == 0, res.stderr
        out[key] = json.loads(res.stdout)["Discharge capacity [A.h]"][0]
    assert 0 < out["half"] < out["soc"]
