"""A screen's cost of a row the base design's route can make is still ``cell_cost`` of the
row's design where another route is better for it (docs/screening.md, Cost): a thickness
moves a process into its range, or a batch step past the machine-time limit.

The thin-film example (0.3 um Ni collector, 5 um LiCoO2 film): a collector of 2 um is in the
range of a purchased foil (1-1000 um, mfg_engineering_estimate), which costs nothing to lay
down, where the base route sputters it (0.01-10 um, srivastava_review). A 6.5 um LiCoO2 film
took sol-gel (10 nm-10 um) above the 3600 s/m2 limit (2 nm/s plus 600 s per m2: 6 um), so
``cell_cost`` electrosprayed it (20 nm/s over 0.1 m2); since 2026-12-07 the dwell of each
LiCoO2 film's crystallisation anneal is machine time (5 h sol-gel, 1 h sputtered and, an
estimate, electrosprayed: test_mfg_anneal_dwell_time.py), every option is slow at both
thicknesses and sol-gel, the cheapest, makes both. Before 2026-12-06 the screen kept the base
route for both: 431200 against 208167 USD/kWh for the 2 um collector (x2.07)."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.manufacturing.cost import cell_cost, cost_model
from solidcell.manufacturing.economics import CostOptions
from solidcell.manufacturing.routes import plan_routes
from solidcell.screening.screen import row_design, screen

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
THIN = EXAMPLES / "thin-film-lco-lipon-li.yaml"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
#: prices the knowledge base lacks: inputs of this test, not data (the routes compared do not
#: depend on them: the steps' costs and yields decide)
OPTIONS = CostOptions(prices={"mica": 10.0, "lipon": 100.0, "polyimide": 20.0})
CELL = "Cell cost [USD.kW.h-1]"
PATHS = ("cathode.thickness_m", "cathode_current_collector.thickness_m")
REL = 1e-9


@pytest.fixture(scope="module", name="thin_screen")
def _thin_screen():
    space = {"base": str(THIN), "method": "grid",
             "parameters": {PATHS[0]: {"values": ["5 um", "6.5 um"]},
                            PATHS[1]: {"values": ["0.3 um", "2 um"]}}}
    return screen(space, cost_options=OPTIONS)


def test_every_row_costs_what_cell_cost_of_its_design_costs(thin_screen) -> None:
    base = CellDesign.from_file(THIN)
    for _, row in thin_screen.table.iterrows():
        expected = cell_cost(row_design(base, {p: float(row[p]) for p in PATHS}),
                             options=OPTIONS)
        steps = {s.layer: s.process for s in expected.route.steps}
        assert steps["cathode current collector"] == (
            "purchased_foil" if row[PATHS[1]] > 1e-6 else "sputtering")
        assert steps["cathode"] == "sol_gel"
        assert row[CELL] == pytest.approx(expected.cell_cost_USD_per_kWh, rel=REL)


def test_the_note_says_which_route_made_them(thin_screen) -> None:
    notes = [n for n in thin_screen.notes if "route of lower cost" in n]
    assert len(notes) == 1  # purchased foil (the cathode stays sol-gel: module docstring)
    assert all(": 2 of 4 designs have a route of lower cost than the base design's: costed "
               "by the route `solidcell cost` plans for them (" in n for n in notes)
    assert any("(cathode current collector: purchased_foil)" in n for n in notes)


def test_the_reference_is_its_own_best_route() -> None:
    """A property: no route beats the one ``cell_cost`` chose, on the reference's numbers."""
    for design, options in ((THIN, OPTIONS),
                            (EV, CostOptions(prices={"vgcf": 50.0, "linbo3": 100.0}))):
        model = cost_model(CellDesign.from_file(design), options=options)
        assert model.cheaper_routes(dict(evaluate(CellDesign.from_file(design)).values)) == []


def test_the_plan_offers_what_another_thickness_may_use() -> None:
    """The EV example's 40 um lithium is outside evaporation's 1-20 um (sidrabe_pvd_lithium):
    refused for the thickness alone, so among the choices; a process that cannot make the
    layer's class is not."""
    plan = plan_routes(EV)
    anode = {s.process: s for per in plan.choices for options in per for s in options
             if s.layer == "anode"}
    assert anode["lithium_evaporation"].status == "rejected"
    assert anode["lithium_evaporation"].sized_out
    assert "lithium_foil_lamination" in anode and "slurry_coating_calendering" not in anode
