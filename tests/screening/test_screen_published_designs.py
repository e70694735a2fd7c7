"""Published designs on the Pareto fronts of screens around them (properties).

A screen is validated against ``evaluate`` row by row elsewhere; here the question is where a
published, built cell lies on a front: on it where its own limits bound the space, and
dominated only through a parameter the published cell did not have where the space goes
beyond them.

- Lee et al., Nat. Energy 5, 299 (2020) (``lee2020_agc_anode``), the 0.64 Ah bi-cell of
  Supplementary Table S3 (tests/cell/test_cell_published.py: 703 Wh/L printed, the model's
  710.7 Wh/L): 101 um double-coated cathode, 30 um Li6PS5Cl sheet, anode-free.
- Kato et al., J. Phys. Chem. Lett. 9, 607 (2018) (``kato2018_thick_electrodes``): the eight
  cells L75-L600 of Table 3 (tests/cell/test_cell_published_cells.py), whose calculated
  stack energy rises with the cathode thickness in both Wh/kg and Wh/L (SI Fig. S2: L600
  180 Wh/kg and 435 Wh/L printed, L75 about 117 and 245 read from the figure).

``examples/spaces/ev.yaml`` cannot hold either cell as it is (one base per space; its base is
the EV example, not a published design), so its thickness ranges are applied to Lee's cell;
its N/P axis is refused on that anode-free cell, which the last test shows.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cell"))
from test_cell_published import ROWS, lee_design
from test_cell_published_cells import TABLE3, kato_design, np_ratio

from solidcell import evaluate, screen

EV_SPACE = Path(__file__).resolve().parents[2] / "examples" / "spaces" / "ev.yaml"
WH_L = "Cell volumetric energy density [W.h.L-1]"
W_L = "Cell power density [W.L-1]"
STACK_WH_KG = "Stack gravimetric energy density [W.h.kg-1]"
STACK_WH_L = "Stack volumetric energy density [W.h.L-1]"
CAT, SEP = "cathode.thickness_m", "separator.thickness_m"
PUBLISHED_SEPARATOR_M = 30e-6  # Table S3 of lee2020_agc_anode: Li6PS5Cl 30 um
PUBLISHED_CATHODE_M = 101e-6   # per coating, from the printed total (test_cell_published.py)


def lee_base() -> dict:
    """LEE2020-BICELL as a mapping, sized by its cathode thickness and fractions alone (the
    loading the design also states is dropped: same fractions, so the published point gives
    the same numbers, and the swept thickness is the one sizing of the layer)."""
    base = lee_design(ROWS["LEE2020-BICELL"]).to_dict()
    base["cathode"].pop("active_loading_kg_m2")
    return base


def lee_space(cathode: dict, separators: list[float]) -> dict:
    return {"base": lee_base(), "method": "grid",
            "parameters": {CAT: cathode, SEP: {"values": separators}},
            "objectives": [{"key": WH_L, "sense": "max"}, {"key": W_L, "sense": "max"}]}


def published_row(table, cathode_m: float, separator_m: float):
    at = np.isclose(table[CAT], cathode_m, rtol=1e-9) & np.isclose(table[SEP], separator_m,
                                                                      rtol=1e-9)
    assert at.sum() == 1
    return table[at].iloc[0]


def test_lee_bicell_is_on_the_front_of_its_own_separator_limit():
    """Cathode 30-200 um (ev.yaml's range, with the published 101 um among the values),
    separator 30, 50, 100 um (none thinner than the published sheet): the published bi-cell
    is on the Wh/L - W/L front, with the numbers of ``evaluate`` (710.7 Wh/L, rel 1e-12), and
    every design on the front has the published 30 um separator (a thicker one costs energy
    and power at once)."""
    values = sorted({*np.round(np.linspace(30e-6, 200e-6, 18), 12), PUBLISHED_CATHODE_M})
    result = screen(lee_space({"values": values}, [30e-6, 50e-6, 100e-6]), with_cost=False)
    table = result.table
    assert table["Feasible"].all()
    row = published_row(table, PUBLISHED_CATHODE_M, PUBLISHED_SEPARATOR_M)
    assert bool(row["Pareto"])
    direct = evaluate(lee_design(ROWS["LEE2020-BICELL"]))
    assert row[WH_L] == pytest.approx(direct[WH_L], rel=1e-12)
    assert row[W_L] == pytest.approx(direct[W_L], rel=1e-12)
    assert round(row[WH_L], 1) == 710.7
    front = table[table["Pareto"]]
    assert np.allclose(front[SEP], PUBLISHED_SEPARATOR_M, rtol=1e-9)
    assert len(front) == len(values)  # along the cathode: energy for power


def test_with_ev_space_separators_only_thinner_sheets_dominate_the_published_cell():
    """ev.yaml's thickness ranges (cathode 30-200 um, separator 10-100 um) on Lee's cell, a
    grid of 1 um cathode steps and separators 10, 20, 30, 50, 100 um: every design that
    dominates the published bi-cell has a separator thinner than its 30 um, and at the
    bi-cell's power or more the front offers +16.2 % in Wh/L (825.9 against 710.7 Wh/L: a
    10 um sheet and a 115 um cathode). A screen therefore ranks the published cell where its
    separator puts it: on the front of what it could build, 16 % below what a 10 um sheet
    would give."""
    raw = yaml.safe_load(EV_SPACE.read_text("utf-8"))["parameters"]
    cathode = {**raw[CAT], "n": 171}
    assert raw[SEP] == {"min": "10 um", "max": "100 um"}
    separators = [10e-6, 20e-6, 30e-6, 50e-6, 100e-6]
    table = screen(lee_space(cathode, separators), with_cost=False).table
    assert table["Feasible"].all()
    row = published_row(table, PUBLISHED_CATHODE_M, PUBLISHED_SEPARATOR_M)
    assert not bool(row["Pareto"])
    dominating = table[(table[WH_L] >= row[WH_L]) & (table[W_L] >= row[W_L])
                       & ((table[WH_L] > row[WH_L]) | (table[W_L] > row[W_L]))]
    assert len(dominating) > 0
    assert (dominating[SEP] < PUBLISHED_SEPARATOR_M - 1e-12).all()
    front = table[table["Pareto"]]
    at_power = front[front[W_L] >= row[W_L]]
    best = at_power.loc[at_power[WH_L].idxmax()]
    assert round(best[WH_L] / row[WH_L] - 1, 3) == 0.162
    assert best[SEP] == pytest.approx(10e-6) and best[CAT] == pytest.approx(115e-6)


def test_ev_space_np_axis_is_refused_on_the_anode_free_published_cell():
    """ev.yaml's ``anode.np_ratio`` axis cannot apply to Lee's anode-free bi-cell: the screen
    keeps every row, infeasible, with the design model's reason (none crashes)."""
    space = lee_space({"values": [PUBLISHED_CATHODE_M]}, [PUBLISHED_SEPARATOR_M])
    space["parameters"]["anode.np_ratio"] = {"values": [1.0, 2.0]}
    table = screen(space, with_cost=False).table
    assert len(table) == 2 and not table["Feasible"].any()
    assert all("anode" in str(reason).lower() for reason in table["Reason"])


def test_kato_front_is_the_thickest_cell_as_fig_s2_rises():
    """The eight LiCoO2 loadings x the seven distinct N/P of Table 3 (56 designs, the eight
    published cells among them, each with the numbers of ``evaluate`` to rel 1e-12): on the
    stack Wh/kg - Wh/L front there is one design, L600's loading (the thickest cell, as
    Fig. S2's rise from L75 to L600 in both quantities says) at the lowest N/P."""
    loadings = [v[1] * 1e-2 for v in TABLE3.values()]  # mg/cm2 -> kg/m2
    ratios = sorted({np_ratio(c) for c in TABLE3})
    space = {"base": kato_design("L600").to_dict(), "method": "grid",
             "parameters": {"cathode.active_loading_kg_m2": {"values": loadings},
                            "anode.np_ratio": {"values": ratios}},
             "objectives": [{"key": STACK_WH_KG, "sense": "max"},
                            {"key": STACK_WH_L, "sense": "max"}]}
    table = screen(space, with_cost=False).table
    assert len(table) == 56 and table["Feasible"].all()
    for cell, (_, lco, _, _, _) in TABLE3.items():
        at = (np.isclose(table["cathode.active_loading_kg_m2"], lco * 1e-2, rtol=1e-12)
              & np.isclose(table["anode.np_ratio"], np_ratio(cell), rtol=1e-12))
        assert at.sum() == 1
        direct = evaluate(kato_design(cell))
        for key in (STACK_WH_KG, STACK_WH_L):
            assert table[at][key].iloc[0] == pytest.approx(direct[key], rel=1e-12)
    front = table[table["Pareto"]]
    assert len(front) == 1
    assert front["cathode.active_loading_kg_m2"].iloc[0] == pytest.approx(1.154)
    assert front["anode.np_ratio"].iloc[0] == pytest.approx(min(ratios))
