"""conductivity_at refuses a temperature beyond the largest float naming it (H106 audit: an
int such as 10**400 was an OverflowError traceback; 5000 K is the bound)."""

from __future__ import annotations

import pytest

from solidcell.chemistry.conductivity import TEMPERATURE_ALLOWED, conductivity_at
from solidcell.errors import ValidationError


@pytest.mark.parametrize("temperature", [10**400, [300.0, 10**400], 5000.000001])
def test_too_hot_is_refused_naming_the_temperature(temperature: object) -> None:
    with pytest.raises(ValidationError) as info:
        conductivity_at("li6ps5cl", temperature)
    assert info.value.field == "temperature"
    assert TEMPERATURE_ALLOWED in info.value.allowed
