"""The simulation's entry points take a design as ``evaluate`` does, and name ``temperature``.

Before helper h302 (after the Python API review, commit 8e28756): ``evaluate``, ``compare``,
``plan_routes`` ... took a mapping of a design's fields (``cell.energy.as_design``), but
``simulate(design.model_dump())`` and every other simulation entry point were refused
("design: 'dict' is not allowed"); ``parameters_from_design`` and ``thermal_parameters``
raised AttributeError on a path. ``simulate(design, temperature=700)`` was refused naming
``temperature_K`` (not the keyword typed) and ``temperature=-5`` repeated the value ("-5 K
must lie in (0, 2000) K"). Properties: each entry point gives a mapping, a path and YAML text
the same answer as the CellDesign; a temperature outside the simulation's (150, 600) K
(docs/simulation.md) is refused naming the keyword typed, its value as typed, the range once.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from simhelpers import design_dict, half_cell

from clirun import assert_one_line_error, run
from solidcell.cell.design import CellDesign
from solidcell.errors import ValidationError
from solidcell.simulation.parameters import parameters_from_design, thermal_parameters
from solidcell.simulation.runs import (
    cell_parameters,
    default_experiment,
    rate_capability,
    rate_capability_many,
    run_parameters,
    simulate,
    simulate_inputs,
    sweep_inputs,
    temperature_sweep,
)

RANGE = "must lie in (150, 600) K for the simulation"


def _forms(tmp_path: Path) -> dict[str, Any]:
    """The design of :func:`design_dict` in each form ``as_design`` reads."""
    data = design_dict()
    text = yaml.safe_dump(data, sort_keys=False)
    path = tmp_path / "cell.yaml"
    path.write_text(text)
    return {"mapping": data, "dump": CellDesign.from_dict(data).model_dump(),
            "path": path, "str path": str(path), "yaml text": text}


def test_each_entry_point_takes_a_mapping_a_path_and_text_as_the_design(tmp_path) -> None:
    design = CellDesign.from_dict(design_dict())
    base = cell_parameters(design)
    thermal = run_parameters(design, thermal="lumped", heat_transfer_coefficient=10.0)
    for form, given_ in _forms(tmp_path).items():
        assert cell_parameters(given_) == base, form
        assert parameters_from_design(given_) == base, form
        assert run_parameters(given_, thermal="lumped",
                              heat_transfer_coefficient=10.0) == thermal, form
        assert thermal_parameters(given_, 10.0) == thermal.thermal, form
        assert simulate_inputs(given_).params == base, form
        assert default_experiment(given_) == default_experiment(design), form
        assert sweep_inputs(given_, [298.15]).parameters == [base], form


def test_rate_capability_of_a_mapping_is_the_designs(tmp_path) -> None:
    """The fast model (no PyBaMM solve): the same capacities for every form, CellParameters
    included (still taken)."""
    design = CellDesign.from_dict(design_dict())
    want = rate_capability(design, [0.5, 2.0], model="fast").capacity_A_h
    for given_ in (*_forms(tmp_path).values(), cell_parameters(design)):
        got = rate_capability(given_, [0.5, 2.0], model="fast").capacity_A_h
        np.testing.assert_array_equal(got, want)


def test_simulate_runs_a_mapping_as_its_design() -> None:
    """One PyBaMM solve each (coarse mesh): the same curve, and the capacity note that
    evaluates the design (it read a path only before)."""
    data = design_dict()
    step = "Discharge at 1C for 5 minutes"
    by_map = simulate(data, step, mesh="coarse")
    by_design = simulate(CellDesign.from_dict(data), step, mesh="coarse")
    np.testing.assert_allclose(by_map.voltage_V, by_design.voltage_V)
    assert by_map.notes == by_design.notes
    assert any(n.startswith("capacity: ") for n in by_map.notes)


@pytest.mark.parametrize("call", [cell_parameters, run_parameters, simulate_inputs,
                                  parameters_from_design, default_experiment])
def test_anything_else_is_refused_naming_what_is_taken(call: Any) -> None:
    with pytest.raises(ValidationError) as info:
        call(3)
    assert info.value.field in ("design", "cell") and info.value.value == 3
    assert "a mapping of a design's fields" in info.value.allowed
    if call is not parameters_from_design:  # the simulation's entry points take these too
        assert "CellParameters" in info.value.allowed


def test_many_designs_take_mappings_and_refuse_one_design_given_alone() -> None:
    data = design_dict()
    for one in (data, CellDesign.from_dict(data)):  # a mapping (or a model) iterates its keys
        with pytest.raises(ValidationError) as info:
            rate_capability_many(one)
        assert info.value.field == "designs"
    with pytest.raises(ValidationError) as info:  # a mapping in the list is read, checked
        rate_capability_many([data, 3], initial_soc=2.0)
    assert info.value.field == "designs[1]"


def _refusal(call: Any, **kw: Any) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        call(**kw)
    return info.value


@pytest.mark.parametrize("typed", [700, 700.0, float("nan"), -5, 3000, 100, "700 K",
                                   "-300 degC", "500 degC"])
def test_a_temperature_outside_the_simulation_is_refused_as_typed(typed: Any) -> None:
    design = CellDesign.from_dict(design_dict())
    for call, kw in ((simulate, {"design": design}), (simulate_inputs, {"design": design}),
                     (rate_capability, {"design": design, "model": "fast"}),
                     (cell_parameters, {"design": design_dict()}),
                     (cell_parameters, {"design": cell_parameters(design)})):
        err = _refusal(call, temperature=typed, **kw)
        assert err.field == "temperature", call
        assert err.value is typed and err.allowed == RANGE
        assert str(err).count("(150, 600) K") == 1 and " K must lie" not in str(err)


def test_a_melting_point_refusal_names_the_keyword_and_the_value_as_typed() -> None:
    """460 K lies in the simulation's range but above lithium's melting point (453.65 K,
    haynes2016_crc, the design's own refusal): named ``temperature``, as typed."""
    err = _refusal(simulate_inputs, design=design_dict(), temperature="460 K")
    assert err.field == "temperature" and err.value == "460 K"
    assert "melting temperature of li_metal" in err.allowed


@pytest.mark.parametrize(("temps", "index"), [([300.0, float("nan")], 1), ([-5], 0),
                                               ([300, 3000], 1), ([700], 0)])
def test_a_sweep_names_the_item_once(temps: list[float], index: int) -> None:
    err = _refusal(temperature_sweep, design=design_dict(), temperatures=temps)
    assert err.field == f"temperatures[{index}]" and err.allowed == RANGE
    typed = temps[index]
    assert err.value is typed or (math.isnan(err.value) and math.isnan(typed))


@settings(max_examples=25, deadline=None)
@given(st.one_of(st.floats(max_value=150.0), st.floats(min_value=600.0)))
def test_any_temperature_outside_the_range_names_temperature(kelvin: float) -> None:
    """CellParameters (no design to resolve): every float outside (150, 600) K, NaN and the
    infinities included, is refused naming ``temperature`` with the float given."""
    err = _refusal(cell_parameters, design=half_cell(), temperature=kelvin)
    assert err.field == "temperature" and err.value is kelvin and err.allowed == RANGE


@pytest.mark.parametrize("typed", ["-5 K", "700 K", "nan K"])
def test_the_cli_names_its_option(typed: str, tmp_path, capsys) -> None:
    path = tmp_path / "cell.yaml"
    path.write_text(yaml.safe_dump(design_dict()))
    code, out, err = run(["simulate", str(path), "--temperature", typed], capsys)
    assert_one_line_error(code, out, err, "--temperature: ")
    assert "temperature_K" not in err and "K must lie" not in err
