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


@pytest.mark.parametrize("kind", list(HELD_M))
def test_the_prelithiation_form_is_priced_as_the_same_lithium(kind: str) -> None:
    """``anode.prelithiation`` (a fraction of the host's capacity) resolves to the same held
    lithium as its ``excess_li_thickness_m``, and the cost prices it as lithium alike."""
    from solidcell.manufacturing.cost import cell_cost

    given = CellDesign.from_dict(design(kind))
    resolved = given.resolved()
    data = design(kind)
    del data["anode"]["excess_li_thickness_m"]
    # the fraction of the host's capacity that this held lithium is (docs/cell.md's formula,
    # inverted by the design model itself): the host's capacity from the resolved design
    fraction = resolved.held_li_thickness_m / held_thickness_per_unit(kind)
    data["anode"]["prelithiation"] = fraction
    other = CellDesign.from_dict(data)
    assert other.resolved().held_li_thickness_m == pytest.approx(HELD_M[kind], rel=1e-9)
    options = CostOptions(prices=PRICE)
    a, b = cell_cost(given, options=options), cell_cost(other, options=options)
    assert b.has_cost
    assert b.cell_cost_USD_per_kWh == pytest.approx(a.cell_cost_USD_per_kWh, rel=1e-9)
    assert b.areal_masses_kg_per_m2["li_metal"] == pytest.approx(
        a.areal_masses_kg_per_m2["li_metal"], rel=1e-9)


def held_thickness_per_unit(kind: str) -> float:
    """The dense lithium [m] per unit of ``prelithiation`` of the host of :func:`design`
    (the form is linear), read at a fraction the design accepts: the sulfur cell's Li-In
    must hold the cathode's capacity, the others hold little beside a lithiated cathode."""
    data = design(kind)
    del data["anode"]["excess_li_thickness_m"]
    fraction = 0.5 if kind == "li_in" else 0.05
    data["anode"]["prelithiation"] = fraction
    return CellDesign.from_dict(data).resolved().held_li_thickness_m / fraction


@pytest.mark.parametrize("kind", [*HELD_M, "bare silicon"])
def test_held_lithium_does_not_change_which_processes_make_the_anode(kind: str) -> None:
    """The held lithium lies inside the host (its mass counts, not its volume): the anode
    layer keeps the host's material class, so the same processes may make it and the planner
    picks the same one (a bare silicon layer with 5 % of its capacity held had been moved
    from its own class to a composite electrode's, and costed by another process)."""
    from solidcell.manufacturing.design import stack_from_design
    from solidcell.manufacturing.routes import plan_routes

    if kind == "bare silicon":
        data = design("silicon")
        data["anode"] = {"kind": "silicon", "np_ratio": 1.2, "active_fraction": 1.0,
                         "electrolyte_fraction": 0.0, "prelithiation": 0.05}
    else:
        data = design(kind)
    if kind == "li_in":  # a lithiated cathode, so that the bare host is a cell too
        data["cathode"], data["anode"]["excess_li_thickness_m"] = NMC, 3e-6
    bare = {**data, "anode": {k: v for k, v in data["anode"].items()
                              if k not in ("excess_li_thickness_m", "prelithiation")}}
    stacks = [stack_from_design(CellDesign.from_dict(d)) for d in (data, bare)]
    held, plain = ({x.name: x for x in s.layers}["anode"] for s in stacks)
    assert "li_metal" in held.fractions and "li_metal" not in plain.fractions
    assert held.klass == plain.klass
    steps = [{s.layer: s.process for s in plan_routes(stack).best.steps} for stack in stacks]
    assert steps[0]["anode"] == steps[1]["anode"]
