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
    # F / (3.6 M) with M(LiFePO4) = 157.76 g/mol: 169.9 mAh/g, the familiar 170 mAh/g
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


# Faraday's law by hand: q = n F / (3.6 M), F = 96485.33212 C/mol (CODATA 2018)
@pytest.mark.parametrize(("formula", "n", "molar_mass", "basis"), [
    ("Li4Ti5O12", 3, 459.0918, "lto"),        # Li4Ti5O12 -> Li7Ti5O12, review 175 mAh/g
    ("Si", 3.75, 28.0855, "silicon"),         # Li15Si4 per g Si, review 3579
    ("C6", 1, 72.066, "graphite"),            # LiC6 per g C, review 372
    ("S", 2, 32.065, "sulfur"),               # Li2S per g S, review 1675
    ("LiMn2O4", 1, 180.8147, "lmo"),
    ("Li2S", 2, 45.947, "all Li"),            # not curated: all its Li
    ("LiNi0.5Mn1.5O4", 1, 182.6924, "all Li"),
])
def test_default_electrons_by_hand(formula: str, n: float, molar_mass: float,
                                   basis: str) -> None:
    """Without --electrons, Li4Ti5O12 used to get 4 electrons (233.5 instead of 175 mAh/g)
    and Si, C6 and S were refused, although the knowledge base knows their exchange."""
    result = theoretical_capacity(formula)
    assert result.electrons == n
    assert result.capacity_mAh_g == pytest.approx(n * 96485.33212 / (3.6 * molar_mass),
                                                  rel=1e-4)
    assert basis in result.electrons_basis
    assert result.to_json()["Exchanged electrons from"] == result.electrons_basis


def test_curated_exchange_is_the_default_for_every_active_material() -> None:
    from solidcell.materials.store import curated_materials

    active = [m for m in curated_materials() if m.category in ("anode", "cathode")]
    assert len(active) >= 12  # the curated anodes and cathodes (materials/data/*.yaml)
    for m in active:
        assert m.exchanged_ions is not None, m.id  # every active material declares it
        got = theoretical_capacity(m.formula)
        assert got.capacity_mAh_g == theoretical_capacity(m.formula,
                                                          m.exchanged_ions).capacity_mAh_g
        assert got.capacity_mAh_g == pytest.approx(m.si("theoretical_capacity"), rel=0.01)


@given(st.floats(1e306, 1e308))
def test_overflowing_electrons_refused(n: float) -> None:
    with pytest.raises(ValidationError, match="electrons"):
        theoretical_capacity("LiCoO2", n)


def test_curated_exchange_validates_only_the_entries_that_give_it() -> None:
    """The capacity of a formula reads exchanged_ions from the curated entries that give it
    (validated), as curated_materials() does, without validating the 53 entries (which loaded
    pint: about 0.5 s of every `evaluate`)."""
    import subprocess
    import sys

    from solidcell.chemistry.capacity import _curated_exchange
    from solidcell.chemistry.composition import parse_composition
    from solidcell.materials.store import curated_materials, curated_materials_giving

    full = [m for m in curated_materials() if m.exchanged_ions is not None]
    assert [m.id for m in curated_materials_giving("exchanged_ions")] == [m.id for m in full]
    assert _curated_exchange() == tuple((parse_composition(m.formula), float(m.exchanged_ions),
                                         m.id) for m in full if m.formula)
    code = ("from solidcell.chemistry.capacity import theoretical_capacity\n"
            "from solidcell.materials.store import curated_materials\n"
            "r = theoretical_capacity('Li4Ti5O12')\n"
            "print(r.electrons, r.electrons_basis, curated_materials.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["3.0", "knowledge", "base:", "lto", "(exchanged_ions)", "0"]
