"""Composition features: hand-computed values, invariances and finiteness over random input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.discovery.features import Z_MAX, feature_names, featurize, featurize_fractions
from solidcell.errors import ValidationError

NAMES = feature_names()


def col(name: str) -> int:
    return NAMES.index(name)


def test_hand_computed_li2o() -> None:
    # Li2O: fractions 2/3 Li (Z=3), 1/3 O (Z=8) -> mean Z = 14/3, range 5,
    # average deviation = 2/3*|3-14/3| + 1/3*|8-14/3| = 20/9 (Magpie definitions, Ward 2016).
    x = featurize("Li2O")[0]
    assert x[col("mean Z")] == pytest.approx(14 / 3)
    assert x[col("avg_dev Z")] == pytest.approx(20 / 9)
    assert x[col("min Z")] == 3 and x[col("max Z")] == 8 and x[col("range Z")] == 5
    assert x[col("fraction Li")] == pytest.approx(2 / 3)
    assert x[col("Li per anion")] == pytest.approx(2.0)
    assert x[col("number of elements")] == 2


def test_features_depend_on_fractions_only() -> None:
    a, b = featurize(["Li6PS5Cl", "Li12P2S10Cl2"])
    np.testing.assert_allclose(a, b)
    assert len(a) == len(NAMES)


def test_bad_fraction_matrix_is_refused() -> None:
    with pytest.raises(ValidationError, match="fractions"):
        featurize_fractions(np.zeros((2, 5)))


elements = st.sampled_from(["Li", "O", "S", "P", "Cl", "La", "Zr", "Ta", "Ge", "Al", "H", "Lu"])


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(elements, st.floats(0.01, 20), min_size=1, max_size=6))
def test_statistics_are_finite_and_ordered(amounts: dict[str, float]) -> None:
    formula = "".join(f"{el}{amt:.3f}" for el, amt in amounts.items())
    x = featurize(formula)[0]
    assert np.isfinite(x).all()
    for prop in ("Z", "electronegativity", "atomic_radius"):
        lo, mean, hi = x[col(f"min {prop}")], x[col(f"mean {prop}")], x[col(f"max {prop}")]
        assert lo - 1e-9 <= mean <= hi + 1e-9
    assert x[col("number of elements")] == len(amounts)
    assert Z_MAX >= 71  # Lu is covered


def test_crystal_features_from_number_or_symbol() -> None:
    # Ia-3d is space group 230 (International Tables A); C2/m is 12
    from solidcell.discovery.features import crystal_features

    cubic = [12.97, 12.97, 12.97, 90, 90, 90]
    np.testing.assert_array_equal(crystal_features(230, cubic), crystal_features("Ia-3d", cubic))
    np.testing.assert_array_equal(crystal_features("230", "12.97, 12.97 12.97,90,90,90"),
                                  crystal_features(230, cubic))
    assert crystal_features("C2/m", [6.4, 11.1, 6.4, 90, 109.8, 90])[0] == 12


@settings(max_examples=60, deadline=None)
@given(sg=st.one_of(st.integers(-5, 300), st.text(max_size=6), st.booleans(), st.none()),
       lattice=st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=8))
def test_crystal_features_accept_only_valid_crystal_data(sg, lattice) -> None:
    from solidcell.discovery.features import crystal_features

    valid_lattice = (len(lattice) == 6 and all(np.isfinite(lattice))
                     and all(v > 0 for v in lattice[:3]) and all(0 < v < 180 for v in lattice[3:]))
    try:
        row = crystal_features(sg, lattice)
    except ValidationError as exc:
        assert exc.field in ("crystal.space_group", "crystal.lattice")
        assert exc.field == "crystal.space_group" or not valid_lattice
        return
    assert valid_lattice and 1 <= row[0] <= 230 and not isinstance(sg, bool)
    np.testing.assert_array_equal(row[1:], lattice)
