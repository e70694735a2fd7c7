"""``compatibility_matrix``: a misspelt id is refused with the closest ids of its role, and
an id given twice makes one row (it made, and computed, the same row twice)."""

from __future__ import annotations

import pytest

from solidcell.errors import ValidationError
from solidcell.interfaces.compat import compatibility_matrix


@pytest.mark.parametrize(("electrolytes", "electrodes", "field", "close"), [
    (["lpscl"], ["li_metal"], "electrolytes", "li6ps5cl"),
    (["li6ps5cl"], ["nmc81"], "electrodes", "nmc811"),
])
def test_misspelt_id_names_the_close_ids_of_its_role(electrolytes, electrodes, field, close):
    with pytest.raises(ValidationError) as err:
        compatibility_matrix(electrolytes, electrodes)
    assert err.value.field == field
    assert "did you mean" in err.value.allowed and close in err.value.allowed


def test_an_id_given_twice_makes_one_row():
    m = compatibility_matrix(["li6ps5cl", "li6ps5cl"], ["li_metal", "li_metal"])
    assert m.electrolytes == ("li6ps5cl",) and m.electrodes == ("li_metal",)
    assert len(m.pairs) == 1
