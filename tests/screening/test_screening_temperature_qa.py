"""Screens over temperature (a swept parameter, or --temperature), kept equal to `evaluate`:
the composite anode's conductivity follows the swept temperature, and a conductivity
extrapolated beyond its data is named in the notes with its sources.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.chemistry.conductivity import conductivity_at
from solidcell.screening.screen import screen

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
POLYMER = EXAMPLES / "polymer-lfp-peo-li.yaml"
TEMPS = [273.15, 298.15, 318.15, 333.15]


def _graphite() -> CellDesign:
    """The EV example with a graphite | Li6PS5Cl composite anode."""
    return CellDesign.from_file(EV).replace(anode={
        "kind": "graphite", "np_ratio": 1.1, "electrolyte": "li6ps5cl", "carbon": "vgcf",
        "active_fraction": 0.6, "electrolyte_fraction": 0.37, "carbon_fraction": 0.03})


def _space(base: CellDesign, temps: list[float]) -> dict:
    return {"base": json.loads(base.to_json()), "method": "grid",
            "parameters": {"temperature_K": {"values": temps}},
            "objectives": [{"key": "Cell specific power [W.kg-1]", "sense": "max"}]}


def test_a_swept_temperature_moves_the_composite_anode_conductivity_too() -> None:
    """The graphite design screened at 60 degC: ASR 9.18 Ohm cm2 and 1171 W/kg (the anode
    still at 25 degC) against evaluate's 2.95 Ohm cm2 and 3640 W/kg."""
    base = _graphite()
    table = screen(_space(base, TEMPS), with_cost=False).table
    for t in TEMPS:
        row = table[table["temperature_K"] == t].iloc[0]
        ref = evaluate(base.replace(temperature_K=t))
        for key in ("Area-specific resistance [Ohm.m2]", "Cell specific power [W.kg-1]"):
            assert row[key] == pytest.approx(ref[key], rel=1e-9), (t, key)


def test_an_extrapolated_conductivity_is_named_in_the_notes() -> None:
    """The polymer screened over 0-80 degC: PEO-LiTFSI at 0 and 20 degC lies below its
    measured 25-100 degC series; the screen's notes said nothing, and its sources lacked the
    conductivity's (aenm2019_1900763)."""
    temps = [273.15, 293.15, 313.15, 333.15, 353.15]
    result = screen(_space(CellDesign.from_file(POLYMER), temps), with_cost=False)
    expected = conductivity_at("peo_litfsi", temps).warnings
    assert expected and set(expected) <= set(result.notes)
    assert "aenm2019_1900763" in result.sources


def test_screening_at_a_temperature_names_the_extrapolation() -> None:
    """`solidcell screen SPACE --temperature '45 degC'` on the EV example."""
    space = {"base": json.loads(CellDesign.from_file(EV).to_json()), "method": "grid",
             "parameters": {"cathode.thickness_m": {"values": [6e-5, 8e-5]}}}
    result = screen(space, temperature_K=318.15, with_cost=False)
    assert set(conductivity_at("li6ps5cl", 318.15).warnings) <= set(result.notes)
    assert "laskowski2023_conductivity_dataset" in result.sources
    at_25 = screen(space, with_cost=False)
    assert not any("outside the conductivity data" in n for n in at_25.notes)
