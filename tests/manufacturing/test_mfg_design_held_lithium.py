"""The lithium a host anode holds at assembly (``anode.excess_li_thickness_m`` on li_in,
graphite, silicon, lto) in the layer stack the cost model prices: its mass is lithium
(``li_metal``), not the host's material. Before, a Li-In foil holding lithium was priced as
indium throughout (0.758 kg/m2 of which 0.027 kg/m2 lithium, all at indium's price)."""

from __future__ import annotations

import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.manufacturing.design import stack_from_design

SULFUR = {"active_material": "sulfur", "electrolyte": "li6ps5cl", "carbon": "vgcf",
          "active_fraction": 0.4, "electrolyte_fraction": 0.4, "carbon_fraction": 0.2,
          "thickness": "60 um"}


def cell(anode: dict) -> CellDesign:
    return CellDesign(name="held Li", cathode=SULFUR, anode=anode,
                      separator={"electrolyte": "li6ps5cl", "thickness": "30 um"},
                      cathode_current_collector={"material": "al_foil", "thickness": "12 um"},
                      anode_current_collector={"material": "cu_foil", "thickness": "8 um"})


def anode_layer(design: CellDesign):
    return next(layer for layer in stack_from_design(design).layers if layer.role == "anode")


@pytest.mark.parametrize("anode", [
    {"kind": "li_in", "thickness": "100 um"},
    {"kind": "graphite", "np_ratio": 1.5, "electrolyte": "li6ps5cl",
     "active_fraction": 0.6, "electrolyte_fraction": 0.4},
])
def test_held_lithium_is_priced_as_lithium(anode: dict) -> None:
    t_li = float(evaluate(cell({"kind": "li_metal", "np_ratio": 1.0}))["Anode thickness [m]"])
    design = cell({**anode, "excess_li_thickness_m": 1.2 * t_li})
    layer = anode_layer(design)
    rd = design.resolved()
    held = 1.2 * t_li * rd.li_density_kg_m3  # kg/m2 of dense lithium
    assert layer.areal_mass == pytest.approx(
        float(evaluate(design)["Anode areal mass [kg.m-2]"]), rel=1e-12)
    assert layer.components["li_metal"] == pytest.approx(held / layer.areal_mass, rel=1e-12)
    assert sum(layer.components.values()) == pytest.approx(1.0, rel=1e-12)
    host = {k: v for k, v in layer.components.items() if k != "li_metal"}
    assert host and all(v > 0 for v in host.values())


def test_a_host_without_held_lithium_keeps_its_fractions() -> None:
    nmc = {"active_material": "nmc811", "electrolyte": "li6ps5cl", "active_fraction": 0.7,
           "electrolyte_fraction": 0.3, "thickness": "60 um"}
    design = CellDesign(name="no held Li", cathode=nmc,
                        anode={"kind": "li_in", "thickness": "100 um"},
                        separator={"electrolyte": "li6ps5cl", "thickness": "30 um"},
                        cathode_current_collector={"material": "al_foil", "thickness": "12 um"},
                        anode_current_collector={"material": "cu_foil", "thickness": "8 um"})
    layer = anode_layer(design)
    assert "li_metal" not in layer.components
    assert layer.material == "li_in"
