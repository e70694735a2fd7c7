"""Every edge that shows a cost says how its route is made, in the words of ``solidcell
cost``'s ``route status`` row (``solidcell.manufacturing.cost.route_status``): the report's
manufacturing section and a screen's notes (the dashboard's cost: tests/app/
test_app_route_status_cost.py). A design without a route gets no cost anywhere, and a screen's
note of it is a whole sentence (it ended "its processes fail because:)").

The oxide example's LCO + LLZO cathode is an ``oxide_composite_electrode``, made only by cold
sintering below the 700 degC LCO/LLZO interdiffusion onset (kim2011_lco_llzo_interface,
kim2020_all_ceramic_cathode): a 0.01 m2 die pressed 3600 s (mfg_engineering_estimate, the
database's cold_sintering entry) is 3.6e5 s/m2, above the 3600 s/m2 ``max_time_per_m2``
default (docs/manufacturing.md): slow. The vertically aligned example's 40 um channels are
finer than any densifying process: no route (docs/manufacturing.md)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from solidcell.cell.design import CellDesign
from solidcell.manufacturing.cost import cell_cost, route_status
from solidcell.manufacturing.routes import plan_routes

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
OXIDE = EXAMPLES / "oxide-lco-llzo-li.yaml"
ALIGNED = EXAMPLES / "vertically-aligned-lco-llzo-li.yaml"


@pytest.fixture(scope="module", name="oxide_cost")
def _oxide_cost():
    return cell_cost(CellDesign.from_file(OXIDE))


@pytest.fixture(scope="module", name="aligned_cost")
def _aligned_cost():
    return cell_cost(CellDesign.from_file(ALIGNED))


def test_route_status_names_every_slow_step_with_its_time_and_the_limit(oxide_cost) -> None:
    assert oxide_cost.has_cost and oxide_cost.route.status == "slow"
    (slow,) = [s for s in oxide_cost.route.steps if s.status == "slow"]
    # cold_sintering: 3600 s per press over a 0.01 m2 die (docs/manufacturing.md)
    assert (slow.layer, slow.process) == ("cathode", "cold_sintering")
    assert slow.time_s_per_m2 == pytest.approx(3600 / 0.01)
    status = route_status(oxide_cost)
    assert status == ("slow: cathode (cold_sintering) 3.6e+05 s/m2, above 3.6e+03 s/m2 "
                      "(max_time_per_m2: impractical for volume production)")
    # a feasible step is not named among the slow ones
    assert all(f"({s.process})" not in status for s in oxide_cost.route.steps
               if s.status == "feasible")


def test_route_status_without_a_route_says_so(aligned_cost) -> None:
    assert not aligned_cost.has_cost and aligned_cost.route is None
    assert route_status(aligned_cost) == "no route"


def test_a_plan_says_whether_its_best_route_is_slow() -> None:
    # "Feasible": true was all a plan of slow routes said above its routes (the oxide
    # example is cold sintered: docs/manufacturing.md); the sulfide EV example is feasible
    for path, status in ((OXIDE, "slow"), (ALIGNED, "none"),
                         (EXAMPLES / "ev-nmc811-lpscl-li.yaml", "feasible")):
        plan = plan_routes(CellDesign.from_yaml(path))
        data = plan.to_json()
        assert plan.status == data["Status"] == status
        assert data["Feasible"] is (status != "none")
        assert all(r["Status"] in ("feasible", "slow") for r in data["Routes"])


def test_the_reason_of_no_route_starts_with_a_whole_sentence() -> None:
    """Its first line is what a screen's note shows: it ended 'fail because:'."""
    plan = plan_routes(CellDesign.from_file(ALIGNED))
    first, *rest = plan.reason.splitlines()
    assert not plan.feasible and rest
    assert first.startswith("no build order works (16 tried); layer 'cathode' blocks")
    assert not first.endswith(":")
    assert rest[0] == "In the stack order, its processes fail because:"


def test_the_report_section_says_the_costed_route_is_slow(oxide_cost) -> None:
    from solidcell.report.html import section_manufacturing

    section = section_manufacturing(CellDesign.from_file(OXIDE))
    expected = route_status(oxide_cost).removeprefix("slow: ")
    assert f"the cost is of a slow route: {expected}" in section.note
    assert "no feasible process route" not in section.note


def test_the_report_section_of_no_route_shows_no_cost(aligned_cost) -> None:
    from solidcell.report.html import section_manufacturing

    section = section_manufacturing(CellDesign.from_file(ALIGNED))
    plan = plan_routes(CellDesign.from_file(ALIGNED))
    assert section.note.startswith(f"no feasible process route: {plan.reason}")
    assert "cost not available: no manufacturing route" in section.note
    assert "slow route" not in section.note
    for key in ("Cell cost [USD.kW.h-1]", "Pack cost [USD.kW.h-1]"):  # said, not a dash
        assert f"<td>{key}</td><td>not available (see Reason)</td>" in section.body


def _one_point(tmp_path: Path, design: Path, path: str, value: str) -> Path:
    space = tmp_path / "space.yaml"
    space.write_text(f"base: {design}\nmethod: grid\nparameters:\n"
                     f"  {path}: {{values: [{value}]}}\n", "utf-8")
    return space


def test_a_one_point_screen_of_the_oxide_example_says_its_cost_is_of_a_slow_route(
        tmp_path: Path, oxide_cost) -> None:
    from solidcell.screening.screen import screen

    result = screen(_one_point(tmp_path, OXIDE, "cathode.thickness_m", "50 um"))
    assert result.table["Cell cost [USD.kW.h-1]"].to_numpy() == pytest.approx(
        oxide_cost.cell_cost_USD_per_kWh, rel=1e-9)
    expected = route_status(oxide_cost).removeprefix("slow: ")
    assert result.notes == (f"Oxide LCO | LLZO | Li: cost of a slow route: {expected}",)


def test_a_screen_of_the_aligned_example_has_no_cost_and_a_whole_note(
        tmp_path: Path, aligned_cost) -> None:
    from solidcell.screening.screen import screen

    result = screen(_one_point(tmp_path, ALIGNED, "separator.thickness_m", "15 um"))
    assert "Cell cost [USD.kW.h-1]" not in result.table
    (note,) = result.notes
    first = aligned_cost.reason.splitlines()[0]
    assert note == (f"{aligned_cost.design}: no cost ({first}; `solidcell route` of the "
                    "design gives every process's reasons)")
    assert "because:" not in note
    # nothing else of the row is NaN or infinite because of it
    assert np.isfinite(result.table["Cell gravimetric energy density [W.h.kg-1]"]).all()


def test_a_screen_names_the_designs_its_base_route_cannot_make(tmp_path: Path) -> None:
    """A 30 um oxide cathode is below cold sintering's 50 um (the database's thickness range
    of cold_sintering, mfg_engineering_estimate): ``cell_cost`` has no route for it, and
    neither has the screen, which plans such a row again (it kept the base design's route
    and its cost before) and says why (tests/screening/test_screen_cost_replanned.py)."""
    from solidcell.manufacturing.processes import load_processes
    from solidcell.screening.screen import screen

    lo, hi = load_processes().get("cold_sintering").si_range("thickness")
    base = CellDesign.from_file(OXIDE)
    assert not cell_cost(base.replace(**{"cathode.thickness_m": 30e-6})).has_cost
    assert cell_cost(base.replace(**{"cathode.thickness_m": 100e-6})).has_cost
    space = tmp_path / "space.yaml"
    space.write_text(f"base: {OXIDE}\nmethod: grid\nparameters:\n"
                     "  cathode.thickness_m: {values: [30 um, 50 um, 100 um]}\n", "utf-8")
    result = screen(space)
    (note,) = [n for n in result.notes if "cannot make" in n]
    assert note.startswith(
        f"Oxide LCO | LLZO | Li: 1 of 3 designs have a layer the base design's route cannot "
        f"make (cathode: cold_sintering makes {lo * 1e6:.4g}-{hi * 1e6:.4g} um "
        "(mfg_engineering_estimate)) and no cost: no manufacturing route")
    assert np.isnan(result.table["Cell cost [USD.kW.h-1]"]).tolist() == [True, False, False]
    assert (lo, hi) == pytest.approx((50e-6, 5000e-6))


def test_outside_ranges_marks_exactly_the_rows_outside_a_step_range() -> None:
    from solidcell.manufacturing.cost import cost_model
    from solidcell.manufacturing.processes import load_processes

    lo, hi = load_processes().get("cold_sintering").si_range("thickness")
    model = cost_model(CellDesign.from_file(OXIDE))
    cathode = np.array([lo * 0.99, lo, hi, hi * 1.01, np.nan])
    columns = {"Cathode thickness [m]": cathode, "Cathode areal mass [kg.m-2]": 0.24,
               "Separator thickness [m]": 50e-6, "Separator areal mass [kg.m-2]": 0.26,
               "Anode thickness [m]": 20e-6, "Anode areal mass [kg.m-2]": 0.011,
               "Stack areal energy [W.h.m-2]": 77.0}
    (what, outside), = model.outside_ranges(columns)
    assert what.startswith("cathode: cold_sintering makes")
    assert outside.tolist() == [True, False, False, True, False]  # NaN: no claim
