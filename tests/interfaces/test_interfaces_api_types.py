"""Wrong types at `stability_window` give ValidationError naming the argument."""

from __future__ import annotations

import pytest

from solidcell.errors import ValidationError
from solidcell.interfaces.stability import stability_window


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"table": {"Li2S": -1.0}}, "table"),          # used to be AttributeError ('.vector')
    ({"table": "zhu2015"}, "table"),
    ({"use_standin": "no"}, "use_standin"),
    ({"allow_assemblage": 1}, "allow_assemblage"),
    ({"open_element": 3}, "open_element"),
])
def test_stability_window_option_types(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        stability_window("Li6PS5Cl", **kwargs)  # type: ignore[arg-type]
    assert info.value.field == field
