"""evaluate, evaluate_many and screens take a design's interface resistances, measured at
``interface_resistance_temperature_K`` with ``interface_resistance_activation_energy_eV``,
to its temperature by Arrhenius, as a simulation does (helper H270): one formula
(solidcell.chemistry.transport.interface_resistance_at), one resistance per design.
Example of the brief: 20 Ohm cm2 at 25 degC with 0.3627 eV is 4.54 Ohm cm2 at 60 degC."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import (
    design_parameters,
    evaluate,
    evaluate_many,
    interface_taken_note,
)
from solidcell.chemistry.transport import interface_resistance_at
from solidcell.errors import ValidationError
from solidcell.screening.screen import screen
from solidcell.simulation.parameters import FARADAY, parameters_from_design

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
ASR = "Area-specific resistance [Ohm.m2]"
#: Boltzmann constant [eV/K] (CODATA 2018, exact): an independent route to E_a / R.
K_B_EV = 8.617333262e-5


def _design(**changes: object) -> CellDesign:
    return CellDesign.from_file(EV).replace(**changes)


def _interface(d: CellDesign) -> float:
    p = design_parameters(d.resolved())
    return p["cathode_interface_resistance_ohm_m2"] + p["anode_interface_resistance_ohm_m2"]


HOT = {"temperature_K": "60 degC", "cathode_interface_resistance_ohm_m2": "15 Ohm cm2",
       "anode_interface_resistance_ohm_m2": "5 Ohm cm2",
       "interface_resistance_activation_energy_eV": "0.3627 eV",
       "interface_resistance_temperature_K": "25 degC"}


def test_the_briefs_example_is_the_simulations_value() -> None:
    d = _design(**HOT)
    want = 20e-4 * np.exp(0.3627 / K_B_EV * (1 / 333.15 - 1 / 298.15))  # Arrhenius in k_B
    assert _interface(d) == pytest.approx(want, rel=1e-9)
    assert round(_interface(d) * 1e4, 2) == 4.54
    assert _interface(d) == pytest.approx(parameters_from_design(d).interface_resistance_ohm_m2,
                                          rel=1e-12)
    r = evaluate(d)
    note = interface_taken_note(d)
    assert note is not None and "4.539 Ohm cm2" in note and "20 Ohm cm2" in note
    assert r.conventions["Interface resistance"] == note and note in r.to_json()["notes"]
    # the resistance of the power is lower than the one measured at 25 degC
    held = evaluate(d.replace(interface_resistance_activation_energy_eV=None))
    assert r[ASR] == pytest.approx(held[ASR] - (20e-4 - _interface(d)), rel=1e-9)


@settings(max_examples=40, deadline=None)
@given(r_cm2=st.floats(0.1, 500), e_ev=st.floats(0.0, 1.0), t_ref=st.floats(250, 400),
       t=st.floats(250, 400))
def test_evaluate_takes_the_simulations_resistance(r_cm2: float, e_ev: float, t_ref: float,
                                                   t: float) -> None:
    """evaluate's (core's) interface resistance is the simulation's at the design's
    temperature, for any R, E_a, T_ref and T (parameters_from_design: the sum of both)."""
    d = _design(temperature_K=t, cathode_interface_resistance_ohm_m2=r_cm2 * 1e-4,
                interface_resistance_activation_energy_eV=e_ev,
                interface_resistance_temperature_K=t_ref)
    sim = parameters_from_design(d).interface_resistance_ohm_m2
    assert _interface(d) == pytest.approx(sim, rel=1e-12)
    assert _interface(d) == interface_resistance_at(r_cm2 * 1e-4, e_ev * FARADAY, t, t_ref)


def test_evaluate_many_equals_evaluate() -> None:
    designs = [_design(**HOT), _design(**{**HOT, "temperature_K": "0 degC"}),
               _design(**{**HOT, "interface_resistance_temperature_K": None}),
               _design(**{**HOT, "interface_resistance_activation_energy_eV": None})]
    batch = evaluate_many(designs)
    for i, d in enumerate(designs):
        assert batch.columns[ASR][i] == evaluate(d)[ASR], i


def test_without_activation_energy_or_measuring_temperature_the_value_is_as_given() -> None:
    plain = _design(cathode_interface_resistance_ohm_m2="20 Ohm cm2", temperature_K="60 degC")
    for changes in ({"interface_resistance_activation_energy_eV": "0.3627 eV"},
                    {"interface_resistance_temperature_K": "25 degC"}):
        assert _interface(plain.replace(**changes)) == _interface(plain) == 20e-4


def test_a_measuring_temperature_without_activation_energy_is_held_and_said() -> None:
    d = _design(cathode_interface_resistance_ohm_m2="20 Ohm cm2",
                interface_resistance_temperature_K="60 degC")
    note = interface_taken_note(d)
    assert note is not None and "a simulation holds them too" in note


def test_beyond_the_largest_float_is_refused_naming_the_field() -> None:
    d = _design(temperature_K=30.0, cathode_interface_resistance_ohm_m2=1.0,
                interface_resistance_activation_energy_eV=3.0,
                interface_resistance_temperature_K=450.0)
    with pytest.raises(ValidationError) as exc:
        evaluate(d)
    assert exc.value.field == "interface_resistance_activation_energy_eV"


def _space(base: CellDesign, parameters: dict) -> dict:
    return {"base": json.loads(base.to_json()), "method": "grid", "parameters": parameters,
            "objectives": [{"key": "Cell specific power [W.kg-1]", "sense": "max"}]}


@pytest.mark.parametrize("parameters", [
    {"temperature_K": {"values": [273.15, 298.15, 333.15]}},
    {"temperature_K": {"values": [273.15, 333.15]},
     "cathode_interface_resistance_ohm_m2": {"values": [5e-4, 30e-4]}},
    {"anode_interface_resistance_ohm_m2": {"values": [0.0, 10e-4]}},
    {"interface_resistance_activation_energy_eV": {"values": [0.2, 0.5]}},
    {"interface_resistance_temperature_K": {"values": [273.15, 353.15]}},
])
def test_a_screen_takes_each_rows_resistance_as_evaluate(parameters: dict) -> None:
    """A screen's rows equal evaluate of the row's design, over a swept temperature (fast,
    per row), swept resistances (measured at T_ref) and the Arrhenius fields themselves."""
    base = _design(**HOT)
    table = screen(_space(base, parameters), with_cost=False).table
    assert len(table) == np.prod([len(v["values"]) for v in parameters.values()])
    for _, row in table.iterrows():
        d = base.replace(**{k: float(row[k]) for k in parameters})
        assert row[ASR] == pytest.approx(evaluate(d)[ASR], rel=1e-12), dict(row[list(parameters)])


def test_a_screen_over_temperature_without_measuring_temperature_holds_them() -> None:
    """No T_ref: the resistances were measured at each row's own temperature (the row's
    design), so a swept temperature leaves them as given, as evaluate of the row."""
    base = _design(**{**HOT, "interface_resistance_temperature_K": None})
    temps = [273.15, 333.15]
    table = screen(_space(base, {"temperature_K": {"values": temps}}), with_cost=False).table
    for t in temps:
        row = table[table["temperature_K"] == t].iloc[0]
        d = base.replace(temperature_K=t)
        assert _interface(d) == 20e-4
        assert row[ASR] == pytest.approx(evaluate(d)[ASR], rel=1e-12)


def test_a_screen_row_beyond_the_largest_float_says_what_evaluate_refuses() -> None:
    """3 eV (the schema's bound) from 450 K to 30 K: beyond the largest float. The row is
    infeasible (reason 12) with evaluate's refusal as its detail; the other row is not."""
    base = _design(cathode_interface_resistance_ohm_m2=1.0, temperature_K=400.0,
                   interface_resistance_activation_energy_eV=3.0,
                   interface_resistance_temperature_K=450.0)
    table = screen(_space(base, {"temperature_K": {"values": [30.0, 300.0]}}),
                   with_cost=False).table
    cold = table[table["temperature_K"] == 30.0].iloc[0]
    with pytest.raises(ValidationError) as exc:
        evaluate(base.replace(temperature_K=30.0))
    assert cold["Reason detail"] == str(exc.value)
    warm = table[table["temperature_K"] == 300.0].iloc[0]
    assert warm["Reason detail"] == "" and warm[ASR] == evaluate(
        base.replace(temperature_K=300.0))[ASR]
