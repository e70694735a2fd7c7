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
