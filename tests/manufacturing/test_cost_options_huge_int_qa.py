"""CostOptions refuses an int beyond the largest float naming its field (H106 audit: it was
an OverflowError traceback from math.isfinite)."""

from __future__ import annotations

import pytest

from solidcell.errors import ValidationError
from solidcell.manufacturing.economics import CostOptions


@pytest.mark.parametrize("options, field", [
    ({"prices": {"nmc811": 10**400}}, "prices.nmc811"),
    ({"interest_rate": 10**400}, "interest_rate"),
])
def test_a_huge_int_is_refused_naming_the_field(options: dict, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        CostOptions(**options).resolved()
    assert info.value.field == field


def test_prices_up_to_the_plausible_limit_are_taken() -> None:
    from solidcell.materials.schema import PROPERTIES

    limit = PROPERTIES["price"].upper
    CostOptions(prices={"nmc811": limit}).resolved()
    with pytest.raises(ValidationError):
        CostOptions(prices={"nmc811": limit * (1 + 1e-9)}).resolved()
