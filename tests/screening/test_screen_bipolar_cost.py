"""A screen prices a bipolar stack per cell of its series stack, as `solidcell cost` does, also
where it sweeps the cells in series (one cost model per value). It had no cost for bipolar
stacks ("no cost for bipolar stacks in a screen")."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from solidcell.cell.design import CellDesign
from solidcell.manufacturing.cost import cell_cost
from solidcell.manufacturing.economics import CostOptions
from solidcell.screening.screen import screen

BIPOLAR = Path(__file__).resolve().parents[2] / "examples" / "bipolar-nmc811-lpscl-li.yaml"
#: the knowledge base has no price for VGCF: the test's assumption, as a user gives one
OPTIONS = CostOptions(prices={"vgcf": 50.0})


def test_each_row_of_a_cells_in_series_sweep_costs_as_cell_cost(tmp_path: Path) -> None:
    space = tmp_path / "space.yaml"
    space.write_text(f"base: {BIPOLAR}\nmethod: grid\nparameters:\n"
                     "  architecture.cells_in_series: {values: [2, 6, 10]}\n", "utf-8")
    table = screen(space, cost_options=OPTIONS).table
    base = CellDesign.from_file(BIPOLAR)
    assert len(table) == 3
    for _, row in table.iterrows():
        n = int(row["architecture.cells_in_series"])
        expected = cell_cost(base.replace(**{"architecture.cells_in_series": n}),
                             options=OPTIONS)
        assert row["Cell cost [USD.kW.h-1]"] == pytest.approx(
            expected.cell_cost_USD_per_kWh, rel=1e-9), n
        assert row["Pack cost [USD.kW.h-1]"] == pytest.approx(
            expected.pack_cost_USD_per_kWh, rel=1e-9), n
    # more cells share the end collectors: the cost per kWh differs between the rows
    assert np.unique(table["Cell cost [USD.kW.h-1]"].to_numpy()).size == 3
