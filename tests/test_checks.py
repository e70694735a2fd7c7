"""`solidcell.checks`: argument checks of the public API (a wrong type is a ValidationError
naming the argument, never a TypeError from deep inside)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from solidcell.checks import finite_real, flag, instance, optional_real, real
from solidcell.errors import ValidationError

NOT_NUMBERS = [None, "1.5", b"1", [1.0], {"a": 1}, Path("x"), np.array([1.0]), object()]


@given(st.one_of(st.integers(), st.floats(allow_nan=True, allow_infinity=True)))
def test_real_accepts_every_int_and_float(x: float) -> None:
    out = real("x", x)
    assert isinstance(out, float)
    assert (math.isnan(out) and math.isnan(x)) or out == float(x)


@pytest.mark.parametrize("value", [np.float64(2.5), np.int32(3), np.array(2.5)])
def test_real_accepts_numpy_scalars(value: object) -> None:
    assert real("x", value) == float(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [*NOT_NUMBERS, True, False, np.bool_(True)])
def test_real_refuses_other_types_naming_the_argument(value: object) -> None:
    with pytest.raises(ValidationError) as info:
        real("max_polarisation_V", value, "a voltage [V]")
    assert info.value.field == "max_polarisation_V"
    assert info.value.value is value
    assert "a voltage [V]" in str(info.value)


def test_optional_and_finite() -> None:
    assert optional_real("x", None) is None
    assert optional_real("x", 2) == 2.0
    with pytest.raises(ValidationError):
        finite_real("x", math.inf)


@given(st.one_of(st.integers(), st.floats(), st.text(), st.none(), st.lists(st.booleans())))
def test_flag_accepts_only_bools(value: object) -> None:
    with pytest.raises(ValidationError, match="True or False"):
        flag("charged", value)


def test_flag_passes_bools() -> None:
    assert flag("x", True) is True and flag("x", np.bool_(False)) is False


def test_instance() -> None:
    assert instance("x", 3, int, "an int") == 3
    with pytest.raises(ValidationError, match="not a str"):
        instance("x", "3", int, "an int")
