"""Fresh-eyes QA of the simulation entry points as a researcher calls them (coarse mesh, small
cells). Each test failed before its fix; the docstring says how."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pybamm
import pytest
from simhelpers import half_cell

from solidcell.errors import ValidationError
from solidcell.simulation import pybamm_adapter as pa
from solidcell.simulation.parameters import parameters_from_design
from solidcell.simulation.runs import (
    rate_capability,
    rate_capability_many,
    simulate,
    temperature_sweep,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.mark.parametrize(("density", "area_m2"), [
    ("250 mA/cm2", 0.4),     # EV pouch (4,000 cm2): 1e6 mA was written '1e+06 mA'
    ("100 mA/cm2", 1.0),     # 1 m2
    ("2000 A/m2", 0.4),
    ("0.01 uA/cm2", 1e-4),   # a small film: 1e-05 mA (PyBaMM reads this one)
    ("0.5 mA/cm2", 2e-4),
])
def test_current_densities_become_currents_pybamm_can_read(density: str,
                                                           area_m2: float) -> None:
    """'Discharge at 250 mA/cm2 until 3 V' on the EV example was refused as 'not a PyBaMM
    step (could not convert string to float: '1e')': the converted current was formatted
    '1e+06 mA', which PyBaMM's step parser cannot read."""
    step = pa.convert_current_densities(f"Discharge at {density} until 3 V", area_m2)
    value, unit = density.split()
    per_m2 = {"mA/cm2": 1e-3 / 1e-4, "A/m2": 1.0, "uA/cm2": 1e-6 / 1e-4}[unit]
    expected_A = float(value) * per_m2 * area_m2
    assert float(pybamm.step.string(step).value) == pytest.approx(expected_A, rel=1e-6)


@pytest.mark.parametrize("density", ["1 mA cm^-2", "1 mA·cm⁻²", "1 mA·cm-2"])
def test_current_densities_in_superscript_notation_are_read(density: str) -> None:
    """'1 mA cm^-2' (the common notation of papers) was left as it was and refused by PyBaMM
    ('units must be A, V, W, Ohm, or C')."""
    steps = pa.normalise_experiment(f"Discharge at {density} until 3 V", 2e-4)
    assert steps == ("Discharge at 2 mA until 3 V",)


@pytest.mark.parametrize(("step", "words"), [
    # was refused as 'is not a PyBaMM step (float division by zero)'
    ("Discharge at 0C until 3 V", "C-rate of 0"),
    ("Hold at 4.2 V until C/0", "C-rate of 0"),
    # were accepted: a limit no cell reaches (PyBaMM compares |I| with a current limit)
    ("Discharge at 1C until -3 V", "voltage limit"),
    ("Discharge at 1C until 0 V", "voltage limit"),
    ("Hold at 4.2 V until 0 mA", "current limit"),
])
def test_zero_and_negative_limits_are_refused_naming_the_step(step: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words) as info:
        simulate(half_cell(), f"Rest for 1 minute; {step}", mesh="coarse")
    assert info.value.field == "experiment" and info.value.value == step


def test_a_hold_above_the_window_is_skipped_and_the_experiment_goes_on() -> None:
    """'Hold at 100 V for 1 minute' failed in the solver with PyBaMM's dump of the inputs:
    the model's upper cut-off came from 'until ... V' limits only (the hold voltage was above
    it at the start). The cell starts at the charged end of its OCP data, where a hold above
    it can do nothing: it is skipped, with a note, and the rest runs (above
    solidcell.checks.MAX_CELL_VOLTAGE_V, 10 V, a hold is refused: test_sim_experiment_limits).
    That is the rule "stop"; behind the wall of the default ("auto") the hold runs 0.1 s,
    until the surface reaches the wall's far end, and the rest follows."""
    r = simulate(half_cell(), "Hold at 10 V for 1 minute; Rest for 1 minute", mesh="coarse",
                 ocp_ends="stop")
    assert r.time_s[-1] == pytest.approx(60.0)
    assert any("'Hold at 10 V for 1 minute' was skipped" in n for n in r.notes)
    walled = simulate(half_cell(), "Hold at 10 V for 1 minute; Rest for 1 minute",
                      mesh="coarse")
    assert walled.ocp_ends == "wall" and 60.0 < walled.time_s[-1] < 61.0
    assert pa.step_voltages_V(["Hold at 4.2 V until C/20", "Discharge at 1C until 2500 mV",
                               "Rest for 1 hour"]) == [4.2, 2.5]


@pytest.mark.parametrize(("cell", "volts"), [
    ("half", "4.3"),   # NMC811 | Li: its OCP data end at 4.29 V
    ("film", "4.5"),   # thin-film LiCoO2 | LiPON | Li: data end at 4.39 V
])
def test_a_cc_cv_charge_above_the_data_goes_on_to_the_discharge(cell: str, volts: str) -> None:
    """'Charge at 1C until 4.3 V; Hold at 4.3 V until C/20; ...; Discharge ...': the charge
    ends at the end of the OCP data (a step termination), but the hold had no such
    termination and ran into the model's event, which ends the whole experiment: the discharge
    never ran (delivered 0.0, 'the 2 later steps of the experiment were not run'). A hold now
    also ends at the end it moves towards. (The rule "stop"; behind the wall of the default
    "auto" the NMC811 charge reaches 4.3 V a little beyond the data and the hold runs.)"""
    design = half_cell() if cell == "half" else EXAMPLES / "thin-film-lco-lipon-li.yaml"
    steps = (f"Charge at 1C until {volts} V; Hold at {volts} V until C/20; "
             "Rest for 10 minutes; Discharge at 1C until 3 V")
    r = simulate(design, steps, mesh="coarse", ocp_ends="stop")
    if cell == "half":
        walled = simulate(design, steps, mesh="coarse")
        assert walled.ocp_ends == "wall" and not any("not run" in n for n in walled.notes)
        assert walled.delivered_capacity_A_h > 0.1 * walled.utilisable_capacity_A_h
    assert not any("not run" in n for n in r.notes)
    assert any(f"'Hold at {volts} V until C/20' ended where a particle surface reached the end"
               in n for n in r.notes)
    # the discharge ran (the film is diffusion-limited at 1C: 0.57 of its capacity from rest)
    assert r.delivered_capacity_A_h > 0.1 * r.utilisable_capacity_A_h
    assert r.delivered_capacity_A_h <= r.charged_capacity_A_h  # nothing made from nothing


def test_a_hold_below_the_end_after_a_full_charge_runs() -> None:
    """The hold's OCP-end terminations hold only towards their end: a hold at 3.9 V right after
    a charge to the charged end discharges the cell for its whole 30 minutes."""
    r = simulate(half_cell(), "Charge at 1C until 4.5 V; Hold at 3.9 V for 30 minutes",
                 mesh="coarse")
    hold = np.isclose(r.voltage_V, 3.9, atol=1e-6)
    assert r.time_s[-1] - r.time_s[np.argmax(hold)] == pytest.approx(1800.0, rel=1e-3)
    assert r.delivered_capacity_A_h > 0.2 * r.utilisable_capacity_A_h


def test_a_rate_far_beyond_the_window_gets_no_capacity_and_the_sweep_goes_on() -> None:
    """At 3600C the EV example's PyBaMM solver fails at t = 0 (IDA_BAD_K) instead of stopping
    at the cut-off: rate_capability([1, 3600]) raised SimulationFailed and lost the 1C result,
    and the message blamed the particle radius (a solid-diffusion loss does not exist at the
    first instant). The docs promise capacity 0 for a cell below its cut-off at once."""
    r = rate_capability(EXAMPLES / "ev-nmc811-lpscl-li.yaml", [1.0, 3600.0], mesh="coarse")
    assert r.capacity_A_h[0] > 0.5 * r.utilisable_capacity_A_h
    assert r.capacity_A_h[1] == 0.0 and r.energy_W_h[1] == 0.0
    assert r.terminations[1].startswith("no capacity")
    assert "particle_radius" not in r.terminations[1]


def test_an_experiment_far_beyond_the_window_says_so_and_names_an_ohmic_loss() -> None:
    """simulate(EV example, 'Discharge at 3600C until 3 V') raised SimulationFailed 'look at
    ... cathode.particle_radius_m (solid diffusion)' from the solver's IDA_BAD_K at t = 0; at
    the first instant no diffusion loss exists. Now CutoffAtStart naming the composite."""
    with pytest.raises(pa.CutoffAtStart, match="voltage window") as info:
        simulate(EXAMPLES / "ev-nmc811-lpscl-li.yaml", "Discharge at 3600C until 3 V",
                 mesh="coarse")
    assert "composite conductivity" in info.value.field
    assert "particle_radius" not in info.value.field


def test_a_temperature_sweep_into_the_cold_gets_no_capacity_instead_of_failing() -> None:
    """The polymer example (PEO-LiTFSI) at 200 K: its conductivity extrapolates to ~1e-7 S/m,
    the solver failed at t = 0 and temperature_sweep raised SimulationFailed; the fast model
    puts the voltage below the cut-off at the first instant, so capacity 0."""
    r = temperature_sweep(EXAMPLES / "polymer-lfp-peo-li.yaml", [200.0, 333.15],
                          mesh="coarse")
    assert r.capacity_A_h[0] == 0.0 and r.terminations[0].startswith("no capacity")
    assert r.capacity_A_h[1] > 0.9 * r.utilisable_capacity_A_h


def test_an_experiment_that_cannot_start_names_the_largest_loss() -> None:
    """A composite of 1e-6 S/m cannot carry 1C: the error named only the step ('look at
    experiment step ...'), not which design field makes the loss."""
    with pytest.raises(pa.CutoffAtStart) as info:
        simulate(half_cell(kappa=1e-6), "Discharge at 1C until 3 V", mesh="coarse")
    assert "composite conductivity" in info.value.field
    assert "particle_radius" not in info.value.field
    # a limit already past at the start is the cause itself: no loss is named then
    with pytest.raises(pa.CutoffAtStart) as info:
        simulate(half_cell(), "Discharge at 1C until 5 V", mesh="coarse")
    assert info.value.field == "experiment step 'Discharge at 1C until 5 V'"


def test_a_bipolar_stack_says_it_is_simulated_per_cell() -> None:
    """The bipolar example (6 cells in series) was simulated as one cell (voltage 3.5-4.2 V,
    13.2 W h at 1C, against evaluate's 22.8 V and 87 W h package) without a word."""
    from solidcell.cell.design import CellDesign

    cp = parameters_from_design(CellDesign.from_file(EXAMPLES / "bipolar-nmc811-lpscl-li.yaml"))
    assert any("6 cells in series" in n and "6 times" in n for n in cp.notes)
    planar = parameters_from_design(CellDesign.from_file(EXAMPLES / "ev-nmc811-lpscl-li.yaml"))
    assert not any("in series" in n for n in planar.notes)


def test_progress_bars_on_a_serial_sweep_and_a_temperature_sweep(capsys) -> None:
    """rate_capability_many(workers=1, progress=True) showed no bar (only the process pool
    had one); temperature_sweep, which rebuilds the model per temperature, had no option."""
    film = EXAMPLES / "thin-film-lco-lipon-li.yaml"
    rate_capability_many([film, film], [1.0], workers=1, progress=True, mesh="coarse")
    assert "designs" in capsys.readouterr().err
    r = temperature_sweep(film, [298.15, 313.15], progress=True, mesh="coarse")
    assert "temperatures" in capsys.readouterr().err
    assert np.all(r.capacity_A_h > 0)
    with pytest.raises(ValidationError, match="progress"):
        temperature_sweep(film, [298.15], progress="yes")


def test_a_long_experiment_shows_a_bar_over_its_steps(capsys) -> None:
    """simulate() had no progress option: a cycling experiment of minutes ran without a word
    (the command showed a spinner only). progress=True shows PyBaMM's bar over the steps; the
    command uses it on a terminal for an experiment of more than one step."""
    from solidcell.cli.simulate import _n_steps

    simulate(half_cell(), "(Discharge at 1C for 1 minute, Rest for 1 minute)*2",
             mesh="coarse", progress=True)
    assert "Cycling" in capsys.readouterr().err
    with pytest.raises(ValidationError, match="progress"):
        simulate(half_cell(), "Rest for 1 minute", progress="yes")
    assert _n_steps("(Discharge at 1C for 1 minute, Rest for 1 minute)*3") == 6
    assert _n_steps("Dischrge at 1C") == 1 and _n_steps("Discharge at 1C until 3 V") == 1


def test_an_unknown_field_of_cell_parameters_is_named() -> None:
    """cp.with_changes(separator_conductivity=0.1) (the unit suffix left out) was a TypeError
    from dataclasses ('unexpected keyword argument'), not the ValidationError naming it."""
    with pytest.raises(ValidationError, match="separator_conductivity_S_m") as info:
        half_cell().with_changes(separator_conductivity=0.1)
    assert info.value.field == "separator_conductivity"
    assert half_cell().with_changes(area_m2=2e-4).area_m2 == 2e-4


def test_rate_capability_command_takes_an_interface_resistance() -> None:
    """`solidcell simulate` had --interface-resistance, `solidcell rate-capability` did not
    (no such option) although rate_capability() takes it. With 200 Ohm cm2 the 1C capacity of
    the fast model falls (drop i R_int); a negative value is refused naming the option."""
    import json
    import subprocess

    from clirun import run_main

    def run(*args: str) -> subprocess.CompletedProcess:
        # in this process (tests/clirun.py): a process of its own imported PyBaMM again for
        # each of the 3 runs (H320); tests/simulation/test_sim_cli.py runs the entry point
        return run_main("rate-capability", str(EXAMPLES / "ev-nmc811-lpscl-li.yaml"),
                        "--fast", "--rates", "1", *args)

    plain, high = run("--json"), run("--json", "--interface-resistance", "200 Ohm cm2")
    assert plain.returncode == 0 and high.returncode == 0, high.stderr
    q_plain = json.loads(plain.stdout)["Discharge capacity [A.h]"][0]
    q_high = json.loads(high.stdout)["Discharge capacity [A.h]"][0]
    assert q_high < q_plain
    bad = run("--interface-resistance", "-5 Ohm cm2")
    assert bad.returncode == 2 and "--interface-resistance" in bad.stderr


def test_the_composite_ohmic_number_of_a_dense_film_is_refused() -> None:
    """composite_ohmic_number(thin-film example) was an AttributeError ('DenseFilmElectrode'
    object has no attribute 'effective_ionic_conductivity_S_m')."""
    from solidcell.simulation.runs import cell_parameters
    from solidcell.simulation.validation import composite_ohmic_number

    film = cell_parameters(EXAMPLES / "thin-film-lco-lipon-li.yaml")
    with pytest.raises(ValidationError, match="film_fast_discharge") as info:
        composite_ohmic_number(film, 1.0)
    assert info.value.field == "params"
    assert composite_ohmic_number(half_cell(), 1.0) > 0


def test_compare_fast_to_pybamm_takes_one_cell_and_checks_progress() -> None:
    """compare_fast_to_pybamm(cp) with one CellParameters was a TypeError (len() of it) after
    the fast model had already accepted it; progress='no' was taken as true."""
    from solidcell.simulation.validation import compare_fast_to_pybamm

    one = compare_fast_to_pybamm(half_cell(), [1.0], mesh="coarse")
    assert one.capacity_pybamm_A_h.shape == (1, 1)
    # composite ohmic number 0.022 V: inside the valid region, goal <= 2 % (docs/validation.md)
    assert abs(one.capacity_error[0, 0]) <= 0.02
    with pytest.raises(ValidationError, match="progress"):
        compare_fast_to_pybamm([half_cell()], [1.0], mesh="coarse", progress="no")


def test_mean_overpotentials_of_a_cycle_are_the_losses_in_both_directions() -> None:
    """A charge's overpotentials are negative in the discharge sign; the mean over a cycle
    (10 min each way at 1C) cancelled them: separator 0.27 mV and interface 5.46 mV, where
    the separator drop is i L / sigma = 3.90 mV and the interface drop i R_int = 77.9 mV in
    both directions. Now the mean loss while current flows (time-weighted)."""
    cp = half_cell()
    i = cp.capacity_A_h / cp.area_m2  # 1C [A/m2]
    r = simulate(cp, "Discharge at 1C for 10 minutes; Rest for 10 minutes; "
                 "Charge at 1C for 10 minutes", mesh="coarse")
    mean = r.mean_overpotentials_V
    assert mean["Separator ohmic overpotential [V]"] == pytest.approx(
        i * cp.separator_thickness_m / cp.separator_conductivity_S_m, rel=1e-3)
    assert mean["Interface overpotential [V]"] == pytest.approx(
        i * cp.interface_resistance_ohm_m2, rel=1e-3)
    conc = mean.pop("Electrolyte concentration overpotential [V]")
    assert conc == 0.0  # a single-ion conductor has no salt gradient
    assert all(v > 0 for v in mean.values())
