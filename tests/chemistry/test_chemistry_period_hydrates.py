"""Hydrates and adducts written with an ASCII period, as in plain-text papers and spreadsheets.

pymatgen read 'CaSO4.2H2O' as CaSO5.2H2 and 'Li3InCl6.2H2O' as Li3InCl6.2H2O (Cl 6.2) without a
word, and refused 'LiOH.H2O'; decimal amounts must keep their meaning."""

from __future__ import annotations

import pytest
from pymatgen.core import Composition

from solidcell.chemistry.composition import parse_composition
from solidcell.errors import ValidationError


@pytest.mark.parametrize("written, same_as", [
    ("Li3InCl6.2H2O", "Li3InCl6H4O2"),
    ("CaSO4.2H2O", "CaSO6H4"),
    ("Na2SO4.10H2O", "Na2SO14H20"),
    ("LiOH.H2O", "LiH3O2"),
    ("LiCl.H2O", "LiClH2O"),
    ("Li2SO4.H2O", "Li2SO5H2"),
    ("Li3PS4.LiI", "Li4PS4I"),
    ("Li3PS4. LiI", "Li4PS4I"),
])
def test_period_as_hydrate_dot(written: str, same_as: str) -> None:
    assert parse_composition(written).almost_equals(Composition(same_as))


@pytest.mark.parametrize("written, amounts", [
    ("Li6.4La3Zr1.4Ta0.6O12", {"Li": 6.4, "La": 3, "Zr": 1.4, "Ta": 0.6, "O": 12}),
    ("Li0.33La0.557TiO3", {"Li": 0.33, "La": 0.557, "Ti": 1, "O": 3}),
    ("Li.5La.5TiO3", {"Li": 0.5, "La": 0.5, "Ti": 1, "O": 3}),
    ("Li0.5H2O", {"Li": 0.5, "H": 2, "O": 1}),
    ("Li9.54Si1.74P1.44S11.7Cl0.3", {"Li": 9.54, "Si": 1.74, "P": 1.44, "S": 11.7, "Cl": 0.3}),
])
def test_decimal_amounts_keep_their_meaning(written: str, amounts: dict[str, float]) -> None:
    comp = parse_composition(written)
    assert {str(el): float(n) for el, n in comp.items()} == pytest.approx(amounts)


def test_lower_case_formula_says_symbols_start_with_a_capital() -> None:
    with pytest.raises(ValidationError, match="start with a capital letter") as info:
        parse_composition("li3ps4", field="formula")
    assert info.value.field == "formula" and info.value.value == "li3ps4"
