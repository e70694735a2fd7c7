"""Wrong types at `screen` give ValidationError naming the argument (checked before any
design is evaluated)."""

from __future__ import annotations

from pathlib import Path

import pytest

from solidcell.errors import ValidationError
from solidcell.screening.screen import load_space, screen

EV = Path(__file__).resolve().parents[2] / "examples" / "ev-nmc811-lpscl-li.yaml"
SPACE = {"base": str(EV), "method": "lhs", "n": 10, "seed": 1,
         "parameters": {"cathode.thickness_m": {"min": "30 um", "max": "200 um"}}}


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"chunk_size": 0}, "chunk_size"),          # used to be ValueError from range()
    ({"chunk_size": -5}, "chunk_size"),         # used to screen nothing, silently
    ({"chunk_size": "10"}, "chunk_size"),
    ({"chunk_size": 10.5}, "chunk_size"),
    ({"chunk_size": True}, "chunk_size"),
    ({"progress": "bar"}, "progress"),          # used to be TypeError after the first chunk
    ({"with_cost": "no"}, "with_cost"),
    ({"application": ["ev"]}, "application"),   # used to be TypeError: unhashable
    ({"application": {"name": "ev"}}, "application"),
    ({"scheduler": 3}, "scheduler"),            # used to be Dask's TypeError
    ({"temperature_K": True}, "temperature_K"),
])
def test_screen_option_types(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        screen(SPACE, **kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


@pytest.mark.parametrize("space", [None, 3, 1.5, ["base"]])
def test_space_of_a_wrong_type_is_named(space: object) -> None:
    """None used to be read as the YAML text 'None' and reported as "'str' is not allowed"."""
    with pytest.raises(ValidationError) as info:
        load_space(space)  # type: ignore[arg-type]
    assert info.value.field == "space" and info.value.value is space
