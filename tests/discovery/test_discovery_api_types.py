"""Flags of `predict_conductivity` must be bools ("no" used to count as true)."""

from __future__ import annotations

import pytest

from solidcell.discovery.predict import predict_conductivity
from solidcell.errors import ValidationError


@pytest.mark.parametrize("field", ["window", "check_balance"])
@pytest.mark.parametrize("value", ["no", 0, None])
def test_flags_must_be_bools(field: str, value: object) -> None:
    with pytest.raises(ValidationError) as info:
        predict_conductivity("Li6PS5Cl", **{field: value})  # type: ignore[arg-type]
    assert info.value.field == field
