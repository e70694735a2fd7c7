"""A PyBaMM user's notebook (QA h330): a result is read by PyBaMM's variable names and
exported as a DataFrame; a refusal of ``simulate``'s keywords and steps names the keyword and
the value as typed (``'-5 Ohm cm2'``, not -0.0005 under ``interface_resistance_ohm_m2``;
``'Discharge at 10 mA/cm2'``, not the ``'Discharge at 40000 mA'`` it was converted to)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from solidcell.errors import ValidationError
from solidcell.simulation import cell_parameters, simulate
from solidcell.simulation.runs import simulate_inputs

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
FILM = EXAMPLES / "thin-film-lco-lipon-li.yaml"
STEP = "Discharge at 1C for 5 minutes"


@pytest.fixture(scope="module", name="run")
def run_fixture() -> object:
    return simulate(EV, STEP, mesh="coarse")


def test_a_result_is_read_by_pybamm_names(run) -> None:
    """``result["Voltage [V]"]`` as a PyBaMM solution's ``.entries``: the same arrays as the
    fields; "Time [h]" and "Time [min]" the seconds divided (1 h = 3600 s, 1 min = 60 s)."""
    np.testing.assert_array_equal(run["Voltage [V]"], run.voltage_V)
    np.testing.assert_array_equal(run["Current [A]"], run.current_A)
    np.testing.assert_array_equal(run["Discharge capacity [A.h]"], run.discharge_capacity_A_h)
    np.testing.assert_array_equal(run["Time [h]"], run.time_s / 3600.0)
    np.testing.assert_array_equal(run["Time [min]"], run.time_s / 60.0)
    for key, curve in run.overpotentials_V.items():
        np.testing.assert_array_equal(run[key], curve)
    assert "Voltage [V]" in run and "Time [h]" in run and "Terminal voltage [V]" not in run
    with pytest.raises(TypeError):
        iter(run)


@pytest.mark.parametrize("name", ["Terminal voltage [V]", "voltage", 0, ["Voltage [V]"]])
def test_an_unknown_name_is_refused_naming_the_curves_there_are(run, name) -> None:
    with pytest.raises(ValidationError) as info:
        run[name]
    assert info.value.field == "variable" and info.value.value == name
    assert "'Voltage [V]'" in info.value.allowed and "'Time [h]'" in info.value.allowed


def test_the_dataframe_holds_the_json_curves(run, tmp_path: Path) -> None:
    """One column per curve of ``to_json()``, the same numbers; written to CSV and read back."""
    frame = run.to_dataframe()
    data = run.to_json()
    assert list(frame.columns) == list(run.curves)
    for key in frame.columns:
        assert frame[key].tolist() == data[key]
    path = tmp_path / "run.csv"
    frame.to_csv(path, index=False)
    import pandas as pd

    back = pd.read_csv(path)
    np.testing.assert_allclose(back["Voltage [V]"], run.voltage_V, rtol=1e-15)


@pytest.mark.parametrize(("keywords", "field", "typed"), [
    ({"interface_resistance": "-5 Ohm cm2"}, "interface_resistance", "-5 Ohm cm2"),
    ({"interface_resistance": -0.1}, "interface_resistance", -0.1),
    ({"tortuosity_factor": 0.5}, "tortuosity_factor", 0.5),
    ({"initial_soc": "4.5 V"}, "initial_soc", "4.5 V"),
])
@pytest.mark.parametrize("given", ["design", "parameters"])
def test_a_refused_keyword_is_named_with_the_value_as_typed(keywords, field, typed,
                                                           given) -> None:
    """Before: ``interface_resistance_ohm_m2: -0.0005``, ``nmc811.tortuosity_factor: 0.5``
    (a material id, no keyword of simulate), ``initial_soc: 4.5``."""
    design = EV if given == "design" else cell_parameters(EV)
    with pytest.raises(ValidationError) as info:
        simulate_inputs(design, STEP, **keywords)
    assert info.value.field == field and info.value.value == typed


@pytest.mark.parametrize(("design", "typed", "run_as", "why"), [
    (EV, "Discharge at 10 mA/cm2", "Discharge at 40000 mA", "4000 cm2 electrode area"),
    (EV, "discharge at 1 mA cm-2 until 11 V", "Discharge at 4000 mA until 11 V",
     "4000 cm2 electrode area"),
    (FILM, "Discharge at 10 uA", "Discharge at 0.01 mA", "micro units"),
])
def test_a_refused_step_is_quoted_as_typed(design, typed, run_as, why) -> None:
    """The step as typed, with the step PyBaMM would have run named after the reason (the
    density times the example's 0.4 m2 = 4000 cm2: 10 mA/cm2 is 40000 mA)."""
    with pytest.raises(ValidationError) as info:
        simulate_inputs(design, f"Rest for 1 minute; {typed}")
    assert info.value.field == "experiment" and info.value.value == typed
    assert f"(read as {run_as!r}: " in info.value.allowed and why in info.value.allowed


def test_a_step_typed_as_pybamm_reads_it_is_quoted_alone() -> None:
    with pytest.raises(ValidationError) as info:
        simulate_inputs(EV, "Discharge at 1C")
    assert info.value.value == "Discharge at 1C" and "read as" not in info.value.allowed


@pytest.mark.parametrize(("step", "event"), [("Discharge at 1C for 10 hours", "Minimum"),
                                             ("Charge at 1C for 10 hours", "Maximum")])
def test_a_step_ended_by_the_models_own_cut_off_says_at_what_voltage(step: str,
                                                                      event: str) -> None:
    """A step without a voltage limit, behind the wall (NMC811, the default "auto"), runs to
    the model's safety cut-off; the note names the voltage reached (the last of the curve),
    the model's cut-off (``_experiment_limits``) and that the voltage there is the wall's
    (outside the OCV of the OCP data). Before it named only the event."""
    from solidcell.simulation.runs import _experiment_limits

    res = simulate(EV, step, mesh="coarse")
    assert res.ocp_ends == "wall" and f"{event} voltage" in res.termination
    v_end = float(res.voltage_V[-1])
    lo, hi = _experiment_limits(cell_parameters(EV), [step])
    v_lo, v_hi = cell_parameters(EV).open_circuit_voltage([1.0, 0.0])
    # beyond the model's cut-off (PyBaMM's experiment widens it) and beyond the data's OCV
    assert (v_end < lo < v_lo) if event == "Minimum" else (v_end > hi > v_hi)
    note = next(n for n in res.notes if "is not one of that step's limits" in n)
    cut = lo if event == "Minimum" else hi
    assert f"at {v_end:.4g} V: the model's safety cut-off, {cut:.4g} V" in note
    assert f"spans {v_lo:.4g}-{v_hi:.4g} V" in note and "OCP wall's, not data" in note


PELLET = EXAMPLES / "lab-pellet-nmc811-lpscl-liin.yaml"  # NMC811 | Li-In, 0.62 V vs Li/Li+


@pytest.mark.parametrize(("step", "named", "meant"), [
    ("Discharge at 1C until 3 V", 3.0, "2.38"),       # the default's trap, typed by hand
    ("Charge at 1C until 4.3 V", 4.3, "3.68"),
])
def test_a_li_in_cells_step_voltage_read_vs_li_is_said(step: str, named: float,
                                                       meant: str) -> None:
    """Against Li-In (``santhosha2019``, 0.62 V vs Li/Li+) a discharge limit above the
    discharged open-circuit voltage (it can never reach the window's end) or a limit above
    the charged one by more than 0.62 V is said, with the value against Li-In (V - 0.62 V)."""
    params = cell_parameters(PELLET)
    low, high = (float(v) for v in params.open_circuit_voltage([1.0, 0.0]))
    assert low < named if step.startswith("Discharge") else high + 0.62 < named
    res = simulate(PELLET, step, mesh="coarse")
    note = next(n for n in res.notes if "counter electrode (0.62 V vs Li/Li+)" in n)
    assert note.startswith(f"step {step!r} names {named:g} V") and note.endswith(f"write {meant} V")


def test_the_papers_own_li_in_window_is_not_flagged() -> None:
    """2.38-3.68 V vs Li-In (the pellet's source, ``yanev2024_rate_limitations``): 3.68 V is a
    charge cut-off just above the charged OCV, 2.38 V below the discharged one; no note."""
    res = simulate(PELLET, "Discharge at 1C until 2.38 V; Charge at 1C until 3.68 V",
                   mesh="coarse")
    assert not any("counter electrode (0.62 V" in n for n in res.notes)
    res = simulate(EV, "Charge at 1C until 4.5 V", mesh="coarse")  # Li: no shift, no note
    assert not any("counter electrode (" in n for n in res.notes)


@pytest.mark.parametrize("model", ["fast", "pybamm"])
def test_a_li_in_rate_sweeps_lower_cutoff_read_vs_li_is_said(model: str) -> None:
    """``rate_capability(..., lower_cutoff="3 V")`` on the Li-In pellet: 3 V is above its
    discharged open-circuit voltage, so every discharge stops short of the window (a note says
    so and what 3 V vs Li/Li+ is against Li-In, 3 - 0.62 V, ``santhosha2019``); the
    default cut-off (the OCV there minus 0.3 V) gets no such note."""
    from solidcell.simulation import rate_capability

    res = rate_capability(PELLET, [0.1], lower_cutoff="3 V", mesh="coarse", model=model)
    assert [n for n in res.notes if n.startswith("lower_cutoff 3 V, above this cell's "
                                                 "discharged open-circuit voltage")]
    assert any(n.endswith("write 2.38 V") for n in res.notes)
    plain = rate_capability(PELLET, [0.1], mesh="coarse", model=model)
    assert not any("counter electrode (" in n for n in plain.notes)
