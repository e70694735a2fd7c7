"""One JSON writer for results: arrays, NaN/inf, nested to_json objects."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from solidcell.jsonable import dumps, plain


class _Result:
    def to_json(self) -> dict:
        return {"Capacity [A.h]": np.float64(2.5), "Curve": np.array([1.0, np.nan])}


def test_arrays_nan_and_nested_results() -> None:
    data = {"a": float("nan"), "b": [float("inf"), 1.0], "r": _Result(), 3: (1, 2)}
    assert plain(data) == {"a": None, "b": [None, 1.0],
                           "r": {"Capacity [A.h]": 2.5, "Curve": [1.0, None]}, "3": [1, 2]}
    assert json.loads(dumps(data))["r"]["Curve"] == [1.0, None]


def test_unknown_objects_are_named() -> None:
    with pytest.raises(TypeError, match="set"):
        dumps({"x": {1, 2}})


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner,
                                                                 max_size=4),
    max_leaves=20)


@given(json_values)
def test_any_nested_value_becomes_strict_json(value: object) -> None:
    text = dumps(value)  # allow_nan=False: raises if a NaN/inf slipped through
    back = json.loads(text)

    def finite(v: object) -> bool:
        if isinstance(v, float):
            return math.isfinite(v)
        if isinstance(v, list):
            return all(finite(x) for x in v)
        if isinstance(v, dict):
            return all(finite(x) for x in v.values())
        return True

    assert finite(back)
