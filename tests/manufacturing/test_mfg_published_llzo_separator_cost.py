"""The cost of a thin garnet (LLZO) separator against the estimate of Balaish et al. 2021.

Balaish et al., Nat. Energy 6, 227 (2021) (``balaish2021_thin_electrolytes``), caption of their
cost figure, as reproduced by TechXplore (2021-03, "Credit: Balaish et al."): "The estimated
solid-electrolyte production costs for SSB is based on the processing costs for a referenced
SOFC technology (that is US$7.5 m-2) and a 20 um theoretically dense LLZO electrolyte with a
price of US$10-50 kg-1 (or US$1-5 m-2) assuming mass production". The user's path is
``cell_cost`` of a cell whose separator is 20 um of dense LLZO, read per m2 in the breakdown.
"""

from __future__ import annotations

import pytest
from mfg_stacks import TEST_PRICES, sulfide_stack

from solidcell.manufacturing.cost import cell_cost
from solidcell.manufacturing.economics import CostOptions

#: Balaish et al. 2021: dense LLZO separator thickness of their estimate [m]
BALAISH_THICKNESS = "20 um"
#: Balaish et al. 2021: LLZO price range [USD/kg] and the material cost per m2 they state
BALAISH_PRICES_USD_KG = (10.0, 50.0)
BALAISH_MATERIAL_USD_M2 = (1.0, 5.0)
#: Balaish et al. 2021: processing cost of the separator, taken from an SOFC technology [USD/m2]
BALAISH_PROCESSING_USD_M2 = 7.5


def _llzo_separator_cell(price: float):
    """The sulfide test stack with its separator replaced by 20 um of LLZO (no areal mass
    given: the knowledge base's density, murugan2007, makes it dense)."""
    stack = sulfide_stack()
    sep = next(layer for layer in stack["layers"] if layer["role"] == "electrolyte")
    sep.clear()
    sep.update({"name": "separator", "role": "electrolyte", "material": "llzo",
                "thickness": BALAISH_THICKNESS})
    return cell_cost(stack, options=CostOptions(prices={**TEST_PRICES, "llzo": price}))


def cell_cost_ok(price: float):
    result = _llzo_separator_cell(price)
    assert result.has_cost, result.reason
    return result


def _item(result, prefix: str) -> float:
    return next(i.cost_USD_per_m2 for i in result.breakdown if i.item.startswith(prefix))


def test_llzo_material_cost_per_m2_is_balaishs() -> None:
    """1.02 and 5.12 USD/m2 at 10 and 50 USD/kg against Balaish's rounded 1-5 USD/m2: +2 %
    (the knowledge base's 5.115 g/cm3 times 20 um). Only the density and the areal-mass
    arithmetic are checked: the knowledge base's LLZO price comes from the same source."""
    for price, expected in zip(BALAISH_PRICES_USD_KG, BALAISH_MATERIAL_USD_M2, strict=True):
        result = cell_cost_ok(price)
        material = _item(result, "material: llzo")
        assert material == pytest.approx(expected, rel=0.05)
        assert material == pytest.approx(0.1023 * price, rel=1e-3)


def test_llzo_separator_processing_is_half_of_balaishs_sofc_figure() -> None:
    """The route makes the separator by tape casting (sintering included in the entry) for
    3.76 USD/m2 (200 s/m2 on a 2e6 USD caster: 2.76 USD/m2 of equipment, plus 1.0 USD/m2 of
    consumables and 0.0024 USD/m2 of kiln fuel), -50 % against the 7.5 USD/m2 Balaish et al.
    take from SOFC processing. A disagreement, not tuned: the tape-casting entry is an estimate
    without a sintering furnace of its own (its fuel is costed, no furnace capex or dwell time;
    docs/validation.md), and Balaish's
    figure is an SOFC proxy, not an ASSB line."""
    result = cell_cost_ok(BALAISH_PRICES_USD_KG[0])
    sep = next(s for s in result.route.steps if s.layer == "separator")
    assert sep.process == "tape_casting"
    processing = _item(result, "process: tape_casting (separator)")
    assert processing == pytest.approx(3.76, abs=0.01)
    error = processing / BALAISH_PROCESSING_USD_M2 - 1.0
    assert error == pytest.approx(-0.50, abs=0.01)
