"""Wrong types at the chemistry entry points give ValidationError naming the argument."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from solidcell.chemistry.capacity import theoretical_capacity
from solidcell.chemistry.conductivity import conductivity_at
from solidcell.errors import ValidationError


@pytest.mark.parametrize("electrons", [[1], np.array([1.0]), pd.Series([1.0]), {"n": 1},
                                       Path("1"), b"1", "", "2", True])
def test_electrons_of_a_wrong_type_are_refused(electrons: object) -> None:
    """Used to be TypeError/ValueError from float() (and True counted as 1 electron)."""
    with pytest.raises(ValidationError) as info:
        theoretical_capacity("LiFePO4", electrons)
    assert info.value.field == "electrons"


def test_electrons_numpy_scalar_accepted() -> None:
    assert theoretical_capacity("LiFePO4", np.int64(1)).capacity_mAh_g == pytest.approx(
        theoretical_capacity("LiFePO4", 1.0).capacity_mAh_g)


@pytest.mark.parametrize("temperature", [None, "300", b"300", {"T": 300},
                                         Path("300"), True, np.array([True, False])])
def test_temperature_of_a_wrong_type_is_refused(temperature: object) -> None:
    """Used to be TypeError/ValueError from np.asarray (and None was reported as nan)."""
    with pytest.raises(ValidationError) as info:
        conductivity_at("lgps", temperature)  # type: ignore[arg-type]
    assert info.value.field == "temperature"
    assert info.value.value is temperature


def test_temperature_as_series_and_list() -> None:
    t = [300.0, 333.15]
    a = conductivity_at("lgps", pd.Series(t)).ionic_conductivity_S_m
    b = conductivity_at("lgps", t).ionic_conductivity_S_m
    np.testing.assert_allclose(a, b)


@settings(max_examples=25, deadline=None)
@given(arrays(float, array_shapes(max_dims=3, max_side=4),
              elements=st.floats(200.0, 500.0)))
def test_conductivity_keeps_the_shape_of_the_temperature_array(t: np.ndarray) -> None:
    res = conductivity_at("lgps", t)
    assert res.ionic_conductivity_S_m.shape == t.shape
    assert np.all(res.ionic_conductivity_S_m > 0)


@pytest.mark.parametrize("material", [["lgps"], pd.Series(["lgps"]), {"id": "lgps"},
                                      Path("lgps")])
def test_material_of_a_wrong_type_is_refused(material: object) -> None:
    """Used to be sqlalchemy ProgrammingError (sqlite cannot bind a list/Path/dict)."""
    with pytest.raises(ValidationError) as info:
        conductivity_at(material, 300.0)  # type: ignore[arg-type]
    assert info.value.field == "material"


def test_result_does_not_alias_the_input_array() -> None:
    """`temperature_K` used to be the caller's own array: changing one changed the other."""
    t = np.array([300.0, 310.0])
    res = conductivity_at("lgps", t)
    t[0] = 1000.0
    assert res.temperature_K[0] == 300.0
