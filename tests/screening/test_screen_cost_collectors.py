"""A screen that sweeps a current collector's thickness costs each row's foil, as ``cell_cost``
of the row's design does (docs/screening.md, Cost), and every energy column is ``evaluate``'s.

Before 2026-12-06 the cost model kept the base design's collectors (evaluate's columns hold
both collectors together): the EV example's rows with a 4-20 um copper and a 6-30 um
aluminium foil all cost 219.96-219.97 USD/kWh where ``solidcell cost`` gives 217.3-227.9
(test prices: vgcf 50, LiNbO3 100 USD/kg), up to 3.5 % off. A bipolar stack that names no
bipolar collector (its bipolar collectors are the cathode collector's foil) kept the base's
bipolar foils in the energy too: 424.5 Wh/kg with a 30 um cathode collector where
``evaluate`` gives 387.8 (+9.5 %)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate
from solidcell.manufacturing.cost import cell_cost
from solidcell.manufacturing.economics import CostOptions
from solidcell.screening.screen import row_design, screen

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EV = EXAMPLES / "ev-nmc811-lpscl-li.yaml"
BIPOLAR = EXAMPLES / "bipolar-nmc811-lpscl-li.yaml"
#: prices the knowledge base lacks (inputs of the test, as tests/manufacturing/mfg_stacks.py)
OPTIONS = CostOptions(prices={"vgcf": 50.0, "linbo3": 100.0})
CELL = "Cell cost [USD.kW.h-1]"
GRAVIMETRIC = "Cell gravimetric energy density [W.h.kg-1]"
PATHS = ("cathode_current_collector.thickness_m", "anode_current_collector.thickness_m")
#: the same formulas on the same numbers: rounding only
REL = 1e-9


def _screen_matches_cell_cost(base: Path | dict, values: str) -> np.ndarray:
    space = {"base": base, "method": "grid",
             "parameters": {PATHS[0]: {"values": ["6 um", "12 um", "30 um"]},
                            PATHS[1]: {"values": values.split(",")}}}
    table = screen(space, cost_options=OPTIONS).table
    design = base if isinstance(base, CellDesign) else CellDesign.from_file(base) \
        if isinstance(base, Path) else CellDesign.model_validate(base)
    costs = []
    for _, row in table.iterrows():
        made = row_design(design, {p: float(row[p]) for p in PATHS})
        expected = cell_cost(made, options=OPTIONS).cell_cost_USD_per_kWh
        assert row[CELL] == pytest.approx(expected, rel=REL)
        for key in (GRAVIMETRIC, "Stack thickness [m]", "Casing mass [kg]"):
            assert row[key] == pytest.approx(evaluate(made).values[key], rel=1e-12)
        costs.append(expected)
    return np.asarray(costs)


def test_a_swept_collector_costs_its_own_foil() -> None:
    costs = _screen_matches_cell_cost(EV, "4 um,8 um,20 um")
    assert np.ptp(costs) > 5.0  # the foils differ by more than 5 USD/kWh: the test can fail


def test_a_bipolar_stack_without_its_own_collector_follows_the_cathode_foil() -> None:
    """Its bipolar collectors are the cathode collector's foil (stack_from_design)."""
    data = CellDesign.from_file(BIPOLAR).model_dump(mode="json", exclude_none=True)
    data["architecture"].pop("bipolar_collector")
    costs = _screen_matches_cell_cost(data, "4 um,20 um")
    assert np.ptp(costs) > 1.0
