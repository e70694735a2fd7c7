"""``rate_capability(..., initial_soc="4.2 V")`` (the voltage form of PyBaMM's initial_soc):
each discharge starts at rest at the state of charge whose open-circuit voltage is the given one
(OCV(x0) = V, inverted on the OCP data), as a cell charged to a stated voltage (LiCoO2 to 4.2 V)
and relaxed; default the charged end of the data."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
import yaml
from simhelpers import design_dict, half_cell
from test_sim_pybamm import _film_cell, _full_cell
from test_sim_rate_memo import solves  # noqa: F401  (the fixture counting PyBaMM solves)
from test_sim_thin_film_published import C_RATES, DESIGN, ONE_C_mA_cm2

from clirun import run_main
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.simulation import cell_parameters, simulate
from solidcell.simulation.runs import rate_capability

MAKERS = [half_cell, _full_cell, _film_cell]
IDS = ["half cell", "full cell", "dense film"]


@pytest.mark.parametrize("make", MAKERS, ids=IDS)
def test_the_inversion_gives_the_voltage_back(make) -> None:
    """OCV(x0) = V exactly (to round-off): the OCV is linear between the OCP data points, the
    inversion solves it on the segment that holds V; the charged end of the window is soc 1."""
    cp = make()
    lo, hi = (float(v) for v in cp.open_circuit_voltage([1.0, 0.0]))
    assert cp.soc_at_open_circuit_voltage(hi) == 1.0
    assert cp.soc_at_open_circuit_voltage(lo) == 0.0
    for v in np.linspace(lo, hi, 23)[1:-1]:
        soc = cp.soc_at_open_circuit_voltage(float(v))
        assert 0.0 < soc < 1.0
        assert abs(float(cp.open_circuit_voltage(1.0 - soc)) - v) < 1e-9


@pytest.mark.parametrize("make", MAKERS, ids=IDS)
def test_a_slow_discharge_starts_at_the_charge_voltage(make) -> None:
    """0.01C from 50 mV below the top and from mid-window: the first voltage of the PyBaMM
    discharge is the charge voltage minus the first-instant losses, which the fast model gives
    by formula (ohmic + Butler-Volmer on the same OCP inverted linearly). Tolerance 0.5 mV:
    PyBaMM's OCP is PCHIP between the data points, the inversion linear; scipy's PCHIP differs
    from the linear curve by < 0.07 mV at these states, and PyBaMM's and the fast model's first
    voltages by <= 0.18 mV (measured, coarse mesh); the losses at 0.01C are 1-4 mV (< 5 mV)."""
    cp = make()
    hi = float(cp.open_circuit_voltage(0.0))
    for v in (hi - 0.05, float(cp.open_circuit_voltage(0.5))):
        py = rate_capability(cp, [0.01], initial_soc=f"{v!r} V", mesh="coarse")
        fast = rate_capability(cp, [0.01], initial_soc=f"{v!r} V", model="fast")
        v0, v0_fast = py.curves[0][1][0], fast.curves[0][1][0]
        assert abs(v0 - v0_fast) <= 5e-4
        assert 0.0 < v - v0 < 5e-3
        assert any(f"open-circuit voltage is {v:.4g} V" in n for n in py.notes)


@pytest.mark.parametrize("model", ["pybamm", "fast"])
@pytest.mark.parametrize("make", MAKERS, ids=IDS)
def test_capacity_falls_with_the_charge_voltage(make, model) -> None:
    """Property: a cell charged to a lower voltage holds less and delivers less at the same
    current; charged to the top of its data it delivers what the default start delivers."""
    cp = make()
    hi = float(cp.open_circuit_voltage(0.0))
    kw = {"mesh": "coarse"} if model == "pybamm" else {}
    caps = [rate_capability(cp, [0.5], initial_soc=f"{v!r} V", model=model,
                            **kw).capacity_A_h[0] for v in (hi, hi - 0.1, hi - 0.2)]
    assert caps[0] > caps[1] > caps[2] > 0
    default = rate_capability(cp, [0.5], model=model, **kw)
    assert default.capacity_A_h[0] == caps[0]
    assert any("charged end of the OCP data window" in n for n in default.notes)


@pytest.mark.parametrize("value", [4.5, "4.5 V", 2.9, "2.9 V", math.nan, "nan V", "4.2",
                                   "4.2 mA", "high"])
def test_a_bad_charge_voltage_is_refused_by_name(value) -> None:
    """Above the OCP data (NMC811's window tops at 4.39 V), at or below the lower cut-off
    (3.0 V here), NaN, text without a unit (refused as for every quantity), a current, words."""
    cp = half_cell()
    with pytest.raises(ValidationError) as err:
        rate_capability(cp, [1.0], lower_cutoff="3.0 V", initial_soc=value, model="fast")
    assert err.value.field == "initial_soc"


def test_the_refusal_names_the_range_of_the_data() -> None:
    cp = half_cell()
    lo, hi = (float(v) for v in cp.open_circuit_voltage([1.0, 0.0]))
    with pytest.raises(ValidationError, match=f"{lo:.4g} V to {hi:.4g} V"):
        rate_capability(cp, [1.0], initial_soc=f"{hi + 0.01!r} V", model="fast")
    with pytest.raises(ValidationError, match="above the lower cut-off"):
        rate_capability(cp, [1.0], lower_cutoff="3.9 V", initial_soc="3.8 V")


def test_the_memo_tells_charge_voltages_apart(solves) -> None:  # noqa: F811
    cp = half_cell()
    hi = float(cp.open_circuit_voltage(0.0))
    a = rate_capability(cp, [1.0], mesh="coarse")
    b = rate_capability(cp, [1.0], mesh="coarse", initial_soc=f"{hi - 0.1!r} V")
    c = rate_capability(cp, [1.0], mesh="coarse", initial_soc=f"{hi - 0.1!r} V")
    assert len(solves) == 2  # the default, then 0.1 V lower; the same voltage again: the memo
    assert b.capacity_A_h[0] < a.capacity_A_h[0]
    assert c.capacity_A_h[0] == b.capacity_A_h[0]


def test_many_designs_take_it_too() -> None:
    from solidcell.simulation.runs import rate_capability_many

    cp = half_cell()
    hi = float(cp.open_circuit_voltage(0.0))
    one = rate_capability(cp, [1.0], mesh="coarse", initial_soc=f"{hi - 0.1!r} V")
    many = rate_capability_many([cp], [1.0], mesh="coarse", initial_soc=f"{hi - 0.1!r} V",
                                workers=1)
    assert many[0].capacity_A_h[0] == one.capacity_A_h[0]
    with pytest.raises(ValidationError, match="initial_soc"):
        rate_capability_many([cp], [1.0], initial_soc="5 V", workers=1)


#: ``solidcell ARGS`` in this process (tests/clirun.py; a process of its own imported PyBaMM
#: again for each run; tests/simulation/test_sim_cli.py runs the entry point as a process, H320)
_run = run_main


def test_cli_option(tmp_path: Path) -> None:
    path = tmp_path / "cell.yaml"
    path.write_text(yaml.safe_dump(design_dict()), encoding="utf-8")
    res = _run("rate-capability", str(path), "--fast", "--rates", "0.5", "--json",
               "--initial-soc", "4.0 V")
    assert res.returncode == 0, res.stderr
    at_4 = json.loads(res.stdout)
    assert any("open-circuit voltage is 4 V" in n for n in at_4["notes"])
    res = _run("rate-capability", str(path), "--fast", "--rates", "0.5", "--json")
    top = json.loads(res.stdout)
    assert at_4["Discharge capacity [A.h]"][0] < top["Discharge capacity [A.h]"][0]
    res = _run("rate-capability", str(path), "--fast", "--initial-soc", "4.0")
    assert res.returncode == 2 and "--initial-soc" in res.stderr
    assert "Traceback" not in res.stderr
    res = _run("rate-capability", str(path), "--fast", "--initial-soc", "9 V")
    assert res.returncode == 2 and "--initial-soc: '9 V'" in res.stderr


# --- the published thin-film cell (tests/simulation/test_sim_thin_film_published.py) -----------

def _protocol(c_rate: float, hold_end: float) -> list[str]:
    """The paper's cycle with the CV hold ending at ``hold_end`` x its 1C."""
    return [f"Charge at {ONE_C_mA_cm2:.6f} mA/cm2 until 4.2 V",
            f"Hold at 4.2 V until {hold_end * ONE_C_mA_cm2:.6f} mA/cm2",
            f"Discharge at {c_rate * ONE_C_mA_cm2:.6f} mA/cm2 for 40 hours or until 3.0 V"]


@pytest.fixture(scope="module")
def published():
    design = CellDesign(**yaml.safe_load(DESIGN.read_text("utf-8")))
    params = cell_parameters(design)
    q_util = params.capacity_A_h / (params.area_m2 * 1e4) * 1e3  # mAh/cm2
    rate = C_RATES[0] * ONE_C_mA_cm2 / q_util  # the paper's 0.1C in the model's C
    started = rate_capability(params, [rate], lower_cutoff="3.0 V", initial_soc="4.2 V")
    return design, started.capacity_A_h[0]


def test_charged_to_4_2_v_as_a_relaxed_cc_cv_charge(published) -> None:
    """The paper's 0.1C (20.8 uA/cm2) to 3.0 V after a charge to 4.2 V: rate_capability from OCV
    4.2 V against simulate's CC-CV workaround with the hold run on to 0.001C (the film close to
    uniform at 4.2 V): measured 0.065 % apart (asserted < 0.2 %; 0.10 % at 2C; 2026-12-07, the
    film's D at the cell's 20 degC; 0.063 % with the 298.15 K D)."""
    design, started = published
    relaxed = simulate(design, _protocol(0.1, 0.001)).delivered_capacity_A_h
    assert abs(started / relaxed - 1.0) < 2e-3


def test_the_papers_cv_end_leaves_the_film_short_of_4_2_v(published) -> None:
    """With the paper's hold (until 0.1C, the published test's workaround) the discharge gives
    6.97 % less than from OCV 4.2 V (asserted 6-7.5 %; 10.97 % at 2C; 2026-12-07, D at 20 degC;
    6.75 and 10.85 % with the 298.15 K D): at the end of the hold the film's surface is at
    4.2 V minus the ohmic and kinetic drop at 0.1C and its mean lags the surface by the
    diffusion gradient N L / 3D = 0.02 in stoichiometry (8.08 um, D 5.2e-15 m2/s at 20 degC),
    about 0.035 mAh/cm2 together (0.034 with the 298.15 K D). A film this slow is not at rest
    after that hold."""
    design, started = published
    papers = simulate(design, _protocol(0.1, 0.1)).delivered_capacity_A_h
    assert 1.06 < started / papers < 1.075
