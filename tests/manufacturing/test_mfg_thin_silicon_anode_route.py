"""A process that lays down no material makes no layer: isostatic pressing of the stacked cell
"densifies layers laid down by another process" (its entry in the process database), so the
planner refuses it for every layer (``Process.lays_down``).

Before, a bare silicon anode thinner than slurry coating's range (6.9 um, the EV example with
a 99.9 %-style silicon anode at N/P 1.2) was "made" by isostatic pressing alone, feasible at
125 USD/m2 (1166 USD/kWh). Published bare silicon films of a few micrometres are deposited
by magnetron sputtering (Si/Y multilayers with 225 nm Si films by RF magnetron sputtering,
li2012_si_y_sputtered; Si/C multilayer films sputtered on copper foil,
wang2018_si_c_sputtered_multilayer; 50-1200 nm Si films on copper foil by RF magnetron
sputtering, joo2009_sputtered_si_film; 0.013-0.400 mg/cm2, evshchik2018_sputtered_si: thinner
than this layer, none thicker read), a process whose thickness window is the review's
(10 nm-10 um, srivastava_review Table 9); the layer was then planned by it, flagged slow at
the database's estimated rate (0.1 nm/s, estimated for RF sputtering of ceramics, no silicon
rate read). It is now made by roll-to-roll thermal plasma deposition of silicon at its printed
>10 um/min (bosch2016_thermal_plasma_si; tests/manufacturing/
test_mfg_sourced_deposition_rates.py); sputtering stays an option, slow."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.cell.design import CellDesign
from solidcell.manufacturing.cost import cell_cost, cost_model
from solidcell.manufacturing.design import stack_from_design
from solidcell.manufacturing.economics import CostOptions
from solidcell.manufacturing.processes import load_processes
from solidcell.manufacturing.routes import plan_routes

ROOT = Path(__file__).resolve().parents[2]
EV = ROOT / "examples" / "ev-nmc811-lpscl-li.yaml"
#: vgcf and linbo3 have no knowledge-base price: docs/manufacturing.md's placeholders
PRICES = {"vgcf": 50.0, "linbo3": 100.0}


def bare_silicon_design() -> CellDesign:
    """The EV example with a bare silicon anode (active fraction 1) sized by N/P 1.2."""
    data = yaml.safe_load(EV.read_text(encoding="utf-8"))
    data["name"] = "EV pouch NMC811 | Li6PS5Cl | Si"
    data["anode"] = {"kind": "silicon", "np_ratio": 1.2, "active_fraction": 1.0,
                     "electrolyte_fraction": 0.0}
    return CellDesign.from_dict(data)


def test_isostatic_pressing_lays_down_no_layer() -> None:
    db = load_processes()
    iso = db.get("isostatic_pressing")
    assert iso.lays_down is False
    assert "densifies layers laid down by another process" in iso.thickness.note
    assert all(p.lays_down for p in db.processes if p.id != "isostatic_pressing")


def test_a_thin_bare_silicon_anode_is_deposited_not_pressed() -> None:
    design = bare_silicon_design()
    layer = {x.name: x for x in stack_from_design(design).layers}["anode"]
    db = load_processes()
    lo, hi = db.get("sputtering").si_range("thickness")  # the review's 10 nm-10 um
    slurry_lo = db.get("slurry_coating_calendering").si_range("thickness")[0]
    assert lo <= layer.thickness <= hi and layer.thickness < slurry_lo  # type: ignore
    plan = plan_routes(design)
    anode = {s.layer: s for s in plan.best.steps}["anode"]
    assert anode.process == "thermal_plasma_silicon" and anode.status == "feasible"
    sputter = next(o for o in plan.options if o.layer == "anode" and o.process == "sputtering")
    assert sputter.status == "slow"  # at the estimated 0.1 nm/s
    iso = next(o for o in plan.options if o.layer == "anode"
               and o.process == "isostatic_pressing")
    assert iso.status == "rejected"
    assert any("lays down no layer" in r for r in iso.reasons)
    assert not iso.sized_out  # no thickness a screen sweeps lets it make the layer


def test_the_cost_names_the_thermal_plasma_step() -> None:
    res = cell_cost(bare_silicon_design(), options=CostOptions(prices=PRICES))
    assert res.has_cost
    steps = {s.layer: s.process for s in res.route.steps}
    assert steps["anode"] == "thermal_plasma_silicon"
    assert "slow" not in res.route.status


def test_the_screen_model_counts_no_pressing_among_the_makers() -> None:
    """``CostModel.range_classes`` groups rows by the processes that can make each layer:
    a process that lays down nothing is none of them."""
    model = cost_model(bare_silicon_design(), options=CostOptions(prices=PRICES))
    for makers in model._makers:
        assert all(p.lays_down for p in makers)


@settings(max_examples=15, deadline=None)
@given(thickness_um=st.floats(min_value=0.5, max_value=900.0),
       klass=st.sampled_from(["silicon", "graphite", "li6ps5cl"]))
def test_no_route_step_is_made_by_a_process_that_lays_down_nothing(
        thickness_um: float, klass: str) -> None:
    """Property: whatever the layer and thickness, no step of any route (and no open choice
    of a screen) is a process with ``lays_down: false``."""
    role = "electrolyte" if klass == "li6ps5cl" else "anode"
    stack = {"name": "probe", "layers": [
        {"name": "cu", "role": "current_collector", "material": "cu_foil",
         "thickness": "10 um"},
        {"name": "layer", "role": role, "material": klass, "thickness": f"{thickness_um} um"},
    ]}
    plan = plan_routes(stack)
    laying = {p.id for p in load_processes().processes if p.lays_down}
    for route in plan.routes:
        assert all(s.process in laying for s in route.steps)
    for per_order in plan.choices:
        for options in per_order:
            assert all(o.process in laying for o in options)
