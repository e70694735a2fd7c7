"""`solidcell cost` and the report's cost section of a host anode holding lithium at assembly
(``anode.excess_li_thickness_m`` on li_in, graphite, silicon, lto; valid since the cell model
counts it): the held lithium is priced as ``li_metal`` in the anode layer, its areal mass the
dense lithium's, t rho_Li (rho_Li of the knowledge base)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from clirun import run
from solidcell.cell.design import CellDesign
from solidcell.manufacturing.economics import CostOptions
from solidcell.report.html import section_manufacturing

SULFUR = {"active_material": "sulfur", "electrolyte": "li6ps5cl", "carbon": "vgcf",
          "active_fraction": 0.4, "electrolyte_fraction": 0.4, "carbon_fraction": 0.2,
          "thickness": "60 um"}
NMC = {"active_material": "nmc811", "electrolyte": "li6ps5cl", "carbon": "vgcf",
       "active_fraction": 0.7, "electrolyte_fraction": 0.25, "carbon_fraction": 0.05,
       "thickness": "60 um"}
HOST = {"np_ratio": 1.2, "electrolyte": "li6ps5cl", "active_fraction": 0.6,
        "electrolyte_fraction": 0.4}
#: vgcf has no price in the knowledge base: the user's assumption, as in the README's tour
PRICE = {"vgcf": 50.0}
HELD_M = {"li_in": 50e-6, "graphite": 3e-6, "silicon": 3e-6, "lto": 3e-6}  # within each host


def design(kind: str) -> dict:
    anode = {"kind": "li_in", "thickness": "100 um"} if kind == "li_in" else {"kind": kind,
                                                                             **HOST}
    return {"name": f"held lithium on {kind}",
            "cathode": SULFUR if kind == "li_in" else NMC,
            "anode": {**anode, "excess_li_thickness_m": HELD_M[kind]},
            "separator": {"electrolyte": "li6ps5cl", "thickness": "30 um"},
            "cathode_current_collector": {"material": "al_foil", "thickness": "12 um"},
            "anode_current_collector": {"material": "cu_foil", "thickness": "8 um"}}


@pytest.mark.parametrize("kind", list(HELD_M))
def test_cost_prices_the_held_lithium_as_lithium(kind: str, tmp_path: Path, capsys) -> None:
    path = tmp_path / "held.yaml"
    path.write_text(yaml.safe_dump(design(kind)), encoding="utf-8")
    code, out, err = run(["cost", str(path), "--price", "vgcf=50", "--json"], capsys)
    assert code == 0, err
    data = json.loads(out)
    rho_li = CellDesign.from_dict(design(kind)).resolved().li_density_kg_m3
    masses = data["Areal masses [kg.m-2]"]
    assert masses["li_metal"] == pytest.approx(HELD_M[kind] * rho_li, rel=1e-12)
    assert masses[kind] > 0  # the host keeps its own price
    assert "li_metal" in {p["Material"] for p in data["Prices"]}
    code, text, err = run(["cost", str(path), "--price", "vgcf=50"], capsys)
    assert code == 0 and "material: li_metal" in text, err


def test_the_reports_cost_section_prices_it_too() -> None:
    cell = CellDesign.from_dict(design("li_in"))
    section = section_manufacturing(cell, CostOptions(prices=PRICE))
    assert "cost not available" not in section.note
    assert "material: li_metal" in section.body and "material: li_in" in section.body
