"""``CostModel.from_energy`` costs a bipolar family as ``cell_cost`` costs it: per cell of the
series stack, from evaluate's layer columns (one repeat unit's) and the stack's areal energy
over the cells in series. It was valid for ``cells_in_series == 1`` only (its docstring asked
to divide by n first, and the screen gave bipolar stacks no cost)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from mfg_stacks import TEST_PRICES

from solidcell.cell.design import CellDesign
from solidcell.cell.energy import evaluate, evaluate_many
from solidcell.manufacturing.cost import cell_cost, cost_model
from solidcell.manufacturing.economics import CostOptions

BIPOLAR = Path(__file__).resolve().parents[2] / "examples" / "bipolar-nmc811-lpscl-li.yaml"
OPTIONS = CostOptions(prices=TEST_PRICES)


def _series(n: int) -> CellDesign:
    return CellDesign.from_file(BIPOLAR).replace(**{"architecture.cells_in_series": n})


@pytest.mark.parametrize("n", [1, 2, 6, 12])
def test_from_energy_of_a_bipolar_design_is_its_cell_cost(n: int) -> None:
    design = _series(n)
    reference = cell_cost(design, options=OPTIONS)
    assert reference.has_cost, reference.reason
    model = cost_model(design, options=OPTIONS)
    assert model.cells_in_series == n
    for columns in (evaluate(design).values, evaluate_many([design]).columns):
        cell, pack = model.from_energy(columns)
        assert np.ravel(cell).tolist() == pytest.approx(
            [reference.cell_cost_USD_per_kWh], rel=1e-9)
        assert np.ravel(pack).tolist() == pytest.approx(
            [reference.pack_cost_USD_per_kWh], rel=1e-9)


def test_the_cost_is_per_cell_of_the_stack() -> None:
    """`cost`'s areal energy of the bipolar example is evaluate's stack areal energy over its
    6 cells, and its cathode's areal mass is evaluate's one-cell layer key (the layer is the
    cathode's active material, carbon and electrolyte)."""
    design = _series(6)
    values = evaluate(design).values
    reference = cell_cost(design, options=OPTIONS)
    assert reference.areal_energy_Wh_per_m2 == pytest.approx(
        values["Stack areal energy [W.h.m-2]"] / 6, rel=1e-12)
    model = cost_model(design, options=OPTIONS)
    cathode = model.layer_names.index("cathode")
    assert model.layer_areal_mass_kg_m2[cathode] == pytest.approx(
        values["Cathode areal mass [kg.m-2]"], rel=1e-12)
