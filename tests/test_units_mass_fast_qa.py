"""The mass units read without pint (``units._FAST['mass']``: kg, g, mg) give exactly the value
of units' pint path (pint's float made the exact decimal result, tests/test_units_exact.py),
and the units the table lacks ('G' is gauss, 'gram', 'Mg', 't') still go to pint with its
answer or refusal."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell import units
from solidcell.errors import UnitError


@settings(max_examples=500, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300),
       st.sampled_from(["kg", "g", "mg"]))
def test_the_table_equals_pint(x: float, unit: str) -> None:
    """The pint path of units.parse: pint's float made the nearest float of the exact decimal
    product (g, mg: decimal factors; tests/test_units_exact.py)."""
    raw = float(units.quantity(f"{x!r} {unit}", "mass").to("kg").magnitude)
    pint_value = units._exactly(x, unit, "mass", raw)
    assert pint_value == pytest.approx(raw, rel=1e-15, abs=1e-300)
    assert units.parse(f"{x!r} {unit}", "mass") == pint_value
    assert units.parse(x, "mass", unit) == pint_value


@pytest.mark.parametrize(("text", "kg"), [("2 g", 0.002), ("2 gram", 0.002), ("-2 g", -0.002),
                                          ("2 kg", 2.0), ("2 Mg", 2000.0), ("2g", 0.002)])
def test_spellings(text: str, kg: float) -> None:
    assert units.parse(text, "mass") == pytest.approx(kg, rel=1e-15)


@pytest.mark.parametrize("text", ["2 G", "nan g", "inf g", "1e400 g", "2 g/", "0x2 g"])
def test_refusals(text: str) -> None:
    with pytest.raises(UnitError, match="mass"):
        units.parse(text, "mass")
