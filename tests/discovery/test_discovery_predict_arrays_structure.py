"""predict_arrays checks the structure rows it is given (the vectorised core that docs/discovery.md
offers for many compositions): a wrong shape raised IndexError ("index 113 is out of bounds")
or a NumPy ValueError, and a NaN lattice parameter or space group 231 was predicted without a
word (-3.77 for Li7La3Zr2O12 with a = NaN)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.discovery.features import fractions_of
from solidcell.discovery.model import load_model
from solidcell.discovery.predict import predict_arrays, predict_conductivity
from solidcell.errors import ValidationError

LLZO_CELL = [230, 12.97, 12.97, 12.97, 90, 90, 90]  # Ia-3d garnet (murugan2007)


def _fractions(n: int = 1) -> np.ndarray:
    from pymatgen.core import Composition

    return fractions_of([Composition("Li7La3Zr2O12")] * n)


@pytest.mark.parametrize("rows, field", [
    (np.zeros((1, 3)), "structure"),
    (np.zeros((2, 7)), "structure"),
    ("abc", "structure"),
    ([["a"] * 7], "structure"),
    ([[230, np.nan, 12.97, 12.97, 90, 90, 90]], "structure[0]"),
    ([[231, 12.97, 12.97, 12.97, 90, 90, 90]], "structure[0]"),
    ([[229.5, 12.97, 12.97, 12.97, 90, 90, 90]], "structure[0]"),
    ([[230, -12.97, 12.97, 12.97, 90, 90, 90]], "structure[0]"),
    ([[230, 12.97, 12.97, 12.97, 90, 90, 180]], "structure[0]"),
])
def test_bad_structure_rows_are_refused(rows, field) -> None:
    with pytest.raises(ValidationError) as err:
        predict_arrays(_fractions(), model=load_model(kind="structure"), structure=rows)
    assert err.value.field == field


def test_good_rows_predict_as_predict_conductivity() -> None:
    got = predict_arrays(_fractions(), model=load_model(kind="structure"),
                         structure=[LLZO_CELL])["log10"][0]
    ref = predict_conductivity("Li7La3Zr2O12", window=False, crystal={
        "space_group": 230, "lattice": LLZO_CELL[1:]}).log10_conductivity_S_cm
    assert got == ref


@settings(max_examples=30, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=7, max_size=7))
def test_any_row_is_predicted_only_when_it_is_valid_crystal_data(row) -> None:
    """Property: a row is either predicted (finite) or refused by name, never a traceback."""
    try:
        out = predict_arrays(_fractions(), model=load_model(kind="structure"), structure=[row])
    except ValidationError as exc:
        assert exc.field == "structure[0]"
        return
    assert np.isfinite(out["log10"]).all()
    assert 1 <= row[0] <= 230 and all(v > 0 for v in row[1:4])
