"""Theoretical capacity from composition reproduces Tables 5 and 6 of the review within 1 %.

Source of the reference values: Srivastava, "Solid-state batteries: advances in materials and
architectures", Table 5 (cathodes) and Table 6 (anodes).
"""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from solidcell.chemistry.capacity import faraday_capacity, theoretical_capacity
from solidcell.errors import ValidationError

# formula, exchanged electrons per formula unit, review value [mAh/g], table
REVIEW_TABLES_5_6 = [
    ("LiCoO2", 1, 274, "Table 5"),
    ("LiNi0.8Mn0.1Co0.1O2", 1, 276, "Table 5"),
    ("LiFePO4", 1, 170, "Table 5"),
    ("Li4Ti5O12", 3, 175, "Tables 5 and 6"),
    ("S", 2, 1675, "Table 5"),
    ("Li", 1, 3860, "Table 6"),
    ("C6", 1, 372, "Table 6"),  # LiC6, per gram of graphite
    ("Si", 3.75, 3579, "Table 6"),  # Li15Si4, per gram of Si
]


@pytest.mark.parametrize(("formula", "electrons", "review", "table"), REVIEW_TABLES_5_6)
def test_review_tables_within_one_percent(formula, electrons, review, table) -> None:
    result = theoretical_capacity(formula, electrons)
    assert result.capacity_mAh_g == pytest.approx(review, rel=0.01), table


def test_default_electrons_are_the_lithium_content() -> None:
    assert theoretical_capacity("LiFePO4").electrons == 1
    assert theoretical_capacity("LiFePO4").capacity_mAh_g == pytest.approx(170, rel=0.01)


def test_no_lithium_needs_electrons() -> None:
    with pytest.raises(ValidationError, match="electrons"):
        theoretical_capacity("FePO4")


@pytest.mark.parametrize("bad", ["", "Xx2O", "Li(", "123"])
def test_bad_formula_named(bad: str) -> None:
    with pytest.raises(ValidationError, match="formula"):
        theoretical_capacity(bad, 1)


def test_bad_electrons() -> None:
    with pytest.raises(ValidationError, match="electrons"):
        theoretical_capacity("LiCoO2", -1)


@given(st.floats(0.1, 10), st.floats(1.0, 1000.0))
def test_faraday_scales_linearly(n: float, mass: float) -> None:
    q = faraday_capacity(n, mass)
    assert faraday_capacity(2 * n, mass) == pytest.approx(2 * q)
    assert faraday_capacity(n, 2 * mass) == pytest.approx(q / 2)
