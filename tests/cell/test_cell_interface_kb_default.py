"""A design that gives no interface resistance takes its materials' ``areal_resistance``
(cathode coating, else separator electrolyte) in evaluate, evaluate_many and screens as in
the simulation (helper H271): one rule, ``cell.energy.interface_resistance_source``, one
resistance per design. Evaluate counted 0 Ohm cm2 where the simulation used the material's.

Test input: a user's measurement of the LiNbO3-coated cathode interface, 5 Ohm cm2 at 60 degC
(lee2020_agc_anode, as tests/simulation/test_sim_interface_resistance_temperature.py uses it),
added to a user store as ``solidcell materials measure`` adds it (docs/database.md)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import (
    INTERFACE_MATERIALS,
    design_parameters,
    evaluate,
    evaluate_many,
    interface_resistance_source,
    off_limits,
)
from solidcell.materials.schema import PropertyValue
from solidcell.screening.screen import screen
from solidcell.simulation.parameters import parameters_from_design
from solidcell.simulation.runs import cell_parameters

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"  # NMC811 with a linbo3 coating, no resistance
ASR = "Area-specific resistance [Ohm.m2]"
POWER = "Cell specific power [W.kg-1]"
#: 5 Ohm cm2 at 333.15 K (lee2020_agc_anode), in Ohm m2
MEASURED = 5e-4
T_MEASURED = 333.15
#: Boltzmann constant [eV/K] (CODATA 2018, exact): an independent route to E_a / R.
K_B_EV = 8.617333262e-5
#: Li | garnet interface resistance activation energy [eV] (eckhardt2023, sec. 3.4).
E_EV = 0.37


@pytest.fixture
def measured_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_store) -> str:
    """The default store of this test holds the user's measurement on linbo3."""
    db = str(tmp_path / "user.sqlite")
    monkeypatch.setenv("SOLIDCELL_DB", db)
    open_store(db).add_measurement("linbo3", PropertyValue(
        name="areal_resistance", value=5.0, unit="ohm*cm**2", temperature=T_MEASURED,
        method="measured", source="lee2020_agc_anode"))
    return db


def _design(**changes: object) -> CellDesign:
    return CellDesign.from_file(EV).replace(**changes)


def _evaluated_asr_term(d: CellDesign) -> float:
    """The interface resistance evaluate counts (core's rule, from design_parameters)."""
    p = design_parameters(d.resolved())
    given = p["cathode_interface_resistance_ohm_m2"] + p["anode_interface_resistance_ohm_m2"]
    return given if given > 0 else p["materials_interface_resistance_ohm_m2"]


def test_shipped_examples_have_no_material_resistance() -> None:
    """No curated material has areal_resistance: every shipped example's numbers stay."""
    for path in sorted(EXAMPLES.glob("*.yaml")):
        d = CellDesign.from_file(path)
        assert design_parameters(d.resolved())["materials_interface_resistance_ohm_m2"] == 0.0
        found = interface_resistance_source(d)
        assert found is None or found.where == "design", path.name


@pytest.mark.parametrize("e_ev", [None, E_EV])
def test_evaluate_and_the_simulation_take_one_resistance(measured_store: str,
                                                         e_ev: float | None) -> None:
    d = _design(interface_resistance_activation_energy_eV=e_ev)
    want = MEASURED if e_ev is None else MEASURED * math.exp(
        e_ev / K_B_EV * (1 / d.temperature_K - 1 / T_MEASURED))
    found = interface_resistance_source(d)
    assert found is not None and (found.where, found.material, found.source) == (
        INTERFACE_MATERIALS[0], "linbo3", "lee2020_agc_anode")
    assert found.resistance_ohm_m2 == MEASURED and found.temperature_K == T_MEASURED
    assert _evaluated_asr_term(d) == pytest.approx(want, rel=1e-12)
    assert parameters_from_design(d).interface_resistance_ohm_m2 == pytest.approx(want, 1e-12)
    assert cell_parameters(d).interface_resistance_ohm_m2 == pytest.approx(want, rel=1e-12)
    result = evaluate(d)
    assert "lee2020_agc_anode" in result.sources
    note = result.conventions["Interface resistance"]
    assert "cathode.coating" in note and "linbo3" in note and "lee2020_agc_anode" in note
    # counted as the same value given in the design
    same = evaluate(_design(cathode_interface_resistance_ohm_m2=want))
    assert result.values[ASR] == pytest.approx(same.values[ASR], rel=1e-12)
    assert result.values[POWER] == pytest.approx(same.values[POWER], rel=1e-9)
    assert result.values[POWER] < evaluate(_design()).values[POWER] or e_ev is None


def test_without_the_measurement_evaluate_counts_none(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOLIDCELL_DB", str(tmp_path / "empty.sqlite"))
    d = _design()
    assert interface_resistance_source(d) is None and _evaluated_asr_term(d) == 0.0
    assert "Interface resistance" not in evaluate(d).conventions
    assert any("0 Ohm cm2" in n for n in parameters_from_design(d).notes)


def test_a_design_value_wins(measured_store: str) -> None:
    d = _design(cathode_interface_resistance_ohm_m2="20 Ohm cm2")
    assert interface_resistance_source(d).where == "design"  # type: ignore[union-attr]
    assert _evaluated_asr_term(d) == pytest.approx(20e-4)
    assert parameters_from_design(d).interface_resistance_ohm_m2 == pytest.approx(20e-4)
    result = evaluate(d)
    assert "lee2020_agc_anode" not in result.sources
    assert "Interface resistance" not in result.conventions


def test_evaluate_many_equals_evaluate(measured_store: str) -> None:
    designs = [_design(), _design(interface_resistance_activation_energy_eV=E_EV),
               _design(anode_interface_resistance_ohm_m2="10 Ohm cm2"),
               _design(temperature_K=T_MEASURED, interface_resistance_activation_energy_eV=E_EV)]
    batch = evaluate_many(designs)
    for i, d in enumerate(designs):
        one = evaluate(d)
        for key in (ASR, POWER):
            assert batch.columns[key][i] == pytest.approx(one.values[key], rel=1e-12)
    assert "lee2020_agc_anode" in batch.sources
    assert "linbo3" in batch.conventions["Interface resistance"]


def _space(base: CellDesign, parameters: dict) -> dict:
    return {"base": json.loads(base.to_json()), "method": "grid", "parameters": parameters,
            "objectives": [{"key": POWER, "sense": "max"}]}


@pytest.mark.parametrize("parameters", [
    {"temperature_K": {"values": [273.15, 298.15, 333.15]}},
    {"temperature_K": {"values": [273.15, 333.15]},
     "cathode_interface_resistance_ohm_m2": {"values": [0.0, 30e-4]}},
    {"anode_interface_resistance_ohm_m2": {"values": [0.0, 10e-4]}},
])
def test_a_screen_takes_each_rows_resistance_as_evaluate(measured_store: str,
                                                         parameters: dict) -> None:
    """A row whose swept resistances are 0 takes the material's, at its swept temperature."""
    base = _design(interface_resistance_activation_energy_eV=E_EV)
    result = screen(_space(base, parameters), with_cost=False)
    table = result.table
    assert len(table) == np.prod([len(v["values"]) for v in parameters.values()])
    for _, row in table.iterrows():
        d = base.replace(**{k: float(row[k]) for k in parameters})
        assert row[ASR] == pytest.approx(evaluate(d).values[ASR], rel=1e-12)
    assert "lee2020_agc_anode" in result.sources


def test_a_bad_materials_column_names_it() -> None:
    """evaluate_many's mapping: a negative materials' resistance in a row that uses it is
    reason 12 naming it; a row whose design gives one does not read it."""
    p = {**design_parameters(_design().resolved()),
         "materials_interface_resistance_ohm_m2": -1.0}
    found = off_limits(p)[0]
    assert found is not None and found.parameter == "materials_interface_resistance_ohm_m2"
    assert "materials' interface resistance" in found.text
    given = {**p, "cathode_interface_resistance_ohm_m2": 1e-3}
    assert off_limits(given) == [None]
    assert int(evaluate_many(p).columns["Reason code"]) == 12
    assert int(evaluate_many(given).columns["Reason code"]) == 0


def test_a_screen_over_coatings_takes_each_materials_resistance(measured_store: str) -> None:
    """A swept material (a group per value, design_parameters of its design): the measured
    coating's row counts its resistance, the other coating's none, as evaluate of each."""
    base = _design()
    table = screen(_space(base, {"cathode.coating": {"values": ["li2zro3", "linbo3"]}}),
                   with_cost=False).table
    asr = {}
    for _, row in table.iterrows():
        d = base.replace(**{"cathode.coating": row["cathode.coating"]})
        assert row[ASR] == pytest.approx(evaluate(d).values[ASR], rel=1e-12)
        asr[row["cathode.coating"]] = row[ASR]
    assert asr["linbo3"] - asr["li2zro3"] == pytest.approx(MEASURED, rel=1e-9)
