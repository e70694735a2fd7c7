"""Fresh-eyes QA of the simulation as a PyBaMM user meets it (session 14): a particle whose
diffusion length is short against its radius is resolved by the DFN's mesh; experiment steps
typed with a Greek micro, a typeset minus, a power density, lower-case words, PyBaMM's step
objects or a ``pybamm.Experiment`` run as written or are refused saying what to write; a
rest before a charge no longer starts the cell charged."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pybamm
import pytest

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.simulation import pybamm_adapter as pa
from solidcell.simulation import rate_capability, simulate

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OXIDE = str(EXAMPLES / "oxide-lco-llzo-li.yaml")
#: the oxide example's electrode area: 10 layers of 50 mm x 50 mm [m2]
OXIDE_AREA_M2 = 10 * 0.05 * 0.05


def test_a_short_diffusion_length_is_resolved_by_the_particle_mesh() -> None:
    """LiFePO4 (prada2013, D = 5.9e-18 m2/s) in 3 um particles at 0.1C: sqrt(D t) is about
    0.5 um. The fast model's surface concentration is the exact sphere series (carslaw1959),
    exact where the reaction is uniform (a 50 um composite at 0.1C); the DFN converged on 320
    uniform radial points gives 14.99 % of the utilisable capacity, the fast model 14.98 %.
    PyBaMM's uniform radial mesh gave 24.06 % on the coarse mesh (10 points) and 17.87 % on the
    default (20): the surface gradient was not resolved. The mesh finer towards the surface
    gives 15.06 % on the coarse mesh."""
    from simhelpers import design_dict

    design = CellDesign.model_validate(design_dict(**{"cathode.active_material": "lfp"}))
    dfn = rate_capability(design, [0.1], mesh="coarse")
    fast = rate_capability(design, [0.1], model="fast")
    assert fast.capacity_fraction[0] == pytest.approx(0.1498, abs=5e-4)
    assert dfn.capacity_fraction[0] == pytest.approx(fast.capacity_fraction[0], rel=0.01)


@pytest.mark.parametrize(("step", "expected"), [
    # the Greek mu of most keyboards: a KeyError 'μa' (a traceback from the command)
    ("Discharge at 50 μA/cm2 for 1 hour", "Discharge at 12.5 mA for 1 hour"),
    ("Discharge at 50 µA/cm2 for 1 hour", "Discharge at 12.5 mA for 1 hour"),
    # the minus sign U+2212 of a typeset paper: left as it was, PyBaMM refused 'units'
    ("Discharge at 0.1 mA cm−2 until 3.5 V", "Discharge at 25 mA until 3.5 V"),
    ("Charge at 0.1 mA⋅cm−2 until 4.2 V", "Charge at 25 mA until 4.2 V"),
    # a power density: PyBaMM refused it ('units must be ...')
    ("Discharge at 1 mW/cm2 until 3.5 V", "Discharge at 250 mW until 3.5 V"),
    ("Discharge at 10 W/m2 until 3.5 V", "Discharge at 250 mW until 3.5 V"),
])
def test_current_and_power_densities_as_papers_print_them(step: str, expected: str) -> None:
    assert pa.normalise_experiment(step, OXIDE_AREA_M2) == (expected,)


def test_a_power_density_step_holds_the_power_and_its_energy_is_p_t() -> None:
    """1 mW/cm2 on 250 cm2 for 10 minutes: V I = 0.25 W at every point, energy = P t =
    0.25 W x 600 s = 0.04167 W h (before: refused)."""
    res = simulate(OXIDE, "Discharge at 1 mW/cm2 for 10 minutes", mesh="coarse")
    power = res.voltage_V * res.current_A
    assert np.allclose(power, 0.25, rtol=1e-4)
    assert res.time_s[-1] == pytest.approx(600.0)
    assert res.delivered_energy_W_h == pytest.approx(0.25 * 600.0 / 3600.0, rel=1e-4)


def test_the_command_takes_a_greek_micro_current_density(capsys) -> None:
    """``-e 'Discharge at 50 μA/cm2 for 10 minutes'`` ended in a KeyError traceback; now
    12.5 mA for 600 s: 2.083 mA h (I t). The experiment is kept as typed, the step PyBaMM ran
    under "Experiment as run"."""
    code, out, err = run(["simulate", OXIDE, "-e", "Discharge at 50 μA/cm2 for 10 minutes",
                          "--mesh", "coarse", "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    assert data["Experiment"] == ["Discharge at 50 μA/cm2 for 10 minutes"]
    assert data["Experiment as run"] == ["Discharge at 12.5 mA for 10 minutes"]
    assert data["Delivered capacity [A.h]"] == pytest.approx(12.5e-3 * 600 / 3600, rel=1e-6)


def test_lower_case_instructions_are_read() -> None:
    """PyBaMM's parser takes only 'Discharge', 'Charge', 'Rest', 'Hold' and refused
    'discharge at ...' with "Instruction must be 'discharge', 'charge', 'rest', or 'hold'"."""
    assert pa.check_experiment("discharge at 1C until 3 V; REST for 1 hour; charge at C/3 "
                               "until 4.2 V; hold at 4.2 V until C/20") == (
        "Discharge at 1C until 3 V", "Rest for 1 hour", "Charge at C/3 until 4.2 V",
        "Hold at 4.2 V until C/20")


@pytest.mark.parametrize(("step", "advice"), [
    # PyBaMM: 'units must be ...' / 'could not convert string to float'
    ("Discharge at 1C until 3.5 v", "case-sensitive"),
    ("Discharge at 1c until 3 V", "case-sensitive"),
    ("Charge at c/2 until 4.2 V", "case-sensitive"),
    ("Discharge at 2 ma until 3 V", "case-sensitive"),
    # PyBaMM: 'units must be ...' (the limit read as '3 V or 2 hours')
    ("Discharge at 1C until 3 V or 2 hours", "for 2 hours or until 3 V"),
    ("Discharge at 1C until 3 V for 30 minutes", "for 2 hours or until 3 V"),
])
def test_a_misspelt_step_is_told_what_to_write(step: str, advice: str) -> None:
    with pytest.raises(ValidationError, match=advice) as info:
        pa.check_experiment(f"Rest for 1 minute; {step}")
    assert info.value.value == step


def test_pybamm_step_objects_keep_their_period_and_cannot_set_a_temperature() -> None:
    """A step object's temperature was dropped without a word (it ran at the design's) and
    its period too; one without text was refused as 'parentheses that are neither a
    repeated group ...'."""
    with_period = pybamm.step.string("Discharge at 1C until 3 V", period="10 seconds")
    assert pa.check_experiment([with_period]) == ("Discharge at 1C until 3 V (10 seconds "
                                                  "period)",)
    warm = pybamm.step.string("Discharge at 1C until 3 V", temperature="40oC")
    with pytest.raises(ValidationError, match=r"sets the temperature \(313.15 K\).*--temper"):
        pa.check_experiment(["Rest for 1 minute", warm])
    with pytest.raises(ValidationError, match="pybamm step without text"):
        pa.check_experiment([pybamm.step.c_rate(1, termination="3 V")])


def test_a_pybamm_experiment_is_read_as_its_steps() -> None:
    """``pybamm.Experiment`` was refused ('must be a str of steps or a list of them'); its
    cycles, and its period on the steps without their own, are kept; a temperature or a
    termination of the whole experiment is refused rather than dropped."""
    exp = pybamm.Experiment([("Discharge at 1C until 3 V", "Rest for 10 minutes (1 minute "
                              "period)")] * 2, period="30 seconds")
    assert pa.check_experiment(exp) == (
        "Discharge at 1C until 3 V (30 seconds period)", "Rest for 10 minutes (1 minute period)",
    ) * 2
    with pytest.raises(ValidationError, match="cannot set the temperature"):
        pa.check_experiment(pybamm.Experiment(["Discharge at 1C until 3 V"], temperature=300))
    with pytest.raises(ValidationError, match="termination of the whole experiment"):
        pa.check_experiment(pybamm.Experiment(["Discharge at 1C until 3 V"],
                                              termination="80% capacity"))


def test_a_rest_before_a_charge_starts_the_cell_discharged() -> None:
    """'Rest for 1 minute; Charge at 1C for 10 minutes' started charged: the charge was
    skipped at once (charged capacity 0). Now it puts in I t = 1C x 1/6 h."""
    res = simulate(OXIDE, "Rest for 1 minute; Charge at 1C for 10 minutes", mesh="coarse")
    assert res.charged_capacity_A_h == pytest.approx(res.utilisable_capacity_A_h / 6, rel=1e-3)
    assert not any("skipped" in n for n in res.notes)


def test_a_timed_step_ending_at_the_data_is_not_said_to_have_a_voltage_limit() -> None:
    """A charge 'for 10 minutes' after a 5-minute discharge reaches the charged end of the
    OCP data; the note said 'before the step's voltage limit', which the step has none of."""
    res = simulate(OXIDE, "Discharge at 1C for 5 minutes; Charge at 1C for 10 minutes",
                   mesh="coarse")
    assert "OCP data" in res.termination
    note = next(n for n in res.notes if n.startswith("the last step ended"))
    assert "voltage limit" not in note and "its limit or duration" in note
    # the charge put back less than the 5 minutes took out: the surface reaches the end first
    assert res.charged_capacity_A_h < res.delivered_capacity_A_h


BIPOLAR = str(EXAMPLES / "bipolar-nmc811-lpscl-li.yaml")  # 6 cells in series


def test_a_stack_voltage_in_a_step_is_told_the_voltages_are_per_cell() -> None:
    """A bipolar stack is simulated as one of its cells, so a step's voltage is a cell's: the
    stack's 18 V (3 V a cell) was refused as 'at most 10 V', 6 V ended in 'no step could
    run' (one cell's charged OCV 4.29 V) and a stack cut-off in 'below the charged OCV',
    none saying that the voltages are per cell."""
    from solidcell.simulation import cell_parameters
    from solidcell.simulation.pybamm_adapter import CutoffAtStart

    assert cell_parameters(BIPOLAR).cells_in_series == 6
    assert cell_parameters(OXIDE).cells_in_series == 1
    per_cell = r"per cell: this bipolar stack has 6 cells in series .*18 V for the stack is 3 V"
    with pytest.raises(ValidationError, match=per_cell):
        simulate(BIPOLAR, "Discharge at 1C until 18 V", mesh="coarse")
    with pytest.raises(CutoffAtStart, match=r"no step could run.*6 V for the stack is 1 V"):
        simulate(BIPOLAR, "Discharge at 1C until 6 V", mesh="coarse")
    with pytest.raises(ValidationError, match=r"cut-off is per cell.*18 V for the stack is 3 V"):
        rate_capability(BIPOLAR, [1.0], lower_cutoff="18 V", model="fast")
    # a cell's own voltages: no hint
    res = simulate(BIPOLAR, "Discharge at 1C for 1 minute", mesh="coarse")
    assert not any("per cell:" in n for n in res.notes)
