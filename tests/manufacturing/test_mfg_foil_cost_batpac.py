"""Current-collector foil cost per m2 as the cost model charges it, against BatPaC's battery-grade
foil prices (nelson2012_batpac, Table 5.1, 2010 USD: 0.80 USD/m2 of 20 um Al, 1.80 USD/m2 of
12 um Cu; the same values that tests/materials/test_price_sources.py checks the knowledge-base
price range against). The measured error is the one docs/validation.md states."""

from __future__ import annotations

import pytest
from mfg_stacks import TEST_PRICES, sulfide_stack

from solidcell.manufacturing.cost import CostOptions, cell_cost
from solidcell.materials import get

#: (foil, thickness [m], BatPaC price [USD/m2], error in docs/validation.md)
BATPAC_TABLE_5_1 = [("al_foil", 20e-6, 0.80, -0.25), ("cu_foil", 12e-6, 1.80, 0.0005)]


@pytest.mark.parametrize(("foil", "thickness_m", "batpac", "error"), BATPAC_TABLE_5_1)
def test_foil_cost_per_m2_against_batpac(foil: str, thickness_m: float, batpac: float,
                                         error: float) -> None:
    res = cell_cost(sulfide_stack(), options=CostOptions(prices=TEST_PRICES))
    used = next(p for p in res.prices if p.material == foil)
    assert used.source == "bills2020_batterycost"  # the knowledge base's, not a test price
    per_m2 = used.price_USD_per_kg * get(foil).si("density") * thickness_m
    # Al 0.600 USD/m2 (-25 %), Cu 1.801 USD/m2 (+0.05 %)
    assert per_m2 / batpac - 1 == pytest.approx(error, abs=5e-4)
    # the bill of materials charges the stack's foil at that price per kg (areal mass x price)
    item = next(b for b in res.breakdown if b.item == f"material: {foil}")
    assert item.cost_USD_per_m2 == pytest.approx(
        res.areal_masses_kg_per_m2[foil] * used.price_USD_per_kg, rel=1e-12)
