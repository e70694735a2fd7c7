"""A screen's cost of a row is ``cell_cost`` of that row's design, also where the row has a layer
the base design's route cannot make: such rows are planned again (another process, or no
route and no cost), as ``solidcell cost`` plans them (docs/screening.md, Cost).

The thickness ranges are the process database's: lithium foil lamination 20-200 um
(schnell2018_production), lithium evaporation 1-20 um (sidrabe_pvd_lithium), cold sintering
from 50 um (mfg_engineering_estimate). The casing is costed per row as well (a pouch's casing
grows with the stack's thickness; the reference's casing per m2 put rows up to 4.8e-4 off)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from solidcell.cell.design import CellDesign
from solidcell.manufacturing.cost import cell_cost, cost_model
from solidcell.manufacturing.economics import CostOptions
from solidcell.manufacturing.processes import load_processes
from solidcell.screening import screen as screen_module
from solidcell.screening.screen import row_design, screen

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
OXIDE = EXAMPLES / "oxide-lco-llzo-li.yaml"
#: prices the knowledge base lacks (inputs of the test, as tests/manufacturing/mfg_stacks.py)
OPTIONS = CostOptions(prices={"vgcf": 50.0, "linbo3": 100.0})
CELL = "Cell cost [USD.kW.h-1]"
#: the screen against ``cell_cost``: the same formulas on the same numbers (rounding only;
#: 6e-16 measured on 300 rows of the EV space)
REL = 1e-9


def _space(tmp_path: Path, base: Path, parameters: str) -> Path:
    path = tmp_path / "space.yaml"
    path.write_text(f"base: {base}\nmethod: grid\nparameters:\n{parameters}", "utf-8")
    return path


def _row_cost(base: CellDesign, row, paths) -> object:
    return cell_cost(row_design(base, {p: float(row[p]) for p in paths}), options=OPTIONS)


@pytest.fixture(scope="module", name="ev_screen")
def _ev_screen(tmp_path_factory):
    # 40 um cathodes at N/P 1.1 and 1.5 have a lithium foil under lamination's 20 um
    space = _space(tmp_path_factory.mktemp("ev"), EV,
                   "  cathode.thickness_m: {values: [40 um, 80 um]}\n"
                   "  anode.np_ratio: {values: [1.1, 1.5, 3.0]}\n")
    return screen(space, cost_options=OPTIONS)


def test_every_row_costs_what_cell_cost_of_its_design_costs(ev_screen) -> None:
    base = CellDesign.from_file(EV)
    table = ev_screen.table
    thin = table["Anode thickness [m]"] < 20e-6
    assert thin.sum() >= 2 and (~thin).sum() >= 2  # both sides of lamination's 20 um
    for _, row in table.iterrows():
        assert row["Feasible"], row["Reason"]
        expected = _row_cost(base, row, ("cathode.thickness_m", "anode.np_ratio"))
        anode = {s.layer: s.process for s in expected.route.steps}["anode"]
        assert anode == ("lithium_evaporation" if row["Anode thickness [m]"] < 20e-6
                         else "lithium_foil_lamination")
        assert row[CELL] == pytest.approx(expected.cell_cost_USD_per_kWh, rel=REL)
        assert row["Pack cost [USD.kW.h-1]"] == pytest.approx(
            expected.pack_cost_USD_per_kWh, rel=REL)


def test_the_base_route_would_have_priced_the_thin_foils_far_too_low(ev_screen) -> None:
    """What the screen gave before: the base design's (laminated) route for every row."""
    table = ev_screen.table
    thin = (table["Anode thickness [m]"] < 20e-6).to_numpy()
    old, _ = cost_model(CellDesign.from_file(EV), options=OPTIONS).from_energy(table)
    new = table[CELL].to_numpy()
    assert np.all(new[thin] > 2 * old[thin])  # evaporation: a batch chamber (estimates)
    assert new[~thin] == pytest.approx(old[~thin], rel=REL)


def test_the_note_names_the_range_and_the_route_that_made_them(ev_screen) -> None:
    lo, hi = load_processes().get("lithium_foil_lamination").si_range("thickness")
    thin = int((ev_screen.table["Anode thickness [m]"] < 20e-6).sum())
    (note,) = [n for n in ev_screen.notes if "cannot make" in n]
    assert note == (
        f"EV pouch NMC811 | Li6PS5Cl | Li: {thin} of 6 designs have a layer the base design's "
        f"route cannot make (anode: lithium_foil_lamination makes {lo * 1e6:.4g}-"
        f"{hi * 1e6:.4g} um (schnell2018_production)): costed by the route `solidcell cost` "
        "plans for them (anode: lithium_evaporation)")


def test_rows_no_route_can_make_have_no_cost_and_say_why(tmp_path: Path) -> None:
    """Oxide cathodes under cold sintering's 50 um: ``cell_cost`` has no route for them, in two
    range classes (5 and 8 um are under tape casting's 10 um too), so two plans; the others
    keep the base route's cost, ``cell_cost``'s."""
    space = _space(tmp_path, OXIDE, "  cathode.thickness_m: {values: [5 um, 8 um, 12 um, "
                                    "30 um, 50 um, 100 um]}\n")
    result = screen(space)
    base = CellDesign.from_file(OXIDE)
    table = result.table
    for _, row in table.iterrows():
        expected = _row_cost(base, row, ("cathode.thickness_m",))
        if row["cathode.thickness_m"] < 40e-6:  # 50 um is 50 * 1e-6 < 50e-6
            assert not expected.has_cost and np.isnan(row[CELL])
            assert expected.reason.startswith("no manufacturing route")
        else:
            assert row[CELL] == pytest.approx(expected.cell_cost_USD_per_kWh, rel=REL)
    (note,) = [n for n in result.notes if "cannot make" in n]
    why = _row_cost(base, table.iloc[0], ("cathode.thickness_m",)).reason.splitlines()[0]
    assert note.startswith("Oxide LCO | LLZO | Li: 4 of 6 designs have a layer the base "
                           "design's route cannot make (cathode: cold_sintering makes 50-5000 "
                           f"um (mfg_engineering_estimate)) and no cost: {why}")
    assert table["Feasible"].all()  # designs without a cost, not infeasible ones


def test_rows_left_after_the_rounds_keep_the_last_route_and_say_so(
        tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(screen_module, "REPLAN_ROUNDS", 0)
    space = _space(tmp_path, OXIDE, "  cathode.thickness_m: {values: [30 um, 100 um]}\n")
    result = screen(space)
    assert np.isfinite(result.table[CELL]).all()  # the base route's cost, as before
    (note,) = [n for n in result.notes if "cannot make" in n]
    assert "1 of 2 designs" in note and "after 0 plans" in note


def test_range_classes_group_rows_the_planner_treats_alike() -> None:
    """Rows in one class have each layer inside the ranges of the same processes: 15 and
    19.9 um of lithium (evaporation only), 25 um (lamination only), 150 um (lamination and
    pellet pressing, from 100 um); a NaN thickness is no class."""
    model = cost_model(CellDesign.from_file(EV), options=OPTIONS)
    li = np.array([15e-6, 19.9e-6, 25e-6, 150e-6, np.nan])
    # masses: inputs that do not enter the classes (Li 0.534 g/cm3, haynes2016_crc)
    columns = {"Cathode thickness [m]": 80e-6, "Cathode areal mass [kg.m-2]": 0.3,
               "Separator thickness [m]": 30e-6, "Separator areal mass [kg.m-2]": 0.05,
               "Anode thickness [m]": li, "Anode areal mass [kg.m-2]": li * 534.0,
               "Stack areal energy [W.h.m-2]": 200.0}
    classes = model.range_classes(columns)
    assert classes[0] == classes[1]
    assert len({classes[1], classes[2], classes[3]}) == 3
    assert classes[4] == -1 and (classes[:4] >= 0).all()
