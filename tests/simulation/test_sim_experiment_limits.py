"""Experiment steps too long, too slow, too finely sampled or at an impossible voltage are
refused by the check, fast, naming the step, its value and what is allowed (QA 2026-12:
'Discharge at 1e-300C until 3 V' ran PyBaMM for 8.5 CPU-minutes at 4.3 GB and never ended;
'Hold at 1e400 V for 1 hour' failed as 'look at separator.thickness_m (or the current: nan A)')."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from simhelpers import half_cell

from solidcell.checks import (
    MAX_C_RATE_H,
    MAX_CELL_VOLTAGE_V,
    MAX_STEP_DURATION_S,
    MAX_STEP_POINTS,
    MIN_C_RATE_H,
)
from solidcell.errors import ValidationError
from solidcell.simulation import pybamm_adapter as pa
from solidcell.simulation.fast import check_c_rates
from solidcell.simulation.runs import simulate

CAPACITY_A_H = 3.9e-3  # about the half cell's (simhelpers.half_cell)


def test_the_limits_mean_what_their_messages_say() -> None:
    assert pytest.approx(10 * 365.25 * 86400) == MAX_STEP_DURATION_S  # ten years
    assert pytest.approx(MAX_STEP_DURATION_S) == 1 / MIN_C_RATE_H * 3600  # discharge in 10 y
    assert pytest.approx(1.0) == 1 / MAX_C_RATE_H * 3600  # a full discharge in one second


@pytest.mark.parametrize(("step", "words"), [
    ("Discharge at 1e-300C until 3 V", "a full discharge in ten years"),
    ("Charge at C/1e6 until 4.2 V", "at least 1.14e-05"),
    ("Discharge at 1e-300 A until 3 V", "for this cell"),
    ("Hold at 4.2 V until C/1e300", "C-rate limit"),
    ("Rest for 1e300 hours", "at most 10 years"),
    ("Discharge at 1 mA for 1e6 hours until 3 V", "at most 10 years"),
    ("Discharge at 1C until 3 V (1e-300 second period)", "at most 100,000 points"),
    ("Rest for 1000 hours (1 second period)", "give a longer period"),
    ("Hold at 1e400 V for 1 hour", "holds at inf V"),
    ("Hold at 20 V for 1 hour", "at most 10 V"),
    ("Discharge at 1C until 1e400 V", "voltage limit"),
    ("Discharge at 1C until -5 V", "must be > 0"),
    ("Discharge at 1C until nan V", "not a PyBaMM step"),
    # no current and no duration: PyBaMM ran its default 24 hours at 0 A (QA 2026-12-06)
    ("Discharge at 0 A until 3 V", "never reaches an 'until' limit"),
    ("Charge at 0 W until 4.2 V", "never reaches an 'until' limit"),
])
def test_bad_steps_are_refused_by_the_check_naming_step_and_limit(step: str, words: str) -> None:
    # the check alone, never the solver: the 1e-300C run never ended
    with pytest.raises(ValidationError, match=words) as info:
        pa.check_steps(pa.normalise_experiment(f"Rest for 1 minute; {step}", 1e-4),
                       CAPACITY_A_H)
    assert info.value.field == "experiment" and info.value.value == step


def test_a_tiny_current_density_is_refused_for_the_cell() -> None:
    steps = pa.normalise_experiment("Discharge at 1e-300 mA/cm2 until 3 V", 1e-4)
    with pytest.raises(ValidationError, match="for this cell"):
        pa.check_steps(steps, CAPACITY_A_H)


@pytest.mark.parametrize("step", [
    "Discharge at C/100 until 3 V", "Discharge at C/1000 until 3 V",
    "Discharge at C/10000 until 3 V", "Rest for 1000 hours", "Rest for 1000 hours (1 hour period)",
    "Hold at 4.2 V until C/1000", "Discharge at 0.001 mA until 3 V", "Hold at 4.3 V for 2 hours",
    "Discharge at 0 A for 10 minutes",  # a rest written as a zero current: it has a duration
])
def test_slow_but_legitimate_steps_pass_the_check(step: str) -> None:
    assert pa.check_experiment(step) == (step,)
    pa.check_steps((step,), CAPACITY_A_H)


def test_the_fast_model_refuses_rates_below_a_discharge_in_ten_years() -> None:
    with pytest.raises(ValidationError, match="a full discharge in ten years") as info:
        check_c_rates("c_rates", [1.0, 1e-300])
    assert info.value.field == "c_rates"
    assert check_c_rates("c_rates", [1e-3, 1.0]).tolist() == [1e-3, 1.0]


_NUMBERS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False, min_value=1e-300, max_value=1e-5),
    st.floats(allow_nan=False, allow_infinity=False, min_value=1e5, max_value=1e300),
    st.sampled_from([1e-300, 5e-324, 1e300, 1.7e308]))
_TEMPLATES = ["Discharge at {x:g}C until 3 V", "Charge at {x:g} A until 4.2 V",
              "Discharge at {x:g} W until 3 V", "Rest for {x:g} hours",
              "Hold at 4.2 V until C/{x:g}", "Hold at {x:g} V for 1 hour",
              "Discharge at 1C until {x:g} V", "Discharge at 1 mA for {x:g} minutes",
              "Discharge at 1C until 3 V ({x:g} second period)"]


@settings(max_examples=150)
@given(x=_NUMBERS, template=st.sampled_from(_TEMPLATES))
def test_the_check_answers_fast_for_any_tiny_or_huge_number(x: float, template: str) -> None:
    """Only the check runs (no solver, which never ended at 1e-300C): it returns or refuses
    naming the step for any number, and what it accepts is bounded."""
    step = template.format(x=x)
    try:
        pa.check_steps((step,), CAPACITY_A_H)
    except ValidationError as exc:
        assert exc.field == "experiment" and exc.value == step and exc.allowed
    else:  # what passes is bounded: PyBaMM's duration and the voltages named
        import pybamm
        s = pybamm.step.string(step)
        assert float(s.duration) <= 2 * MAX_STEP_DURATION_S  # C-rate: 2/C h at MIN_C_RATE_H
        if s.period:
            assert float(s.duration) / float(s.period) + 1 <= MAX_STEP_POINTS
        assert all(0 < v <= MAX_CELL_VOLTAGE_V for v in pa.step_voltages_V((step,)))


def test_a_c100_discharge_runs_to_the_end_of_the_cell() -> None:
    """A slow discharge is a legitimate experiment: C/100 runs (coarse mesh) for about the
    100 hours a full discharge at C/100 takes, and ends at the cell's discharged end: the end
    of the OCP data ("stop"), or with the wall of the default ("auto") at most the wall's
    reach beyond it (WALL_WIDTH of the stoichiometry window: a numerical bound, not data)."""
    from solidcell.simulation.ocp import WALL_WIDTH

    cp = half_cell()
    reach = 1.0 + WALL_WIDTH / (cp.positive.ocp.upper - cp.positive.ocp.lower)
    for ends, bound in (("stop", 1.001), ("auto", reach)):
        r = simulate(cp, "Discharge at C/100 until 3 V", mesh="coarse", ocp_ends=ends)  # 3 s
        assert 50 * 3600 < r.time_s[-1] < 101 * reach * 3600  # about 1/C hours
        assert r.discharge_capacity_A_h[-1] <= r.utilisable_capacity_A_h * bound
    assert r.ocp_ends == "wall" and r.voltage_V[-1] == pytest.approx(3.0, abs=1e-3)


def test_an_experiment_period_given_to_get_built_is_bounded_too() -> None:
    """``get_built(period_s=...)`` is PyBaMM's experiment period: refused before any build."""
    with pytest.raises(ValidationError, match="at most 100,000 points") as info:
        pa.get_built(half_cell(), experiment=("Rest for 1000 hours",), period_s=1e-300)
    assert info.value.value == "Rest for 1000 hours"
    with pytest.raises(ValidationError) as info:
        pa.get_built(half_cell(), experiment=("Rest for 1 hour",), period_s=-1.0)
    assert info.value.field == "period_s"
