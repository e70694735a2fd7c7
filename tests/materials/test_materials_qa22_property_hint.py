"""A misspelt property name gets its close name wherever it is refused: ``Material.values``
and ``get`` of the Python API (they listed the names only), and the measurement record, whose
hint now comes before the list (after ~30 names it was cut off)."""

from __future__ import annotations

import pytest

import solidcell as sc
from solidcell.errors import NotFoundError, ValidationError
from solidcell.materials.measurement import measurement_record


@pytest.mark.parametrize("method", ["values", "get"])
def test_material_lookup_of_a_misspelt_property_names_the_close_one(method):
    llzo = sc.get_material("llzo")
    with pytest.raises(NotFoundError, match=r"did you mean ionic_conductivity\?"):
        getattr(llzo, method)("ionic_conductivty")


def test_measurement_record_says_the_close_name_first():
    with pytest.raises(ValidationError) as err:
        measurement_record("densty", "5 g/cm3", "my-lab")
    allowed = err.value.allowed
    assert err.value.field == "property"
    assert allowed.index("did you mean density?") < allowed.index("allowed: ")
