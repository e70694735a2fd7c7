"""PyBaMM experiment strings (coarse mesh): every step runs or is refused naming the step, and
the notes say truly what PyBaMM did with each step (PyBaMM 26.10 only logs it)."""

from __future__ import annotations

import numpy as np
import pytest
from simhelpers import half_cell

from solidcell.errors import ValidationError
from solidcell.simulation import pybamm_adapter as pa
from solidcell.simulation.runs import simulate


def test_a_step_with_pybamms_output_period_runs() -> None:
    """'(1 minute period)' is PyBaMM's own step syntax; it was refused as 'parentheses that are
    not a repeated group'."""
    steps = pa.check_experiment("Discharge at 1C until 3.8 V (1 minute period)")
    assert steps == ("Discharge at 1C until 3.8 V (1 minute period)",)
    assert pa.normalise_experiment(
        "(Discharge at 1C for 1 minute (10 second period), Rest for 1 minute)*2", 1.0) == (
        "Discharge at 1C for 1 minute (10 second period)", "Rest for 1 minute") * 2
    r = simulate(half_cell(), "Discharge at 1C for 5 minutes (1 minute period)", mesh="coarse")
    assert r.time_s[-1] == pytest.approx(300.0)


@pytest.mark.parametrize(("step", "words"), [
    # PyBaMM reads a negative value as the other direction; 'Discharge at -1C' charged a cell
    # that started charged and ended in 'no step could run ... losses exceed the window'
    ("Discharge at -1C until 3 V", "negative value"),
    ("Charge at -2 mA until 4.2 V", "negative value"),
    # 'Step time must be >0' came back as SimulationFailed naming the particle radius
    ("Rest for -1 hours", "duration must be > 0"),
    ("Discharge at 1C for 0 minutes", "duration must be > 0"),
    # 1e9C failed in the solver ('look at cathode.particle_radius_m ... the current: 0 A')
    ("Discharge at 1e9C until 3 V", "at most 3600C"),
    ("Hold at -4 V for 1 minute", "value > 0"),
])
def test_bad_steps_are_refused_naming_the_step(step: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words) as info:
        simulate(half_cell(), f"Rest for 1 minute; {step}", mesh="coarse")
    assert info.value.field == "experiment" and info.value.value == step


def test_a_current_above_3600C_of_the_cell_is_refused() -> None:
    cp = half_cell()  # about 3.9 mA h: 100 A is > 25,000C
    with pytest.raises(ValidationError, match=r"for this cell .*at most 3600C"):
        simulate(cp, "Discharge at 100 A until 3 V", mesh="coarse")


def test_a_skipped_step_is_named_and_the_later_steps_run() -> None:
    """The second discharge starts at the end of the OCP data, which is its limit: PyBaMM skips
    it and goes on with the rest. There was no note, and with the skipped step last the note
    said 'it and the steps after it were not run'. (The rule "stop": behind the wall of the
    default "auto" the first discharge ends at 3 V and the second runs on into the wall.)"""
    r = simulate(half_cell(), "Discharge at 1C until 3 V; Discharge at 1C until 3 V; "
                 "Rest for 10 minutes", mesh="coarse", ocp_ends="stop")
    t_discharged = float(r.time_s[r.current_A > 0][-1])
    assert r.time_s[-1] == pytest.approx(t_discharged + 600.0)  # the rest ran after the skip
    assert any("'Discharge at 1C until 3 V' was skipped" in n for n in r.notes)
    assert not any("were not run" in n for n in r.notes)


def test_a_step_that_runs_out_of_time_before_the_last_says_the_rest_did_not_run() -> None:
    """PyBaMM ends the experiment when a step reaches its default duration (24 h for a
    current step): the later rest was silently not run (the note looked at the last step)."""
    r = simulate(half_cell(), "Discharge at 1e-6 A until 3 V; Rest for 1 hour", mesh="coarse")
    assert r.time_s[-1] == pytest.approx(24 * 3600.0)
    note = next(n for n in r.notes if "default duration" in n)
    assert "'Discharge at 1e-6 A until 3 V'" in note and "1 later step" in note


def test_a_solver_failure_in_a_later_step_is_not_reported_as_final_time() -> None:
    """2 W from a ~4 mA h cell (~120C) fails in the solver. PyBaMM returned what ran before with
    termination 'final time' and only a log line: the result looked complete."""
    r = simulate(half_cell(), "Discharge at 1C for 10 minutes; Discharge at 2 W for 1 minute; "
                 "Rest for 1 hour", mesh="coarse")
    assert r.time_s[-1] == pytest.approx(600.0)
    assert r.termination == "solver error in step 'Discharge at 2 W for 1 minute'"
    assert any("failed in the solver" in n and "1 later step" in n for n in r.notes)


def test_a_failing_first_step_is_named_with_its_current() -> None:
    """Was 'look at cathode.particle_radius_m ... (or the current: 0 A)' for any experiment."""
    with pytest.raises(pa.SimulationFailed, match=r"Discharge at 2 W for 1 minute") as info:
        simulate(half_cell(), "Discharge at 2 W for 1 minute", mesh="coarse")
    assert "current: 0 A" not in str(info.value)


def test_a_first_step_whose_limit_holds_at_the_start_says_so() -> None:
    """'Discharge ... until 5 V' from a charged cell at 4.29 V ends at once; the message said the
    losses at its current exceed the voltage window, which is not the cause."""
    with pytest.raises(pa.CutoffAtStart, match=r"open-circuit voltage at the start is 4.29 V"):
        simulate(half_cell(), "Discharge at 1C until 5 V", mesh="coarse")


def test_delivered_capacity_after_a_first_charge_is_what_the_discharge_gave() -> None:
    """Coulomb counting: starting discharged, 'Charge ...; Discharge ...' delivers the charge of
    the discharge step, integral of I dt over it. delivered_capacity_A_h was max(net charge
    out since the start) = 0, because the charge came first."""
    r = simulate(half_cell(), "Charge at C/2 until 4.2 V; Rest for 10 minutes; "
                 "Discharge at C/2 until 3.8 V", mesh="coarse")
    out = r.current_A > 0
    q_out = float(np.trapezoid(np.where(out, r.current_A, 0.0), r.time_s) / 3600.0)
    assert q_out > 0.1 * r.utilisable_capacity_A_h
    assert r.delivered_capacity_A_h == pytest.approx(q_out, rel=1e-3)
    e_out = float(np.trapezoid(np.where(out, r.current_A * r.voltage_V, 0.0), r.time_s) / 3600)
    assert r.delivered_energy_W_h == pytest.approx(e_out, rel=1e-3)
    assert r.charged_capacity_A_h > r.delivered_capacity_A_h  # lithium conserved: in >= out
