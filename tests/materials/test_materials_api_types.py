"""`get_material` with a wrong type: ValidationError, not a database driver error."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pymatgen.core import Composition

from solidcell.errors import NotFoundError, ValidationError
from solidcell.materials import get


@pytest.mark.parametrize("material_id", [["llzo"], pd.Series(["llzo"]), {"id": "llzo"},
                                         Path("llzo"), Composition("Li7La3Zr2O12")])
def test_get_refuses_non_str_ids(material_id: object) -> None:
    with pytest.raises(ValidationError) as info:
        get(material_id)  # type: ignore[arg-type]
    assert info.value.field == "material" and info.value.value is material_id
    assert "materials list" in str(info.value)


def test_get_none_is_still_not_found() -> None:
    with pytest.raises(NotFoundError):
        get(None)  # type: ignore[arg-type]
