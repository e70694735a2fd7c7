"""``measurement_record`` (the rules ``materials measure``, the dashboard and the Python API
share) with values of the wrong type: refused by the field's name. Before 2026-12-06 an air
stability given as None (or 5, or a list) was stored as the text 'None', a number without a
unit got as far as the model's "unit: missing", and a list as the property raised TypeError.
The shared rules themselves: temperature_refusal, year_refusal, text_refusal."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.errors import ValidationError
from solidcell.materials.measurement import RECORD_FIELDS, measurement_record
from solidcell.materials.schema import (
    PropertyValue,
    temperature_refusal,
    text_refusal,
    year_refusal,
)


@pytest.mark.parametrize("value", [None, 5, 2.1, np.float64(2.1), ["x"], b"x"], ids=repr)
@pytest.mark.parametrize("name", ["air_stability", "ionic_conductivity"])
def test_a_value_that_is_not_text_is_refused(name: str, value: object) -> None:
    with pytest.raises(ValidationError) as info:
        measurement_record(name, value, "lab")  # type: ignore[arg-type]
    assert info.value.field == "value"


@pytest.mark.parametrize("name", [["density"], None, 5, ("density",)], ids=repr)
def test_a_property_that_is_not_a_known_name_is_refused(name: object) -> None:
    with pytest.raises(ValidationError) as info:
        measurement_record(name, "5 g/cm3", "lab")  # type: ignore[arg-type]
    assert info.value.field == "property"


@settings(max_examples=200, deadline=None)
@given(value=st.text(max_size=20), year=st.one_of(st.none(), st.integers(), st.text(max_size=6)))
def test_any_text_is_a_record_the_model_takes_or_a_refusal_by_field(value: str,
                                                                     year: object) -> None:
    """A record that measurement_record returns for a price is one the model stores or
    refuses by name, never a bare exception."""
    try:
        record = measurement_record("price", value, "lab", year=year)  # type: ignore[arg-type]
    except ValidationError as exc:
        assert exc.field in RECORD_FIELDS
        return
    try:
        PropertyValue(**record)
    except ValidationError as exc:
        assert exc.field in ("value", "unit", "year")


def test_the_shared_rules() -> None:
    assert temperature_refusal("ionic_conductivity") is None
    assert "give no temperature for price" in temperature_refusal("price")
    assert year_refusal("price", True) is None and year_refusal("density", False) is None
    assert "needs the year" in year_refusal("price", False)
    assert "only a price has a year" in year_refusal("density", True)
    assert text_refusal("air_stability", " x ") is None
    assert "takes a text" in text_refusal("air_stability", " \u00a0")
