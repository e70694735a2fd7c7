"""The PyBaMM model (coarse mesh): analytic limits, build once, failures, experiments."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from simhelpers import design_dict, half_cell

from solidcell.citations import cite
from solidcell.errors import SolidcellError, ValidationError
from solidcell.simulation import pybamm_adapter as pa
from solidcell.simulation.parameters import (
    CellParameters,
    CounterElectrode,
    dense_film_from_material,
    electrode_from_material,
)
from solidcell.simulation.runs import rate_capability, simulate


def _discharge(cp, rate: float, ocp_ends: str = "auto", **kw):
    built = pa.get_built(cp, mesh="coarse", ocp_ends=ocp_ends)
    sol = built.solve(cp, current_A=cp.capacity_A_h * rate, t_end_s=3600 / rate * 1.05, **kw)
    return pa.read_solution(sol, cp)


def test_separator_ohmic_drop_equals_i_l_over_sigma() -> None:
    # analytic: a dense single-ion separator is an ohmic resistor, drop = i L / sigma
    cp = half_cell(sigma_sep=0.05, sep_thickness=40e-6)
    out = _discharge(cp, 1.0)
    i = cp.capacity_A_h / cp.area_m2
    assert np.allclose(out["Separator ohmic overpotential [V]"], i * 40e-6 / 0.05, rtol=1e-6)
    # the interface resistance is i R_int (contact resistance option, Ohm cm2 -> Ohm)
    assert np.allclose(out["Interface overpotential [V]"], i * cp.interface_resistance_ohm_m2,
                       rtol=1e-6)


def test_c20_capacity_is_the_utilisable_capacity() -> None:
    # analytic limit: negligible transport losses, C/20 -> F c_max (s_hi - s_lo) phi L A, with
    # the rule that stops at the end of the data (the wall of the default "auto" holds a
    # little lithium beyond it: tests/simulation/test_sim_ocp_wall.py)
    cp = half_cell(kappa=50.0, sigma_sep=50.0, r_int=0.0, radius=0.5e-6)
    out = _discharge(cp, 0.05, ocp_ends="stop")
    assert out["Discharge capacity [A.h]"][-1] / cp.capacity_A_h == pytest.approx(1.0, abs=5e-3)
    assert "OCP data" in out["termination"]  # it stopped at the end of the data, not beyond


def test_build_once_solve_many_and_breakdown_closes() -> None:
    cp = half_cell()
    built = pa.get_built(cp, mesh="coarse")
    caps = []
    for rate in (0.5, 2.0):
        out = _discharge(cp.with_changes(separator_conductivity_S_m=0.1), rate)
        caps.append(out["Discharge capacity [A.h]"][-1])
        # OCV minus the five losses is the terminal voltage
        losses = sum(out[k] for k in out if k.endswith("overpotential [V]"))
        assert np.allclose(out["Open-circuit voltage [V]"] - losses, out["Voltage [V]"],
                           atol=2e-3)
    assert pa.get_built(cp.with_changes(interface_resistance_ohm_m2=0.0),
                        mesh="coarse") is built  # an input changed: no rebuild
    assert caps[1] < caps[0]


def _full_cell() -> CellParameters:
    kw = dict(active_volume_fraction=0.6, electrolyte_volume_fraction=0.35,
              electrolyte_conductivity_S_m=1.0)
    neg, _ = electrode_from_material("graphite", thickness_m=80e-6, **kw, where="anode")
    pos, _ = electrode_from_material("nmc811", thickness_m=60e-6, particle_radius_m=3e-6, **kw)
    return CellParameters(positive=pos, negative=neg, separator_thickness_m=30e-6,
                          separator_conductivity_S_m=1.0, interface_resistance_ohm_m2=10e-4,
                          area_m2=1e-4, temperature_K=298.15, name="full")


def _film_cell() -> CellParameters:
    film, _ = dense_film_from_material("lco", thickness_m=5e-6)
    return CellParameters(positive=film, negative=CounterElectrode("li_metal"),
                          separator_thickness_m=1.5e-6, separator_conductivity_S_m=3e-4,
                          interface_resistance_ohm_m2=0.0, area_m2=1e-4, temperature_K=298.15,
                          name="film")


@pytest.mark.parametrize("make", [half_cell, _full_cell, _film_cell],
                         ids=["half cell", "full cell", "dense film"])
def test_rate_model_with_numbers_solves_as_the_model_with_inputs(make) -> None:
    """RATE_NUMERIC (initial state and diffusivities as numbers, for speed) changes how PyBaMM
    evaluates the model, not the model: the same discharge within the solver's tolerance
    (measured: capacity 6e-6 relative, voltage 1.2e-4 V at most, full cell at 0.2C); a solve
    that needs other values for those numbers is refused, and other values build another
    model."""
    cp = make()
    fast = pa.get_built(cp, mesh="coarse", outputs=pa.RATE_OUTPUTS, numeric=pa.RATE_NUMERIC)
    ref = pa.get_built(cp, mesh="coarse", outputs=pa.RATE_OUTPUTS)
    assert fast is not ref and {k for k, _ in fast.numeric} <= set(pa.input_values(cp))
    assert len(fast.numeric) == (4 if make is _full_cell else 2)
    for rate in (0.2, 3.0):
        kw = dict(current_A=cp.capacity_A_h * rate, t_end_s=3600 / rate * 1.05, n_points=120)
        a, b = pa.read_solution(fast.solve(cp, **kw), cp, breakdown=False), \
            pa.read_solution(ref.solve(cp, **kw), cp, breakdown=False)
        q_a, q_b = a["Discharge capacity [A.h]"], b["Discharge capacity [A.h]"]
        assert q_a[-1] == pytest.approx(q_b[-1], rel=pa.RTOL)
        n = min(q_a.size, q_b.size) - 1  # the last point is the event, found by each solve
        assert np.max(np.abs(a["Voltage [V]"][:n] - b["Voltage [V]"][:n])) < 1e-3
    with pytest.raises(ValidationError, match="Initial") as info:
        fast.solve(cp, current_A=cp.capacity_A_h, t_end_s=3600.0, initial_soc=0.5)
    assert "get_built" in str(info.value)
    slower = cp.with_changes(positive=replace(cp.positive,
                                              diffusivity_m2_s=cp.positive.diffusivity_m2_s / 2))
    with pytest.raises(ValidationError, match="diffusivity"):
        fast.solve(slower, current_A=cp.capacity_A_h, t_end_s=3600.0)
    assert pa.get_built(slower, mesh="coarse", outputs=pa.RATE_OUTPUTS,
                        numeric=pa.RATE_NUMERIC) is not fast
    assert pa.get_built(cp, mesh="coarse", outputs=pa.RATE_OUTPUTS,
                        numeric=pa.RATE_NUMERIC) is fast  # cached


def test_li_in_shifts_the_voltage_by_0_62_V() -> None:
    li = _discharge(half_cell(counter="li_metal"), 0.5)
    li_in = _discharge(half_cell(counter="li_in"), 0.5)
    assert li["Voltage [V]"][0] - li_in["Voltage [V]"][0] == pytest.approx(0.62, abs=1e-3)


def test_solver_failure_names_the_design_field() -> None:
    # a separator of 1e-5 S/m at 1C drops volts at once: PyBaMM cannot start
    cp = half_cell(sigma_sep=1e-5)
    with pytest.raises(pa.SimulationFailed, match="separator") as info:
        _discharge(cp, 1.0)
    assert isinstance(info.value, SolidcellError)


def test_current_densities_become_currents() -> None:
    steps = pa.normalise_experiment("Discharge at 0.5 mA/cm2 until 3 V; Rest for 1 hour",
                                    area_m2=2e-4)
    assert steps == ("Discharge at 1 mA until 3 V", "Rest for 1 hour")
    assert pa.convert_current_densities("Charge at 20 A/m2 until 4.2 V", 1e-4) == \
        "Charge at 2 mA until 4.2 V"
    assert pa.convert_current_densities("Discharge at 1C until 3 V", 1.0) == \
        "Discharge at 1C until 3 V"
    assert "100 mA" in pa.convert_current_densities("Discharge at 1 mA cm-2", 1e-2)
    with pytest.raises(ValidationError, match="experiment"):
        pa.normalise_experiment(" ; ", 1.0)


def test_simulate_a_design_with_an_experiment_and_cite_it(tmp_path) -> None:
    from solidcell.cell.design import CellDesign

    design = CellDesign(**design_dict())
    result = simulate(design, "Discharge at 1 mA/cm2 until 3.3 V",
                      mesh="coarse")
    assert result.delivered_capacity_A_h > 0
    assert np.all(np.isfinite(result.voltage_V))
    data = result.to_json()
    assert data["Delivered capacity [A.h]"] == pytest.approx(result.delivered_capacity_A_h)
    assert "chen2020" in cite(result)
    png = result.plot(tmp_path / "v.png")
    assert png.stat().st_size > 1000
    with pytest.raises(ValidationError, match="experiment"):
        simulate(design, "Dance at 1C", mesh="coarse")


def test_rate_capability_pybamm_and_fast_agree_on_a_fast_cell() -> None:
    cp = half_cell(kappa=1.0, sigma_sep=1.0)
    rp = rate_capability(cp, [0.2, 1.0], mesh="coarse")
    rf = rate_capability(cp, [0.2, 1.0], model="fast")
    assert np.allclose(rf.capacity_fraction, rp.capacity_fraction, atol=0.02)
    assert set(rp.to_json()) >= {"Areal energy [W.h.m-2]", "Areal power [W.m-2]", "sources"}


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 20), k=st.integers(1, 4), sep=st.sampled_from([",", ";"]),
       times=st.sampled_from(["*", " * ", "x", "×"]))
def test_repeated_groups_expand_to_n_copies(n, k, sep, times) -> None:
    group = [f"Rest for {i + 1} minutes" for i in range(k)]
    text = f"Discharge at 1C until 3 V; ({f'{sep} '.join(group)}){times}{n}"
    steps = pa.normalise_experiment(text, 1.0)
    assert steps == ("Discharge at 1C until 3 V", *(group * n))
    # PyBaMM's own spelling: a list with a tuple per cycle
    assert pa.normalise_experiment([tuple(group)] * n, 1.0) == tuple(group * n)


@pytest.mark.parametrize("text", ["(Rest for 1 minute)*0", "(Rest for 1 minute)*100000",
                                  "(Rest for 1 minute", "()*3"])
def test_bad_repeats_name_the_experiment(text) -> None:
    with pytest.raises(ValidationError, match=r"experiment.*allowed"):
        pa.normalise_experiment(text, 1.0)


def test_cycling_runs_every_step_past_the_end_of_the_ocp_data() -> None:
    """A 3 V cut-off lies below the OCV at the end of the NMC811 data (chen2020): the first
    discharge ends at the data end; the experiment must go on with the later steps (it
    stopped after the first step before) and count the charge put in."""
    from solidcell.cell.design import CellDesign

    design = CellDesign(**design_dict())
    r = simulate(design, "(Discharge at 1C until 3 V, Rest for 5 minutes, "
                 "Charge at C/2 until 4.2 V)*2", mesh="coarse")
    i = r.current_A
    runs = np.diff(np.sign(np.where(np.abs(i) > 1e-12, i, 0.0)[np.abs(i) > 1e-12])) != 0
    assert int(np.count_nonzero(runs)) == 3  # discharge, charge, discharge, charge
    assert r.time_s[-1] > 2 * 3600.0 * 0.5
    assert r.charged_capacity_A_h > r.delivered_capacity_A_h
    assert not any("were not run" in n for n in r.notes)


def test_charged_capacity_is_current_times_time() -> None:
    """Q = I t for a constant-current charge (Coulomb counting), starting discharged."""
    from solidcell.cell.design import CellDesign

    design = CellDesign(**design_dict())
    r = simulate(design, "Charge at C/2 for 30 minutes", mesh="coarse")
    current = float(-r.current_A[-1])
    assert r.charged_capacity_A_h == pytest.approx(current * 0.5, rel=1e-6)
    assert r.to_json()["Charged capacity [A.h]"] == pytest.approx(current * 0.5, rel=1e-6)
    assert r.charged_energy_W_h == pytest.approx(
        np.trapezoid(r.voltage_V * current, r.time_s) / 3600.0, rel=1e-6)
    assert r.delivered_capacity_A_h == 0.0


def test_a_step_that_runs_out_of_time_says_so() -> None:
    from solidcell.cell.design import CellDesign

    design = CellDesign(**design_dict())
    # 0.001 mA on 1 cm2 of a ~3 mAh cell needs ~3000 h; PyBaMM stops a current step at 24 h
    r = simulate(design, "Discharge at 0.001 mA/cm2 until 3 V", mesh="coarse")
    assert r.termination.strip() == "final time"
    assert r.time_s[-1] == pytest.approx(24 * 3600.0)
    assert any("default duration of such a step (24 hours)" in n for n in r.notes)
