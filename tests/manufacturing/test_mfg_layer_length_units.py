"""A layer length typed with a unit that is 1 m or more is refused naming the field, the text
and the limit, without the hint meant for a bare number: ``thickness: 30 furlong`` was told
"a bare number is in metres: write '6035.05 um' if micrometres were meant"."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solidcell.errors import ValidationError
from solidcell.manufacturing.layers import MAX_LENGTH_M, LayerStack


def _stack(thickness: object) -> dict:
    return {"name": "s", "areal_energy": "150 Wh/m2", "layers": [
        {"name": "sep", "role": "electrolyte", "material": "li6ps5cl", "thickness": thickness}]}


@settings(max_examples=30, deadline=None)
@given(value=st.floats(1.0, 1e4), unit=st.sampled_from(["m", "mm", "cm", "km", "furlong"]))
def test_a_length_with_a_unit_at_or_above_1_m_names_the_text_and_no_bare_number_hint(
        value: float, unit: str) -> None:
    scale = {"m": 1.0, "mm": 1e-3, "cm": 1e-2, "km": 1e3, "furlong": 201.168}[unit]
    if value * scale < MAX_LENGTH_M:
        return
    text = f"{value:g} {unit}"
    with pytest.raises(ValidationError) as err:
        LayerStack.from_dict(_stack(text))
    msg = str(err.value)
    assert "layers[0].thickness" in msg and repr(text) in msg and "below 1 m" in msg
    assert "bare number" not in msg


def test_a_bare_number_keeps_its_hint() -> None:
    with pytest.raises(ValidationError, match=r"write '30 um' if micrometres were meant"):
        LayerStack.from_dict(_stack(30))
